"""hOCR 1.2 (XHTML): ``ocr_page`` > ``ocr_carea`` > ``ocr_par`` > ``ocr_line`` > ``ocrx_word``.

Every element has a ``bbox`` of non-negative integer pixels clamped to the page; words carry
``x_wconf`` (0–100) when their confidence is known. Lines are written in reading order. Lines whose
words have no boxes (Huawei blocks, Tencent characters) are written as one word spanning the line.

Handwriting: hOCR 1.2 defines no property for how text was produced; it reserves names starting with
``x_`` for engine-specific ones. A line whose provider says whether it is handwritten (Azure Read
v3.2's style) gets ``x_style handwriting 0.962`` (the style's name, then its confidence 0..1 when
known) in its ``ocr_line`` title.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from handwriting_ocr.documents.geometry import line_polygon, rectangle, union_box
from handwriting_ocr.documents.model import Document
from handwriting_ocr.export._layout import (
    DEFAULT_DPI,
    line_words,
    page_frame,
    reading_order,
    style_token,
    unit_interval,
    word_confidence_percent,
)
from handwriting_ocr.export._xml import serialize, xml_text

__all__ = ["HOCR_CAPABILITIES", "to_hocr"]

_XHTML = "http://www.w3.org/1999/xhtml"
_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
HOCR_CAPABILITIES = "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"


def _el(parent: ET.Element, tag: str, attrib: dict[str, str], text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_XHTML}}}{tag}", {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _bbox(box: tuple[int, int, int, int]) -> str:
    return f"bbox {box[0]} {box[1]} {box[2]} {box[3]}"


def to_hocr(doc: Document, *, image_name: str | None = None, dpi: int = DEFAULT_DPI) -> str:
    """The Document as an hOCR 1.2 XHTML document (one ``ocr_page`` per page)."""
    ET.register_namespace("", _XHTML)
    html = ET.Element(
        f"{{{_XHTML}}}html", {"{http://www.w3.org/XML/1998/namespace}lang": "und", "lang": "und"}
    )
    head = _el(html, "head", {})
    _el(head, "title", {}, image_name or "OCR result")
    _el(head, "meta", {"http-equiv": "Content-Type", "content": "text/html;charset=utf-8"})
    _el(head, "meta", {"name": "ocr-system", "content": f"handwriting-ocr ({doc.shape})"})
    _el(head, "meta", {"name": "ocr-capabilities", "content": HOCR_CAPABILITIES})
    body = _el(html, "body", {})
    for p, page in enumerate(doc.pages, start=1):
        frame = page_frame(page, dpi)
        title = f"bbox 0 0 {frame.width} {frame.height}; ppageno {p - 1}"
        if image_name is not None:
            escaped = image_name.replace("\\", "\\\\").replace('"', '\\"')
            title = f'image "{escaped}"; {title}'
        page_el = _el(body, "div", {"class": "ocr_page", "id": f"page_{p}", "title": title})
        lines = reading_order(page.lines)
        if not lines:
            continue
        content = union_box(line_polygon(line) for line in lines)
        area_box = frame.box(rectangle(content) if content else ())
        area = _el(page_el, "div", {"class": "ocr_carea", "id": f"block_{p}_1", "title": _bbox(area_box)})
        par = _el(area, "p", {"class": "ocr_par", "id": f"par_{p}_1", "title": _bbox(area_box)})
        for n, line in enumerate(lines, start=1):
            line_title = _bbox(frame.box(line_polygon(line)))
            if line.style is not None:
                line_title += f"; x_style {style_token(line.style.kind)}"
                if line.style.confidence is not None:
                    line_title += f" {unit_interval(line.style.confidence)}"
            line_el = _el(par, "span", {"class": "ocr_line", "id": f"line_{p}_{n}", "title": line_title})
            for k, word in enumerate(line_words(line), start=1):
                word_title = _bbox(frame.box(word.polygon or ()))
                if word.confidence is not None:
                    word_title += f"; x_wconf {word_confidence_percent(word.confidence)}"
                _el(
                    line_el,
                    "span",
                    {"class": "ocrx_word", "id": f"word_{p}_{n}_{k}", "title": word_title},
                    word.text,
                )
    return serialize(html, doctype=_DOCTYPE)

"""ALTO 4.2 (namespace ``http://www.loc.gov/standards/alto/ns-v4#``), measurement unit ``pixel``.

One ``Page`` per page (``PHYSICAL_IMG_NR`` = its position; one empty page for a Document without
pages, as ALTO requires a page), one ``TextBlock`` holding the lines in
reading order, ``TextLine`` > ``String`` (+ ``SP`` between strings). Boxes are ``HPOS``/``VPOS``/
``WIDTH``/``HEIGHT`` in non-negative integer pixels clamped to the page; ``WC`` is the word
confidence on ALTO's 0..1 scale (left out when unknown).

Handwriting: ALTO 4.2 has no attribute for how text was produced; its ``Tags`` can say it. Each line
style that occurs (Azure Read v3.2's ``handwriting`` / ``other``) becomes one
``<LayoutTag ID="style_1" TYPE="textStyle" LABEL="handwriting"/>`` (a layout tag is, in ALTO's words,
about "graphical appearance"), and each styled ``TextLine`` refers to it with ``TAGREFS``. A tag is
shared by its lines, so the style's per-line confidence is not written in ALTO.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from handwriting_ocr.documents.geometry import line_polygon, rectangle, union_box
from handwriting_ocr.documents.model import Document, Page
from handwriting_ocr.export._layout import DEFAULT_DPI, line_words, page_frame, reading_order, unit_interval
from handwriting_ocr.export._xml import serialize, xml_text

__all__ = ["ALTO_NAMESPACE", "to_alto"]

ALTO_NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{ALTO_NAMESPACE} http://www.loc.gov/alto/v4/alto-4-2.xsd"


def _el(
    parent: ET.Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{ALTO_NAMESPACE}}}{tag}", {k: xml_text(v) for k, v in (attrib or {}).items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _box_attrs(box: tuple[int, int, int, int]) -> dict[str, str]:
    left, top, right, bottom = box
    return {"HPOS": str(left), "VPOS": str(top), "WIDTH": str(right - left), "HEIGHT": str(bottom - top)}


def to_alto(doc: Document, *, image_name: str | None = None, dpi: int = DEFAULT_DPI) -> str:
    """The Document as an ALTO 4.2 XML document."""
    ET.register_namespace("", ALTO_NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(
        f"{{{ALTO_NAMESPACE}}}alto",
        {f"{{{_XSI}}}schemaLocation": _SCHEMA_LOCATION, "SCHEMAVERSION": "4.2"},
    )
    description = _el(root, "Description")
    _el(description, "MeasurementUnit", text="pixel")
    if image_name is not None:
        _el(_el(description, "sourceImageInformation"), "fileName", text=image_name)
    processing = _el(description, "Processing", {"ID": "processing_1"})
    _el(processing, "processingStepSettings", text=f"converted from {doc.shape}")
    software = _el(processing, "processingSoftware")
    _el(software, "softwareName", text="handwriting-ocr")
    layout = _el(root, "Layout")
    style_tags: dict[str, str] = {}  # style name -> tag ID, in order of first use
    # ALTO's Layout holds at least one Page: a Document without pages is written as one empty page.
    for p, page in enumerate(doc.pages or (Page(1),), start=1):
        frame = page_frame(page, dpi)
        page_el = _el(
            layout,
            "Page",
            {
                "ID": f"page_{p}",
                "PHYSICAL_IMG_NR": str(p),
                "WIDTH": str(frame.width),
                "HEIGHT": str(frame.height),
            },
        )
        space = _el(page_el, "PrintSpace", _box_attrs((0, 0, frame.width, frame.height)))
        lines = [line for line in reading_order(page.lines) if line_words(line)]
        if not lines:
            continue
        content = union_box(line_polygon(line) for line in lines)
        block = _el(
            space,
            "TextBlock",
            {"ID": f"block_{p}", **_box_attrs(frame.box(rectangle(content) if content else ()))},
        )
        for n, line in enumerate(lines, start=1):
            line_attrib = {"ID": f"line_{p}_{n}", **_box_attrs(frame.box(line_polygon(line)))}
            if line.style is not None:
                tag = style_tags.setdefault(line.style.kind, f"style_{len(style_tags) + 1}")
                line_attrib["TAGREFS"] = tag
            line_el = _el(block, "TextLine", line_attrib)
            for k, word in enumerate(line_words(line), start=1):
                if k > 1:
                    _el(line_el, "SP")
                attrib = {
                    "ID": f"string_{p}_{n}_{k}",
                    "CONTENT": word.text,
                    **_box_attrs(frame.box(word.polygon or ())),
                }
                if word.confidence is not None:
                    attrib["WC"] = unit_interval(word.confidence)
                _el(line_el, "String", attrib)
    if style_tags:
        # Tags come between Description (and Styles) and Layout.
        tags = ET.Element(f"{{{ALTO_NAMESPACE}}}Tags")
        for kind, tag_id in style_tags.items():
            _el(tags, "LayoutTag", {"ID": tag_id, "TYPE": "textStyle", "LABEL": kind})
        root.insert(list(root).index(layout), tags)
    return serialize(root)

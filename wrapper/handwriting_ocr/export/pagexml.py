"""PAGE XML 2019-07-15 (namespace ``http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15``).

PAGE describes one image per file, so :func:`to_page_xml` writes one page (the first by default) and
:func:`to_page_xml_pages` all of them. Each page has one ``TextRegion`` (its outline: the box around
its lines) with the lines in reading order, listed in ``ReadingOrder``; ``TextLine`` and ``Word`` carry
``Coords points="x,y x,y ..."`` (non-negative integer pixels clamped to the page; outlines with fewer
than three points become their box) and ``TextEquiv`` with ``conf`` on PAGE's 0..1 scale when known.

Handwriting: a line whose provider says how it was produced (Azure Read v3.2's style, see
:class:`~handwriting_ocr.documents.TextStyle`) gets ``custom="appearance {style:handwriting;
confidence:0.962;}"`` on its ``TextLine`` (PAGE's free ``custom`` attribute, in the ``name {key:value;}``
form other PAGE tools use). PAGE's own ``production`` attribute has no value for "handwritten" as such
(only ``handwritten-cursive`` and ``handwritten-printscript``), and Azure's ``other`` does not say
printed or typewritten, so ``production`` is written only when the caller says what each style means
for their documents: ``production={"handwriting": "handwritten-cursive", "other": "printed"}``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Literal, get_args

from handwriting_ocr.documents.geometry import line_polygon, rectangle, union_box
from handwriting_ocr.documents.model import Document, Line, Page, Polygon, TextStyleKind
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.export._layout import (
    DEFAULT_DPI,
    PageFrame,
    line_words,
    page_frame,
    reading_order,
    style_token,
    unit_interval,
)
from handwriting_ocr.export._xml import serialize, xml_text

__all__ = ["PAGE_NAMESPACE", "PageProduction", "to_page_xml", "to_page_xml_pages"]

PAGE_NAMESPACE = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{PAGE_NAMESPACE} {PAGE_NAMESPACE}/pagecontent.xsd"

#: The values of PAGE's ``production`` attribute (``ProductionSimpleType`` in the 2019 schema).
PageProduction = Literal[
    "printed", "typewritten", "handwritten-cursive", "handwritten-printscript", "medieval-manuscript", "other"
]
_PRODUCTIONS: tuple[str, ...] = get_args(PageProduction)


def _el(
    parent: ET.Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{PAGE_NAMESPACE}}}{tag}", {k: xml_text(v) for k, v in (attrib or {}).items()}
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _points(frame: PageFrame, polygon: Polygon) -> str:
    points = frame.points(polygon)
    if len(set(points)) < 3:
        left, top, right, bottom = frame.box(polygon)
        points = [(left, top), (right, top), (right, bottom), (left, bottom)]
    return " ".join(f"{x},{y}" for x, y in points)


def _text_equiv(parent: ET.Element, text: str, confidence: float | None) -> None:
    attrib = {} if confidence is None else {"conf": unit_interval(confidence)}
    _el(_el(parent, "TextEquiv", attrib), "Unicode", text=text)


def _check_production(production: Mapping[TextStyleKind | str, PageProduction] | None) -> dict[str, str]:
    if production is None:
        return {}
    if not isinstance(production, Mapping):
        raise InvalidInputError(
            "production must map style names to PAGE production values", field="production"
        )
    for kind, value in production.items():
        if value not in _PRODUCTIONS:
            raise InvalidInputError(
                f"production[{kind!r}] must be one of {', '.join(_PRODUCTIONS)}, not {value!r}",
                field="production",
            )
    return dict(production)


def _line_attributes(line: Line, line_id: str, production: Mapping[str, str]) -> dict[str, str]:
    attrib = {"id": line_id}
    style = line.style
    if style is not None:
        confidence = "" if style.confidence is None else f" confidence:{unit_interval(style.confidence)};"
        attrib["custom"] = f"appearance {{style:{style_token(style.kind)};{confidence}}}"
        if style.kind in production:
            attrib["production"] = production[style.kind]
    return attrib


def _page(
    doc: Document,
    page: Page,
    index: int,
    image_name: str,
    created: datetime,
    dpi: int,
    production: Mapping[str, str],
) -> str:
    ET.register_namespace("", PAGE_NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(
        f"{{{PAGE_NAMESPACE}}}PcGts",
        {f"{{{_XSI}}}schemaLocation": _SCHEMA_LOCATION, "pcGtsId": f"pc_{index}"},
    )
    stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    metadata = _el(root, "Metadata")
    _el(metadata, "Creator", text="handwriting-ocr")
    _el(metadata, "Created", text=stamp)
    _el(metadata, "LastChange", text=stamp)
    _el(metadata, "Comments", text=f"converted from {doc.shape}")
    frame = page_frame(page, dpi)
    page_el = _el(
        root,
        "Page",
        {"imageFilename": image_name, "imageWidth": str(frame.width), "imageHeight": str(frame.height)},
    )
    lines = [line for line in reading_order(page.lines) if line_polygon(line) or line.text]
    if not lines:
        return serialize(root)
    region_id = f"r{index}"
    order = _el(page_el, "ReadingOrder")
    group = _el(order, "OrderedGroup", {"id": f"ro{index}"})
    _el(group, "RegionRefIndexed", {"index": "0", "regionRef": region_id})
    region = _el(page_el, "TextRegion", {"id": region_id, "type": "paragraph"})
    content = union_box(line_polygon(line) for line in lines)
    _el(region, "Coords", {"points": _points(frame, rectangle(content) if content else ())})
    for n, line in enumerate(lines, start=1):
        line_el = _el(region, "TextLine", _line_attributes(line, f"{region_id}_l{n}", production))
        _el(line_el, "Coords", {"points": _points(frame, line_polygon(line))})
        for k, word in enumerate(line_words(line), start=1):
            word_el = _el(line_el, "Word", {"id": f"{region_id}_l{n}_w{k}"})
            _el(word_el, "Coords", {"points": _points(frame, word.polygon or ())})
            _text_equiv(word_el, word.text, word.confidence)
        _text_equiv(line_el, line.text, line.confidence)
    _text_equiv(region, "\n".join(line.text for line in lines), None)
    return serialize(root)


def to_page_xml_pages(
    doc: Document,
    *,
    image_name: str = "image",
    created: datetime | None = None,
    dpi: int = DEFAULT_DPI,
    production: Mapping[TextStyleKind | str, PageProduction] | None = None,
) -> list[str]:
    """One PAGE XML document per page. ``created`` (UTC) defaults to now; pass it for reproducible output.

    ``production`` maps line styles to PAGE ``production`` values (see the module docstring); lines
    whose style it does not name, and lines without a style, get no ``production`` attribute.
    """
    productions = _check_production(production)
    when = created or datetime.now(UTC)
    return [
        _page(doc, page, i, image_name, when, dpi, productions) for i, page in enumerate(doc.pages, start=1)
    ]


def to_page_xml(
    doc: Document,
    *,
    page: int = 1,
    image_name: str = "image",
    created: datetime | None = None,
    dpi: int = DEFAULT_DPI,
    production: Mapping[TextStyleKind | str, PageProduction] | None = None,
) -> str:
    """The PAGE XML document of one page (``page`` counts from 1, in the Document's page order);
    ``production`` as for :func:`to_page_xml_pages`."""
    productions = _check_production(production)
    if not 1 <= page <= len(doc.pages):
        raise InvalidInputError(
            f"page {page} does not exist; the document has {len(doc.pages)}", field="page"
        )
    return _page(doc, doc.pages[page - 1], page, image_name, created or datetime.now(UTC), dpi, productions)

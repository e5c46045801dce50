"""Every export from every provider's seed example: well-formed, the elements and attributes each format
requires, integer coordinates clamped to the page, confidences on each format's scale."""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document, Line, Page, Shape, Word
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.export import to_alto, to_hocr, to_json, to_page_xml, to_page_xml_pages, to_text
from hypothesis import HealthCheck, given, settings
from lxml import etree

from tests.documents.seeds import load_fixture, seed_document
from tests.documents.strategies import STRATEGIES

XHTML = "{http://www.w3.org/1999/xhtml}"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


# --- text -------------------------------------------------------------------------------------------


def test_text_is_in_reading_order() -> None:
    # Seed 000 lists "in never failing ," last although it is the second line on the page.
    assert to_text(seed_document("azure-read")) == (
        "Our greatest glory is not\nin never failing ,\nbut in rising every time we fall\n"
    )
    # Seed 001's "dog" overlaps the first line vertically but sits under its start: its own row.
    assert to_text(seed_document("azure-text")) == (
        "The quick brown fox jumps over the lazy\ndog\nPack my box with five dozen liquor jugs\n"
    )
    assert to_text(seed_document("tencent")).splitlines()[0] == "只要有百分之一的希些"


def test_text_puts_side_by_side_lines_left_to_right_and_separates_pages() -> None:
    right = Line("right", ((500, 10), (700, 10), (700, 40), (500, 40)))
    left = Line("left", ((10, 12), (200, 12), (200, 42), (10, 42)))
    below = Line("below", ((10, 60), (200, 60), (200, 90), (10, 90)))
    doc = Document("huawei", "huawei", (Page(1, (below, right, left)), Page(2, (left,))))
    assert to_text(doc) == "left\nright\nbelow\fleft\n"
    assert to_text(Document("huawei", "huawei", ())) == ""


def test_json_export_is_the_document_form(seed_shape: Shape) -> None:
    doc = seed_document(seed_shape)
    assert Document.from_json(to_json(doc)) == doc


# --- hOCR -------------------------------------------------------------------------------------------

_BBOX = re.compile(r"(?:^|; )bbox (\d+) (\d+) (\d+) (\d+)(?:;|$)")


def _bbox(title: str) -> tuple[int, int, int, int]:
    found = _BBOX.search(title)
    assert found, title
    x0, y0, x1, y1 = (int(v) for v in found.groups())
    return x0, y0, x1, y1


def test_hocr_has_pages_lines_words_with_boxes_and_confidences(seed_shape: Shape) -> None:
    doc = seed_document(seed_shape)
    root = parse(to_hocr(doc, image_name="seed.png"))
    assert root.tag == f"{XHTML}html"
    metas = {m.get("name"): m.get("content") or "" for m in root.iter(f"{XHTML}meta") if m.get("name")}
    assert set(metas["ocr-capabilities"].split()) >= {"ocr_page", "ocr_line", "ocrx_word", "ocrp_wconf"}
    pages = [e for e in root.iter() if e.get("class") == "ocr_page"]
    assert len(pages) == len(doc.pages)
    page_box = _bbox(pages[0].get("title", ""))
    assert page_box[:2] == (0, 0) and 'image "seed.png"' in pages[0].get("title", "")
    lines = [e for e in root.iter() if e.get("class") == "ocr_line"]
    assert len(lines) == len(doc.pages[0].lines)
    for element in root.iter():
        title = element.get("title")
        if element.get("class") in ("ocr_line", "ocrx_word", "ocr_par", "ocr_carea"):
            x0, y0, x1, y1 = _bbox(title or "")
            assert 0 <= x0 <= x1 <= page_box[2] and 0 <= y0 <= y1 <= page_box[3]
        if element.get("class") == "ocrx_word" and "x_wconf" in (title or ""):
            conf = int(re.search(r"x_wconf (\d+)", title or "").group(1))  # type: ignore[union-attr]
            assert 0 <= conf <= 100
    # Words are separated by spaces, except Tencent API 3.0's characters.
    joiner = "" if seed_shape == "tencent-v3" else " "
    texts = [joiner.join(w.text or "" for w in line) for line in lines]
    assert sorted(texts) == sorted(line.text for line in doc.pages[0].lines) or seed_shape == "azure-ocr"


def test_hocr_word_confidence_is_a_percentage() -> None:
    root = parse(to_hocr(seed_document("azure-read")))
    titles = {w.text: w.get("title") for w in root.iter() if w.get("class") == "ocrx_word"}
    assert titles[","] == "bbox 2703 926 2790 1140; x_wconf 25"
    assert titles["Our"] == "bbox 204 627 481 830"


# --- ALTO -------------------------------------------------------------------------------------------


def _box_attrs(element: etree._Element) -> tuple[int, int, int, int]:
    values = tuple(int(element.get(name, "-1")) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    assert all(v >= 0 for v in values), etree.tostring(element)
    return values  # type: ignore[return-value]


def test_alto_has_the_required_structure(seed_shape: Shape) -> None:
    doc = seed_document(seed_shape)
    root = parse(to_alto(doc, image_name="seed.png"))
    assert root.tag == f"{ALTO}alto"
    assert root.findtext(f"{ALTO}Description/{ALTO}MeasurementUnit") == "pixel"
    assert root.findtext(f"{ALTO}Description/{ALTO}sourceImageInformation/{ALTO}fileName") == "seed.png"
    (page,) = root.iter(f"{ALTO}Page")
    assert page.get("ID") and page.get("PHYSICAL_IMG_NR") == "1"
    width, height = int(page.get("WIDTH", "0")), int(page.get("HEIGHT", "0"))
    assert width > 0 and height > 0
    blocks = list(page.iter(f"{ALTO}TextBlock"))
    assert len(blocks) == 1 and blocks[0].get("ID")
    lines = list(blocks[0].iter(f"{ALTO}TextLine"))
    assert len(lines) == len(doc.pages[0].lines)
    ids: set[str] = set()
    for line in lines:
        x, y, w, h = _box_attrs(line)
        assert x + w <= width and y + h <= height
        children = [c.tag for c in line]
        assert children and children[0] == f"{ALTO}String" and children[-1] == f"{ALTO}String"
        assert all(tag in (f"{ALTO}String", f"{ALTO}SP") for tag in children)
        for string in line.iter(f"{ALTO}String"):
            assert string.get("CONTENT") is not None
            sx, sy, sw, sh = _box_attrs(string)
            assert sx + sw <= width and sy + sh <= height
            if string.get("WC") is not None:
                assert 0 <= float(string.get("WC", "")) <= 1
            ids.add(string.get("ID", ""))
    assert len(ids) == sum(len(line.findall(f"{ALTO}String")) for line in lines)


def test_alto_word_confidence_is_on_the_0_to_1_scale() -> None:
    root = parse(to_alto(seed_document("tencent")))
    # Tencent characters have no boxes: each line is one String with the line's mean confidence.
    strings = list(root.iter(f"{ALTO}String"))
    assert strings[0].get("CONTENT") == "只要有百分之一的希些"
    assert float(strings[0].get("WC", "")) == pytest.approx(0.8973, abs=1e-4)
    assert _box_attrs(strings[0]) == (37, 22, 221, 40)


# --- PAGE XML ---------------------------------------------------------------------------------------

_POINTS = re.compile(r"^(\d+,\d+ )+\d+,\d+$")


def _page_xsd() -> Path | None:
    """The PAGE 2019 schema, from an environment variable or the ocrd-validators package if present."""
    configured = os.environ.get("HANDWRITING_OCR_PAGE_XSD")
    if configured:
        return Path(configured)
    spec = importlib.util.find_spec("ocrd_validators")
    if spec and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations))) / "page.xsd"
        if candidate.exists():
            return candidate
    return None


def _alto_schema() -> etree.XMLSchema | None:
    """The ALTO 4.2 schema when ``HANDWRITING_OCR_ALTO_XSD`` names a local copy (its xlink import must
    resolve without the network), else None."""
    configured = os.environ.get("HANDWRITING_OCR_ALTO_XSD")
    return etree.XMLSchema(etree.parse(configured)) if configured else None


def test_alto_validates_against_the_published_schema(seed_shape: Shape) -> None:
    schema = _alto_schema()
    if schema is None:
        pytest.skip("ALTO 4.2 XSD not available (set HANDWRITING_OCR_ALTO_XSD to a local copy)")
    document = parse(to_alto(seed_document(seed_shape), image_name="seed.png"))
    assert schema.validate(document), schema.error_log


def test_page_xml_has_the_required_structure(seed_shape: Shape) -> None:
    doc = seed_document(seed_shape)
    root = parse(to_page_xml(doc, image_name="seed.png", created=CREATED))
    assert root.tag == f"{PAGE}PcGts"
    assert root.findtext(f"{PAGE}Metadata/{PAGE}Creator") == "handwriting-ocr"
    assert root.findtext(f"{PAGE}Metadata/{PAGE}Created") == "2026-01-02T03:04:05"
    page = root.find(f"{PAGE}Page")
    assert page is not None and page.get("imageFilename") == "seed.png"
    width, height = int(page.get("imageWidth", "0")), int(page.get("imageHeight", "0"))
    region = page.find(f"{PAGE}TextRegion")
    assert region is not None
    ref = page.find(f"{PAGE}ReadingOrder/{PAGE}OrderedGroup/{PAGE}RegionRefIndexed")
    assert ref is not None and ref.get("regionRef") == region.get("id")
    lines = region.findall(f"{PAGE}TextLine")
    assert len(lines) == len(doc.pages[0].lines)
    for coords in root.iter(f"{PAGE}Coords"):
        points = coords.get("points", "")
        assert _POINTS.match(points), points
        for pair in points.split():
            x, y = (int(v) for v in pair.split(","))
            assert 0 <= x < width and 0 <= y < height
    for line in lines:
        assert line.find(f"{PAGE}Coords") is not None
        assert line.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") is not None
        assert line.findall(f"{PAGE}Word")
    for equiv in root.iter(f"{PAGE}TextEquiv"):
        if equiv.get("conf") is not None:
            assert 0 <= float(equiv.get("conf", "")) <= 1


def test_page_xml_validates_against_the_published_schema(seed_shape: Shape) -> None:
    xsd = _page_xsd()
    if xsd is None:
        pytest.skip("PAGE 2019 XSD not available (install ocrd-validators or set HANDWRITING_OCR_PAGE_XSD)")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = parse(to_page_xml(seed_document(seed_shape), created=CREATED))
    assert schema.validate(document), schema.error_log


def test_page_xml_is_one_file_per_page() -> None:
    data = load_fixture("azure-read")
    data["recognitionResults"].append({**data["recognitionResults"][0], "page": 2})
    doc = to_document(data, "azure-read")
    assert len(to_page_xml_pages(doc, created=CREATED)) == 2
    assert to_page_xml(doc, page=2, created=CREATED) == to_page_xml_pages(doc, created=CREATED)[1]
    with pytest.raises(InvalidInputError):
        to_page_xml(doc, page=3)


# --- geometry rules shared by the XML exports ---------------------------------------------------------


def _outside_document() -> Document:
    word = Word("edge", ((-20, -5), (3300, -5), (3300, 40.6), (-20, 40.6)), 0.5)
    line = Line("edge", ((-20, -5), (3300, -5), (3300, 40.6), (-20, 40.6)), None, (word,))
    return Document("azure", "azure-read", (Page(1, (line,), 3200, 3200, "pixel"),))


def test_coordinates_are_clamped_to_the_page() -> None:
    doc = _outside_document()
    alto = parse(to_alto(doc))
    string = next(alto.iter(f"{ALTO}String"))
    assert _box_attrs(string) == (0, 0, 3199, 41)
    hocr = parse(to_hocr(doc))
    word = next(e for e in hocr.iter() if e.get("class") == "ocrx_word")
    assert word.get("title") == "bbox 0 0 3199 41; x_wconf 50"
    page_xml = parse(to_page_xml(doc, created=CREATED))
    coords = next(page_xml.iter(f"{PAGE}Word")).find(f"{PAGE}Coords")
    assert coords is not None and coords.get("points") == "0,0 3199,0 3199,41 0,41"


def test_page_size_comes_from_content_when_unknown_and_inches_become_pixels() -> None:
    huawei = parse(to_alto(seed_document("huawei")))
    page = next(huawei.iter(f"{ALTO}Page"))
    assert (page.get("WIDTH"), page.get("HEIGHT")) == ("1101", "88")  # largest x 1100, y 87, plus one
    line = Line("inch", ((1, 1), (2, 1), (2, 1.5), (1, 1.5)))
    doc = Document("azure", "azure-read", (Page(1, (line,), 8.5, 11, "inch"),))
    alto = parse(to_alto(doc, dpi=300))
    page = next(alto.iter(f"{ALTO}Page"))
    assert (page.get("WIDTH"), page.get("HEIGHT")) == ("2550", "3300")
    assert _box_attrs(next(alto.iter(f"{ALTO}TextLine"))) == (300, 300, 300, 150)


# --- every export from generated results of every shape ---------------------------------------------


def _check_xml_coordinates(root: etree._Element) -> None:
    """Every coordinate an export wrote is a non-negative integer inside its page."""
    for page in root.iter(f"{ALTO}Page"):
        width, height = int(page.get("WIDTH", "0")), int(page.get("HEIGHT", "0"))
        for element in page.iter(f"{ALTO}TextLine", f"{ALTO}String", f"{ALTO}TextBlock"):
            x, y, w, h = _box_attrs(element)
            assert x + w <= width and y + h <= height
    for page in root.iter(f"{PAGE}Page"):
        width, height = int(page.get("imageWidth", "0")), int(page.get("imageHeight", "0"))
        for coords in page.iter(f"{PAGE}Coords"):
            for pair in coords.get("points", "").split():
                x, y = (int(v) for v in pair.split(","))
                assert 0 <= x < width and 0 <= y < height


@pytest.mark.parametrize("shape", list(STRATEGIES))
def test_every_export_is_well_formed_for_generated_results(shape: Shape) -> None:
    xsd = _page_xsd()
    schema = etree.XMLSchema(etree.parse(str(xsd))) if xsd else None
    alto_schema = _alto_schema()

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(STRATEGIES[shape]())
    def check(result: dict[str, Any]) -> None:
        doc = to_document(result, shape)
        # The text holds every line's text once, with one newline between lines and one form feed
        # between pages (and a final newline).
        text = to_text(doc)
        texts = [line.text for line in doc.lines()]
        separators = sum(max(len(p.lines) - 1, 0) for p in doc.pages) + max(len(doc.pages) - 1, 0)
        expected = Counter("".join(texts)) + Counter({"\n": separators + (1 if text else 0)})
        expected.update({"\f": max(len(doc.pages) - 1, 0)})
        expected.subtract({"\n": max(len(doc.pages) - 1, 0)})
        assert Counter(text) == +expected
        hocr = parse(to_hocr(doc))
        assert len([e for e in hocr.iter() if e.get("class") == "ocr_page"]) == len(doc.pages)
        alto = parse(to_alto(doc))
        _check_xml_coordinates(alto)
        if alto_schema is not None:
            assert alto_schema.validate(alto), alto_schema.error_log
        for page_xml in to_page_xml_pages(doc, created=CREATED):
            root = parse(page_xml)
            _check_xml_coordinates(root)
            if schema is not None:
                assert schema.validate(root), schema.error_log

    check()

"""Output formats: suffixes, and PAGE XML's one-page-per-file rule."""

from __future__ import annotations

from handwriting_ocr.cli.formats import FORMATS, SUFFIXES, render
from handwriting_ocr.convert import to_document

from tests.cli.helpers import page_lines


def _two_page_read() -> dict[str, object]:
    def page(number: int, text: str) -> dict[str, object]:
        box = [10, 10, 200, 10, 200, 40, 10, 40]
        return {
            "page": number,
            "clockwiseOrientation": 0,
            "width": 300,
            "height": 100,
            "unit": "pixel",
            "lines": [{"boundingBox": box, "text": text, "words": [{"boundingBox": box, "text": text}]}],
        }

    return {"status": "Succeeded", "recognitionResults": [page(1, "first"), page(2, "second")]}


def test_every_format_has_its_own_suffix() -> None:
    assert set(SUFFIXES) == set(FORMATS)
    assert len(set(SUFFIXES.values())) == len(SUFFIXES)
    assert all(suffix.startswith(".") for suffix in SUFFIXES.values())


def test_page_xml_of_a_two_page_result_is_one_file_per_page() -> None:
    document = to_document(_two_page_read(), "azure-read")
    files = render(document, "page", image_name="scan.pdf")
    assert [f.suffix for f in files] == [".p1.page.xml", ".p2.page.xml"]
    assert [page_lines(f.text) for f in files] == [["first"], ["second"]]


def test_other_formats_hold_every_page_in_one_file() -> None:
    document = to_document(_two_page_read(), "azure-read")
    for fmt in ("json", "text", "hocr", "alto", "raw"):
        files = render(document, fmt, image_name="scan.pdf")
        assert len(files) == 1
        assert "first" in files[0].text and "second" in files[0].text
    assert render(document, "text", image_name="x")[0].text == "first\fsecond\n"

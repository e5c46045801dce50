"""The Document's JSON form: the documented shape, reading it back, and typed errors."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from handwriting_ocr.documents import Document, Shape
from handwriting_ocr.errors import InvalidInputError

from tests.documents.seeds import PROVIDERS, seed_document


def _is_point_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and all(type(v) in (int, float) for v in p) for p in value
    )


def test_json_form_has_the_documented_shape(seed_shape: Shape) -> None:
    data = json.loads(seed_document(seed_shape).to_json())
    assert data["version"] == 1 and data["shape"] == seed_shape
    assert data["provider"] == PROVIDERS[seed_shape]
    assert data["pages"]
    for page in data["pages"]:
        assert {"number", "width", "height", "unit", "angle", "lines"} <= set(page)
        assert type(page["number"]) is int
        for key in ("width", "height", "angle"):
            assert page[key] is None or type(page[key]) in (int, float)
        assert page["unit"] is None or isinstance(page["unit"], str)
        for line in page["lines"]:
            assert {"text", "polygon", "confidence", "words"} <= set(line)
            assert isinstance(line["text"], str) and _is_point_list(line["polygon"])
            assert line["confidence"] is None or 0 <= line["confidence"] <= 1
            for word in line["words"]:
                assert {"text", "polygon", "confidence"} <= set(word)
                assert word["polygon"] is None or _is_point_list(word["polygon"])
                assert word["confidence"] is None or 0 <= word["confidence"] <= 1


def test_json_form_of_seed_000_starts_as_documented() -> None:
    data = seed_document("azure-read").to_dict()
    page: Any = data["pages"]
    assert page[0]["lines"][0] == {
        "text": "Our greatest glory is not",
        "polygon": [[202, 618], [2047, 643], [2046, 840], [200, 813]],
        "confidence": None,
        "words": [
            {"text": "Our", "polygon": [[204, 627], [481, 628], [481, 830], [204, 829]], "confidence": None},
            {
                "text": "greatest",
                "polygon": [[519, 628], [1057, 630], [1057, 832], [518, 830]],
                "confidence": None,
            },
            {
                "text": "glory",
                "polygon": [[1114, 630], [1549, 631], [1548, 833], [1114, 832]],
                "confidence": None,
            },
            {
                "text": "is",
                "polygon": [[1586, 631], [1785, 632], [1784, 834], [1586, 833]],
                "confidence": None,
            },
            {
                "text": "not",
                "polygon": [[1822, 632], [2115, 633], [2115, 835], [1822, 834]],
                "confidence": None,
            },
        ],
    }
    assert data["extras"] == {"status": "Succeeded"}


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(provider="google"), "provider"),
        (lambda d: d.update(shape="azure-v3"), "shape"),
        (lambda d: d["pages"][0].update(number="1"), "pages[0].number"),
        (lambda d: d["pages"][0]["lines"][0].update(polygon=[[1, 2, 3]]), "pages[0].lines[0].polygon[0]"),
        (
            lambda d: d["pages"][0]["lines"][0]["words"][0].update(text=None),
            "pages[0].lines[0].words[0].text",
        ),
        (lambda d: d["pages"][0]["lines"][0].update(confidence="Low"), "pages[0].lines[0].confidence"),
        (lambda d: d["pages"][0].update(extras=[]), "pages[0].extras"),
    ],
)
def test_malformed_json_raises_invalid_input_naming_the_field(mutate: Any, field: str) -> None:
    data: Any = json.loads(seed_document("azure-read").to_json())
    mutate(data)
    with pytest.raises(InvalidInputError) as caught:
        Document.from_dict(data)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["pages"][0]["lines"][0].update(style={"kind": 1}), "pages[0].lines[0].style.kind"),
        (lambda d: d["pages"][0]["lines"][0].update(style="handwriting"), "pages[0].lines[0].style"),
        (
            lambda d: d["pages"][0]["lines"][0]["style"].update(confidence=float("nan")),
            "pages[0].lines[0].style.confidence",
        ),
        (lambda d: d["pages"][0].update(angle=float("inf")), "pages[0].angle"),
    ],
)
def test_malformed_style_and_numbers_raise_invalid_input_naming_the_field(mutate: Any, field: str) -> None:
    data: Any = json.loads(seed_document("azure-read-v3").to_json())
    mutate(data)
    with pytest.raises(InvalidInputError) as caught:
        Document.from_dict(data)
    assert caught.value.field == field


def test_a_line_without_style_reads_as_none_and_older_json_still_reads() -> None:
    data: Any = json.loads(seed_document("azure-read-v3").to_json())
    del data["pages"][0]["lines"][0]["style"]  # as a reader that predates the field wrote it
    line = Document.from_dict(data).pages[0].lines[0]
    assert line.style is None and line.handwritten is None


def test_from_json_rejects_text_that_is_not_a_json_object() -> None:
    for text in ("{", "[]", b"\xff"):
        with pytest.raises(InvalidInputError):
            Document.from_json(text)


def test_raw_is_kept_but_takes_no_part_in_equality_or_json() -> None:
    doc = seed_document("huawei")
    again = Document.from_json(doc.to_json())
    assert again == doc and again.raw is None and doc.raw is not None
    assert "raw" not in doc.to_dict()


def test_the_model_and_converters_import_without_pillow_or_lxml() -> None:
    code = (
        "import sys, handwriting_ocr.documents, handwriting_ocr.convert, handwriting_ocr.export;"
        "print(sorted(m for m in ('PIL', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

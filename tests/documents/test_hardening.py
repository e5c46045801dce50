"""Hostile result bodies (issue 9): numbers beyond the float range, NaN and Infinity, lone surrogates,
deep nesting and huge inputs. Only typed errors come out of parsing, and every Document that parsing
accepts converts to every shape and exports to text, JSON and well-formed XML that encodes as UTF-8.

The hypothesis suite at the end runs each shape's valid results with one value replaced by a hostile
one, and random JSON, through everything. Its size comes from the ``hardening`` settings profile
below; ``HANDWRITING_OCR_HARDENING=long`` selects ``hardening-long``, ten times as many examples.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from handwriting_ocr.convert import SHAPES, from_document, to_document
from handwriting_ocr.documents import Document, Line, Page, Shape, Word
from handwriting_ocr.errors import InvalidInputError, OcrError
from handwriting_ocr.export import to_alto, to_hocr, to_json, to_page_xml_pages, to_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.documents.seeds import load_fixture, seed_document
from tests.documents.strategies import STRATEGIES
from tests.documents.test_exports import _alto_schema, _page_xsd

CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
HUGE = 10**400  # an integer JSON may carry and no float can hold
NAN = float("nan")
INF = float("inf")


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _first_word(shape: Shape) -> tuple[dict[str, Any], list[Any]]:
    """A copy of the shape's fixture, and the path to its first word's (or line's) first coordinate."""
    data = load_fixture(shape)
    paths: dict[Shape, list[Any]] = {
        "azure-read": ["recognitionResults", 0, "lines", 0, "words", 0, "boundingBox", 0],
        "azure-text": ["recognitionResult", "lines", 0, "words", 0, "boundingBox", 0],
        "azure-v1-text": ["recognitionResult", "lines", 0, "words", 0, "boundingBox", 0],
        "huawei": ["result", "words_block_list", 0, "location", 0, 0],
        "tencent": ["data", "items", 0, "itemcoord", "x"],
        "azure-read-v3": ["analyzeResult", "readResults", 0, "lines", 0, "words", 0, "boundingBox", 0],
        "azure-image-analysis": [
            "readResult",
            "blocks",
            0,
            "lines",
            0,
            "words",
            0,
            "boundingPolygon",
            0,
            "x",
        ],
        "tencent-v3": ["Response", "TextDetections", 0, "Polygon", 0, "X"],
    }
    return data, paths[shape]


def _set(data: Any, path: list[Any], value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


_COORDINATE_SHAPES: list[Shape] = [s for s in SHAPES if s != "azure-ocr"]


# --- numbers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE, -HUGE, NAN, INF, -INF], ids=["huge", "-huge", "nan", "inf", "-inf"])
@pytest.mark.parametrize("shape", _COORDINATE_SHAPES)
def test_coordinates_that_are_not_finite_numbers_are_malformed(shape: Shape, value: float) -> None:
    data, path = _first_word(shape)
    _set(data, path, value)
    with pytest.raises(InvalidInputError) as caught:
        to_document(data, shape)
    assert caught.value.field is not None and "finite" in str(caught.value)


@pytest.mark.parametrize(
    ("shape", "path"),
    [
        ("huawei", ["result", "words_block_list", 0, "confidence"]),
        ("tencent", ["data", "items", 0, "words", 0, "confidence"]),
        ("azure-read", ["recognitionResults", 0, "lines", 0, "words", 0, "confidence"]),
        ("azure-read-v3", ["analyzeResult", "readResults", 0, "lines", 0, "words", 0, "confidence"]),
        (
            "azure-read-v3",
            ["analyzeResult", "readResults", 0, "lines", 0, "appearance", "style", "confidence"],
        ),
        ("azure-image-analysis", ["readResult", "blocks", 0, "lines", 0, "words", 0, "confidence"]),
        ("tencent-v3", ["Response", "TextDetections", 0, "Confidence"]),
        ("azure-read", ["recognitionResults", 0, "width"]),
        ("azure-read-v3", ["analyzeResult", "readResults", 0, "angle"]),
        ("azure-image-analysis", ["metadata", "height"]),
        ("tencent-v3", ["Response", "Angle"]),
    ],
)
@pytest.mark.parametrize("value", [HUGE, NAN, -INF], ids=["huge", "nan", "-inf"])
def test_confidences_sizes_and_angles_beyond_float_range_are_malformed(
    shape: Shape, path: list[Any], value: float
) -> None:
    data = load_fixture(shape)
    _set(data, path, value)
    with pytest.raises(InvalidInputError) as caught:
        to_document(data, shape)
    assert caught.value.field is not None


def test_ocr_boxes_and_tencent_boxes_whose_far_edge_overflows_are_malformed() -> None:
    ocr = load_fixture("azure-ocr")
    ocr["regions"][0]["lines"][0]["boundingBox"] = "1e308,0,1e308,10"
    with pytest.raises(InvalidInputError):
        to_document(ocr, "azure-ocr")
    ocr["regions"][0]["lines"][0]["boundingBox"] = "nan,0,10,10"
    with pytest.raises(InvalidInputError):
        to_document(ocr, "azure-ocr")
    ocr["regions"][0]["lines"][0]["boundingBox"] = f"{HUGE},0,10,10"
    with pytest.raises(InvalidInputError):
        to_document(ocr, "azure-ocr")
    tencent = load_fixture("tencent")
    tencent["data"]["items"][0]["itemcoord"].update(x=1.5e308, width=1.5e308)
    with pytest.raises(InvalidInputError):
        to_document(tencent, "tencent")


def test_the_document_json_rejects_what_parsing_rejects() -> None:
    for literal in ("NaN", "Infinity", "-Infinity", "1e400", str(HUGE)):
        text = seed_document("azure-read").to_json().replace("[[202, 618]", f"[[{literal}, 618]", 1)
        assert literal in text
        with pytest.raises(InvalidInputError) as caught:
            Document.from_json(text)
        assert caught.value.field == "pages[0].lines[0].polygon[0][0]"
    with pytest.raises(InvalidInputError):
        Document.from_dict({**seed_document("huawei").to_dict(), "extras": {"deep": _nested(1000)}})


def test_extreme_but_finite_numbers_export_inside_the_page() -> None:
    word = Word("far", ((1e308, -1e308), (1.7e308, 0), (1.7e308, 1e308), (0, 1e308)), 1e-300)
    line = Line("far", word.polygon or (), None, (word,))
    for page in (Page(1, (line,)), Page(1, (line,), 1e308, 1e308, "inch")):
        doc = Document("azure", "azure-read", (page,))
        alto = etree.fromstring(to_alto(doc).encode("utf-8"))
        assert next(alto.iter("{*}Page")).get("WIDTH") == str(2**31 - 1)
        for page_xml in to_page_xml_pages(doc, created=CREATED):
            root = etree.fromstring(page_xml.encode("utf-8"))
            assert int(next(root.iter("{*}Page")).get("imageHeight", "")) == 2**31 - 1
        assert "x_wconf 0" in to_hocr(doc)
        for shape in SHAPES:
            json.dumps(from_document(doc, shape), allow_nan=False)


def test_hand_built_documents_with_nan_still_export() -> None:
    # Parsing never produces one; a Document built in code might. Exports stay total.
    word = Word("x", ((NAN, 0), (INF, 0), (1, -INF), (0, 1)), NAN)
    doc = Document("azure", "azure-read", (Page(1, (Line("x", (), NAN, (word,)),), NAN, None),))
    for xml in (to_hocr(doc), to_alto(doc), *to_page_xml_pages(doc, created=CREATED)):
        etree.fromstring(xml.encode("utf-8"))


# --- lone surrogates ---------------------------------------------------------------------------------------


def _with_text(shape: Shape, text: str) -> Document:
    """The shape's fixture with ``text`` as its first line's text (and its first word's, where words
    have their own text)."""
    data = load_fixture(shape)
    paths: dict[str, list[list[Any]]] = {
        "azure-read": [
            ["recognitionResults", 0, "lines", 0, "text"],
            ["recognitionResults", 0, "lines", 0, "words", 0, "text"],
        ],
        "huawei": [["result", "words_block_list", 0, "words"]],
        "tencent": [["data", "items", 0, "itemstring"]],
        "azure-read-v3": [
            ["analyzeResult", "readResults", 0, "lines", 0, "text"],
            ["analyzeResult", "readResults", 0, "lines", 0, "words", 0, "text"],
        ],
    }
    for path in paths[shape]:
        _set(data, path, text)
    return to_document(data, shape)


@pytest.mark.parametrize("shape", ["azure-read", "huawei", "tencent", "azure-read-v3"])
def test_a_lone_surrogate_in_recognised_text_exports_as_utf_8(shape: Shape) -> None:
    doc = _with_text(shape, "ab\ud800c\udfff")
    for xml in (to_hocr(doc), to_alto(doc), *to_page_xml_pages(doc, created=CREATED)):
        root = etree.fromstring(xml.encode("utf-8"))  # encodes, and is well-formed
        assert any("ab\ufffdc\ufffd" in (e.text or "") + (e.get("CONTENT") or "") for e in root.iter())
    assert "ab\ufffdc\ufffd" in to_text(doc)
    to_text(doc).encode("utf-8")
    # The Document JSON keeps it exactly, as the \ud800 escape JSON allows.
    text = to_json(doc)
    text.encode("utf-8")
    assert "\\ud800" in text
    assert Document.from_json(text) == doc
    # Same-shape round trips are exact: the text is not changed when it is read.
    assert from_document(doc, shape) == from_document(Document.from_json(text), shape)


def test_paired_surrogate_escapes_are_one_character_and_are_kept() -> None:
    doc = _with_text("huawei", json.loads('"\\ud83d\\ude00"'))
    assert doc.pages[0].lines[0].text == "\U0001f600"
    assert "\U0001f600" in to_hocr(doc) and "\U0001f600" in to_json(doc)


# --- deep and huge -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_deeply_nested_values_are_malformed_not_a_recursion_error(shape: Shape) -> None:
    data = load_fixture(shape)
    data["addedLater"] = _nested(100_000)
    with pytest.raises(InvalidInputError) as caught:
        to_document(data, shape)
    assert caught.value.field == "addedLater" and "nested" in str(caught.value)
    data = load_fixture(shape)
    data["addedLater"] = {"a": 1, "b": [1, "x", None, {"c": 2.5}]}  # ordinary nesting is kept
    assert from_document(to_document(data, shape), shape) == data


def test_deep_nesting_where_a_list_of_lines_belongs_is_malformed() -> None:
    data = {"recognitionResults": [{"lines": _nested(100_000)}]}
    with pytest.raises(InvalidInputError):
        to_document(data, "azure-read")
    with pytest.raises(InvalidInputError) as caught:
        Document.from_json("[" * 100_000 + "]" * 100_000)
    assert caught.value.field == "document"
    with pytest.raises(InvalidInputError):
        Document.from_json(
            '{"version": 1, "provider": "azure", "shape": "azure-read", "pages": ' + "[" * 100_000
        )


def test_a_huge_result_converts_and_exports() -> None:
    line = {"boundingBox": [1, 2, 3, 2, 3, 4, 1, 4], "text": "x" * 1000, "words": []}
    data = {"status": "Succeeded", "recognitionResults": [{"lines": [line] * 20_000}]}
    doc = to_document(data, "azure-read")
    assert len(doc.pages[0].lines) == 20_000
    assert from_document(doc, "azure-read") == data
    assert len(to_text(doc)) == 20_000 * 1001


def test_kept_values_must_be_json() -> None:
    data = load_fixture("huawei")
    for bad in (NAN, INF, {1: "int key"}, object(), 10**5000):
        data["addedLater"] = bad
        with pytest.raises(InvalidInputError) as caught:
            to_document(data, "huawei")
        assert caught.value.field == "addedLater"


# --- hypothesis: hostile bodies through everything ------------------------------------------------------------

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("hardening", max_examples=25, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile("hardening-long", max_examples=250, deadline=None, suppress_health_check=_HEALTH)
_PROFILE = settings.get_profile(
    "hardening-long" if os.environ.get("HANDWRITING_OCR_HARDENING") == "long" else "hardening"
)

# Lone surrogates as a parsed JSON body holds them: never a high one right before a low one (JSON
# reads "\ud800\udc00" as the one character U+10000).
_SURROGATE_TEXT = st.lists(
    st.tuples(st.characters(categories=["Cs"]), st.sampled_from("ab \n")).map("".join), min_size=1, max_size=3
).map("".join)
_HOSTILE = st.one_of(
    st.sampled_from([NAN, INF, -INF, HUGE, -HUGE, 1e308, -1e308, 1.7976931348623157e308, 2**53 + 1, -0.0]),
    st.sampled_from([None, True, False, "", [], {}, "1,2,3,4", "nan,1,2,3", "1e999,0,1,1"]),
    st.sampled_from(
        [[NAN] * 8, [HUGE] * 8, [1e308] * 8, [{"x": NAN, "y": 1}] * 4, [{"X": HUGE, "Y": 0}] * 4]
    ),
    _SURROGATE_TEXT,
    st.integers(min_value=1, max_value=3).map(lambda k: _nested(10**k * 3)),
    st.integers(min_value=1, max_value=3).map(lambda k: {"a": _nested(10**k * 3)}),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key or index path into a JSON tree (iteratively deep enough for generated results)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


@st.composite
def _mutated(draw: st.DrawFn, shape: Shape) -> dict[str, Any]:
    """A valid result of ``shape`` with one value replaced by a hostile one, or one key removed."""
    result: dict[str, Any] = copy.deepcopy(draw(STRATEGIES[shape]()))
    paths = list(_paths(result))
    if not paths:
        return result
    path = draw(st.sampled_from(paths))
    container: Any = result
    for key in path[:-1]:
        container = container[key]
    if isinstance(container, dict) and draw(st.booleans()) and draw(st.booleans()):
        del container[path[-1]]
    else:
        container[path[-1]] = draw(_HOSTILE)
    return result


_RANDOM_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([HUGE, -HUGE])
    | st.floats()
    | st.text(max_size=5)
    | _SURROGATE_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)

_XSD_PATH = _page_xsd()
_PAGE_SCHEMA = etree.XMLSchema(etree.parse(str(_XSD_PATH))) if _XSD_PATH else None
_ALTO_SCHEMA = _alto_schema()


def _check_xml(text: str, schema: etree.XMLSchema | None = None) -> None:
    root = etree.fromstring(text.encode("utf-8"))  # UnicodeEncodeError or XMLSyntaxError fail the test
    if schema is not None:
        assert schema.validate(root), schema.error_log


def _everything(result: object, shape: Shape) -> None:
    """Parse; if accepted, convert to every shape (and parse that again) and export in every format."""
    try:
        doc = to_document(result, shape)  # type: ignore[arg-type]
    except OcrError:
        return
    for target in SHAPES:
        converted = from_document(doc, target)
        text = json.dumps(converted, allow_nan=False)  # strict JSON: no NaN or Infinity written
        if target == shape:
            assert json.dumps(converted, sort_keys=True) == json.dumps(result, sort_keys=True)
        # Reading it again may refuse it (a finite coordinate near the float range, rounded outward
        # beyond it), but only with a typed error.
        with contextlib.suppress(OcrError):
            to_document(json.loads(text), target)
    assert to_text(doc).encode("utf-8") is not None
    document_json = to_json(doc)
    document_json.encode("utf-8")
    json.loads(document_json, parse_constant=lambda name: pytest.fail(f"{name} in the Document JSON"))
    assert Document.from_json(document_json) == doc
    _check_xml(to_hocr(doc, image_name="scan \ud800.png"))
    _check_xml(to_alto(doc, image_name="scan.png"), _ALTO_SCHEMA)
    for page_xml in to_page_xml_pages(doc, created=CREATED):
        _check_xml(page_xml, _PAGE_SCHEMA)


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_results_give_typed_errors_or_documents_that_export(shape: Shape) -> None:
    @_PROFILE
    @given(_mutated(shape))
    def check(result: dict[str, Any]) -> None:
        _everything(result, shape)

    check()


@_PROFILE
@given(
    st.dictionaries(st.text(max_size=12), _RANDOM_JSON, max_size=4) | _RANDOM_JSON, st.sampled_from(SHAPES)
)
def test_random_json_gives_typed_errors_or_documents_that_export(result: object, shape: Shape) -> None:
    _everything(result, shape)


def test_non_finite_floats_are_never_in_an_accepted_document() -> None:
    # What the suite above relies on, stated directly on every seed.
    for shape in SHAPES:
        doc = seed_document(shape)
        numbers = [
            v
            for page in doc.pages
            for line in page.lines
            for polygon in (line.polygon, *(w.polygon or () for w in line.words))
            for point in polygon
            for v in point
        ]
        assert all(math.isfinite(v) for v in numbers)

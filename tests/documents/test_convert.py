"""The conversion rules on the seeds' example responses, cross-provider results, and typed errors."""

from __future__ import annotations

import copy
import importlib
import json
from typing import Any

import attrs
import pytest
from handwriting_ocr.convert import SHAPES, convert, from_document, to_document
from handwriting_ocr.convert.azure import HIGH_CONFIDENCE, LOW_CONFIDENCE
from handwriting_ocr.documents import Document, Line, Page, Shape, Word
from handwriting_ocr.errors import InvalidInputError
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.documents.seeds import json_tree, load_fixture, seed_document


def test_azure_read_seed_converts_with_page_data_and_marks() -> None:
    doc = seed_document("azure-read")
    assert doc.provider == "azure" and doc.shape == "azure-read"
    (page,) = doc.pages
    assert (page.number, page.width, page.height, page.unit, page.angle) == (1, 3200, 3200, "pixel", 349.59)
    assert [line.text for line in page.lines] == [
        "Our greatest glory is not",
        "but in rising every time we fall",
        "in never failing ,",
    ]
    first = page.lines[0]
    assert first.polygon == ((202, 618), (2047, 643), (2046, 840), (200, 813))
    assert all(type(v) is int for point in first.polygon for v in point)
    assert first.words[0] == Word("Our", ((204, 627), (481, 628), (481, 830), (204, 829)), None, None)
    comma = page.lines[2].words[3]
    assert comma.text == "," and comma.confidence == LOW_CONFIDENCE
    assert all(w.confidence is None for w in first.words)
    assert doc.extras == {"status": "Succeeded"}
    assert doc.raw is not None


def test_azure_marks_map_to_numbers_and_back() -> None:
    data = load_fixture("azure-read")
    words = data["recognitionResults"][0]["lines"][0]["words"]
    words[0]["confidence"] = "High"
    doc = to_document(data, "azure-read")
    assert doc.pages[0].lines[0].words[0].confidence == HIGH_CONFIDENCE
    # Numbers from another provider map to a mark by the 0.5 threshold.
    huawei = load_fixture("huawei")
    huawei["result"]["words_block_list"][0]["confidence"] = 0.49
    read = json_tree(convert(huawei, "huawei", "azure-read"))
    marks = [line["words"][0]["confidence"] for line in read["recognitionResults"][0]["lines"]]
    assert marks == ["Low", "High"]


def test_azure_text_and_v1_text_are_single_page() -> None:
    doc = seed_document("azure-text")
    assert len(doc.pages) == 1 and doc.pages[0].number == 1 and doc.pages[0].width is None
    assert doc.pages[0].lines[1].text == "The quick brown fox jumps over the lazy"
    v1 = seed_document("azure-v1-text")
    assert v1.pages[0].unit == "pixel"
    assert from_document(v1, "azure-v1-text") == load_fixture("azure-v1-text")


def test_azure_ocr_lines_take_their_words_text_and_regions_come_back() -> None:
    doc = seed_document("azure-ocr")
    (page,) = doc.pages
    assert [line.text for line in page.lines] == ["A GOAL WITHOUT", "A PLAN IS", "JUST A WISH"]
    assert page.angle == -2.0000000000000338 and page.unit == "pixel" and page.width is None
    assert page.lines[0].polygon == ((462, 379), (959, 379), (959, 453), (462, 453))
    assert page.extras is not None and page.extras["language"] == "en"
    assert from_document(doc, "azure-ocr") == load_fixture("azure-ocr")


def test_azure_ocr_from_another_shape_is_one_region_of_integer_boxes() -> None:
    doc = seed_document("azure-read")
    ocr = json_tree(from_document(doc, "azure-ocr"))
    assert ocr["textAngle"] == pytest.approx(349.59 - 360)
    (region,) = ocr["regions"]
    assert region["boundingBox"] == "200,618,2758,893"
    assert region["lines"][0]["boundingBox"] == "200,618,1847,222"
    assert [w["text"] for w in region["lines"][0]["words"]] == ["Our", "greatest", "glory", "is", "not"]


def test_float_boxes_become_the_smallest_integer_boxes() -> None:
    doc = Document(
        "azure",
        "azure-read",
        (Page(1, (Line("x", ((1.5, 2.25), (10.2, 2.0), (10.0, 8.7), (1.4, 9.0)), None, ()),)),),
    )
    ocr = json_tree(from_document(doc, "azure-ocr"))
    assert ocr["regions"][0]["lines"][0]["boundingBox"] == "1,2,10,7"
    tencent = json_tree(from_document(doc, "tencent"))
    assert tencent["data"]["items"][0]["itemcoord"] == {"x": 1, "y": 2, "width": 10, "height": 7}
    huawei = json_tree(from_document(doc, "huawei"))
    assert huawei["result"]["words_block_list"][0]["location"] == [[2, 2], [10, 2], [10, 9], [1, 9]]


def test_huawei_blocks_are_lines_without_words() -> None:
    doc = seed_document("huawei")
    lines = doc.pages[0].lines
    assert [(ln.text, ln.confidence, ln.words) for ln in lines] == [
        ("Words recognized from the image", 0.98, ()),
        ("Words recognized from the image", 0.99, ()),
    ]
    assert lines[0].polygon == ((282, 45), (461, 47), (460, 77), (280, 76))
    assert lines[0].extras == {"type": "text"}


def test_tencent_characters_are_words_and_line_confidence_is_their_mean() -> None:
    data = load_fixture("tencent")
    doc = to_document(data, "tencent")
    line = doc.pages[0].lines[3]
    assert line.text == "an" and line.polygon == ((57, 130), (90, 130), (90, 148), (57, 148))
    assert [(w.text, w.polygon) for w in line.words] == [("a", None), ("n", None)]
    assert line.confidence == pytest.approx((0.3443509638309479 + 0.6972714066505432) / 2)
    assert doc.extras is not None and doc.extras["data"] == {"session_id": "10000011386698236"}


def test_tencent_percent_confidences_are_detected_and_written_back() -> None:
    data = load_fixture("tencent")
    percent = copy.deepcopy(data)
    for item in percent["data"]["items"]:
        for char in item["words"]:
            char["confidence"] = char["confidence"] * 100
    doc = to_document(percent, "tencent")
    original = to_document(data, "tencent")
    got = [w.confidence for line in doc.lines() for w in line.words]
    expected = [w.confidence for line in original.lines() for w in line.words]
    assert got == pytest.approx(expected)
    assert json.dumps(from_document(doc, "tencent"), sort_keys=True) == json.dumps(percent, sort_keys=True)
    # Another shape gets 0..1.
    assert (
        json_tree(convert(percent, "tencent", "huawei"))["result"]["words_block_list"][0]["confidence"] <= 1
    )


def test_tencent_from_another_shape_lists_characters_without_whitespace() -> None:
    out = json_tree(from_document(seed_document("azure-read"), "tencent"))
    item = out["data"]["items"][2]
    assert item["itemstring"] == "in never failing ,"
    assert "".join(c["character"] for c in item["words"]) == "inneverfailing,"
    # Only the comma has a confidence (Azure marked it Low).
    assert item["words"][-1] == {"character": ",", "confidence": LOW_CONFIDENCE}
    assert "confidence" not in item["words"][0]
    assert out["code"] == 0 and out["data"]["session_id"] == ""


def test_v1_text_target_has_no_confidence_and_no_page_data() -> None:
    out = json_tree(from_document(seed_document("azure-read"), "azure-v1-text"))
    assert set(out["recognitionResult"]) == {"lines"}
    assert all("confidence" not in w for line in out["recognitionResult"]["lines"] for w in line["words"])


def test_single_page_shapes_take_the_lines_of_every_page() -> None:
    data = load_fixture("azure-read")
    second = copy.deepcopy(data["recognitionResults"][0])
    second["page"] = 2
    second["lines"] = second["lines"][:1]
    data["recognitionResults"].append(second)
    doc = to_document(data, "azure-read")
    assert [p.number for p in doc.pages] == [1, 2]
    text = json_tree(from_document(doc, "azure-text"))
    assert len(text["recognitionResult"]["lines"]) == 4
    assert text["recognitionResult"]["page"] == 1
    assert from_document(doc, "azure-read") == data


def test_the_document_not_the_raw_result_is_written_back() -> None:
    doc = seed_document("azure-read")
    page = doc.pages[0]
    changed_line = attrs.evolve(page.lines[0], text="Our greatest glory")
    changed = attrs.evolve(doc, pages=(attrs.evolve(page, lines=(changed_line, *page.lines[1:])),))
    out = json_tree(from_document(changed, "azure-read"))
    assert out["recognitionResults"][0]["lines"][0]["text"] == "Our greatest glory"
    assert (
        out["recognitionResults"][0]["lines"][1]
        == load_fixture("azure-read")["recognitionResults"][0]["lines"][1]
    )


def test_unknown_fields_survive_the_same_shape_only() -> None:
    data = load_fixture("huawei")
    data["result"]["words_block_list"][0]["angle"] = 3
    data["result"]["extra_field"] = "kept"
    doc = to_document(data, "huawei")
    assert from_document(doc, "huawei") == data
    read = from_document(doc, "azure-read")
    assert "angle" not in json.dumps(read) and "extra_field" not in json.dumps(read)


_GENERATED = {
    "azure-read": ("azure_vision_v2_client.models", "ReadOperationResult"),
    "azure-text": ("azure_vision_v2_client.models", "TextOperationResult"),
    "azure-v1-text": ("azure_vision_v1_client.models", "TextOperationResult"),
    "azure-ocr": ("azure_vision_v1_client.models", "OcrResult"),
    "huawei": ("huawei_ocr_client.models", "RecognizeHandwritingResponse"),
    "tencent": ("tencent_ocr_client.models", "HandwritingResponse"),
    "azure-read-v3": ("azure_vision_v3_client.models", "ReadOperationResult"),
    "azure-image-analysis": ("azure_image_analysis_client.models", "ImageAnalysisResult"),
    "tencent-v3": ("tencent_ocr_v3_client.models", "GeneralHandwritingOCRResponseEnvelope"),
}


def test_the_inner_tencent_v3_model_converts_like_its_json() -> None:
    # What the official SDK (and the generated client's inner model) give: the object inside "Response".
    from tencent_ocr_v3_client.models import GeneralHandwritingOCRResponse

    inner = load_fixture("tencent-v3")["Response"]
    model = GeneralHandwritingOCRResponse.from_dict(inner)
    doc = to_document(model, "tencent-v3")
    assert doc.pages == seed_document("tencent-v3").pages
    assert from_document(doc, "tencent-v3") == inner


def test_generated_models_convert_like_their_json(seed_shape: Shape) -> None:
    module_name, class_name = _GENERATED[seed_shape]
    model_class = getattr(importlib.import_module(module_name), class_name)
    data = load_fixture(seed_shape)
    model = model_class.from_dict(data)
    doc = to_document(model, seed_shape)
    assert doc == to_document(data, seed_shape)
    assert doc.raw is model
    assert from_document(doc, seed_shape) == data


# --- typed errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "result", "field"),
    [
        ("azure-read", {"recognitionResults": {}}, "recognitionResults"),
        (
            "azure-read",
            {"recognitionResults": [{"lines": [{"boundingBox": [1, 2, "3", 4]}]}]},
            "recognitionResults[0].lines[0].boundingBox",
        ),
        (
            "azure-read",
            {"recognitionResults": [{"lines": [{"words": [{"text": "a"}]}]}]},
            "recognitionResults[0].lines[0].words[0].boundingBox",
        ),
        ("azure-text", {"recognitionResult": {"lines": [{"text": 5}]}}, "recognitionResult.lines[0].text"),
        ("azure-text", {"recognitionResult": {"lines": [], "width": "wide"}}, "recognitionResult.width"),
        ("azure-v1-text", {"recognitionResult": []}, "recognitionResult"),
        (
            "azure-ocr",
            {"regions": [{"lines": [{"boundingBox": "1,2,3", "words": []}]}]},
            "regions[0].lines[0].boundingBox",
        ),
        (
            "azure-ocr",
            {"regions": [{"lines": [{"boundingBox": "1,2,3,x", "words": []}]}]},
            "regions[0].lines[0].boundingBox",
        ),
        (
            "huawei",
            {"result": {"words_block_list": [{"words": "a", "location": [[1, 2, 3]]}]}},
            "result.words_block_list[0].location",
        ),
        (
            "huawei",
            {"result": {"words_block_list": [{"words": "a", "confidence": "high"}]}},
            "result.words_block_list[0].confidence",
        ),
        (
            "tencent",
            {"data": {"items": [{"itemcoord": {"x": 1, "y": 2, "width": 3}}]}},
            "data.items[0].itemcoord.height",
        ),
        ("tencent", {"data": {"items": [{"words": [{"character": 1}]}]}}, "data.items[0].words[0].character"),
    ],
)
def test_malformed_results_raise_invalid_input_naming_the_field(
    shape: Shape, result: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_document(result, shape)
    assert caught.value.field == field
    assert shape in str(caught.value)


def test_unknown_shape_and_non_mapping_results_raise_invalid_input() -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_document({}, "azure-v3")  # type: ignore[arg-type]
    assert caught.value.field == "shape"
    with pytest.raises(InvalidInputError):
        to_document([1, 2], "huawei")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        from_document({"pages": []}, "huawei")  # type: ignore[arg-type]


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5000) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)
_KEYS = st.sampled_from(
    [
        "status",
        "recognitionResults",
        "recognitionResult",
        "lines",
        "words",
        "boundingBox",
        "text",
        "confidence",
        "regions",
        "result",
        "words_block_list",
        "location",
        "data",
        "items",
        "itemcoord",
        "itemstring",
        "character",
    ]
)
_shaped_json = st.recursive(
    st.none() | st.integers(-5, 5000) | st.floats(allow_nan=False) | st.text(max_size=5) | st.just("1,2,3,4"),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(_KEYS, _shaped_json, max_size=4)
    | st.dictionaries(st.text(max_size=8), _json, max_size=3),
    st.sampled_from(SHAPES),
)
def test_any_json_either_converts_or_raises_invalid_input(result: dict[str, Any], shape: Shape) -> None:
    try:
        doc = to_document(result, shape)
    except InvalidInputError:
        return
    assert json.dumps(from_document(doc, shape), sort_keys=True) == json.dumps(result, sort_keys=True)

"""Property: provider -> Document -> same provider gives the original back exactly, also through the
Document's JSON form; provider A -> Document -> provider B gives a valid B result."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from handwriting_ocr.convert import SHAPES, from_document, to_document
from handwriting_ocr.documents import Document, Shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.documents.strategies import STRATEGIES

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def canonical(value: object) -> str:
    """JSON text with sorted keys: equal only if values AND JSON types match (1 is not 1.0)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("shape", SHAPES)
def test_same_shape_round_trip_is_exact(shape: Shape) -> None:
    @_SETTINGS
    @given(STRATEGIES[shape]())
    def check(original: dict[str, Any]) -> None:
        doc = to_document(original, shape)
        assert canonical(from_document(doc, shape)) == canonical(original)

    check()


@pytest.mark.parametrize("shape", SHAPES)
def test_round_trip_through_document_json_is_exact(shape: Shape) -> None:
    @_SETTINGS
    @given(STRATEGIES[shape]())
    def check(original: dict[str, Any]) -> None:
        doc = to_document(original, shape)
        again = Document.from_json(doc.to_json())
        assert again == doc
        assert canonical(from_document(again, shape)) == canonical(original)

    check()


def _is_coordinate(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def _is_pixel_polygon(points: object, x: str, y: str) -> bool:
    """Four ``{x, y}`` points of non-negative integers (Image Analysis and Tencent API 3.0 pixels)."""
    return (
        isinstance(points, list)
        and len(points) == 4
        and all(set(p) == {x, y} and all(type(p[k]) is int and p[k] >= 0 for k in (x, y)) for p in points)
    )


_OCR_BOX = re.compile(r"^-?\d+,-?\d+,\d+,\d+$")


def assert_valid_shape(result: dict[str, Any], shape: Shape) -> None:
    """The required structure of each provider shape, as a client of that provider reads it."""
    if shape in ("azure-read", "azure-text", "azure-v1-text"):
        assert result["status"] == "Succeeded"
        pages = result["recognitionResults"] if shape == "azure-read" else [result["recognitionResult"]]
        for page in pages:
            if shape == "azure-v1-text":
                assert set(page) == {"lines"}
            for line in page["lines"]:
                assert len(line["boundingBox"]) == 8 and all(map(_is_coordinate, line["boundingBox"]))
                assert isinstance(line["text"], str)
                for word in line["words"]:
                    assert len(word["boundingBox"]) == 8 and all(map(_is_coordinate, word["boundingBox"]))
                    assert isinstance(word["text"], str)
                    if shape == "azure-v1-text":
                        assert "confidence" not in word
                    else:
                        assert word.get("confidence", "Low") in ("Low", "High")
    elif shape == "azure-ocr":
        for region in result["regions"]:
            assert _OCR_BOX.match(region["boundingBox"])
            for line in region["lines"]:
                assert _OCR_BOX.match(line["boundingBox"]) and "text" not in line
                for word in line["words"]:
                    assert _OCR_BOX.match(word["boundingBox"]) and isinstance(word["text"], str)
    elif shape == "huawei":
        blocks = result["result"]["words_block_list"]
        assert result["result"]["words_block_count"] == len(blocks)
        for block in blocks:
            assert isinstance(block["words"], str) and block["type"] == "text"
            assert len(block["location"]) == 4
            assert all(len(p) == 2 and all(type(v) is int for v in p) for p in block["location"])
            if "confidence" in block:
                assert 0 <= block["confidence"] <= 1
    elif shape == "azure-read-v3":
        assert result["status"] == "succeeded"
        analyze = result["analyzeResult"]
        assert isinstance(analyze["version"], str) and isinstance(analyze["modelVersion"], str)
        for page in analyze["readResults"]:
            assert type(page["page"]) is int and -180 <= page["angle"] < 180
            assert page["width"] > 0 and page["height"] > 0 and page["unit"] in ("pixel", "inch")
            for line in page["lines"]:
                assert len(line["boundingBox"]) == 8 and all(map(_is_coordinate, line["boundingBox"]))
                assert isinstance(line["text"], str)
                if "appearance" in line:
                    style = line["appearance"]["style"]
                    assert isinstance(style["name"], str) and 0 <= style.get("confidence", 0) <= 1
                for word in line["words"]:
                    assert len(word["boundingBox"]) == 8 and all(map(_is_coordinate, word["boundingBox"]))
                    assert isinstance(word["text"], str) and 0 <= word.get("confidence", 0) <= 1
    elif shape == "azure-image-analysis":
        assert isinstance(result["modelVersion"], str)
        assert set(result["metadata"]) == {"width", "height"}
        assert all(type(v) is int and v >= 1 for v in result["metadata"].values())
        (block,) = result["readResult"]["blocks"] or [{"lines": []}]
        for line in block["lines"]:
            assert isinstance(line["text"], str) and _is_pixel_polygon(line["boundingPolygon"], "x", "y")
            assert line["words"] or not line["text"]  # a line without text or words has no word to write
            for word in line["words"]:
                assert isinstance(word["text"], str) and _is_pixel_polygon(word["boundingPolygon"], "x", "y")
                assert 0 <= word.get("confidence", 0) <= 1
    elif shape == "tencent-v3":
        response = result["Response"]
        assert isinstance(response["RequestId"], str)
        if "Angle" in response:
            assert response["Angel"] == response["Angle"] and -180 < response["Angle"] <= 180
        for detection in response["TextDetections"]:
            assert isinstance(detection["DetectedText"], str)
            assert _is_pixel_polygon(detection["Polygon"], "X", "Y")
            confidence = detection.get("Confidence", 0)
            assert type(confidence) is int and 0 <= confidence <= 100
            for box in detection.get("WordPolygon", []):
                assert _is_pixel_polygon(
                    [box[c] for c in ("LeftTop", "RightTop", "RightBottom", "LeftBottom")], "X", "Y"
                )
            if "WordPolygon" in detection:
                assert len(detection["WordPolygon"]) == len(detection["DetectedText"].replace(" ", ""))
    else:
        assert result["code"] == 0 and result["message"] == "OK"
        assert isinstance(result["data"]["session_id"], str)
        for item in result["data"]["items"]:
            assert set(item["itemcoord"]) == {"x", "y", "width", "height"}
            assert all(type(v) is int for v in item["itemcoord"].values())
            assert item["itemcoord"]["width"] >= 0 and item["itemcoord"]["height"] >= 0
            assert isinstance(item["itemstring"], str)
            for char in item["words"]:
                assert len(char["character"]) == 1 and not char["character"].isspace()
                if "confidence" in char:
                    assert 0 <= char["confidence"] <= 1


def _line_texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines()]


@pytest.mark.parametrize("source", SHAPES)
def test_cross_shape_conversion_gives_the_target_shape(source: Shape) -> None:
    @_SETTINGS
    @given(STRATEGIES[source](), st.sampled_from([s for s in SHAPES if s != source]))
    def check(original: dict[str, Any], target: Shape) -> None:
        doc = to_document(original, source)
        converted = from_document(doc, target)
        assert_valid_shape(converted, target)
        again = to_document(json.loads(json.dumps(converted)), target)
        assert again.shape == target
        if target != "azure-ocr":  # OCR lines have no text of their own: it is rebuilt from words
            assert _line_texts(again) == _line_texts(doc)

    check()

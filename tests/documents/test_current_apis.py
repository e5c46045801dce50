"""The current-generation result shapes (Azure Read v3.2, Image Analysis 4.0, Tencent API 3.0) and the
handwriting style: conversion rules, the typed field through the Document JSON, and each export."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from handwriting_ocr.convert import convert, from_document, to_document
from handwriting_ocr.documents import Document, Line, Page, TextStyle, Word
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.export import to_alto, to_hocr, to_page_xml, to_page_xml_pages
from lxml import etree

from tests.documents.seeds import json_tree, load_fixture, seed_document

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


# --- Azure Read v3.2 ----------------------------------------------------------------------------------


def test_read_v3_lines_carry_their_handwriting_style_as_a_typed_field() -> None:
    doc = seed_document("azure-read-v3")
    assert doc.provider == "azure" and doc.shape == "azure-read-v3"
    (page,) = doc.pages
    assert (page.number, page.width, page.height, page.unit, page.angle) == (1, 3200, 3200, "pixel", -10.41)
    assert [(line.style, line.handwritten) for line in page.lines] == [
        (TextStyle("handwriting", 0.962), True),
        (TextStyle("handwriting", 0.915), True),
        (TextStyle("other", 0.704), False),
    ]
    assert [line.text for line in page.lines if line.handwritten] == [
        "Our greatest glory is not",
        "but in rising every time we fall",
    ]
    # Numeric word confidences are the words' own; lines have none.
    assert [w.confidence for w in page.lines[2].words] == [0.912, 0.876, 0.903, 0.314]
    assert page.lines[0].confidence is None and page.lines[0].extras is None
    assert page.extras == {"language": "en"}
    assert doc.extras == {
        "status": "succeeded",
        "createdDateTime": "2026-01-02T03:04:05Z",
        "lastUpdatedDateTime": "2026-01-02T03:04:06Z",
        "analyzeResult": {"version": "3.2.0", "modelVersion": "2022-04-30"},
    }
    assert from_document(doc, "azure-read-v3") == load_fixture("azure-read-v3")


def test_line_without_appearance_has_no_style_and_an_unusual_appearance_comes_back_as_it_was() -> None:
    data = load_fixture("azure-read-v3")
    lines = data["analyzeResult"]["readResults"][0]["lines"]
    del lines[0]["appearance"]
    lines[1]["appearance"] = {"style": {"name": "handwriting", "confidence": 1}, "shade": "blue"}
    lines[2]["appearance"] = {"style": {"name": "calligraphy", "confidence": 1.25}}
    doc = to_document(data, "azure-read-v3")
    first, second, third = doc.pages[0].lines
    assert first.style is None and first.handwritten is None
    assert second.style == TextStyle("handwriting", 1)
    # A newer style name is kept as it is; a confidence beyond 1 is clamped (and kept for the trip back).
    assert third.style == TextStyle("calligraphy", 1) and third.handwritten is False
    assert from_document(doc, "azure-read-v3") == data


def test_style_survives_the_document_json_and_an_edit() -> None:
    doc = seed_document("azure-read-v3")
    data: Any = doc.to_dict()
    assert data["version"] == 1
    assert data["pages"][0]["lines"][0]["style"] == {"kind": "handwriting", "confidence": 0.962}
    again = Document.from_json(doc.to_json())
    assert again == doc
    # Relabel a line as printed: the v3.2 result says so.
    page = again.pages[0]
    relabelled = attrs.evolve(page.lines[0], style=TextStyle("other", 0.5))
    edited = attrs.evolve(again, pages=(attrs.evolve(page, lines=(relabelled, *page.lines[1:])),))
    out = json_tree(from_document(edited, "azure-read-v3"))
    assert out["analyzeResult"]["readResults"][0]["lines"][0]["appearance"] == {
        "style": {"name": "other", "confidence": 0.5}
    }


def test_other_shapes_have_no_style_in_their_json_and_no_style_field_in_documents() -> None:
    for shape in ("azure-read", "huawei", "tencent", "azure-image-analysis", "tencent-v3"):
        doc = seed_document(shape)
        assert all(line.style is None for line in doc.lines())
        assert '"style"' not in doc.to_json()


def test_style_is_dropped_where_the_target_has_no_field_for_it_and_written_where_it_has() -> None:
    doc = seed_document("azure-read-v3")
    for target in ("azure-read", "azure-text", "azure-image-analysis", "tencent-v3", "huawei"):
        out = from_document(doc, target)
        assert "appearance" not in repr(out) and "handwriting" not in repr(out), target
    # A Document with styles (from the Document JSON, say, or built by hand) written as v3.2.
    line = Line("note", ((1, 1), (9, 1), (9, 5), (1, 5)), None, (), style=TextStyle("handwriting", None))
    v3 = json_tree(from_document(Document("huawei", "huawei", (Page(1, (line,)),)), "azure-read-v3"))
    written = v3["analyzeResult"]["readResults"][0]["lines"][0]
    assert written["appearance"] == {"style": {"name": "handwriting"}}  # no confidence known
    assert to_document(v3, "azure-read-v3").pages[0].lines[0].style == TextStyle("handwriting", None)


def test_read_v3_from_another_shape_fills_the_required_fields() -> None:
    out = json_tree(convert(load_fixture("azure-read"), "azure-read", "azure-read-v3"))
    assert out["status"] == "succeeded"
    assert out["analyzeResult"]["version"] == "3.2.0" and out["analyzeResult"]["modelVersion"] == "latest"
    (page,) = out["analyzeResult"]["readResults"]
    # v2.0's clockwiseOrientation 349.59 is -10.41 in v3.2's [-180, 180).
    assert page["angle"] == pytest.approx(-10.41)
    assert (page["page"], page["width"], page["height"], page["unit"]) == (1, 3200, 3200, "pixel")
    words = page["lines"][2]["words"]
    assert words[3] == {
        "boundingBox": [2703, 926, 2788, 926, 2790, 1139, 2705, 1140],
        "text": ",",
        "confidence": 0.25,
    }
    assert "confidence" not in words[0]  # v2.0 did not mark it: unknown, left out
    # Huawei blocks have no size, no angle and no words: the extent, 0 and one word per line.
    huawei = json_tree(convert(load_fixture("huawei"), "huawei", "azure-read-v3"))
    (page,) = huawei["analyzeResult"]["readResults"]
    assert (page["angle"], page["width"], page["height"]) == (0, 1101, 88)
    assert [len(line["words"]) for line in page["lines"]] == [1, 1]
    assert page["lines"][0]["words"][0]["confidence"] == 0.98


def test_read_v3_numeric_confidences_become_v2_marks() -> None:
    out = json_tree(convert(load_fixture("azure-read-v3"), "azure-read-v3", "azure-read"))
    marks = [w.get("confidence") for w in out["recognitionResults"][0]["lines"][2]["words"]]
    assert marks == ["High", "High", "High", "Low"]
    assert out["recognitionResults"][0]["clockwiseOrientation"] == pytest.approx(349.59)


# --- Image Analysis 4.0 ---------------------------------------------------------------------------------


def test_image_analysis_is_one_page_sized_by_its_metadata() -> None:
    doc = seed_document("azure-image-analysis")
    (page,) = doc.pages
    assert (page.number, page.width, page.height, page.unit, page.angle) == (1, 3200, 3200, "pixel", None)
    assert [line.text for line in page.lines] == [
        "Our greatest glory is not",
        "but in rising every time we fall",
        "in never failing ,",
    ]
    assert page.lines[0].polygon == ((202, 618), (2047, 643), (2046, 840), (200, 813))
    assert page.lines[2].words[3] == Word(",", ((2703, 926), (2788, 926), (2790, 1139), (2705, 1140)), 0.314)
    assert all(line.style is None and line.confidence is None for line in page.lines)
    # The other features' results are kept for the same shape only.
    assert doc.extras == {
        "modelVersion": "2023-10-01",
        "captionResult": {"text": "a white paper with black text", "confidence": 0.712},
    }
    assert "captionResult" not in repr(from_document(doc, "azure-read-v3"))


def test_image_analysis_blocks_come_back_grouped_as_they_were() -> None:
    data = load_fixture("azure-image-analysis")
    lines = data["readResult"]["blocks"][0]["lines"]
    data["readResult"]["blocks"] = [{"lines": lines[:1]}, {"lines": lines[1:], "kind": "margin"}]
    doc = to_document(data, "azure-image-analysis")
    assert len(doc.pages[0].lines) == 3
    assert from_document(doc, "azure-image-analysis") == data


def test_image_analysis_from_another_shape_has_integer_pixel_polygons_and_one_block() -> None:
    doc = Document(
        "azure",
        "azure-read",
        (
            Page(
                1,
                (
                    Line(
                        "x",
                        ((1.5, -2.25), (10.2, 2.0), (10.0, 8.7)),
                        None,
                        (Word("x", ((1.5, -2.25), (10.2, 2.0), (10.0, 8.7)), 0.4),),
                    ),
                ),
            ),
        ),
    )
    out = json_tree(from_document(doc, "azure-image-analysis"))
    assert out["modelVersion"] == "latest" and out["metadata"] == {"width": 12, "height": 10}
    (block,) = out["readResult"]["blocks"]
    (line,) = block["lines"]
    # Three points become the bounding rectangle, negative coordinates become 0.
    assert line["boundingPolygon"] == [
        {"x": 2, "y": 0},
        {"x": 10, "y": 0},
        {"x": 10, "y": 9},
        {"x": 2, "y": 9},
    ]
    assert line["words"] == [{"text": "x", "boundingPolygon": line["boundingPolygon"], "confidence": 0.4}]
    empty = json_tree(from_document(Document("huawei", "huawei", ()), "azure-image-analysis"))
    assert empty["readResult"] == {"blocks": []} and empty["metadata"] == {"width": 1, "height": 1}


# --- Tencent API 3.0 ------------------------------------------------------------------------------------


def test_tencent_v3_detections_are_lines_and_word_polygons_their_characters() -> None:
    doc = seed_document("tencent-v3")
    (page,) = doc.pages
    assert (page.angle, page.unit, page.width) == (0.9, "pixel", None)
    first = page.lines[0]
    assert first.text == "只要有百分之一的希些" and first.confidence == 0.9
    assert first.polygon == ((37, 22), (258, 22), (258, 62), (37, 62))
    assert "".join(w.text for w in first.words) == first.text
    assert first.words[0] == Word("只", ((37, 22), (59, 22), (59, 62), (37, 62)), None)
    assert first.extras == {"AdvancedInfo": '{"Parag":{"ParagNo":1}}'}
    assert doc.extras == {"Response": {"RequestId": "6ae3f2c1-27b4-4bb1-9c4f-0d5b1e8f3a21", "Angel": 0.9}}
    assert from_document(doc, "tencent-v3") == load_fixture("tencent-v3")


def test_tencent_v3_boxes_that_do_not_pair_with_characters_stay_as_they_came() -> None:
    data = load_fixture("tencent-v3")
    detection = data["Response"]["TextDetections"][3]
    detection["WordPolygon"] = detection["WordPolygon"][:1]  # "an" with one box
    detection["Confidence"] = 97.5  # documented as an integer; a float comes back as it was
    doc = to_document(data, "tencent-v3")
    line = doc.pages[0].lines[3]
    assert line.words == () and line.confidence == 0.975
    assert line.extras is not None and line.extras["WordPolygon"] == detection["WordPolygon"]
    assert from_document(doc, "tencent-v3") == data


def test_tencent_v3_inner_object_round_trips_without_the_envelope() -> None:
    inner = load_fixture("tencent-v3")["Response"]
    doc = to_document(inner, "tencent-v3")
    assert doc.pages == seed_document("tencent-v3").pages
    assert from_document(doc, "tencent-v3") == inner


def test_tencent_v3_from_another_shape() -> None:
    out = json_tree(convert(load_fixture("azure-read"), "azure-read", "tencent-v3"))
    response = out["Response"]
    assert response["RequestId"] == "" and response["Angle"] == response["Angel"] == pytest.approx(-10.41)
    first = response["TextDetections"][0]
    assert first["DetectedText"] == "Our greatest glory is not"
    assert first["Polygon"] == [
        {"X": 202, "Y": 618},
        {"X": 2047, "Y": 643},
        {"X": 2046, "Y": 840},
        {"X": 200, "Y": 813},
    ]
    assert "Confidence" not in first and "WordPolygon" not in first  # unknown; words are not characters
    # Image Analysis words of one character each (as it gives CJK text) become WordPolygon.
    chars = Line(
        "甲乙",
        (),
        None,
        (
            Word("甲", ((0, 0), (4, 0), (4, 4), (0, 4)), 0.5),
            Word("乙", ((4, 0), (8, 0), (8, 4), (4, 4)), 0.7),
        ),
    )
    doc = Document("azure", "azure-image-analysis", (Page(1, (chars,)),))
    (detection,) = json_tree(from_document(doc, "tencent-v3"))["Response"]["TextDetections"]
    assert detection["Confidence"] == 60 and len(detection["WordPolygon"]) == 2
    assert detection["WordPolygon"][1]["RightBottom"] == {"X": 8, "Y": 4}
    again = to_document(from_document(doc, "tencent-v3"), "tencent-v3")
    assert [w.text for w in again.pages[0].lines[0].words] == ["甲", "乙"]


# --- typed errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "result", "field"),
    [
        ("azure-read-v3", {"analyzeResult": []}, "analyzeResult"),
        (
            "azure-read-v3",
            {"analyzeResult": {"readResults": [{"angle": "up"}]}},
            "analyzeResult.readResults[0].angle",
        ),
        (
            "azure-read-v3",
            {"analyzeResult": {"readResults": [{"lines": [{"appearance": {"style": {"name": 1}}}]}]}},
            "analyzeResult.readResults[0].lines[0].appearance.style.name",
        ),
        (
            "azure-read-v3",
            {
                "analyzeResult": {
                    "readResults": [
                        {"lines": [{"words": [{"boundingBox": [0] * 8, "text": "a", "confidence": "High"}]}]}
                    ]
                }
            },
            "analyzeResult.readResults[0].lines[0].words[0].confidence",
        ),
        ("azure-image-analysis", {"metadata": {"width": "wide"}}, "metadata.width"),
        (
            "azure-image-analysis",
            {"readResult": {"blocks": [{"lines": [{"boundingPolygon": [{"x": 1}]}]}]}},
            "readResult.blocks[0].lines[0].boundingPolygon[0]",
        ),
        (
            "tencent-v3",
            {"Response": {"TextDetections": [{"Confidence": "high"}]}},
            "Response.TextDetections[0].Confidence",
        ),
        ("tencent-v3", {"Response": {"TextDetections": {}}}, "Response.TextDetections"),
        (
            "tencent-v3",
            {"TextDetections": [{"WordPolygon": [{"LeftTop": {"X": 1, "Y": 2}}]}]},
            "TextDetections[0].WordPolygon[0]",
        ),
    ],
)
def test_malformed_current_results_name_the_field(shape: Any, result: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        to_document(result, shape)
    assert caught.value.field == field and shape in str(caught.value)
    assert caught.value.provider == ("tencent" if shape == "tencent-v3" else "azure")


# --- the style in each export -------------------------------------------------------------------------------


def _styled() -> Document:
    return seed_document("azure-read-v3")


def test_page_xml_writes_the_style_in_custom_and_production_only_when_asked() -> None:
    root = etree.fromstring(to_page_xml(_styled(), created=CREATED).encode("utf-8"))
    lines = root.findall(f".//{PAGE}TextLine")
    texts = [line.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") for line in lines]
    custom = dict(zip(texts, (line.get("custom") for line in lines), strict=True))
    assert custom["Our greatest glory is not"] == "appearance {style:handwriting; confidence:0.962;}"
    assert custom["in never failing ,"] == "appearance {style:other; confidence:0.704;}"
    assert all(line.get("production") is None for line in lines)
    mapped = etree.fromstring(
        to_page_xml(_styled(), created=CREATED, production={"handwriting": "handwritten-cursive"}).encode()
    )
    productions = [line.get("production") for line in mapped.findall(f".//{PAGE}TextLine")]
    assert productions == ["handwritten-cursive", None, "handwritten-cursive"]  # reading order
    with pytest.raises(InvalidInputError) as caught:
        to_page_xml_pages(_styled(), production={"handwriting": "handwritten"})  # type: ignore[dict-item]
    assert caught.value.field == "production"


def test_lines_without_style_get_no_style_attributes() -> None:
    page_xml = to_page_xml(seed_document("azure-read"), created=CREATED)
    assert "custom=" not in page_xml and "production=" not in page_xml
    assert "x_style" not in to_hocr(seed_document("azure-read"))
    assert "<Tags" not in to_alto(seed_document("azure-read")) and "TAGREFS" not in to_alto(
        seed_document("huawei")
    )


def test_hocr_writes_the_style_as_an_engine_property_of_the_line() -> None:
    root = etree.fromstring(to_hocr(_styled()).encode("utf-8"))
    titles = [e.get("title") for e in root.iter() if e.get("class") == "ocr_line"]
    assert titles == [
        "bbox 200 618 2047 840; x_style handwriting 0.962",
        "bbox 1607 903 2744 1139; x_style other 0.704",
        "bbox 420 1250 2958 1511; x_style handwriting 0.915",
    ]
    odd = Line("a", ((0, 0), (4, 0), (4, 4), (0, 4)), style=TextStyle("hand written; maybe", None))
    title = next(
        e.get("title")
        for e in etree.fromstring(
            to_hocr(Document("azure", "azure-read-v3", (Page(1, (odd,)),))).encode()
        ).iter()
        if e.get("class") == "ocr_line"
    )
    assert title == "bbox 0 0 4 4; x_style hand_written__maybe"  # one token, the title's syntax intact


def test_alto_tags_each_style_once_and_lines_refer_to_them() -> None:
    root = etree.fromstring(to_alto(_styled()).encode("utf-8"))
    assert [child.tag for child in root] == [f"{ALTO}Description", f"{ALTO}Tags", f"{ALTO}Layout"]
    tags = {t.get("ID"): (t.get("TYPE"), t.get("LABEL")) for t in root.iter(f"{ALTO}LayoutTag")}
    assert tags == {"style_1": ("textStyle", "handwriting"), "style_2": ("textStyle", "other")}
    refs = [(line.get("TAGREFS"), line[0].get("CONTENT")) for line in root.iter(f"{ALTO}TextLine")]
    assert refs == [("style_1", "Our"), ("style_2", "in"), ("style_1", "but")]


def test_style_of_a_copy_does_not_change_the_original() -> None:
    data = load_fixture("azure-read-v3")
    original = copy.deepcopy(data)
    doc = to_document(data, "azure-read-v3")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.pages[0].lines[0].style.kind = "other"  # type: ignore[misc, union-attr]
    assert data == original

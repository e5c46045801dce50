"""Huawei Cloud OCR handwriting results (``huawei``):
``{"result": {"words_block_count": n, "words_block_list": [{words, type, confidence, location}]}}``.

Rules:

* Each block is a line (Huawei does not split blocks into words, so the line has no words); its
  4-point ``location`` is the line polygon as is, and its 0..1 ``confidence`` is the line confidence.
  A confidence outside 0..1 is clamped, and the original kept for the round trip.
* Coordinates are image pixels (unit ``"pixel"``); Huawei sends no page size or angle.
* Back to Huawei from another shape: one block per line; ``location`` is the line polygon when it has
  4 points, else its bounding rectangle, with coordinates rounded to integers (Huawei's type);
  ``confidence`` is the line's, else the mean of its words' (left out when unknown); ``type`` "text".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handwriting_ocr.convert._common import (
    ABSENT,
    FINITE_NUMBER,
    absent_keys,
    all_lines,
    fail,
    guard,
    is_number,
    keep,
    line_confidence,
    list_or_absent,
    object_or_absent,
    unknown_keys,
)
from handwriting_ocr.documents.geometry import line_polygon, rectangle, union_box
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape

__all__ = ["from_huawei", "to_huawei"]

_SHAPE: Shape = "huawei"
_TOP_KEYS = frozenset({"result"})
_RESULT_KEYS = frozenset({"words_block_count", "words_block_list"})
_BLOCK_KEYS = frozenset({"words", "type", "confidence", "location"})


def _location_in(value: object, path: str) -> Polygon:
    if type(value) is not list:
        raise fail(_SHAPE, path, "a list of [x, y] points")
    points = []
    for point in value:
        if type(point) is not list or len(point) != 2 or not (is_number(point[0]) and is_number(point[1])):
            raise fail(_SHAPE, path, "a list of [x, y] points of finite numbers")
        points.append((point[0], point[1]))
    return tuple(points)


def _clamp(value: float) -> float:
    return min(max(value, 0), 1)


def _block_in(block: Any, path: str) -> Line:
    if not isinstance(block, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras: dict[str, JsonValue] = unknown_keys(block, _BLOCK_KEYS, _SHAPE, path)
    absent: list[JsonValue] = []
    text = block.get("words", "")
    if "words" not in block:
        absent.append("words")
    elif type(text) is not str:
        raise fail(_SHAPE, f"{path}.words", "a string")
    if "location" in block:
        polygon = _location_in(block["location"], f"{path}.location")
    else:
        absent.append("location")
        polygon = ()
    confidence = None
    if "confidence" in block:
        raw = block["confidence"]
        if not is_number(raw):
            if raw is not None:
                raise fail(_SHAPE, f"{path}.confidence", FINITE_NUMBER)
            extras["confidence"] = None
        else:
            confidence = _clamp(raw)
            if confidence != raw:
                extras["confidence"] = raw
    if "type" in block:
        extras["type"] = keep(block["type"], _SHAPE, f"{path}.type")
    if absent:
        extras[ABSENT] = absent
    return Line(text, polygon, confidence, (), extras or None)


def _from_huawei(data: Mapping[str, Any], raw: object) -> Document:
    extras: dict[str, JsonValue] = unknown_keys(data, _TOP_KEYS, _SHAPE)
    result = object_or_absent(data, "result", extras, _SHAPE)
    if result is None:
        return Document("huawei", _SHAPE, (), extras, raw)
    result_extras: dict[str, JsonValue] = unknown_keys(result, _RESULT_KEYS, _SHAPE, "result")
    blocks = list_or_absent(result, "words_block_list", result_extras, _SHAPE, "result.words_block_list")
    lines = tuple([_block_in(b, f"result.words_block_list[{i}]") for i, b in enumerate(blocks)])
    count = result.get("words_block_count")
    if "words_block_count" not in result:
        result_extras.setdefault(ABSENT, []).append("words_block_count")  # type: ignore[union-attr]
    elif type(count) is not int or count != len(lines):
        # Only a count that disagrees with the list needs keeping; a matching one is recomputed.
        result_extras["words_block_count"] = keep(count, _SHAPE, "result.words_block_count")
    if result_extras:
        extras["result"] = result_extras
    page = Page(1, lines, None, None, "pixel", None, None)
    return Document("huawei", _SHAPE, (page,), extras or None, raw)


def from_huawei(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A Huawei ``RecognizeHandwritingResponse`` body as a Document (one page, one line per block)."""
    return guard(_SHAPE, lambda: _from_huawei(data, data if raw is None else raw))


def _integer(value: float) -> int:
    return value if type(value) is int else round(value)


def _location_out(polygon: Polygon, same: bool) -> list[list[float]]:
    if same:
        return [[x, y] for x, y in polygon]
    if len(polygon) != 4:
        box = union_box([polygon])
        polygon = rectangle(box) if box is not None else ((0, 0), (0, 0), (0, 0), (0, 0))
    return [[_integer(x), _integer(y)] for x, y in polygon]


def _block_out(line: Line, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("words" in absent and not line.text):
        out["words"] = line.text
    if extras and "type" in extras:
        out["type"] = extras["type"]
    elif not same:
        out["type"] = "text"
    confidence = line.confidence if same else line_confidence(line)
    kept = extras.get("confidence", 0) if extras else 0
    if extras and "confidence" in extras and (kept is None or _clamp(kept) == confidence):  # type: ignore[arg-type]
        out["confidence"] = kept
    elif confidence is not None:
        out["confidence"] = confidence
    polygon = line.polygon if same else line_polygon(line)
    if not ("location" in absent and not polygon):
        out["location"] = _location_out(polygon, same)
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in _BLOCK_KEYS and k != ABSENT)
    return out


def to_huawei(doc: Document) -> dict[str, JsonValue]:
    """The Document as a Huawei ``RecognizeHandwritingResponse`` body (all pages' lines as blocks)."""
    same = doc.shape == _SHAPE
    extras = doc.extras if same else None
    out: dict[str, Any] = {}
    _, lines = all_lines(doc)
    if not ("result" in absent_keys(extras) and not lines):
        kept = extras.get("result") if extras else None
        result_extras: Mapping[str, Any] = kept if isinstance(kept, Mapping) else {}
        result_absent = absent_keys(result_extras)
        result: dict[str, Any] = {}
        if "words_block_count" in result_extras:
            result["words_block_count"] = result_extras["words_block_count"]
        elif "words_block_count" not in result_absent:
            result["words_block_count"] = len(lines)
        if not ("words_block_list" in result_absent and not lines):
            result["words_block_list"] = [_block_out(line, same) for line in lines]
        result.update((k, v) for k, v in result_extras.items() if k not in _RESULT_KEYS and k != ABSENT)
        out["result"] = result
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in _TOP_KEYS and k != ABSENT)
    return out

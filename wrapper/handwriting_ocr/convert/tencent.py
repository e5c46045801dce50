"""Tencent Cloud legacy OCR handwriting results (``tencent``):
``{"code", "message", "data": {"session_id", "items": [{itemcoord, itemstring, coords, words, candword}]}}``.

Rules:

* Each item is a line; ``itemcoord`` ``{x, y, width, height}`` becomes its rectangle.
* Each entry of ``words`` is one character with a confidence and no box: it becomes a Word with
  ``polygon=None``. The line confidence is the mean of its characters' (None without characters).
* Confidence scale: documented as 0–100, sent as 0–1 in every example. If any character confidence
  in the result exceeds 1, the whole result is read as 0–100 and divided by 100 (and multiplied back
  for the same shape); otherwise values are taken as 0–1 unchanged.
* ``code``, ``message``, ``session_id``, ``coords`` and ``candword`` are kept in extras.
* Back to Tencent from another shape: ``itemcoord`` is the smallest integer box around the line
  polygon; ``words`` lists the characters of each word (whitespace left out), each with its word's
  confidence (else the line's; the key is left out when unknown); ``code`` 0, ``message`` "OK".
"""

from __future__ import annotations

import math
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
    list_or_absent,
    mean,
    object_or_absent,
    same_json,
    unknown_keys,
)
from handwriting_ocr.documents.geometry import bounding_box, line_polygon
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, Word

__all__ = ["from_tencent", "to_tencent"]

_SHAPE: Shape = "tencent"
_TOP_KEYS = frozenset({"code", "message", "data"})
_DATA_KEYS = frozenset({"session_id", "items"})
_ITEM_KEYS = frozenset({"itemcoord", "itemstring", "coords", "words", "candword"})
_CHAR_KEYS = frozenset({"character", "confidence"})
#: Document extras key recording that the result's confidences were on the 0–100 scale.
_SCALE = "_confidence_scale"


def _rect(coord: Mapping[str, Any], path: str) -> Polygon:
    try:
        x, y, w, h = coord["x"], coord["y"], coord["width"], coord["height"]
    except KeyError as exc:
        raise fail(_SHAPE, f"{path}.{exc.args[0]}", "present") from None
    for v in (x, y, w, h):
        if not is_number(v):
            raise fail(_SHAPE, path, "an object of finite numbers x, y, width, height")
    right, bottom = x + w, y + h
    if not (is_number(right) and is_number(bottom)):
        raise fail(_SHAPE, path, "a box whose far edges are within the float range")
    return ((x, y), (right, y), (right, bottom), (x, bottom))


def _coord_exact(polygon: Polygon) -> dict[str, float]:
    left, top, right, bottom = bounding_box(polygon)
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def _coord_integer(polygon: Polygon) -> dict[str, int]:
    if not polygon:
        return {"x": 0, "y": 0, "width": 0, "height": 0}
    left, top, right, bottom = bounding_box(polygon)
    x, y = math.floor(left), math.floor(top)
    return {"x": x, "y": y, "width": math.ceil(right) - x, "height": math.ceil(bottom) - y}


def _char_in(c: Any, scale: float, path: str) -> Word:
    if not isinstance(c, Mapping):
        raise fail(_SHAPE, path, "an object")
    text = c.get("character")
    if type(text) is not str:
        raise fail(_SHAPE, f"{path}.character", "a string")
    known = 2 if "confidence" in c else 1
    extras: dict[str, JsonValue] | None = (
        unknown_keys(c, _CHAR_KEYS, _SHAPE, path) if len(c) != known else None
    )
    confidence = None
    if "confidence" in c:
        raw = c["confidence"]
        if not is_number(raw):
            raise fail(_SHAPE, f"{path}.confidence", FINITE_NUMBER)
        if scale == 1:
            confidence = raw
        else:
            confidence = raw / scale
            if not same_json(confidence * scale, raw):
                # Scaling back would not give the very same number (or type): keep the original.
                extras = {**(extras or {}), "confidence": raw}
    return Word(text, None, confidence, extras or None)


def _item_in(item: Any, scale: float, path: str) -> Line:
    if not isinstance(item, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras: dict[str, JsonValue] = unknown_keys(item, _ITEM_KEYS, _SHAPE, path)
    absent: list[JsonValue] = []
    words: tuple[Word, ...] = ()
    if "words" in item:
        chars = item["words"]
        if type(chars) is not list:
            raise fail(_SHAPE, f"{path}.words", "a list")
        words = tuple([_char_in(c, scale, f"{path}.words[{i}]") for i, c in enumerate(chars)])
    else:
        absent.append("words")
    if "itemstring" in item:
        text = item["itemstring"]
        if type(text) is not str:
            raise fail(_SHAPE, f"{path}.itemstring", "a string")
    else:
        absent.append("itemstring")
        text = "".join(w.text for w in words)
    polygon: Polygon = ()
    if "itemcoord" in item:
        coord = item["itemcoord"]
        if not isinstance(coord, Mapping):
            raise fail(_SHAPE, f"{path}.itemcoord", "an object")
        polygon = _rect(coord, f"{path}.itemcoord")
        if not same_json(_coord_exact(polygon), dict(coord)):
            extras["itemcoord"] = keep(dict(coord), _SHAPE, f"{path}.itemcoord")
    else:
        absent.append("itemcoord")
    for key in ("coords", "candword"):
        if key in item:
            extras[key] = keep(item[key], _SHAPE, f"{path}.{key}")
    if absent:
        extras[ABSENT] = absent
    confidence = mean(w.confidence for w in words) if words else None
    return Line(text, polygon, confidence, words, extras or None)


def _detect_scale(items: list[Any]) -> float:
    for item in items:
        chars = item.get("words") if isinstance(item, Mapping) else None
        if type(chars) is list:
            for c in chars:
                value = c.get("confidence") if isinstance(c, Mapping) else None
                if is_number(value) and value > 1:
                    return 100.0
    return 1.0


def _from_tencent(data: Mapping[str, Any], raw: object) -> Document:
    extras: dict[str, JsonValue] = unknown_keys(data, _TOP_KEYS, _SHAPE)
    for key in ("code", "message"):
        if key in data:
            extras[key] = keep(data[key], _SHAPE, key)
    body = object_or_absent(data, "data", extras, _SHAPE)
    if body is None:
        return Document("tencent", _SHAPE, (), extras, raw)
    data_extras: dict[str, JsonValue] = unknown_keys(body, _DATA_KEYS, _SHAPE, "data")
    if "session_id" in body:
        data_extras["session_id"] = keep(body["session_id"], _SHAPE, "data.session_id")
    items = list_or_absent(body, "items", data_extras, _SHAPE, "data.items")
    scale = _detect_scale(items)
    if scale != 1:
        extras[_SCALE] = scale
    lines = tuple([_item_in(item, scale, f"data.items[{i}]") for i, item in enumerate(items)])
    extras["data"] = data_extras
    page = Page(1, lines, None, None, "pixel", None, None)
    return Document("tencent", _SHAPE, (page,), extras, raw)


def from_tencent(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A Tencent ``HandwritingResponse`` body as a Document (one page, one line per item).

    A body with ``code != 0`` is an error answer, not a result: the clients raise the typed error
    before converting; here it converts to a Document without pages.
    """
    return guard(_SHAPE, lambda: _from_tencent(data, data if raw is None else raw))


def _char_out(word: Word, scale: float) -> dict[str, Any]:
    extras = word.extras
    out: dict[str, Any] = {"character": word.text}
    kept = extras.get("confidence") if extras else None
    if is_number(kept) and word.confidence == kept / scale:
        out["confidence"] = kept
    elif word.confidence is not None:
        out["confidence"] = word.confidence if scale == 1 else word.confidence * scale
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in _CHAR_KEYS and k != ABSENT)
    return out


def _chars_cross(line: Line) -> list[dict[str, Any]]:
    """Characters with confidences for a line from another shape."""
    sources = [(w.text, w.confidence) for w in line.words] or [(line.text, line.confidence)]
    chars = []
    for text, confidence in sources:
        if confidence is None:
            confidence = line.confidence
        for ch in text:
            if ch.isspace():
                continue
            char: dict[str, Any] = {"character": ch}
            if confidence is not None:
                char["confidence"] = confidence
            chars.append(char)
    return chars


def _item_out(line: Line, same: bool, scale: float) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if same:
        polygon = line.polygon
        if not ("itemcoord" in absent and not polygon):
            kept = extras.get("itemcoord") if extras else None
            if isinstance(kept, Mapping) and _rect(kept, "itemcoord") == polygon:
                out["itemcoord"] = kept
            else:
                out["itemcoord"] = _coord_exact(polygon) if polygon else _coord_integer(polygon)
        if not ("itemstring" in absent and line.text == "".join(w.text for w in line.words)):
            out["itemstring"] = line.text
        if extras and "coords" in extras:
            out["coords"] = extras["coords"]
        if not ("words" in absent and not line.words):
            out["words"] = [_char_out(w, scale) for w in line.words]
        if extras and "candword" in extras:
            out["candword"] = extras["candword"]
        if extras:
            out.update((k, v) for k, v in extras.items() if k not in _ITEM_KEYS and k != ABSENT)
        return out
    return {
        "itemcoord": _coord_integer(line_polygon(line)),
        "itemstring": line.text,
        "coords": [],
        "words": _chars_cross(line),
        "candword": [],
    }


def to_tencent(doc: Document) -> dict[str, JsonValue]:
    """The Document as a Tencent ``HandwritingResponse`` body (all pages' lines as items)."""
    same = doc.shape == _SHAPE
    _, lines = all_lines(doc)
    if not same:
        return {
            "code": 0,
            "message": "OK",
            "data": {"session_id": "", "items": [_item_out(line, False, 1.0) for line in lines]},
        }
    extras = doc.extras or {}
    scale = extras.get(_SCALE, 1.0)
    if not is_number(scale) or scale <= 0:
        scale = 1.0
    out: dict[str, Any] = {}
    for key in ("code", "message"):
        if key in extras:
            out[key] = extras[key]
    if not ("data" in absent_keys(extras) and not lines):
        kept = extras.get("data")
        data_extras: Mapping[str, Any] = kept if isinstance(kept, Mapping) else {}
        body: dict[str, Any] = {}
        if "session_id" in data_extras:
            body["session_id"] = data_extras["session_id"]
        if not ("items" in absent_keys(data_extras) and not lines):
            body["items"] = [_item_out(line, True, scale) for line in lines]
        body.update((k, v) for k, v in data_extras.items() if k not in _DATA_KEYS and k != ABSENT)
        out["data"] = body
    out.update((k, v) for k, v in extras.items() if k not in _TOP_KEYS and k != ABSENT and k != _SCALE)
    return out

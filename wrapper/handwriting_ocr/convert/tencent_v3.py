"""Tencent Cloud API 3.0 ``GeneralHandwritingOCR`` answers (``tencent-v3``):
``{"Response": {"TextDetections": [{DetectedText, Confidence, Polygon, AdvancedInfo, WordPolygon}],
"Angel", "Angle", "RequestId"}}``. The inner object alone (what the official SDK's
``GeneralHandwritingOCRResponse.to_json_string()`` gives) is read too, and written back the same way.

Rules:

* The answer is one image: one page, in pixels, without a size; its angle is ``Angle`` (else the
  deprecated spelling ``Angel``), in degrees, clockwise positive.
* Each text detection is a line: ``DetectedText`` its text, ``Polygon`` (``[{X, Y}]``) its outline,
  ``Confidence`` (an integer 0-100) divided by 100 its confidence (clamped into 0..1; the original is
  kept when dividing and multiplying back would not give it).
* ``WordPolygon`` (asked for with ``EnableWordPolygon``) holds one 4-corner box per character without
  the characters themselves. When there is one box per character of the text (or per non-space
  character) the line gets one Word per character with its box and no confidence; otherwise the boxes
  stay in the line's extras. (The pairing of boxes with characters is our reading of the field's
  description, "the coordinates of the characters"; Tencent does not document it further.)
* ``AdvancedInfo`` (a JSON string, e.g. the paragraph number), ``RequestId``, an ``Error`` and fields
  added later are kept in extras, for the same shape only.
* Back to Tencent API 3.0 from another shape: the wrapped form ``{"Response": {...}}``;
  ``Confidence`` is the line's confidence (else the mean of its words') times 100, rounded (left out
  when unknown); ``Polygon`` 4 points (other outlines become their bounding rectangle) rounded to
  non-negative integers; ``WordPolygon`` only when every word of the line is a single character with
  a box; ``Angle`` and ``Angel`` the first page's angle in (-180, 180] (left out when unknown);
  ``RequestId`` "" (there was no request); no ``AdvancedInfo``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handwriting_ocr.convert._common import (
    ABSENT,
    FINITE_NUMBER,
    absent_keys,
    all_lines,
    clamp_unit,
    fail,
    guard,
    is_number,
    keep,
    line_confidence,
    unknown_keys,
    xy_points_in,
    xy_points_out,
)
from handwriting_ocr.documents.geometry import line_polygon
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, Word

__all__ = ["from_tencent_v3", "to_tencent_v3"]

_SHAPE: Shape = "tencent-v3"
_TOP_KEYS = frozenset({"Response"})
_RESPONSE_KEYS = frozenset({"TextDetections", "Angle", "Angel"})
_DETECTION_KEYS = frozenset({"DetectedText", "Confidence", "Polygon", "AdvancedInfo", "WordPolygon"})
_CORNERS = ("LeftTop", "RightTop", "RightBottom", "LeftBottom")
#: Document extras flag: the answer was the inner object, without ``{"Response": ...}`` around it.
_BARE = "_bare"
#: Keys that mark the inner object given on its own.
_INNER_KEYS = frozenset({"TextDetections", "Angle", "Angel", "RequestId", "Error"})


# --- provider -> Document -------------------------------------------------------------------------


def _percent_in(raw: object, path: str) -> float:
    if not is_number(raw):
        raise fail(_SHAPE, path, "a number from 0 to 100")
    return clamp_unit(raw / 100)


def _percent_out(confidence: float) -> int:
    """A 0..1 confidence as Tencent's integer 0-100."""
    return min(max(round(confidence * 100), 0), 100)


def _corners_in(value: object, path: str) -> tuple[list[Polygon], bool]:
    """``WordPolygon``: the boxes, and whether writing them back gives the original exactly."""
    if type(value) is not list:
        raise fail(_SHAPE, path, "a list of {LeftTop, RightTop, RightBottom, LeftBottom} boxes")
    boxes: list[Polygon] = []
    exact = True
    for i, box in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(box, Mapping) or not all(corner in box for corner in _CORNERS):
            raise fail(_SHAPE, where, "a {LeftTop, RightTop, RightBottom, LeftBottom} box")
        points, exact_points = xy_points_in([box[c] for c in _CORNERS], "X", "Y", _SHAPE, where)
        exact = exact and exact_points and len(box) == 4
        boxes.append(points)
    return boxes, exact


def _characters(text: str, boxes: list[Polygon]) -> tuple[Word, ...] | None:
    """One Word per character with its box, if the boxes pair with the characters."""
    chars = list(text)
    if len(boxes) != len(chars):
        chars = [c for c in text if not c.isspace()]
        if len(boxes) != len(chars):
            return None
    return tuple(Word(c, box) for c, box in zip(chars, boxes, strict=True))


def _detection_in(item: Any, path: str) -> Line:
    if not isinstance(item, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras = unknown_keys(item, _DETECTION_KEYS, _SHAPE, path)
    absent: list[JsonValue] = [key for key in ("DetectedText", "Polygon", "WordPolygon") if key not in item]
    text = item.get("DetectedText", "")
    if type(text) is not str:
        raise fail(_SHAPE, f"{path}.DetectedText", "a string")
    confidence = None
    if "Confidence" in item:
        raw = item["Confidence"]
        if raw is None:
            extras["Confidence"] = None
        else:
            confidence = _percent_in(raw, f"{path}.Confidence")
            if type(raw) is not int or _percent_out(confidence) != raw:
                # A float, or a value outside 0-100: kept, as dividing and multiplying back would lose it.
                extras["Confidence"] = raw
    polygon: Polygon = ()
    if item.get("Polygon") is not None:
        polygon, exact = xy_points_in(item["Polygon"], "X", "Y", _SHAPE, f"{path}.Polygon")
        if not exact:
            extras["Polygon"] = keep(item["Polygon"], _SHAPE, f"{path}.Polygon")
    elif "Polygon" in item:
        extras["Polygon"] = None
    if "AdvancedInfo" in item:
        extras["AdvancedInfo"] = keep(item["AdvancedInfo"], _SHAPE, f"{path}.AdvancedInfo")
    words: tuple[Word, ...] = ()
    if item.get("WordPolygon") is not None:
        boxes, exact = _corners_in(item["WordPolygon"], f"{path}.WordPolygon")
        characters = _characters(text, boxes) if exact else None
        if characters is None:
            extras["WordPolygon"] = keep(item["WordPolygon"], _SHAPE, f"{path}.WordPolygon")
        else:
            words = characters
    elif "WordPolygon" in item:
        extras["WordPolygon"] = None
    if absent:
        extras[ABSENT] = absent
    return Line(text, polygon, confidence, words, extras or None)


def _angle_in(response: Mapping[str, Any], kept: dict[str, JsonValue], prefix: str) -> float | None:
    """The page angle (``Angle``, else ``Angel``); what the round trip needs goes to ``kept``."""
    absent: list[JsonValue] = [key for key in ("Angle", "Angel") if key not in response]
    if absent:
        kept[ABSENT] = absent
    for key in ("Angle", "Angel"):
        value = response.get(key)
        if value is not None and not is_number(value):
            raise fail(_SHAPE, f"{prefix}{key}", FINITE_NUMBER)
    source = "Angle" if "Angle" in response else "Angel"
    if "Angle" in response and "Angel" in response:
        kept["Angel"] = response["Angel"]  # checked just above
    if source in response and response[source] is None:
        kept[source] = None
    angle: float | None = response.get(source)
    return angle


def _from_tencent_v3(data: Mapping[str, Any], raw: object) -> Document:
    bare = "Response" not in data and bool(_INNER_KEYS & data.keys())
    if bare:
        extras: dict[str, JsonValue] = {_BARE: True}
        response: object = data
    else:
        extras = unknown_keys(data, _TOP_KEYS, _SHAPE)
        if "Response" not in data:
            extras[ABSENT] = ["Response"]
            return Document("tencent", _SHAPE, (), extras, raw)
        response = data["Response"]
        if response is None:
            extras["Response"] = None
            return Document("tencent", _SHAPE, (), extras, raw)
    if not isinstance(response, Mapping):
        raise fail(_SHAPE, "Response", "an object")
    prefix = "" if bare else "Response."
    kept = unknown_keys(response, _RESPONSE_KEYS, _SHAPE, prefix.rstrip("."))
    angle = _angle_in(response, kept, prefix)
    lines: tuple[Line, ...] = ()
    detections = response.get("TextDetections")
    if "TextDetections" not in response:
        kept.setdefault(ABSENT, []).append("TextDetections")  # type: ignore[union-attr]
    elif detections is None:
        kept["TextDetections"] = None
    elif type(detections) is not list:
        raise fail(_SHAPE, f"{prefix}TextDetections", "a list")
    else:
        lines = tuple(
            [_detection_in(item, f"{prefix}TextDetections[{i}]") for i, item in enumerate(detections)]
        )
    extras["Response"] = kept
    page = Page(1, lines, None, None, "pixel", angle, None)
    return Document("tencent", _SHAPE, (page,), extras, raw)


def from_tencent_v3(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A ``GeneralHandwritingOCR`` answer (``{"Response": {...}}`` or the inner object) as a Document
    (one page, one line per text detection).

    An answer with ``Response.Error`` is an error answer, not a result: the clients raise the typed
    error before converting; here it converts to a page without lines.
    """
    return guard(_SHAPE, lambda: _from_tencent_v3(data, data if raw is None else raw))


# --- Document -> provider -------------------------------------------------------------------------


def _others(out: dict[str, Any], extras: Mapping[str, JsonValue] | None, known: frozenset[str]) -> None:
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in known and k != ABSENT and k != _BARE)


def _corners_out(polygon: Polygon, pixels: bool) -> dict[str, JsonValue]:
    return dict(zip(_CORNERS, xy_points_out(polygon, "X", "Y", pixels=pixels), strict=True))


def _word_polygon_out(line: Line, pixels: bool) -> list[JsonValue] | None:
    """Per-character boxes for the line's words, if every word is one character with a 4-point box."""
    if not all(len(w.text) == 1 and w.polygon and (pixels or len(w.polygon) == 4) for w in line.words):
        return None
    return [_corners_out(w.polygon or (), pixels) for w in line.words]


def _detection_out(line: Line, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("DetectedText" in absent and line.text == ""):
        out["DetectedText"] = line.text
    confidence = line.confidence if same else line_confidence(line)
    has_kept = bool(extras) and "Confidence" in extras  # type: ignore[operator]
    kept = extras.get("Confidence") if extras else None
    if has_kept and kept is None and confidence is None:
        out["Confidence"] = None
    elif confidence is not None:
        if has_kept and is_number(kept) and clamp_unit(kept / 100) == confidence:
            out["Confidence"] = kept
        else:
            out["Confidence"] = _percent_out(confidence)
    has_kept = bool(extras) and "Polygon" in extras  # type: ignore[operator]
    kept = extras.get("Polygon") if extras else None
    polygon = line.polygon if same else line_polygon(line)
    if has_kept and kept is None and not polygon:
        out["Polygon"] = None
    elif isinstance(kept, list) and xy_points_in(kept, "X", "Y", _SHAPE, "Polygon")[0] == polygon:
        out["Polygon"] = kept
    elif not ("Polygon" in absent and not polygon):
        out["Polygon"] = xy_points_out(polygon, "X", "Y", pixels=not same)
    if extras and "AdvancedInfo" in extras:
        out["AdvancedInfo"] = extras["AdvancedInfo"]
    if extras and "WordPolygon" in extras and not line.words:
        out["WordPolygon"] = extras["WordPolygon"]
    elif not ("WordPolygon" in absent and not line.words):
        boxes = _word_polygon_out(line, not same)
        if boxes is not None and (same or line.words):
            out["WordPolygon"] = boxes
    _others(out, extras, _DETECTION_KEYS)
    return out


def _signed(angle: float) -> float:
    """An angle in (-180, 180] (Azure Read v2.0 reports [0, 360))."""
    if -180 < angle <= 180:
        return angle
    turned = angle % 360  # in [0, 360], 360 only by rounding
    return turned - 360 if turned > 180 else turned


def to_tencent_v3(doc: Document) -> dict[str, JsonValue]:
    """The Document as a ``GeneralHandwritingOCR`` answer (all pages' lines as text detections)."""
    same = doc.shape == _SHAPE
    page, lines = all_lines(doc)
    angle = page.angle if page is not None else None
    if not same:
        response: dict[str, Any] = {"TextDetections": [_detection_out(line, False) for line in lines]}
        if angle is not None:
            response["Angel"] = response["Angle"] = _signed(angle)
        response["RequestId"] = ""
        return {"Response": response}
    extras = doc.extras or {}
    out: dict[str, Any] = {}
    _others(out, extras, _TOP_KEYS)
    if page is None and "Response" in absent_keys(extras):
        return out
    if page is None and "Response" in extras and extras["Response"] is None:
        out["Response"] = None
        return out
    kept_value = extras.get("Response")
    kept: Mapping[str, JsonValue] = kept_value if isinstance(kept_value, Mapping) else {}
    absent = absent_keys(kept)
    response = {}
    if lines or "TextDetections" not in absent:
        if kept.get("TextDetections", 0) is None and not lines:
            response["TextDetections"] = None
        else:
            response["TextDetections"] = [_detection_out(line, True) for line in lines]
    source = "Angle" if "Angle" not in absent else "Angel"
    if angle is not None:
        response[source] = angle
    elif source not in absent or source in kept:
        response[source] = None
    if "Angel" in kept and source == "Angle":
        response["Angel"] = kept["Angel"]
    _others(response, kept, _RESPONSE_KEYS)
    if extras.get(_BARE) is True:
        return {**out, **response}
    out["Response"] = response
    return out

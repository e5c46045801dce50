"""Azure v1.0 ``OcrResult`` (``azure-ocr``): regions of lines of words, boxes as ``"x,y,w,h"`` strings,
lines without text of their own, no confidence.

Rules:

* A box ``"x,y,w,h"`` becomes the rectangle ``(x,y) (x+w,y) (x+w,y+h) (x,y+h)``; back, any polygon
  becomes the smallest integer box around it (floor of the near edges, ceil of the far ones).
* A line's text is its words' texts joined by single spaces.
* Regions are flattened into the page's lines; their boxes and line counts are kept in the page's
  extras so the same shape comes back grouped as it was. Other shapes get one region around all lines.
* ``textAngle`` becomes the page angle; ``language`` and ``orientation`` go to the page's extras.
  OCR coordinates are image pixels, so the page unit is ``"pixel"``; OCR sends no page size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handwriting_ocr.convert._common import (
    ABSENT,
    absent_keys,
    all_lines,
    fail,
    guard,
    is_number,
    keep,
    list_or_absent,
    unknown_keys,
)
from handwriting_ocr.documents.geometry import (
    bounding_box,
    export_words,
    integer_box,
    line_polygon,
    union_box,
)
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, Word
from handwriting_ocr.errors import InvalidInputError

__all__ = ["box_from_string", "box_to_string", "from_azure_ocr", "to_azure_ocr"]

_SHAPE: Shape = "azure-ocr"
_TOP_KEYS = frozenset({"language", "textAngle", "orientation", "regions"})
_REGION_KEYS = frozenset({"boundingBox", "lines"})
_LINE_KEYS = frozenset({"boundingBox", "words"})
_WORD_KEYS = frozenset({"boundingBox", "text"})


def _number(part: str) -> float:
    try:
        return int(part)
    except ValueError:
        return float(part)


def box_from_string(value: object, path: str = "boundingBox") -> Polygon:
    """``"x,y,w,h"`` as a 4-point rectangle; raises InvalidInputError if it is not one."""
    if type(value) is not str:
        raise fail(_SHAPE, path, 'a "x,y,w,h" string')
    parts = value.split(",")
    if len(parts) != 4:
        raise fail(_SHAPE, path, 'a "x,y,w,h" string')
    try:
        x, y, w, h = (_number(p) for p in parts)
    except ValueError:
        raise fail(_SHAPE, path, 'a "x,y,w,h" string of numbers') from None
    right, bottom = x + w, y + h
    if not all(map(is_number, (x, y, w, h, right, bottom))):
        raise fail(_SHAPE, path, 'a "x,y,w,h" string of finite numbers within the float range')
    return ((x, y), (right, y), (right, bottom), (x, bottom))


def box_to_string(polygon: Polygon) -> str:
    """The smallest integer ``"x,y,w,h"`` box around the polygon (``"0,0,0,0"`` if it is empty)."""
    if not polygon:
        return "0,0,0,0"
    left, top, right, bottom = integer_box(bounding_box(polygon))
    return f"{left},{top},{right - left},{bottom - top}"


def _box_in(value: object, path: str) -> tuple[Polygon, str | None]:
    """The box as a polygon, plus the original string when re-encoding would not give it back
    (spaces, float values): kept in extras so the round trip is exact."""
    polygon = box_from_string(value, path)
    return polygon, (None if box_to_string(polygon) == value else value)  # type: ignore[return-value]


def _box_out(polygon: Polygon, extras: Mapping[str, JsonValue] | None) -> str:
    kept = extras.get("boundingBox") if extras else None
    if isinstance(kept, str):
        try:
            if box_from_string(kept) == polygon:
                return kept
        except InvalidInputError:
            pass
    return box_to_string(polygon)


def _word_in(w: Any, path: str) -> Word:
    if not isinstance(w, Mapping):
        raise fail(_SHAPE, path, "an object")
    if "boundingBox" not in w or "text" not in w:
        raise fail(_SHAPE, path, "an object with boundingBox and text")
    polygon, kept = _box_in(w["boundingBox"], f"{path}.boundingBox")
    text = w["text"]
    if type(text) is not str:
        raise fail(_SHAPE, f"{path}.text", "a string")
    extras: dict[str, JsonValue] | None = unknown_keys(w, _WORD_KEYS, _SHAPE, path) if len(w) != 2 else None
    if kept is not None:
        extras = {**(extras or {}), "boundingBox": kept}
    return Word(text, polygon, None, extras)


def _line_in(ln: Any, path: str) -> Line:
    if not isinstance(ln, Mapping):
        raise fail(_SHAPE, path, "an object")
    absent: list[JsonValue] = []
    if "words" in ln:
        if type(ln["words"]) is not list:
            raise fail(_SHAPE, f"{path}.words", "a list")
        words = tuple([_word_in(w, f"{path}.words[{i}]") for i, w in enumerate(ln["words"])])
    else:
        absent.append("words")
        words = ()
    kept = None
    if "boundingBox" in ln:
        polygon, kept = _box_in(ln["boundingBox"], f"{path}.boundingBox")
    else:
        absent.append("boundingBox")
        polygon = ()
    extras: dict[str, JsonValue] = unknown_keys(ln, _LINE_KEYS, _SHAPE, path)
    if kept is not None:
        extras["boundingBox"] = kept
    if absent:
        extras[ABSENT] = absent
    return Line(" ".join(w.text for w in words), polygon, None, words, extras or None)


def _from_ocr(data: Mapping[str, Any], raw: object) -> Document:
    page_extras: dict[str, JsonValue] = {}
    top_extras: dict[str, JsonValue] = unknown_keys(data, _TOP_KEYS, _SHAPE)
    for key in ("language", "orientation"):
        if key in data:
            page_extras[key] = keep(data[key], _SHAPE, key)
    angle = data.get("textAngle")
    if angle is not None and not is_number(angle):
        raise fail(_SHAPE, "textAngle", "a number")
    if "textAngle" in data and angle is None:
        page_extras["textAngle"] = None
    regions_value = list_or_absent(data, "regions", top_extras, _SHAPE, "regions")
    lines: list[Line] = []
    regions: list[JsonValue] = []
    for r, region in enumerate(regions_value):
        path = f"regions[{r}]"
        if not isinstance(region, Mapping):
            raise fail(_SHAPE, path, "an object")
        meta: dict[str, JsonValue] = unknown_keys(region, _REGION_KEYS, _SHAPE, path)
        if "boundingBox" in region:
            box_from_string(region["boundingBox"], f"{path}.boundingBox")
            meta["boundingBox"] = region["boundingBox"]
        if "lines" in region:
            region_lines = region["lines"]
            if type(region_lines) is not list:
                raise fail(_SHAPE, f"{path}.lines", "a list")
            lines.extend(_line_in(ln, f"{path}.lines[{i}]") for i, ln in enumerate(region_lines))
            meta["lineCount"] = len(region_lines)
        regions.append(meta)
    page_extras["regions"] = regions
    page = Page(1, tuple(lines), None, None, "pixel", angle, page_extras)
    return Document("azure", _SHAPE, (page,), top_extras or None, raw)


def from_azure_ocr(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A v1.0 ``OcrResult`` as a Document (one page)."""
    return guard(_SHAPE, lambda: _from_ocr(data, data if raw is None else raw))


def _word_out(word: Word, same: bool) -> dict[str, Any]:
    extras = word.extras if same else None
    out: dict[str, Any] = {"boundingBox": _box_out(word.polygon or (), extras), "text": word.text}
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in _WORD_KEYS and k != ABSENT)
    return out


def _line_out(line: Line, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("boundingBox" in absent and not line.polygon):
        out["boundingBox"] = _box_out(line_polygon(line), extras)
    words = line.words if same else export_words(line)
    if not ("words" in absent and not words):
        out["words"] = [_word_out(w, same) for w in words]
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in _LINE_KEYS and k != ABSENT)
    return out


def _grouping(
    page: Page | None, lines: list[Line], same: bool
) -> list[tuple[Mapping[str, Any] | None, list[Line]]]:
    """Lines grouped into regions: as they came for the same shape (while the line count still
    matches), else one region around all lines."""
    kept = page.extras.get("regions") if (same and page is not None and page.extras) else None
    if isinstance(kept, list) and all(isinstance(r, Mapping) for r in kept):
        counts = [r.get("lineCount", 0) for r in kept]
        if all(type(c) is int and c >= 0 for c in counts) and sum(counts) == len(lines):
            groups: list[tuple[Mapping[str, Any] | None, list[Line]]] = []
            start = 0
            for region, count in zip(kept, counts, strict=True):
                groups.append((region, lines[start : start + count]))
                start += count
            return groups
    if not lines:
        return []
    return [(None, lines)]


def to_azure_ocr(doc: Document) -> dict[str, JsonValue]:
    """The Document as a v1.0 ``OcrResult`` (all pages' lines in one result)."""
    same = doc.shape == _SHAPE
    page, lines = all_lines(doc)
    page_extras = page.extras if (same and page is not None and page.extras) else {}
    out: dict[str, Any] = {}
    if "language" in page_extras:
        out["language"] = page_extras["language"]
    if page is not None and page.angle is not None:
        # OCR reports a small signed skew; Azure Read's [0, 360) orientation maps to (-180, 180].
        out["textAngle"] = page.angle if same or page.angle <= 180 else page.angle - 360
    elif "textAngle" in page_extras:
        out["textAngle"] = None
    if "orientation" in page_extras:
        out["orientation"] = page_extras["orientation"]
    regions = []
    for meta, region_lines in _grouping(page, lines, same):
        region: dict[str, Any] = {}
        if meta is None:
            # A region of our own: its box is the one around its lines.
            box = union_box(line_polygon(ln) for ln in region_lines)
            corners: Polygon = () if box is None else ((box[0], box[1]), (box[2], box[3]))
            region["boundingBox"] = box_to_string(corners)
            region["lines"] = [_line_out(ln, same) for ln in region_lines]
        else:
            # A region as it came: keys it did not have stay out.
            if "boundingBox" in meta:
                region["boundingBox"] = meta["boundingBox"]
            if "lineCount" in meta:
                region["lines"] = [_line_out(ln, same) for ln in region_lines]
            region.update((k, v) for k, v in meta.items() if k not in ("boundingBox", "lineCount"))
        regions.append(region)
    top_extras = doc.extras if same else None
    if not ("regions" in absent_keys(top_extras) and not regions):
        out["regions"] = regions
    if top_extras:
        out.update((k, v) for k, v in top_extras.items() if k not in _TOP_KEYS and k != ABSENT)
    return out

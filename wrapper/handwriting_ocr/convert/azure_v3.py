"""Azure Read v3.2 results (``azure-read-v3``): ``ReadOperationResult`` =
``{status, createdDateTime, lastUpdatedDateTime, analyzeResult: {version, modelVersion, readResults}}``,
one ``ReadResult`` per page ``{page, language, angle, width, height, unit, lines}``, lines
``{boundingBox: [8 numbers], appearance: {style: {name, confidence}}, text, words}`` and words
``{boundingBox, text, confidence}``.

Rules:

* Each ``ReadResult`` is a page: ``page`` its number, ``angle`` its angle (v3.2 reports it in
  [-180, 180)), ``width``/``height``/``unit`` as sent; ``language`` stays in the page's extras.
* ``appearance.style`` becomes the line's typed :class:`~handwriting_ocr.documents.TextStyle`
  (``name`` -> ``kind``, ``confidence``). This is the only shape that says whether a line is
  handwritten: converting to another shape drops the style (no other shape has a field for it; the
  Document and its JSON keep it), and a Document with styles converted to this shape writes them.
* Word confidences are numbers 0..1 and are the words' confidences as they are (a number outside
  0..1 is clamped, and the original kept for the round trip). Lines have no confidence.
* ``status``, the dates, ``version``, ``modelVersion``, ``language`` and fields added later are kept
  in extras, for the same shape only.
* Back to v3.2 from another shape: ``status`` "succeeded"; ``analyzeResult.version`` "3.2.0" and
  ``modelVersion`` "latest" (required by the schema; the source does not say which model read it);
  every page gets the required ``angle`` (the source's, normalised to [-180, 180), else 0), ``width``
  and ``height`` (the source's, else the extent of the content plus one), ``unit`` (else "pixel");
  outlines are 4 points (other outlines become their bounding rectangle); lines whose words have no
  boxes get one word spanning the line; a word's ``confidence`` is left out when unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handwriting_ocr.convert._common import (
    ABSENT,
    FINITE_NUMBER,
    absent_keys,
    clamp_unit,
    confidence_in,
    confidence_out,
    fail,
    guard,
    is_number,
    keep,
    pixel_size,
    points_from_flat,
    quadrilateral,
    same_json,
    unknown_keys,
)
from handwriting_ocr.documents._values import all_finite_numbers
from handwriting_ocr.documents.geometry import export_words, line_polygon
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, TextStyle, Word

__all__ = ["from_azure_read_v3", "style_from_appearance", "style_to_appearance", "to_azure_read_v3"]

_SHAPE: Shape = "azure-read-v3"
_TOP_KEYS = frozenset({"analyzeResult"})
_ANALYZE_KEYS = frozenset({"readResults"})
_PAGE_KEYS = frozenset({"page", "angle", "width", "height", "unit", "lines"})
_PAGE_NUMBERS = ("angle", "width", "height")
_LINE_KEYS = frozenset({"boundingBox", "appearance", "text", "words"})
_WORD_KEYS = frozenset({"boundingBox", "text", "confidence"})

#: What a v3.2 result converted from another shape says about itself (see the module docstring).
RESULT_VERSION = "3.2.0"
MODEL_VERSION = "latest"


# --- the style -------------------------------------------------------------------------------------


def style_from_appearance(appearance: object, path: str) -> TextStyle | None:
    """``appearance`` (``{style: {name, confidence}}``) as a TextStyle; None without a ``style``."""
    if not isinstance(appearance, Mapping):
        raise fail(_SHAPE, path, "an object")
    style = appearance.get("style")
    if style is None:
        return None
    if not isinstance(style, Mapping):
        raise fail(_SHAPE, f"{path}.style", "an object")
    name = style.get("name")
    if type(name) is not str:
        raise fail(_SHAPE, f"{path}.style.name", "a string")
    raw = style.get("confidence")
    confidence = None if raw is None else confidence_in(raw, _SHAPE, f"{path}.style.confidence")
    return TextStyle(name, confidence)


def style_to_appearance(style: TextStyle) -> dict[str, JsonValue]:
    """A TextStyle as v3.2's ``appearance`` object (``confidence`` left out when unknown)."""
    out: dict[str, JsonValue] = {"name": style.kind}
    if style.confidence is not None:
        out["confidence"] = clamp_unit(style.confidence)
    return {"style": out}


# --- provider -> Document -------------------------------------------------------------------------


def _word_in(w: Any, path: str) -> Word:
    if type(w) is not dict and not isinstance(w, Mapping):
        raise fail(_SHAPE, path, "an object")
    try:
        box = w["boundingBox"]
        text = w["text"]
    except KeyError as exc:
        raise fail(_SHAPE, f"{path}.{exc.args[0]}", "present") from None
    if type(box) is list and len(box) == 8 and all_finite_numbers(box):
        x0, y0, x1, y1, x2, y2, x3, y3 = box
        polygon: Polygon = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    else:
        polygon = points_from_flat(box, _SHAPE, f"{path}.boundingBox")
    if type(text) is not str:
        raise fail(_SHAPE, f"{path}.text", "a string")
    extras: dict[str, JsonValue] | None = None
    confidence = None
    known = 2
    if "confidence" in w:
        known = 3
        raw = w["confidence"]
        if raw is None:
            extras = {"confidence": None}
        else:
            confidence = confidence_in(raw, _SHAPE, f"{path}.confidence")
            if confidence != raw:
                extras = {"confidence": raw}
    if len(w) != known:
        extras = {**(extras or {}), **unknown_keys(w, _WORD_KEYS, _SHAPE, path)}
    return Word(text, polygon, confidence, extras)


def _line_in(ln: Any, path: str) -> Line:
    if not isinstance(ln, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras: dict[str, JsonValue] = unknown_keys(ln, _LINE_KEYS, _SHAPE, path)
    absent: list[JsonValue] = []
    if "words" in ln:
        words_value = ln["words"]
        if type(words_value) is not list:
            raise fail(_SHAPE, f"{path}.words", "a list")
        words = tuple([_word_in(w, f"{path}.words[{i}]") for i, w in enumerate(words_value)])
    else:
        absent.append("words")
        words = ()
    if "boundingBox" in ln:
        polygon = points_from_flat(ln["boundingBox"], _SHAPE, f"{path}.boundingBox")
    else:
        absent.append("boundingBox")
        polygon = ()
    if "text" in ln:
        text = ln["text"]
        if type(text) is not str:
            raise fail(_SHAPE, f"{path}.text", "a string")
    else:
        text = " ".join(w.text for w in words)
        absent.append("text")
    style = None
    if "appearance" in ln:
        appearance = ln["appearance"]
        if appearance is None:
            extras["appearance"] = None
        else:
            style = style_from_appearance(appearance, f"{path}.appearance")
            if style is None or not same_json(style_to_appearance(style), appearance):
                # Other keys, an int confidence, one outside 0..1...: keep it as it came.
                extras["appearance"] = keep(appearance, _SHAPE, f"{path}.appearance")
    if absent:
        extras[ABSENT] = absent
    return Line(text, polygon, None, words, extras or None, style=style)


def _page_in(page: Any, index: int, path: str) -> Page:
    if not isinstance(page, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras: dict[str, JsonValue] = unknown_keys(page, _PAGE_KEYS, _SHAPE, path)
    absent: list[JsonValue] = [key for key in ("page", "lines") if key not in page]
    lines: tuple[Line, ...] = ()
    if "lines" in page:
        value = page["lines"]
        if type(value) is not list:
            raise fail(_SHAPE, f"{path}.lines", "a list")
        lines = tuple([_line_in(ln, f"{path}.lines[{i}]") for i, ln in enumerate(value)])
    number = index + 1
    if page.get("page") is not None:
        if type(page["page"]) is not int:
            raise fail(_SHAPE, f"{path}.page", "an integer")
        number = page["page"]
    numbers: dict[str, float | None] = {}
    for key in _PAGE_NUMBERS:
        value = page.get(key)
        if value is not None and not is_number(value):
            raise fail(_SHAPE, f"{path}.{key}", FINITE_NUMBER)
        numbers[key] = value
    unit = page.get("unit")
    if unit is not None and type(unit) is not str:
        raise fail(_SHAPE, f"{path}.unit", "a string")
    # Explicit nulls come back as nulls, not as missing keys.
    for key in ("page", *_PAGE_NUMBERS, "unit"):
        if key in page and page[key] is None:
            extras[key] = None
    if absent:
        extras[ABSENT] = absent
    return Page(number, lines, numbers["width"], numbers["height"], unit, numbers["angle"], extras or None)


def _from_v3(data: Mapping[str, Any], raw: object) -> Document:
    extras: dict[str, JsonValue] = unknown_keys(data, _TOP_KEYS, _SHAPE)
    if "analyzeResult" not in data:
        extras[ABSENT] = ["analyzeResult"]
        return Document("azure", _SHAPE, (), extras, raw)
    analyze = data["analyzeResult"]
    if analyze is None:
        extras["analyzeResult"] = None
        return Document("azure", _SHAPE, (), extras, raw)
    if not isinstance(analyze, Mapping):
        raise fail(_SHAPE, "analyzeResult", "an object")
    analyze_extras: dict[str, JsonValue] = unknown_keys(analyze, _ANALYZE_KEYS, _SHAPE, "analyzeResult")
    results = analyze.get("readResults")
    if "readResults" not in analyze:
        analyze_extras[ABSENT] = ["readResults"]
    elif results is None:
        analyze_extras["readResults"] = None
    elif type(results) is not list:
        raise fail(_SHAPE, "analyzeResult.readResults", "a list")
    pages = tuple([_page_in(p, i, f"analyzeResult.readResults[{i}]") for i, p in enumerate(results or [])])
    if analyze_extras:
        extras["analyzeResult"] = analyze_extras
    return Document("azure", _SHAPE, pages, extras or None, raw)


def from_azure_read_v3(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A Read v3.2 ``ReadOperationResult`` (``analyzeResult.readResults``, one per page) as a Document."""
    return guard(_SHAPE, lambda: _from_v3(data, data if raw is None else raw))


# --- Document -> provider -------------------------------------------------------------------------


def _flat(polygon: Polygon) -> list[float]:
    return [c for point in quadrilateral(polygon) for c in point]


def _others(out: dict[str, Any], extras: Mapping[str, JsonValue] | None, known: frozenset[str]) -> None:
    """Copy the kept provider keys the converter has no field for."""
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in known and k != ABSENT)


def _word_out(word: Word, same: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"boundingBox": _flat(word.polygon or ()), "text": word.text}
    extras = word.extras if same else None
    if extras and "confidence" in extras and extras["confidence"] is None and word.confidence is None:
        out["confidence"] = None
    elif word.confidence is not None:
        kept = extras.get("confidence") if extras else None
        out["confidence"] = confidence_out(word.confidence, kept) if same else clamp_unit(word.confidence)
    _others(out, extras, _WORD_KEYS)
    return out


def _appearance_out(line: Line, extras: Mapping[str, JsonValue] | None) -> tuple[bool, JsonValue]:
    """Whether the line has an ``appearance``, and its value."""
    if extras and "appearance" in extras:
        kept = extras["appearance"]
        if kept is None and line.style is None:
            return True, None
        if kept is not None and style_from_appearance(kept, "appearance") == line.style:
            return True, kept
    if line.style is None:
        return False, None
    return True, style_to_appearance(line.style)


def _line_out(line: Line, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("boundingBox" in absent and not line.polygon):
        out["boundingBox"] = _flat(line_polygon(line))
    has_appearance, appearance = _appearance_out(line, extras)
    if has_appearance:
        out["appearance"] = appearance
    if not ("text" in absent and line.text == " ".join(w.text for w in line.words)):
        out["text"] = line.text
    words = line.words if same else export_words(line)
    if not ("words" in absent and not words):
        out["words"] = [_word_out(w, same) for w in words]
    _others(out, extras, _LINE_KEYS)
    return out


def _angle(angle: float) -> float:
    """An angle in degrees within v3.2's [-180, 180) (a [0, 360) orientation of v2.0 included)."""
    if -180 <= angle < 180:
        return angle
    turned = (angle + 180) % 360  # may round up to 360 for a tiny negative sum
    return (turned if turned < 360 else 0) - 180


def _page_out(page: Page, same: bool) -> dict[str, Any]:
    extras = page.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not same:
        out["page"] = page.number
        out["angle"] = 0 if page.angle is None else _angle(page.angle)
        if page.width is not None and page.height is not None and page.width > 0 and page.height > 0:
            out["width"], out["height"] = page.width, page.height
        else:
            out["width"], out["height"] = pixel_size(page)
        out["unit"] = page.unit or "pixel"
        out["lines"] = [_line_out(line, False) for line in page.lines]
        return out
    if "page" not in absent:
        out["page"] = None if (extras and extras.get("page", 0) is None) else page.number
    for key, value in (
        ("angle", page.angle),
        ("width", page.width),
        ("height", page.height),
        ("unit", page.unit),
    ):
        if value is not None:
            out[key] = value
        elif extras and key in extras:
            out[key] = None
    if not ("lines" in absent and not page.lines):
        out["lines"] = [_line_out(line, True) for line in page.lines]
    _others(out, extras, _PAGE_KEYS)
    return out


def to_azure_read_v3(doc: Document) -> dict[str, JsonValue]:
    """The Document as a Read v3.2 ``ReadOperationResult`` (one ``ReadResult`` per page)."""
    same = doc.shape == _SHAPE
    if not same:
        return {
            "status": "succeeded",
            "analyzeResult": {
                "version": RESULT_VERSION,
                "modelVersion": MODEL_VERSION,
                "readResults": [_page_out(page, False) for page in doc.pages],
            },
        }
    extras = doc.extras or {}
    out: dict[str, Any] = {}
    _others(out, extras, _TOP_KEYS)
    absent = absent_keys(extras)
    kept = extras.get("analyzeResult", {})
    if "analyzeResult" in absent and not doc.pages:
        return out
    if kept is None and not doc.pages:
        out["analyzeResult"] = None
        return out
    analyze_extras: Mapping[str, JsonValue] = kept if isinstance(kept, Mapping) else {}
    analyze: dict[str, Any] = {}
    _others(analyze, analyze_extras, _ANALYZE_KEYS)
    if doc.pages or not (
        "readResults" in absent_keys(analyze_extras) or analyze_extras.get("readResults", 0) is None
    ):
        analyze["readResults"] = [_page_out(page, True) for page in doc.pages]
    elif "readResults" in analyze_extras:
        analyze["readResults"] = None
    out["analyzeResult"] = analyze
    return out

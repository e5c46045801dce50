"""Azure text recognition results: v2.0 Read (``azure-read``), v2.0 RecognizeText (``azure-text``) and
the v1.0 text operation (``azure-v1-text``). All three share the line and word format
``{boundingBox: [8 numbers], text, words: [{boundingBox, text, confidence?}]}``.

Confidence rule: Azure marks words only qualitatively. ``"Low"`` becomes :data:`LOW_CONFIDENCE`
(0.25), ``"High"`` becomes :data:`HIGH_CONFIDENCE` (0.75) — the middles of the two halves either side
of :data:`CONFIDENCE_THRESHOLD` (0.5) — and a word without a mark has confidence ``None`` (Azure only
marks the doubtful words, but it does not say the others are sure). Back to Azure: ``None`` -> no
``confidence`` key, below 0.5 -> ``"Low"``, otherwise ``"High"``. Azure lines carry no confidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from handwriting_ocr.convert._common import (
    ABSENT,
    FINITE_NUMBER,
    absent_keys,
    all_lines,
    fail,
    guard,
    is_number,
    keep,
    points_from_flat,
    unknown_keys,
)
from handwriting_ocr.documents._values import all_finite_numbers
from handwriting_ocr.documents.geometry import export_words, line_polygon, rectangle, union_box
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, Word

__all__ = [
    "CONFIDENCE_THRESHOLD",
    "HIGH_CONFIDENCE",
    "LOW_CONFIDENCE",
    "confidence_from_azure",
    "confidence_to_azure",
    "from_azure_read",
    "from_azure_text",
    "from_azure_v1_text",
    "to_azure_read",
    "to_azure_text",
    "to_azure_v1_text",
]

LOW_CONFIDENCE = 0.25
HIGH_CONFIDENCE = 0.75
CONFIDENCE_THRESHOLD = 0.5

AzureShape = Literal["azure-read", "azure-text", "azure-v1-text"]

_WORD_KEYS = frozenset({"boundingBox", "text", "confidence"})
_LINE_KEYS = frozenset({"boundingBox", "text", "words"})
_PAGE_KEYS = frozenset({"page", "clockwiseOrientation", "width", "height", "unit", "lines"})
_V1_PAGE_KEYS = frozenset({"lines"})
_READ_KEYS = frozenset({"status", "recognitionResults"})
_TEXT_KEYS = frozenset({"status", "recognitionResult"})


def confidence_from_azure(mark: object) -> float | None:
    """``"Low"`` -> 0.25, ``"High"`` -> 0.75, a number in 0..1 -> itself, anything else -> None."""
    if mark == "Low":
        return LOW_CONFIDENCE
    if mark == "High":
        return HIGH_CONFIDENCE
    if is_number(mark) and 0 <= mark <= 1:
        return float(mark)
    return None


def confidence_to_azure(confidence: float | None) -> str | None:
    """``None`` -> None (leave the key out), below 0.5 -> ``"Low"``, else ``"High"``."""
    if confidence is None:
        return None
    return "Low" if confidence < CONFIDENCE_THRESHOLD else "High"


# --- provider -> Document -------------------------------------------------------------------------


def _word_in(w: Any, shape: Shape, line_path: str, index: int) -> Word:
    # The word's path is only spelled out on error: formatting it for every word costs time.
    # (type() first: an isinstance check against the Mapping ABC is slow on this hot path.)
    if type(w) is not dict and not isinstance(w, Mapping):
        raise fail(shape, f"{line_path}.words[{index}]", "an object")
    try:
        box = w["boundingBox"]
        text = w["text"]
    except KeyError as exc:
        raise fail(shape, f"{line_path}.words[{index}].{exc.args[0]}", "present") from None
    if type(box) is list and len(box) == 8 and all_finite_numbers(box):
        x0, y0, x1, y1, x2, y2, x3, y3 = box
        polygon: Polygon = ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    else:
        polygon = points_from_flat(box, shape, f"{line_path}.words[{index}].boundingBox")
    if type(text) is not str:
        raise fail(shape, f"{line_path}.words[{index}].text", "a string")
    confidence = None
    extras: dict[str, JsonValue] | None = None
    known = 2
    if "confidence" in w:
        known = 3
        mark = w["confidence"]
        if type(mark) in (int, float) and not is_number(mark):
            # A number is read as a confidence: NaN, Infinity and 10**400 are malformed, not a mark.
            raise fail(shape, f"{line_path}.words[{index}].confidence", FINITE_NUMBER)
        confidence = confidence_from_azure(mark)
        if mark != "Low" and mark != "High":
            # An unknown or numeric mark: keep it verbatim so that it comes back unchanged.
            extras = {"confidence": keep(mark, shape, f"{line_path}.words[{index}].confidence")}
    if len(w) != known:
        extras = {**(extras or {}), **unknown_keys(w, _WORD_KEYS, shape, f"{line_path}.words[{index}]")}
    return Word(text, polygon, confidence, extras)


def _line_in(ln: Any, shape: Shape, path: str) -> Line:
    if not isinstance(ln, Mapping):
        raise fail(shape, path, "an object")
    extras: dict[str, JsonValue] | None = None
    absent: list[JsonValue] = []
    # Every line field is optional in v2.0: a missing one is recorded so that it stays missing.
    if "words" in ln:
        words_value = ln["words"]
        if type(words_value) is not list:
            raise fail(shape, f"{path}.words", "a list")
        words: tuple[Word, ...] = tuple([_word_in(w, shape, path, i) for i, w in enumerate(words_value)])
    else:
        absent.append("words")
        words = ()
    if "boundingBox" in ln:
        polygon = points_from_flat(ln["boundingBox"], shape, f"{path}.boundingBox")
    else:
        absent.append("boundingBox")
        polygon = ()
    if "text" in ln:
        text = ln["text"]
        if type(text) is not str:
            raise fail(shape, f"{path}.text", "a string")
    else:
        text = " ".join(w.text for w in words)
        absent.append("text")
    if len(ln) != 3 - len(absent):
        extras = unknown_keys(ln, _LINE_KEYS, shape, path)
    if absent:
        extras = {**(extras or {}), ABSENT: absent}
    return Line(text, polygon, None, words, extras)


def _lines_in(value: Any, shape: Shape, path: str) -> tuple[Line, ...]:
    if type(value) is not list:
        raise fail(shape, path, "a list")
    return tuple([_line_in(ln, shape, f"{path}[{i}]") for i, ln in enumerate(value)])


def _optional_number(page: Mapping[str, Any], key: str, shape: Shape, path: str) -> float | None:
    value = page.get(key)
    if value is None:
        return None
    if not is_number(value):
        raise fail(shape, f"{path}.{key}", FINITE_NUMBER)
    return value


def _page_in(page: Any, index: int, shape: Shape, path: str) -> Page:
    if not isinstance(page, Mapping):
        raise fail(shape, path, "an object")
    v1 = shape == "azure-v1-text"
    known = _V1_PAGE_KEYS if v1 else _PAGE_KEYS
    extras: dict[str, JsonValue] = unknown_keys(page, known, shape, path)
    absent: list[JsonValue] = []
    if "lines" in page:
        lines = _lines_in(page["lines"], shape, f"{path}.lines")
    else:
        absent.append("lines")
        lines = ()
    number: int = index + 1
    width: float | None = None
    height: float | None = None
    unit: str | None = "pixel"  # v1.0 sends no page data; its coordinates are image pixels.
    angle: float | None = None
    if not v1:
        if "page" not in page:
            absent.append("page")
        elif page["page"] is not None:
            if type(page["page"]) is not int:
                raise fail(shape, f"{path}.page", "an integer")
            number = page["page"]
        width = _optional_number(page, "width", shape, path)
        height = _optional_number(page, "height", shape, path)
        angle = _optional_number(page, "clockwiseOrientation", shape, path)
        unit_value = page.get("unit")
        if unit_value is not None and type(unit_value) is not str:
            raise fail(shape, f"{path}.unit", "a string")
        unit = unit_value
        # Keep explicit nulls so they come back as nulls rather than as missing keys.
        for key in ("page", "clockwiseOrientation", "width", "height", "unit"):
            if key in page and page[key] is None:
                extras[key] = None
    if absent:
        extras[ABSENT] = absent
    return Page(number, lines, width, height, unit, angle, extras or None)


def _top_extras(
    data: Mapping[str, Any], known: frozenset[str], absent: list[JsonValue], shape: Shape
) -> dict[str, JsonValue]:
    extras = unknown_keys(data, known, shape)
    if "status" in data:
        extras["status"] = keep(data["status"], shape, "status")
    if absent:
        extras[ABSENT] = absent
    return extras


def _from_read(data: Mapping[str, Any], raw: object) -> Document:
    shape: Shape = "azure-read"
    absent: list[JsonValue] = []
    results = data.get("recognitionResults")
    if results is None:
        if "recognitionResults" not in data:
            absent.append("recognitionResults")
        results = []
    if type(results) is not list:
        raise fail(shape, "recognitionResults", "a list")
    pages = tuple([_page_in(p, i, shape, f"recognitionResults[{i}]") for i, p in enumerate(results)])
    extras = _top_extras(data, _READ_KEYS, absent, shape)
    if "recognitionResults" in data and data["recognitionResults"] is None:
        extras["recognitionResults"] = None
    return Document("azure", shape, pages, extras or None, raw)


def _from_single(data: Mapping[str, Any], shape: Shape, raw: object) -> Document:
    absent: list[JsonValue] = []
    result = data.get("recognitionResult")
    if result is None:
        if "recognitionResult" not in data:
            absent.append("recognitionResult")
        pages: tuple[Page, ...] = ()
    else:
        pages = (_page_in(result, 0, shape, "recognitionResult"),)
    extras = _top_extras(data, _TEXT_KEYS, absent, shape)
    if "recognitionResult" in data and data["recognitionResult"] is None:
        extras["recognitionResult"] = None
    return Document("azure", shape, pages, extras or None, raw)


def from_azure_read(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A v2.0 ``ReadOperationResult`` (``recognitionResults``, one per page) as a Document."""
    return guard("azure-read", lambda: _from_read(data, data if raw is None else raw))


def from_azure_text(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A v2.0 ``TextOperationResult`` (a single ``recognitionResult``) as a Document."""
    return guard("azure-text", lambda: _from_single(data, "azure-text", data if raw is None else raw))


def from_azure_v1_text(data: Mapping[str, object], *, raw: object = None) -> Document:
    """A v1.0 text operation result (``{status, recognitionResult: {lines}}``) as a Document."""
    return guard("azure-v1-text", lambda: _from_single(data, "azure-v1-text", data if raw is None else raw))


# --- Document -> provider -------------------------------------------------------------------------


def _flat(polygon: Polygon) -> list[float]:
    if len(polygon) != 4:
        # Azure boxes are exactly four points: other outlines become their bounding rectangle.
        box = union_box([polygon])
        polygon = rectangle(box) if box is not None else ((0, 0), (0, 0), (0, 0), (0, 0))
    return [c for point in polygon for c in point]


def _passthrough(out: dict[str, Any], extras: Mapping[str, JsonValue], skip: frozenset[str]) -> None:
    for key, value in extras.items():
        if key not in skip and key != ABSENT:
            out[key] = value


def _word_out(word: Word, with_confidence: bool, same: bool) -> dict[str, Any]:
    polygon = word.polygon or ()
    out: dict[str, Any] = {"boundingBox": _flat(polygon), "text": word.text}
    extras = word.extras if same else None
    if extras and "confidence" in extras and confidence_from_azure(extras["confidence"]) == word.confidence:
        out["confidence"] = extras["confidence"]
    elif with_confidence:
        mark = confidence_to_azure(word.confidence)
        if mark is not None:
            out["confidence"] = mark
    if extras:
        _passthrough(out, extras, _WORD_KEYS)
    return out


def _line_out(line: Line, with_confidence: bool, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("boundingBox" in absent and not line.polygon):
        out["boundingBox"] = _flat(line_polygon(line))
    if not ("text" in absent and line.text == " ".join(w.text for w in line.words)):
        out["text"] = line.text
    words = line.words if same else export_words(line)
    if not ("words" in absent and not words):
        out["words"] = [_word_out(w, with_confidence, same) for w in words]
    if extras:
        _passthrough(out, extras, _LINE_KEYS)
    return out


def _page_out(
    page: Page | None, index: int, lines: list[Line], shape: AzureShape, same: bool
) -> dict[str, Any]:
    extras = page.extras if (same and page is not None) else None
    absent = absent_keys(extras)
    v1 = shape == "azure-v1-text"
    out: dict[str, Any] = {}
    if page is not None and not v1:
        if extras and extras.get("page", 0) is None and page.number == index + 1:
            out["page"] = None
        elif "page" not in absent:
            out["page"] = page.number
        # Azure reports the orientation in [0, 360).
        fields = (
            ("clockwiseOrientation", page.angle if (page.angle is None or same) else page.angle % 360),
            ("width", page.width),
            ("height", page.height),
            ("unit", page.unit),
        )
        for key, value in fields:
            if value is not None:
                out[key] = value
            elif extras and key in extras:
                out[key] = None
    if not ("lines" in absent and not lines):
        out["lines"] = [_line_out(line, not v1, same) for line in lines]
    if extras:
        _passthrough(out, extras, _V1_PAGE_KEYS if v1 else _PAGE_KEYS)
    return out


def _status(doc: Document, same: bool) -> tuple[bool, Any]:
    if same:
        extras = doc.extras or {}
        return ("status" in extras, extras.get("status"))
    return (True, "Succeeded")


def to_azure_read(doc: Document) -> dict[str, JsonValue]:
    """The Document as a v2.0 ``ReadOperationResult``."""
    same = doc.shape == "azure-read"
    extras = doc.extras if same else None
    out: dict[str, Any] = {}
    has_status, status = _status(doc, same)
    if has_status:
        out["status"] = status
    if extras and "recognitionResults" in extras and not doc.pages:
        out["recognitionResults"] = None
    elif not ("recognitionResults" in absent_keys(extras) and not doc.pages):
        out["recognitionResults"] = [
            _page_out(p, i, list(p.lines), "azure-read", same) for i, p in enumerate(doc.pages)
        ]
    if extras:
        _passthrough(out, extras, _READ_KEYS)
    return out


def _to_single(doc: Document, shape: AzureShape) -> dict[str, Any]:
    same = doc.shape == shape
    extras = doc.extras if same else None
    out: dict[str, Any] = {}
    has_status, status = _status(doc, same)
    if has_status:
        out["status"] = status
    page, lines = all_lines(doc)
    if extras and "recognitionResult" in extras and page is None:
        out["recognitionResult"] = None
    elif not ("recognitionResult" in absent_keys(extras) and page is None):
        out["recognitionResult"] = _page_out(page, 0, lines, shape, same)
    if extras:
        _passthrough(out, extras, _TEXT_KEYS)
    return out


def to_azure_text(doc: Document) -> dict[str, JsonValue]:
    """The Document as a v2.0 ``TextOperationResult`` (all pages' lines in one result)."""
    return _to_single(doc, "azure-text")


def to_azure_v1_text(doc: Document) -> dict[str, JsonValue]:
    """The Document as a v1.0 text operation result: lines and words only, no confidence."""
    return _to_single(doc, "azure-v1-text")

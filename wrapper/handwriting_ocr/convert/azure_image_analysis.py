"""Azure Image Analysis 4.0 results (``azure-image-analysis``): ``ImageAnalysisResult`` =
``{modelVersion, metadata: {width, height}, readResult: {blocks: [{lines: [{text, boundingPolygon,
words: [{text, boundingPolygon, confidence}]}]}]}, captionResult, tagsResult, ...}``.

Rules:

* The result is one image: one page, number 1, in pixels, its size from ``metadata``; Image Analysis
  reports no text angle.
* Blocks (only one is returned today) are flattened into the page's lines; when there is more than
  one, or a block has fields of its own, the grouping is kept in extras so the same shape comes back
  grouped as it was. Other shapes get one block with every line.
* ``boundingPolygon`` (``[{x, y}, ...]``) is the outline as is. Word confidences (0..1) are the words'
  (a value outside 0..1 is clamped, the original kept for the round trip). Lines have no confidence
  and no handwriting flag in this API.
* ``modelVersion``, the other features' results (caption, tags, objects, people, smart crops...) and
  fields added later are kept in extras, for the same shape only.
* Back to Image Analysis from another shape: ``modelVersion`` "latest" (required by the schema; the
  source does not say which model read it); ``metadata`` the first page's size rounded up (else the
  extent of the content plus one); outlines as 4 points (other outlines become their bounding
  rectangle) rounded to non-negative integers, as the API sends them; lines whose words have no boxes
  get one word spanning the line; line confidences and styles are dropped; a word's ``confidence``
  is left out when unknown. A Document without lines gets ``{"blocks": []}`` (a guess at what the
  service sends for an image without text: the schema asks for one block).
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
    confidence_in,
    confidence_out,
    fail,
    guard,
    is_number,
    keep,
    pixel_size,
    unknown_keys,
    xy_points_in,
    xy_points_out,
)
from handwriting_ocr.documents.geometry import export_words, line_polygon
from handwriting_ocr.documents.model import Document, JsonValue, Line, Page, Polygon, Shape, Word

__all__ = ["from_azure_image_analysis", "to_azure_image_analysis"]

_SHAPE: Shape = "azure-image-analysis"
_TOP_KEYS = frozenset({"metadata", "readResult"})
_METADATA_KEYS = frozenset({"width", "height"})
_READ_KEYS = frozenset({"blocks"})
_BLOCK_KEYS = frozenset({"lines"})
_LINE_KEYS = frozenset({"text", "boundingPolygon", "words"})
_WORD_KEYS = frozenset({"text", "boundingPolygon", "confidence"})
_LINE_COUNT = "lineCount"

#: What a result converted from another shape says about its model (see the module docstring).
MODEL_VERSION = "latest"


# --- provider -> Document -------------------------------------------------------------------------


def _polygon_in(value: object, path: str, extras: dict[str, JsonValue]) -> Polygon:
    polygon, exact = xy_points_in(value, "x", "y", _SHAPE, path)
    if not exact:
        extras["boundingPolygon"] = keep(value, _SHAPE, path)
    return polygon


def _word_in(w: Any, path: str) -> Word:
    if not isinstance(w, Mapping):
        raise fail(_SHAPE, path, "an object")
    if "text" not in w or "boundingPolygon" not in w:
        raise fail(_SHAPE, path, "an object with text and boundingPolygon")
    text = w["text"]
    if type(text) is not str:
        raise fail(_SHAPE, f"{path}.text", "a string")
    extras = unknown_keys(w, _WORD_KEYS, _SHAPE, path)
    polygon = _polygon_in(w["boundingPolygon"], f"{path}.boundingPolygon", extras)
    confidence = None
    if "confidence" in w:
        raw = w["confidence"]
        if raw is None:
            extras["confidence"] = None
        else:
            confidence = confidence_in(raw, _SHAPE, f"{path}.confidence")
            if confidence != raw:
                extras["confidence"] = raw
    return Word(text, polygon, confidence, extras or None)


def _line_in(ln: Any, path: str) -> Line:
    if not isinstance(ln, Mapping):
        raise fail(_SHAPE, path, "an object")
    extras = unknown_keys(ln, _LINE_KEYS, _SHAPE, path)
    absent: list[JsonValue] = []
    words: tuple[Word, ...] = ()
    if "words" in ln:
        value = ln["words"]
        if type(value) is not list:
            raise fail(_SHAPE, f"{path}.words", "a list")
        words = tuple([_word_in(w, f"{path}.words[{i}]") for i, w in enumerate(value)])
    else:
        absent.append("words")
    polygon: Polygon = ()
    if "boundingPolygon" in ln:
        polygon = _polygon_in(ln["boundingPolygon"], f"{path}.boundingPolygon", extras)
    else:
        absent.append("boundingPolygon")
    if "text" in ln:
        text = ln["text"]
        if type(text) is not str:
            raise fail(_SHAPE, f"{path}.text", "a string")
    else:
        absent.append("text")
        text = " ".join(w.text for w in words)
    if absent:
        extras[ABSENT] = absent
    return Line(text, polygon, None, words, extras or None)


def _size_in(data: Mapping[str, Any], extras: dict[str, JsonValue]) -> tuple[float | None, float | None]:
    """``metadata``'s width and height; what the round trip needs about it goes to ``extras``."""
    if "metadata" not in data:
        return None, None
    metadata = data["metadata"]
    if metadata is None:
        extras["metadata"] = None
        return None, None
    if not isinstance(metadata, Mapping):
        raise fail(_SHAPE, "metadata", "an object")
    kept = unknown_keys(metadata, _METADATA_KEYS, _SHAPE, "metadata")
    size: list[float | None] = []
    for key in ("width", "height"):
        value = metadata.get(key)
        if key not in metadata:
            kept.setdefault(ABSENT, []).append(key)  # type: ignore[union-attr]
        elif value is None:
            kept[key] = None
        elif not is_number(value):
            raise fail(_SHAPE, f"metadata.{key}", FINITE_NUMBER)
        size.append(value)
    if kept:
        extras["metadata"] = kept
    return size[0], size[1]


def _lines_in(data: Mapping[str, Any], extras: dict[str, JsonValue]) -> list[Line]:
    """``readResult``'s lines, every block's in order; the grouping goes to ``extras`` when the
    default (one block holding every line) would not give it back."""
    if "readResult" not in data:
        return []
    read = data["readResult"]
    if read is None:
        extras["readResult"] = None
        return []
    if not isinstance(read, Mapping):
        raise fail(_SHAPE, "readResult", "an object")
    kept = unknown_keys(read, _READ_KEYS, _SHAPE, "readResult")
    lines: list[Line] = []
    if "blocks" not in read:
        kept[ABSENT] = ["blocks"]
    elif read["blocks"] is None:
        kept["blocks"] = None
    else:
        blocks = read["blocks"]
        if type(blocks) is not list:
            raise fail(_SHAPE, "readResult.blocks", "a list")
        metas: list[JsonValue] = []
        for b, block in enumerate(blocks):
            path = f"readResult.blocks[{b}]"
            if not isinstance(block, Mapping):
                raise fail(_SHAPE, path, "an object")
            meta = unknown_keys(block, _BLOCK_KEYS, _SHAPE, path)
            if "lines" in block:
                block_lines = block["lines"]
                if block_lines is None:
                    meta["lines"] = None
                elif type(block_lines) is not list:
                    raise fail(_SHAPE, f"{path}.lines", "a list")
                else:
                    lines.extend(_line_in(ln, f"{path}.lines[{i}]") for i, ln in enumerate(block_lines))
                    meta[_LINE_COUNT] = len(block_lines)
            metas.append(meta)
        default = len(metas) == 1 and lines and metas[0] == {_LINE_COUNT: len(lines)}
        if not default:
            kept["blocks"] = metas
    if kept:
        extras["readResult"] = kept
    return lines


def _from_image_analysis(data: Mapping[str, Any], raw: object) -> Document:
    extras = unknown_keys(data, _TOP_KEYS, _SHAPE)
    absent: list[JsonValue] = [key for key in ("metadata", "readResult") if key not in data]
    width, height = _size_in(data, extras)
    lines = _lines_in(data, extras)
    if absent:
        extras[ABSENT] = absent
    page = Page(1, tuple(lines), width, height, "pixel", None, None)
    return Document("azure", _SHAPE, (page,), extras or None, raw)


def from_azure_image_analysis(data: Mapping[str, object], *, raw: object = None) -> Document:
    """An Image Analysis 4.0 ``ImageAnalysisResult`` as a Document (one page, one line per text line)."""
    return guard(_SHAPE, lambda: _from_image_analysis(data, data if raw is None else raw))


# --- Document -> provider -------------------------------------------------------------------------


def _others(out: dict[str, Any], extras: Mapping[str, JsonValue] | None, known: frozenset[str]) -> None:
    if extras:
        out.update((k, v) for k, v in extras.items() if k not in known and k != ABSENT)


def _polygon_out(polygon: Polygon, extras: Mapping[str, JsonValue] | None, same: bool) -> list[JsonValue]:
    kept = extras.get("boundingPolygon") if extras else None
    if kept is not None and xy_points_in(kept, "x", "y", _SHAPE, "boundingPolygon")[0] == polygon:
        return kept  # type: ignore[return-value]
    return xy_points_out(polygon, "x", "y", pixels=not same)


def _word_out(word: Word, same: bool) -> dict[str, Any]:
    extras = word.extras if same else None
    out: dict[str, Any] = {
        "text": word.text,
        "boundingPolygon": _polygon_out(word.polygon or (), extras, same),
    }
    if extras and "confidence" in extras and extras["confidence"] is None and word.confidence is None:
        out["confidence"] = None
    elif word.confidence is not None:
        kept = extras.get("confidence") if extras else None
        out["confidence"] = confidence_out(word.confidence, kept) if same else clamp_unit(word.confidence)
    _others(out, extras, _WORD_KEYS)
    return out


def _line_out(line: Line, same: bool) -> dict[str, Any]:
    extras = line.extras if same else None
    absent = absent_keys(extras)
    out: dict[str, Any] = {}
    if not ("text" in absent and line.text == " ".join(w.text for w in line.words)):
        out["text"] = line.text
    polygon = line.polygon if same else line_polygon(line)
    if not ("boundingPolygon" in absent and not polygon):
        out["boundingPolygon"] = _polygon_out(polygon, extras, same)
    words = line.words if same else export_words(line)
    if not ("words" in absent and not words):
        out["words"] = [_word_out(w, same) for w in words]
    _others(out, extras, _LINE_KEYS)
    return out


def _blocks_out(lines: list[Line], metas: object, same: bool) -> list[dict[str, Any]]:
    if not (same and isinstance(metas, list) and all(isinstance(m, Mapping) for m in metas)):
        return [{"lines": [_line_out(ln, same) for ln in lines]}] if lines else []
    counts = [m.get(_LINE_COUNT, 0) for m in metas]
    if not (all(type(c) is int and c >= 0 for c in counts) and sum(counts) == len(lines)):
        # The lines no longer match the kept grouping (an edited Document): one block.
        return [{"lines": [_line_out(ln, same) for ln in lines]}] if lines else []
    blocks = []
    start = 0
    for meta, count in zip(metas, counts, strict=True):
        block: dict[str, Any] = {}
        if _LINE_COUNT in meta:
            block["lines"] = [_line_out(ln, same) for ln in lines[start : start + count]]
        block.update((k, v) for k, v in meta.items() if k != _LINE_COUNT)
        blocks.append(block)
        start += count
    return blocks


def to_azure_image_analysis(doc: Document) -> dict[str, JsonValue]:
    """The Document as an Image Analysis 4.0 ``ImageAnalysisResult`` with its ``readResult`` (all
    pages' lines in one image)."""
    same = doc.shape == _SHAPE
    page, lines = all_lines(doc)
    extras = (doc.extras or {}) if same else {}
    absent = absent_keys(extras)
    out: dict[str, Any] = {} if same else {"modelVersion": MODEL_VERSION}
    # metadata
    width = page.width if page is not None else None
    height = page.height if page is not None else None
    kept_meta = extras.get("metadata", {})
    if not same:
        out["metadata"] = dict(zip(("width", "height"), pixel_size(page), strict=True))
    elif kept_meta is None and width is None and height is None:
        out["metadata"] = None
    elif not ("metadata" in absent and width is None and height is None):
        meta_extras: Mapping[str, JsonValue] = kept_meta if isinstance(kept_meta, Mapping) else {}
        metadata: dict[str, Any] = {}
        for key, value in (("width", width), ("height", height)):
            if value is not None:
                metadata[key] = value
            elif key not in absent_keys(meta_extras):  # an explicit null
                metadata[key] = None
        _others(metadata, meta_extras, _METADATA_KEYS)
        out["metadata"] = metadata
    # readResult
    kept_read = extras.get("readResult", {})
    if not same:
        out["readResult"] = {"blocks": _blocks_out(lines, None, False)}
    elif kept_read is None and not lines:
        out["readResult"] = None
    elif not ("readResult" in absent and not lines):
        read_extras: Mapping[str, JsonValue] = kept_read if isinstance(kept_read, Mapping) else {}
        read: dict[str, Any] = {}
        metas = read_extras.get("blocks")
        if lines or not ("blocks" in absent_keys(read_extras) or ("blocks" in read_extras and metas is None)):
            read["blocks"] = _blocks_out(lines, metas, True)
        elif "blocks" in read_extras:
            read["blocks"] = None
        _others(read, read_extras, _READ_KEYS)
        out["readResult"] = read
    _others(out, extras, _TOP_KEYS)
    return out

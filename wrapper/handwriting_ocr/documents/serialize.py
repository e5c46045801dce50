"""The Document's JSON form, both ways.

The form is stable (``"version": 1``) and documented in the README::

    {"version": 1, "provider": "azure", "shape": "azure-read",
     "pages": [{"number": 1, "width": 3200, "height": 3200, "unit": "pixel", "angle": 349.59,
                "lines": [{"text": "...", "polygon": [[x, y], ...], "confidence": null,
                           "words": [{"text": "...", "polygon": [[x, y], ...], "confidence": 0.25}]}]}]}

``extras`` keys appear on the document, pages, lines and words only when there is something to keep.
A line whose provider says whether it is handwritten (Azure Read v3.2) also has
``"style": {"kind": "handwriting" | "other" | <newer name>, "confidence": 0..1 | null}``; the key is
left out when the provider does not say. ``style`` was added within version 1, as the rule below
allows: a reader that predates it ignores it.

Reading accepts exactly what writing produces (unknown keys are ignored, so later versions may add
fields); anything else raises :class:`~handwriting_ocr.errors.InvalidInputError` naming the bad field:
numbers must be finite (no NaN or Infinity, within the float range) and extras nested at most
:data:`~handwriting_ocr.documents._values.MAX_KEPT_DEPTH` deep, as for provider results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from handwriting_ocr.documents._values import is_finite_number, kept_value_problem
from handwriting_ocr.documents.model import (
    SHAPES,
    Document,
    DocumentProvider,
    Extras,
    JsonValue,
    Line,
    Page,
    Polygon,
    Shape,
    TextStyle,
    Word,
)
from handwriting_ocr.errors import InvalidInputError

__all__ = ["FORMAT_VERSION", "document_from_dict", "document_to_dict"]

FORMAT_VERSION = 1
_PROVIDERS: tuple[DocumentProvider, ...] = ("azure", "huawei", "tencent")


def _polygon_out(polygon: Polygon) -> list[list[float]]:
    return [[x, y] for x, y in polygon]


def document_to_dict(doc: Document) -> dict[str, JsonValue]:
    pages: list[JsonValue] = []
    for page in doc.pages:
        lines: list[JsonValue] = []
        for line in page.lines:
            words: list[JsonValue] = []
            for word in line.words:
                w: dict[str, JsonValue] = {
                    "text": word.text,
                    "polygon": None if word.polygon is None else _polygon_out(word.polygon),
                    "confidence": word.confidence,
                }
                if word.extras is not None:
                    w["extras"] = word.extras
                words.append(w)
            ln: dict[str, JsonValue] = {
                "text": line.text,
                "polygon": _polygon_out(line.polygon),
                "confidence": line.confidence,
                "words": words,
            }
            if line.extras is not None:
                ln["extras"] = line.extras
            if line.style is not None:
                ln["style"] = {"kind": line.style.kind, "confidence": line.style.confidence}
            lines.append(ln)
        pg: dict[str, JsonValue] = {
            "number": page.number,
            "width": page.width,
            "height": page.height,
            "unit": page.unit,
            "angle": page.angle,
            "lines": lines,
        }
        if page.extras is not None:
            pg["extras"] = page.extras
        pages.append(pg)
    out: dict[str, JsonValue] = {
        "version": FORMAT_VERSION,
        "provider": doc.provider,
        "shape": doc.shape,
        "pages": pages,
    }
    if doc.extras is not None:
        out["extras"] = doc.extras
    return out


class _Reader:
    """Checks one field at a time and names the field in the error."""

    @staticmethod
    def fail(path: str, expected: str) -> InvalidInputError:
        return InvalidInputError(f"document JSON: {path} must be {expected}", field=path)

    def obj(self, value: object, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, "an object")
        return cast("Mapping[str, Any]", value)

    def list(self, value: object, path: str) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise self.fail(path, "an array")
        return list(value)

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, "a string")
        return value

    def number(self, value: object, path: str) -> float:
        if not is_finite_number(value):
            raise self.fail(path, "a finite number (not NaN or Infinity, within the float range)")
        return value

    def opt_number(self, value: object, path: str) -> float | None:
        return None if value is None else self.number(value, path)

    def opt_text(self, value: object, path: str) -> str | None:
        return None if value is None else self.text(value, path)

    def polygon(self, value: object, path: str) -> Polygon:
        points = []
        for i, point in enumerate(self.list(value, path)):
            pair = self.list(point, f"{path}[{i}]")
            if len(pair) != 2:
                raise self.fail(f"{path}[{i}]", "an [x, y] pair")
            points.append((self.number(pair[0], f"{path}[{i}][0]"), self.number(pair[1], f"{path}[{i}][1]")))
        return tuple(points)

    def extras(self, data: Mapping[str, Any], path: str) -> Extras | None:
        value = data.get("extras")
        if value is None:
            return None
        extras = self.obj(value, f"{path}.extras")
        problem = kept_value_problem(extras if isinstance(extras, dict) else dict(extras))
        if problem is not None:
            raise self.fail(f"{path}.extras", problem)
        return cast(Extras, extras)

    def style(self, data: Mapping[str, Any], path: str) -> TextStyle | None:
        value = data.get("style")
        if value is None:
            return None
        style = self.obj(value, f"{path}.style")
        return TextStyle(
            kind=self.text(style.get("kind"), f"{path}.style.kind"),
            confidence=self.opt_number(style.get("confidence"), f"{path}.style.confidence"),
        )


def document_from_dict(data: Mapping[str, object]) -> Document:
    r = _Reader()
    top = r.obj(data, "document")
    version = top.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise r.fail("version", f"{FORMAT_VERSION} (this library reads version {FORMAT_VERSION})")
    provider = top.get("provider")
    if provider not in _PROVIDERS:
        raise r.fail("provider", f"one of {', '.join(_PROVIDERS)}")
    shape = top.get("shape")
    if shape not in SHAPES:
        raise r.fail("shape", f"one of {', '.join(SHAPES)}")
    pages = []
    for p, page_value in enumerate(r.list(top.get("pages"), "pages")):
        pp = f"pages[{p}]"
        page = r.obj(page_value, pp)
        lines = []
        for n, line_value in enumerate(r.list(page.get("lines"), f"{pp}.lines")):
            lp = f"{pp}.lines[{n}]"
            line = r.obj(line_value, lp)
            words = []
            for k, word_value in enumerate(r.list(line.get("words", []), f"{lp}.words")):
                wp = f"{lp}.words[{k}]"
                word = r.obj(word_value, wp)
                polygon = word.get("polygon")
                words.append(
                    Word(
                        text=r.text(word.get("text"), f"{wp}.text"),
                        polygon=None if polygon is None else r.polygon(polygon, f"{wp}.polygon"),
                        confidence=r.opt_number(word.get("confidence"), f"{wp}.confidence"),
                        extras=r.extras(word, wp),
                    )
                )
            lines.append(
                Line(
                    text=r.text(line.get("text"), f"{lp}.text"),
                    polygon=r.polygon(line.get("polygon"), f"{lp}.polygon"),
                    confidence=r.opt_number(line.get("confidence"), f"{lp}.confidence"),
                    words=tuple(words),
                    extras=r.extras(line, lp),
                    style=r.style(line, lp),
                )
            )
        number = page.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            raise r.fail(f"{pp}.number", "an integer")
        pages.append(
            Page(
                number=number,
                lines=tuple(lines),
                width=r.opt_number(page.get("width"), f"{pp}.width"),
                height=r.opt_number(page.get("height"), f"{pp}.height"),
                unit=r.opt_text(page.get("unit"), f"{pp}.unit"),
                angle=r.opt_number(page.get("angle"), f"{pp}.angle"),
                extras=r.extras(page, pp),
            )
        )
    return Document(
        provider=cast(DocumentProvider, provider),
        shape=cast(Shape, shape),
        pages=tuple(pages),
        extras=r.extras(top, "document"),
    )

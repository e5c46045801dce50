"""The cross-provider result model: Document -> pages -> lines -> words.

Every provider's answer converts to these frozen value classes (see :mod:`handwriting_ocr.convert`).
They are built with attrs ``frozen``/``slots`` and hold tuples, so they are cheap to create in bulk
(a 5,000-word Read result converts in about 10 ms, roughly twice what ``json.loads`` takes to parse
it) and cannot be changed by accident; use :func:`attrs.evolve` to derive a changed copy.

Field meanings are the same for every provider:

* ``polygon`` — the outline as ``(x, y)`` points in page coordinates (origin top-left, y down), in the
  page's ``unit``. Numbers keep the provider's own type: an ``int`` coordinate stays an ``int``.
* ``confidence`` — normalised to ``0..1``, or ``None`` when the provider gave none.
* ``style`` (lines) — whether the provider judged the line handwritten, as a :class:`TextStyle`, or
  ``None`` when it does not say (only Azure Read v3.2 does, with ``appearance.style``).
* Every number is finite: conversions and :meth:`Document.from_json` reject NaN, Infinity and
  integers beyond the float range as malformed input (see :mod:`handwriting_ocr.documents._values`).
* ``extras`` — what the provider sent for this element that has no first-class field here (Tencent's
  ``candword``, Huawei's ``type``, Azure's ``status``, unknown fields added later...). Converting a
  Document back to the shape it came from uses them so that nothing is lost; conversions to another
  shape ignore them. ``None`` when there is nothing to keep.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, TypeAlias, get_args

import attrs

__all__ = [
    "SHAPES",
    "Document",
    "DocumentProvider",
    "Extras",
    "JsonValue",
    "Line",
    "Page",
    "Point",
    "Polygon",
    "Shape",
    "TextStyle",
    "TextStyleKind",
    "Word",
]

#: The provider result shapes a Document converts from and to.
#:
#: * ``azure-read`` — Azure v2.0 Batch Read ``ReadOperationResult`` (``recognitionResults``, one per page)
#: * ``azure-text`` — Azure v2.0 RecognizeText ``TextOperationResult`` (one ``recognitionResult``)
#: * ``azure-v1-text`` — Azure v1.0 text operation (``{status, recognitionResult: {lines}}``)
#: * ``azure-ocr`` — Azure v1.0 ``OcrResult`` (regions, ``"x,y,w,h"`` boxes, lines without text)
#: * ``huawei`` — Huawei Cloud OCR handwriting (``{result: {words_block_count, words_block_list}}``)
#: * ``tencent`` — Tencent Cloud legacy OCR handwriting (``{code, message, data: {session_id, items}}``)
#: * ``azure-read-v3`` — Azure Read v3.2 ``ReadOperationResult`` (``analyzeResult.readResults``, one per
#:   page, lines with ``appearance.style``, numeric word confidences)
#: * ``azure-image-analysis`` — Azure Image Analysis 4.0 ``ImageAnalysisResult`` (``metadata``,
#:   ``readResult.blocks[].lines[]`` with ``boundingPolygon`` points)
#: * ``tencent-v3`` — Tencent Cloud API 3.0 ``GeneralHandwritingOCR`` answer
#:   (``{"Response": {TextDetections, Angle, RequestId}}``)
Shape = Literal[
    "azure-read",
    "azure-text",
    "azure-v1-text",
    "azure-ocr",
    "huawei",
    "tencent",
    "azure-read-v3",
    "azure-image-analysis",
    "tencent-v3",
]
SHAPES: tuple[Shape, ...] = get_args(Shape)

#: The provider a Document came from.
DocumentProvider = Literal["azure", "huawei", "tencent"]

#: A value as JSON can carry it.
JsonValue: TypeAlias = "bool | int | float | str | Sequence[JsonValue] | Mapping[str, JsonValue] | None"
#: Provider data kept on an element for lossless conversion back to the same shape.
Extras: TypeAlias = Mapping[str, JsonValue]

#: One point; coordinates keep the provider's numeric type (``int`` or ``float``).
Point: TypeAlias = tuple[float, float]
Polygon: TypeAlias = tuple[Point, ...]


@attrs.frozen(slots=True)
class Word:
    """A word (or, for Tencent, a single character).

    ``polygon`` is ``None`` when the provider gives no box for it (Tencent's characters).
    """

    text: str
    polygon: Polygon | None = None
    confidence: float | None = None
    extras: Extras | None = None


#: The text styles providers name today: ``"handwriting"``, and ``"other"`` (Azure's name for text
#: it does not judge handwritten: in practice printed or typed). A name a provider adds later is
#: kept as the string it sent.
TextStyleKind = Literal["handwriting", "other"]


@attrs.frozen(slots=True)
class TextStyle:
    """How the provider judged a line's text was produced (Azure Read v3.2 ``appearance.style``).

    ``kind`` is ``"handwriting"``, ``"other"`` or a newer name verbatim; ``confidence`` is the
    provider's confidence in that judgement, ``0..1``, or ``None`` when it gave none.
    """

    kind: TextStyleKind | str
    confidence: float | None = None

    @property
    def handwritten(self) -> bool:
        """True when the provider judged the text handwritten."""
        return self.kind == "handwriting"


@attrs.frozen(slots=True)
class Line:
    """A line of text with its outline and its words (possibly none: Huawei blocks have no words).

    ``polygon`` is empty only when the provider sent no outline for the line. ``style`` says whether
    the provider judged it handwritten (a :class:`TextStyle`), ``None`` when the provider does not
    say; it is keyword-only (``Line("text", style=TextStyle("handwriting", 0.98))``).
    """

    text: str
    polygon: Polygon = ()
    confidence: float | None = None
    words: tuple[Word, ...] = ()
    extras: Extras | None = None
    style: TextStyle | None = attrs.field(default=None, kw_only=True)

    @property
    def handwritten(self) -> bool | None:
        """True if the provider judged the line handwritten, False if it judged it not, None if the
        provider does not say."""
        return None if self.style is None else self.style.handwritten


@attrs.frozen(slots=True)
class Page:
    """One page or image. ``width``/``height``/``unit``/``angle`` are ``None`` when the provider does
    not say. ``angle`` is the provider's text rotation in degrees (Azure Read's ``clockwiseOrientation``,
    Azure OCR's ``textAngle``)."""

    number: int
    lines: tuple[Line, ...] = ()
    width: float | None = None
    height: float | None = None
    unit: str | None = None
    angle: float | None = None
    extras: Extras | None = None


@attrs.frozen(slots=True)
class Document:
    """A recognition result in one shape for every provider.

    ``shape`` names the provider result shape it was converted from; ``raw`` is that result exactly as
    it was given (a dict or a generated model). ``raw`` takes no part in equality and is not part of
    the JSON form.
    """

    provider: DocumentProvider
    shape: Shape
    pages: tuple[Page, ...] = ()
    extras: Extras | None = None
    raw: object = attrs.field(default=None, eq=False, repr=False)

    def lines(self) -> Iterator[Line]:
        """Every line of every page, in the provider's order."""
        for page in self.pages:
            yield from page.lines

    @property
    def text(self) -> str:
        """The plain text in reading order (see :func:`handwriting_ocr.export.to_text`)."""
        from handwriting_ocr.export.text import to_text

        return to_text(self)

    def to_dict(self) -> dict[str, JsonValue]:
        """The stable JSON form (documented in the README); ``raw`` is left out."""
        from handwriting_ocr.documents.serialize import document_to_dict

        return document_to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 text, non-ASCII kept as is; a lone surrogate in a
        text, which UTF-8 cannot encode, is written as its ``\\uXXXX`` escape)."""
        import json

        from handwriting_ocr.documents._values import escape_lone_surrogates

        return escape_lone_surrogates(json.dumps(self.to_dict(), ensure_ascii=False, indent=indent))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Document:
        """Read the JSON form back; raises :class:`~handwriting_ocr.errors.InvalidInputError` if malformed."""
        from handwriting_ocr.documents.serialize import document_from_dict

        return document_from_dict(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Read :meth:`to_json` output back; raises :class:`~handwriting_ocr.errors.InvalidInputError`."""
        import json

        from handwriting_ocr.errors import InvalidInputError

        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"document JSON does not parse: {exc}", field="document") from None
        except RecursionError:
            raise InvalidInputError("document JSON is nested too deeply to read", field="document") from None
        if not isinstance(data, dict):
            raise InvalidInputError("document JSON must be an object", field="document")
        return cls.from_dict(data)

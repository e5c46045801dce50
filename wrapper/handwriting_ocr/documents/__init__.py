"""The cross-provider document model (see :mod:`handwriting_ocr.documents.model`)."""

from __future__ import annotations

from handwriting_ocr.documents.model import (
    SHAPES,
    Document,
    DocumentProvider,
    Extras,
    JsonValue,
    Line,
    Page,
    Point,
    Polygon,
    Shape,
    TextStyle,
    TextStyleKind,
    Word,
)

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

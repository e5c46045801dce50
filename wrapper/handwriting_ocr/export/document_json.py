"""The Document's own JSON form (see :mod:`handwriting_ocr.documents.serialize`)."""

from __future__ import annotations

from handwriting_ocr.documents.model import Document

__all__ = ["to_json"]


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """The stable JSON form of the Document, UTF-8 text (non-ASCII characters kept as they are)."""
    return doc.to_json(indent=indent)

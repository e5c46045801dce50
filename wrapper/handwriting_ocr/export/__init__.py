"""Exports of a :class:`~handwriting_ocr.documents.Document`: plain text, the Document JSON, hOCR 1.2,
ALTO 4.2, PAGE XML 2019, and an overlay picture (Pillow, optional).

The XML exports use only the standard library; lines are written in reading order (see
:mod:`handwriting_ocr.export._layout` for the rules on order and integer coordinates). Every export
returns text that encodes as UTF-8: characters XML cannot carry and lone surrogates become U+FFFD in
the XML formats and plain text; the Document JSON writes a lone surrogate as its ``\\uXXXX`` escape.

Whether a line is handwritten (:attr:`~handwriting_ocr.documents.Line.style`, from Azure Read v3.2)
is written where the format can hold it: hOCR as the engine property ``x_style handwriting 0.96`` on
the line, ALTO as a ``LayoutTag`` the line refers to (without the confidence), PAGE as the line's
``custom`` attribute and, when the caller maps styles to PAGE values, its ``production`` attribute.
Plain text does not carry it; the Document JSON does.
"""

from __future__ import annotations

from handwriting_ocr.export.alto import to_alto
from handwriting_ocr.export.document_json import to_json
from handwriting_ocr.export.hocr import to_hocr
from handwriting_ocr.export.overlay import MissingDependencyError, render_overlay
from handwriting_ocr.export.pagexml import to_page_xml, to_page_xml_pages
from handwriting_ocr.export.text import to_text

__all__ = [
    "MissingDependencyError",
    "render_overlay",
    "to_alto",
    "to_hocr",
    "to_json",
    "to_page_xml",
    "to_page_xml_pages",
    "to_text",
]

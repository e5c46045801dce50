"""Plain text in reading order: one line of text per recognised line, pages separated by a form
feed (``\\f``), ending with a newline when there is any text. A lone surrogate in a recognised text
(which UTF-8 cannot encode) is written as U+FFFD, the replacement character."""

from __future__ import annotations

from handwriting_ocr.documents._values import replace_lone_surrogates
from handwriting_ocr.documents.model import Document
from handwriting_ocr.export._layout import reading_order

__all__ = ["to_text"]


def to_text(doc: Document) -> str:
    pages = ["\n".join(line.text for line in reading_order(page.lines)) for page in doc.pages]
    text = "\f".join(pages)
    return replace_lone_surrogates(text + "\n" if text else "")

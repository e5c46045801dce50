"""Output formats of ``recognize`` and ``convert``: a Document rendered as text files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal, get_args

import attrs

if TYPE_CHECKING:
    from handwriting_ocr.documents import Document

__all__ = ["FORMATS", "SUFFIXES", "OutputFormat", "RenderedFile", "render"]

#: ``json`` is the Document's own JSON; ``raw`` the provider's answer exactly as it came.
OutputFormat = Literal["json", "text", "hocr", "alto", "page", "raw"]
FORMATS: Final[tuple[OutputFormat, ...]] = get_args(OutputFormat)

SUFFIXES: Final[dict[OutputFormat, str]] = {
    "json": ".json",
    "text": ".txt",
    "hocr": ".hocr.html",
    "alto": ".alto.xml",
    "page": ".page.xml",
    "raw": ".raw.json",
}


@attrs.frozen
class RenderedFile:
    """One output file: the suffix after the input's stem, and the UTF-8 text to write."""

    suffix: str
    text: str


def render(doc: Document, fmt: OutputFormat, *, image_name: str) -> list[RenderedFile]:
    """``doc`` in ``fmt``. One file, except PAGE XML, which holds one page: one file per page.

    ``image_name`` is recorded where the format names its source image (hOCR, ALTO, PAGE).
    """
    from handwriting_ocr import export

    if fmt == "json":
        return [RenderedFile(SUFFIXES[fmt], export.to_json(doc) + "\n")]
    if fmt == "text":
        return [RenderedFile(SUFFIXES[fmt], export.to_text(doc))]
    if fmt == "hocr":
        return [RenderedFile(SUFFIXES[fmt], export.to_hocr(doc, image_name=image_name))]
    if fmt == "alto":
        return [RenderedFile(SUFFIXES[fmt], export.to_alto(doc, image_name=image_name))]
    if fmt == "page":
        pages = export.to_page_xml_pages(doc, image_name=image_name)
        if len(pages) == 1:
            return [RenderedFile(SUFFIXES[fmt], pages[0])]
        return [RenderedFile(f".p{n}{SUFFIXES[fmt]}", text) for n, text in enumerate(pages, start=1)]
    return [RenderedFile(SUFFIXES[fmt], raw_json(doc))]


def raw_json(doc: Document) -> str:
    """The provider's own answer, written back from the Document (exact for the shape it came from)."""
    import json

    from handwriting_ocr.convert import from_document

    return json.dumps(from_document(doc, doc.shape), ensure_ascii=False, indent=2) + "\n"

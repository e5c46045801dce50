"""The steps of recognising one input, shared by ``recognize`` and ``demo``: read the file, call the
provider within a deadline, write the exports, draw the overlay."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from handwriting_ocr.cli.files import write_atomic
from handwriting_ocr.cli.formats import OutputFormat, render
from handwriting_ocr.cli.inputs import ImageSource
from handwriting_ocr.cli.providers import Recognize

if TYPE_CHECKING:
    from handwriting_ocr.batch import Checkpoint
    from handwriting_ocr.documents import Document

__all__ = [
    "OVERLAY_SUFFIX",
    "URL_OVERLAY_NOTE",
    "OverlayResult",
    "draw_overlay",
    "pillow_available",
    "read_image_file",
    "read_stdin",
    "recognize_source",
    "write_exports",
]

OVERLAY_SUFFIX: Final = ".overlay.png"

#: Why a URL input gets no overlay. The CLI never downloads an image itself: the provider fetches
#: URLs, and fetching an arbitrary URL from the user's machine as a side effect of ``--overlay``
#: would be a surprise (and a way to make the CLI touch internal hosts).
URL_OVERLAY_NOTE: Final = (
    "no overlay for a URL input (the CLI does not download images itself; download it and pass the file)"
)


def pillow_available() -> bool:
    return importlib.util.find_spec("PIL") is not None


def read_image_file(path: Path) -> bytes:
    """The file's bytes; :class:`InvalidInputError` (one line, no traceback) if it cannot be read."""
    from handwriting_ocr.errors import InvalidInputError

    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidInputError(f"cannot read the file: {reason}", field="image") from None


def read_stdin() -> bytes:
    """The image piped to stdin (``recognize -``); :class:`InvalidInputError` if it cannot be read."""
    from handwriting_ocr.errors import InvalidInputError

    stream = sys.stdin
    if stream is None:
        raise InvalidInputError("there is no stdin to read the image from", field="image")
    try:
        return stream.buffer.read()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidInputError(f"cannot read the image from stdin: {reason}", field="image") from None


@attrs.frozen
class Recognized:
    document: Document
    #: The image bytes for a file or stdin input (the overlay draws on them); None for a URL.
    data: bytes | None


async def recognize_source(
    source: ImageSource, recognize: Recognize, *, timeout: float, checkpoint: Checkpoint | None = None
) -> Recognized:
    """Read ``source`` if it is a file or stdin, and recognise it within ``timeout`` seconds."""
    from handwriting_ocr.errors import OcrTimeoutError

    data: bytes | None = None
    if source.stdin:
        data = await asyncio.to_thread(read_stdin)
    elif source.path is not None:
        data = await asyncio.to_thread(read_image_file, source.path)
    try:
        async with asyncio.timeout(timeout):
            document = await recognize(data, source.url, checkpoint)
    except TimeoutError:
        raise OcrTimeoutError(f"no result within {timeout:g} s (see --timeout)") from None
    return Recognized(document, data)


def write_exports(
    document: Document,
    formats: Iterable[OutputFormat],
    *,
    directory: Path,
    stem: str,
    image_name: str,
) -> list[str]:
    """Write ``document`` in each format as ``directory/stem<suffix>``; the names written, in order."""
    names: list[str] = []
    for fmt in formats:
        for rendered in render(document, fmt, image_name=image_name):
            name = stem + rendered.suffix
            write_atomic(directory / name, rendered.text)
            names.append(name)
    return names


@attrs.frozen
class OverlayResult:
    png: bytes | None
    #: Why there is no picture, when there is none.
    note: str | None = None


async def draw_overlay(document: Document, data: bytes | None) -> OverlayResult:
    """The overlay PNG of page 1, or a note saying why there is none (URL input, unreadable image).

    Pillow must be installed (checked once by the command, before any work starts).
    """
    from handwriting_ocr.errors import InvalidInputError
    from handwriting_ocr.export import render_overlay

    if data is None:
        return OverlayResult(None, URL_OVERLAY_NOTE)
    if not document.pages:
        return OverlayResult(None, "no overlay: the result has no pages")
    try:
        png = await asyncio.to_thread(render_overlay, document, data)
    except InvalidInputError as exc:
        # e.g. a PDF, which the provider reads but Pillow cannot draw on: the recognition stands.
        return OverlayResult(None, f"no overlay: {exc}")
    return OverlayResult(png)

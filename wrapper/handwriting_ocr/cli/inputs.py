"""What ``recognize`` is given (files, URLs, ``-`` for stdin) and the names of the files it writes.

An argument is read with the Python API's rule (:mod:`handwriting_ocr.validation.inputs`): text that
starts with a scheme (``name:``, two characters or more, so ``C:\\scan.png`` stays a path) or with
``//`` is a URL and must be an absolute ``http(s)`` URL with a host; anything else is a file path.
So ``ftp://...`` and ``file:///...`` are refused before anything runs, with the API's own wording,
instead of failing later as files that do not exist. ``-`` reads the image from stdin, and must then
be the only input.
"""

from __future__ import annotations

import re
import sys
import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Final

import attrs

from handwriting_ocr.cli.errors import EXIT_USAGE, CommandError

__all__ = ["STDIN_ARGUMENT", "SUMMARY_NAME", "ImageSource", "allocate_stems", "parse_source", "parse_sources"]

#: The manifest ``recognize`` writes into ``--output``; no image's files may take its name.
SUMMARY_NAME: Final = "summary.json"
#: The argument that means "read the image from stdin".
STDIN_ARGUMENT: Final = "-"
#: Name and stem used for an image read from stdin (exports record it; outputs are named after it).
STDIN_NAME: Final = "stdin"

_UNSAFE_NAME_CHARS = re.compile(r"[^\w-]+")
_MAX_STEM = 80


@attrs.frozen
class ImageSource:
    """One ``IMAGE_OR_URL`` argument: a local file, an http(s) URL the provider downloads, or stdin."""

    argument: str
    path: Path | None = None
    url: str | None = None
    stdin: bool = False

    @property
    def display(self) -> str:
        """How the input is named in messages and in the summary.

        A URL loses its query string and fragment (``?…``): signed storage URLs carry their
        credential there.
        """
        if self.stdin:
            return "<stdin>"
        if self.url is None:
            return self.argument
        parts = urllib.parse.urlsplit(self.url)
        hidden = "?…" if parts.query or parts.fragment else ""
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}{hidden}"

    @property
    def file_name(self) -> str:
        """The image's file name (the last path segment of a URL), for exports that record it."""
        if self.stdin:
            return STDIN_NAME
        if self.path is not None:
            return self.path.name
        assert self.url is not None
        parts = urllib.parse.urlsplit(self.url)
        return PurePosixPath(urllib.parse.unquote(parts.path)).name or parts.hostname or "image"

    @property
    def base_stem(self) -> str:
        """A file-system-safe stem for this input's outputs, before collisions are resolved.

        Only letters, digits (of any script), ``_`` and ``-``: with no dot in a stem, ``stem + suffix`` of two
        different stems can never be the same file name.
        """
        name = self.file_name
        has_path_name = self.url is None or bool(PurePosixPath(urllib.parse.urlsplit(self.url).path).name)
        # A host name (a URL without a path) keeps its dots-turned-underscores: ".com" is no extension.
        stem = name.rsplit(".", 1)[0] if has_path_name and "." in name.lstrip(".") else name
        safe = _UNSAFE_NAME_CHARS.sub("_", stem).strip("_")[:_MAX_STEM]
        return safe or "image"


def parse_source(argument: str) -> ImageSource:
    """One argument as an :class:`ImageSource`; a one-line :class:`CommandError` (exit 2) for a URL
    the providers cannot be given (see the module's docstring for the rule)."""
    # The same rule and checks as the Python API (one rule, one place), so the CLI and
    # recognize("ftp://...") agree on what a URL is and word their refusal alike.
    from handwriting_ocr.errors import InvalidInputError
    from handwriting_ocr.validation.inputs import check_url, looks_like_url

    if argument == STDIN_ARGUMENT:
        return ImageSource(argument=argument, stdin=True)
    text = argument.strip()
    if not looks_like_url(text):
        return ImageSource(argument=argument, path=Path(argument))
    try:
        url = check_url(text, field="image").url
    except InvalidInputError as exc:
        raise CommandError(f"{_shown(text)}: {exc.message}{_hint(text)}", EXIT_USAGE) from None
    return ImageSource(argument=argument, url=url)


def parse_sources(arguments: Sequence[str]) -> list[ImageSource]:
    """Every argument parsed; ``-`` (stdin) only as the one input, and only when stdin is not a terminal."""
    sources = [parse_source(argument) for argument in arguments]
    if any(source.stdin for source in sources):
        if len(sources) > 1:
            raise CommandError(
                "'-' (the image on stdin) must be the only IMAGE_OR_URL; to read a file named '-', write ./-",
                EXIT_USAGE,
            )
        if sys.stdin is None or sys.stdin.isatty():
            raise CommandError(
                "'-' reads the image from stdin, which is a terminal: pipe or redirect the image, "
                "e.g. handwriting-ocr recognize - -p azure < note.png",
                EXIT_USAGE,
            )
    return sources


def _shown(url: str) -> str:
    """``url`` for a message: without its query string, fragment and user info (credentials live there)."""
    cut = re.search(r"[?#]", url)
    head = url[: cut.start()] if cut else url
    # "scheme://user:password@host/..." -> "scheme://host/...".
    head = re.sub(r"^((?:[A-Za-z][A-Za-z0-9+.\-]*:)?//)[^/]*@", r"\1", head)
    return head + ("?…" if cut else "")


def _hint(text: str) -> str:
    scheme = text.split(":", 1)[0].lower()
    if scheme == "file":
        return " (give the file's path instead)"
    if "://" not in text and not text.startswith("//"):
        # "notes:v2.png" reads as a URL with scheme "notes"; a path that starts with ./ does not.
        return f" (for a file whose name contains ':', write ./{text})"
    return ""


def allocate_stems(sources: Sequence[ImageSource], reserved: Iterable[str] = ("summary",)) -> list[str]:
    """One distinct output stem per source, in order.

    The first input with a given stem keeps it; later ones get ``-2``, ``-3``... (the same file
    given twice, two ``scan.png`` from different folders, two URLs ending in ``/image``). The result
    depends only on the arguments and their order, so a rerun writes the same names. Comparison is
    case-insensitive, for case-insensitive file systems.
    """
    taken = {name.lower() for name in reserved}
    stems: list[str] = []
    for source in sources:
        base = source.base_stem
        candidate, counter = base, 1
        while candidate.lower() in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate.lower())
        stems.append(candidate)
    return stems

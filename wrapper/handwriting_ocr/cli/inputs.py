"""What ``recognize`` is given (files and URLs) and the names of the files it writes for them."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Final

import attrs

__all__ = ["SUMMARY_NAME", "ImageSource", "allocate_stems", "parse_source"]

#: The manifest ``recognize`` writes into ``--output``; no image's files may take its name.
SUMMARY_NAME: Final = "summary.json"

_UNSAFE_NAME_CHARS = re.compile(r"[^\w-]+")
_MAX_STEM = 80


@attrs.frozen
class ImageSource:
    """One ``IMAGE_OR_URL`` argument: a local file, or an http(s) URL the provider downloads."""

    argument: str
    path: Path | None = None
    url: str | None = None

    @property
    def display(self) -> str:
        """How the input is named in messages and in the summary.

        A URL loses its query string and fragment (``?…``): signed storage URLs carry their
        credential there.
        """
        if self.url is None:
            return self.argument
        parts = urllib.parse.urlsplit(self.url)
        hidden = "?…" if parts.query or parts.fragment else ""
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}{hidden}"

    @property
    def file_name(self) -> str:
        """The image's file name (the last path segment of a URL), for exports that record it."""
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
    """An ``http://`` or ``https://`` argument is a URL; anything else is a local path."""
    scheme = argument.split(":", 1)[0].lower() if "://" in argument else ""
    if scheme in ("http", "https"):
        return ImageSource(argument=argument, url=argument.strip())
    return ImageSource(argument=argument, path=Path(argument))


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

"""Bundled handwriting-like sample images and their true transcripts.

The pictures are rendered by ``scripts/make_samples.py``; ``manifest.json`` records, for each one,
its sha256, size, and every line and word with the box it was drawn in. The emulator answers these
images with exactly this transcript, which makes them useful in demos and in users' own tests::

    from handwriting_ocr import samples
    data = samples.read_bytes("glory.png")
    expected = samples.get("glory.png").text   # "Our greatest glory is not\\n..."
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import attrs

from handwriting_ocr.errors import InvalidInputError

__all__ = ["SampleImage", "SampleLine", "SampleWord", "all_samples", "get", "names", "read_bytes"]


@attrs.frozen
class SampleWord:
    text: str
    #: Eight numbers, x1,y1,...,x4,y4 clockwise from the top-left corner, in pixels.
    box: tuple[int, ...]


@attrs.frozen
class SampleLine:
    text: str
    box: tuple[int, ...]
    words: tuple[SampleWord, ...]


@attrs.frozen
class SampleImage:
    name: str
    media_type: str
    sha256: str
    width: int
    height: int
    lines: tuple[SampleLine, ...]

    @property
    def text(self) -> str:
        """The transcript, one line of the picture per line of text."""
        return "\n".join(line.text for line in self.lines)


def _box(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) != 8:
        raise RuntimeError("corrupt samples manifest: a box is not 8 numbers")
    return tuple(int(v) for v in value)


@functools.cache
def all_samples() -> tuple[SampleImage, ...]:
    """Every bundled sample, in manifest order."""
    raw = json.loads(resources.files(__name__).joinpath("manifest.json").read_text("utf-8"))
    return tuple(
        SampleImage(
            name=entry["name"],
            media_type=entry["media_type"],
            sha256=entry["sha256"],
            width=int(entry["width"]),
            height=int(entry["height"]),
            lines=tuple(
                SampleLine(
                    text=line["text"],
                    box=_box(line["box"]),
                    words=tuple(SampleWord(text=w["text"], box=_box(w["box"])) for w in line["words"]),
                )
                for line in entry["lines"]
            ),
        )
        for entry in raw["samples"]
    )


def names() -> tuple[str, ...]:
    return tuple(sample.name for sample in all_samples())


def get(name: str) -> SampleImage:
    """The sample called ``name``; :class:`InvalidInputError` if there is none."""
    for sample in all_samples():
        if sample.name == name:
            return sample
    raise InvalidInputError(f"no bundled sample named {name!r}; known: {', '.join(names())}", field="name")


@functools.cache
def read_bytes(name: str) -> bytes:
    """The image file of the sample called ``name``; :class:`InvalidInputError` if there is none."""
    get(name)  # only manifest names, never an arbitrary file of the package
    return resources.files(__name__).joinpath(name).read_bytes()

"""Deterministic "recognition": what the emulator reads in an image.

- A bundled sample (matched by the sha256 of its bytes) reads as its true transcript, with the line
  and word boxes it was rendered in.
- Any other image reads as pseudo-text chosen from the sha256 of its bytes: the same bytes always give
  the same words, laid out inside the image's own width and height.
- A URL cannot be fetched (the emulator never touches the network). A URL whose path is
  ``/samples/<name>`` of a bundled sample reads as that sample, a URL containing ``unreachable``
  fails to download, and any other URL reads as pseudo-text chosen from the URL string itself, on a
  1000x700 page.
- :func:`blank_image` (also served as ``/samples/blank.png``, by bytes or by URL) reads as no text at
  all: the image to use for "no text found" answers (Tencent API 3.0 ``FailedOperation.ImageNoText``).

Every line also has a style, as Azure Read v3.2 reports it: the bundled samples are handwriting;
pseudo-text lines are handwriting or ``other`` (printed), chosen from the seed.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Final, Literal
from urllib.parse import urlsplit

import attrs

from handwriting_ocr import samples
from handwriting_ocr.emulator.thumbnails import grey_png

#: Page size assumed for URL inputs and for images whose header gives no size (PDF).
DEFAULT_SIZE = (1000, 700)

_VOCABULARY = (
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "lazy",
    "dog",
    "morning",
    "letter",
    "dear",
    "friend",
    "thank",
    "you",
    "for",
    "your",
    "kind",
    "note",
    "please",
    "meet",
    "me",
    "at",
    "noon",
    "tomorrow",
    "near",
    "station",
    "garden",
    "river",
    "bridge",
    "market",
    "coffee",
    "tea",
    "bread",
    "apples",
    "orange",
    "paper",
    "pencil",
    "window",
    "summer",
    "winter",
    "autumn",
    "spring",
    "journey",
    "home",
    "remember",
    "always",
    "never",
    "little",
    "great",
    "small",
    "house",
    "street",
    "number",
    "seven",
    "twelve",
)


@attrs.frozen
class Word:
    text: str
    #: x1,y1,...,x4,y4 clockwise from the top-left corner, in pixels.
    box: tuple[int, ...]
    #: 0..1, deterministic.
    confidence: float


Style = Literal["handwriting", "other"]

#: The name under which the blank image is served (``/samples/blank.png``).
BLANK_NAME: Final = "blank.png"


@attrs.frozen
class Line:
    text: str
    box: tuple[int, ...]
    words: tuple[Word, ...]
    style: Style = "handwriting"
    #: 0..1, how sure the "recognition" is of ``style``.
    style_confidence: float = 0.95


@attrs.frozen
class Transcript:
    width: int
    height: int
    lines: tuple[Line, ...]
    #: The sample's name, or None for pseudo-text.
    sample: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _fraction(seed: bytes, *index: int | str) -> float:
    digest = hashlib.sha256(seed + b"/" + "/".join(map(str, index)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 0xFFFFFFFF


def _confidence(seed: bytes, *index: int) -> float:
    # 0.55 .. 0.999: mostly confident, a few words below Azure's "Low" threshold of 0.6.
    return round(0.55 + _fraction(seed, *index) * 0.449, 4)


def _style_confidence(seed: bytes, line: int) -> float:
    return round(0.8 + _fraction(seed, "style", line) * 0.19, 3)


@functools.cache
def _samples_by_digest() -> dict[str, Transcript]:
    found: dict[str, Transcript] = {}
    for sample in samples.all_samples():
        seed = sample.sha256.encode()
        lines = tuple(
            Line(
                text=line.text,
                box=line.box,
                words=tuple(
                    Word(word.text, word.box, _confidence(seed, li, wi)) for wi, word in enumerate(line.words)
                ),
                style="handwriting",  # the samples are handwriting-like by design
                style_confidence=_style_confidence(seed, li),
            )
            for li, line in enumerate(sample.lines)
        )
        found[sample.sha256] = Transcript(sample.width, sample.height, lines, sample.name)
    return found


def _rect(left: int, top: int, right: int, bottom: int) -> tuple[int, ...]:
    return (left, top, right, top, right, bottom, left, bottom)


def pseudo_text(seed: bytes, width: int, height: int) -> Transcript:
    """1-3 lines of 2-5 words each, chosen and laid out from ``seed`` alone."""
    stream = hashlib.sha256(seed).digest()
    counter = 0

    def next_byte() -> int:
        nonlocal stream, counter
        if counter >= len(stream):
            stream = hashlib.sha256(stream).digest()
            counter = 0
        counter += 1
        return stream[counter - 1]

    line_count = 1 + next_byte() % 3
    texts = [
        [_VOCABULARY[next_byte() % len(_VOCABULARY)] for _ in range(2 + next_byte() % 4)]
        for _ in range(line_count)
    ]
    margin_x, margin_y = max(1, width // 20), max(1, height // 20)
    slot = max(1, (height - 2 * margin_y) // line_count)
    usable = max(1, width - 2 * margin_x)
    lines: list[Line] = []
    for li, words in enumerate(texts):
        top = margin_y + li * slot
        bottom = top + max(1, slot * 7 // 10)
        units = sum(len(w) for w in words) + len(words) - 1  # characters plus one space between words
        x = float(margin_x)
        boxes: list[Word] = []
        for wi, text in enumerate(words):
            right = x + usable * len(text) / units
            boxes.append(Word(text, _rect(round(x), top, round(right), bottom), _confidence(seed, li, wi)))
            x = right + usable / units
        line_box = _rect(boxes[0].box[0], top, boxes[-1].box[2], bottom)
        style: Style = "handwriting" if _fraction(seed, "kind", li) < 0.5 else "other"
        lines.append(Line(" ".join(words), line_box, tuple(boxes), style, _style_confidence(seed, li)))
    return Transcript(width, height, tuple(lines))


@functools.cache
def blank_image() -> bytes:
    """A plain white 400x200 PNG in which the emulator reads no text."""
    return grey_png(400, 200, 255)


@functools.cache
def _blank_digest() -> str:
    return hashlib.sha256(blank_image()).hexdigest()


def for_image(data: bytes, width: int | None, height: int | None, *, digest: str | None = None) -> Transcript:
    """What the emulator reads in ``data``; ``digest`` is its hex sha256 if the caller has it already."""
    digest = digest or hashlib.sha256(data).hexdigest()
    sample = _samples_by_digest().get(digest)
    if sample is not None:
        return sample
    if digest == _blank_digest():
        return Transcript(400, 200, (), BLANK_NAME)
    w, h = (width, height) if width and height else DEFAULT_SIZE
    return pseudo_text(digest.encode(), w, h)


def sample_for_url(url: str) -> str | None:
    """The bundled sample a URL names (``.../samples/<name>``), or None."""
    path = urlsplit(url).path
    prefix, _, name = path.rpartition("/")
    if prefix.endswith("/samples") and (name in samples.names() or name == BLANK_NAME):
        return name
    return None


def image_bytes(name: str) -> bytes:
    """The bytes of a sample name :func:`sample_for_url` returned (a bundled sample or the blank)."""
    return blank_image() if name == BLANK_NAME else samples.read_bytes(name)


def is_unreachable(url: str) -> bool:
    """True for URLs the emulator pretends it cannot download (they contain ``unreachable``)."""
    return "unreachable" in url.lower()


def for_url(url: str) -> Transcript:
    name = sample_for_url(url)
    if name is not None:
        return for_image(image_bytes(name), None, None)
    return pseudo_text(b"url:" + url.encode("utf-8"), *DEFAULT_SIZE)


def url_is_valid(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)

"""Render the bundled handwriting-like sample images and their ground-truth manifest.

    PYTHONPATH=wrapper .venv/bin/python scripts/make_samples.py [--check]

Writes ``wrapper/handwriting_ocr/samples/*.png`` and ``manifest.json``: every sample's transcript
lines with the line and word boxes exactly as rendered. The emulator answers these images with
their true transcript. The output is deterministic (seeded jitter, Pillow's bundled font, fixed PNG
encoder settings), so running it twice gives the same bytes; ``--check`` fails if the committed
files differ from a fresh rendering.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
from pathlib import Path
from typing import TypedDict

from PIL import Image, ImageDraw, ImageFont

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "wrapper" / "handwriting_ocr" / "samples"

# name -> lines of text. Short, so each picture stays far below 100 KB.
TEXTS: dict[str, list[str]] = {
    "glory.png": ["Our greatest glory is not", "in never failing,", "but in rising every time we fall"],
    "shopping-list.png": ["milk and eggs", "call the plumber at 5", "buy 2 tickets"],
    "note.png": ["Meet me by the old oak tree", "at half past nine"],
}

FONT_SIZE = 34
MARGIN = 24
LINE_GAP = 22
WORD_GAP = 16


class WordEntry(TypedDict):
    text: str
    box: list[int]


class LineEntry(TypedDict):
    text: str
    box: list[int]
    words: list[WordEntry]


class SampleEntry(TypedDict):
    name: str
    media_type: str
    sha256: str
    width: int
    height: int
    lines: list[LineEntry]


def _polygon(left: int, top: int, right: int, bottom: int) -> list[int]:
    # Clockwise from the top-left corner, as Azure's boundingBox.
    return [left, top, right, top, right, bottom, left, bottom]


def _render_word(word: str, font: ImageFont.FreeTypeFont, rng: random.Random) -> Image.Image:
    """One word drawn glyph by glyph, each glyph slightly rotated and shifted: a hand-like wobble."""
    glyphs: list[Image.Image] = []
    for char in word:
        right = int(font.getbbox(char)[2])
        glyph = Image.new("L", (right + 8, FONT_SIZE + 16), 0)
        ImageDraw.Draw(glyph).text((4, 4), char, font=font, fill=255)
        glyph = glyph.rotate(rng.uniform(-9.0, 9.0), resample=Image.Resampling.BICUBIC, expand=False)
        glyphs.append(glyph)
    width = sum(g.width - 6 for g in glyphs) + 6
    canvas = Image.new("L", (width, FONT_SIZE + 24), 0)
    x = 0
    for glyph in glyphs:
        canvas.paste(glyph, (x, rng.randint(0, 6)), glyph)
        x += glyph.width - 6 + rng.randint(-1, 1)
    bbox = canvas.getbbox()
    return canvas.crop(bbox) if bbox else canvas


def render(name: str, lines: list[str]) -> tuple[bytes, SampleEntry]:
    rng = random.Random(name)  # seeded by the name: same jitter on every run
    font = ImageFont.load_default(size=FONT_SIZE)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise SystemExit("Pillow was built without FreeType; cannot render the samples")
    rendered = [[(word, _render_word(word, font, rng)) for word in line.split(" ")] for line in lines]
    line_widths = [sum(img.width for _, img in words) + WORD_GAP * (len(words) - 1) for words in rendered]
    line_heights = [max(img.height for _, img in words) for words in rendered]
    width = max(line_widths) + 2 * MARGIN + 20
    height = sum(line_heights) + LINE_GAP * (len(lines) - 1) + 2 * MARGIN + 8
    ink = Image.new("L", (width, height), 0)
    entries: list[LineEntry] = []
    y = MARGIN
    for text, words, line_height in zip(lines, rendered, line_heights, strict=True):
        x = MARGIN + rng.randint(0, 20)  # ragged left margin
        word_entries: list[WordEntry] = []
        for word, img in words:
            top = y + rng.randint(0, 4) + (line_height - img.height)
            ink.paste(img, (x, top), img)
            word_entries.append({"text": word, "box": _polygon(x, top, x + img.width, top + img.height)})
            x += img.width + WORD_GAP + rng.randint(-3, 3)
        left = min(w["box"][0] for w in word_entries)
        top_edge = min(w["box"][1] for w in word_entries)
        right = max(w["box"][2] for w in word_entries)
        bottom = max(w["box"][5] for w in word_entries)
        entries.append({"text": text, "box": _polygon(left, top_edge, right, bottom), "words": word_entries})
        y += line_height + LINE_GAP
    # Dark blue-grey ink on off-white paper, as a grayscale image (small files).
    paper = Image.new("L", (width, height), 243)
    page = Image.composite(Image.new("L", (width, height), 40), paper, ink)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    entry: SampleEntry = {
        "name": name,
        "media_type": "image/png",
        "sha256": hashlib.sha256(data).hexdigest(),
        "width": width,
        "height": height,
        "lines": entries,
    }
    return data, entry


def build() -> dict[str, bytes]:
    """Every output file's name and bytes."""
    files: dict[str, bytes] = {}
    manifest: list[SampleEntry] = []
    for name, lines in TEXTS.items():
        data, entry = render(name, lines)
        files[name] = data
        manifest.append(entry)
    files["manifest.json"] = (json.dumps({"samples": manifest}, indent=1) + "\n").encode("utf-8")
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed samples differ")
    args = parser.parse_args()
    files = build()
    if args.check:
        stale = [
            name
            for name, data in files.items()
            if not (SAMPLES_DIR / name).is_file() or (SAMPLES_DIR / name).read_bytes() != data
        ]
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        return 1 if stale else 0
    for name, data in files.items():
        (SAMPLES_DIR / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Deterministic results, image sniffing and the bundled samples."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import transcripts
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.validation.image_info import ImageInfo
from handwriting_ocr.validation.image_info import describe_image as sniff
from PIL import Image

from tests.emulator.helpers import jpeg, png

ROOT = Path(__file__).resolve().parents[2]


def pillow_bytes(fmt: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 200, 200)).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "info"),
    [
        (png(123, 45), ImageInfo("png", 123, 45)),
        (jpeg(321, 54), ImageInfo("jpeg", 321, 54)),
        (pillow_bytes("BMP", (77, 66)), ImageInfo("bmp", 77, 66)),
        (pillow_bytes("GIF", (12, 34)), ImageInfo("gif", 12, 34)),
        (pillow_bytes("TIFF", (55, 44)), ImageInfo("tiff", 55, 44)),
        (b"%PDF-1.7\n...", ImageInfo("pdf", None, None)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ImageInfo("png", None, None)),
        (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF", ImageInfo("jpeg", None, None)),
        (b"hello world", None),
        (b"", None),
    ],
)
def test_sniff_reads_format_and_size_from_headers(data: bytes, info: ImageInfo | None) -> None:
    assert sniff(data) == info


def test_every_sample_reads_as_its_true_transcript() -> None:
    for sample in samples.all_samples():
        data = samples.read_bytes(sample.name)
        result = transcripts.for_image(data, sample.width, sample.height)
        assert result.sample == sample.name
        assert result.text == sample.text
        assert [w.box for line in result.lines for w in line.words] == [
            w.box for line in sample.lines for w in line.words
        ]


def test_samples_match_their_manifest() -> None:
    for sample in samples.all_samples():
        data = samples.read_bytes(sample.name)
        assert hashlib.sha256(data).hexdigest() == sample.sha256
        assert len(data) < 100_000
        with Image.open(io.BytesIO(data)) as picture:
            assert (picture.format, picture.size) == ("PNG", (sample.width, sample.height))
        for line in sample.lines:
            assert line.text == " ".join(w.text for w in line.words)
            for word in line.words:
                xs, ys = word.box[0::2], word.box[1::2]
                assert 0 <= min(xs) < max(xs) <= sample.width and 0 <= min(ys) < max(ys) <= sample.height
                assert min(xs) >= min(line.box[0::2]) and max(xs) <= max(line.box[0::2])


def test_samples_need_their_known_names() -> None:
    with pytest.raises(InvalidInputError):
        samples.read_bytes("../__init__.py")
    assert samples.names() == ("glory.png", "shopping-list.png", "note.png")


def test_make_samples_reproduces_the_committed_files() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_samples.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr


def test_other_images_read_as_stable_pseudo_text_inside_the_image() -> None:
    data = png(640, 480, shade=3)

    first = transcripts.for_image(data, 640, 480)

    assert first == transcripts.for_image(data, 640, 480)
    assert first.sample is None
    assert 1 <= len(first.lines) <= 3
    for line in first.lines:
        assert 2 <= len(line.words) <= 5
        assert line.text == " ".join(w.text for w in line.words)
        for word in line.words:
            assert all(0 <= x <= 640 for x in word.box[0::2]) and all(0 <= y <= 480 for y in word.box[1::2])
            assert 0.55 <= word.confidence < 1
    texts = {transcripts.for_image(png(640, 480, shade=s), 640, 480).text for s in range(20)}
    assert len(texts) > 10  # different bytes, (almost always) different words


def test_pseudo_text_is_pinned_across_runs() -> None:
    # A fixed input must keep giving the same words in every release: users' tests may pin them.
    result = transcripts.pseudo_text(b"pinned", 1000, 700)

    assert result.text == "window near river always bridge"
    assert result.lines[0].words[0].box == WINDOW_BOX


def test_urls() -> None:
    assert transcripts.sample_for_url("http://127.0.0.1:1/samples/note.png") == "note.png"
    assert transcripts.sample_for_url("https://example.com/samples/unknown.png") is None
    assert transcripts.for_url("http://x/samples/glory.png").text == samples.get("glory.png").text
    assert transcripts.is_unreachable("https://UNREACHABLE.example/a.png")
    assert not transcripts.url_is_valid("ftp://example.com/a.png")


WINDOW_BOX = (50, 35, 224, 35, 224, 476, 50, 476)

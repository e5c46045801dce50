"""What an image is, from its first bytes: format by magic number, and size where the header says it.

Only headers are read, never pixel data, so this is cheap on a 20 MB scan and needs no Pillow.
Every parser is defensive: a truncated or odd header gives ``None`` dimensions, never an exception,
and the provider stays the judge of images we cannot measure.
"""

from __future__ import annotations

import struct
from typing import Final, Literal

import attrs

__all__ = ["ImageFormat", "ImageInfo", "describe_image", "sniff_format"]

ImageFormat = Literal["jpeg", "png", "gif", "bmp", "tiff", "pdf", "webp"]

#: Human names for messages.
FORMAT_NAMES: Final[dict[ImageFormat, str]] = {
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "bmp": "BMP",
    "tiff": "TIFF",
    "pdf": "PDF",
    "webp": "WebP",
}

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
# SOFn markers carry the frame size; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but don't.
_JPEG_SOF: Final = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field: TEM, RST0-7, SOI, EOI.
_JPEG_STANDALONE: Final = frozenset({0x01, *range(0xD0, 0xDA)})


@attrs.frozen
class ImageInfo:
    """Format, dimensions in pixels (None when the header does not say) and GIF animation."""

    format: ImageFormat
    width: int | None = None
    height: int | None = None
    animated: bool = False


def sniff_format(data: bytes) -> ImageFormat | None:
    """The format of ``data`` from its magic bytes, or None if it is none we know."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"BM") and len(data) >= 26:
        return "bmp"
    if data.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):  # classic and BigTIFF
        return "tiff"
    # PDF readers accept the header anywhere in the first KiB; so does Azure (it uses such a reader).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    return None


def describe_image(data: bytes) -> ImageInfo | None:
    """Format, dimensions and animation of ``data``; None if the format is not recognised."""
    kind = sniff_format(data)
    if kind is None:
        return None
    if kind == "png":
        width, height = _png_size(data)
    elif kind == "gif":
        width, height = _u16le_pair(data, 6)
        return ImageInfo(kind, width, height, animated=_gif_frame_count(data) > 1)
    elif kind == "bmp":
        width, height = _bmp_size(data)
    elif kind == "jpeg":
        width, height = _jpeg_size(data)
    elif kind == "tiff":
        width, height = _tiff_size(data)
    else:  # PDF pages have their own sizes; WebP is rejected before its size matters.
        width, height = None, None
    return ImageInfo(kind, width, height)


def _positive_pair(width: int, height: int) -> tuple[int | None, int | None]:
    if width <= 0 or height <= 0:
        return None, None
    return width, height


def _u16le_pair(data: bytes, offset: int) -> tuple[int | None, int | None]:
    if len(data) < offset + 4:
        return None, None
    width, height = struct.unpack_from("<HH", data, offset)
    return _positive_pair(width, height)


def _png_size(data: bytes) -> tuple[int | None, int | None]:
    # Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None, None
    width, height = struct.unpack_from(">II", data, 16)
    return _positive_pair(width, height)


def _bmp_size(data: bytes) -> tuple[int | None, int | None]:
    (header_size,) = struct.unpack_from("<I", data, 14)
    if header_size == 12:  # OS/2 BITMAPCOREHEADER: unsigned 16-bit sizes
        return _u16le_pair(data, 18)
    width, height = struct.unpack_from("<ii", data, 18)
    # A negative height means rows are stored top-down; the image is |height| tall.
    return _positive_pair(width, abs(height))


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    """Walk the marker segments up to the first SOFn frame header."""
    position = 2
    end = len(data)
    while position + 4 <= end:
        if data[position] != 0xFF:
            return None, None  # lost sync: not a well-formed header
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in _JPEG_STANDALONE:
            position += 2
            continue
        if marker == 0xDA:  # start of scan before any frame header
            return None, None
        (length,) = struct.unpack_from(">H", data, position + 2)
        if length < 2:
            return None, None
        if marker in _JPEG_SOF:
            if position + 9 > end:
                return None, None
            height, width = struct.unpack_from(">HH", data, position + 5)
            return _positive_pair(width, height)
        position += 2 + length
    return None, None


def _tiff_size(data: bytes) -> tuple[int | None, int | None]:
    """ImageWidth (256) and ImageLength (257) from the first IFD of a classic TIFF."""
    if len(data) < 8 or data[2:4] in (b"+\x00", b"\x00+"):
        return None, None  # BigTIFF: 8-byte offsets; left to the provider
    order = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack_from(order + "I", data, 4)
    if ifd + 2 > len(data):
        return None, None
    (count,) = struct.unpack_from(order + "H", data, ifd)
    sizes: dict[int, int] = {}
    for index in range(count):
        entry = ifd + 2 + 12 * index
        if entry + 12 > len(data):
            break
        tag, kind, number = struct.unpack_from(order + "HHI", data, entry)
        if tag not in (256, 257) or number != 1:
            continue
        if kind == 3:  # SHORT, left-justified in the 4-byte value field
            (value,) = struct.unpack_from(order + "H", data, entry + 8)
        elif kind == 4:  # LONG
            (value,) = struct.unpack_from(order + "I", data, entry + 8)
        else:
            continue
        sizes[tag] = value
    if 256 not in sizes or 257 not in sizes:
        return None, None
    return _positive_pair(sizes[256], sizes[257])


def _gif_frame_count(data: bytes, stop_after: int = 2) -> int:
    """Image descriptors in a GIF, counting at most ``stop_after`` (we only need to know "more than one")."""
    if len(data) < 13:
        return 0
    position = 13
    flags = data[10]
    if flags & 0x80:  # global colour table
        position += 3 * (2 ** ((flags & 0x07) + 1))
    frames = 0
    end = len(data)
    while position < end and frames < stop_after:
        block = data[position]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then data sub-blocks
            position = _skip_sub_blocks(data, position + 2)
        elif block == 0x2C:  # image descriptor (10 bytes), optional local table, LZW size, sub-blocks
            frames += 1
            if position + 10 > end:
                break
            local = data[position + 9]
            position += 10
            if local & 0x80:
                position += 3 * (2 ** ((local & 0x07) + 1))
            position = _skip_sub_blocks(data, position + 1)
        else:
            break  # corrupt stream: stop counting
    return frames


def _skip_sub_blocks(data: bytes, position: int) -> int:
    end = len(data)
    while position < end:
        size = data[position]
        position += 1 + size
        if size == 0:
            break
    return position

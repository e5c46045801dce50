"""Recognising an image's format by its magic bytes, and reading its size from the header.

No decoding and no Pillow: the emulator validates uploads the way the services describe (format,
byte size, pixel size) with nothing but the first bytes of the file.
"""

from __future__ import annotations

import struct
from typing import Literal

import attrs

ImageFormat = Literal["jpeg", "png", "bmp", "gif", "tiff", "pdf"]


@attrs.frozen
class ImageInfo:
    format: ImageFormat
    #: None when the format has no pixel size in its header (PDF) or the header is cut short.
    width: int | None
    height: int | None


def sniff(data: bytes) -> ImageInfo | None:
    """The format and pixel size of ``data``, or None when it is not an image format at all."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            width, height = struct.unpack(">II", data[16:24])
            return ImageInfo("png", width, height)
        if data.startswith(b"\xff\xd8\xff"):
            return _jpeg(data)
        if data.startswith(b"BM"):
            width, height = struct.unpack("<ii", data[18:26])
            return ImageInfo("bmp", abs(width), abs(height))
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return ImageInfo("gif", width, height)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(data)
        if data.startswith(b"%PDF-"):
            return ImageInfo("pdf", None, None)
    except struct.error:
        # A known magic number with a truncated header: an image that cannot be decoded.
        return ImageInfo(_format_of(data), None, None)
    return None


def _format_of(data: bytes) -> ImageFormat:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data.startswith(b"BM"):
        return "bmp"
    if data.startswith(b"GIF"):
        return "gif"
    return "tiff"


def _jpeg(data: bytes) -> ImageInfo:
    # Walk the marker segments up to the first start-of-frame, which holds the size.
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            break
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return ImageInfo("jpeg", width, height)
        offset += 2 + length
    return ImageInfo("jpeg", None, None)


def _tiff(data: bytes) -> ImageInfo:
    endian = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(endian + "I", data[4:8])
    (count,) = struct.unpack(endian + "H", data[ifd : ifd + 2])
    size: dict[int, int] = {}
    for index in range(count):
        entry = data[ifd + 2 + 12 * index : ifd + 14 + 12 * index]
        tag, kind = struct.unpack(endian + "HH", entry[:4])
        if tag in (256, 257):  # ImageWidth, ImageLength
            fmt = endian + ("H" if kind == 3 else "I")
            (size[tag],) = struct.unpack(fmt, entry[8:10] if kind == 3 else entry[8:12])
    return ImageInfo("tiff", size.get(256), size.get(257))


MEDIA_TYPES: dict[ImageFormat, str] = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "bmp": "image/bmp",
    "gif": "image/gif",
    "tiff": "image/tiff",
    "pdf": "application/pdf",
}

"""Azure v1.0 ``generateThumbnail``: a real picture of exactly the requested size.

With Pillow (the ``images`` extra) the emulator scales and crops the uploaded image and answers a
JPEG, as the service does. Without Pillow, or for an input Pillow cannot open (a URL input, a PDF), it
answers a plain grey PNG of the requested size, encoded here with zlib: still a valid image, still
deterministic.
"""

from __future__ import annotations

import io
import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def grey_png(width: int, height: int, shade: int = 200) -> bytes:
    """A ``width`` x ``height`` 8-bit greyscale PNG filled with ``shade``."""
    row = b"\x00" + bytes([shade]) * width  # filter byte 0, then the pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height, 9))
        + _chunk(b"IEND", b"")
    )


def thumbnail(data: bytes | None, width: int, height: int, smart_cropping: bool) -> tuple[bytes, str]:
    """(image bytes, media type) of a ``width`` x ``height`` thumbnail of ``data``."""
    if data is not None:
        try:
            return _pillow_thumbnail(data, width, height, smart_cropping), "image/jpeg"
        except (ImportError, OSError, ValueError):
            pass  # no Pillow, or not an image Pillow can decode: fall back to the plain PNG
    return grey_png(width, height), "image/png"


def _pillow_thumbnail(data: bytes, width: int, height: int, smart_cropping: bool) -> bytes:
    from PIL import Image, ImageOps  # optional dependency: the `images` extra

    with Image.open(io.BytesIO(data)) as source:
        picture = source.convert("RGB")
    # The service crops around the region of interest; the emulator crops around the centre.
    picture = ImageOps.fit(picture, (width, height)) if smart_cropping else picture.resize((width, height))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue()

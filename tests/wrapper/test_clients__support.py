"""Helpers shared by the facade tests (no tests here): images, sync/async switching, request checks."""

from __future__ import annotations

import inspect
import io
import json
import struct
import zlib
from collections.abc import Awaitable
from typing import Literal, TypeVar

import httpx
from PIL import Image

T = TypeVar("T")

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")


async def settle(value: T | Awaitable[T]) -> T:
    """The value of a sync call, or the awaited value of an async one."""
    if inspect.isawaitable(value):
        return await value
    return value


async def settle_object(value: object) -> object:
    """Like :func:`settle`, for unions mypy cannot solve (a poller or a coroutine of another poller)."""
    if inspect.isawaitable(value):
        result: object = await value
        return result
    return value


def png(width: int = 120, height: int = 80) -> bytes:
    """A real PNG (white with a black bar) of the given size."""
    picture = Image.new("L", (width, height), 255)
    for x in range(width // 4, 3 * width // 4):
        picture.putpixel((x, height // 2), 0)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def jpeg(width: int = 120, height: int = 80) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (255, 255, 255)).save(out, format="JPEG")
    return out.getvalue()


def gif(width: int = 60, height: int = 60, *, frames: int = 1) -> bytes:
    pictures = [Image.new("RGB", (width, height), (40 * i, 255 - 40 * i, 0)) for i in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, format="GIF", save_all=frames > 1, append_images=pictures[1:])
    return out.getvalue()


def padded_png(total_bytes: int, width: int = 100, height: int = 100) -> bytes:
    """A PNG header claiming ``width`` x ``height``, padded with a private chunk to ``total_bytes``.

    Size checks happen before decoding, so this stands for a large scan without building one.
    """
    head = b"\x89PNG\r\n\x1a\n"
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    padding = max(total_bytes - len(head) - len(chunk) - 12, 0)
    filler = struct.pack(">I", padding) + b"prVt" + b"\0" * padding + b"\0\0\0\0"
    return head + chunk + filler


def json_bytes(document: object) -> bytes:
    """What httpx sends for ``json=document`` (compact, UTF-8, non-ASCII kept)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def header(request: httpx.Request, name: str) -> str | None:
    value: str | None = request.headers.get(name)
    return value

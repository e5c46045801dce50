"""A request body kept as a few pieces and sent without ever being joined.

:class:`ReplayableBody` is an httpx stream (sync and async) over a list of ``bytes`` pieces: the JSON
around a base64 image and the image's base64 bytes themselves. httpx is told its length up front
(``Content-Length``, no chunked encoding), and it can be sent again and again (retries, an auth flow
re-sending after renewing a credential), unlike a generator body. Signing auths hash it with
:func:`body_sha256` piece by piece instead of joining it with ``request.read()``.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator, Sequence

import httpx

__all__ = ["ReplayableBody", "body_sha256", "ensure_replayable"]


class ReplayableBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """``pieces`` sent one after the other; iterable any number of times."""

    def __init__(self, pieces: Sequence[bytes]) -> None:
        self.pieces = tuple(pieces)
        self.length = sum(len(piece) for piece in self.pieces)

    def __iter__(self) -> Iterator[bytes]:
        yield from self.pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece

    def attach(self, request: httpx.Request) -> httpx.Request:
        """Make ``request`` (built without a body) send this body, with its Content-Length."""
        request.stream = self
        request.headers["Content-Length"] = str(self.length)
        request.headers.pop("Transfer-Encoding", None)
        return request


def _replayable(request: httpx.Request) -> bool:
    return isinstance(request.stream, httpx.ByteStream | ReplayableBody)


def ensure_replayable(request: httpx.Request) -> None:
    """Read a one-shot (generator) body into memory so the request can be sent more than once.

    The SDK's own bodies are replayable already and are left alone (no copy). Sync streams only;
    async flows call :func:`aensure_replayable`.
    """
    if not _replayable(request):
        request.read()


async def aensure_replayable(request: httpx.Request) -> None:
    if not _replayable(request):
        await request.aread()


def body_sha256(request: httpx.Request) -> str:
    """Hex SHA-256 of the request body, piece by piece for a :class:`ReplayableBody` (no join)."""
    stream = request.stream
    digest = hashlib.sha256()
    if isinstance(stream, ReplayableBody):
        for piece in stream.pieces:
            digest.update(piece)
        return digest.hexdigest()
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = request.read()
    digest.update(content)
    return digest.hexdigest()

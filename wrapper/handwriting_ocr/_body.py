"""Request bodies kept as a few pieces and sent without ever being joined (lean uploads).

:class:`ReplayableBody` is an httpx stream (sync and async) over a list of ``bytes`` pieces: the JSON
around a base64 image and the image's base64 bytes themselves, in chunks. httpx is told its length
up front (``Content-Length``, no chunked encoding), and it can be sent again and again (retries, an
auth flow re-sending after renewing a credential), unlike a generator body.

Auth flows that need the body (a signature covers its hash; a flow that re-sends a request) use
:func:`body_sha256` and :class:`BodyAwareAuth` instead of httpx's ``requires_request_body``, which
would join the pieces into one more copy of the whole body (``request.read()``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator, Sequence

import httpx

# httpx does not export its multipart stream; its type is what tells a multipart body (which httpx
# renders from its parts each time it is iterated) from a one-shot generator.
from httpx._multipart import FileField, MultipartStream

__all__ = ["BodyAwareAuth", "ReplayableBody", "aensure_replayable", "body_sha256", "ensure_replayable"]


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
        """Make ``request`` (built with this body as streaming content) send it with its length."""
        request.stream = self
        request.headers["Content-Length"] = str(self.length)
        request.headers.pop("Transfer-Encoding", None)
        return request


def _replayable(request: httpx.Request) -> bool:
    stream = request.stream
    if isinstance(stream, httpx.ByteStream | ReplayableBody):
        return True
    # A multipart body is rendered anew from its parts on every iteration: replayable when each
    # file part is bytes or a file it can rewind (the generated clients pass ``BytesIO``).
    return isinstance(stream, MultipartStream) and all(
        not isinstance(field, FileField) or _rewindable(field.file) for field in stream.fields
    )


def _rewindable(file: object) -> bool:
    if isinstance(file, str | bytes):
        return True
    if isinstance(file, io.IOBase):
        return file.seekable()
    return False


def ensure_replayable(request: httpx.Request) -> None:
    """Read a one-shot (generator) body into memory so that it can be hashed and sent again.

    The SDK's own bodies are replayable already and are left alone (no copy).
    """
    if not _replayable(request):
        request.read()


async def aensure_replayable(request: httpx.Request) -> None:
    if not _replayable(request):
        await request.aread()


def body_sha256(request: httpx.Request) -> str:
    """Hex SHA-256 of the request body, piece by piece (never joined).

    The body must be replayable (see :func:`ensure_replayable`, which :class:`BodyAwareAuth` calls).
    """
    digest = hashlib.sha256()
    stream = request.stream
    if isinstance(stream, ReplayableBody):
        for piece in stream.pieces:
            digest.update(piece)
        return digest.hexdigest()
    if isinstance(stream, MultipartStream) and _replayable(request):
        for chunk in stream:
            digest.update(chunk)
        return digest.hexdigest()
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = request.read()
    digest.update(content)
    return digest.hexdigest()


class BodyAwareAuth(httpx.Auth):
    """An ``httpx.Auth`` whose flow hashes or re-sends the body, without joining a lean body.

    Subclasses write ``auth_flow`` as usual and leave ``requires_request_body`` False; these drivers
    make a one-shot body replayable first (the SDK's own bodies already are).
    """

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        ensure_replayable(request)
        yield from super().sync_auth_flow(request)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        await aensure_replayable(request)
        flow = super().async_auth_flow(request)
        outgoing = await flow.__anext__()
        while True:
            response = yield outgoing
            try:
                outgoing = await flow.asend(response)
            except StopAsyncIteration:
                break

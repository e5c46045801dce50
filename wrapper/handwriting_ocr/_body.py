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
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterable, Iterator
from typing import Final

import httpx

# httpx does not export its multipart stream; its type is what tells a multipart body (which httpx
# renders from its parts each time it is iterated) from a one-shot generator.
from httpx._multipart import FileField, MultipartStream

__all__ = ["BodyAwareAuth", "ReplayableBody", "aensure_replayable", "body_sha256", "ensure_replayable"]


#: Consecutive pieces smaller than this are joined into one: each piece is one write to the socket
#: (and one event through httpcore's HTTP/1.1 machinery, tens of microseconds), while joining a few
#: kilobytes of JSON or multipart framing costs next to nothing. Larger pieces (the image) are sent
#: as they are, never copied.
SMALL_PIECE: Final = 64 * 1024


def coalesced(pieces: Iterable[bytes], small: int = SMALL_PIECE) -> tuple[bytes, ...]:
    """``pieces`` with each run of consecutive small ones joined, up to ``small`` bytes at a time."""
    out: list[bytes] = []
    run: list[bytes] = []
    run_size = 0
    for piece in pieces:
        if run and run_size + len(piece) > small:
            out.append(run[0] if len(run) == 1 else b"".join(run))
            run, run_size = [], 0
        if len(piece) >= small:
            out.append(piece)
        else:
            run.append(piece)
            run_size += len(piece)
    if run:
        out.append(run[0] if len(run) == 1 else b"".join(run))
    return tuple(out)


class ReplayableBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """``pieces`` sent one after the other (small neighbours joined); iterable any number of times."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self.pieces = coalesced(pieces)
        self.length = sum(len(piece) for piece in self.pieces)

    @classmethod
    def from_multipart(cls, request: httpx.Request) -> ReplayableBody | None:
        """The multipart body of ``request`` as pieces, when its parts are all in memory (else None).

        httpx renders a multipart body in a dozen small chunks (boundaries, part headers, values)
        around each file's bytes; sent as they come, each is one more write. Here they are rendered
        once: the framing joined, each file's bytes kept as the very object the caller gave.
        """
        stream = request.stream
        if not isinstance(stream, MultipartStream) or not all(
            not isinstance(field, FileField) or isinstance(field.file, bytes) for field in stream.fields
        ):
            return None
        return cls(stream)

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

"""Reading an answer within the attempt's deadline and the operation's size cap.

httpx's timeouts bound each network read, not a whole answer: a body that trickles in a byte at a
time never trips a read timeout. Here a body is read chunk by chunk against the attempt's absolute
deadline (which the request loop puts on the request, see ``retries.ATTEMPT_DEADLINE_EXTENSION``)
and against the largest body the operation accepts (``retries.MAX_BODY_EXTENSION``): a body that is
too slow ends as ``httpx.ReadTimeout`` (retried like any timeout), one that is too large as
:class:`BodyTooLarge` (final: the pipeline turns it into ``MalformedResponseError``).

Two places use it: :class:`BoundedTransport` (inside the facades' own clients, so that even bodies
an auth flow reads are bounded) reads the raw body, and the pipeline reads the decoded body of every
answer it hands on (which also bounds a caller's own ``http_client``, and a decompressed body).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterable, Callable, Iterable
from typing import Final

import httpx

__all__ = [
    "ATTEMPT_DEADLINE",
    "BODY_INCOMPLETE",
    "BODY_LOADED",
    "HEADERS_SUFFICE",
    "MAX_BODY",
    "AsyncBoundedTransport",
    "BodyTooLarge",
    "BoundedTransport",
    "aread_within",
    "read_within",
]

#: Keys shared with the request loop (kept here so this module imports nothing of the loop's).
ATTEMPT_DEADLINE: Final = "handwriting_ocr.attempt_deadline"
MAX_BODY: Final = "handwriting_ocr.max_body"
HEADERS_SUFFICE: Final = "handwriting_ocr.headers_suffice"
#: Set on a response whose body broke off after a 2xx status when the request allowed it.
BODY_INCOMPLETE: Final = "handwriting_ocr.body_incomplete"
#: Set on a response whose body :class:`BoundedTransport` has read (and decoded) in full.
BODY_LOADED: Final = "handwriting_ocr.body_loaded"


class BodyTooLarge(Exception):
    """The answer's body is larger than the operation accepts."""

    def __init__(self, cap: int, status_code: int) -> None:
        super().__init__(f"the answer (HTTP {status_code}) is larger than {cap:,} bytes")
        self.cap = cap
        self.status_code = status_code


def _limits(request: httpx.Request) -> tuple[float | None, int | None]:
    deadline = request.extensions.get(ATTEMPT_DEADLINE)
    cap = request.extensions.get(MAX_BODY)
    return (
        float(deadline) if isinstance(deadline, int | float) else None,
        int(cap) if isinstance(cap, int) and not isinstance(cap, bool) else None,
    )


def _too_slow() -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the answer did not arrive in full within the attempt's time limit")


def read_within(
    chunks: Iterable[bytes],
    *,
    deadline: float | None,
    cap: int | None,
    status_code: int,
    clock: Callable[[], float] = time.monotonic,
) -> bytes:
    """Join ``chunks``, failing as soon as the deadline passes or the size passes ``cap``."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if cap is not None and size > cap:
            raise BodyTooLarge(cap, status_code)
        parts.append(chunk)
        if deadline is not None and clock() > deadline:
            raise _too_slow()
    return parts[0] if len(parts) == 1 else b"".join(parts)


async def aread_within(
    chunks: AsyncIterable[bytes],
    *,
    deadline: float | None,
    cap: int | None,
    status_code: int,
    clock: Callable[[], float] = time.monotonic,
) -> bytes:
    """The asyncio twin of :func:`read_within`; the deadline also interrupts a read that stalls."""
    import asyncio

    parts: list[bytes] = []
    size = 0

    async def collect() -> None:
        nonlocal size
        async for chunk in chunks:
            size += len(chunk)
            if cap is not None and size > cap:
                raise BodyTooLarge(cap, status_code)
            parts.append(chunk)

    if deadline is None:
        await collect()
    else:
        try:
            async with asyncio.timeout(max(0.0, deadline - clock())):
                await collect()
        except TimeoutError:
            raise _too_slow() from None
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _loaded(response: httpx.Response, body: bytes, *, incomplete: bool = False) -> httpx.Response:
    """A transport-level response over the raw ``body``, decoded and read at once.

    Read here so that every reader of the answer (a retry classifier, an auth flow looking for an
    expired signature, the facade) finds the body; an undecodable body (``Content-Encoding: gzip``
    over something else) raises ``httpx.DecodingError`` right away.
    """
    extensions = dict(response.extensions)
    extensions[BODY_LOADED] = True
    if incomplete:
        extensions[BODY_INCOMPLETE] = True
    loaded = httpx.Response(
        response.status_code,
        headers=response.headers,
        stream=httpx.ByteStream(body),
        extensions=extensions,
    )
    loaded.read()
    return loaded


def _headers_suffice(request: httpx.Request, response: httpx.Response) -> bool:
    return bool(request.extensions.get(HEADERS_SUFFICE)) and 200 <= response.status_code < 300


class BoundedTransport(httpx.BaseTransport):
    """Reads every answer of ``inner`` in full, within the attempt's deadline and size cap."""

    def __init__(self, inner: httpx.BaseTransport, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.inner = inner
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline, cap = _limits(request)
        response = self.inner.handle_request(request)
        try:
            stream = response.stream
            assert isinstance(stream, Iterable)
            body = read_within(
                stream, deadline=deadline, cap=cap, status_code=response.status_code, clock=self._clock
            )
        except httpx.TransportError:
            if not _headers_suffice(request, response):
                raise
            return _loaded(response, b"", incomplete=True)
        finally:
            response.close()
        return _loaded(response, body)

    def close(self) -> None:
        self.inner.close()


class AsyncBoundedTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of :class:`BoundedTransport`."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.inner = inner
        self._clock = clock

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        deadline, cap = _limits(request)
        response = await self.inner.handle_async_request(request)
        try:
            stream = response.stream
            assert isinstance(stream, AsyncIterable)
            body = await aread_within(
                stream, deadline=deadline, cap=cap, status_code=response.status_code, clock=self._clock
            )
        except httpx.TransportError:
            if not _headers_suffice(request, response):
                raise
            return _loaded(response, b"", incomplete=True)
        finally:
            await response.aclose()
        return _loaded(response, body)

    async def aclose(self) -> None:
        await self.inner.aclose()

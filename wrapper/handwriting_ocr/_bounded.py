"""Reading an answer within the attempt's deadline and the operation's size cap.

httpx's timeouts bound each network read, not a whole answer: a body that trickles in a byte at a
time never trips a read timeout. Here a body is read chunk by chunk against the attempt's absolute
deadline (which the request loop puts on the request, see ``retries.ATTEMPT_DEADLINE_EXTENSION``)
and against the largest body the operation accepts (``retries.MAX_BODY_EXTENSION``): a body that is
too slow ends as ``httpx.ReadTimeout`` (retried like any timeout), one that is too large as
:class:`BodyTooLarge` (final: the pipeline turns it into ``MalformedResponseError``). A
``Content-Length`` above the cap is refused before a byte of the body is read, and a compressed body
is decoded a slice at a time with the cap applied to what it decodes to, so that neither a large
answer nor a small "zip bomb" costs more memory than the cap.

The raw body is read first and decoded after (:func:`decode_within`): an undecodable body
(``Content-Encoding: gzip`` over something else) raises ``httpx.DecodingError`` there, once the
answer is in, and never half-way through a stream somebody else reads.

A request marked "headers suffice" (an Azure submit: its ``Operation-Location`` *is* the result)
keeps a 2xx answer whose body cannot be had (cut off, too slow, too large, undecodable): the
operation exists once the headers are in, and losing it would make the caller start a second one.

Two places use this: :class:`BoundedTransport` (inside the facades' own clients, so that even
bodies an auth flow reads are bounded) and :func:`read_answer` (for a caller's own ``httpx.Client``,
whose response stream the pipeline reads itself).

The wait for the status line and headers is bounded too. asyncio cancels the whole attempt at its
deadline (:class:`AsyncBoundedTransport`). A blocking socket cannot be cancelled, so the facades' own
blocking transport (``_deadline_backend.deadline_transport``) connects through a network backend whose every
read, write and TLS handshake is given at most the time left before the attempt's deadline (which
:class:`BoundedTransport` makes known to it for the attempt): a server that trickles its headers a
byte at a time meets the deadline like one that trickles its body.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import AsyncIterable, Callable, Iterable, Iterator
from typing import Final

import httpx

__all__ = [
    "ANSWERED_AT",
    "ATTEMPT_DEADLINE",
    "BODY_INCOMPLETE",
    "BODY_LOADED",
    "HEADERS_SUFFICE",
    "MAX_BODY",
    "AsyncBoundedTransport",
    "BodyTooLarge",
    "BoundedTransport",
    "aread_answer",
    "aread_within",
    "decode_within",
    "read_answer",
    "read_within",
]

#: Keys shared with the request loop (kept here so this module imports nothing of the loop's).
ATTEMPT_DEADLINE: Final = "handwriting_ocr.attempt_deadline"
MAX_BODY: Final = "handwriting_ocr.max_body"
HEADERS_SUFFICE: Final = "handwriting_ocr.headers_suffice"
#: Set on a response whose body broke off after a 2xx status when the request allowed it.
BODY_INCOMPLETE: Final = "handwriting_ocr.body_incomplete"
#: Set on a response whose body has been read and decoded in full here.
BODY_LOADED: Final = "handwriting_ocr.body_loaded"
#: Set with it: when the answer was in (monotonic), e.g. when an Azure submit was accepted.
ANSWERED_AT: Final = "handwriting_ocr.answered_at"

#: Compressed bytes handed to the decoder at a time: deflate expands at most ~1,000-fold, so one
#: slice decodes to at most ~8 MB before the cap is checked again.
_DECODE_SLICE: Final = 8 * 1024
#: Headers that describe the body as it travelled, not the decoded body handed on.
_WIRE_HEADERS: Final = ("content-encoding", "content-length", "transfer-encoding")
#: An asyncio attempt is cancelled this long after its deadline if nothing else ended it first, so
#: that httpx's own (narrowed) timeouts, which say which phase was slow, normally fire first.
_ASYNC_GRACE: Final = 0.1


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
        float(deadline) if isinstance(deadline, int | float) and not isinstance(deadline, bool) else None,
        int(cap) if isinstance(cap, int) and not isinstance(cap, bool) else None,
    )


def _too_slow() -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the answer did not arrive in full within the attempt's time limit")


def _check_declared_length(response: httpx.Response, cap: int | None) -> None:
    """Refuse at once an answer whose ``Content-Length`` already says it is over the cap."""
    if cap is None:
        return
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise BodyTooLarge(cap, response.status_code)


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


class _Slices(httpx.SyncByteStream):
    def __init__(self, data: bytes) -> None:
        self._data = data

    def __iter__(self) -> Iterator[bytes]:
        view = memoryview(self._data)
        for start in range(0, len(view), _DECODE_SLICE):
            yield bytes(view[start : start + _DECODE_SLICE])


def _is_encoded(headers: httpx.Headers) -> bool:
    encoding: str = headers.get("content-encoding", "")
    return any(part.strip().lower() not in ("", "identity") for part in encoding.split(","))


def decode_within(response: httpx.Response, raw: bytes, cap: int | None) -> bytes:
    """``raw`` decoded as the answer's ``Content-Encoding`` says, the decoded size kept within ``cap``.

    Raises ``httpx.DecodingError`` for a body that is not what its encoding says, and
    :class:`BodyTooLarge` as soon as the decoded size passes ``cap``.
    """
    if not _is_encoded(response.headers):
        return raw
    probe = httpx.Response(response.status_code, headers=response.headers, stream=_Slices(raw))
    return read_within(probe.iter_bytes(), deadline=None, cap=cap, status_code=response.status_code)


def loaded(response: httpx.Response, body: bytes, *, incomplete: bool = False) -> httpx.Response:
    """A response holding the decoded ``body``, with the original's status, headers and extensions.

    The headers that describe the body on the wire (encoding, length) are dropped: the body handed
    on is already decoded, and every reader of the answer (a retry classifier, an auth flow looking
    for an expired signature, the facade) finds it read.
    """
    headers = response.headers
    if not incomplete and not _is_encoded(headers):
        # The body is the one on the wire (nearly every answer): the response itself is marked read
        # with it. ``_content`` is where httpx keeps a read body (what ``read()`` fills, and what
        # ``content``, ``read()`` and ``iter_bytes()`` then serve); building a second Response
        # instead costs more than a tenth of the SDK's own time per call.
        extensions = (
            response.extensions if isinstance(response.extensions, dict) else dict(response.extensions)
        )
        extensions[BODY_LOADED] = True
        extensions[ANSWERED_AT] = time.monotonic()
        response.extensions = extensions
        response._content = body
        return response
    if incomplete or _is_encoded(headers):
        # The body handed on differs from the one on the wire: drop what described that one.
        headers = httpx.Headers(headers)
        for name in _WIRE_HEADERS:
            headers.pop(name, None)
    extensions = dict(response.extensions)
    extensions[BODY_LOADED] = True
    extensions[ANSWERED_AT] = time.monotonic()
    if incomplete:
        extensions[BODY_INCOMPLETE] = True
    result = httpx.Response(response.status_code, headers=headers, content=body, extensions=extensions)
    with contextlib.suppress(RuntimeError):  # a transport-level response has no request yet
        result.request = response.request
    return result


def _headers_suffice(request: httpx.Request, response: httpx.Response) -> bool:
    return bool(request.extensions.get(HEADERS_SUFFICE)) and 200 <= response.status_code < 300


#: What can go wrong while the body of an answer is read and decoded.
BODY_FAILURES: Final = (httpx.TransportError, httpx.DecodingError, BodyTooLarge)


def _already_read(response: httpx.Response, cap: int | None) -> bytes | None:
    """The decoded body of a response that was read before it reached us (a mock's), else None."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if cap is not None and len(content) > cap:
        raise BodyTooLarge(cap, response.status_code)
    return content


def read_answer(
    request: httpx.Request,
    response: httpx.Response,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> httpx.Response:
    """``response`` (streamed, not read yet) read in full within ``request``'s limits, decoded, closed.

    Raises ``httpx.ReadTimeout`` (too slow), :class:`BodyTooLarge` or ``httpx.DecodingError``;
    a transport failure while reading propagates. A "headers suffice" 2xx answer whose body cannot be
    had comes back empty, marked incomplete (:data:`BODY_INCOMPLETE`).
    """
    deadline, cap = _limits(request)
    try:
        body = _already_read(response, cap)
        if body is None:
            _check_declared_length(response, cap)
            raw = read_within(
                response.iter_raw(), deadline=deadline, cap=cap, status_code=response.status_code, clock=clock
            )
            body = decode_within(response, raw, cap)
    except BODY_FAILURES:
        if not _headers_suffice(request, response):
            raise
        return loaded(response, b"", incomplete=True)
    finally:
        response.close()
    return loaded(response, body)


async def aread_answer(
    request: httpx.Request,
    response: httpx.Response,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> httpx.Response:
    """The asyncio twin of :func:`read_answer`."""
    deadline, cap = _limits(request)
    try:
        body = _already_read(response, cap)
        if body is None:
            _check_declared_length(response, cap)
            raw = await aread_within(
                response.aiter_raw(),
                deadline=deadline,
                cap=cap,
                status_code=response.status_code,
                clock=clock,
            )
            body = decode_within(response, raw, cap)
    except BODY_FAILURES:
        if not _headers_suffice(request, response):
            raise
        return loaded(response, b"", incomplete=True)
    finally:
        await response.aclose()
    return loaded(response, body)


#: The current attempt's deadline (monotonic), for the network backend of
#: :func:`handwriting_ocr._deadline_backend.deadline_transport` (which needs httpcore: it lives in a
#: module of its own, so that importing a facade does not import httpcore).
ATTEMPT_DEADLINE_VAR: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "handwriting_ocr_attempt_deadline", default=None
)


class BoundedTransport(httpx.BaseTransport):
    """Reads every answer of ``inner`` in full (decoded), within the attempt's deadline and size cap."""

    def __init__(self, inner: httpx.BaseTransport, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.inner = inner
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline, _cap = _limits(request)
        # Known to the network backend of a deadline_transport() for the attempt, headers included.
        token = ATTEMPT_DEADLINE_VAR.set(deadline if self._clock is time.monotonic else None)
        try:
            response = self.inner.handle_request(request)
            return read_answer(request, response, clock=self._clock)
        finally:
            ATTEMPT_DEADLINE_VAR.reset(token)

    def close(self) -> None:
        self.inner.close()


class AsyncBoundedTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of :class:`BoundedTransport`; here the deadline also bounds the wait for the
    status line and headers (a server that trickles its headers in), not only the body."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.inner = inner
        self._clock = clock

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import asyncio

        deadline, _cap = _limits(request)
        if deadline is None:
            response = await self.inner.handle_async_request(request)
        else:
            try:
                async with asyncio.timeout(max(0.0, deadline - self._clock()) + _ASYNC_GRACE):
                    response = await self.inner.handle_async_request(request)
            except TimeoutError:
                raise _too_slow() from None
        return await aread_answer(request, response, clock=self._clock)

    async def aclose(self) -> None:
        await self.inner.aclose()

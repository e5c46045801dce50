"""Auth flows that fetch a credential over the network, one fetch at a time.

An :class:`httpx.Auth` flow is a generator that yields requests and receives responses, so one body
of code drives both :class:`httpx.Client` and :class:`httpx.AsyncClient`. A credential fetch (an IAM
token request) is just another yielded request. To keep a burst of concurrent requests from fetching
the same credential many times, the core flow also yields two markers around its fetch; the sync
driver turns them into a ``threading.Lock`` and the async driver into an ``asyncio.Lock`` (one per
event loop, because an ``asyncio.Lock`` must not be shared across loops). The core flow re-checks
its cache after entering, so requests that waited reuse the credential the first one fetched.

asyncio is imported by the async driver only, so sync clients never load it.
"""

from __future__ import annotations

import enum
import threading
import weakref
from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING

import httpx

from handwriting_ocr._body import aensure_replayable, ensure_replayable

if TYPE_CHECKING:
    import asyncio


class FetchGate(enum.Enum):
    """Markers a core flow yields around a credential fetch."""

    ENTER = "enter"
    EXIT = "exit"


#: What a core flow yields: a request to send, or a gate marker (answered with None).
CoreFlow = Generator[httpx.Request | FetchGate, httpx.Response | None, None]


def send(
    request: httpx.Request,
) -> Generator[httpx.Request | FetchGate, httpx.Response | None, httpx.Response]:
    """Yield ``request`` from a core flow and return its response (``yield from send(...)``)."""
    reply = yield request
    if reply is None:  # only gate markers are answered with None; a driver bug otherwise
        raise RuntimeError("auth flow driver answered a request without a response")
    return reply


def _advance(flow: CoreFlow, reply: httpx.Response | None) -> httpx.Request | FetchGate | None:
    """The core flow's next step after ``reply`` (the last request's response, or None); None once it ends."""
    try:
        return flow.send(reply)
    except StopIteration:
        return None


class _LoopLocks:
    """One ``asyncio.Lock`` per running event loop, created on first use."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def current(self) -> asyncio.Lock:
        import asyncio

        loop = asyncio.get_running_loop()
        with self._guard:
            lock = self._locks.get(loop)
            if lock is None:
                lock = self._locks[loop] = asyncio.Lock()
            return lock


class SingleFlightAuth(httpx.Auth):
    """Base class: subclasses write :meth:`core_flow`; the drivers here supply the locking."""

    def __init__(self) -> None:
        self._thread_lock = threading.Lock()
        self._loop_locks = _LoopLocks()

    def core_flow(self, request: httpx.Request) -> CoreFlow:
        raise NotImplementedError

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # For callers that drive ``auth_flow`` by hand: no locking, otherwise the same flow.
        flow = self.core_flow(request)
        reply: httpx.Response | None = None
        while (step := _advance(flow, reply)) is not None:
            reply = (yield step) if isinstance(step, httpx.Request) else None

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.requires_request_body:
            # Replayable (the flow may send the request twice) without joining a lean body.
            ensure_replayable(request)
        flow = self.core_flow(request)
        held = False
        reply: httpx.Response | None = None
        try:
            while (step := _advance(flow, reply)) is not None:
                reply = None
                if step is FetchGate.ENTER:
                    self._thread_lock.acquire()
                    held = True
                elif step is FetchGate.EXIT:
                    held = False
                    self._thread_lock.release()
                else:
                    reply = yield step
                    if self.requires_response_body:
                        reply.read()
        finally:
            if held:
                self._thread_lock.release()
            flow.close()

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self.requires_request_body:
            await aensure_replayable(request)
        flow = self.core_flow(request)
        lock: asyncio.Lock | None = None
        reply: httpx.Response | None = None
        try:
            while (step := _advance(flow, reply)) is not None:
                reply = None
                if step is FetchGate.ENTER:
                    lock = self._loop_locks.current()
                    await lock.acquire()
                elif step is FetchGate.EXIT:
                    if lock is not None:
                        lock.release()
                        lock = None
                else:
                    reply = yield step
                    if self.requires_response_body:
                        await reply.aread()
        finally:
            if lock is not None:
                lock.release()
            flow.close()

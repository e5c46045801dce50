"""The asyncio poller: the same core and rules as :mod:`handwriting_ocr.polling.sync`, awaited."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from handwriting_ocr.errors import OcrError
from handwriting_ocr.polling._base import (
    AsyncSender,
    Clock,
    PollerBase,
    async_client_sender,
    core_from_submit,
    core_from_token,
)
from handwriting_ocr.polling.core import ParseResult, PollingCore, SendPoll, Sleep
from handwriting_ocr.polling.learning import PollLearner

__all__ = ["AsyncLROPoller", "async_poller_from_submit"]

T = TypeVar("T")
U = TypeVar("U")

AsyncSleep = Callable[[float], Awaitable[None]]


class AsyncLROPoller(PollerBase[T]):
    """The async twin of :class:`~handwriting_ocr.polling.sync.LROPoller`: ``await result()`` and
    ``await wait()``; ``status()``, ``done()`` and ``continuation_token()`` stay plain methods."""

    _client: httpx.AsyncClient

    def __init__(
        self,
        core: PollingCore[T],
        *,
        client: httpx.AsyncClient,
        kind: str,
        send: AsyncSender | None = None,
        sleep: AsyncSleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> None:
        super().__init__(core, kind=kind, clock=clock, wall_clock=wall_clock)
        self._client = client
        self._send = (
            send
            if send is not None
            else async_client_sender(client, sleep=sleep, clock=clock, wall_clock=wall_clock)
        )
        self._sleep = sleep
        # Two tasks awaiting result() on one poller take turns instead of interleaving polls.
        self._lock = asyncio.Lock()

    @classmethod
    def from_continuation_token(
        cls,
        continuation_token: str,
        *,
        client: httpx.AsyncClient,
        parse: ParseResult[U],
        kind: str | None = None,
        polling_interval: float | None = None,
        send: AsyncSender | None = None,
        endpoint: str | None = None,
        sleep: AsyncSleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> AsyncLROPoller[U]:
        """Resume from a continuation token (also one a sync poller wrote); see the sync twin."""
        core, token_kind = core_from_token(
            continuation_token,
            client_base_url=endpoint if endpoint is not None else client.base_url,
            kind=kind,
            parse=parse,
            polling_interval=polling_interval,
            clock=clock,
        )
        return AsyncLROPoller(
            core, client=client, kind=token_kind, send=send, sleep=sleep, clock=clock, wall_clock=wall_clock
        )

    async def result(self, timeout: float | None = None) -> T:
        """Wait for the operation and return its parsed result; errors as in the sync twin."""
        return self._result_after(await self._run(timeout), timeout)

    async def wait(self, timeout: float | None = None) -> None:
        """Wait until the operation finishes or ``timeout`` passes; raises final errors, not the timeout."""
        self._wait_ended(await self._run(timeout))

    async def _run(self, timeout: float | None) -> bool:
        async with self._lock:
            deadline = self._deadline(timeout)
            while not isinstance(step := self._next_step(deadline), bool):
                if isinstance(step, Sleep):
                    await self._sleep(step.seconds)
                else:
                    await self._poll(step)
            return step

    async def _poll(self, action: SendPoll) -> None:
        request = self._poll_request(action)
        if request is None:
            return
        try:
            response = await self._send(request)
        except OcrError as error:
            self._failed(error)
            return
        self._answered(response)


def async_poller_from_submit(
    response: httpx.Response,
    *,
    client: httpx.AsyncClient,
    parse: ParseResult[T],
    kind: str,
    polling_interval: float | None = None,
    send: AsyncSender | None = None,
    learner: PollLearner | None = None,
    sleep: AsyncSleep = asyncio.sleep,
    clock: Clock = time.monotonic,
    wall_clock: Clock = time.time,
) -> AsyncLROPoller[T]:
    """The async twin of :func:`~handwriting_ocr.polling.sync.poller_from_submit` (sends nothing itself)."""
    core = core_from_submit(
        response,
        fallback_base_url=client.base_url,
        parse=parse,
        polling_interval=polling_interval,
        clock=clock,
        wall_clock=wall_clock,
        kind=kind,
        learner=learner,
    )
    return AsyncLROPoller(
        core, client=client, kind=kind, send=send, sleep=sleep, clock=clock, wall_clock=wall_clock
    )

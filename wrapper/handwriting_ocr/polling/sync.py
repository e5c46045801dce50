"""The blocking poller: a thin loop around :class:`~handwriting_ocr.polling.core.PollingCore`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

import httpx

from handwriting_ocr.errors import OcrError
from handwriting_ocr.polling._base import (
    Clock,
    PollerBase,
    SyncSender,
    client_sender,
    core_from_submit,
    core_from_token,
)
from handwriting_ocr.polling.core import ParseResult, PollingCore, SendPoll, Sleep
from handwriting_ocr.polling.learning import PollLearner

__all__ = ["LROPoller", "poller_from_submit"]

T = TypeVar("T")
U = TypeVar("U")


class LROPoller(PollerBase[T]):
    """Waits for one Azure asynchronous operation (Read, RecognizeText) and returns its result.

    Create it with :func:`poller_from_submit` (what ``begin_*`` methods do) or
    :meth:`from_continuation_token`. When to poll: see :mod:`handwriting_ocr.polling.core`.
    """

    _client: httpx.Client

    def __init__(
        self,
        core: PollingCore[T],
        *,
        client: httpx.Client,
        kind: str,
        send: SyncSender | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> None:
        super().__init__(core, kind=kind, clock=clock, wall_clock=wall_clock)
        self._client = client
        self._send = (
            send
            if send is not None
            else client_sender(client, sleep=sleep, clock=clock, wall_clock=wall_clock)
        )
        self._sleep = sleep
        # Two threads calling result() on one poller take turns instead of interleaving polls.
        self._lock = threading.Lock()

    @classmethod
    def from_continuation_token(
        cls,
        continuation_token: str,
        *,
        client: httpx.Client,
        parse: ParseResult[U],
        kind: str | None = None,
        polling_interval: float | None = None,
        send: SyncSender | None = None,
        endpoint: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> LROPoller[U]:
        """Resume a poller from :meth:`continuation_token`, e.g. in another process.

        ``client`` must carry the credentials (its auth); if it has a ``base_url`` (or ``endpoint``
        is given), that must be the token's endpoint. ``kind``, if given, must match the token's. A
        bad token raises :class:`~handwriting_ocr.errors.InvalidInputError` before any request.
        """
        core, token_kind = core_from_token(
            continuation_token,
            client_base_url=endpoint if endpoint is not None else client.base_url,
            kind=kind,
            parse=parse,
            polling_interval=polling_interval,
            clock=clock,
        )
        return LROPoller(
            core, client=client, kind=token_kind, send=send, sleep=sleep, clock=clock, wall_clock=wall_clock
        )

    def result(self, timeout: float | None = None) -> T:
        """Wait for the operation and return its parsed result.

        Raises OperationFailedError (status Failed), NotFoundError (unknown or expired operation),
        MalformedResponseError, other API errors, ConnectionFailedError (the service stayed
        unreachable), RateLimitError (throttled beyond what the retry policy waits), or
        OcrTimeoutError when ``timeout`` seconds pass first. Every one of them carries
        ``continuation_token`` and ``operation_id``; a later call continues polling where this one
        stopped (unless the operation itself ended).
        """
        return self._result_after(self._run(timeout), timeout)

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the operation finishes or ``timeout`` seconds pass (then return quietly).

        Raises the error that ended polling, like ``result()``, except for the timeout.
        """
        self._wait_ended(self._run(timeout))

    def _run(self, timeout: float | None) -> bool:
        """Drive the core until it finishes (True) or the deadline passes (False)."""
        with self._lock:
            deadline = self._deadline(timeout)
            while not isinstance(step := self._next_step(deadline), bool):
                if isinstance(step, Sleep):
                    self._sleep(step.seconds)
                else:
                    self._poll(step)
            return step

    def _poll(self, action: SendPoll) -> None:
        request = self._poll_request(action)
        if request is None:
            return
        try:
            response = self._send(request)
        except OcrError as error:
            self._failed(error)
            return
        self._answered(response)


def poller_from_submit(
    response: httpx.Response,
    *,
    client: httpx.Client,
    parse: ParseResult[T],
    kind: str,
    polling_interval: float | None = None,
    send: SyncSender | None = None,
    learner: PollLearner | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Clock = time.monotonic,
    wall_clock: Clock = time.time,
) -> LROPoller[T]:
    """A poller for the operation a submit answer started (202 with ``Operation-Location``).

    An error answer raises its mapped error; a missing header, one that is not an absolute URL, or
    one on another origin than the submit request's, raises MalformedResponseError and nothing is
    sent. ``parse`` turns the ``Succeeded`` body into the result (e.g.
    ``ReadOperationResult.from_dict``); ``kind`` names the operation in continuation tokens (and in
    ``learner``, which plans the polls from the durations of earlier operations of that kind).
    ``send`` sends a poll (default: ``client.send`` without redirects).
    """
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
    return LROPoller(
        core, client=client, kind=kind, send=send, sleep=sleep, clock=clock, wall_clock=wall_clock
    )

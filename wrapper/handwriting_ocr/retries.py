"""Bounded retries with jittered exponential backoff, honouring ``Retry-After``, inside one deadline.

The seam is an httpx transport: :class:`RetryTransport` and :class:`AsyncRetryTransport` wrap any
inner transport, so the facades, the generated clients and users' own ``httpx.Client`` get the same
behaviour. Both share one :class:`RetryPolicy`, whose decisions are pure functions of the attempt
number, the outcome (a response or a transport exception), the elapsed time and a random number.

Library choice: the loop is driven by **tenacity** (``Retrying`` / ``AsyncRetrying``). It is well
kept, typed, already a dependency, supports sync and async with the same strategy objects, and takes
an injectable ``sleep`` (so tests never wait). Its stop/wait strategies are not used as such: the
rules below (idempotency modes, "give up rather than sleep past the deadline", Retry-After) are our
policy's, and tenacity is handed one decision per attempt. httpx-retries was not installed and is
young; stamina is a thin opinionated layer over tenacity without per-call hooks for responses.

Which requests may be repeated is said per request, in ``request.extensions["handwriting_ocr.retry"]``:

``"safe"`` (the default: GETs and synchronous recognize POSTs)
    Repeating costs at most another billed call, with no lasting side effect: retried on 408, 429,
    500, 502, 503, 504 and on any connection or timeout error.
``"submit"`` (a POST that starts an Azure long-running operation)
    The server may have accepted it, and repeating it would start a second operation. Retried only
    when it is certain the request was not accepted: 429, 503 *with* a ``Retry-After`` (the server
    explicitly asks to come back; a guess at its meaning, as no provider documents 503 here), a
    response the classify hook marks :attr:`RetryDecision.REJECTED`, and connect-phase failures
    (``ConnectError``, ``ConnectTimeout``, ``PoolTimeout``: nothing was sent). Never after a read
    timeout, a dropped connection or another 5xx.
``"never"``
    Sent once and left alone: transport exceptions pass through as httpx raised them, since the
    sender (the poller) waits, retries and maps failures itself.

For "safe" and "submit" requests, exhausting the attempts or the deadline returns the last response
(the facade maps it to an error, e.g. a :class:`~handwriting_ocr.errors.RateLimitError` with
``retry_after``) or raises :class:`~handwriting_ocr.errors.OcrTimeoutError` for a timeout and
:class:`~handwriting_ocr.errors.ConnectionFailedError` for any other transport failure. A wait is
never started if it would end after the deadline: a ``Retry-After`` longer than the remaining budget
returns the throttled response at once.
"""

from __future__ import annotations

import enum
import logging
import random as _random
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final, Literal, cast

import attrs
import httpx

from handwriting_ocr._retry_after import retry_after_from_headers
from handwriting_ocr.error_mapping import clean_text, json_object_or_none
from handwriting_ocr.errors import ConnectionFailedError, InvalidInputError, OcrTimeoutError, Provider

if TYPE_CHECKING:
    # tenacity is imported by the first request that goes through a retry transport, so making a
    # client stays cheap.
    import tenacity

__all__ = [
    "BUDGET_EXTENSION",
    "RETRY_EXTENSION",
    "AsyncRetryTransport",
    "RetryDecision",
    "RetryMode",
    "RetryPolicy",
    "RetryTransport",
    "classify_huawei",
    "classify_tencent",
    "retry_mode",
]

logger = logging.getLogger("handwriting_ocr.retries")

RetryMode = Literal["safe", "submit", "never"]
#: ``request.extensions`` key saying how a request may be repeated (see the module docstring).
RETRY_EXTENSION: Final = "handwriting_ocr.retry"
#: ``request.extensions`` key overriding the policy's deadline for one request, in seconds.
BUDGET_EXTENSION: Final = "handwriting_ocr.retry_budget"
_MODES: Final = frozenset({"safe", "submit", "never"})


class RetryDecision(enum.Enum):
    """What an outcome says about repeating the request."""

    #: The server refused without acting on the request (throttled, never sent): any mode may retry.
    REJECTED = "rejected"
    #: A failure that may have happened after the server acted: only "safe" requests are retried.
    TRANSIENT = "transient"
    #: Success, or an error that repeating will not cure.
    FINAL = "final"


ResponseClassifier = Callable[[httpx.Response], "RetryDecision | None"]

# Transport failures that happen before a byte of the request left: repeating cannot duplicate it.
_NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Failures during or after sending: the server may have received and acted on the request.
_MAYBE_SENT: Final = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
)


def _positive(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value > 0:
        raise InvalidInputError(f"RetryPolicy.{attribute.name} must be positive, got {value!r}")


@attrs.frozen
class RetryPolicy:
    """How often and how long to retry. Immutable; share one between sync and async transports.

    ``max_attempts`` counts the first try (3 = one try and two retries). ``deadline`` bounds the
    whole call, waits included, in seconds (None: only ``max_attempts`` bounds it). Backoff before
    retry *n* (1-based) is ``min(max_backoff, base_backoff * 2 ** (n - 1))``, shortened by up to the
    ``jitter`` fraction at random so that many clients do not retry in lockstep; a ``Retry-After``
    from the server replaces it. ``classify`` lets a facade judge responses the status cannot
    (Tencent's HTTP-200 code 15); it returns None to fall back to the status rules. When it is set,
    response bodies are read before classifying.
    """

    max_attempts: int = 3
    deadline: float | None = 60.0
    base_backoff: float = attrs.field(default=0.5, validator=_positive)
    max_backoff: float = attrs.field(default=8.0, validator=_positive)
    jitter: float = 0.25
    retry_statuses: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})
    classify: ResponseClassifier | None = None

    def __attrs_post_init__(self) -> None:
        if self.max_attempts < 1:
            raise InvalidInputError(f"RetryPolicy.max_attempts must be at least 1, got {self.max_attempts}")
        if self.deadline is not None and not self.deadline > 0:
            raise InvalidInputError(f"RetryPolicy.deadline must be positive or None, got {self.deadline!r}")
        if not 0.0 <= self.jitter <= 1.0:
            raise InvalidInputError(f"RetryPolicy.jitter must be within [0, 1], got {self.jitter!r}")

    # --- pure decisions ----------------------------------------------------------------------------

    def classify_response(self, response: httpx.Response) -> RetryDecision:
        """The decision for a response: the hook's if it has one, else the status rules."""
        if self.classify is not None:
            decision = self.classify(response)
            if decision is not None:
                return decision
        status = response.status_code
        if status == 429:
            return RetryDecision.REJECTED
        if status == 503 and "retry-after" in response.headers:
            return RetryDecision.REJECTED
        if status in self.retry_statuses:
            return RetryDecision.TRANSIENT
        return RetryDecision.FINAL

    @staticmethod
    def classify_exception(exc: BaseException) -> RetryDecision:
        if isinstance(exc, _NOT_SENT):
            return RetryDecision.REJECTED
        if isinstance(exc, _MAYBE_SENT):
            return RetryDecision.TRANSIENT
        return RetryDecision.FINAL

    def backoff(self, retry_number: int, uniform: float) -> float:
        """Seconds before retry ``retry_number`` (1-based); ``uniform`` is a random number in [0, 1)."""
        exponential = min(self.max_backoff, self.base_backoff * 2.0 ** min(retry_number - 1, 62))
        return exponential * (1.0 - self.jitter * uniform)

    def next_delay(
        self,
        *,
        mode: RetryMode,
        attempts_made: int,
        decision: RetryDecision,
        retry_after: float | None,
        elapsed: float,
        uniform: float,
        budget: float | None,
    ) -> float | None:
        """Seconds to wait before the next attempt, or None to stop and return this outcome."""
        if decision is RetryDecision.FINAL or mode == "never":
            return None
        if mode == "submit" and decision is not RetryDecision.REJECTED:
            return None
        if attempts_made >= self.max_attempts:
            return None
        delay = retry_after if retry_after is not None else self.backoff(attempts_made, uniform)
        if budget is not None and elapsed + delay >= budget:
            # Sleeping would end at or past the deadline, leaving no time for the attempt itself.
            return None
        return delay


def retry_mode(request: httpx.Request) -> RetryMode:
    """The request's retry mode from its extensions; "safe" when unset."""
    value: object = request.extensions.get(RETRY_EXTENSION, "safe")
    if isinstance(value, str) and value in _MODES:
        return cast(RetryMode, value)
    raise InvalidInputError(
        f"request extension {RETRY_EXTENSION!r} must be one of {sorted(_MODES)}, got {value!r}"
    )


def _budget(request: httpx.Request, policy: RetryPolicy) -> float | None:
    value = request.extensions.get(BUDGET_EXTENSION)
    if value is None:
        return policy.deadline
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise InvalidInputError(f"request extension {BUDGET_EXTENSION!r} must be a positive number")
    return float(value)


# --- ready-made classifiers for body-level throttling ---------------------------------------------


#: Tencent body codes: 15 is throttling (nothing was done); 107/108/213 are internal failures.
TENCENT_REJECTED_CODES: Final = frozenset({15})
TENCENT_TRANSIENT_CODES: Final = frozenset({107, 108, 213})
#: Huawei throttling codes; they may arrive with a status other than 429.
HUAWEI_REJECTED_CODES: Final = frozenset({"APIG.0308", "ModelArts.4401"})


def classify_tencent(response: httpx.Response) -> RetryDecision | None:
    """Tencent answers HTTP 200 with ``{"code": 15}`` when throttled: retryable like a 429."""
    if response.status_code != 200:
        return None
    document = json_object_or_none(response)
    code = document.get("code") if document is not None else None
    if isinstance(code, int) and not isinstance(code, bool):
        if code in TENCENT_REJECTED_CODES:
            return RetryDecision.REJECTED
        if code in TENCENT_TRANSIENT_CODES:
            return RetryDecision.TRANSIENT
    return None


def classify_huawei(response: httpx.Response) -> RetryDecision | None:
    """Huawei's ``APIG.0308`` and ``ModelArts.4401`` are throttling whatever the HTTP status."""
    if response.status_code < 400:
        return None
    document = json_object_or_none(response)
    code = document.get("error_code") if document is not None else None
    if isinstance(code, str) and code in HUAWEI_REJECTED_CODES:
        return RetryDecision.REJECTED
    return None


# --- the shared per-call state ----------------------------------------------------------------------

#: One attempt's outcome: the response, or the transport exception it raised.
_Outcome = httpx.Response | httpx.TransportError


class _Call:
    """One request's way through the policy, shared by the sync and async transports.

    The first attempt is sent directly and judged by :meth:`decide`: most calls succeed (or fail for
    good) at once and never build a tenacity loop. Only when the first outcome is to be retried does
    the transport hand the call to tenacity, whose first "attempt" replays that outcome (see
    :meth:`replay`), so tenacity drives every wait and every later attempt.

    tenacity asks ``should_retry`` after every attempt, then ``wait`` (and its own stop, which is
    never). The decision is made once per outcome and the delay remembered for ``wait``, so jitter is
    drawn once and the order tenacity calls them in does not matter.
    """

    def __init__(
        self,
        policy: RetryPolicy,
        request: httpx.Request,
        *,
        clock: Callable[[], float],
        uniform: Callable[[], float],
    ) -> None:
        self.policy = policy
        self.request = request
        self.mode = retry_mode(request)
        self.budget = _budget(request, policy)
        self.clock = clock
        self.uniform = uniform
        self.started = clock()
        self.attempts = 0
        self.delay = 0.0
        #: A response that will be retried: closed before the next attempt (sync or async).
        self.discarded: httpx.Response | None = None
        #: The first outcome, already judged retryable, until tenacity's first attempt replays it.
        self._first: _Outcome | None = None

    def decide(self, outcome: _Outcome) -> bool:
        """Whether to retry after ``outcome``; if so, remembers the delay and the response to close."""
        response: httpx.Response | None = None
        if isinstance(outcome, httpx.Response):
            response = outcome
            decision = self.policy.classify_response(outcome)
        else:
            decision = self.policy.classify_exception(outcome)
        if decision is RetryDecision.FINAL:
            # The common case (a success): no Retry-After parsing, clock reading or random draw.
            return False
        delay = self.policy.next_delay(
            mode=self.mode,
            attempts_made=self.attempts,
            decision=decision,
            retry_after=retry_after_from_headers(response.headers) if response is not None else None,
            elapsed=self.clock() - self.started,
            uniform=self.uniform(),
            budget=self.budget,
        )
        if delay is None:
            return False
        self.delay = delay
        self.discarded = response
        logger.info(
            "retrying %s %s%s in %.2fs (attempt %d of %d failed: %s)",
            self.request.method,
            self.request.url.host,
            self.request.url.path,
            delay,
            self.attempts,
            self.policy.max_attempts,
            response.status_code if response is not None else type(outcome).__name__,
        )
        return True

    def hand_over(self, first: _Outcome) -> None:
        """Give tenacity the first outcome (already judged retryable) to replay as its first attempt."""
        self._first = first

    def replay(self) -> httpx.Response | None:
        """The pending first outcome (raised if it is an exception), or None once it has been replayed."""
        first, self._first = self._first, None
        if isinstance(first, httpx.TransportError):
            raise first
        return first

    def should_retry(self, state: tenacity.RetryCallState) -> bool:
        outcome = state.outcome
        if outcome is None:  # pragma: no cover - tenacity always sets it before asking
            return False
        if state.attempt_number == 1:
            # The replayed first outcome: decide() already said yes and set the delay.
            return True
        if not outcome.failed:
            return self.decide(outcome.result())
        exc = outcome.exception()
        # Only transport errors can be retried; anything else propagates as raised.
        return isinstance(exc, httpx.TransportError) and self.decide(exc)

    def wait(self, _state: tenacity.RetryCallState) -> float:
        return self.delay

    def transport_error(self, exc: httpx.TransportError, provider: Provider | None) -> Exception:
        where = f"{self.request.url.host}{self.request.url.path}"
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        detail = clean_text(str(exc), 160) or type(exc).__name__
        if isinstance(exc, httpx.TimeoutException):
            return OcrTimeoutError(f"timed out calling {where} after {tries}: {detail}", provider=provider)
        return ConnectionFailedError(f"could not reach {where} after {tries}: {detail}", provider=provider)


# --- transports -------------------------------------------------------------------------------------


class RetryTransport(httpx.BaseTransport):
    """A sync transport that retries ``inner`` according to a :class:`RetryPolicy`."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        provider: Provider | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        uniform: Callable[[], float] = _random.random,
    ) -> None:
        self.inner = inner if inner is not None else httpx.HTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()
        self.provider = provider
        self._sleep = sleep
        self._clock = clock
        self._uniform = uniform

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request, clock=self._clock, uniform=self._uniform)
        if call.mode == "never":
            return self.inner.handle_request(request)
        # The first attempt goes out directly; tenacity only runs if its outcome is to be retried.
        first: _Outcome
        try:
            first = self._attempt(call, request)
        except httpx.TransportError as exc:
            first = exc
        if call.decide(first):
            call.hand_over(first)
            try:
                return self._retry(call, request)
            except httpx.TransportError as exc:
                raise call.transport_error(exc, self.provider) from exc
        if isinstance(first, httpx.TransportError):
            raise call.transport_error(first, self.provider) from first
        return first

    def _attempt(self, call: _Call, request: httpx.Request) -> httpx.Response:
        if call.discarded is not None:
            call.discarded.close()
            call.discarded = None
        call.attempts += 1
        response = self.inner.handle_request(request)
        if self.policy.classify is not None:
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        return response

    def _retry(self, call: _Call, request: httpx.Request) -> httpx.Response:
        """Attempts after the first, driven by tenacity (which replays the first outcome first)."""
        import tenacity

        def attempt() -> httpx.Response:
            replayed = call.replay()
            return replayed if replayed is not None else self._attempt(call, request)

        retrying = tenacity.Retrying(
            sleep=self._sleep, retry=call.should_retry, wait=call.wait, stop=tenacity.stop_never, reraise=True
        )
        return retrying(attempt)

    def close(self) -> None:
        self.inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The async twin of :class:`RetryTransport`, with the same policy and rules."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        provider: Provider | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        uniform: Callable[[], float] = _random.random,
    ) -> None:
        self.inner = inner if inner is not None else httpx.AsyncHTTPTransport()
        self.policy = policy if policy is not None else RetryPolicy()
        self.provider = provider
        # None: tenacity's own sleep, which picks asyncio's or trio's for the running event loop.
        self._sleep = sleep
        self._clock = clock
        self._uniform = uniform

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        call = _Call(self.policy, request, clock=self._clock, uniform=self._uniform)
        if call.mode == "never":
            return await self.inner.handle_async_request(request)
        first: _Outcome
        try:
            first = await self._attempt(call, request)
        except httpx.TransportError as exc:
            first = exc
        if call.decide(first):
            call.hand_over(first)
            try:
                return await self._retry(call, request)
            except httpx.TransportError as exc:
                raise call.transport_error(exc, self.provider) from exc
        if isinstance(first, httpx.TransportError):
            raise call.transport_error(first, self.provider) from first
        return first

    async def _attempt(self, call: _Call, request: httpx.Request) -> httpx.Response:
        if call.discarded is not None:
            await call.discarded.aclose()
            call.discarded = None
        call.attempts += 1
        response = await self.inner.handle_async_request(request)
        if self.policy.classify is not None:
            try:
                await response.aread()
            except BaseException:
                await response.aclose()
                raise
        return response

    async def _retry(self, call: _Call, request: httpx.Request) -> httpx.Response:
        import tenacity

        async def attempt() -> httpx.Response:
            replayed = call.replay()
            return replayed if replayed is not None else await self._attempt(call, request)

        if self._sleep is None:
            retrying = tenacity.AsyncRetrying(
                retry=call.should_retry, wait=call.wait, stop=tenacity.stop_never, reraise=True
            )
        else:
            retrying = tenacity.AsyncRetrying(
                sleep=self._sleep,
                retry=call.should_retry,
                wait=call.wait,
                stop=tenacity.stop_never,
                reraise=True,
            )
        return await retrying(attempt)

    async def aclose(self) -> None:
        await self.inner.aclose()

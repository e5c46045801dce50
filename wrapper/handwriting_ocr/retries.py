"""The request path: pacing, bounded retries with jittered backoff, ``Retry-After``, one deadline.

Every request a facade sends (submits, polls, the generated clients' calls) takes the same way:

1. a :class:`~handwriting_ocr.pacing.Permit` from the facade's limiter (paced to the provider's quota);
2. one *attempt*, bounded as a whole: connecting, sending and reading the complete answer must end
   within the attempt's time limit and the call's deadline, even when the body trickles in, and the
   answer may not exceed the operation's size cap (:data:`MAX_BODY_EXTENSION`);
3. a decision by :class:`RetryPolicy` (pure: attempt number, outcome, elapsed time, a random number):
   return the answer, raise a typed error, or try again after a delay.

Throttling (429, Huawei APIG.0308/ModelArts.4401, Tencent 15, a 503 with ``Retry-After``) is
reported to the limiter, which slows the whole client down (a ``Retry-After`` pauses all of its
requests), and the throttled request queues again: throttled requests are retried as long as the
call's deadline allows, not only ``max_attempts`` times. A ``Retry-After`` longer than
:attr:`RetryPolicy.max_retry_after` (or than what is left of the deadline) is not waited for: the
throttled answer is returned at once (the facade raises ``RateLimitError`` with ``retry_after``).

The loop is a plain ``for`` over attempts (:class:`_Call` decides, the sync and async shells only
send and sleep); :class:`RetryTransport` and :class:`AsyncRetryTransport` put the same loop in front
of any httpx transport, for callers' own clients.

Which requests may be repeated is said per request, in ``request.extensions["handwriting_ocr.retry"]``:

``"safe"`` (the default: GETs, polls and synchronous recognize POSTs)
    Repeating costs at most another billed call, with no lasting side effect: retried on 408, 429,
    500, 502, 503, 504 and on any connection or timeout error.
``"submit"`` (a POST that starts an Azure long-running operation)
    The server may have accepted it, and repeating it would start a second operation. Retried only
    when it is certain the request was not accepted: throttling, a 503 *with* ``Retry-After`` (the
    server explicitly asks to come back; a guess at its meaning, as no provider documents 503 here),
    and connect-phase failures (``ConnectError``, ``ConnectTimeout``, ``PoolTimeout``: nothing was
    sent). Never after a read timeout, a dropped connection or another 5xx.
``"never"``
    Sent once (through the limiter); failures are typed like the others.

Exhausting the attempts or the deadline returns the last answer (the facade maps it to an error) or
raises :class:`~handwriting_ocr.errors.OcrTimeoutError` (timeouts) or
:class:`~handwriting_ocr.errors.ConnectionFailedError` (other transport failures).
"""

from __future__ import annotations

import enum
import logging
import math
import random as _random
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final, Literal, cast

import attrs
import httpx

from handwriting_ocr._bounded import ATTEMPT_DEADLINE, HEADERS_SUFFICE, MAX_BODY
from handwriting_ocr._retry_after import retry_after_from_headers
from handwriting_ocr.error_mapping import clean_text, json_object_or_none
from handwriting_ocr.errors import ConnectionFailedError, InvalidInputError, OcrTimeoutError, Provider

if TYPE_CHECKING:
    from handwriting_ocr.pacing import Limiter, Permit

__all__ = [
    "BUDGET_EXTENSION",
    "HEADERS_SUFFICE_EXTENSION",
    "MAX_BODY_EXTENSION",
    "RETRY_EXTENSION",
    "AsyncRetryTransport",
    "RetryDecision",
    "RetryMode",
    "RetryPolicy",
    "RetryTransport",
    "classify_huawei",
    "classify_tencent",
    "classify_tencent_v3",
    "retry_mode",
    "run_async",
    "run_sync",
]

logger = logging.getLogger("handwriting_ocr.retries")

RetryMode = Literal["safe", "submit", "never"]
#: ``request.extensions`` key saying how a request may be repeated (see the module docstring).
RETRY_EXTENSION: Final = "handwriting_ocr.retry"
#: ``request.extensions`` key overriding the policy's deadline for one request, in seconds.
BUDGET_EXTENSION: Final = "handwriting_ocr.retry_budget"
#: ``request.extensions`` key: the most bytes the answer's (decoded) body may have.
MAX_BODY_EXTENSION: Final = MAX_BODY
#: ``request.extensions`` key: a 2xx answer whose body breaks off is kept as it is (a submit's
#: ``Operation-Location`` header is the result; the body it lost is not needed).
HEADERS_SUFFICE_EXTENSION: Final = HEADERS_SUFFICE
#: Set by the loop for each attempt: the monotonic time by which the attempt must have ended.
ATTEMPT_DEADLINE_EXTENSION: Final = ATTEMPT_DEADLINE
_MODES: Final = frozenset({"safe", "submit", "never"})
#: Throttled retries when the call has no deadline (a deadline normally bounds them).
_MAX_THROTTLED_WITHOUT_DEADLINE: Final = 100


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


def _non_negative(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not value >= 0:
        raise InvalidInputError(f"RetryPolicy.{attribute.name} must be >= 0, got {value!r}")


@attrs.frozen
class RetryPolicy:
    """How often and how long to retry. Immutable; share one between sync and async clients.

    ``max_attempts`` counts the first try (3 = one try and two retries) of failures other than
    throttling; throttled requests are retried while ``deadline`` allows (``throttle_retries``, if
    set, caps them too: 0 returns the first throttled answer). ``deadline`` bounds the
    whole call, waits for the limiter included, in seconds (None: no overall bound). Backoff before
    retry *n* (1-based) is ``min(max_backoff, base_backoff * 2 ** (n - 1))``, shortened by up to the
    ``jitter`` fraction at random so that many clients do not retry in lockstep; a ``Retry-After``
    from the server replaces it, raised to at least ``min_retry_after`` (a ``Retry-After`` of 0, a
    negative one or a date in the past would otherwise make a client retry in a tight loop). A
    ``Retry-After`` above ``max_retry_after`` is not waited for: the throttled answer is returned.
    ``classify`` lets a facade judge responses the status cannot (Tencent's HTTP-200 code 15); it
    returns None to fall back to the status rules.
    """

    max_attempts: int = 3
    deadline: float | None = 60.0
    base_backoff: float = attrs.field(default=0.5, validator=_positive)
    max_backoff: float = attrs.field(default=8.0, validator=_positive)
    jitter: float = 0.25
    min_retry_after: float = attrs.field(default=0.5, validator=_non_negative)
    max_retry_after: float = attrs.field(default=60.0, validator=_positive)
    throttle_retries: int | None = None
    retry_statuses: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})
    classify: ResponseClassifier | None = None

    def __attrs_post_init__(self) -> None:
        if self.max_attempts < 1:
            raise InvalidInputError(f"RetryPolicy.max_attempts must be at least 1, got {self.max_attempts}")
        if self.throttle_retries is not None and self.throttle_retries < 0:
            raise InvalidInputError(f"RetryPolicy.throttle_retries must be >= 0, got {self.throttle_retries}")
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

    def server_wait(self, retry_after: float | None) -> float | None:
        """A server's ``Retry-After`` as the wait this policy applies (floored), or None if absent."""
        if retry_after is None:
            return None
        return max(retry_after, self.min_retry_after)

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
        throttled: bool = False,
        paced: bool = False,
    ) -> float | None:
        """Seconds to wait before the next attempt, or None to stop and return this outcome.

        ``throttled`` says the outcome is the provider's throttling answer and ``attempts_made``
        then counts throttled attempts; ``paced`` says a limiter already holds the next attempt back
        (by the ``Retry-After``, or by the rate it lowered), so no extra wait is added here.
        """
        if decision is RetryDecision.FINAL or mode == "never":
            return None
        if mode == "submit" and decision is not RetryDecision.REJECTED:
            return None
        server = self.server_wait(retry_after)
        if server is not None and server > self.max_retry_after:
            return None  # the server asks for longer than this client waits: give the answer back
        if throttled:
            cap = self.throttle_retries
            if cap is None and budget is None:
                cap = _MAX_THROTTLED_WITHOUT_DEADLINE
            if cap is not None and attempts_made > cap:
                return None
        elif attempts_made >= self.max_attempts:
            return None
        if throttled and paced:
            delay = 0.0
            needed = server or 0.0
        else:
            delay = server if server is not None else self.backoff(attempts_made, uniform)
            needed = delay
        if budget is not None and elapsed + needed >= budget:
            # Waiting would end at or past the deadline, leaving no time for the attempt itself.
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
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidInputError(f"request extension {BUDGET_EXTENSION!r} must be a positive number")
    return float(value)


def attempt_limit(request: httpx.Request) -> float | None:
    """Seconds one attempt may take as a whole: the largest of the request's httpx timeouts."""
    timeouts = request.extensions.get("timeout")
    if not isinstance(timeouts, dict):
        return None
    values = [v for v in timeouts.values() if isinstance(v, int | float) and math.isfinite(v)]
    return max(values) if values else None


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


# --- one request's way through the policy (decisions only) ------------------------------------------

#: One attempt's outcome: the (read) response, or the transport exception it raised.
Outcome = httpx.Response | httpx.TransportError


@attrs.frozen
class _Verdict:
    #: Seconds to wait before the next attempt; None: stop with this outcome.
    delay: float | None
    #: The outcome is the provider throttling the client (reported to the limiter).
    throttled: bool = False
    retry_after: float | None = None


class _Call:
    """One request's way through limiter and policy, shared by the sync and async loops."""

    def __init__(
        self,
        policy: RetryPolicy,
        request: httpx.Request,
        *,
        clock: Callable[[], float],
        uniform: Callable[[], float],
        paced: bool,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.policy = policy
        self.wall_clock = wall_clock
        self.request = request
        self.mode = retry_mode(request)
        self.budget = _budget(request, policy)
        self.limit = attempt_limit(request)
        # The request's own timeouts, before any attempt narrows them to its deadline.
        configured = request.extensions.get("timeout")
        self.timeouts: dict[str, object] | None = dict(configured) if isinstance(configured, dict) else None
        self.clock = clock
        self.uniform = uniform
        self.paced = paced
        self.started = clock()
        self.attempts = 0
        self.throttled_attempts = 0
        self.last: Outcome | None = None

    def remaining(self) -> float | None:
        return None if self.budget is None else max(0.0, self.started + self.budget - self.clock())

    def begin_attempt(self) -> None:
        """Mark the attempt's deadline on the request (read by the bounded transport and reader)."""
        self.attempts += 1
        now = self.clock()
        ends = [now + self.limit] if self.limit is not None else []
        budget_end = None if self.budget is None else self.started + self.budget
        if budget_end is not None:
            ends.append(budget_end)
        deadline = min(ends) if ends else None
        self.request.extensions[ATTEMPT_DEADLINE_EXTENSION] = deadline
        if self.timeouts is None:
            return
        if budget_end is not None and (self.limit is None or budget_end < now + self.limit):
            # No single read or connect may outlast the call's deadline (httpcore reads these per
            # request). Only then: the request's own timeouts already fit within its attempt.
            left = max(0.001, budget_end - now)
            self.request.extensions["timeout"] = {
                key: (min(value, left) if isinstance(value, int | float) else left)
                for key, value in self.timeouts.items()
            }
        else:
            self.request.extensions["timeout"] = dict(self.timeouts)

    def judge(self, outcome: Outcome) -> _Verdict:
        """What to do after ``outcome``."""
        self.last = outcome
        response: httpx.Response | None = None
        if isinstance(outcome, httpx.Response):
            response = outcome
            decision = self.policy.classify_response(outcome)
        else:
            decision = self.policy.classify_exception(outcome)
        if decision is RetryDecision.FINAL:
            return _Verdict(None)  # the common case: no header parsing, clock reading or random draw
        throttled = response is not None and decision is RetryDecision.REJECTED
        retry_after = (
            retry_after_from_headers(response.headers, now=self.wall_clock())
            if response is not None
            else None
        )
        if throttled:
            self.throttled_attempts += 1
        delay = self.policy.next_delay(
            mode=self.mode,
            attempts_made=self.throttled_attempts if throttled else self.attempts - self.throttled_attempts,
            decision=decision,
            retry_after=retry_after,
            elapsed=self.clock() - self.started,
            uniform=self.uniform(),
            budget=self.budget,
            throttled=throttled,
            paced=self.paced,
        )
        if delay is not None:
            logger.info(
                "retrying %s %s in %.2fs (attempt %d: %s)",
                self.request.method,
                _where(self.request),
                delay,
                self.attempts,
                response.status_code if response is not None else type(outcome).__name__,
            )
        return _Verdict(delay, throttled, self.policy.server_wait(retry_after) if throttled else None)

    def finish(self, provider: Provider | None) -> httpx.Response:
        """The last outcome as the call's result: the response, or the typed error for an exception."""
        last = self.last
        if isinstance(last, httpx.Response):
            return last
        if last is None:
            raise self.no_slot(provider)
        raise self.transport_error(last, provider) from last

    def no_slot(self, provider: Provider | None) -> OcrTimeoutError:
        waited = f" within {self.budget:g} s" if self.budget is not None else ""
        return OcrTimeoutError(
            f"no request slot{waited}: the client's rate limit (or a server's Retry-After pause) "
            f"holds back {self.request.method} {_where(self.request)}",
            provider=provider,
        )

    def transport_error(self, exc: httpx.TransportError, provider: Provider | None) -> Exception:
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        detail = clean_text(str(exc), 160) or type(exc).__name__
        where = _where(self.request)
        if isinstance(exc, httpx.TimeoutException):
            return OcrTimeoutError(f"timed out calling {where} after {tries}: {detail}", provider=provider)
        return ConnectionFailedError(f"could not reach {where} after {tries}: {detail}", provider=provider)


def _where(request: httpx.Request) -> str:
    """Host, port and path of a request (never the query: signed URLs carry credentials there)."""
    url = request.url
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"


# --- the loops (the only I/O: sending and sleeping) ---------------------------------------------------


def run_sync(
    request: httpx.Request,
    send_once: Callable[[httpx.Request], httpx.Response],
    *,
    policy: RetryPolicy,
    limiter: Limiter | None,
    provider: Provider | None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    uniform: Callable[[], float] = _random.random,
    wall_clock: Callable[[], float] = time.time,
) -> httpx.Response:
    """Send ``request`` with ``send_once`` (which returns a fully read response) until the policy stops."""
    call = _Call(
        policy, request, clock=clock, uniform=uniform, paced=limiter is not None, wall_clock=wall_clock
    )
    while True:
        permit: Permit | None = None
        if limiter is not None:
            permit = limiter.acquire(call.remaining())
            if permit is None:
                return call.finish(provider)
        call.begin_attempt()
        outcome: Outcome
        try:
            outcome = send_once(request)
        except httpx.TransportError as exc:
            outcome = exc
        verdict = call.judge(outcome)
        if permit is not None and limiter is not None:
            if verdict.throttled:
                limiter.on_throttled(permit, verdict.retry_after)
            elif isinstance(outcome, httpx.Response):
                limiter.on_accepted(permit)
        if verdict.delay is None:
            return call.finish(provider)
        if isinstance(outcome, httpx.Response):
            outcome.close()
        if verdict.delay > 0:
            sleep(verdict.delay)


async def run_async(
    request: httpx.Request,
    send_once: Callable[[httpx.Request], Awaitable[httpx.Response]],
    *,
    policy: RetryPolicy,
    limiter: Limiter | None,
    provider: Provider | None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    clock: Callable[[], float] = time.monotonic,
    uniform: Callable[[], float] = _random.random,
    wall_clock: Callable[[], float] = time.time,
) -> httpx.Response:
    """The asyncio twin of :func:`run_sync`."""
    import asyncio

    pause = sleep or asyncio.sleep
    call = _Call(
        policy, request, clock=clock, uniform=uniform, paced=limiter is not None, wall_clock=wall_clock
    )
    while True:
        permit: Permit | None = None
        if limiter is not None:
            permit = await limiter.acquire_async(call.remaining())
            if permit is None:
                return call.finish(provider)
        call.begin_attempt()
        outcome: Outcome
        try:
            outcome = await send_once(request)
        except httpx.TransportError as exc:
            outcome = exc
        verdict = call.judge(outcome)
        if permit is not None and limiter is not None:
            if verdict.throttled:
                await limiter.on_throttled_async(permit, verdict.retry_after)
            elif isinstance(outcome, httpx.Response):
                limiter.on_accepted(permit)
        if verdict.delay is None:
            return call.finish(provider)
        if isinstance(outcome, httpx.Response):
            await outcome.aclose()
        if verdict.delay > 0:
            await pause(verdict.delay)


# --- transports ---------------------------------------------------------------------------------------


class RetryTransport(httpx.BaseTransport):
    """A sync transport that sends through ``inner`` with the policy (and a limiter, if given).

    For callers' own ``httpx.Client``: the facades run the same loop themselves.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        *,
        provider: Provider | None = None,
        limiter: Limiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        uniform: Callable[[], float] = _random.random,
    ) -> None:
        from handwriting_ocr._bounded import BoundedTransport

        self.inner = inner if inner is not None else httpx.HTTPTransport()
        self._bounded = BoundedTransport(self.inner, clock=clock)
        self.policy = policy if policy is not None else RetryPolicy()
        self.provider = provider
        self.limiter = limiter
        self._sleep = sleep
        self._clock = clock
        self._uniform = uniform

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return run_sync(
            request,
            self._bounded.handle_request,
            policy=self.policy,
            limiter=self.limiter,
            provider=self.provider,
            sleep=self._sleep,
            clock=self._clock,
            uniform=self._uniform,
        )

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
        limiter: Limiter | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        uniform: Callable[[], float] = _random.random,
    ) -> None:
        from handwriting_ocr._bounded import AsyncBoundedTransport

        self.inner = inner if inner is not None else httpx.AsyncHTTPTransport()
        self._bounded = AsyncBoundedTransport(self.inner, clock=clock)
        self.policy = policy if policy is not None else RetryPolicy()
        self.provider = provider
        self.limiter = limiter
        self._sleep = sleep
        self._clock = clock
        self._uniform = uniform

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await run_async(
            request,
            self._bounded.handle_async_request,
            policy=self.policy,
            limiter=self.limiter,
            provider=self.provider,
            sleep=self._sleep,
            clock=self._clock,
            uniform=self._uniform,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


# --- Tencent Cloud API 3.0 -------------------------------------------------------------------------

#: API 3.0 codes of internal failures worth one more attempt on a "safe" request (a guess: the
#: official SDK's retryer repeats only network errors and throttling; these say the service, not the
#: image, failed). Other codes are final.
TENCENT_V3_TRANSIENT_CODES: Final = frozenset(
    {"InternalError", "ServiceUnavailable", "FailedOperation.EngineRecognizeTimeout"}
)


def classify_tencent_v3(response: httpx.Response) -> RetryDecision | None:
    """Tencent Cloud API 3.0 answers HTTP 200 with ``{"Response": {"Error": {"Code":
    "RequestLimitExceeded..."}}}`` when throttled: retryable like a 429 (as the official SDK's
    ``StandardRetryer`` does for ``RequestLimitExceeded``, ``.UinLimitExceeded`` and
    ``.GlobalRegionUinLimitExceeded``; every ``RequestLimitExceeded.*`` is taken here)."""
    if response.status_code != 200:
        return None
    document = json_object_or_none(response)
    inner = document.get("Response") if document is not None else None
    error = inner.get("Error") if isinstance(inner, dict) else None
    code = error.get("Code") if isinstance(error, dict) else None
    if not isinstance(code, str):
        return None
    if code == "RequestLimitExceeded" or code.startswith("RequestLimitExceeded."):
        return RetryDecision.REJECTED
    if code in TENCENT_V3_TRANSIENT_CODES or code.startswith("InternalError."):
        return RetryDecision.TRANSIENT
    return None

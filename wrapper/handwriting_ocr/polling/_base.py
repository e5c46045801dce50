"""What the sync and async pollers share: construction, the read-only surface, and everything about a
poll except sending it (building the request, reading the answer or the failure, ending the wait).

A poller sends through a *sender*: the facade's request path (limiter, retries, bounded reading;
every failure typed) for the pollers the facades make, or a plain httpx client of the caller's,
wrapped by :func:`client_sender` / :func:`async_client_sender`, for pollers made by hand.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final, Generic, TypeVar

import httpx

from handwriting_ocr._bounded import ANSWERED_AT
from handwriting_ocr.error_mapping import clean_text, error_from_response, request_id_from_headers
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError, OcrError
from handwriting_ocr.polling.core import (
    DeadlinePassed,
    Finished,
    ParseResult,
    PollingCore,
    SendPoll,
    Sleep,
    check_operation_url,
)
from handwriting_ocr.polling.learning import PollLearner
from handwriting_ocr.polling.origin import Origin, absolute_location, origin_of
from handwriting_ocr.polling.token import ContinuationState, decode_token, encode_token

if TYPE_CHECKING:
    from handwriting_ocr.retries import RetryPolicy

T = TypeVar("T")

Clock = Callable[[], float]
#: Sends a poll and returns the fully read answer, or raises an :class:`OcrError`.
SyncSender = Callable[[httpx.Request], httpx.Response]
AsyncSender = Callable[[httpx.Request], Awaitable[httpx.Response]]

#: Request extensions of every poll: retried as a safe GET, within the wait's budget, size-capped.
_RETRY: Final = "handwriting_ocr.retry"
_BUDGET: Final = "handwriting_ocr.retry_budget"
_MAX_BODY: Final = "handwriting_ocr.max_body"


def check_interval(polling_interval: float | None) -> float | None:
    if polling_interval is None:
        return None
    if isinstance(polling_interval, bool) or not isinstance(polling_interval, int | float):
        raise InvalidInputError("polling_interval must be a number of seconds", field="polling_interval")
    if not math.isfinite(polling_interval) or polling_interval < 0:
        raise InvalidInputError(
            "polling_interval must be a finite number of seconds >= 0", field="polling_interval"
        )
    return float(polling_interval)


def deadline_after(timeout: float | None, now: float) -> float | None:
    """The monotonic deadline for a ``timeout`` in seconds (None: wait as long as it takes)."""
    if timeout is None:
        return None
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or math.isnan(timeout)
        or timeout < 0
    ):
        raise InvalidInputError("timeout must be None or a number of seconds >= 0", field="timeout")
    return now + timeout


def _check_kind(kind: str) -> str:
    if not isinstance(kind, str) or not kind:
        raise InvalidInputError("kind must be a non-empty string", field="kind")
    return kind


def origin_of_request(url: httpx.URL) -> Origin | None:
    """The origin httpx will really connect to, as httpx itself parsed the URL (no parser differential)."""
    default_port = {"http": 80, "https": 443}.get(url.scheme)
    if default_port is None or not url.host or url.userinfo:
        return None
    return Origin(url.scheme, url.host.lower(), url.port if url.port is not None else default_port)


def _token(kind: str, operation_url: str, origin: Origin) -> str:
    return encode_token(ContinuationState(kind=kind, operation_url=operation_url, origin=origin))


def core_from_submit(
    response: httpx.Response,
    *,
    fallback_base_url: httpx.URL,
    parse: ParseResult[T],
    polling_interval: float | None,
    clock: Clock,
    wall_clock: Clock,
    kind: str = "",
    learner: PollLearner | None = None,
) -> PollingCore[T]:
    """A core for the operation a submit answer (202 + ``Operation-Location``) started."""
    from handwriting_ocr.polling.schedule import first_poll_delay

    interval = check_interval(polling_interval)
    if not 200 <= response.status_code < 300:
        raise error_from_response("azure", response)
    raw_location = response.headers.get("operation-location", "").strip()
    if not raw_location:
        raise MalformedResponseError(
            f"the submit answer (HTTP {response.status_code}) has no Operation-Location header",
            provider="azure",
            status_code=response.status_code,
            request_id=request_id_from_headers(response.headers),
        )
    location = absolute_location(raw_location)
    if location is None:
        raise MalformedResponseError(
            f"the submit answer's Operation-Location is not an absolute http(s) URL "
            f"({clean_text(raw_location, 80)!r}); refusing to guess where the operation is",
            provider="azure",
            status_code=response.status_code,
            request_id=request_id_from_headers(response.headers),
        )
    try:
        submit_url = response.request.url
    except RuntimeError:  # a Response built by hand, without its request
        submit_url = fallback_base_url
    origin = origin_of(str(submit_url))
    if origin is None:
        raise InvalidInputError(
            "cannot tell which endpoint the operation belongs to: the submit response has no "
            "request and the client no http(s) base_url",
            provider="azure",
        )
    check_operation_url(location, origin, status_code=response.status_code)
    now = clock()
    # When the submit was answered (the request path stamps it), not now: what ran in between (the
    # first call's imports, say) is not part of the operation's duration.
    answered = response.extensions.get(ANSWERED_AT)
    accepted_at = answered if isinstance(answered, float) and answered <= now else now
    return PollingCore(
        operation_url=location,
        origin=origin,
        parse=parse,
        interval=interval,
        first_delay=first_poll_delay(
            interval=interval, submit_headers=response.headers, wall_now=wall_clock()
        ),
        now=now,
        accepted_at=accepted_at,
        kind=kind,
        learner=learner,
        token=_token(kind or "operation", location, origin) if kind else None,
    )


def core_from_token(
    token: str,
    *,
    client_base_url: httpx.URL | str,
    kind: str | None,
    parse: ParseResult[T],
    polling_interval: float | None,
    clock: Clock,
) -> tuple[PollingCore[T], str]:
    """A core (and the operation kind) resuming a continuation token; polls at once."""
    interval = check_interval(polling_interval)
    state = decode_token(token, expected_kind=kind)
    base = httpx.URL(client_base_url) if isinstance(client_base_url, str) else client_base_url
    if base.host:
        # The client's credentials belong to its own endpoint: a token from another endpoint must
        # not make it send them there.
        client_origin = origin_of(str(base))
        if client_origin != state.origin:
            raise InvalidInputError(
                f"the continuation token belongs to {state.origin}, but the client is for "
                f"{client_origin if client_origin else 'another endpoint'}",
                provider="azure",
                field="continuation_token",
            )
    core = PollingCore(
        operation_url=state.operation_url,
        origin=state.origin,
        parse=parse,
        interval=interval,
        first_delay=0.0,
        now=clock(),
        kind=state.kind,
        token=_token(state.kind, state.operation_url, state.origin),
    )
    return core, state.kind


def describe_error(error: httpx.RequestError) -> str:
    return f"{type(error).__name__}: {clean_text(str(error), 120) or 'no details'}"


def _unreadable(error: Exception) -> MalformedResponseError:
    if isinstance(error, httpx.DecodingError):
        what = f"could not be decoded ({describe_error(error)})"
    else:
        what = f"was refused: {clean_text(str(error), 120)}"
    return MalformedResponseError(f"the answer to a poll {what}", provider="azure")


def client_sender(
    client: httpx.Client,
    *,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Clock = time.monotonic,
    wall_clock: Clock = time.time,
) -> SyncSender:
    """A sender over a caller's plain ``httpx.Client``: the same request loop and retry policy as
    the facades' (default :class:`RetryPolicy`), no limiter, no redirects; failures typed."""
    from handwriting_ocr.retries import RetryPolicy, run_sync

    chosen = policy if policy is not None else RetryPolicy()

    def once(request: httpx.Request) -> httpx.Response:
        from handwriting_ocr._bounded import BodyTooLarge, read_answer

        try:
            # Read here, within the attempt's deadline and the poll's size cap, like the facades' polls.
            return read_answer(
                request, client.send(request, follow_redirects=False, stream=True), clock=clock
            )
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise _unreadable(error) from None

    def send(request: httpx.Request) -> httpx.Response:
        return run_sync(
            request,
            once,
            policy=chosen,
            limiter=None,
            provider="azure",
            sleep=sleep,
            clock=clock,
            wall_clock=wall_clock,
        )

    return send


def async_client_sender(
    client: httpx.AsyncClient,
    *,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    clock: Clock = time.monotonic,
    wall_clock: Clock = time.time,
) -> AsyncSender:
    """The asyncio twin of :func:`client_sender`."""
    from handwriting_ocr.retries import RetryPolicy, run_async

    chosen = policy if policy is not None else RetryPolicy()

    async def once(request: httpx.Request) -> httpx.Response:
        from handwriting_ocr._bounded import BodyTooLarge, aread_answer

        try:
            return await aread_answer(
                request, await client.send(request, follow_redirects=False, stream=True)
            )
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise _unreadable(error) from None

    async def send(request: httpx.Request) -> httpx.Response:
        return await run_async(
            request,
            once,
            policy=chosen,
            limiter=None,
            provider="azure",
            sleep=sleep,
            clock=clock,
            wall_clock=wall_clock,
        )

    return send


def refuse_foreign(core: PollingCore[T], request: httpx.Request) -> bool:
    """Last check before sending, with httpx's own reading of the URL; True (and polling ended) if refused."""
    if origin_of_request(request.url) == core.origin:
        return False
    core.fail(
        MalformedResponseError(
            f"the poll URL is not on the endpoint's origin {core.origin}; refusing to send credentials there",
            provider="azure",
        )
    )
    return True


class PollerBase(Generic[T]):
    """A poller without its loop: the read-only surface and each step's bookkeeping; never sends.

    The sync and async shells drive it as ``while not isinstance(step := self._next_step(deadline),
    bool)``: sleep for a :class:`Sleep`, or send :meth:`_poll_request` and hand the answer to
    :meth:`_answered` (or the typed failure to :meth:`_failed`); the final ``bool`` says finished.
    """

    _client: httpx.Client | httpx.AsyncClient

    def __init__(self, core: PollingCore[T], *, kind: str, clock: Clock, wall_clock: Clock) -> None:
        self._core = core
        self._kind = _check_kind(kind)
        if core.token is None:
            core.token = _token(self._kind, core.operation_url, core.origin)
        self._clock = clock
        self._wall_clock = wall_clock

    # --- the steps of a wait, shared by both shells ------------------------------------------------

    def _deadline(self, timeout: float | None) -> float | None:
        deadline = deadline_after(timeout, self._clock())
        self._core.begin_wait()
        return deadline

    def _next_step(self, deadline: float | None) -> Sleep | SendPoll | bool:
        """What to do now: sleep, poll, or stop (True: finished, False: the deadline passed)."""
        action = self._core.next_action(self._clock(), deadline)
        if isinstance(action, Finished):
            return True
        if isinstance(action, DeadlinePassed):
            return False
        return action

    def _poll_request(self, action: SendPoll) -> httpx.Request | None:
        """The poll to send, or None if it must not be sent (polling then ended with an error)."""
        from handwriting_ocr.clients._http import MAX_ANSWER_BYTES

        extensions: dict[str, object] = {_RETRY: "safe", _MAX_BODY: MAX_ANSWER_BYTES["operation"]}
        if action.budget is not None:
            extensions[_BUDGET] = action.budget
        request = self._client.build_request(
            action.method, action.url, headers=dict(action.headers), extensions=extensions
        )
        return None if refuse_foreign(self._core, request) else request

    def _failed(self, error: OcrError) -> None:
        self._core.on_failure(error)

    def _answered(self, response: httpx.Response) -> None:
        self._core.on_response(
            response.status_code,
            response.headers,
            response.content,
            now=self._clock(),
            wall_now=self._wall_clock(),
        )

    def _result_after(self, finished: bool, timeout: float | None) -> T:
        """``result()`` once a wait ended: the outcome, or OcrTimeoutError with a continuation token."""
        if not finished:
            raise self._core.timeout_error(timeout=timeout)
        return self._core.outcome()

    def _wait_ended(self, finished: bool) -> None:
        """``wait()`` once a wait ended: raise the error that ended polling, if any (never the timeout)."""
        if finished:
            self._core.raise_if_failed()

    # --- the read-only surface ---------------------------------------------------------------------

    def status(self) -> str:
        """The last status the service reported, as sent: ``NotStarted`` (also before the first poll),
        ``Running``, ``Succeeded``, ``Failed``, the older ``Not Started``, or v3.2's lower-case forms."""
        return self._core.status

    def done(self) -> bool:
        """True once the operation finished (succeeded or failed) or polling hit a final error.

        Does not send anything: pollers have no background thread and only talk to the service
        inside ``result()`` and ``wait()``.
        """
        return self._core.finished

    def continuation_token(self) -> str:
        """A small JSON string that resumes this poller, also in another process (see ``token``)."""
        token = self._core.token
        assert token is not None  # set in __init__
        return token

    @property
    def operation_id(self) -> str:
        return self._core.operation_id

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def polls(self) -> int:
        """Polls this poller has sent so far."""
        return self._core.polls

    @property
    def polling_interval(self) -> float | None:
        """The caller's fixed interval in seconds, or None for Retry-After and the learned schedule."""
        return self._core.interval

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} kind={self._kind!r} operation_id={self.operation_id!r} "
            f"status={self.status()!r} done={self.done()}>"
        )

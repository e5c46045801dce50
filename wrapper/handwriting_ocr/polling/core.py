"""The I/O-free decision core shared by the sync and async pollers.

:class:`PollingCore` never sends, sleeps or reads a clock. A shell asks it what to do next
(:meth:`PollingCore.next_action`, given the current monotonic time and an optional deadline), does
that, and reports back what happened: the answer to a poll as plain values
(:meth:`PollingCore.on_response`: status code, headers, body bytes), or the typed error the request
path raised once its own retries were spent (:meth:`PollingCore.on_failure`). Everything else lives
here: when to poll, what each answer means, which error the caller sees.

Polls go through the facade's request path like every other request, so throttling (429), 5xx
answers and dropped connections are retried there, under the one retry policy and the limiter; what
reaches the core is either an answer to judge or a failure that outlasted those retries.

Meaning of answers to a poll (``GET Operation-Location``):

* 2xx with a JSON object whose ``status`` is ``NotStarted``/``notStarted``, ``Not Started`` (older
  v2.0 and v1.0) or ``Running``/``running``: pending. A status string we do not know is treated as
  pending too, as the Azure SDK does, since a newer service version may add states; the caller's
  timeout bounds the wait.
* ``Succeeded``: the body goes through the caller's ``parse`` callback (which also checks that the
  result is there: a ``Succeeded`` answer without its result is malformed, never an empty success).
* ``Failed`` (or ``Canceled``/``Cancelled``, which Azure APIs use elsewhere for terminal failure; a
  guess for these endpoints): :class:`OperationFailedError`.
* Any other answer (404 for an expired or unknown operation id, 401, 403, redirects, a 429 or 5xx the
  request path gave up on): the shared error mapping's error. 4xx answers other than 408 and 429 end
  polling for good; a throttled or failed poll (and a transport failure) ends only the current wait:
  a later ``result()`` polls again.
* HTML, empty, truncated or non-object bodies, JSON nested too deeply or with absurd numbers, and a
  missing ``status``: :class:`MalformedResponseError`.

Every error the core hands out carries the operation id and the continuation token.

When to poll: the caller's ``polling_interval`` if given; else a ``Retry-After`` on a pending answer;
else the facade's learned plan (:mod:`handwriting_ocr.polling.learning`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Generic, Literal, TypeVar
from urllib.parse import unquote, urlsplit

from handwriting_ocr._retry_after import retry_after_from_headers
from handwriting_ocr.error_mapping import (
    PARSE_ERRORS,
    ErrorDetails,
    clean_text,
    decode_json,
    error_from_answer,
)
from handwriting_ocr.error_mapping import request_id_from_headers as request_id_from
from handwriting_ocr.errors import (
    MalformedResponseError,
    OcrError,
    OcrTimeoutError,
    OperationFailedError,
)
from handwriting_ocr.polling.learning import MIN_GAP, PollLearner, PollPlan
from handwriting_ocr.polling.origin import Origin, origin_of

__all__ = [
    "DeadlinePassed",
    "Finished",
    "ParseResult",
    "PollingCore",
    "SendPoll",
    "Sleep",
    "check_operation_url",
    "request_id_from",
]

T = TypeVar("T")

#: What turns a ``Succeeded`` body into the caller's result type.
ParseResult = Callable[[Mapping[str, object]], T]

_PENDING: Final = frozenset({"notstarted", "running"})
_SUCCEEDED: Final = "succeeded"
_FAILED: Final = frozenset({"failed", "canceled", "cancelled"})
#: Error answers after which polling the same operation again may still succeed.
_RETRYABLE_STATUSES: Final = frozenset({408, 429})


@dataclass(frozen=True, slots=True)
class SendPoll:
    """Send ``GET url`` now, with these headers, within ``budget`` seconds (None: the policy's)."""

    url: str
    headers: Mapping[str, str]
    budget: float | None
    method: Literal["GET"] = "GET"


@dataclass(frozen=True, slots=True)
class Sleep:
    """Wait this many seconds, then ask again."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Finished:
    """The operation reached a final state, or this wait ended with an error."""


@dataclass(frozen=True, slots=True)
class DeadlinePassed:
    """The caller's deadline passed before the operation finished; polling can resume later."""


Action = SendPoll | Sleep | Finished | DeadlinePassed


class Verdict(enum.Enum):
    """What :meth:`PollingCore.on_response` made of an answer."""

    PENDING = "pending"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class _Success(Generic[T]):
    value: T


def check_operation_url(url: str, origin: Origin, *, status_code: int | None = None) -> None:
    """Refuse an operation URL that is not on the endpoint's own origin (credentials would follow it)."""
    if origin_of(url) != origin:
        raise MalformedResponseError(
            "Operation-Location points outside the endpoint's origin "
            f"{origin}; refusing to send credentials there",
            provider="azure",
            status_code=status_code,
        )


class PollingCore(Generic[T]):
    """State and decisions for polling one Azure operation; see the module docstring.

    ``accepted_at`` is when the submit was accepted (None for a resumed operation, whose age is
    unknown: its plan is the one-second loop and it teaches the learner nothing). ``token`` is the
    continuation token every error is given.
    """

    def __init__(
        self,
        *,
        operation_url: str,
        origin: Origin,
        parse: ParseResult[T],
        interval: float | None,
        first_delay: float,
        now: float,
        accepted_at: float | None = None,
        kind: str = "",
        learner: PollLearner | None = None,
        token: str | None = None,
    ) -> None:
        check_operation_url(operation_url, origin)
        self.operation_url = operation_url
        self.origin = origin
        self.interval = interval
        self.kind = kind
        self.token = token
        self._parse = parse
        self._learner = learner if accepted_at is not None else None
        self._plan = learner.plan(kind) if learner is not None and accepted_at is not None else PollPlan()
        self._origin_time = accepted_at if accepted_at is not None else now
        self._status = "NotStarted"
        self._polls = 0
        self._last_poll_at: float | None = None  # when the last poll was decided on
        # When the last answer saying "pending" arrived, and the answer that said it finished: the
        # operation finished between the two. Answer times, not the times polls were decided on: a
        # poll may wait for the limiter for seconds under a quota before it is sent.
        self._last_pending_at: float | None = None
        self._finished_at: float | None = None
        self._answered = False
        self._last_failure: str | None = None
        self._next_poll_at = now + max(first_delay, 0.0) if first_delay > 0 or interval is not None else None
        self._outcome: _Success[T] | OcrError | None = None
        #: An error that ended the current wait but not the operation (a failed poll).
        self._interrupted: OcrError | None = None

    # -- what the caller sees -------------------------------------------------------------------

    @property
    def status(self) -> str:
        """The last status string the service sent ("NotStarted" until the first answer)."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    @property
    def polls(self) -> int:
        """Polls sent so far by this core."""
        return self._polls

    @property
    def operation_id(self) -> str:
        """The operation id: the last segment of the operation URL's path."""
        segments = [s for s in urlsplit(self.operation_url).path.split("/") if s]
        return unquote(segments[-1]) if segments else ""

    def outcome(self) -> T:
        """The parsed result, or raise the error that ended polling (or this wait)."""
        if self._interrupted is not None:
            raise self._interrupted
        outcome = self._outcome
        if outcome is None:
            raise RuntimeError("the operation has not finished")  # a bug in a shell, not user input
        if isinstance(outcome, OcrError):
            raise outcome
        return outcome.value

    def raise_if_failed(self) -> None:
        if self._interrupted is not None:
            raise self._interrupted
        if isinstance(self._outcome, OcrError):
            raise self._outcome

    def begin_wait(self) -> None:
        """A new ``result()``/``wait()``: an earlier failed poll is forgotten and polling resumes."""
        self._interrupted = None

    def timeout_error(self, *, timeout: float | None) -> OcrTimeoutError:
        waited = "" if timeout is None else f" after waiting {timeout:g} s"
        if self._answered:
            state = f"is still {self._status}{waited}"
        elif self._last_failure is not None:
            state = f"gave no answer yet{waited} (last failure: {self._last_failure})"
        else:
            state = f"was not polled yet{waited}"
        error = OcrTimeoutError(
            f"Azure operation {self.operation_id} {state}; resume with the continuation token",
            provider="azure",
            continuation_token=self.token,
        )
        return error.for_operation(self.operation_id, self.token)

    # -- the loop's questions ------------------------------------------------------------------

    def _due(self, now: float) -> float:
        if self._next_poll_at is not None:
            return self._next_poll_at
        elapsed = now - self._origin_time
        last = None if self._last_poll_at is None else self._last_poll_at - self._origin_time
        return self._origin_time + self._plan.next_poll(self._polls, last, elapsed)

    def next_action(self, now: float, deadline: float | None) -> Action:
        """What the shell should do at monotonic time ``now``, given its ``deadline`` (None: no limit)."""
        if self._outcome is not None or self._interrupted is not None:
            return Finished()
        due = self._due(now)
        if now >= due:
            # Due polls go out even at the deadline: a result(timeout=0) still gets one fresh look.
            self._polls += 1
            self._last_poll_at = now
            self._next_poll_at = None
            budget = None if deadline is None else max(deadline - now, 1.0)
            return SendPoll(url=self.operation_url, headers={"Accept": "application/json"}, budget=budget)
        if deadline is not None and now >= deadline:
            return DeadlinePassed()
        wait = due - now
        if deadline is not None:
            # Wake at the deadline rather than oversleeping it; the schedule itself is kept.
            wait = min(wait, deadline - now)
        return Sleep(wait)

    def on_response(
        self, status_code: int, headers: Mapping[str, str], body: bytes, *, now: float, wall_now: float
    ) -> Verdict:
        """Take in the answer to a poll. ``now`` is monotonic, ``wall_now`` is ``time.time()`` (for
        ``Retry-After`` dates)."""
        if self._outcome is not None:
            raise RuntimeError("the operation has already finished")
        if not 200 <= status_code < 300:
            self._answered = True
            error = self._tag(error_from_answer("azure", status_code, headers, body))
            if status_code in _RETRYABLE_STATUSES or status_code >= 500:
                self._interrupted = error
            else:
                self._outcome = error
            return Verdict.FINISHED
        document = self._decode(status_code, headers, body)
        if document is None:
            return Verdict.FINISHED
        self._answered = True
        self._last_failure = None
        status = document["status"]
        assert isinstance(status, str)  # checked by _decode
        self._status = status
        normalised = status.replace(" ", "").casefold()
        if normalised == _SUCCEEDED:
            self._succeed(status_code, headers, document)
            self._learn(now)
            return Verdict.FINISHED
        if normalised in _FAILED:
            self._outcome = self._operation_failed(status_code, headers, document)
            self._learn(now)
            return Verdict.FINISHED
        # NotStarted, Not Started, Running, or a state added after this was written.
        self._last_pending_at = now
        self._schedule(headers, now=now, wall_now=wall_now)
        return Verdict.PENDING

    def on_failure(self, error: OcrError) -> None:
        """The poll failed after the request path's own retries (a transport failure, a timeout,
        an unreadable answer): this wait ends with ``error``; a later wait polls again."""
        if self._outcome is not None:
            raise RuntimeError("the operation has already finished")
        self._last_failure = clean_text(error.message, 120)
        self._interrupted = self._tag(error)

    def fail(self, error: OcrError) -> None:
        """End polling for good with ``error`` (e.g. a poll URL refused before sending)."""
        if self._outcome is None:
            self._outcome = self._tag(error)

    # -- internals -------------------------------------------------------------------------------

    def _tag(self, error: OcrError) -> OcrError:
        if isinstance(error, OperationFailedError) and error.operation_id is None:
            error.operation_id = self.operation_id
        return error.for_operation(self.operation_id, self.token)

    def _learn(self, answered_at: float) -> None:
        if self._learner is None:
            return
        after = 0.0 if self._last_pending_at is None else self._last_pending_at - self._origin_time
        self._learner.observe(self.kind, after=after, by=answered_at - self._origin_time)

    def _schedule(self, headers: Mapping[str, str], *, now: float, wall_now: float) -> None:
        if self.interval is not None:
            self._next_poll_at = now + self.interval
            return
        server = retry_after_from_headers(headers, now=wall_now)
        # A Retry-After on a pending answer says when to look again. 0, negative or a past date says
        # nothing useful (as azure-core reads it too): the plan decides, never a tight loop.
        self._next_poll_at = None if server is None or server <= 0 else now + max(server, MIN_GAP)

    def _malformed(self, status_code: int, headers: Mapping[str, str], why: str) -> None:
        self._outcome = self._tag(
            MalformedResponseError(
                f"Azure operation {self.operation_id}: {why}",
                provider="azure",
                status_code=status_code,
                request_id=request_id_from(headers),
            )
        )

    def _decode(self, status_code: int, headers: Mapping[str, str], body: bytes) -> dict[str, object] | None:
        """The JSON object of a 2xx answer with a string ``status``; None (and a recorded error) if not."""
        if not body.strip():
            self._malformed(status_code, headers, "empty answer to a poll")
            return None
        try:
            document: object = decode_json(body)
        except ValueError as error:
            if body.lstrip()[:1] == b"<":
                kind = "an HTML page"
            else:
                kind = f"not usable JSON ({clean_text(str(error), 60)})"
            self._malformed(status_code, headers, f"the poll answer is {kind}, not a JSON object")
            return None
        if not isinstance(document, dict):
            self._malformed(status_code, headers, "the poll answer is JSON but not an object")
            return None
        status = document.get("status")
        if not isinstance(status, str):
            self._malformed(status_code, headers, 'the poll answer has no "status" string')
            return None
        return document

    def _succeed(self, status_code: int, headers: Mapping[str, str], document: dict[str, object]) -> None:
        try:
            value = self._parse(document)
        except OcrError as error:
            self._outcome = self._tag(error)
        except PARSE_ERRORS as error:  # what a generated from_dict raises on a body of the wrong shape
            self._malformed(
                status_code,
                headers,
                "the Succeeded result does not have the expected shape "
                f"({type(error).__name__}: {clean_text(str(error), 120)})",
            )
        else:
            self._outcome = _Success(value)

    def _operation_failed(
        self, status_code: int, headers: Mapping[str, str], document: dict[str, object]
    ) -> OcrError:
        # The v2.0 docs show no body for Failed beyond the status; later Azure APIs add
        # {"error": {"code", "message"}} or a top-level message. Read either if present (a guess),
        # with the same envelope reader error mapping uses.
        details = ErrorDetails.from_document(document)
        code, message = details.code, details.message
        text = f"Azure operation {self.operation_id} ended with status {self._status}"
        return self._tag(
            OperationFailedError(
                f"{text}: {clean_text(message)}" if message else text,
                provider="azure",
                status_code=status_code,
                code=code,
                request_id=request_id_from(headers),
                operation_id=self.operation_id,
            )
        )

"""The I/O-free decision core shared by the sync and async pollers.

:class:`PollingCore` never sends, sleeps or reads a clock. A shell asks it what to do next
(:meth:`PollingCore.next_action`, given the current monotonic time and an optional deadline), does
that, and reports back what happened (:meth:`PollingCore.on_response` with plain values: status code,
headers and body bytes; or :meth:`PollingCore.on_transport_error`). Everything else lives here: the
interval policy, the meaning of each answer, when to give up, and which error the caller sees.

Meaning of answers to a poll (``GET Operation-Location``):

* 2xx with a JSON object whose ``status`` is ``NotStarted``, ``Not Started`` (older v2.0 and v1.0) or
  ``Running``: pending. A status string we do not know is treated as pending too, as the Azure SDK
  does, since a newer service version may add states; the caller's timeout bounds the wait.
* ``Succeeded``: the body goes through the caller's ``parse`` callback (e.g.
  ``ReadOperationResult.from_dict``); if that fails the answer is malformed.
* ``Failed`` (or ``Canceled``/``Cancelled``, which Azure APIs use elsewhere for terminal failure; a
  guess for these endpoints): :class:`OperationFailedError`.
* 408, 429, 500, 502, 503, 504 or a failed connection: transient; wait (``Retry-After`` if sent, else
  backoff) and poll again, at most :data:`MAX_TRANSIENT_FAILURES` times in a row.
* Anything else (404 for an expired or unknown operation id, 401, 403, redirects, ...): mapped by the
  shared error mapping (the shell does it, since it holds the HTTP response) and final.
* HTML, empty, truncated or non-object bodies and a missing ``status``: :class:`MalformedResponseError`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Generic, Literal, TypeVar
from urllib.parse import unquote, urlsplit

from handwriting_ocr.error_mapping import ErrorDetails, clean_text
from handwriting_ocr.error_mapping import request_id_from_headers as request_id_from
from handwriting_ocr.errors import (
    ConnectionFailedError,
    MalformedResponseError,
    OcrError,
    OcrTimeoutError,
    OperationFailedError,
)
from handwriting_ocr.polling.origin import Origin, origin_of
from handwriting_ocr.polling.schedule import next_poll_delay

__all__ = [
    "MAX_TRANSIENT_FAILURES",
    "RETRY_EXTENSION",
    "DeadlinePassed",
    "Finished",
    "ParseResult",
    "PollingCore",
    "SendPoll",
    "Sleep",
    "Verdict",
    "check_operation_url",
    "request_id_from",
]

T = TypeVar("T")

#: What turns a ``Succeeded`` body into the caller's result type.
ParseResult = Callable[[Mapping[str, object]], T]

#: Poll requests carry this so the retry transport leaves them alone: the poller does its own waiting.
RETRY_EXTENSION: Final[Mapping[str, str]] = {"handwriting_ocr.retry": "never"}

#: Consecutive transient failures (throttling, 5xx, dropped connections) before the poller gives up.
MAX_TRANSIENT_FAILURES: Final = 10

_TRANSIENT_STATUSES: Final = frozenset({408, 429, 500, 502, 503, 504})
_PENDING: Final = frozenset({"notstarted", "running"})
_SUCCEEDED: Final = "succeeded"
_FAILED: Final = frozenset({"failed", "canceled", "cancelled"})
# Exceptions a generated ``from_dict`` raises on a body of the wrong shape.
_PARSE_ERRORS: Final = (KeyError, ValueError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True, slots=True)
class SendPoll:
    """Send ``GET url`` now, with these headers and request extensions."""

    url: str
    headers: Mapping[str, str]
    extensions: Mapping[str, str]
    method: Literal["GET"] = "GET"


@dataclass(frozen=True, slots=True)
class Sleep:
    """Wait this many seconds, then ask again."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Finished:
    """The operation reached a final state (or polling hit an error it will not retry)."""


@dataclass(frozen=True, slots=True)
class DeadlinePassed:
    """The caller's deadline passed before the operation finished; polling can resume later."""


Action = SendPoll | Sleep | Finished | DeadlinePassed


class Verdict(enum.Enum):
    """What :meth:`PollingCore.on_response` made of an answer."""

    PENDING = "pending"
    FINISHED = "finished"
    #: An error answer: the shell maps it with ``error_from_response`` and hands it to ``fail``.
    MAP_ERROR = "map_error"


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
    """State and decisions for polling one Azure operation; see the module docstring."""

    def __init__(
        self,
        *,
        operation_url: str,
        origin: Origin,
        parse: ParseResult[T],
        interval: float | None,
        first_delay: float,
        now: float,
    ) -> None:
        check_operation_url(operation_url, origin)
        self.operation_url = operation_url
        self.origin = origin
        self.interval = interval
        self._parse = parse
        self._status = "NotStarted"
        self._next_poll_at = now + max(first_delay, 0.0)
        self._pending_answers = 0
        self._transient_failures = 0
        self._outcome: _Success[T] | OcrError | None = None

    # -- what the caller sees -------------------------------------------------------------------

    @property
    def status(self) -> str:
        """The last status string the service sent ("NotStarted" until the first answer)."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    @property
    def operation_id(self) -> str:
        """The operation id: the last segment of the operation URL's path."""
        segments = [s for s in urlsplit(self.operation_url).path.split("/") if s]
        return unquote(segments[-1]) if segments else ""

    def outcome(self) -> T:
        """The parsed result, or raise the error that ended polling. Only once :attr:`finished`."""
        outcome = self._outcome
        if outcome is None:
            raise RuntimeError("the operation has not finished")  # a bug in a shell, not user input
        if isinstance(outcome, OcrError):
            raise outcome
        return outcome.value

    def raise_if_failed(self) -> None:
        if isinstance(self._outcome, OcrError):
            raise self._outcome

    def timeout_error(self, *, continuation_token: str, timeout: float | None) -> OcrTimeoutError:
        waited = "" if timeout is None else f" after waiting {timeout:g} s"
        return OcrTimeoutError(
            f"Azure operation {self.operation_id} is still {self._status}{waited}; "
            "resume with the continuation token",
            provider="azure",
            continuation_token=continuation_token,
        )

    # -- the loop's questions ------------------------------------------------------------------

    def next_action(self, now: float, deadline: float | None) -> Action:
        """What the shell should do at monotonic time ``now``, given its ``deadline`` (None: no limit)."""
        if self._outcome is not None:
            return Finished()
        if now >= self._next_poll_at:
            # Due polls go out even at the deadline: a result(timeout=0) still gets one fresh look.
            return SendPoll(
                url=self.operation_url, headers={"Accept": "application/json"}, extensions=RETRY_EXTENSION
            )
        if deadline is not None and now >= deadline:
            return DeadlinePassed()
        wait = self._next_poll_at - now
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
        if status_code in _TRANSIENT_STATUSES:
            return self._transient(headers, now=now, wall_now=wall_now)
        if not 200 <= status_code < 300:
            return Verdict.MAP_ERROR
        self._transient_failures = 0
        document = self._decode(status_code, headers, body)
        if document is None:
            return Verdict.FINISHED
        status = document["status"]
        assert isinstance(status, str)  # checked by _decode
        self._status = status
        normalised = status.replace(" ", "").casefold()
        if normalised == _SUCCEEDED:
            self._succeed(status_code, headers, document)
            return Verdict.FINISHED
        if normalised in _FAILED:
            self._outcome = self._operation_failed(status_code, headers, document)
            return Verdict.FINISHED
        # NotStarted, Not Started, Running, or a state added after this was written.
        self._pending_answers += 1
        self._schedule(headers, now=now, wall_now=wall_now, throttled=False)
        return Verdict.PENDING

    def on_transport_error(self, description: str, *, now: float) -> None:
        """The poll never got an answer (connect, read or timeout failure): retry, within limits."""
        if self._outcome is not None:
            raise RuntimeError("the operation has already finished")
        self._transient_failures += 1
        if self._transient_failures > MAX_TRANSIENT_FAILURES:
            self._outcome = ConnectionFailedError(
                f"polling Azure operation {self.operation_id} failed: {description}", provider="azure"
            )
            return
        self._pending_answers += 1
        self._schedule({}, now=now, wall_now=0.0, throttled=True)

    def fail(self, error: OcrError) -> None:
        """End polling with ``error`` (the shell's mapping of a :attr:`Verdict.MAP_ERROR` answer)."""
        if self._outcome is None:
            self._outcome = error

    # -- internals -------------------------------------------------------------------------------

    def _transient(self, headers: Mapping[str, str], *, now: float, wall_now: float) -> Verdict:
        self._transient_failures += 1
        if self._transient_failures > MAX_TRANSIENT_FAILURES:
            return Verdict.MAP_ERROR
        self._pending_answers += 1
        self._schedule(headers, now=now, wall_now=wall_now, throttled=True)
        return Verdict.PENDING

    def _schedule(self, headers: Mapping[str, str], *, now: float, wall_now: float, throttled: bool) -> None:
        delay = next_poll_delay(
            interval=self.interval,
            headers=headers,
            pending_answers=self._pending_answers,
            throttled=throttled,
            wall_now=wall_now,
        )
        self._next_poll_at = now + delay

    def _malformed(self, status_code: int, headers: Mapping[str, str], why: str) -> None:
        self._outcome = MalformedResponseError(
            f"Azure operation {self.operation_id}: {why}",
            provider="azure",
            status_code=status_code,
            request_id=request_id_from(headers),
        )

    def _decode(self, status_code: int, headers: Mapping[str, str], body: bytes) -> dict[str, object] | None:
        """The JSON object of a 2xx answer with a string ``status``; None (and a recorded error) if not."""
        if not body.strip():
            self._malformed(status_code, headers, "empty answer to a poll")
            return None
        try:
            document: object = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            kind = "an HTML page" if body.lstrip()[:1] == b"<" else "invalid or truncated JSON"
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
            self._outcome = error
        except _PARSE_ERRORS as error:
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
    ) -> OperationFailedError:
        # The v2.0 docs show no body for Failed beyond the status; later Azure APIs add
        # {"error": {"code", "message"}} or a top-level message. Read either if present (a guess),
        # with the same envelope reader error mapping uses.
        details = ErrorDetails.from_document(document)
        code, message = details.code, details.message
        text = f"Azure operation {self.operation_id} ended with status {self._status}"
        return OperationFailedError(
            f"{text}: {clean_text(message)}" if message else text,
            provider="azure",
            status_code=status_code,
            code=code,
            request_id=request_id_from(headers),
            operation_id=self.operation_id,
        )

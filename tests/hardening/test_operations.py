"""Issue 9: an accepted Azure operation stays reachable.

* A submit whose 202 and ``Operation-Location`` arrived goes on polling whatever happens to the rest
  of its answer (dropped mid-body, trickling, too large, undecodable), and is never sent twice.
* A poller that gives up (repeated 5xx, 429, dropped connections) raises an error carrying the
  operation id and a continuation token that resumes it.
* A timeout after polls that all failed says so (not "still NotStarted").

Real sockets (the scripted server), sync and async.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import (
    ConnectionFailedError,
    OcrError,
    OcrTimeoutError,
    RateLimitError,
    ServiceError,
)
from handwriting_ocr.polling.core import PollingCore
from handwriting_ocr.polling.origin import Origin
from handwriting_ocr.retries import RetryPolicy

from tests.hardening._facades import (
    AZURE_READ,
    IMAGE,
    MODES,
    Mode,
    NoPacing,
    call_with,
    close,
    operation_location,
)
from tests.hardening._server import (
    Answer,
    Counter,
    Pause,
    Reset,
    ScriptedServer,
    Seen,
    Send,
    Stream,
    Trickle,
    head,
    json_answer,
    raw_answer,
)

SUBMIT_PATH = "/vision/v2.0/read/core/asyncBatchAnalyze"
POLL_PATH = "/vision/v2.0/read/operations/"
GOOD = AZURE_READ.good


def read_call(client: Any, **kwargs: Any) -> Any:
    method = client.read_v2 if hasattr(client, "read_v2") else client.read
    return method(IMAGE, **kwargs)


def resume_call(client: Any, token: str) -> Any:
    resume = client.resume_read_v2 if hasattr(client, "resume_read_v2") else client.resume_read
    poller = resume(token)
    return poller.result()


def server_for(submit: Any, poll: Any) -> ScriptedServer:
    counter = Counter()

    def handle(seen: Seen) -> Answer:
        if seen.method == "POST" and seen.path == SUBMIT_PATH:
            return submit(counter.next("submit"), seen)  # type: ignore[no-any-return]
        if seen.method == "GET" and seen.path.startswith(POLL_PATH):
            return poll(counter.next("poll"), seen)  # type: ignore[no-any-return]
        return json_answer(404, {"error": {"code": "NotFound", "message": seen.path}})

    return ScriptedServer(handle)


def succeeded(_n: int, _seen: Seen) -> Answer:
    return json_answer(200, GOOD)


def accepted_head(seen: Seen, *, length: int, extra: dict[str, str] | None = None) -> bytes:
    headers = {"Operation-Location": operation_location(seen), "Content-Type": "application/json"}
    return head(202, {**headers, **(extra or {})}, length=length)


SUBMIT_FAULTS = {
    # 202 and its headers, then the connection drops in the middle of the announced body.
    "reset-mid-body": lambda n, seen: [
        Send(accepted_head(seen, length=64) + b'{"status":"accep'),
        Pause(0.05),
        Reset(),
    ],
    # The connection closes cleanly with the body short.
    "closed-mid-body": lambda n, seen: [
        Send(accepted_head(seen, length=64) + b'{"status"'),
        Pause(0.05),
        Send(b""),
        Reset(),
    ],
    # The body trickles in for longer than the attempt may take (timeout=1).
    "trickling-body": lambda n, seen: [Send(accepted_head(seen, length=8)), Trickle(b"{}      ", every=0.5)],
    # A body far larger than a submit answer needs (the cap is 1 MB): not read, not kept.
    "huge-body": lambda n, seen: [Send(accepted_head(seen, length=50_000_000)), Stream(50_000_000)],
    # Content-Encoding: gzip over a body that is not gzip.
    "bad-gzip": lambda n, seen: [
        Send(accepted_head(seen, length=12, extra={"Content-Encoding": "gzip"}) + b"not gzip at all"[:12])
    ],
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", list(SUBMIT_FAULTS))
async def test_an_accepted_submit_goes_on_polling_whatever_befalls_its_body(mode: Mode, fault: str) -> None:
    with server_for(SUBMIT_FAULTS[fault], succeeded) as server:
        client = AZURE_READ.make(mode, server.url, timeout=1.0)
        outcome = await call_with(client, read_call)
        await close(client)
        assert outcome.error is None, repr(outcome.error)
        assert isinstance(outcome.value, Document)
        assert outcome.value.text  # the seed's lines came through
        assert server.count(method="POST") == 1  # never a second operation
        assert server.count(method="GET") == 1
        assert outcome.elapsed < 4.0


@pytest.mark.parametrize("mode", MODES)
async def test_a_dropped_submit_whose_polls_fail_raises_with_the_token_that_resumes_it(mode: Mode) -> None:
    state = {"up": False}

    def poll(n: int, seen: Seen) -> Answer:
        return json_answer(200, GOOD) if state["up"] else [Reset()]

    with server_for(SUBMIT_FAULTS["reset-mid-body"], poll) as server:
        client = AZURE_READ.make(mode, server.url, retry=RetryPolicy(max_attempts=2, base_backoff=0.05))
        outcome = await call_with(client, read_call)
        assert isinstance(outcome.error, ConnectionFailedError), repr(outcome.error)
        assert outcome.error.operation_id == "op-1"
        token = outcome.error.continuation_token
        assert token is not None
        assert server.count(method="POST") == 1
        assert server.count(method="GET") == 2
        # The service comes back: the token finishes the same operation, nothing is submitted again.
        state["up"] = True
        resumed = await call_with(client, lambda c: resume_call(c, token))
        await close(client)
        assert resumed.error is None, repr(resumed.error)
        assert type(resumed.value).__name__ == "ReadOperationResult"
        assert len(getattr(resumed.value, "recognition_results", [])) == len(GOOD["recognitionResults"])
        assert server.count(method="POST") == 1
        assert server.count(method="GET") == 3


def always(answer: Answer) -> Any:
    return lambda n, seen: answer


GIVING_UP = [
    # (fault on every poll, retry policy, expected error type, polls sent)
    pytest.param(
        always(json_answer(503, {"error": {"code": "ServiceUnavailable", "message": "busy"}})),
        {"max_attempts": 3, "base_backoff": 0.05},
        ServiceError,
        3,
        id="503",
    ),
    pytest.param(
        always(raw_answer(502, b"<html><title>502 Bad Gateway</title></html>", content_type="text/html")),
        {"max_attempts": 3, "base_backoff": 0.05},
        ServiceError,
        3,
        id="502-html",
    ),
    pytest.param(
        always(json_answer(429, {"error": {"code": "429", "message": "slow down"}}, {"Retry-After": "0"})),
        {"throttle_retries": 2, "min_retry_after": 0.05},
        RateLimitError,
        3,
        id="429",
    ),
    pytest.param(
        always([Reset()]), {"max_attempts": 3, "base_backoff": 0.05}, ConnectionFailedError, 3, id="reset"
    ),
    pytest.param(
        always([Send(head(200, {"Content-Type": "application/json"}, length=100) + b'{"sta'), Reset()]),
        {"max_attempts": 3, "base_backoff": 0.05},
        ConnectionFailedError,
        3,
        id="reset-mid-body",
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("poll", "policy", "expected", "polls"), GIVING_UP)
async def test_a_poller_that_gives_up_names_the_operation_and_its_token(
    mode: Mode, poll: Any, policy: dict[str, float], expected: type[OcrError], polls: int
) -> None:
    with server_for(
        lambda n, seen: raw_answer(202, b"", {"Operation-Location": operation_location(seen)}), poll
    ) as server:
        # No pacing: the subject is the poller's error, not how the limiter slows down after throttles.
        client = AZURE_READ.make(mode, server.url, retry=RetryPolicy(**policy), rate_limit=NoPacing())  # type: ignore[arg-type]
        outcome = await call_with(client, read_call)
        await close(client)
        error = outcome.error
        assert type(error) is expected, repr(error)
        assert isinstance(error, OcrError)
        assert error.operation_id == "op-1"
        assert error.continuation_token is not None
        assert json.loads(error.continuation_token)["operation_location"].endswith("/operations/op-1")
        assert server.count(method="POST") == 1
        assert server.count(method="GET") == polls
        assert outcome.elapsed < 5.0


@pytest.mark.parametrize("mode", MODES)
async def test_a_timeout_after_polls_that_only_failed_says_so(mode: Mode) -> None:
    # Every poll is accepted and never answered: each attempt ends at the client's timeout.
    with server_for(
        lambda n, seen: raw_answer(202, b"", {"Operation-Location": operation_location(seen)}),
        always([Pause(30)]),
    ) as server:
        client = AZURE_READ.make(mode, server.url, timeout=0.4, retry=RetryPolicy(base_backoff=0.05))
        outcome = await call_with(client, lambda c: read_call(c, timeout=1.0))
        await close(client)
    error = outcome.error
    assert isinstance(error, OcrTimeoutError), repr(error)
    assert "NotStarted" not in str(error)
    assert "timed out" in str(error) or "no answer" in str(error)
    assert error.continuation_token is not None and error.operation_id == "op-1"
    assert outcome.elapsed < 3.0


def test_the_core_reports_the_last_failure_when_no_poll_was_answered() -> None:
    origin = Origin("https", "vision.example", 443)
    core: PollingCore[object] = PollingCore(
        operation_url="https://vision.example/vision/v2.0/read/operations/op-9",
        origin=origin,
        parse=lambda document: document,
        interval=None,
        first_delay=0.0,
        now=0.0,
        token="TOKEN",
    )
    assert type(core.next_action(0.0, deadline=None)).__name__ == "SendPoll"
    core.on_failure(ConnectionFailedError("could not reach vision.example after 3 attempts: reset"))
    # The next wait is shorter than the gap before the next poll: it ends without an answer.
    core.begin_wait()
    assert type(core.next_action(0.2, deadline=0.2)).__name__ == "DeadlinePassed"
    error = core.timeout_error(timeout=0.0)
    assert "NotStarted" not in str(error)
    assert "could not reach" in str(error)
    assert error.continuation_token == "TOKEN" and error.operation_id == "op-9"

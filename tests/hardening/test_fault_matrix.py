"""The fault matrix: every facade's main operation x every fault a server or network can throw x
sync/async, on real sockets (a scripted server on 127.0.0.1).

Each cell asserts the exact outcome (success, or the exact error class), the exact number of requests
the server saw on the route that carries the result (the Azure Read submit is counted separately:
always exactly one), and elapsed-time bounds: an upper bound always, a lower bound where the client
must wait (a ``Retry-After``, a timeout). For Azure Read the faults hit the poll, the answer that
carries the result; what befalls the submit is in ``test_operations``.

The table is data: a facade is a row of ``_facades.ROWS`` (add the Read v3.2 or Tencent API 3.0
facade there and it runs through every fault), a fault is an entry of ``FAULTS`` below, with
per-facade exceptions where a provider really behaves differently.

Retries use a quick policy (``base_backoff=0.1``) so that the matrix stays fast; the backoff
arithmetic itself is the policy's unit tests' business.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from handwriting_ocr.errors import (
    AuthenticationError,
    ConnectionFailedError,
    MalformedResponseError,
    NotFoundError,
    OcrError,
    OcrTimeoutError,
    RateLimitError,
    ServiceError,
)
from handwriting_ocr.retries import RetryPolicy

from tests.hardening._facades import MODES, ROWS, Mode, Row, run_anywhere
from tests.hardening._server import (
    Answer,
    Close,
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
    reset_mid_body,
)

Answers = Callable[[int, Seen], Answer]


def answer_caps() -> dict[str, int]:
    """The request path's size caps per kind of answer (``clients._http.MAX_ANSWER_BYTES``)."""
    from handwriting_ocr.clients._http import MAX_ANSWER_BYTES

    return dict(MAX_ANSWER_BYTES)


def good(row: Row) -> Answer:
    return json_answer(200, row.good)


def once(fault: Callable[[Row], Answer]) -> Callable[[Row], Answers]:
    """The fault on the first request, a good answer after."""
    return lambda row: lambda n, seen: fault(row) if n == 0 else good(row)


def always(fault: Callable[[Row], Answer]) -> Callable[[Row], Answers]:
    return lambda row: lambda n, seen: fault(row)


def body_of(row: Row) -> bytes:
    return json.dumps(row.good).encode()


HTML_502 = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def html_502(row: Row) -> Answer:
    return raw_answer(502, HTML_502, content_type="text/html")


def error_500(row: Row) -> Answer:
    return json_answer(500, {"error": {"code": "InternalServerError", "message": "oops"}, "code": 213})


#: Each API's own body on a 429 (Azure's gateway, Huawei's APIG, Tencent's envelopes).
THROTTLE_BODIES: Mapping[str, object] = {
    "azure": {"error": {"code": "429", "message": "Rate limit is exceeded."}},
    "huawei": {"error_code": "APIG.0308", "error_msg": "The request is throttled."},
    "tencent": {"code": 15, "message": "request too frequent"},
    "tencent-v3": {
        "Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "too frequent"}, "RequestId": "r"}
    },
}


def throttled(retry_after: str | None) -> Callable[[Row], Answer]:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return lambda row: json_answer(429, THROTTLE_BODIES.get(row.name, THROTTLE_BODIES[row.provider]), headers)


def trickle(row: Row) -> Answer:
    body = body_of(row)
    return [Send(head(200, {"Content-Type": "application/json"}, length=len(body))), Trickle(body, every=0.2)]


def truncated_json(row: Row) -> Answer:
    body = body_of(row)
    return raw_answer(200, body[: len(body) // 2])


def declared_too_large(row: Row) -> Answer:
    size = answer_caps()[row.cap_kind] + 1
    return [Send(head(200, {"Content-Type": "application/json"}, length=size)), Stream(size)]


def bad_gzip(row: Row) -> Answer:
    return raw_answer(200, body_of(row), {"Content-Encoding": "gzip"})


@dataclass(frozen=True)
class Expect:
    #: The error class (exactly), or None for a success.
    error: type[OcrError] | None
    #: Requests on the result route.
    requests: int
    min_elapsed: float = 0.0
    #: Generous: the cells run concurrently on a shared machine; a hang would take 10 s or more.
    max_elapsed: float = 4.0


@dataclass(frozen=True)
class Fault:
    name: str
    answers: Callable[[Row], Answers]
    expect: Expect
    #: Per-facade exceptions, by row name.
    per_row: Mapping[str, Expect] = field(default_factory=dict)
    #: Only these rows (None: all).
    rows: tuple[str, ...] | None = None
    client: Mapping[str, Any] = field(default_factory=dict)
    policy: Mapping[str, Any] = field(default_factory=dict)

    def expected(self, row: Row) -> Expect:
        return self.per_row.get(row.name, self.expect)


FAULTS: tuple[Fault, ...] = (
    Fault("none", always(good), Expect(None, 1)),
    # --- the connection ---------------------------------------------------------------------------
    Fault("reset-before-answer-once", once(lambda row: [Reset()]), Expect(None, 2, 0.07)),
    Fault("closed-before-answer-once", once(lambda row: [Close()]), Expect(None, 2, 0.07)),
    Fault("reset-mid-body-once", once(lambda row: reset_mid_body(200, body_of(row))), Expect(None, 2, 0.07)),
    Fault("reset-always", always(lambda row: [Reset()]), Expect(ConnectionFailedError, 3, 0.22)),
    Fault(
        "reset-mid-body-always",
        always(lambda row: reset_mid_body(200, body_of(row))),
        Expect(ConnectionFailedError, 3, 0.22),
    ),
    # A body that trickles in past the attempt's bound (timeout=0.5), then a good answer.
    Fault("trickle-body-once", once(trickle), Expect(None, 2, 0.5), client={"timeout": 0.5}),
    Fault(
        "trickle-body-always",
        always(trickle),
        Expect(OcrTimeoutError, 1, 0.5, 3.0),
        client={"timeout": 0.5},
        policy={"max_attempts": 1},
    ),
    # The server accepts and never answers: each attempt ends at the timeout.
    Fault(
        "silent-always",
        always(lambda row: [Pause(10)]),
        Expect(OcrTimeoutError, 2, 1.0, 4.0),
        client={"timeout": 0.5},
        policy={"max_attempts": 2},
    ),
    # --- what the answer says ---------------------------------------------------------------------
    Fault("truncated-json", always(truncated_json), Expect(MalformedResponseError, 1)),
    Fault("empty-200", always(lambda row: raw_answer(200, b"")), Expect(MalformedResponseError, 1)),
    Fault(
        "html-200",
        always(lambda row: raw_answer(200, b"<html><title>Portal</title></html>", content_type="text/html")),
        Expect(MalformedResponseError, 1),
    ),
    Fault(
        "json-labelled-text-plain",
        always(lambda row: raw_answer(200, body_of(row), content_type="text/plain")),
        Expect(None, 1),
    ),
    Fault(
        "json-array-200",
        always(lambda row: raw_answer(200, b"[1, 2, 3]")),
        Expect(MalformedResponseError, 1),
    ),
    Fault("bad-gzip", always(bad_gzip), Expect(MalformedResponseError, 1)),
    Fault("too-large", always(declared_too_large), Expect(MalformedResponseError, 1)),
    # --- error statuses ---------------------------------------------------------------------------
    Fault("html-502-once", once(html_502), Expect(None, 2, 0.07)),
    Fault("html-502-always", always(html_502), Expect(ServiceError, 3, 0.22)),
    Fault("500-once", once(error_500), Expect(None, 2, 0.07)),
    Fault(
        "404",
        always(lambda row: json_answer(404, {"error": {"code": "NotFound", "message": "no"}})),
        Expect(NotFoundError, 1),
    ),
    Fault(
        "401",
        always(lambda row: json_answer(401, {"error": {"code": "Unauthorized", "message": "bad key"}})),
        Expect(AuthenticationError, 1),
    ),
    # --- throttling -------------------------------------------------------------------------------
    Fault("429-retry-after-1-once", once(throttled("1")), Expect(None, 2, 0.95, 4.0)),
    Fault("429-no-retry-after-once", once(throttled(None)), Expect(None, 2)),
    Fault(
        "429-retry-after-3600",
        always(throttled("3600")),
        Expect(RateLimitError, 1, 0.0, 3.0),
    ),
    Fault(
        "429-no-retry-after-always",
        always(throttled(None)),
        # After an accepted submit, a throttle makes the limiter pace at 0.9 x the accepted rate
        # (about one request per second): slower, never faster.
        Expect(RateLimitError, 3, 0.0, 5.0),
        policy={"throttle_retries": 2},
    ),
    # --- provider-specific throttling answers -----------------------------------------------------
    Fault(
        "tencent-code-15-once",
        once(lambda row: json_answer(200, {"code": 15, "message": "request too frequent"})),
        Expect(None, 2),
        rows=("tencent",),
    ),
    Fault(
        "huawei-apig-0308-once",
        once(
            lambda row: json_answer(
                400, {"error_code": "APIG.0308", "error_msg": "throttled"}, {"Retry-After": "1"}
            )
        ),
        Expect(None, 2, 0.95, 4.0),
        rows=("huawei",),
    ),
)


@dataclass
class Cell:
    row: Row
    mode: Mode
    problem: str | None = None


async def run_cell(cell: Cell, fault: Fault) -> None:
    """One facade in one mode against its own scripted server; records what did not match."""
    row, expect = cell.row, fault.expected(cell.row)
    policy = RetryPolicy(**{"base_backoff": 0.1, **fault.policy})
    with ScriptedServer(row.handler(fault.answers(row))) as server:
        outcome = await run_anywhere(row, cell.mode, server.url, retry=policy, **fault.client)
        requests = server.count(method=row.result_method, path=row.result_path)
        others = server.count() - requests
    error = outcome.error
    problems = []
    if expect.error is None and (error is not None or outcome.value is None):
        problems.append(f"expected success, got {error!r}")
    if expect.error is not None:
        if type(error) is not expect.error:
            problems.append(f"expected {expect.error.__name__}, got {error!r}")
        elif row.long_running and (error.operation_id != "op-1" or error.continuation_token is None):
            # Every error after the operation was accepted reaches it.
            problems.append(f"no operation id or continuation token on {error!r}")
    if requests != expect.requests:
        problems.append(f"{requests} requests, expected {expect.requests}")
    if others != row.fixed_requests:  # the Azure submit: exactly once, whatever the poll's fate
        problems.append(f"{others} requests on other routes, expected {row.fixed_requests}")
    if not expect.min_elapsed <= outcome.elapsed <= expect.max_elapsed:
        problems.append(f"took {outcome.elapsed:.2f} s, expected {expect.min_elapsed}-{expect.max_elapsed} s")
    cell.problem = "; ".join(problems) or None


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
async def test_fault_matrix(fault: Fault) -> None:
    """Every facade x {sync, async} against ``fault``, run concurrently (each with its own server)."""
    cells = [
        Cell(row, mode) for row in ROWS if fault.rows is None or row.name in fault.rows for mode in MODES
    ]
    await asyncio.gather(*(run_cell(cell, fault) for cell in cells))
    failures = {f"{cell.row.name}/{cell.mode}": cell.problem for cell in cells if cell.problem}
    assert failures == {}


def test_the_matrix_covers_every_facade_and_fault() -> None:
    cells = [
        (row.name, fault.name)
        for fault in FAULTS
        for row in ROWS
        if fault.rows is None or row.name in fault.rows
    ]
    assert len(cells) >= 4 * (len(FAULTS) - 2)
    assert {row.name for row in ROWS} >= {"azure-read", "azure-ocr", "huawei", "tencent"}
    assert len({fault.name for fault in FAULTS}) == len(FAULTS)

"""Issue 9, "Hangs": nothing a server does keeps a call beyond its bounds.

* A body that trickles in (1 byte every 0.5 s) against ``timeout=2``: every facade, sync and async,
  ends at about the timeout with OcrTimeoutError; with retries, the call's overall deadline holds
  while a body is being read.
* Polls answering 429 with ``Retry-After: 3600``: ``read()`` without a timeout ends at once with
  RateLimitError(retry_after=3600) and the continuation token (the cap: RetryPolicy.max_retry_after).
* ``Retry-After`` of 0, negative, or a date in the past: retried after the floor
  (RetryPolicy.min_retry_after), never in a tight loop; pending polls keep their shortest gap.

The slow cases of every facade run concurrently (each against its own scripted server), so the suite
pays about one timeout for all of them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from handwriting_ocr.errors import OcrTimeoutError, RateLimitError
from handwriting_ocr.retries import RetryPolicy

from tests.hardening._facades import (
    AZURE_IMAGE_ANALYSIS,
    AZURE_OCR,
    AZURE_READ,
    AZURE_READ_V3,
    HUAWEI,
    IMAGE,
    MODES,
    ROWS,
    TENCENT,
    TENCENT_V3,
    Mode,
    Outcome,
    Row,
    call_with,
    close,
    run,
    run_anywhere,
)
from tests.hardening._server import (
    Answer,
    ScriptedServer,
    Seen,
    Send,
    Trickle,
    head,
    http_date,
    json_answer,
)


def trickling(row: Row) -> Any:
    body = json.dumps(row.good).encode()

    def answer(_n: int, _seen: Seen) -> Answer:
        # Headers at once, then the body one byte every 0.5 s (it would take minutes in full).
        return [
            Send(head(200, {"Content-Type": "application/json"}, length=len(body))),
            Trickle(body, every=0.5),
        ]

    return answer


@dataclass
class Case:
    row: Row
    mode: Mode
    outcome: Outcome | None = None
    requests: int = 0


async def run_concurrently(cases: Sequence[Case], answers: Any, **kwargs: Any) -> None:
    """Run every case against its own server at the same time (sync ones in threads)."""

    async def one(case: Case) -> None:
        with ScriptedServer(case.row.handler(answers(case.row))) as server:
            case.outcome = await run_anywhere(case.row, case.mode, server.url, **kwargs)
            case.requests = server.count(method=case.row.result_method, path=case.row.result_path)

    await asyncio.gather(*(one(case) for case in cases))


def every_facade() -> list[Case]:
    return [Case(row, mode) for row in ROWS for mode in MODES]


async def test_a_trickling_body_ends_every_facade_at_its_timeout() -> None:
    cases = every_facade()
    await run_concurrently(cases, trickling, timeout=2.0, retry=RetryPolicy(max_attempts=1))
    problems: list[tuple[object, ...]] = []
    for case in cases:
        assert case.outcome is not None
        error, elapsed = case.outcome.error, case.outcome.elapsed
        if not isinstance(error, OcrTimeoutError) or not 1.9 <= elapsed <= 3.5 or case.requests != 1:
            problems.append((case.row.name, case.mode, repr(error), round(elapsed, 2), case.requests))
        # Azure: the operation was accepted before its poll trickled, and the error still reaches it.
        elif case.row.long_running and (error.continuation_token is None or error.operation_id != "op-1"):
            problems.append((case.row.name, case.mode, "no token", repr(error)))
    assert not problems


async def test_the_overall_deadline_holds_while_a_body_is_read() -> None:
    # Each attempt may take 2 s; the call's deadline is 3 s: the second attempt is cut at the deadline
    # in the middle of its body, and no third one starts.
    cases = every_facade()
    await run_concurrently(cases, trickling, timeout=2.0, retry=RetryPolicy(deadline=3.0))
    problems = []
    for case in cases:
        assert case.outcome is not None
        error, elapsed = case.outcome.error, case.outcome.elapsed
        if not isinstance(error, OcrTimeoutError) or not 2.9 <= elapsed <= 4.5 or case.requests != 2:
            problems.append((case.row.name, case.mode, repr(error), round(elapsed, 2), case.requests))
    assert not problems


def trickling_headers(row: Row) -> Any:
    body = json.dumps(row.good).encode()

    def answer(_n: int, _seen: Seen) -> Answer:
        # The status line and headers themselves, one byte every 0.3 s (about 20 s in all).
        return [
            Trickle(head(200, {"Content-Type": "application/json"}, length=len(body)), every=0.3),
            Send(body),
        ]

    return answer


async def test_trickling_headers_end_every_facade_at_its_timeout() -> None:
    # httpx's read timeout bounds each read, and each byte comes well within it: only a deadline on
    # the whole attempt ends this (for the facades' own transport, sync and async).
    cases = every_facade()
    await run_concurrently(cases, trickling_headers, timeout=1.0, retry=RetryPolicy(max_attempts=1))
    problems = []
    for case in cases:
        assert case.outcome is not None
        error, elapsed = case.outcome.error, case.outcome.elapsed
        if not isinstance(error, OcrTimeoutError) or not 0.9 <= elapsed <= 2.5 or case.requests != 1:
            problems.append((case.row.name, case.mode, repr(error), round(elapsed, 2), case.requests))
    assert not problems


def throttled_polls(_row: Row) -> Any:
    def answer(_n: int, _seen: Seen) -> Answer:
        return json_answer(
            429, {"error": {"code": "429", "message": "Rate limit is exceeded."}}, {"Retry-After": "3600"}
        )

    return answer


@pytest.mark.parametrize("mode", MODES)
async def test_polls_throttled_for_an_hour_end_at_once_with_the_token(mode: Mode) -> None:
    with ScriptedServer(AZURE_READ.handler(throttled_polls(AZURE_READ))) as server:
        outcome = await run(AZURE_READ, mode, server.url)  # read() with no timeout, default policy
        polls = server.count(method="GET")
    error = outcome.error
    assert isinstance(error, RateLimitError), repr(error)
    assert error.retry_after == 3600
    assert error.operation_id == "op-1" and error.continuation_token is not None
    assert polls == 1
    assert outcome.elapsed < 1.5


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("row", [AZURE_OCR, HUAWEI, TENCENT], ids=lambda row: row.name)
async def test_a_retry_after_beyond_the_cap_is_returned_at_once(mode: Mode, row: Row) -> None:
    def answer(_n: int, _seen: Seen) -> Answer:
        return json_answer(429, {"message": "throttled"}, {"Retry-After": "120"})

    with ScriptedServer(row.handler(answer)) as server:
        outcome = await run(row, mode, server.url)
        calls = server.count(method=row.result_method, path=row.result_path)
    assert isinstance(outcome.error, RateLimitError), repr(outcome.error)
    assert outcome.error.retry_after == 120
    assert calls == 1
    assert outcome.elapsed < 1.5


#: The shortest gap between two polls (handwriting_ocr.polling.learning.MIN_GAP).
MIN_GAP = 0.05


def gaps(requests: Sequence[Seen]) -> list[float]:
    return [later.at - earlier.at for earlier, later in itertools.pairwise(requests)]


def retry_after_values() -> dict[str, str]:
    return {"zero": "0", "negative": "-30", "past-date": http_date(time.time() - 3600)}


FLOOR_CASES = [
    (AZURE_READ, "zero"),
    (AZURE_OCR, "negative"),
    (HUAWEI, "past-date"),
    (TENCENT, "zero"),
    (TENCENT, "past-date"),
    (AZURE_READ_V3, "negative"),
    (AZURE_IMAGE_ANALYSIS, "past-date"),
    (TENCENT_V3, "zero"),
]


async def test_a_retry_after_of_now_waits_the_floor() -> None:
    # Every facade, sync and async, throttled with a Retry-After that means "now" (0, negative, a past
    # date): two throttled retries, each after at least the 0.5 s floor. Run concurrently.
    async def one(row: Row, value: str, mode: Mode) -> tuple[object, ...] | None:
        header = retry_after_values()[value]

        def answer(_n: int, _seen: Seen) -> Answer:
            return json_answer(429, {"message": "throttled"}, {"Retry-After": header})

        with ScriptedServer(row.handler(answer)) as server:
            policy = RetryPolicy(throttle_retries=2)
            outcome = await run_anywhere(row, mode, server.url, retry=policy)
            seen = [
                s
                for s in server.requests
                if s.method == row.result_method and s.path.startswith(row.result_path)
            ]
        ok = (
            isinstance(outcome.error, RateLimitError)
            and len(seen) == 3  # the first try and two throttled retries, no more
            and min(gaps(seen)) >= 0.45  # the 0.5 s floor (minus clock slack), never a tight loop
            # The floors, plus the limiter's own slowing down after repeated throttles (it paces at
            # 0.9 x the accepted rate, which is low when little was accepted).
            and outcome.elapsed < 8.0
        )
        return (
            None
            if ok
            else (row.name, value, mode, repr(outcome.error), len(seen), gaps(seen), outcome.elapsed)
        )

    results = await asyncio.gather(*(one(row, value, mode) for row, value in FLOOR_CASES for mode in MODES))
    assert [problem for problem in results if problem is not None] == []


@pytest.mark.parametrize("mode", MODES)
async def test_pending_polls_with_retry_after_0_keep_the_shortest_gap(mode: Mode) -> None:
    def answer(_n: int, _seen: Seen) -> Answer:
        return json_answer(200, {"status": "Running"}, {"Retry-After": "0"})

    with ScriptedServer(AZURE_READ.handler(answer)) as server:
        client = AZURE_READ.make(mode, server.url)
        outcome = await call_with(client, lambda c: read_v2(c)(IMAGE, timeout=1.0))
        await close(client)
        polls = [s for s in server.requests if s.method == "GET"]
    assert isinstance(outcome.error, OcrTimeoutError), repr(outcome.error)
    assert "Running" in str(outcome.error)
    # A "now" from the server is never a tight loop: at most one poll per 50 ms (MIN_GAP).
    assert 2 <= len(polls) <= 1.0 / MIN_GAP + 2
    assert min(gaps(polls)) >= MIN_GAP * 0.8


def read_v2(client: Any) -> Any:
    return client.read_v2 if hasattr(client, "read_v2") else client.read

"""The batch core: bounded concurrency, and one record per input whatever happens."""

from __future__ import annotations

import asyncio

import pytest
from handwriting_ocr.cli.batch import BatchResults, Outcome, run_batch
from handwriting_ocr.errors import AuthenticationError


def _ok(index: int, name: str) -> Outcome:
    return Outcome(index, name, "ok", files=(f"{name}.txt",))


async def test_never_more_than_concurrency_in_flight_and_all_recorded_in_order() -> None:
    names = [f"img{i}" for i in range(10)]
    results = BatchResults(names)
    in_flight = peak = 0
    finished: list[int] = []

    async def work(index: int) -> Outcome:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.001 * (10 - index))
        in_flight -= 1
        return _ok(index, names[index])

    await run_batch(results, work, concurrency=3, on_done=lambda o: finished.append(o.index))
    assert peak == 3
    assert sorted(finished) == list(range(10))
    assert [o.input for o in results.outcomes()] == names
    assert all(o.status == "ok" for o in results.outcomes())


async def test_failures_of_any_kind_become_records_and_the_batch_goes_on() -> None:
    names = ["a", "b", "c", "d"]
    results = BatchResults(names, environ={"AZURE_VISION_KEY": "k3y-s3cret"})

    async def work(index: int) -> Outcome:
        if index == 1:
            raise AuthenticationError("key k3y-s3cret rejected", provider="azure", status_code=401)
        if index == 2:
            raise RuntimeError("boom\nsecond line")
        return _ok(index, names[index])

    await run_batch(results, work, concurrency=2)
    outcomes = results.outcomes()
    assert [o.status for o in outcomes] == ["ok", "error", "error", "ok"]
    assert outcomes[1].error_type == "AuthenticationError"
    assert outcomes[1].error_message == "[azure, HTTP 401] key *** rejected"
    assert outcomes[2].error_type == "RuntimeError"
    assert outcomes[2].error_message == "unexpected RuntimeError: boom second line"
    assert outcomes[1].to_json() == {
        "input": "b",
        "status": "error",
        "error": {"type": "AuthenticationError", "message": "[azure, HTTP 401] key *** rejected"},
    }


async def test_cancellation_leaves_every_input_recorded() -> None:
    names = [f"img{i}" for i in range(6)]
    results = BatchResults(names)
    two_done = asyncio.Event()
    done = 0

    async def work(index: int) -> Outcome:
        nonlocal done
        if index >= 2:
            await asyncio.sleep(3600)  # never finishes on its own
        done += 1
        if done == 2:
            two_done.set()
        return _ok(index, names[index])

    task = asyncio.create_task(run_batch(results, work, concurrency=3))
    await two_done.wait()
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    outcomes = results.outcomes()
    assert [o.input for o in outcomes] == names
    assert [o.status for o in outcomes] == ["ok", "ok", "cancelled", "cancelled", "cancelled", "cancelled"]
    assert outcomes[3].to_json() == {
        "input": "img3",
        "status": "cancelled",
        "error": {"type": "CancelledError", "message": "not finished: the run was interrupted"},
    }


async def test_concurrency_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        await run_batch(BatchResults(["a"]), lambda i: asyncio.sleep(0, _ok(i, "a")), concurrency=0)

"""The batch engines on their own (no network): exactly once, laziness, fixed workers, cancellation."""

from __future__ import annotations

import _thread
import asyncio
import random
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator

import pytest
from handwriting_ocr.batch import AsyncBatch, Batch, BatchCancelledError, BatchOutcome, Checkpoint
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import BadRequestError, OcrError, OcrTimeoutError

DOC = Document(provider="huawei", shape="huawei")


def fake_document(item: int) -> Document:
    return Document(provider="huawei", shape="huawei", extras={"n": item})


class Inputs:
    """A generator of ``count`` ints that remembers how many were pulled."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.pulled = 0

    def __iter__(self) -> Iterator[int]:
        for n in range(self.count):
            self.pulled += 1
            yield n


def assert_exactly_once(outcomes: list[BatchOutcome[int]], count: int) -> None:
    assert sorted(o.index for o in outcomes) == list(range(count))
    assert all(o.input == o.index for o in outcomes)  # the inputs here are their own positions


# --- async -------------------------------------------------------------------------------------------


async def test_async_every_input_exactly_once_with_failures_as_outcomes() -> None:
    rng = random.Random(3)
    delays = [rng.uniform(0, 0.003) for _ in range(500)]

    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        await asyncio.sleep(delays[item])
        if item % 7 == 0:
            raise BadRequestError("bad image", provider="huawei")
        if item % 11 == 0:
            raise ValueError("a bug")  # an unexpected exception is that input's error, not the batch's
        return fake_document(item)

    outcomes = [o async for o in AsyncBatch(Inputs(500), recognize, concurrency=16)]
    assert_exactly_once(outcomes, 500)
    by_status = Counter(o.status for o in outcomes)
    failing = {n for n in range(500) if n % 7 == 0 or n % 11 == 0}
    assert by_status == {"ok": 500 - len(failing), "error": len(failing)}
    for o in outcomes:
        if o.status == "ok":
            assert o.result().extras == {"n": o.index}
        else:
            assert isinstance(o.error, OcrError)
            with pytest.raises(OcrError):
                o.result()
    bug = next(o for o in outcomes if o.index == 11)
    assert bug.error is not None and "ValueError" in bug.error.message


async def test_async_inputs_are_read_lazily_with_a_fixed_number_of_tasks() -> None:
    inputs = Inputs(20_000)
    concurrency = 8
    peak_tasks = 0
    ahead = 0

    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        nonlocal peak_tasks
        peak_tasks = max(peak_tasks, len(asyncio.all_tasks()))
        await asyncio.sleep(0)
        return DOC

    seen = 0
    async for _ in AsyncBatch(inputs, recognize, concurrency=concurrency):
        seen += 1
        ahead = max(ahead, inputs.pulled - seen)
    assert seen == 20_000
    # The caller's task, one feeder and the workers; inputs pulled ahead stay within the queues.
    assert peak_tasks <= concurrency + 2
    assert ahead <= 3 * concurrency + 2


async def test_async_reads_async_inputs() -> None:
    async def inputs() -> AsyncIterator[int]:
        for n in range(50):
            await asyncio.sleep(0)
            yield n

    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        return fake_document(item)

    outcomes = [o async for o in AsyncBatch(inputs(), recognize, concurrency=4)]
    assert_exactly_once(outcomes, 50)


async def test_async_cancel_accounts_for_every_input() -> None:
    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        if item % 3 == 0:
            checkpoint.accepted(f"token-{item}")  # an accepted operation: the token must survive
        await asyncio.sleep(0.01 if item < 20 else 10)
        return fake_document(item)

    run = AsyncBatch(Inputs(1000), recognize, concurrency=8)
    outcomes: list[BatchOutcome[int]] = []
    async for outcome in run:
        outcomes.append(outcome)
        if len(outcomes) == 10:
            run.cancel()
    assert_exactly_once(outcomes, 1000)
    cancelled = [o for o in outcomes if o.status == "cancelled"]
    assert len(cancelled) == 1000 - sum(o.status == "ok" for o in outcomes)
    assert all(isinstance(o.error, BatchCancelledError) for o in cancelled)
    started = [
        o for o in cancelled if o.index >= 20 and o.index % 3 == 0 and o.error and o.error.continuation_token
    ]
    assert started  # inputs cancelled after their operation was accepted keep the token
    assert all(o.error is not None and o.error.continuation_token == f"token-{o.index}" for o in started)


async def test_async_cancelling_the_reader_cancels_the_batch_and_the_rest_is_still_reported() -> None:
    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        await asyncio.sleep(0.002 if item < 30 else 30)
        return fake_document(item)

    run = AsyncBatch(Inputs(300), recognize, concurrency=6)
    outcomes: list[BatchOutcome[int]] = []

    async def read() -> None:
        async for outcome in run:
            outcomes.append(outcome)

    task = asyncio.create_task(read())
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async for outcome in run:  # iterating on after the cancellation: the unfinished ones
        outcomes.append(outcome)
    assert_exactly_once(outcomes, 300)
    assert Counter(o.status for o in outcomes) == {"ok": 30, "cancelled": 270}


async def test_async_timeout_per_input() -> None:
    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        checkpoint.accepted(f"t{item}")
        await asyncio.sleep(5 if item == 1 else 0)
        return DOC

    outcomes = {o.index: o async for o in AsyncBatch(range(3), recognize, concurrency=3, timeout=0.2)}
    assert outcomes[1].status == "error"
    assert isinstance(outcomes[1].error, OcrTimeoutError)
    assert outcomes[1].error.continuation_token == "t1"
    assert outcomes[0].ok and outcomes[2].ok


async def test_async_failing_inputs_raise_after_what_was_taken_is_reported() -> None:
    def inputs() -> Iterator[int]:
        yield from range(5)
        raise OSError("the folder went away")

    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        return DOC

    outcomes: list[BatchOutcome[int]] = []
    with pytest.raises(OSError, match="went away"):
        async for outcome in AsyncBatch(inputs(), recognize, concurrency=2):
            outcomes.append(outcome)
    assert_exactly_once(outcomes, 5)


# --- threads -----------------------------------------------------------------------------------------


def test_threads_every_input_exactly_once() -> None:
    def recognize(item: int, checkpoint: Checkpoint) -> Document:
        time.sleep(random.uniform(0, 0.002))
        if item % 5 == 0:
            raise BadRequestError("bad", provider="tencent")
        return fake_document(item)

    outcomes = list(Batch(Inputs(400), recognize, concurrency=8))
    assert_exactly_once(outcomes, 400)
    assert Counter(o.status for o in outcomes) == {"ok": 320, "error": 80}


def test_threads_read_lazily_with_a_fixed_number_of_threads() -> None:
    inputs = Inputs(20_000)
    before = threading.active_count()
    peak = 0
    ahead = 0

    def recognize(item: int, checkpoint: Checkpoint) -> Document:
        return DOC

    seen = 0
    for _ in Batch(inputs, recognize, concurrency=6):
        seen += 1
        peak = max(peak, threading.active_count() - before)
        ahead = max(ahead, inputs.pulled - seen)
    assert seen == 20_000
    assert peak <= 6
    assert ahead <= 2 * 6 + 2


def test_threads_cancel_accounts_for_every_input() -> None:
    release = threading.Event()

    def recognize(item: int, checkpoint: Checkpoint) -> Document:
        if item >= 12:
            release.wait(5)
        return fake_document(item)

    run = Batch(Inputs(500), recognize, concurrency=4)
    outcomes: list[BatchOutcome[int]] = []
    for outcome in run:
        outcomes.append(outcome)
        if len(outcomes) == 8:
            run.cancel()
    release.set()
    assert_exactly_once(outcomes, 500)
    assert Counter(o.status for o in outcomes)["cancelled"] == 500 - sum(o.ok for o in outcomes)


def test_threads_ctrl_c_cancels_and_the_rest_is_still_reported() -> None:
    def recognize(item: int, checkpoint: Checkpoint) -> Document:
        time.sleep(0.005 if item < 40 else 2)
        return fake_document(item)

    run = Batch(Inputs(200), recognize, concurrency=4)
    outcomes: list[BatchOutcome[int]] = []
    timer = threading.Timer(0.4, _thread.interrupt_main)
    timer.start()
    try:
        for outcome in run:
            outcomes.append(outcome)
    except KeyboardInterrupt:
        outcomes.extend(run)  # iterating on after Ctrl-C: the unfinished ones, as cancelled
    finally:
        timer.cancel()
    assert_exactly_once(outcomes, 200)
    statuses = Counter(o.status for o in outcomes)
    assert statuses["cancelled"] > 0 and statuses["ok"] + statuses["cancelled"] == 200


def test_threads_failing_inputs_raise_after_what_was_taken_is_reported() -> None:
    def inputs() -> Iterator[int]:
        yield from range(7)
        raise OSError("disk error")

    outcomes: list[BatchOutcome[int]] = []
    with pytest.raises(OSError, match="disk error"):
        for outcome in Batch(inputs(), lambda item, checkpoint: DOC, concurrency=3):
            outcomes.append(outcome)
    assert_exactly_once(outcomes, 7)


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_concurrency_must_be_a_positive_integer(bad: object) -> None:
    from handwriting_ocr.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="concurrency"):
        Batch([1], lambda item, checkpoint: DOC, concurrency=bad)  # type: ignore[arg-type]


async def test_async_cancel_from_another_task_wakes_the_reader() -> None:
    async def recognize(item: int, checkpoint: Checkpoint) -> Document:
        await asyncio.sleep(30)
        return DOC

    run = AsyncBatch(Inputs(20), recognize, concurrency=4)
    outcomes: list[BatchOutcome[int]] = []

    async def read() -> None:
        async for outcome in run:
            outcomes.append(outcome)

    reader = asyncio.create_task(read())
    await asyncio.sleep(0.1)  # the reader is waiting in __anext__, the workers on their inputs
    run.cancel()
    await asyncio.wait_for(reader, timeout=5)
    assert_exactly_once(outcomes, 20)
    assert {o.status for o in outcomes} == {"cancelled"}

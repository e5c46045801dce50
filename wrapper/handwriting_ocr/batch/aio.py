"""The asyncio batch: a fixed pool of tasks, lazy inputs, outcomes as they finish.

::

    run = AsyncBatch(inputs, recognize, concurrency=16)
    async for outcome in run:
        ...

One feeder task takes inputs one at a time (an ``Iterable`` or an ``AsyncIterable``) into a queue of
``concurrency`` places; ``concurrency`` worker tasks take them from there; outcomes wait in a queue of
``concurrency`` places for the caller. So a batch of 100,000 inputs holds ``concurrency + 1`` tasks and
at most about ``3 * concurrency`` inputs and outcomes at any time, however fast or slow the caller
reads. If the caller stops reading, the batch stops taking inputs.

Cancellation: :meth:`AsyncBatch.cancel`, or the caller's task being cancelled while it waits for the
next outcome (Ctrl-C under ``asyncio.run``, a timeout around the loop). The workers are cancelled;
iterating on (also from an ``except CancelledError`` block) yields the outcomes already finished, then
one ``cancelled`` outcome for every input not finished (taken or not), then ends: every input is
accounted for exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from handwriting_ocr.batch._common import Checkpoint, Job, Ledger
from handwriting_ocr.batch.outcome import BatchOutcome
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    from handwriting_ocr.batch.journal import Journal
    from handwriting_ocr.documents import Document

__all__ = ["AsyncBatch", "AsyncRecognize"]

I = TypeVar("I")  # noqa: E741

#: Recognise one input; ``Checkpoint`` carries a token to resume and takes the token of an accepted
#: operation (Azure) as soon as there is one.
AsyncRecognize = Callable[[I, Checkpoint], Awaitable["Document"]]

_DONE: Final = object()
#: Put by cancel() for a reader waiting in another task: look again (at the cancelled outcomes).
_WAKE: Final = object()


def check_concurrency(concurrency: int) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidInputError("concurrency must be an integer of at least 1", field="concurrency")
    return concurrency


def check_timeout(timeout: float | None) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise InvalidInputError("timeout must be None or a positive number of seconds", field="timeout")
    return float(timeout)


class AsyncBatch(Generic[I]):
    """An async iterator of one :class:`BatchOutcome` per input; see the module docstring."""

    def __init__(
        self,
        inputs: Iterable[I] | AsyncIterable[I],
        recognize: AsyncRecognize[I],
        *,
        concurrency: int = 8,
        timeout: float | None = None,
        journal: Journal | None = None,
        scope: str = "",
        close_journal: bool = False,
        identify: Callable[[I], str | None] | None = None,
    ) -> None:
        self._inputs = inputs
        self._recognize = recognize
        self._concurrency = check_concurrency(concurrency)
        self._ledger: Ledger[I] = Ledger(
            journal, scope, check_timeout(timeout), close_journal=close_journal, identify=identify
        )
        self._started = False
        self._finished = False
        self._tasks: list[asyncio.Task[None]] = []
        self._jobs: asyncio.Queue[Job[I] | None] | None = None
        self._outcomes: asyncio.Queue[BatchOutcome[I] | object] | None = None
        self._sync_iter: Iterator[I] | None = None
        self._async_iter: AsyncIterator[I] | None = None
        self._backlog: list[BatchOutcome[I]] = []
        self._workers_left = 0
        #: An exception the caller's inputs raised: raised to the caller once the rest is reported.
        self._input_error: BaseException | None = None

    # --- the iterator ---------------------------------------------------------------------------------

    def __aiter__(self) -> AsyncBatch[I]:
        return self

    async def __anext__(self) -> BatchOutcome[I]:
        if not self._started:
            self._start()
        while True:
            if self._backlog:
                outcome = self._backlog.pop(0)
                if self._ledger.report(outcome):
                    return outcome
                continue
            if self._finished:
                self._ledger.end()
                if self._input_error is not None:
                    error, self._input_error = self._input_error, None
                    raise error
                raise StopAsyncIteration
            if self._ledger.cancelled:
                await self._fill_cancelled()
                continue
            assert self._outcomes is not None
            try:
                got = await self._outcomes.get()
            except asyncio.CancelledError:
                self.cancel()
                raise
            if got is _DONE:
                self._finished = True
                continue
            if got is _WAKE:
                continue
            assert isinstance(got, BatchOutcome)
            if self._ledger.report(got):
                return got

    def cancel(self) -> None:
        """Stop: no new input is started; the rest of the iteration reports every unfinished one."""
        if self._ledger.cancelled:
            return
        for task in self._tasks:
            task.cancel()
        # Outcomes already finished are reported as they are, before the cancelled ones.
        if self._outcomes is not None:
            while not self._outcomes.empty():
                got = self._outcomes.get_nowait()
                if isinstance(got, BatchOutcome):
                    self._backlog.append(got)
        finished = {outcome.index for outcome in self._backlog}
        self._backlog.extend(self._ledger.cancel_unreported(finished))
        if not self._started:
            self._start(spawn=False)
        if self._outcomes is not None:
            # A reader blocked in __anext__ (another task) must wake up to report them: the queue
            # was just emptied, so there is room.
            self._outcomes.put_nowait(_WAKE)

    async def aclose(self) -> None:
        """Cancel the batch and wait for its tasks (without reporting anything)."""
        self.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._finished = True
        self._ledger.end()

    async def __aenter__(self) -> AsyncBatch[I]:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- inside ----------------------------------------------------------------------------------------

    def _start(self, *, spawn: bool = True) -> None:
        self._started = True
        if isinstance(self._inputs, AsyncIterable):
            self._async_iter = aiter(self._inputs)
        else:
            self._sync_iter = iter(self._inputs)
        if not spawn:
            return
        self._jobs = asyncio.Queue(maxsize=self._concurrency)
        self._outcomes = asyncio.Queue(maxsize=self._concurrency)
        self._workers_left = self._concurrency
        self._tasks = [asyncio.create_task(self._feed(), name="batch-feeder")]
        self._tasks += [
            asyncio.create_task(self._work(), name=f"batch-worker-{n}") for n in range(self._concurrency)
        ]

    async def _next_input(self) -> tuple[bool, I | None]:
        if self._async_iter is not None:
            try:
                return True, await anext(self._async_iter)
            except StopAsyncIteration:
                return False, None
        assert self._sync_iter is not None
        try:
            return True, next(self._sync_iter)
        except StopIteration:
            return False, None

    async def _feed(self) -> None:
        assert self._jobs is not None and self._outcomes is not None
        try:
            while True:
                more, item = await self._next_input()
                if not more:
                    break
                taken = self._ledger.take(item)  # type: ignore[arg-type]
                if isinstance(taken, BatchOutcome):
                    await self._outcomes.put(taken)
                else:
                    await self._jobs.put(taken)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the caller's inputs failed: finish what was taken, then raise it
            self._input_error = error
        if not self._ledger.cancelled:
            for _ in range(self._concurrency):
                await self._jobs.put(None)

    async def _work(self) -> None:
        assert self._jobs is not None and self._outcomes is not None
        try:
            while (job := await self._jobs.get()) is not None:
                outcome = await self._run(job)
                await self._outcomes.put(outcome)
        finally:
            self._workers_left -= 1
            if self._workers_left == 0 and not self._ledger.cancelled:
                await self._outcomes.put(_DONE)

    async def _run(self, job: Job[I]) -> BatchOutcome[I]:
        checkpoint = self._ledger.checkpoint(job)
        try:
            if checkpoint.deadline is None:
                document = await self._recognize(job.item, checkpoint)
            else:
                async with asyncio.timeout(checkpoint.deadline):
                    document = await self._recognize(job.item, checkpoint)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # every failure of one input is that input's outcome
            return self._ledger.failed(job, error)
        return self._ledger.succeeded(job, document)

    async def _fill_cancelled(self) -> None:
        """After a cancel: one cancelled outcome for the next input never taken, or the end."""
        more, item = await self._next_input()
        if not more:
            self._finished = True
            return
        taken = self._ledger.take(item)  # type: ignore[arg-type]
        if isinstance(taken, BatchOutcome):
            self._backlog.append(taken)
        else:
            self._backlog.append(self._ledger.cancelled_outcome(taken))

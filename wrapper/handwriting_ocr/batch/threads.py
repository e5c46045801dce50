"""The blocking batch: a fixed pool of threads, lazy inputs, outcomes as they finish.

::

    for outcome in Batch(inputs, recognize, concurrency=8):
        ...

``concurrency`` worker threads take inputs one at a time from the caller's iterable (under a lock, so
it is read lazily from one thread at a time) and put outcomes in a queue of ``concurrency`` places
that the caller reads. A batch of 100,000 inputs holds ``concurrency`` threads and at most about
``2 * concurrency`` inputs and outcomes at any time; if the caller stops reading, the workers stop
taking inputs.

Cancellation: :meth:`Batch.cancel`, or ``KeyboardInterrupt`` (Ctrl-C) while the caller waits for the
next outcome. No new input is started (a request already on the wire finishes in its thread, and its
result is dropped); iterating on (also from an ``except KeyboardInterrupt`` block) yields the outcomes
already finished, then one ``cancelled`` outcome for every input not finished, then ends.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from handwriting_ocr.batch._common import Checkpoint, Job, Ledger
from handwriting_ocr.batch.aio import check_concurrency, check_timeout
from handwriting_ocr.batch.outcome import BatchOutcome

if TYPE_CHECKING:
    from handwriting_ocr.batch.journal import Journal
    from handwriting_ocr.documents import Document

__all__ = ["Batch", "Recognize"]

I = TypeVar("I")  # noqa: E741

#: Recognise one input (see :data:`handwriting_ocr.batch.aio.AsyncRecognize`); ``Checkpoint.deadline``
#: is the batch's per-input timeout, which the function applies to its own waits.
Recognize = Callable[[I, Checkpoint], "Document"]

_DONE: Final = object()
#: How often the caller's wait wakes up, so that Ctrl-C is handled promptly on every platform.
_WAKE: Final = 0.2


class Batch(Generic[I]):
    """An iterator of one :class:`BatchOutcome` per input; see the module docstring."""

    def __init__(
        self,
        inputs: Iterable[I],
        recognize: Recognize[I],
        *,
        concurrency: int = 8,
        timeout: float | None = None,
        journal: Journal | None = None,
        scope: str = "",
        close_journal: bool = False,
        identify: Callable[[I], str | None] | None = None,
    ) -> None:
        self._inputs = iter(inputs)
        self._recognize = recognize
        self._concurrency = check_concurrency(concurrency)
        self._ledger: Ledger[I] = Ledger(
            journal, scope, check_timeout(timeout), close_journal=close_journal, identify=identify
        )
        self._outcomes: queue.Queue[BatchOutcome[I] | object] = queue.Queue(maxsize=self._concurrency)
        self._feed_lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._workers_left = 0
        self._count_lock = threading.Lock()
        self._started = False
        self._finished = False
        self._backlog: list[BatchOutcome[I]] = []
        self._input_error: BaseException | None = None

    # --- the iterator ---------------------------------------------------------------------------------

    def __iter__(self) -> Batch[I]:
        return self

    def __next__(self) -> BatchOutcome[I]:
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
                raise StopIteration
            if self._ledger.cancelled:
                self._fill_cancelled()
                continue
            try:
                got = self._outcomes.get(timeout=_WAKE)
            except queue.Empty:
                continue
            except KeyboardInterrupt:
                self.cancel()
                raise
            if got is _DONE:
                self._finished = True
                continue
            assert isinstance(got, BatchOutcome)
            if self._ledger.report(got):
                return got

    def cancel(self) -> None:
        """Stop: no new input is started; the rest of the iteration reports every unfinished one."""
        if self._ledger.cancelled:
            return
        self._stop.set()
        # Holding the feed lock, no worker is between taking an input and registering it.
        with self._feed_lock:
            while True:
                try:
                    got = self._outcomes.get_nowait()
                except queue.Empty:
                    break
                if isinstance(got, BatchOutcome):
                    self._backlog.append(got)
            finished = {outcome.index for outcome in self._backlog}
            self._backlog.extend(self._ledger.cancel_unreported(finished))
        self._started = True

    def close(self) -> None:
        """Cancel the batch (without reporting anything); running requests finish in their threads."""
        self.cancel()
        self._finished = True
        self._ledger.end()

    def __enter__(self) -> Batch[I]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- inside ----------------------------------------------------------------------------------------

    def _start(self) -> None:
        self._started = True
        self._workers_left = self._concurrency
        for number in range(self._concurrency):
            thread = threading.Thread(target=self._work, name=f"batch-worker-{number}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def _take(self) -> Job[I] | BatchOutcome[I] | None:
        with self._feed_lock:
            if self._stop.is_set():
                return None
            try:
                item = next(self._inputs)
            except StopIteration:
                return None
            except Exception as error:  # the caller's inputs failed: finish what was taken, then raise it
                self._input_error = error
                self._stop.set()
                return None
            return self._ledger.take(item)

    def _put(self, outcome: BatchOutcome[I]) -> None:
        # Wait for room, but give up once the batch is cancelled (the caller may not read any more).
        while not self._ledger.cancelled:
            try:
                self._outcomes.put(outcome, timeout=_WAKE)
                return
            except queue.Full:
                continue

    def _work(self) -> None:
        try:
            while (taken := self._take()) is not None:
                if isinstance(taken, BatchOutcome):
                    self._put(taken)
                    continue
                if self._ledger.cancelled:
                    return  # taken just before the cancel: reported as cancelled already
                outcome = self._run(taken)
                if self._ledger.cancelled:
                    return  # already reported as cancelled: the late result is dropped
                self._put(outcome)
        finally:
            with self._count_lock:
                self._workers_left -= 1
                last = self._workers_left == 0
            if last and not self._ledger.cancelled:
                while True:
                    try:
                        self._outcomes.put(_DONE, timeout=_WAKE)
                        break
                    except queue.Full:
                        if self._ledger.cancelled:
                            break

    def _run(self, job: Job[I]) -> BatchOutcome[I]:
        checkpoint = self._ledger.checkpoint(job)
        try:
            document = self._recognize(job.item, checkpoint)
        except Exception as error:  # every failure of one input is that input's outcome
            return self._ledger.failed(job, error)
        return self._ledger.succeeded(job, document)

    def _fill_cancelled(self) -> None:
        """After a cancel: one cancelled outcome for the next input never taken, or the end."""
        with self._feed_lock:
            try:
                item = next(self._inputs)
            except StopIteration:
                self._finished = True
                return
            except Exception as error:
                self._input_error = error
                self._finished = True
                return
            taken = self._ledger.take(item)
        if isinstance(taken, BatchOutcome):
            self._backlog.append(taken)
        else:
            self._backlog.append(self._ledger.cancelled_outcome(taken))

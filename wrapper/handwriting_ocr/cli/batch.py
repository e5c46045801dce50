"""Running many images with bounded concurrency, so that every input ends as exactly one record.

The core knows nothing about providers or files: it runs ``work(index)`` for each input, at most
``concurrency`` at a time, and turns whatever happens into an :class:`Outcome`. A failure of one
input (any ``Exception``) becomes that input's error record and the others go on; if the whole run
is cancelled (Ctrl-C), inputs that had not finished are recorded as ``cancelled``. Either way
:meth:`BatchResults.outcomes` has one record per input, in input order, for the summary.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Literal

import attrs

from handwriting_ocr.cli.errors import describe_error

__all__ = ["BatchResults", "Outcome", "OutcomeStatus", "run_batch"]

OutcomeStatus = Literal["ok", "error", "cancelled"]


@attrs.frozen
class Outcome:
    """What became of one input."""

    index: int
    input: str
    status: OutcomeStatus
    #: Files written, relative to the output directory.
    files: tuple[str, ...] = ()
    overlay: str | None = None
    #: Something the user should know about a success (e.g. why there is no overlay).
    note: str | None = None
    error_type: str | None = None
    error_message: str | None = None

    def to_json(self) -> dict[str, object]:
        record: dict[str, object] = {"input": self.input, "status": self.status}
        if self.status == "ok":
            record["files"] = list(self.files)
            if self.overlay is not None:
                record["overlay"] = self.overlay
            if self.note is not None:
                record["note"] = self.note
        else:
            record["error"] = {"type": self.error_type, "message": self.error_message}
        return record


class BatchResults:
    """One slot per input, filled as inputs finish; readable after success, failure or cancellation."""

    def __init__(self, inputs: list[str], environ: Mapping[str, str] | None = None) -> None:
        self._inputs = inputs
        self._slots: list[Outcome | None] = [None] * len(inputs)
        self._environ = environ
        #: Set when the first input is handed out: from then on the summary is owed.
        self.started = False

    def __len__(self) -> int:
        return len(self._inputs)

    def record(self, outcome: Outcome) -> None:
        self._slots[outcome.index] = outcome

    def record_error(self, index: int, exc: BaseException) -> Outcome:
        info = describe_error(exc, self._environ)
        outcome = Outcome(
            index, self._inputs[index], "error", error_type=info.type, error_message=info.message
        )
        self.record(outcome)
        return outcome

    def outcomes(self) -> list[Outcome]:
        """Every input's outcome in input order; an input that never finished reads ``cancelled``."""
        return [
            slot
            if slot is not None
            else Outcome(
                i,
                self._inputs[i],
                "cancelled",
                error_type="CancelledError",
                error_message="not finished: the run was interrupted",
            )
            for i, slot in enumerate(self._slots)
        ]


async def run_batch(
    results: BatchResults,
    work: Callable[[int], Awaitable[Outcome]],
    *,
    concurrency: int,
    on_done: Callable[[Outcome], None] = lambda outcome: None,
) -> None:
    """Run ``work(i)`` for every input of ``results``, at most ``concurrency`` at once.

    ``on_done`` is called once per finished input (progress bar, per-image error lines). A fixed pool
    of ``concurrency`` workers takes inputs from a queue, so a batch of thousands of images holds a
    handful of tasks, not thousands.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(results)):
        queue.put_nowait(index)

    async def worker() -> None:
        while not queue.empty():
            index = queue.get_nowait()
            try:
                outcome = await work(index)
            except Exception as exc:  # one input's failure, whatever it is, must not stop the batch
                outcome = results.record_error(index, exc)
            else:
                results.record(outcome)
            on_done(outcome)

    results.started = True
    async with asyncio.TaskGroup() as group:
        for _ in range(min(concurrency, len(results))):
            group.create_task(worker())

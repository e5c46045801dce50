"""What the async and the threaded batch share: per-input bookkeeping, outcomes, the journal calls.

:class:`Ledger` is the I/O-free heart of a batch: it numbers inputs as they are taken, remembers
which are unfinished, turns what became of each into a :class:`BatchOutcome`, and decides what is
written to the journal. Both engines only move inputs and outcomes between their workers and the
caller (asyncio tasks and queues, or threads and a ``queue.Queue``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from handwriting_ocr.batch.journal import Journal, Prior, input_identity
from handwriting_ocr.batch.outcome import BatchCancelledError, BatchOutcome
from handwriting_ocr.errors import OcrError, OcrTimeoutError

if TYPE_CHECKING:
    from handwriting_ocr.documents import Document

__all__ = ["Checkpoint", "Job", "Ledger"]

I = TypeVar("I")  # noqa: E741


class Checkpoint:
    """Handed to the recognition of one input: resume from ``token`` if an earlier run (or worker)
    had the operation accepted, and call :meth:`accepted` as soon as the provider accepts one."""

    __slots__ = ("_on_accepted", "deadline", "token")

    def __init__(self, token: str | None, on_accepted: Callable[[str], None], deadline: float | None) -> None:
        self.token = token
        #: Seconds allowed for this input (the batch's ``timeout``), or None.
        self.deadline = deadline
        self._on_accepted = on_accepted

    def accepted(self, token: str) -> None:
        self.token = token
        self._on_accepted(token)


@attrs.define
class Job(Generic[I]):
    """One input taken from the caller's inputs."""

    index: int
    item: I
    key: str | None
    prior: Prior | None


class Ledger(Generic[I]):
    """Inputs taken and not yet reported, and the journal; thread-safe."""

    def __init__(
        self,
        journal: Journal | None,
        scope: str,
        timeout: float | None,
        *,
        close_journal: bool = False,
        identify: Callable[[I], str | None] | None = None,
    ) -> None:
        self.journal = journal
        #: An input's identity in the journal (default: its path, URL or content hash).
        self._identify: Callable[[I], str | None] = identify if identify is not None else input_identity
        self._close_journal = close_journal
        self.scope = scope
        self.timeout = timeout
        self._lock = threading.Lock()
        self._taken = 0
        self._unreported: dict[int, Job[I]] = {}
        self._tokens: dict[int, str] = {}
        self.cancelled = False

    def end(self) -> None:
        """The batch is over: sync the journal (and close it if the batch opened it)."""
        journal = self.journal
        if journal is None:
            return
        if self._close_journal:
            close = getattr(journal, "close", None)
            if callable(close):
                close()
            self.journal = None
        else:
            sync = getattr(journal, "sync", None)
            if callable(sync):
                sync()

    # --- taking inputs ------------------------------------------------------------------------------

    def take(self, item: I) -> Job[I] | BatchOutcome[I]:
        """Number ``item``; a job to run, or (when an earlier run finished it) its ``skipped`` outcome."""
        identity = self._identify(item) if self.journal is not None else None
        key = None if identity is None else f"{self.scope}|{identity}"
        prior = self.journal.prior(key) if self.journal is not None and key is not None else None
        with self._lock:
            index = self._taken
            self._taken += 1
            job = Job(index, item, key, prior)
            if prior is None or prior.status == "submitted":
                self._unreported[index] = job
                return job
        return BatchOutcome(index, item, "skipped")

    @property
    def taken(self) -> int:
        return self._taken

    # --- one input's recognition --------------------------------------------------------------------

    def checkpoint(self, job: Job[I]) -> Checkpoint:
        token = job.prior.token if job.prior is not None and job.prior.status == "submitted" else None

        def on_accepted(value: str) -> None:
            with self._lock:
                self._tokens[job.index] = value
            if self.journal is not None and job.key is not None:
                self.journal.submitted(job.key, value)

        return Checkpoint(token, on_accepted, self.timeout)

    def succeeded(self, job: Job[I], document: Document) -> BatchOutcome[I]:
        return BatchOutcome(job.index, job.item, "ok", document=document)

    def failed(self, job: Job[I], error: BaseException) -> BatchOutcome[I]:
        if isinstance(error, OcrError):
            typed = error
        elif isinstance(error, TimeoutError):
            with self._lock:
                token = self._tokens.get(job.index)
            typed = OcrTimeoutError(
                f"input {job.index} did not finish within the batch's timeout of {self.timeout:g} s",
                continuation_token=token,
            )
        else:
            # A bug or an unexpected failure must not take the batch down, nor go unreported.
            typed = OcrError(
                f"unexpected {type(error).__name__} while recognising input {job.index}: {error}"
            )
            typed.__cause__ = error
        return BatchOutcome(job.index, job.item, "error", error=typed)

    # --- reporting ----------------------------------------------------------------------------------

    def report(self, outcome: BatchOutcome[I]) -> bool:
        """Record ``outcome`` as handed to the caller; False if its input was already reported
        (a late result of an input reported cancelled), in which case it must be dropped."""
        if outcome.status in ("skipped", "cancelled"):
            return True  # made here (the ledger already let go of the input)
        with self._lock:
            job = self._unreported.pop(outcome.index, None)
            if job is not None:
                self._tokens.pop(outcome.index, None)
        if job is None:
            return False
        if self.journal is not None and job.key is not None:
            if outcome.status == "ok":
                self.journal.finished(job.key, "ok", index=job.index, error=None)
            elif outcome.status == "error":
                self.journal.finished(job.key, "error", index=job.index, error=outcome.error)
        return True

    def cancel_unreported(self, finished: set[int]) -> list[BatchOutcome[I]]:
        """Cancelled outcomes for every input taken and not yet reported, in input order, except the
        ``finished`` ones (their real outcomes are about to be reported)."""
        with self._lock:
            self.cancelled = True
            jobs = sorted(
                (job for index, job in self._unreported.items() if index not in finished),
                key=lambda job: job.index,
            )
            for job in jobs:
                del self._unreported[job.index]
            tokens = {job.index: self._tokens.pop(job.index) for job in jobs if job.index in self._tokens}
        return [self._cancelled(job, tokens.get(job.index)) for job in jobs]

    def cancelled_outcome(self, job: Job[I]) -> BatchOutcome[I]:
        """A cancelled outcome for an input taken after the batch was cancelled (never started)."""
        with self._lock:
            self._unreported.pop(job.index, None)
        return self._cancelled(job, None)

    def _cancelled(self, job: Job[I], token: str | None) -> BatchOutcome[I]:
        if token is None and job.prior is not None:
            token = job.prior.token
        error = BatchCancelledError(f"input {job.index} was not finished: the batch was cancelled")
        error.continuation_token = token
        return BatchOutcome(job.index, job.item, "cancelled", error=error)

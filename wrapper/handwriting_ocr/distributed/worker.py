"""The worker side of a cluster run: one runtime per run and worker process, one chunk at a time.

Dask calls :func:`run_chunk` in a worker thread. The first chunk of a run builds the process's
:class:`Runtime`: an event loop in its own thread, the facade (from the run's
:class:`~handwriting_ocr.distributed.ClientSpec`), the limiter (the shared :class:`RedisLimiter`, or a
:class:`~handwriting_ocr.pacing.LocalLimiter` without Redis) and the :class:`RedisJournal`. Each chunk
then runs on that loop through the facade's own ``recognize_many`` (the async batch engine), at most
one chunk at a time per process, so ``concurrency`` is the number of inputs in flight per worker and
connections, limiter and learned poll timings carry over from chunk to chunk.

Before a chunk starts, its inputs' journal entries are read in one round trip: an input a dead
worker already finished is answered from the journal (nothing is sent), and an input whose Azure
operation was accepted resumes that operation from its continuation token. Every finished outcome
is written to the journal before the chunk returns, so only what was in flight is redone if this
worker dies too.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from handwriting_ocr.batch.journal import Prior, input_identity
from handwriting_ocr.distributed._records import OutcomeRecord, error_to_record
from handwriting_ocr.distributed.journal import JournalEntry, RedisJournal
from handwriting_ocr.distributed.limiter import LimiterStats, RedisLimiter
from handwriting_ocr.distributed.spec import ClientSpec, SpecFacts
from handwriting_ocr.errors import OcrError
from handwriting_ocr.pacing import LocalLimiter, RateLimit

if TYPE_CHECKING:
    from handwriting_ocr.batch import BatchOutcome
    from handwriting_ocr.clients._base import AsyncFacade
    from handwriting_ocr.pacing import Limiter

__all__ = [
    "Chunk",
    "ChunkResult",
    "ClusterInput",
    "RunSettings",
    "cancel_run",
    "close_run",
    "identity_key",
    "run_chunk",
    "running_chunk",
    "spec_facts",
]

#: What an input on a cluster may be: bytes, a path (readable by every worker) or an http(s) URL.
ClusterInput = bytes | str


@attrs.frozen(repr=False)
class RunSettings:
    """Everything a worker needs for a run, sent with every chunk (small; picklable)."""

    run: str
    #: One driver's session of the run (a resumed run is a new session of the same run).
    session: str
    spec: ClientSpec
    scope: str
    #: The quota: shared through Redis when ``redis_url`` is set, else each worker's own rate.
    rate: RateLimit | None
    redis_url: str | None
    bucket_key: str
    concurrency: int
    timeout: float | None
    fallback_share: float
    redo_failed: bool
    reconnect_interval: float = 5.0
    socket_timeout: float = 0.5
    prefix: str = "handwriting-ocr"

    def __repr__(self) -> str:
        return f"RunSettings(run={self.run!r}, spec={self.spec!r})"


@attrs.frozen
class Chunk:
    """Some of the caller's inputs: ``(position, input, journal/manifest key, continuation token the
    driver's manifest holds for it)``."""

    number: int
    items: tuple[tuple[int, ClusterInput, str | None, str | None], ...]


@attrs.frozen
class ChunkResult:
    number: int
    records: tuple[OutcomeRecord, ...]
    worker: str
    #: This process's limiter counters so far (cumulative for the run), and its Redis outages.
    limiter: LimiterStats
    outages: int
    #: Inputs answered from the journal, and inputs resumed from a continuation token.
    from_journal: int
    resumed: int


class _ChunkJournal:
    """The journal a chunk's batch sees: tokens read before the chunk started, writes to Redis.

    The batch engine keys inputs by the facade's own scope; ``alias`` maps those keys to the run's
    keys (the driver's, which may have another scope: the CLI's manifests use ``cli:<provider>``).
    ``finished`` writes nothing: the runtime records each outcome with its document right after.
    """

    def __init__(self, journal: RedisJournal | None, tokens: dict[str, str], alias: dict[str, str]) -> None:
        self._journal = journal
        self._tokens = tokens
        self._alias = alias

    def prior(self, key: str) -> Prior | None:
        token = self._tokens.get(self._alias.get(key, key))
        return None if token is None else Prior("submitted", token)

    def submitted(self, key: str, token: str) -> None:
        key = self._alias.get(key, key)
        self._tokens[key] = token
        if self._journal is not None:
            self._journal.submitted(key, token)

    def finished(
        self, key: str, status: Literal["ok", "error"], *, index: int, error: OcrError | None
    ) -> None:
        return None


class Runtime:
    """One run's state in one worker process (see the module docstring)."""

    def __init__(self, settings: RunSettings) -> None:
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name=f"handwriting-ocr-{settings.run}", daemon=True
        )
        self._thread.start()
        self.limiter: Limiter
        self.redis_limiter: RedisLimiter | None = None
        if settings.redis_url is not None and settings.rate is not None:
            self.redis_limiter = RedisLimiter(
                settings.redis_url,
                settings.rate,
                key=settings.bucket_key,
                fallback_share=settings.fallback_share,
                reconnect_interval=settings.reconnect_interval,
                socket_timeout=settings.socket_timeout,
                prefix=settings.prefix,
            )
            self.limiter = self.redis_limiter
        else:
            self.limiter = LocalLimiter(settings.rate)
        self.journal = (
            RedisJournal(
                settings.redis_url,
                settings.run,
                prefix=settings.prefix,
                redo_failed=settings.redo_failed,
                reconnect_interval=settings.reconnect_interval,
                socket_timeout=settings.socket_timeout,
            )
            if settings.redis_url is not None
            else None
        )
        self.cancelled = False
        self.closed = False
        #: The number of the chunk running now, if any.
        self.current: int | None = None
        #: The task iterating the running chunk's batch (cancelled by cancel()).
        self._task: asyncio.Task[Any] | None = None
        self._one_chunk = threading.Lock()
        self.facade: AsyncFacade = self._on_loop(self._open())

    def _on_loop(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    async def _open(self) -> AsyncFacade:
        return self.settings.spec.open_async(self.limiter)

    # --- one chunk -----------------------------------------------------------------------------------------

    def run(self, chunk: Chunk, worker: str) -> ChunkResult:
        with self._one_chunk:
            self.current = chunk.number
            if self.closed:
                records = [self._cancelled(index) for index, _i, _k, _t in chunk.items]
                from_journal = resumed = 0
            else:
                try:
                    records, from_journal, resumed = self._on_loop(self._run(chunk))
                finally:
                    self.current = None
        link = None if self.redis_limiter is None else self.redis_limiter.link
        stats = LimiterStats() if self.redis_limiter is None else attrs.evolve(self.redis_limiter.stats)
        return ChunkResult(
            chunk.number,
            tuple(records),
            worker,
            stats,
            0 if link is None else link.outages,
            from_journal,
            resumed,
        )

    async def _run(self, chunk: Chunk) -> tuple[list[OutcomeRecord], int, int]:
        if self.cancelled:
            return [self._cancelled(index) for index, _item, _key, _token in chunk.items], 0, 0
        settings = self.settings
        keys = [key for _index, _item, key, _token in chunk.items if key is not None]
        entries = self.journal.fetch(keys) if self.journal is not None and keys else {}
        records: list[OutcomeRecord] = []
        todo: list[tuple[int, ClusterInput, str | None]] = []
        tokens: dict[str, str] = {}
        for index, item, key, manifest_token in chunk.items:
            entry = entries.get(key) if key is not None else None
            if entry is not None and entry.status == "ok" and entry.document is not None:
                records.append(OutcomeRecord(index, "ok", document=entry.document, from_journal=True))
                continue
            failed = entry is not None and entry.status == "error" and entry.error is not None
            if failed and entry is not None and entry.error is not None and not settings.redo_failed:
                records.append(OutcomeRecord(index, "error", error=dict(entry.error), from_journal=True))
                continue
            token = entry.token if entry is not None and entry.token is not None else manifest_token
            if token is not None and key is not None:
                tokens[key] = token
            todo.append((index, item, key))
        from_journal = len(records)
        resumed = len(tokens)
        if todo:
            records.extend(await self._recognize(todo, tokens))
        return records, from_journal, resumed

    async def _recognize(
        self, todo: Sequence[tuple[int, ClusterInput, str | None]], tokens: dict[str, str]
    ) -> list[OutcomeRecord]:
        settings = self.settings
        own_scope = self.facade._batch_scope()
        alias = {
            own: key
            for _index, item, key in todo
            if key is not None and (own := identity_key(own_scope, item)) is not None
        }
        journal = _ChunkJournal(self.journal, tokens, alias)
        batch = self.facade.recognize_many(
            [item for _index, item, _key in todo],
            concurrency=settings.concurrency,
            timeout=settings.timeout,
            manifest=journal,
        )
        records: list[OutcomeRecord] = []

        def keep(outcome: BatchOutcome[Any]) -> None:
            index, _item, key = todo[outcome.index]
            record = OutcomeRecord.from_outcome(index, outcome)
            records.append(record)
            if self.journal is not None and key is not None and record.status != "cancelled":
                self.journal.record(key, self._entry(record, tokens.get(key)))

        task = asyncio.current_task()
        self._task = task
        try:
            if self.cancelled:
                raise asyncio.CancelledError
            async for outcome in batch:
                keep(outcome)
        except asyncio.CancelledError:
            # cancel() cancelled this task: the batch cancelled itself; its remaining outcomes
            # (finished ones first, then one cancelled per unfinished input) still come.
            if task is not None:
                task.uncancel()
            batch.cancel()
            async for outcome in batch:
                keep(outcome)
        finally:
            self._task = None
        return records

    @staticmethod
    def _entry(record: OutcomeRecord, token: str | None) -> JournalEntry:
        if record.status == "ok":
            return JournalEntry("ok", token, document=record.document)
        return JournalEntry("error", token, error=record.error)

    @staticmethod
    def _cancelled(index: int) -> OutcomeRecord:
        return OutcomeRecord(index, "cancelled", error=error_to_record(OcrError("the run was cancelled")))

    # --- the end -------------------------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the running chunk (its unfinished inputs come back ``cancelled``) and refuse new ones."""
        self.cancelled = True

        def stop() -> None:
            if self._task is not None:
                self._task.cancel()

        self.loop.call_soon_threadsafe(stop)

    def close(self) -> None:
        self.cancel()
        # The running chunk ends soon after the cancel (its unfinished inputs come back cancelled).
        idle = self._one_chunk.acquire(timeout=30)
        try:
            self.closed = True
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._aclose(), self.loop).result(timeout=10)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout=5)
        finally:
            if idle:
                self._one_chunk.release()
        if self.journal is not None:
            self.journal.flush()
        if self.redis_limiter is not None:
            self.redis_limiter.close()

    async def _aclose(self) -> None:
        await self.facade.aclose()
        if self.redis_limiter is not None:
            await self.redis_limiter.aclose()


_runtimes: dict[str, Runtime] = {}
_runtimes_lock = threading.Lock()
#: A run's runtime is built once per process, by the first of its chunks.
_BUILDING: Final = threading.Lock()


def _runtime(settings: RunSettings) -> Runtime:
    with _BUILDING:
        runtime = _runtimes.get(settings.run)
        if runtime is not None and runtime.settings.session != settings.session:
            # Left by an earlier session of the run whose driver is gone (it would have closed it).
            with _runtimes_lock:
                del _runtimes[settings.run]
            runtime.close()
            runtime = None
        if runtime is None:
            runtime = Runtime(settings)
            with _runtimes_lock:
                _runtimes[settings.run] = runtime
        return runtime


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        import os

        return f"pid {os.getpid()}"


def run_chunk(settings: RunSettings, chunk: Chunk) -> ChunkResult:
    """Recognise one chunk on this worker (the task Dask runs)."""
    return _runtime(settings).run(chunk, _worker_name())


def cancel_run(run: str, session: str) -> bool:
    """Cancel the run's chunk on this worker (``Client.run`` calls it on every worker)."""
    with _runtimes_lock:
        runtime = _runtimes.get(run)
    if runtime is None or runtime.settings.session != session:
        return False
    runtime.cancel()
    return True


def running_chunk(run: str) -> int | None:
    """The number of the run's chunk this worker is running now (``Client.run`` asks every worker)."""
    with _runtimes_lock:
        runtime = _runtimes.get(run)
    return None if runtime is None else runtime.current


def close_run(run: str, session: str) -> bool:
    """Close the run's runtime on this worker (connections, loop); ``Client.run`` calls it at the end."""
    with _runtimes_lock:
        runtime = _runtimes.get(run)
        if runtime is None or runtime.settings.session != session:
            return False
        del _runtimes[run]
    runtime.close()
    return True


def spec_facts(spec: ClientSpec) -> SpecFacts:
    """``spec.facts()`` where the credentials are: on a worker (a spec without an environment)."""
    return spec.facts()


def identity_key(scope: str, item: object) -> str | None:
    """The journal/manifest key of ``item`` (as the batch engine's ledger makes it)."""
    identity = input_identity(item)
    return None if identity is None else f"{scope}|{identity}"

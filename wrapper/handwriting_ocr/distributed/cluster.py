"""Batches on a Dask cluster: the driver side.

::

    from distributed import Client
    from handwriting_ocr.distributed import ClientSpec, recognize_on_cluster

    with Client("tcp://scheduler:8786") as dask:
        run = recognize_on_cluster(dask, ClientSpec.from_env("azure"), paths, rate_limit=10,
                                   redis="redis://redis-host:6379/0", manifest="run.jsonl")
        for outcome in run:
            ...

The driver reads the caller's inputs lazily, skips those its run manifest records as done, and
sends the rest to the workers in chunks (``chunk_size`` inputs; at most ``chunks_in_flight`` chunks
queued or running at once, two per worker by default), so memory stays bounded whatever the number of
inputs. Each worker runs the async batch engine over its chunks (``concurrency`` inputs in flight per
worker; see :mod:`handwriting_ocr.distributed.worker`), all pacing through one :class:`RedisLimiter`
bucket and recording in one :class:`RedisJournal`. Outcomes stream back as chunks finish
(``distributed.as_completed``) and are written to the run manifest as they arrive, one
:class:`~handwriting_ocr.batch.BatchOutcome` per input, exactly once.

Failures: a worker that dies takes its chunk with it; the scheduler runs the chunk again on another
worker, which answers the inputs already finished from the journal and resumes accepted Azure
operations from their continuation tokens (no second operation). A chunk that fails for good (the
scheduler's ``allowed-failures``, or credentials missing on the workers) reports each of its inputs
as an error. Ctrl-C (or :meth:`ClusterBatch.cancel`) cancels the queued chunks and stops the running
ones; keep iterating to get every unfinished input as ``cancelled`` (inputs the workers had already
finished come back ``ok`` from the journal). Re-running with the same manifest does only what is
left, and resumes accepted operations.

Without ``redis=``, each worker paces alone at ``rate_limit`` and nothing is shared: no journal, no
resumption on another worker.
"""

from __future__ import annotations

import collections
import hashlib
import os
import secrets
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

import attrs

from handwriting_ocr.batch import BatchCancelledError, BatchOutcome, RunManifest
from handwriting_ocr.batch.aio import check_concurrency, check_timeout
from handwriting_ocr.distributed._records import OutcomeRecord
from handwriting_ocr.distributed._redis import DEFAULT_PREFIX, LOGGER, mask_redis_url
from handwriting_ocr.distributed.journal import JournalEntry, RedisJournal
from handwriting_ocr.distributed.limiter import LimiterStats, _rate_limit
from handwriting_ocr.distributed.spec import ClientSpec, SpecFacts
from handwriting_ocr.distributed.worker import (
    Chunk,
    ChunkResult,
    ClusterInput,
    RunSettings,
    cancel_run,
    close_run,
    identity_key,
    run_chunk,
    spec_facts,
)
from handwriting_ocr.errors import InvalidInputError, OcrError
from handwriting_ocr.pacing import RateLimit

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["DEFAULT_CHUNK_SIZE", "ClusterBatch", "ClusterStats", "recognize_on_cluster"]

I = TypeVar("I")  # noqa: E741

#: Inputs per chunk (one Dask task): large enough that a task's overhead is noise, small enough that
#: a worker's death redoes little and outcomes stream back often.
DEFAULT_CHUNK_SIZE: Final = 32
#: Skipped inputs (done in an earlier run) read ahead before the driver yields them.
_SKIP_AHEAD: Final = 256


@attrs.define
class ClusterStats:
    """What a cluster run did, as the driver saw it."""

    chunks: int = 0
    #: Chunks that failed for good (every input reported as an error).
    failed_chunks: int = 0
    #: Inputs answered from the journal (finished by a worker that died), and resumed from a token.
    from_journal: int = 0
    resumed: int = 0
    #: The workers' limiter counters (the latest each worker reported), summed.
    limiter: LimiterStats = attrs.Factory(LimiterStats)
    #: Redis outages each worker reported (worker address -> outages).
    outages: dict[str, int] = attrs.Factory(dict)


def _run_name(manifest: object) -> str:
    path = getattr(manifest, "path", manifest)
    if isinstance(path, str | os.PathLike):
        digest = hashlib.sha256(str(Path(path).expanduser().absolute()).encode()).hexdigest()
        return f"m-{digest[:20]}"
    return f"r-{secrets.token_hex(10)}"


def _sendable(item: object) -> ClusterInput | None:
    """What a worker gets for ``item``: bytes, a URL, or an absolute path (the driver's directory is
    not the worker's); None for what cannot travel (file objects)."""
    if isinstance(item, bytes):
        return item
    if isinstance(item, bytearray | memoryview):
        return bytes(item)
    if isinstance(item, str):
        from handwriting_ocr.validation.inputs import looks_like_url

        return item if looks_like_url(item) else str(Path(item).expanduser().absolute())
    if isinstance(item, os.PathLike):
        return str(Path(os.fspath(item)).expanduser().absolute())
    return None


class ClusterBatch(Generic[I]):
    """An iterator of one :class:`~handwriting_ocr.batch.BatchOutcome` per input, computed on a Dask
    cluster; see the module docstring and :func:`recognize_on_cluster`."""

    def __init__(
        self,
        client: Client,
        spec: ClientSpec,
        inputs: Iterable[I],
        *,
        rate_limit: RateLimit | float | str | None,
        redis: str | None,
        concurrency: int,
        chunk_size: int,
        chunks_in_flight: int | None,
        timeout: float | None,
        manifest: str | os.PathLike[str] | RunManifest | None,
        redo_failed: bool,
        run: str | None,
        fallback_share: float | None,
        reconnect_interval: float,
        prefix: str,
        scope: str | None = None,
    ) -> None:
        if not isinstance(spec, ClientSpec):
            raise InvalidInputError(
                "spec must be a ClientSpec (never a client: it cannot travel)", field="spec"
            )
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise InvalidInputError("chunk_size must be an integer of at least 1", field="chunk_size")
        if chunks_in_flight is not None and (
            isinstance(chunks_in_flight, bool)
            or not isinstance(chunks_in_flight, int)
            or chunks_in_flight < 1
        ):
            raise InvalidInputError("chunks_in_flight must be None or at least 1", field="chunks_in_flight")
        self._client: Any = client  # distributed's Client is partly untyped
        self._spec = spec
        self._inputs = iter(inputs)
        if rate_limit is None and redis is not None:
            raise InvalidInputError("a quota shared through Redis needs rate_limit", field="rate_limit")
        self._rate = None if rate_limit is None else _rate_limit(rate_limit)
        self._redis = redis
        self._scope = scope
        self._concurrency = check_concurrency(concurrency)
        self._chunk_size = chunk_size
        self._chunks_in_flight = chunks_in_flight
        self._timeout = check_timeout(timeout)
        self._redo_failed = redo_failed
        self._fallback_share = fallback_share
        self._reconnect_interval = reconnect_interval
        self._prefix = prefix
        if isinstance(manifest, RunManifest):
            self._manifest: RunManifest | None = manifest
            self._owns_manifest = False
        elif manifest is None:
            self._manifest = None
            self._owns_manifest = False
        else:
            self._manifest = RunManifest(manifest, redo_failed=redo_failed)
            self._owns_manifest = True
        self.run = run if run is not None else _run_name(manifest)
        self._session = secrets.token_hex(4)
        self.stats = ClusterStats()
        self._lock = threading.Lock()
        self._started = False
        self._finished = False
        self._exhausted = False
        self._cancelled = False
        self._ended = False
        self._ready: collections.deque[BatchOutcome[I]] = collections.deque()
        self._pending: dict[Future[Any], tuple[Chunk, list[I]]] = {}
        self._taken = 0
        self._chunks = 0
        self._input_error: BaseException | None = None
        self._journal: RedisJournal | None = None
        self._settings: RunSettings | None = None
        self._completed: Any = None
        self._announced = False

    # --- starting -------------------------------------------------------------------------------------------

    def _facts(self) -> SpecFacts:
        if self._spec.environment is not None:
            return self._spec.facts()
        # Credentials live on the workers: ask one of them.
        facts: SpecFacts = self._client.submit(spec_facts, self._spec, pure=False).result()
        return facts

    def _workers(self) -> int:
        workers = len(self._client.nthreads())
        if workers == 0:
            self._client.wait_for_workers(1, timeout=60)
            workers = len(self._client.nthreads())
        return max(1, workers)

    def _start(self) -> None:
        import distributed

        self._started = True
        facts = self._facts()
        workers = self._workers()
        share = self._fallback_share if self._fallback_share is not None else 1.0 / workers
        if self._redis is not None and self._rate is not None:
            self._journal = RedisJournal(
                self._redis,
                self.run,
                prefix=self._prefix,
                redo_failed=self._redo_failed,
                reconnect_interval=self._reconnect_interval,
            )
            self._journal.link.forget_remote_outage()
            self._journal.link.fallback_note = (
                f"workers pace locally at {self._rate.rate * share:.3g}/s each "
                f"({share:.3g} of {self._rate.rate:g}/s) meanwhile"
            )
        self._settings = RunSettings(
            run=self.run,
            session=self._session,
            spec=self._spec,
            scope=self._scope if self._scope is not None else facts.scope,
            rate=self._rate,
            redis_url=self._redis,
            bucket_key=facts.bucket_key,
            concurrency=self._concurrency,
            timeout=self._timeout,
            fallback_share=share,
            redo_failed=self._redo_failed,
            reconnect_interval=self._reconnect_interval,
            prefix=self._prefix,
        )
        if self._chunks_in_flight is None:
            self._chunks_in_flight = 2 * workers
        as_completed: Any = distributed.as_completed
        self._completed = as_completed(loop=self._client.loop)  # not the default client: this one
        LOGGER.info(
            "cluster run %s: %d workers x %d in flight, %s %s, chunks of %d",
            self.run,
            workers,
            self._concurrency,
            "a learned rate" if self._rate is None else f"{self._rate.rate:g}/s",
            f"shared through {mask_redis_url(self._redis)}" if self._redis else "per worker (no Redis)",
            self._chunk_size,
        )

    # --- taking inputs --------------------------------------------------------------------------------------

    def _take(self) -> tuple[int, I] | None:
        if self._exhausted:
            return None
        try:
            item = next(self._inputs)
        except StopIteration:
            self._exhausted = True
            return None
        except Exception as error:  # the caller's inputs failed: finish what was taken, then raise it
            self._input_error = error
            self._exhausted = True
            return None
        index = self._taken
        self._taken += 1
        return index, item

    def _key(self, item: object) -> str | None:
        assert self._settings is not None
        return identity_key(self._settings.scope, item)

    def _next_chunk(self) -> tuple[Chunk, list[I]] | None:
        items: list[tuple[int, ClusterInput, str | None, str | None]] = []
        originals: list[I] = []
        skipped = 0
        while len(items) < self._chunk_size and skipped < _SKIP_AHEAD:
            taken = self._take()
            if taken is None:
                break
            index, item = taken
            sendable = _sendable(item)
            if sendable is None:
                error = InvalidInputError(
                    f"input {index} cannot be sent to a worker ({type(item).__name__}): "
                    "pass its bytes or a path the workers can read",
                    field="inputs",
                )
                self._ready.append(BatchOutcome(index, item, "error", error=error))
                skipped += 1
                continue
            key = self._key(item)
            prior = self._manifest.prior(key) if self._manifest is not None and key is not None else None
            if prior is not None and prior.status != "submitted":
                self._ready.append(BatchOutcome(index, item, "skipped"))
                skipped += 1
                continue
            token = prior.token if prior is not None else None
            items.append((index, sendable, key, token))
            originals.append(item)
        if not items:
            return None
        self._chunks += 1
        return Chunk(self._chunks, tuple(items)), originals

    def _fill(self) -> None:
        assert self._settings is not None and self._chunks_in_flight is not None
        while len(self._pending) < self._chunks_in_flight and not self._exhausted and not self._ready:
            made = self._next_chunk()
            if made is None:
                continue
            chunk, originals = made
            future = self._client.submit(
                run_chunk,
                self._settings,
                chunk,
                key=f"handwriting-ocr-{self.run}-{self._session}-{chunk.number}",
                retries=0,
            )
            self._pending[future] = (chunk, originals)
            self._completed.add(future)

    # --- outcomes -------------------------------------------------------------------------------------------

    def _outcome(self, record: OutcomeRecord, item: I) -> BatchOutcome[I]:
        if record.status == "ok":
            return BatchOutcome(record.index, item, "ok", document=record.document_object())
        error = record.error_object() or OcrError("no document and no error")
        if record.status == "cancelled":
            cancelled = BatchCancelledError(f"input {record.index} was not finished: the batch was cancelled")
            cancelled.continuation_token = error.continuation_token
            return BatchOutcome(record.index, item, "cancelled", error=cancelled)
        return BatchOutcome(record.index, item, "error", error=error)

    def _write(self, outcome: BatchOutcome[I], key: str | None) -> None:
        if self._manifest is None or key is None:
            return
        if outcome.status in ("ok", "error"):
            if outcome.status == "ok":
                self._manifest.finished(key, "ok", index=outcome.index, error=None)
            else:
                self._manifest.finished(key, "error", index=outcome.index, error=outcome.error)
        elif outcome.status == "cancelled" and outcome.error is not None:
            token = outcome.error.continuation_token
            if token is not None:
                self._manifest.submitted(key, token)

    def _deliver(self, chunk: Chunk, originals: list[I], records: Iterable[OutcomeRecord]) -> None:
        by_index = {index: (position, key) for position, (index, _i, key, _t) in enumerate(chunk.items)}
        done_keys: list[str] = []
        for record in records:
            found = by_index.pop(record.index, None)
            if found is None:
                continue  # not ours, or a second record for the same input: exactly once
            position, key = found
            outcome = self._outcome(record, originals[position])
            self._write(outcome, key)
            if key is not None and outcome.status in ("ok", "error"):
                done_keys.append(key)
            self._ready.append(outcome)
        # Inputs a worker did not report (it never should): reported here, never lost.
        for index, (position, _key) in sorted(by_index.items()):
            error = OcrError(f"input {index} came back from the cluster without an outcome")
            self._ready.append(BatchOutcome(index, originals[position], "error", error=error))
        if self._manifest is not None:
            self._manifest.sync()  # on disk before the journal lets go of them
        if self._journal is not None and done_keys:
            self._journal.forget(done_keys)

    def _complete(self, future: Future[Any]) -> None:
        chunk, originals = self._pending.pop(future)
        try:
            result: ChunkResult = future.result()
        except Exception as error:  # the chunk failed for good: each of its inputs is an error
            self.stats.failed_chunks += 1
            failure = OcrError(f"the chunk failed on the cluster: {type(error).__name__}: {error}")
            failure.__cause__ = error
            for (index, _item, _key, _token), original in zip(chunk.items, originals, strict=True):
                self._ready.append(BatchOutcome(index, original, "error", error=failure))
            return
        self.stats.chunks += 1
        self.stats.from_journal += result.from_journal
        self.stats.resumed += result.resumed
        self._note_worker(result)
        self._deliver(chunk, originals, result.records)

    def _note_worker(self, result: ChunkResult) -> None:
        known = self.stats.outages.get(result.worker, 0)
        self.stats.outages[result.worker] = max(known, result.outages)
        self._worker_stats[result.worker] = result.limiter
        total = LimiterStats()
        for stats in self._worker_stats.values():
            total = total.merge(stats)
        self.stats.limiter = total
        if result.outages > known and not self._announced:
            self._announced = True
            if self._journal is not None:
                self._journal.link.report_outage(f"worker {result.worker}")

    _worker_stats: dict[str, LimiterStats]

    # --- the iterator ---------------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[BatchOutcome[I]]:
        return self

    def __next__(self) -> BatchOutcome[I]:
        if not self._started:
            self._worker_stats = {}
            self._start()
        while True:
            if self._ready:
                return self._ready.popleft()
            if self._finished:
                self._end()
                if self._input_error is not None:
                    error, self._input_error = self._input_error, None
                    raise error
                raise StopIteration
            if self._cancelled:
                self._fill_cancelled()
                continue
            self._fill()
            if self._ready:
                continue
            if not self._pending:
                self._finished = True
                continue
            try:
                future = next(self._completed)
            except KeyboardInterrupt:
                self.cancel()
                raise
            if future in self._pending:
                self._complete(future)

    def cancel(self) -> None:
        """Stop: queued chunks are cancelled, running ones stopped; iterating on yields every unfinished
        input as ``cancelled`` (or as done, if the journal shows a worker finished it)."""
        if self._cancelled or self._finished:
            return
        self._cancelled = True
        if not self._started:
            self._worker_stats = {}
            self._start()
        pending, self._pending = self._pending, {}
        try:
            self._client.cancel(list(pending))
            self._client.run(cancel_run, self.run, self._session)
        except Exception:  # the cluster may be what failed: the outcomes below do not need it
            LOGGER.debug("could not cancel run %s on the cluster", self.run, exc_info=True)
        keys = [key for chunk, _ in pending.values() for (_i, _s, key, _t) in chunk.items if key is not None]
        entries = self._journal.fetch(keys) if self._journal is not None and keys else {}
        for chunk, originals in sorted(pending.values(), key=lambda pair: pair[0].number):
            records = [self._salvage(index, key, token, entries) for (index, _s, key, token) in chunk.items]
            self._deliver(chunk, originals, records)

    def _salvage(
        self, index: int, key: str | None, token: str | None, entries: dict[str, JournalEntry]
    ) -> OutcomeRecord:
        entry = entries.get(key) if key is not None else None
        if entry is not None and entry.status == "ok" and entry.document is not None:
            return OutcomeRecord(index, "ok", document=entry.document, from_journal=True)
        if entry is not None and entry.status == "error" and entry.error is not None:
            return OutcomeRecord(index, "error", error=dict(entry.error), from_journal=True)
        if entry is not None and entry.token is not None:
            token = entry.token
        error: dict[str, Any] = {"type": "BatchCancelledError", "message": "cancelled"}
        if token is not None:
            error["continuation_token"] = token
        return OutcomeRecord(index, "cancelled", error=error)

    def _fill_cancelled(self) -> None:
        """After a cancel: the next input never taken, as skipped (done before) or cancelled."""
        taken = self._take()
        if taken is None:
            self._finished = True
            return
        index, item = taken
        key = self._key(item) if _sendable(item) is not None else None
        prior = self._manifest.prior(key) if self._manifest is not None and key is not None else None
        if prior is not None and prior.status != "submitted":
            self._ready.append(BatchOutcome(index, item, "skipped"))
            return
        error = BatchCancelledError(f"input {index} was not finished: the batch was cancelled")
        error.continuation_token = prior.token if prior is not None else None
        self._ready.append(BatchOutcome(index, item, "cancelled", error=error))

    # --- the end --------------------------------------------------------------------------------------------

    def _end(self) -> None:
        if self._ended:
            return
        self._ended = True
        if self._started:
            try:
                self._client.run(close_run, self.run, self._session)
            except Exception:
                LOGGER.debug("could not close run %s on the workers", self.run, exc_info=True)
        if self._manifest is not None:
            if self._owns_manifest:
                self._manifest.close()
            else:
                self._manifest.sync()
        if self._journal is not None:
            if not self._cancelled and self._input_error is None:
                self._journal.clear()  # every outcome is in the caller's hands (and the manifest)
            else:
                self._journal.flush()

    def close(self) -> None:
        """Cancel what is unfinished (without reporting it) and release the workers' run state."""
        if not self._finished:
            self.cancel()
            self._ready.clear()
            self._finished = True
        self._end()

    def __enter__(self) -> ClusterBatch[I]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = mask_redis_url(self._redis) if self._redis else "no Redis"
        return f"ClusterBatch(run={self.run!r}, {self._spec!r}, {where})"


def recognize_on_cluster(
    client: Client,
    spec: ClientSpec,
    inputs: Iterable[I],
    *,
    rate_limit: RateLimit | float | str | None = None,
    redis: str | None = None,
    concurrency: int = 8,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunks_in_flight: int | None = None,
    timeout: float | None = None,
    manifest: str | os.PathLike[str] | RunManifest | None = None,
    redo_failed: bool = True,
    run: str | None = None,
    fallback_share: float | None = None,
    reconnect_interval: float = 5.0,
    prefix: str = DEFAULT_PREFIX,
    scope: str | None = None,
) -> ClusterBatch[I]:
    """Recognise ``inputs`` on the Dask cluster of ``client`` with the facade ``spec`` describes,
    yielding one outcome per input as chunks finish (see the module docstring).

    ``inputs``: bytes, paths every worker can read (sent as absolute paths), or http(s) URLs; read
    lazily. ``rate_limit``: the provider quota (requests/s, a ``RateLimit`` or ``"20/s"``), shared by all
    workers through ``redis`` (a ``redis://`` URL), or each worker's own without it (None without
    Redis: each worker learns a rate from throttling).
    ``concurrency``: inputs in flight per worker. ``timeout``: seconds per input. ``manifest``: the
    run manifest (a path or a :class:`~handwriting_ocr.batch.RunManifest`), written on the driver as
    outcomes arrive; running again with it skips what is done (and, unless ``redo_failed`` is False,
    redoes what failed). ``run``: names the run in Redis (default: from the manifest's path, so a
    resumed run finds the journal of the interrupted one). ``fallback_share``: the share of
    ``rate_limit`` each worker paces at while Redis is unreachable (default 1 / number of workers).
    ``scope``: the first part of every manifest key (default: the facade's, as ``recognize_many``
    writes them; the CLI passes its own).
    """
    return ClusterBatch(
        client,
        spec,
        inputs,
        rate_limit=rate_limit,
        redis=redis,
        concurrency=concurrency,
        chunk_size=chunk_size,
        chunks_in_flight=chunks_in_flight,
        timeout=timeout,
        manifest=manifest,
        redo_failed=redo_failed,
        run=run,
        fallback_share=fallback_share,
        reconnect_interval=reconnect_interval,
        prefix=prefix,
        scope=scope,
    )

"""A batch journal in Redis: what every worker of a run has submitted and finished.

:class:`RedisJournal` implements :class:`~handwriting_ocr.batch.Journal`, so it can be given to any
``recognize_many(..., manifest=journal)``: several processes (or machines) running batches over the
same inputs then share their continuation tokens, and an Azure operation accepted by one process is
finished by another instead of being started again. The cluster layer
(:mod:`handwriting_ocr.distributed.cluster`) also keeps each finished input's outcome here (the
Document JSON, or the error) until the driver has written it to its run manifest, so a chunk retried
on another worker after its first worker died returns what was already done without sending anything.

One Redis hash per run (``<prefix>:journal:<run>``), one field per input key (the run manifest's key:
provider and operation, then the input's identity), holding a small JSON entry. The hash expires
``ttl`` seconds after its last write (a week by default; Azure keeps operation results 48 hours).

While Redis cannot be reached, writes wait in memory (the latest entry per key) and are written when
it answers again; reads then answer from what this process wrote. The outage is said once in the log
(shared with the limiter: see :mod:`handwriting_ocr.distributed._redis`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from handwriting_ocr.batch.journal import Prior
from handwriting_ocr.distributed._redis import DEFAULT_PREFIX, UNAVAILABLE, RedisLink, link_for
from handwriting_ocr.errors import InvalidInputError, OcrError

__all__ = ["JOURNAL_TTL", "JournalEntry", "RedisJournal"]

#: Seconds a run's journal is kept after its last write.
JOURNAL_TTL: Final = 7 * 24 * 3600.0

EntryStatus = Literal["submitted", "ok", "error"]


@attrs.frozen
class JournalEntry:
    """What the journal holds for one input."""

    status: EntryStatus
    #: The continuation token of the input's accepted operation (Azure), if any.
    token: str | None = None
    #: For ``ok`` entries kept by the cluster layer: the Document JSON.
    document: str | None = attrs.field(default=None, repr=False)
    #: For ``error`` entries: ``{"type", "message", ...}`` (see :mod:`handwriting_ocr.distributed._records`).
    error: Mapping[str, Any] | None = None

    def to_json(self) -> str:
        data: dict[str, object] = {"s": self.status}
        if self.token is not None:
            data["t"] = self.token
        if self.document is not None:
            data["d"] = self.document
        if self.error is not None:
            data["e"] = dict(self.error)
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: bytes | str) -> JournalEntry | None:
        """The entry, or None for anything that is not one (never raises)."""
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict):
            return None
        status, token, document, error = data.get("s"), data.get("t"), data.get("d"), data.get("e")
        if status not in ("submitted", "ok", "error"):
            return None
        if status == "submitted" and not isinstance(token, str):
            return None
        return cls(
            status,
            token if isinstance(token, str) else None,
            document if isinstance(document, str) else None,
            error if isinstance(error, dict) else None,
        )

    @property
    def prior(self) -> Prior:
        return Prior("submitted", self.token) if self.status == "submitted" else Prior(self.status)


def _error_entry(error: OcrError | None) -> dict[str, Any] | None:
    if error is None:
        return None
    from handwriting_ocr.distributed._records import error_to_record

    return error_to_record(error)


class RedisJournal:
    """A :class:`~handwriting_ocr.batch.Journal` in Redis (see the module docstring).

    ``run`` names the run (letters, digits, ``-_.:``); every worker of the run uses the same name.
    ``redo_failed`` (as for :class:`~handwriting_ocr.batch.RunManifest`): inputs recorded as failed
    are done again rather than skipped.
    """

    def __init__(
        self,
        url: str,
        run: str,
        *,
        prefix: str = DEFAULT_PREFIX,
        ttl: float = JOURNAL_TTL,
        redo_failed: bool = True,
        reconnect_interval: float = 5.0,
        socket_timeout: float = 0.5,
    ) -> None:
        if not isinstance(run, str) or not run or not all(ch.isalnum() or ch in "-_.:" for ch in run):
            raise InvalidInputError("run must be a name of letters, digits and -_.:", field="run")
        if not ttl > 0:
            raise InvalidInputError("ttl must be a positive number of seconds", field="ttl")
        self.run = run
        self.redo_failed = redo_failed
        self._hash = f"{prefix}:journal:{run}"
        self._ttl_ms = int(ttl * 1000)
        self._link: RedisLink = link_for(
            url, socket_timeout=socket_timeout, reconnect_interval=reconnect_interval
        )
        self._lock = threading.Lock()
        #: Writes Redis has not taken yet (while it is unreachable): key -> entry, or None to delete.
        self._pending: dict[str, JournalEntry | None] = {}

    @property
    def redis_key(self) -> str:
        return self._hash

    @property
    def link(self) -> RedisLink:
        return self._link

    # --- writing ------------------------------------------------------------------------------------------

    def _write(self, changes: Mapping[str, JournalEntry | None]) -> bool:
        """Write ``changes`` and whatever waits from an outage, in one pipeline; False if Redis is away
        (then everything waits for the next write or :meth:`flush`)."""
        with self._lock:
            self._pending.update(changes)
            batch = dict(self._pending)
        if not batch:
            return True
        client = self._link.sync_client()

        def send() -> object:
            pipe = client.pipeline(transaction=False)
            stores = {key: entry.to_json() for key, entry in batch.items() if entry is not None}
            gone = [key for key, entry in batch.items() if entry is None]
            if stores:
                pipe.hset(self._hash, mapping=stores)  # type: ignore[arg-type]
            if gone:
                pipe.hdel(self._hash, *gone)
            pipe.pexpire(self._hash, self._ttl_ms)
            return pipe.execute()

        if self._link.call(send) is UNAVAILABLE:
            return False
        with self._lock:
            for key, entry in batch.items():
                if self._pending.get(key, UNAVAILABLE) is entry:
                    del self._pending[key]
        return True

    def flush(self) -> bool:
        """Write what waits from an outage; True when nothing waits any more."""
        return self._write({})

    def record(self, key: str, entry: JournalEntry) -> bool:
        """Store ``entry`` for ``key`` (True if Redis has it now)."""
        return self._write({key: entry})

    def forget(self, keys: Iterable[str]) -> bool:
        """Delete the entries of ``keys`` (the driver has them in its manifest)."""
        return self._write(dict.fromkeys(keys))

    # --- reading ------------------------------------------------------------------------------------------

    def fetch(self, keys: Iterable[str]) -> dict[str, JournalEntry]:
        """The entries of ``keys`` that exist, in one round trip (writes still waiting win; while Redis
        is away, only those are known)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, JournalEntry] = {}
        if wanted and self.flush():
            client = self._link.sync_client()
            answer = self._link.call(lambda: client.hmget(self._hash, wanted))
            if answer is not UNAVAILABLE:
                assert isinstance(answer, list)
                for key, raw in zip(wanted, answer, strict=True):
                    if raw is not None:
                        entry = JournalEntry.from_json(raw)
                        if entry is not None:
                            found[key] = entry
        with self._lock:
            for key in wanted:
                if key in self._pending:
                    waiting = self._pending[key]
                    if waiting is None:
                        found.pop(key, None)
                    else:
                        found[key] = waiting
        return found

    def entries(self) -> dict[str, JournalEntry]:
        """Every entry of the run (for tools and tests; one round trip); {} while Redis is away."""
        client = self._link.sync_client()
        answer = self._link.call(lambda: client.hgetall(self._hash))
        if answer is UNAVAILABLE:
            return {}
        assert isinstance(answer, dict)
        result: dict[str, JournalEntry] = {}
        for raw_key, raw in answer.items():
            entry = JournalEntry.from_json(raw)
            if entry is not None:
                result[raw_key.decode() if isinstance(raw_key, bytes) else raw_key] = entry
        return result

    def clear(self) -> bool:
        """Delete the whole run's journal."""
        with self._lock:
            self._pending.clear()
        client = self._link.sync_client()
        return self._link.call(lambda: client.delete(self._hash)) is not UNAVAILABLE

    # --- Journal ------------------------------------------------------------------------------------------

    def prior(self, key: str) -> Prior | None:
        entry = self.fetch([key]).get(key)
        if entry is None or (entry.status == "error" and self.redo_failed):
            return None
        return entry.prior

    def submitted(self, key: str, token: str) -> None:
        self.record(key, JournalEntry("submitted", token))

    def finished(
        self, key: str, status: Literal["ok", "error"], *, index: int, error: OcrError | None
    ) -> None:
        self.record(key, JournalEntry(status, error=_error_entry(error)))

    def sync(self) -> None:
        """Write what waits from an outage (the batch engines call this when a batch ends)."""
        self.flush()

    def close(self) -> None:
        self.flush()

    def __repr__(self) -> str:
        return f"RedisJournal({self._link.shown!r}, run={self.run!r})"

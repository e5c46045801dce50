"""Azure's asynchronous operations: ids, the NotStarted -> Running -> Succeeded|Failed clock, expiry.

Each operation draws its duration when created (:mod:`handwriting_ocr.emulator.durations`): it is
NotStarted for the first third of it, Running for the rest, then Succeeded (or Failed). Creation and
the first poll that sees the final status are recorded in :class:`EmulatorStats`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Literal

import attrs

from handwriting_ocr.emulator.durations import Duration, DurationSampler
from handwriting_ocr.emulator.stats import Api, EmulatorStats, OperationRecord
from handwriting_ocr.emulator.transcripts import Transcript

#: /read/operations/{id} (v2.0), /textOperations/{id} (v1.0, v2.0), /read/analyzeResults/{id} (v3.2).
OperationKind = Literal["read", "text", "analyze"]
Status = Literal["NotStarted", "Running", "Succeeded", "Failed"]

_API_OF_VERSION: dict[str, Api] = {"v1.0": "azure_v1", "v2.0": "azure_v2", "v3.2": "azure_read_v3"}


@attrs.frozen
class Operation:
    id: str
    kind: OperationKind
    #: "v1.0", "v2.0" or "v3.2": an id is only found under the API version that created it.
    version: str
    created_at: float
    transcript: Transcript
    fails: bool = False
    #: Seconds from creation to the final status.
    duration: float = 0.0
    #: Per-API options kept for the result (Read v3.2: language, pages, model version).
    options: object = None

    @property
    def completes_at(self) -> float:
        return self.created_at + self.duration

    def last_change(self, status: Status) -> float:
        """When the operation entered ``status`` (v3.2's ``lastUpdatedDateTime``)."""
        if status == "NotStarted":
            return self.created_at
        if status == "Running":
            return self.created_at + self.duration / 3
        return self.completes_at


class OperationStore:
    """Thread-safe; forgets operations ``ttl`` seconds after they were created."""

    def __init__(
        self,
        clock: Callable[[], float],
        duration: Duration,
        ttl: float,
        stats: EmulatorStats | None = None,
    ) -> None:
        self._clock = clock
        self._sampler = DurationSampler(duration)
        self._ttl = ttl
        self._stats = stats or EmulatorStats()
        self._lock = threading.Lock()
        self._operations: dict[str, Operation] = {}

    @property
    def duration(self) -> Duration:
        return self._sampler.duration

    @duration.setter
    def duration(self, duration: Duration) -> None:
        """Operations created from now on take ``duration`` (a fresh seeded sequence)."""
        self._sampler = DurationSampler(duration)

    def create(
        self,
        kind: OperationKind,
        version: str,
        transcript: Transcript,
        *,
        fingerprint: str,
        fails: bool = False,
        options: object = None,
    ) -> Operation:
        now = self._clock()
        operation = Operation(
            str(uuid.uuid4()), kind, version, now, transcript, fails, self._sampler.draw(), options
        )
        with self._lock:
            if len(self._operations) % 256 == 255:  # sweep now and then, not on every call
                self._purge(now)
            self._operations[operation.id] = operation
        self._stats.operation_created(
            OperationRecord(
                operation.id,
                _API_OF_VERSION[version],
                fingerprint,
                operation.created_at,
                operation.duration,
                fails,
            )
        )
        return operation

    def get(self, operation_id: str, kind: OperationKind, version: str) -> Operation | None:
        now = self._clock()
        with self._lock:
            operation = self._operations.get(operation_id.lower())
            if operation is None or now - operation.created_at >= self._ttl:
                return None
        return operation if operation.kind == kind and operation.version == version else None

    def fail(self, operation_id: str) -> None:
        """Make an existing operation end Failed (fault injection on a poll)."""
        with self._lock:
            operation = self._operations.get(operation_id.lower())
            if operation is not None:
                self._operations[operation.id] = attrs.evolve(operation, fails=True)
        if operation is not None:
            self._stats.operation_failed(operation.id)

    def status(self, operation: Operation) -> Status:
        """The status a poll answers now; the first final one is recorded as seen."""
        now = self._clock()
        elapsed = now - operation.created_at
        if elapsed >= operation.duration:
            self._stats.result_seen(operation.id, now)
            return "Failed" if operation.fails else "Succeeded"
        return "NotStarted" if elapsed < operation.duration / 3 else "Running"

    def _purge(self, now: float) -> None:
        expired = [key for key, op in self._operations.items() if now - op.created_at >= self._ttl]
        for key in expired:
            del self._operations[key]

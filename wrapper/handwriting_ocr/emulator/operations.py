"""Azure's asynchronous operations: ids, the NotStarted -> Running -> Succeeded|Failed clock, expiry."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Literal

import attrs

from handwriting_ocr.emulator.transcripts import Transcript

OperationKind = Literal["read", "text"]  # /read/operations/{id} and /textOperations/{id}
Status = Literal["NotStarted", "Running", "Succeeded", "Failed"]


@attrs.frozen
class Operation:
    id: str
    kind: OperationKind
    #: "v1.0" or "v2.0": an id is only found under the API version that created it.
    version: str
    created_at: float
    transcript: Transcript
    fails: bool = False


class OperationStore:
    """Thread-safe; forgets operations ``ttl`` seconds after they were created."""

    def __init__(self, clock: Callable[[], float], processing_time: float, ttl: float) -> None:
        self._clock = clock
        self._processing_time = processing_time
        self._ttl = ttl
        self._lock = threading.Lock()
        self._operations: dict[str, Operation] = {}

    def create(
        self, kind: OperationKind, version: str, transcript: Transcript, *, fails: bool = False
    ) -> Operation:
        now = self._clock()
        operation = Operation(str(uuid.uuid4()), kind, version, now, transcript, fails)
        with self._lock:
            if len(self._operations) % 256 == 255:  # sweep now and then, not on every call
                self._purge(now)
            self._operations[operation.id] = operation
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

    def status(self, operation: Operation) -> Status:
        elapsed = self._clock() - operation.created_at
        if elapsed >= self._processing_time:
            return "Failed" if operation.fails else "Succeeded"
        return "NotStarted" if elapsed < self._processing_time / 3 else "Running"

    def _purge(self, now: float) -> None:
        expired = [key for key, op in self._operations.items() if now - op.created_at >= self._ttl]
        for key in expired:
            del self._operations[key]

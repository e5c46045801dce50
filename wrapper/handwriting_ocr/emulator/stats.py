"""What the emulator saw, for tests and benchmarks: request counts per API and Azure operation records.

``emu.stats`` (an :class:`EmulatorStats`) is thread-safe and resettable::

    emu.stats.requests("huawei_ocr")          # RequestCounts(received=..., throttled=..., ...)
    emu.stats.total()                         # summed over every API
    emu.stats.operations_for(image_bytes)     # Azure operations created for these bytes (or a URL)
    emu.stats.duplicate_inputs()              # inputs with more than one operation: {fingerprint: n}
    emu.stats.operations()                    # OperationRecord(created_at, completes_at, result_seen_at, ...)
    emu.stats.reset()

Every request to a provider API is counted exactly once, by how it was answered: ``throttled`` (the
quota refused it), ``faulted`` (an injected fault answered instead of the provider logic) or
``served`` (the provider logic answered, whatever the status); ``received`` is their sum. Requests to
the emulator's own pages (``GET /``, ``/samples/...``) are not counted.

Times are the emulator's clock (``time.time`` unless the emulator was given another). An operation's
``completes_at`` is when it turns ``Succeeded``/``Failed``; ``result_seen_at`` is when a poll first
received that final status, so ``result_seen_at - completes_at`` is how late the client learnt it.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Final, Literal

import attrs

#: The APIs the emulator serves, as counted.
Api = Literal[
    "azure_v1",
    "azure_v2",
    "azure_read_v3",
    "azure_image_analysis",
    "huawei_iam",
    "huawei_ocr",
    "tencent_legacy",
    "tencent_v3",
]
APIS: Final[tuple[Api, ...]] = (
    "azure_v1",
    "azure_v2",
    "azure_read_v3",
    "azure_image_analysis",
    "huawei_iam",
    "huawei_ocr",
    "tencent_legacy",
    "tencent_v3",
)
Outcome = Literal["throttled", "faulted", "served"]
_OUTCOME_INDEX: Final[dict[Outcome, int]] = {"throttled": 0, "faulted": 1, "served": 2}

#: Operation records and per-input counts kept at most (the oldest are dropped), so a long-running
#: emulator does not grow without bound.
MAX_RECORDS: Final = 200_000


def input_fingerprint(image: bytes | str) -> str:
    """How operations are grouped by input: ``sha256:<hex>`` of uploaded bytes, ``url:<url>`` of a URL."""
    if isinstance(image, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(image).hexdigest()
    return "url:" + image


@attrs.frozen
class RequestCounts:
    throttled: int = 0
    faulted: int = 0
    served: int = 0

    @property
    def received(self) -> int:
        return self.throttled + self.faulted + self.served

    def __add__(self, other: RequestCounts) -> RequestCounts:
        return RequestCounts(
            self.throttled + other.throttled, self.faulted + other.faulted, self.served + other.served
        )


@attrs.frozen
class OperationRecord:
    id: str
    #: ``azure_v1``, ``azure_v2`` or ``azure_read_v3``.
    api: Api
    #: :func:`input_fingerprint` of the submitted image.
    input: str
    created_at: float
    #: Seconds from creation to the final status (exactly as drawn).
    duration: float
    fails: bool = False
    #: When a poll first received the final status; None while no poll has.
    result_seen_at: float | None = None

    @property
    def completes_at(self) -> float:
        """When the operation turns Succeeded (or Failed)."""
        return self.created_at + self.duration


class EmulatorStats:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[Api, list[int]] = {api: [0, 0, 0] for api in APIS}
        self._operations: dict[str, OperationRecord] = {}
        self._per_input: dict[str, int] = {}

    # -- recording (called by the emulator) ------------------------------------------------------------

    def count(self, api: Api, outcome: Outcome) -> None:
        with self._lock:
            self._requests[api][_OUTCOME_INDEX[outcome]] += 1

    def operation_created(self, record: OperationRecord) -> None:
        with self._lock:
            self._operations[record.id] = record
            self._per_input[record.input] = self._per_input.pop(record.input, 0) + 1
            if len(self._operations) > MAX_RECORDS:
                del self._operations[next(iter(self._operations))]
            if len(self._per_input) > MAX_RECORDS:
                del self._per_input[next(iter(self._per_input))]

    def result_seen(self, operation_id: str, now: float) -> None:
        with self._lock:
            record = self._operations.get(operation_id)
            if record is not None and record.result_seen_at is None:
                self._operations[operation_id] = attrs.evolve(record, result_seen_at=now)

    def operation_failed(self, operation_id: str) -> None:
        with self._lock:
            record = self._operations.get(operation_id)
            if record is not None:
                self._operations[operation_id] = attrs.evolve(record, fails=True)

    # -- reading ---------------------------------------------------------------------------------------

    def requests(self, api: Api) -> RequestCounts:
        with self._lock:
            return RequestCounts(*self._requests[api])

    def all_requests(self) -> dict[Api, RequestCounts]:
        with self._lock:
            return {api: RequestCounts(*counts) for api, counts in self._requests.items()}

    def total(self) -> RequestCounts:
        total = RequestCounts()
        for counts in self.all_requests().values():
            total += counts
        return total

    def operations(self) -> list[OperationRecord]:
        """Every recorded operation, oldest first."""
        with self._lock:
            return list(self._operations.values())

    def operation(self, operation_id: str) -> OperationRecord | None:
        with self._lock:
            return self._operations.get(operation_id.lower())

    def operations_per_input(self) -> dict[str, int]:
        with self._lock:
            return dict(self._per_input)

    def operations_for(self, image: bytes | str) -> int:
        """How many Azure operations were created for these bytes or this URL."""
        key = input_fingerprint(image)
        with self._lock:
            return self._per_input.get(key, 0)

    def duplicate_inputs(self) -> dict[str, int]:
        """Inputs that got more than one operation: ``{fingerprint: count}`` (empty when none did)."""
        with self._lock:
            return {key: count for key, count in self._per_input.items() if count > 1}

    def reset(self) -> None:
        with self._lock:
            for counts in self._requests.values():
                counts[:] = [0, 0, 0]
            self._operations.clear()
            self._per_input.clear()

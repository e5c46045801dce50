"""Batches: many inputs through one facade, at a fixed concurrency, one outcome per input.

Every facade has ``recognize_many(inputs, *, concurrency=..., timeout=..., manifest=...)``: a plain
iterator on the blocking facades (:class:`Batch`, worker threads) and an async iterator on the
asyncio ones (:class:`AsyncBatch`, worker tasks), yielding one :class:`BatchOutcome` per input as
inputs finish. Inputs are read lazily; the number of threads or tasks is fixed; cancellation
accounts for every input; a :class:`RunManifest` makes a run resumable. The requests share the
facade's limiter, so a batch stays under the provider's quota (see :mod:`handwriting_ocr.pacing`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handwriting_ocr._lazy import lazy_exports

if TYPE_CHECKING:
    from handwriting_ocr.batch._common import Checkpoint as Checkpoint
    from handwriting_ocr.batch.aio import AsyncBatch as AsyncBatch
    from handwriting_ocr.batch.journal import Journal as Journal
    from handwriting_ocr.batch.journal import Prior as Prior
    from handwriting_ocr.batch.journal import RunManifest as RunManifest
    from handwriting_ocr.batch.journal import input_identity as input_identity
    from handwriting_ocr.batch.outcome import BatchCancelledError as BatchCancelledError
    from handwriting_ocr.batch.outcome import BatchOutcome as BatchOutcome
    from handwriting_ocr.batch.outcome import OutcomeStatus as OutcomeStatus
    from handwriting_ocr.batch.threads import Batch as Batch

_LAZY: dict[str, str] = {
    "AsyncBatch": "handwriting_ocr.batch.aio",
    "Batch": "handwriting_ocr.batch.threads",
    "BatchCancelledError": "handwriting_ocr.batch.outcome",
    "BatchOutcome": "handwriting_ocr.batch.outcome",
    "Checkpoint": "handwriting_ocr.batch._common",
    "Journal": "handwriting_ocr.batch.journal",
    "OutcomeStatus": "handwriting_ocr.batch.outcome",
    "Prior": "handwriting_ocr.batch.journal",
    "RunManifest": "handwriting_ocr.batch.journal",
    "input_identity": "handwriting_ocr.batch.journal",
}

__all__ = [
    "AsyncBatch",
    "Batch",
    "BatchCancelledError",
    "BatchOutcome",
    "Checkpoint",
    "Journal",
    "OutcomeStatus",
    "Prior",
    "RunManifest",
    "input_identity",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

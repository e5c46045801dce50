"""How an outcome travels from a worker to the driver (and waits in the journal): plain data only.

A :class:`~handwriting_ocr.documents.Document` travels as its JSON (version 1; its ``raw`` provider
answer stays on the worker), an error as its class name and plain attributes. Nothing here is
pickled but strings, numbers and None, so worker and driver need not share more than this module,
and an error whose constructor takes keyword-only arguments (most of :mod:`handwriting_ocr.errors`,
which plain exception pickling cannot rebuild) arrives as the same class with the same fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from handwriting_ocr.errors import OcrError

if TYPE_CHECKING:
    from handwriting_ocr.batch import BatchOutcome
    from handwriting_ocr.documents import Document

__all__ = ["OutcomeRecord", "error_from_record", "error_to_record"]

RecordStatus = Literal["ok", "error", "cancelled"]
_PLAIN: Final = (str, int, float, bool, type(None))


def error_to_record(error: BaseException) -> dict[str, Any]:
    """``{"type": class name, "message": ..., <plain attributes>}`` (messages are already masked)."""
    record: dict[str, Any] = {"type": type(error).__name__}
    if isinstance(error, OcrError):
        record["message"] = error.message
        for name, value in vars(error).items():
            if name not in record and not name.startswith("_") and isinstance(value, _PLAIN):
                record[name] = value
        for name in ("operation_id", "continuation_token"):
            value = getattr(error, name, None)
            if value is not None:
                record[name] = value
    else:
        from handwriting_ocr._secrets import mask_known_secrets

        record["message"] = mask_known_secrets(f"{type(error).__name__}: {error}")
    return record


def _error_class(name: object) -> type[OcrError]:
    import handwriting_ocr.batch.outcome as outcome
    import handwriting_ocr.errors as errors

    for module in (errors, outcome):
        found = getattr(module, name, None) if isinstance(name, str) else None
        if isinstance(found, type) and issubclass(found, OcrError):
            return found
    return OcrError


def error_from_record(record: dict[str, Any]) -> OcrError:
    """The error :func:`error_to_record` described: same class (else ``OcrError``), same fields."""
    cls = _error_class(record.get("type"))
    message = record.get("message")
    text = message if isinstance(message, str) else "an error on a worker"
    if cls is OcrError and record.get("type") != "OcrError":
        text = f"{record.get('type')}: {text}"
    error = cls.__new__(cls)
    Exception.__init__(error, text)
    error.message = text
    error.provider = None
    for name, value in record.items():
        if name not in ("type", "message") and isinstance(value, _PLAIN):
            setattr(error, name, value)
    return error


@attrs.frozen
class OutcomeRecord:
    """One input's outcome as a worker sends it back."""

    #: The input's position in the caller's inputs.
    index: int
    status: RecordStatus
    document: str | None = attrs.field(default=None, repr=False)
    error: dict[str, Any] | None = None
    #: True when the outcome came from the journal (done before, by a worker that died).
    from_journal: bool = False

    @classmethod
    def from_outcome(cls, index: int, outcome: BatchOutcome[Any]) -> OutcomeRecord:
        if outcome.status == "ok" and outcome.document is not None:
            return cls(index, "ok", document=outcome.document.to_json())
        status: RecordStatus = "cancelled" if outcome.status == "cancelled" else "error"
        error = outcome.error if outcome.error is not None else OcrError("no document and no error")
        return cls(index, status, error=error_to_record(error))

    def document_object(self) -> Document | None:
        if self.document is None:
            return None
        from handwriting_ocr.documents import Document

        return Document.from_json(self.document)

    def error_object(self) -> OcrError | None:
        return None if self.error is None else error_from_record(self.error)

"""What a batch yields for each input: one :class:`BatchOutcome`, exactly once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Literal, TypeVar

import attrs

from handwriting_ocr.errors import OcrError

if TYPE_CHECKING:
    from handwriting_ocr.documents import Document

__all__ = ["BatchCancelledError", "BatchOutcome", "OutcomeStatus"]

I = TypeVar("I")  # noqa: E741 - the input type, as in the Iterable[I] the caller passes

#: ``ok``: recognised; ``error``: it failed (``error`` says why); ``cancelled``: the run was
#: cancelled before it finished; ``skipped``: an earlier run recorded it as done (a run manifest).
OutcomeStatus = Literal["ok", "error", "cancelled", "skipped"]


class BatchCancelledError(OcrError):
    """The batch was cancelled before this input finished.

    When the provider had already accepted the input's operation, ``continuation_token`` resumes it
    (a resumed run with the same manifest does that by itself).
    """


@attrs.frozen
class BatchOutcome(Generic[I]):
    """What became of one input: ``index`` (its position in the inputs), the ``input`` itself, and
    either the ``document`` or the ``error``."""

    index: int
    input: I
    status: OutcomeStatus
    document: Document | None = attrs.field(default=None, repr=False)
    error: OcrError | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def result(self) -> Document:
        """The document; raises the input's error (or :class:`BatchCancelledError`) otherwise.

        A ``skipped`` input has no document here: an earlier run produced it.
        """
        if self.document is not None:
            return self.document
        if self.error is not None:
            raise self.error
        raise BatchCancelledError(f"input {self.index} was done by an earlier run ({self.status})")

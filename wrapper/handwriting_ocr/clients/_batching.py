"""How a facade runs a batch: its ``recognize`` per input, or, where the provider's operation is
long-running (Azure Read), submit and wait as two steps so that the batch can record the accepted
operation's continuation token and a later run (or another worker) finishes it instead of starting
a second one."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, TypeAlias, TypeVar, cast

from handwriting_ocr.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from handwriting_ocr.batch import Checkpoint, Journal, RunManifest
    from handwriting_ocr.documents import Document
    from handwriting_ocr.polling.aio import AsyncLROPoller
    from handwriting_ocr.polling.sync import LROPoller
    from handwriting_ocr.validation import ImageInput

__all__ = ["ManifestArg", "open_journal", "recognize_async", "recognize_sync"]

InputT = TypeVar("InputT")

#: ``manifest=`` of ``recognize_many``: a path (opened, and closed when the batch ends), a
#: :class:`~handwriting_ocr.batch.RunManifest` or any other journal (left open), or None.
ManifestArg: TypeAlias = "str | os.PathLike[str] | RunManifest | Journal | None"


class _Recognizes(Protocol):
    def recognize(self, image: ImageInput | None = None) -> Document: ...


class _AsyncRecognizes(Protocol):
    async def recognize(self, image: ImageInput | None = None) -> Document: ...


class _TwoSteps(Protocol):
    def _begin_recognition(self, image: ImageInput) -> LROPoller[Document]: ...

    def _resume_recognition(self, token: str) -> LROPoller[Document]: ...


class _AsyncTwoSteps(Protocol):
    async def _begin_recognition(self, image: ImageInput) -> AsyncLROPoller[Document]: ...

    def _resume_recognition(self, token: str) -> AsyncLROPoller[Document]: ...


def open_journal(manifest: object) -> tuple[Journal | None, bool]:
    """The journal for ``manifest=``, and whether the batch owns it (and must close it)."""
    from handwriting_ocr.batch import RunManifest

    if manifest is None:
        return None, False
    if isinstance(manifest, str | os.PathLike):
        return RunManifest(manifest), True
    if all(hasattr(manifest, name) for name in ("prior", "submitted", "finished")):
        return cast("Journal", manifest), False
    raise InvalidInputError("manifest must be a path, a RunManifest or a Journal", field="manifest")


def recognize_sync(facade: object, item: ImageInput, checkpoint: Checkpoint) -> Document:
    """One input of a blocking batch."""
    if not hasattr(facade, "_begin_recognition"):
        return cast(_Recognizes, facade).recognize(item)
    steps = cast(_TwoSteps, facade)
    if checkpoint.token is not None:
        try:
            return steps._resume_recognition(checkpoint.token).result(timeout=checkpoint.deadline)
        except (InvalidInputError, NotFoundError):
            pass  # the token is not usable here, or its operation expired: start again
    poller = steps._begin_recognition(item)
    checkpoint.accepted(poller.continuation_token())
    return poller.result(timeout=checkpoint.deadline)


async def recognize_async(facade: object, item: ImageInput, checkpoint: Checkpoint) -> Document:
    """One input of an asyncio batch (the batch applies its timeout around this)."""
    if not hasattr(facade, "_begin_recognition"):
        return await cast(_AsyncRecognizes, facade).recognize(item)
    steps = cast(_AsyncTwoSteps, facade)
    if checkpoint.token is not None:
        try:
            return await steps._resume_recognition(checkpoint.token).result()
        except (InvalidInputError, NotFoundError):
            pass
    poller = await steps._begin_recognition(item)
    checkpoint.accepted(poller.continuation_token())
    return await poller.result()

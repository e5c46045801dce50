"""The CLI's record of a batch: one :class:`Outcome` per input, in input order, for summary.json.

The batch itself runs on the library's engine (:class:`handwriting_ocr.batch.AsyncBatch`: fixed
workers, one outcome per input, cancelled inputs reported as such, a run manifest); this module only
keeps what the command writes about each input: the files, or the error, or why it did not run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import attrs

from handwriting_ocr.cli.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CommandError,
    describe_error,
)
from handwriting_ocr.cli.inputs import SUMMARY_NAME, ImageSource, allocate_stems

__all__ = ["BatchItem", "BatchResults", "Outcome", "OutcomeStatus", "prepare_batch", "report_batch"]

#: ``skipped``: a run manifest says an earlier run finished it.
OutcomeStatus = Literal["ok", "error", "cancelled", "skipped"]


@attrs.frozen
class Outcome:
    """What became of one input."""

    index: int
    input: str
    status: OutcomeStatus
    #: Files written, relative to the output directory.
    files: tuple[str, ...] = ()
    overlay: str | None = None
    #: Something the user should know about a success (e.g. why there is no overlay).
    note: str | None = None
    error_type: str | None = None
    error_message: str | None = None

    def to_json(self) -> dict[str, object]:
        record: dict[str, object] = {"input": self.input, "status": self.status}
        if self.status == "ok":
            record["files"] = list(self.files)
            if self.overlay is not None:
                record["overlay"] = self.overlay
            if self.note is not None:
                record["note"] = self.note
        elif self.status == "skipped":
            record["note"] = self.note or "done by an earlier run (see the manifest)"
        else:
            record["error"] = {"type": self.error_type, "message": self.error_message}
        return record


class BatchResults:
    """One slot per input, filled as inputs finish; readable after success, failure or cancellation."""

    def __init__(self, inputs: list[str], environ: Mapping[str, str] | None = None) -> None:
        self._inputs = inputs
        self._slots: list[Outcome | None] = [None] * len(inputs)
        self._environ = environ
        #: Set when the first input is handed out: from then on the summary is owed.
        self.started = False

    def __len__(self) -> int:
        return len(self._inputs)

    def record(self, outcome: Outcome) -> None:
        self._slots[outcome.index] = outcome

    def record_error(self, index: int, exc: BaseException) -> Outcome:
        info = describe_error(exc, self._environ)
        outcome = Outcome(
            index, self._inputs[index], "error", error_type=info.type, error_message=info.message
        )
        self.record(outcome)
        return outcome

    def counts(self) -> Counter[OutcomeStatus]:
        """How many inputs ended each way (unfinished ones count as cancelled)."""
        return Counter(outcome.status for outcome in self.outcomes())

    def outcomes(self) -> list[Outcome]:
        """Every input's outcome in input order; an input that never finished reads ``cancelled``."""
        return [
            slot
            if slot is not None
            else Outcome(
                i,
                self._inputs[i],
                "cancelled",
                error_type="CancelledError",
                error_message="not finished: the run was interrupted",
            )
            for i, slot in enumerate(self._slots)
        ]


@attrs.frozen
class BatchItem:
    """One input of the batch, with where its files go."""

    index: int
    source: ImageSource
    stem: str


def prepare_batch(sources: Sequence[ImageSource], output: Path) -> tuple[list[BatchItem], BatchResults]:
    """The output folder created, every input given its file stem, and an empty record of the run
    (the same for a batch on this machine and one on a cluster)."""
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create the output folder {output}: {exc.strerror or exc}") from None
    stems = allocate_stems(sources)
    items = [
        BatchItem(index, source, stem)
        for index, (source, stem) in enumerate(zip(sources, stems, strict=True))
    ]
    return items, BatchResults([source.display for source in sources])


def report_batch(results: BatchResults, output: Path, *, interrupted: bool) -> int:
    """Print the summary line of a finished (or interrupted) batch; its exit status."""
    import click

    counts = results.counts()
    skipped = f", {counts['skipped']} skipped (done before)" if counts["skipped"] else ""
    click.echo(
        f"{len(results)} image(s): {counts['ok']} succeeded, {counts['error']} failed, "
        f"{counts['cancelled']} cancelled{skipped}; results in {output} (see {output / SUMMARY_NAME})",
        err=True,
    )
    if interrupted:
        raise CommandError("interrupted; unfinished images are recorded as cancelled", EXIT_INTERRUPTED)
    return EXIT_FAILED if counts["error"] else EXIT_OK

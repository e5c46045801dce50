"""``handwriting-ocr recognize ... -o DIR --scheduler tcp://host:8786 [--redis URL] [--rate-limit 20/s]``.

The batch of :func:`handwriting_ocr.cli.cmd_recognize.run_many`, computed on a Dask cluster with
:func:`handwriting_ocr.distributed.recognize_on_cluster`: the workers recognise, this process (the
driver) writes every output file, the overlays, the run manifest and ``summary.json``, exactly as the
single-machine batch does, with the same manifest keys (``cli:<provider>``), so a run started on one
machine can be resumed on a cluster and the other way round.

- Files are sent to the workers as absolute paths: every worker must be able to read them (shared
  storage, or workers on this machine). URLs are sent as URLs; ``-`` (stdin) as its bytes.
- The provider's credential variables are read here and travel with the tasks (use a ``tls://``
  scheduler between machines).
- ``--redis`` shares ``--rate-limit`` (required with it) between all workers and keeps the run's
  journal, so a dead worker's Azure operations are finished by another; without it, each worker paces
  alone (at ``--rate-limit`` if given, else a rate learned from throttling).
- ``-j`` is the number of images in flight per worker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Never

from handwriting_ocr.cli.batch import BatchItem, BatchResults, Outcome, prepare_batch, report_batch
from handwriting_ocr.cli.errors import (
    EXIT_USAGE,
    CommandError,
    describe_error,
)
from handwriting_ocr.cli.inputs import ImageSource

if TYPE_CHECKING:
    from tqdm import tqdm

    from handwriting_ocr.batch import BatchOutcome
    from handwriting_ocr.cli.cmd_recognize import RecognizeSettings

__all__ = ["CLUSTER_HELP", "run_on_cluster"]

#: For the option help texts.
CLUSTER_HELP = "needs the distributed extra: pip install 'handwriting-ocr[distributed]'"


def _sent(source: ImageSource) -> bytes | str:
    """What a worker gets: the absolute path, the URL, or stdin's bytes."""
    from handwriting_ocr.cli.pipeline import read_stdin

    if source.stdin:
        return read_stdin()
    if source.path is not None:
        return str(source.path.expanduser().absolute())
    assert source.url is not None
    return source.url


def _need_extra() -> None:
    import importlib.util

    if importlib.util.find_spec("redis") is None or importlib.util.find_spec("distributed") is None:
        raise CommandError(f"--scheduler {CLUSTER_HELP}", EXIT_USAGE)


def _connect(scheduler: str) -> Any:
    from distributed import Client

    from handwriting_ocr.distributed import mask_redis_url

    client_type: Any = Client  # distributed's constructors are untyped
    try:
        return client_type(scheduler, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        shown = mask_redis_url(scheduler)
        raise CommandError(f"cannot reach the Dask scheduler at {shown}: {exc}", EXIT_USAGE) from None


def run_on_cluster(
    sources: Sequence[ImageSource],
    settings: RecognizeSettings,
    output: Path,
    *,
    scheduler: str,
    redis: str | None = None,
    rate_limit: str | None = None,
    manifest: Path | None = None,
    redo_failed: bool = True,
) -> int:
    """Recognise every input on the cluster at ``scheduler`` into ``output``; write ``summary.json``;
    print the summary line; the exit status (as :func:`~handwriting_ocr.cli.cmd_recognize.run_many`)."""
    from handwriting_ocr.cli.cmd_recognize import _write_summary
    from handwriting_ocr.distributed import CLUSTER_PROVIDERS, ClientSpec
    from handwriting_ocr.errors import OcrError
    from handwriting_ocr.pacing import RateLimit

    if settings.provider not in CLUSTER_PROVIDERS:
        raise CommandError(
            f"--scheduler runs {', '.join(CLUSTER_PROVIDERS)} (each provider's current recognition), "
            f"not {settings.provider}",
            EXIT_USAGE,
        )
    if redis is not None and rate_limit is None:
        raise CommandError("--redis shares a quota: give it with --rate-limit (e.g. 10/s)", EXIT_USAGE)
    _need_extra()
    try:
        rate = None if rate_limit is None else RateLimit.parse(rate_limit)
        spec = ClientSpec.from_env(settings.provider, os.environ, endpoint=settings.endpoint)
        spec.facts()  # missing credentials are a usage error, before anything runs
    except OcrError as exc:
        raise CommandError(describe_error(exc).message, EXIT_USAGE) from None
    items, results = prepare_batch(sources, output)
    interrupted = False
    client = _connect(scheduler)
    try:
        run = _start(client, spec, items, settings, redis, rate, manifest, redo_failed)
        results.started = True
        interrupted = _collect(run, items, settings, output, results)
    finally:
        client.close()
        if results.started:
            _write_summary(output, settings, results)
    return report_batch(results, output, interrupted=interrupted)


def _start(
    client: Any,
    spec: Any,
    items: Sequence[BatchItem],
    settings: RecognizeSettings,
    redis: str | None,
    rate: Any,
    manifest: Path | None,
    redo_failed: bool,
) -> Any:
    from handwriting_ocr.distributed import recognize_on_cluster

    inputs: Iterator[bytes | str] = (_sent(item.source) for item in items)
    return recognize_on_cluster(
        client,
        spec,
        inputs,
        rate_limit=rate,
        redis=redis,
        concurrency=settings.concurrency,
        timeout=settings.timeout,
        manifest=manifest,
        redo_failed=redo_failed,
        scope=f"cli:{settings.provider}",
    )


def _collect(
    run: Any, items: Sequence[BatchItem], settings: RecognizeSettings, output: Path, results: BatchResults
) -> bool:
    """Write each outcome's files as it arrives; True if interrupted (Ctrl-C)."""
    from tqdm import tqdm

    bar: tqdm[Never]
    with tqdm(
        total=len(items),
        desc=f"{settings.provider} (cluster)",
        unit="image",
        file=sys.stderr,
        disable=not settings.progress,
        dynamic_ncols=True,
    ) as bar:
        try:
            for outcome in run:
                _record(outcome, items, settings, output, results, bar)
        except KeyboardInterrupt:
            # The run cancelled itself: what it still owes is every unfinished input, as cancelled.
            for outcome in run:
                _record(outcome, items, settings, output, results, bar)
            return True
        finally:
            run.close()
    return False


def _record(
    outcome: BatchOutcome[Any],
    items: Sequence[BatchItem],
    settings: RecognizeSettings,
    output: Path,
    results: BatchResults,
    bar: tqdm[Never],
) -> None:
    import asyncio

    from handwriting_ocr.cli.files import write_atomic
    from handwriting_ocr.cli.pipeline import OVERLAY_SUFFIX, draw_overlay, read_image_file, write_exports

    item = items[outcome.index]
    source = item.source
    recorded: Outcome
    if outcome.status == "ok" and outcome.document is not None:
        try:
            files = write_exports(
                outcome.document,
                [settings.format],
                directory=output,
                stem=item.stem,
                image_name=source.file_name,
            )
            overlay_name = note = None
            if settings.overlay:
                data = read_image_file(source.path) if source.path is not None else None
                drawn = asyncio.run(draw_overlay(outcome.document, data))
                if drawn.png is not None:
                    overlay_name = f"{item.stem}{OVERLAY_SUFFIX}"
                    write_atomic(output / overlay_name, drawn.png)
                note = drawn.note
            recorded = Outcome(
                item.index, source.display, "ok", tuple(files), overlay=overlay_name, note=note
            )
            results.record(recorded)
        except Exception as exc:  # writing this input's files failed: its error, the batch goes on
            recorded = results.record_error(item.index, exc)
    elif outcome.status == "error" and outcome.error is not None:
        recorded = results.record_error(item.index, outcome.error)
    else:
        cancelled = outcome.status == "cancelled"
        recorded = Outcome(
            item.index,
            source.display,
            "cancelled" if cancelled else "skipped",
            error_type="CancelledError" if cancelled else None,
            error_message="not finished: the run was interrupted" if cancelled else None,
        )
        results.record(recorded)
    if recorded.status == "error":
        bar.write(f"error: {recorded.input}: {recorded.error_message}", file=sys.stderr)
    elif recorded.note is not None and recorded.status == "ok":
        bar.write(f"note: {recorded.input}: {recorded.note}", file=sys.stderr)
    bar.update(1)

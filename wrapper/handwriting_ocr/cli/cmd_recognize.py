"""``handwriting-ocr recognize IMAGE_OR_URL... --provider P``: one image to stdout, many to a folder."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Never, get_args

import attrs
import click

from handwriting_ocr.cli.batch import BatchItem, BatchResults, Outcome, prepare_batch, report_batch
from handwriting_ocr.cli.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    describe_error,
    redact,
)
from handwriting_ocr.cli.files import write_atomic
from handwriting_ocr.cli.formats import FORMATS, OutputFormat, render
from handwriting_ocr.cli.inputs import SUMMARY_NAME, ImageSource, allocate_stems, parse_sources
from handwriting_ocr.cli.pipeline import (
    OVERLAY_SUFFIX,
    draw_overlay,
    pillow_available,
    recognize_source,
    write_exports,
)
from handwriting_ocr.cli.providers import (
    ENDPOINT_ENV,
    PROVIDER_HELP,
    PROVIDERS,
    ProviderName,
    Recognize,
    open_recognizer,
)

if TYPE_CHECKING:
    from tqdm import tqdm

    from handwriting_ocr.documents import Document

__all__ = ["RecognizeSettings", "recognize", "run_many", "run_single"]


@attrs.frozen
class RecognizeSettings:
    provider: ProviderName
    endpoint: str | None
    format: OutputFormat
    overlay: bool
    concurrency: int
    timeout: float
    progress: bool
    #: The provider quota to keep to (``"10/s"``); None: learned from throttling.
    rate_limit: str | None = None


@click.command()
@click.argument("images", metavar="IMAGE_OR_URL...", nargs=-1, required=True)
@click.option(
    "--provider",
    "-p",
    type=click.Choice(get_args(ProviderName)),
    required=True,
    help=PROVIDER_HELP,
)
@click.option(
    "--endpoint",
    envvar=ENDPOINT_ENV,
    metavar="URL",
    help=f"Scheme, host and port to send requests to instead of the provider's (env: {ENDPOINT_ENV}).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="json: the Document JSON; raw: the provider's own JSON answer.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for one file per image and summary.json (needed for several images).",
)
@click.option(
    "--overlay", is_flag=True, help="Also draw the recognised lines on each image file (PNG; needs Pillow)."
)
@click.option(
    "--concurrency",
    "-j",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Images in flight at once.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds allowed per image, retries and polling included.",
)
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr (with --output).")
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Run manifest (JSON lines, with --output): every finished image is recorded as it finishes; "
    "running again with the same manifest skips what is done and redoes what failed or is missing.",
)
@click.option(
    "--skip-failed",
    is_flag=True,
    help="With --manifest: also skip images an earlier run recorded as failed (default: redo them).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="HANDWRITING_OCR_SCHEDULER",
    help="Run the batch (with --output) on this Dask scheduler, e.g. tcp://host:8786; files must be "
    "readable by every worker; -j is then per worker (env: HANDWRITING_OCR_SCHEDULER; "
    "needs the distributed extra).",
)
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    envvar="HANDWRITING_OCR_REDIS",
    help="With --scheduler: share --rate-limit between all workers and keep the run's journal in this "
    "Redis, e.g. redis://host:6379/0 (env: HANDWRITING_OCR_REDIS).",
)
@click.option(
    "--rate-limit",
    metavar="RATE",
    help="The provider quota to stay under, e.g. 10/s or 20/min (default: learned from throttling); "
    "with --scheduler, shared by all workers through --redis, else each worker's own.",
)
def recognize(
    images: tuple[str, ...],
    provider: ProviderName,
    endpoint: str | None,
    fmt: OutputFormat,
    output: Path | None,
    overlay: bool,
    concurrency: int,
    timeout: float,
    progress: bool,
    manifest: Path | None,
    skip_failed: bool,
    scheduler: str | None,
    redis_url: str | None,
    rate_limit: str | None,
) -> int:
    """Recognise handwriting in image files or http(s) URLs (or - for one image on stdin).

    Credentials come from the provider's environment variables: AZURE_VISION_ENDPOINT and
    AZURE_VISION_KEY (every azure-* provider); HUAWEICLOUD_PROJECT_ID (+ HUAWEICLOUD_REGION) and
    HUAWEICLOUD_SDK_AK/_SK, HUAWEICLOUD_OCR_TOKEN or HUAWEICLOUD_IAM_DOMAIN/_USER/_PASSWORD;
    tencent: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_REGION
    (+ TENCENTCLOUD_SESSION_TOKEN); tencent-legacy: TENCENT_APPID, TENCENTCLOUD_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY (+ TENCENT_BUCKET).

    One image without --output prints the result to stdout. With --output, each image gets its own
    file(s) there, named after the input, plus summary.json; an image that fails is recorded and the
    others go on. Exit status 1 if any image failed.
    """
    settings = RecognizeSettings(provider, endpoint, fmt, overlay, concurrency, timeout, progress, rate_limit)
    if rate_limit is not None:
        _check_rate(rate_limit)
    if overlay and not pillow_available():
        raise CommandError("--overlay needs Pillow: pip install 'handwriting-ocr[images]'")
    sources = parse_sources(images)
    if output is None:
        if len(sources) > 1:
            raise click.UsageError("several images need --output DIR (one file is written per image)")
        if manifest is not None:
            raise click.UsageError("--manifest needs --output DIR (it records a batch)")
        source = click.get_current_context().get_parameter_source("scheduler")
        if scheduler is not None and source == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--scheduler needs --output DIR (it runs a batch)")
        return run_single(sources[0], settings, overlay_dir=Path.cwd())
    if scheduler is not None:
        from handwriting_ocr.cli.distributed import run_on_cluster

        return run_on_cluster(
            sources,
            settings,
            output,
            scheduler=scheduler,
            redis=redis_url,
            rate_limit=rate_limit,
            manifest=manifest,
            redo_failed=not skip_failed,
        )
    if redis_url is not None:
        raise click.UsageError("--redis goes with --scheduler (a cluster run)")
    return run_many(sources, settings, output, manifest=manifest, redo_failed=not skip_failed)


def _check_rate(rate_limit: str) -> None:
    """A usage error (exit 2) for a --rate-limit that is not a rate."""
    from handwriting_ocr.errors import InvalidInputError
    from handwriting_ocr.pacing import RateLimit

    try:
        RateLimit.parse(rate_limit)
    except InvalidInputError as exc:
        raise click.UsageError(f"--rate-limit: {exc.message}") from None


async def _open(stack: contextlib.AsyncExitStack[bool | None], settings: RecognizeSettings) -> Recognize:
    """The provider's client, or a usage error (exit 2) if its settings are missing or wrong."""
    from handwriting_ocr.errors import OcrError

    try:
        return await stack.enter_async_context(
            open_recognizer(settings.provider, endpoint=settings.endpoint, rate_limit=settings.rate_limit)
        )
    except OcrError as exc:
        raise CommandError(describe_error(exc).message, EXIT_USAGE) from None


# --- one image: stdout -------------------------------------------------------------------------------


def run_single(source: ImageSource, settings: RecognizeSettings, *, overlay_dir: Path) -> int:
    """Recognise one input and print it in the chosen format; the overlay goes to ``overlay_dir``."""
    from handwriting_ocr.errors import OcrError

    async def go() -> tuple[str, str | None]:
        async with contextlib.AsyncExitStack() as stack:
            recognize_one = await _open(stack, settings)
            try:
                recognized = await recognize_source(source, recognize_one, timeout=settings.timeout)
            except OcrError as exc:
                raise CommandError(f"{source.display}: {describe_error(exc).message}", EXIT_FAILED) from None
        files = render(recognized.document, settings.format, image_name=source.file_name)
        if len(files) != 1:
            raise CommandError(
                f"{source.display}: the result has {len(files)} pages and PAGE XML holds one; "
                "use --output DIR to get one file per page",
                EXIT_FAILED,
            )
        note = None
        if settings.overlay:
            drawn = await draw_overlay(recognized.document, recognized.data)
            if drawn.png is not None:
                stem = allocate_stems([source])[0]
                target = overlay_dir / f"{stem}{OVERLAY_SUFFIX}"
                write_atomic(target, drawn.png)
                note = f"overlay written to {target}"
            else:
                note = drawn.note
        return files[0].text, note

    text, note = asyncio.run(go())
    click.echo(text, nl=not text.endswith("\n"))
    if note is not None:
        click.echo(f"note: {note}", err=True)
    return EXIT_OK


# --- many images: a folder ---------------------------------------------------------------------------


def _identity(item: BatchItem) -> str | None:
    """The input's identity in a run manifest: its file or URL (stdin cannot be recognised again)."""
    from handwriting_ocr.batch import input_identity

    source = item.source
    if source.path is not None:
        return input_identity(source.path)
    return input_identity(source.url) if source.url is not None else None


def run_many(
    sources: Sequence[ImageSource],
    settings: RecognizeSettings,
    output: Path,
    *,
    manifest: Path | None = None,
    redo_failed: bool = True,
) -> int:
    """Recognise every input into ``output``, write ``summary.json``, print a summary line.

    Once the batch has started, whatever happens (failures, Ctrl-C), summary.json lists every input
    exactly once: ``ok``, ``error``, ``cancelled`` (not finished when the run was interrupted) or
    ``skipped`` (done by an earlier run, with ``manifest``). A settings problem found before that
    (missing credentials) is a plain usage error.
    """
    items, results = prepare_batch(sources, output)
    interrupted = False
    try:
        asyncio.run(_run_many(items, settings, output, results, manifest, redo_failed))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if results.started:
            _write_summary(output, settings, results)
    return report_batch(results, output, interrupted=interrupted)


async def _run_many(
    items: Sequence[BatchItem],
    settings: RecognizeSettings,
    output: Path,
    results: BatchResults,
    manifest: Path | None,
    redo_failed: bool,
) -> None:
    from tqdm import tqdm

    from handwriting_ocr.batch import AsyncBatch, BatchOutcome, Checkpoint, RunManifest
    from handwriting_ocr.errors import OcrError

    async with contextlib.AsyncExitStack() as stack:
        recognize_one = await _open(stack, settings)
        journal: RunManifest | None = None
        if manifest is not None:
            try:
                journal = stack.enter_context(RunManifest(manifest, redo_failed=redo_failed))
            except OcrError as exc:
                raise CommandError(describe_error(exc).message, EXIT_USAGE) from None
        #: What each finished input wrote: its files, overlay and note (read when it is reported).
        written: dict[int, Outcome] = {}

        async def work(item: BatchItem, checkpoint: Checkpoint) -> Document:
            source, stem = item.source, item.stem
            recognized = await recognize_source(
                source, recognize_one, timeout=settings.timeout, checkpoint=checkpoint
            )
            files = write_exports(
                recognized.document,
                [settings.format],
                directory=output,
                stem=stem,
                image_name=source.file_name,
            )
            overlay_name = note = None
            if settings.overlay:
                drawn = await draw_overlay(recognized.document, recognized.data)
                if drawn.png is not None:
                    overlay_name = f"{stem}{OVERLAY_SUFFIX}"
                    write_atomic(output / overlay_name, drawn.png)
                note = drawn.note
            written[item.index] = Outcome(
                item.index, source.display, "ok", tuple(files), overlay=overlay_name, note=note
            )
            return recognized.document

        bar = stack.enter_context(
            tqdm(
                total=len(items),
                desc=settings.provider,
                unit="image",
                file=sys.stderr,
                disable=not settings.progress,
                dynamic_ncols=True,
            )
        )

        def record(outcome: BatchOutcome[BatchItem]) -> None:
            item = outcome.input
            recorded: Outcome
            if outcome.status == "ok":
                recorded = written.pop(item.index)
                results.record(recorded)
            elif outcome.status == "error":
                assert outcome.error is not None
                recorded = results.record_error(item.index, outcome.error)
            else:
                recorded = Outcome(
                    item.index,
                    item.source.display,
                    outcome.status,
                    error_type="CancelledError" if outcome.status == "cancelled" else None,
                    error_message="not finished: the run was interrupted"
                    if outcome.status == "cancelled"
                    else None,
                )
                results.record(recorded)
            _progress(bar, recorded)

        run = AsyncBatch(
            items,
            work,
            concurrency=settings.concurrency,
            journal=journal,
            scope=f"cli:{settings.provider}",
            identify=_identity,
        )
        results.started = True
        try:
            async for outcome in run:
                record(outcome)
        except asyncio.CancelledError:
            # Ctrl-C: the batch was cancelled with the task; what it still owes is every unfinished input.
            async for outcome in run:
                record(outcome)
            raise


def _progress(bar: tqdm[Never], outcome: Outcome) -> None:
    # tqdm.write prints above the bar instead of through it.
    if outcome.status == "error":
        bar.write(f"error: {outcome.input}: {outcome.error_message}", file=sys.stderr)
    elif outcome.note is not None and outcome.status == "ok":
        bar.write(f"note: {outcome.input}: {outcome.note}", file=sys.stderr)
    bar.update(1)


def _write_summary(output: Path, settings: RecognizeSettings, results: BatchResults) -> None:
    outcomes = results.outcomes()
    counts = results.counts()
    summary = {
        "provider": settings.provider,
        "operation": PROVIDERS[settings.provider].operation,
        "format": settings.format,
        "total": len(outcomes),
        "succeeded": counts["ok"],
        "failed": counts["error"],
        "cancelled": counts["cancelled"],
        "skipped": counts["skipped"],
        "results": [outcome.to_json() for outcome in outcomes],
    }
    text = redact(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    write_atomic(output / SUMMARY_NAME, text)

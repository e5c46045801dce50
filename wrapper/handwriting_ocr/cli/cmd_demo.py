"""``handwriting-ocr demo``: the emulator in-process, a bundled sample through every provider, the
transcripts on stdout and every export (and overlay picture) in a folder. Offline, a few seconds."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs
import click

from handwriting_ocr.cli.errors import EXIT_FAILED, EXIT_OK, CommandError, describe_error
from handwriting_ocr.cli.files import write_atomic
from handwriting_ocr.cli.formats import FORMATS, OutputFormat
from handwriting_ocr.cli.inputs import ImageSource
from handwriting_ocr.cli.pipeline import (
    OVERLAY_SUFFIX,
    draw_overlay,
    pillow_available,
    recognize_source,
    write_exports,
)
from handwriting_ocr.cli.providers import PROVIDERS, ProviderName, open_recognizer

if TYPE_CHECKING:
    from handwriting_ocr.emulator import Emulator

__all__ = ["DEMO_FORMATS", "DemoRun", "demo", "demo_runs"]

#: Every export except ``raw`` (the provider's JSON, which ``json`` and ``convert`` already cover).
DEMO_FORMATS: Final[tuple[OutputFormat, ...]] = tuple(fmt for fmt in FORMATS if fmt != "raw")
#: Seconds the emulator's Azure operations take: long enough to show polling, short for a demo.
DEMO_PROCESSING_TIME: Final = 0.1
#: Seconds allowed per run; the emulator answers in well under one.
DEMO_TIMEOUT: Final = 30.0


@attrs.frozen
class DemoRun:
    """One provider (and, for Huawei, one way of authenticating) in the demo."""

    label: str
    provider: ProviderName
    environ: Mapping[str, str]

    @property
    def title(self) -> str:
        return f"{self.label}: {PROVIDERS[self.provider].operation}"


@attrs.frozen
class DemoResult:
    run: DemoRun
    text: str | None = None
    files: tuple[Path, ...] = ()
    overlay: Path | None = None
    note: str | None = None
    error: str | None = None


def demo_runs(emu: Emulator) -> list[DemoRun]:
    """Every provider name (every API) against ``emu``; Huawei twice, with AK/SK signing and with an
    IAM password."""
    from handwriting_ocr.cli.cmd_emulator import emulator_environment, huawei_password_environment

    env = emulator_environment(emu)
    iam_env = {k: v for k, v in env.items() if not k.startswith("HUAWEICLOUD_SDK_")}
    iam_env.update(huawei_password_environment(emu))
    runs: list[DemoRun] = []
    for name in PROVIDERS:
        if name == "huawei":
            runs.append(DemoRun("huawei-aksk", "huawei", env))
            runs.append(DemoRun("huawei-iam", "huawei", iam_env))
        else:
            runs.append(DemoRun(name, name, env))
    return runs


async def _one(run: DemoRun, image: Path, endpoint: str, directory: Path, overlay: bool) -> DemoResult:
    from handwriting_ocr.errors import OcrError

    source = ImageSource(argument=str(image), path=image)
    try:
        async with open_recognizer(run.provider, endpoint=endpoint, environ=run.environ) as recognize:
            recognized = await recognize_source(source, recognize, timeout=DEMO_TIMEOUT)
    except OcrError as exc:
        return DemoResult(run, error=describe_error(exc, run.environ).message)
    target = directory / run.label
    target.mkdir(parents=True, exist_ok=True)
    stem = image.stem
    names = write_exports(
        recognized.document, DEMO_FORMATS, directory=target, stem=stem, image_name=image.name
    )
    picture = note = None
    if overlay:
        drawn = await draw_overlay(recognized.document, recognized.data)
        if drawn.png is not None:
            picture = target / f"{stem}{OVERLAY_SUFFIX}"
            write_atomic(picture, drawn.png)
        note = drawn.note
    return DemoResult(
        run,
        text=recognized.document.text,
        files=tuple(target / name for name in names),
        overlay=picture,
        note=note,
    )


async def _all(
    runs: Sequence[DemoRun], image: Path, endpoint: str, directory: Path, overlay: bool
) -> list[DemoResult]:
    return list(await asyncio.gather(*(_one(run, image, endpoint, directory, overlay) for run in runs)))


@click.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the exports and overlay pictures.",
)
@click.option("--sample", default="glory.png", show_default=True, help="Which bundled sample to recognise.")
def demo(output: Path, sample: str) -> int:
    """Recognise a bundled sample with every provider against the local emulator (offline).

    Starts the emulator in this process on a free loopback port, prints each provider's transcript,
    and writes JSON, text, hOCR, ALTO and PAGE XML exports and overlay pictures (with Pillow) into
    the output folder.
    """
    from handwriting_ocr import samples
    from handwriting_ocr.emulator import Emulator, EmulatorConfig
    from handwriting_ocr.errors import OcrError

    try:
        expected = samples.get(sample)
        image_bytes = samples.read_bytes(sample)
    except OcrError as exc:
        raise CommandError(describe_error(exc).message) from None
    try:
        output.mkdir(parents=True, exist_ok=True)
        image = output / sample
        write_atomic(image, image_bytes)
    except OSError as exc:
        raise CommandError(f"cannot write to {output}: {exc.strerror or exc}") from None
    overlay = pillow_available()

    with Emulator(EmulatorConfig(processing_time=DEMO_PROCESSING_TIME)) as emu:
        click.echo(
            f"Emulator running in-process on {emu.base_url}; sample {image} ({len(expected.lines)} lines)"
        )
        if not overlay:
            click.echo(
                "note: Pillow is not installed, so no overlay pictures (pip install 'handwriting-ocr[images]')"
            )
        results = asyncio.run(_all(demo_runs(emu), image, emu.base_url, output, overlay))

    matched = 0
    for result in results:
        click.echo("")
        if result.error is not None:
            click.echo(f"== {result.run.title}: FAILED")
            click.echo(f"error: {result.run.label}: {result.error}", err=True)
            continue
        assert result.text is not None
        same = result.text.rstrip("\n") == expected.text
        matched += same
        verdict = "matches the sample's transcript" if same else "DIFFERS from the sample's transcript"
        click.echo(f"== {result.run.title} ({verdict})")
        click.echo(result.text, nl=not result.text.endswith("\n"))
        click.echo(f"   exports: {', '.join(str(path) for path in result.files)}")
        if result.overlay is not None:
            click.echo(f"   overlay: {result.overlay}")
        if result.note is not None:
            click.echo(f"   note: {result.note}")

    failed = sum(1 for result in results if result.error is not None)
    click.echo("")
    click.echo(
        f"{len(results)} runs: {len(results) - failed} succeeded ({matched} matching the transcript), "
        f"{failed} failed. Everything is in {output}/"
    )
    return EXIT_FAILED if failed or matched != len(results) else EXIT_OK

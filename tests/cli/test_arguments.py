"""Argument handling (click's CliRunner and ``main``): help, usage errors, exit statuses, no
tracebacks, and a light import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from handwriting_ocr import __version__
from handwriting_ocr.cli import cli, main

from tests.cli.helpers import assert_one_error_line, clean_environment


def test_help_lists_the_four_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("recognize", "convert", "emulator", "demo"):
        assert f"  {command} " in result.output


def test_no_arguments_shows_the_help_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Usage: handwriting-ocr [OPTIONS] COMMAND [ARGS]...")
    assert "  recognize " in captured.err


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"handwriting-ocr {__version__}\n")


def test_recognize_help_names_providers_formats_and_credentials() -> None:
    result = CliRunner().invoke(cli, ["recognize", "--help"])
    assert result.exit_code == 0
    choices = (
        "azure|azure-v2|azure-text|azure-v1|azure-ocr|azure-image-analysis|huawei|tencent|tencent-legacy"
    )
    assert f"[{choices}]" in result.output
    # The help says which API each name calls (click wraps the text; compare it unwrapped).
    flat = " ".join(result.output.split())
    for api in (
        "azure: Azure AI Vision Read v3.2",
        "v2.0 Read",
        "Image Analysis 4.0",
        "API 3.0",
        "legacy OCR",
    ):
        assert api in flat
    assert "TENCENTCLOUD_REGION" in result.output
    assert "[json|text|hocr|alto|page|raw]" in result.output
    assert "AZURE_VISION_KEY" in result.output and "TENCENTCLOUD_SECRET_KEY" in result.output


def test_cli_runner_reports_missing_provider_as_usage_error() -> None:
    result = CliRunner().invoke(cli, ["recognize", "a.png"])
    assert result.exit_code == 2
    assert "Missing option '--provider'" in result.output


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["recognize", "a.png"], ("Missing option '--provider'", "handwriting-ocr recognize --help")),
        (["recognize", "a.png", "-p", "google"], ("Invalid value for '--provider'",)),
        (["recognize", "-p", "azure"], ("Missing argument 'IMAGE_OR_URL...'",)),
        (["recognize", "a.png", "-p", "azure", "-j", "0"], ("Invalid value for '--concurrency'",)),
        (["recognize", "a.png", "-p", "azure", "--timeout", "0"], ("Invalid value for '--timeout'",)),
        (["recognize", "a.png", "-p", "azure", "-f", "pdf"], ("Invalid value for '--format'",)),
        (["recognize", "a.png", "b.png", "-p", "azure"], ("several images need --output DIR",)),
        (["nosuch"], ("No such command 'nosuch'",)),
        (["convert", "x.json", "--to", "text"], ("Missing option '--from'",)),
        (["emulator", "--port", "70000"], ("Invalid value for '--port'",)),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    args: list[str], fragments: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, *fragments)


def test_missing_credentials_exit_2_without_touching_the_output_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("AZURE_VISION_ENDPOINT", "AZURE_VISION_KEY", "HANDWRITING_OCR_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    assert main(["recognize", str(image), str(image), "-p", "azure", "-o", str(out)]) == 2
    assert_one_error_line(capsys.readouterr().err, "AZURE_VISION_ENDPOINT")
    assert not (out / "summary.json").exists()


def test_overlay_without_pillow_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("handwriting_ocr.cli.cmd_recognize.pillow_available", lambda: False)
    assert main(["recognize", "a.png", "-p", "azure", "--overlay"]) == 2
    assert_one_error_line(capsys.readouterr().err, "--overlay needs Pillow", "handwriting-ocr[images]")


def test_an_internal_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise KeyError("surprise\nwith a second line")

    monkeypatch.setattr("handwriting_ocr.cli.cmd_recognize.run_single", broken)
    monkeypatch.setenv("AZURE_VISION_KEY", "v3ry-s3cret-key")
    assert main(["recognize", "a.png", "-p", "azure"]) == 2
    line = assert_one_error_line(capsys.readouterr().err, "internal error: KeyError")
    assert "\n" not in line


def test_secrets_are_masked_in_error_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def leaky(*args: object, **kwargs: object) -> int:
        raise RuntimeError("request failed with key v3ry-s3cret-key")

    monkeypatch.setattr("handwriting_ocr.cli.cmd_recognize.run_single", leaky)
    monkeypatch.setenv("AZURE_VISION_KEY", "v3ry-s3cret-key")
    assert main(["recognize", "a.png", "-p", "azure"]) == 2
    err = capsys.readouterr().err
    assert "v3ry-s3cret-key" not in err
    assert_one_error_line(err, "request failed with key ***")


def test_importing_the_cli_loads_neither_httpx_nor_the_commands() -> None:
    code = (
        "import sys, handwriting_ocr.cli; "
        "heavy = [m for m in ('httpx', 'handwriting_ocr.clients', 'handwriting_ocr.emulator', "
        "'handwriting_ocr.cli.cmd_recognize', 'handwriting_ocr.export') if m in sys.modules]; "
        "print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=clean_environment(), capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"

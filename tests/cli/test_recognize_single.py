"""``recognize`` on one image, in a real subprocess against the emulator on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document, Shape
from handwriting_ocr.emulator import Emulator

from tests.cli.helpers import (
    alto_lines,
    assert_one_error_line,
    cli_command,
    hocr_lines,
    hocr_page_title,
    page_lines,
    run_cli,
)

PROVIDERS: dict[str, tuple[str, Shape]] = {
    "azure": ("azure", "azure-read-v3"),
    "azure-v2": ("azure", "azure-read"),
    "azure-text": ("azure", "azure-text"),
    "azure-v1": ("azure", "azure-v1-text"),
    "azure-ocr": ("azure", "azure-ocr"),
    "azure-image-analysis": ("azure", "azure-image-analysis"),
    "huawei": ("huawei", "huawei"),
    "tencent": ("tencent", "tencent-v3"),
    "tencent-legacy": ("tencent", "tencent"),
}
FORMATS = ["text", "json", "hocr", "alto", "page", "raw"]
SAMPLE = "glory.png"


def _check_output(fmt: str, out: str, provider: str) -> None:
    expected = samples.get(SAMPLE)
    lines = [line.text for line in expected.lines]
    provider_name, shape = PROVIDERS[provider]
    if fmt == "text":
        assert out == expected.text + "\n"
    elif fmt == "json":
        document = Document.from_json(out)
        assert (document.provider, document.shape) == (provider_name, shape)
        assert document.text == expected.text + "\n"
    elif fmt == "hocr":
        assert hocr_lines(out) == lines
        assert f'image "{SAMPLE}"' in hocr_page_title(out)
    elif fmt == "alto":
        assert alto_lines(out) == lines
        assert f"<fileName>{SAMPLE}</fileName>" in out
    elif fmt == "page":
        assert page_lines(out) == lines
        assert f'imageFilename="{SAMPLE}"' in out
    else:
        assert to_document(json.loads(out), shape).text == expected.text + "\n"


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_one_image_prints_the_transcript_in_each_format(
    provider: str, sample_dir: Path, emu_env: dict[str, str]
) -> None:
    # One subprocess per format, all at once (they are independent), to keep the suite quick.
    processes = {
        fmt: subprocess.Popen(
            cli_command("recognize", str(sample_dir / SAMPLE), "--provider", provider, "--format", fmt),
            env={**emu_env, "PYTHONIOENCODING": "utf-8"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for fmt in FORMATS
    }
    try:
        outputs = {fmt: process.communicate(timeout=60) for fmt, process in processes.items()}
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    for fmt, (out, err) in outputs.items():
        assert processes[fmt].returncode == 0, (fmt, err)
        assert err == b"", fmt
        _check_output(fmt, out.decode("utf-8"), provider)


def test_a_url_is_sent_as_a_url(emu: Emulator, emu_env: dict[str, str]) -> None:
    done = run_cli(["recognize", emu.sample_url("note.png"), "-p", "tencent"], emu_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == samples.get("note.png").text + "\n"


def test_overlay_of_one_image_goes_to_the_current_folder(
    sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "huawei", "--overlay"], emu_env, cwd=work)
    assert done.returncode == 0, done.stderr
    picture = work / "glory.overlay.png"
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert done.stderr.strip() == f"note: overlay written to {picture}"


def test_overlay_of_a_url_is_skipped_with_a_note(
    emu: Emulator, emu_env: dict[str, str], tmp_path: Path
) -> None:
    done = run_cli(["recognize", emu.sample_url(SAMPLE), "-p", "azure", "--overlay"], emu_env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "does not download" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failed_image_is_one_error_line_and_exit_1(emu: Emulator, emu_env: dict[str, str]) -> None:
    # The emulator cannot download a URL containing "unreachable": the provider reports the failure.
    done = run_cli(["recognize", "http://127.0.0.1:9/unreachable/x.png?sig=S3CRET", "-p", "huawei"], emu_env)
    assert done.returncode == 1
    assert done.stdout == ""
    line = assert_one_error_line(done.stderr, "http://127.0.0.1:9/unreachable/x.png?…", "huawei")
    assert "S3CRET" not in line


def test_an_unreadable_file_is_one_error_line(emu_env: dict[str, str], tmp_path: Path) -> None:
    done = run_cli(["recognize", str(tmp_path / "missing.png"), "-p", "azure"], emu_env)
    assert done.returncode == 1
    assert_one_error_line(done.stderr, "missing.png", "cannot read the file")


def test_a_file_that_is_not_an_image_is_refused_before_sending(
    emu_env: dict[str, str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture")
    done = run_cli(["recognize", str(notes), "-p", "tencent"], emu_env)
    assert done.returncode == 1
    assert_one_error_line(done.stderr, "notes.png")


def test_wrong_key_is_an_authentication_error_and_the_key_is_not_printed(
    sample_dir: Path, emu_env: dict[str, str]
) -> None:
    env = {**emu_env, "AZURE_VISION_KEY": "not-the-key-0123456789"}
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "azure"], env)
    assert done.returncode == 1
    line = assert_one_error_line(done.stderr, "HTTP 401")
    assert "not-the-key-0123456789" not in done.stderr + done.stdout
    assert line.startswith(f"error: {sample_dir / SAMPLE}: ")


def test_missing_credentials_are_a_usage_error_naming_the_variable(
    sample_dir: Path, emu_env: dict[str, str]
) -> None:
    env = {k: v for k, v in emu_env.items() if k != "TENCENTCLOUD_SECRET_KEY"}
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "tencent"], env)
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "TENCENTCLOUD_SECRET_KEY")


def test_endpoint_option_overrides_the_environment(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str]
) -> None:
    env = {**emu_env, "AZURE_VISION_ENDPOINT": "http://127.0.0.1:9", "HANDWRITING_OCR_ENDPOINT": ""}
    env.pop("HANDWRITING_OCR_ENDPOINT")
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "azure", "--endpoint", emu.base_url], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == samples.get(SAMPLE).text + "\n"


def test_connection_refused_is_one_line(sample_dir: Path, emu_env: dict[str, str]) -> None:
    done = run_cli(
        ["recognize", str(sample_dir / SAMPLE), "-p", "tencent", "--endpoint", "http://127.0.0.1:9"], emu_env
    )
    assert done.returncode == 1
    assert_one_error_line(done.stderr)

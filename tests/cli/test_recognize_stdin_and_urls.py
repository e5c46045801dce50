"""``recognize -`` reads the image from stdin; URLs the providers cannot take are refused up front.

Real subprocesses against the emulator on 127.0.0.1, as a user runs them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from handwriting_ocr import samples

from tests.cli.helpers import assert_one_error_line, cli_command, run_cli

NOTE = samples.get("note.png").text + "\n"


def run_with_stdin(
    args: list[str], env: dict[str, str], stdin: bytes, *, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        cli_command(*args),
        env={**env, "PYTHONIOENCODING": "utf-8"},
        input=stdin,
        cwd=cwd,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("provider", ["azure", "huawei", "tencent"])
def test_a_dash_reads_the_image_from_stdin(provider: str, emu_env: dict[str, str]) -> None:
    done = run_with_stdin(["recognize", "-", "-p", provider], emu_env, samples.read_bytes("note.png"))
    assert done.returncode == 0, done.stderr
    assert (done.stdout.decode("utf-8"), done.stderr) == (NOTE, b"")


def test_stdin_exports_record_the_name_stdin(emu_env: dict[str, str]) -> None:
    done = run_with_stdin(
        ["recognize", "-", "-p", "azure", "-f", "hocr"], emu_env, samples.read_bytes("note.png")
    )
    assert done.returncode == 0, done.stderr
    assert "image &quot;stdin&quot;" in done.stdout.decode("utf-8")


def test_stdin_overlay_and_output_folder_are_named_stdin(emu_env: dict[str, str], tmp_path: Path) -> None:
    image = samples.read_bytes("note.png")
    done = run_with_stdin(["recognize", "-", "-p", "tencent", "--overlay"], emu_env, image, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "stdin.overlay.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    out = tmp_path / "out"
    done = run_with_stdin(["recognize", "-", "-p", "tencent", "-o", str(out)], emu_env, image)
    assert done.returncode == 0, done.stderr
    assert (out / "stdin.txt").read_text("utf-8") == NOTE
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["results"] == [{"input": "<stdin>", "status": "ok", "files": ["stdin.txt"]}]


def test_empty_stdin_is_refused_as_an_empty_image(emu_env: dict[str, str]) -> None:
    done = run_with_stdin(["recognize", "-", "-p", "azure"], emu_env, b"")
    assert done.returncode == 1
    assert_one_error_line(done.stderr.decode("utf-8"), "<stdin>: ")


def test_a_dash_with_other_inputs_is_a_usage_error(
    emu_env: dict[str, str], sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = run_with_stdin(
        ["recognize", "-", str(sample_dir / "note.png"), "-p", "azure", "-o", str(out)], emu_env, b""
    )
    assert done.returncode == 2
    assert_one_error_line(
        done.stderr.decode("utf-8"), "'-' (the image on stdin) must be the only IMAGE_OR_URL"
    )
    assert not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_dash_with_a_terminal_on_stdin_says_to_pipe_the_image(emu_env: dict[str, str]) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            cli_command("recognize", "-", "-p", "azure"),
            env={**emu_env, "PYTHONIOENCODING": "utf-8"},
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "stdin, which is a terminal", "< note.png")


@pytest.mark.parametrize(
    ("argument", "fragment"),
    [
        (
            "ftp://example.com/scan.png",
            "ftp://example.com/scan.png: image URL must use http or https, not ftp:",
        ),
        ("file:///tmp/scan.png", "not file: (give the file's path instead)"),
    ],
)
def test_an_unsupported_url_is_refused_before_anything_runs(
    argument: str, fragment: str, emu_env: dict[str, str], sample_dir: Path, tmp_path: Path
) -> None:
    done = run_cli(["recognize", argument, "-p", "tencent"], emu_env)
    assert done.returncode == 2
    line = assert_one_error_line(done.stderr, fragment)
    assert "No such file" not in line

    # In a batch too: nothing is recognised, no summary is written.
    out = tmp_path / "out"
    done = run_cli(
        ["recognize", str(sample_dir / "note.png"), argument, "-p", "tencent", "-o", str(out)], emu_env
    )
    assert done.returncode == 2
    assert_one_error_line(done.stderr, fragment)
    assert not (out / "summary.json").exists()

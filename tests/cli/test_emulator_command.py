"""``handwriting-ocr emulator`` in a subprocess: it listens, answers, prints working settings, stops."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
from handwriting_ocr import samples

from tests.cli.helpers import assert_one_error_line, clean_environment, cli_command, run_cli


def _read_banner(process: subprocess.Popen[str], deadline: float) -> list[str]:
    """Lines of stdout up to the "then e.g." hint (the last line of the banner)."""
    assert process.stdout is not None
    lines: list[str] = []
    while not (lines and lines[-1].startswith("# then e.g.")):
        if time.monotonic() > deadline:
            raise AssertionError(f"no banner in time: {lines}")
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"the emulator exited early: {lines}")
        lines.append(line.rstrip("\n"))
    return lines


def test_emulator_command_serves_until_terminated(sample_dir: Path) -> None:
    process = subprocess.Popen(
        cli_command("emulator", "--host", "127.0.0.1", "--port", "0", "--processing-time", "0.05"),
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = _read_banner(process, time.monotonic() + 30)
        match = re.fullmatch(
            r"handwriting-ocr emulator listening on (http://127\.0\.0\.1:(\d+)) \(Ctrl-C to stop\)", banner[0]
        )
        assert match is not None, banner
        base_url = match.group(1)
        exports = dict(
            line.removeprefix("export ").split("=", 1) for line in banner if line.startswith("export ")
        )
        assert exports["AZURE_VISION_ENDPOINT"] == base_url
        assert exports["HANDWRITING_OCR_ENDPOINT"] == base_url

        # It answers on the port: an unauthenticated call gets Azure's 401 envelope...
        answer = httpx.post(f"{base_url}/vision/v2.0/read/core/asyncBatchAnalyze", content=b"x", timeout=10)
        assert answer.status_code == 401
        # ...and the printed settings are enough for the CLI itself.
        done = run_cli(
            ["recognize", str(sample_dir / "glory.png"), "-p", "huawei"], clean_environment(exports)
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == samples.get("glory.png").text + "\n"

        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert err.strip() == "emulator stopped"


def test_emulator_stops_on_ctrl_c() -> None:
    process = subprocess.Popen(
        cli_command("emulator", "--port", "0"),
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _read_banner(process, time.monotonic() + 30)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "Traceback" not in err


def test_a_busy_port_says_so_plainly() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli(["emulator", "--port", str(port)], clean_environment(), timeout=30)
    assert done.returncode == 2
    line = assert_one_error_line(done.stderr)
    assert line == f"error: port {port} is in use; try --port 0"
    assert done.stdout == ""  # no banner: it never listened
    assert os.linesep not in done.stderr.strip()


def test_an_address_it_cannot_listen_on_is_one_error_line() -> None:
    # 192.0.2.1 is TEST-NET-1: never an address of this machine.
    done = run_cli(["emulator", "--host", "192.0.2.1", "--port", "0"], clean_environment(), timeout=30)

    assert done.returncode == 2
    line = assert_one_error_line(done.stderr, "cannot listen on 192.0.2.1:0")
    assert "internal error" not in line

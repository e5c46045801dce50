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
import pytest
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


def test_quota_and_duration_options_shape_the_running_emulator() -> None:
    process = subprocess.Popen(
        cli_command(
            "emulator",
            "--port",
            "0",
            "--quota",
            "10/s",
            "--quota",
            "azure=1/min",
            "--operation-duration",
            "0.5-1.5",
            "--seed",
            "7",
        ),
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = _read_banner(process, time.monotonic() + 30)
        base_url = banner[0].split(" listening on ")[1].split(" ")[0]
        headers = {"Ocp-Apim-Subscription-Key": "emulator-key", "Content-Type": "application/octet-stream"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=10) as client:
            first = client.post("/vision/v3.2/read/analyze", content=samples.read_bytes("note.png"))
            second = client.post("/vision/v3.2/read/analyze", content=samples.read_bytes("note.png"))
            index = client.get("/").json()
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert banner[1] == (
        "# Quotas per credential: azure 1/min:burst=1, huawei 10/s:burst=10, tencent 10/s:burst=10, "
        "tencent_v3 10/s:burst=10; Azure operations take 0.5-1.5 s, seed 7."
    )
    assert first.status_code == 202
    assert (second.status_code, second.headers["Retry-After"]) == (429, "60")
    assert index["operation_duration"] == "0.5-1.5 s, seed 7"
    exports = dict(
        line.removeprefix("export ").split("=", 1) for line in banner if line.startswith("export ")
    )
    assert exports["TENCENTCLOUD_REGION"] == "ap-guangzhou"
    assert exports["AZURE_VISION_TOKEN"] == "emulator-entra-token"
    assert "#   export TENCENTCLOUD_SESSION_TOKEN=emulator-session-token" in banner


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--quota", "lots"], "bad quota 'lots'"),
        (["--quota", "aws=1/s"], "unknown provider 'aws'"),
        (["--quota", "10/s", "--quota-burst", "0"], "'--quota-burst'"),
        (["--quota-burst", "4"], "--quota-burst needs --quota"),
        (["--seed", "3"], "--seed needs --operation-duration LOW-HIGH"),
        (["--operation-duration", "5-1"], "bad operation duration '5-1'"),
        (["--operation-duration", "2", "--processing-time", "2"], "not both"),
    ],
)
def test_bad_quota_and_duration_options_are_usage_errors(args: list[str], fragment: str) -> None:
    done = run_cli(["emulator", "--port", "0", *args], clean_environment(), timeout=30)

    assert done.returncode == 2
    assert_one_error_line(done.stderr, fragment)
    assert done.stdout == ""


def test_build_config_maps_the_options() -> None:
    from handwriting_ocr.cli.cmd_emulator import build_config
    from handwriting_ocr.emulator import Duration, Quota

    config = build_config(
        quota=("10/s", "tencent_v3=5/s:burst=2", "huawei=20/min", "tencent=off"),
        quota_burst=4,
        operation_duration="1-5",
        seed=7,
    )

    assert config.quota == Quota.per_second(10, burst=4)
    assert config.provider_quotas == (
        ("huawei", Quota.per_minute(20, burst=4)),
        ("tencent", None),
        ("tencent_v3", Quota.per_second(5, burst=2)),
    )
    assert config.operation_duration == Duration.uniform(1, 5, seed=7)
    assert build_config(processing_time=0.25).operation_duration == Duration.fixed(0.25)
    assert build_config() == build_config(quota=(), operation_duration=None)
    assert build_config().quota is None

"""The reusable ``ocr_emulator`` fixture, used the way a user's test suite would use it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, Fault


def test_the_fixture_serves_a_full_read_on_real_time(ocr_emulator: Emulator) -> None:
    headers = {"Ocp-Apim-Subscription-Key": "emulator-key"}
    with httpx.Client(base_url=ocr_emulator.azure_v2_url, headers=headers) as client:
        location = client.post(
            "/read/core/asyncBatchAnalyze", json={"url": ocr_emulator.sample_url("glory.png")}
        )
        deadline = time.monotonic() + 5
        while (result := client.get(location.headers["Operation-Location"]).json())["status"] != "Succeeded":
            assert time.monotonic() < deadline
            time.sleep(0.02)

    lines = [line["text"] for line in result["recognitionResults"][0]["lines"]]
    assert "\n".join(lines) == samples.get("glory.png").text


def test_faults_queued_in_one_test_are_cleared_first(ocr_emulator: Emulator) -> None:
    ocr_emulator.faults.push("tencent", Fault.server_error())

    assert ocr_emulator.faults.pending("tencent") == 1


def test_and_do_not_leak_into_the_next(ocr_emulator: Emulator) -> None:
    assert ocr_emulator.faults.pending("tencent") == 0


def test_counters_start_at_zero_in_each_test_part_one(ocr_emulator: Emulator) -> None:
    with httpx.Client(base_url=ocr_emulator.base_url) as client:
        client.post("/ocr/handwriting", json={})

    assert ocr_emulator.stats.requests("tencent_legacy").received == 1


def test_counters_start_at_zero_in_each_test_part_two(ocr_emulator: Emulator) -> None:
    assert ocr_emulator.stats.requests("tencent_legacy").received == 0


def test_quota_set_in_one_test_is_undone_part_one(ocr_emulator: Emulator) -> None:
    ocr_emulator.set_quota("1/min")
    headers = {"Ocp-Apim-Subscription-Key": "emulator-key", "Content-Type": "application/octet-stream"}
    with httpx.Client(base_url=ocr_emulator.base_url, headers=headers) as client:
        statuses = [
            client.post("/vision/v3.2/read/analyze", content=samples.read_bytes("note.png")).status_code
            for _ in range(2)
        ]

    assert statuses == [202, 429]


def test_quota_set_in_one_test_is_undone_part_two(ocr_emulator: Emulator) -> None:
    headers = {"Ocp-Apim-Subscription-Key": "emulator-key", "Content-Type": "application/octet-stream"}
    with httpx.Client(base_url=ocr_emulator.base_url, headers=headers) as client:
        statuses = [
            client.post("/vision/v3.2/read/analyze", content=samples.read_bytes("note.png")).status_code
            for _ in range(3)
        ]

    assert statuses == [202, 202, 202]


INNER_CONFTEST = """
pytest_plugins = ["handwriting_ocr.emulator.pytest_plugin"]
"""

INNER_TESTS = """
import os
import random

import httpx
import pytest

HEADERS = {"Ocp-Apim-Subscription-Key": "emulator-key", "Content-Type": "application/octet-stream"}


def submit(emulator, count):
    from handwriting_ocr import samples

    with httpx.Client(base_url=emulator.base_url, headers=HEADERS) as client:
        return [
            client.post("/vision/v3.2/read/analyze", content=samples.read_bytes("note.png")).status_code
            for _ in range(count)
        ]


def test_quota_from_the_options(ocr_emulator):
    assert submit(ocr_emulator, 3) == [202, 202, 429]
    assert ocr_emulator.stats.requests("azure_read_v3").throttled == 1


def test_durations_from_the_options(ocr_emulator):
    submit(ocr_emulator, 2)
    expected = random.Random(5)
    assert [op.duration for op in ocr_emulator.stats.operations()] == [expected.uniform(0.2, 0.4) for _ in range(2)]


@pytest.mark.ocr_emulator(quota="1/min", operation_duration=2.0)
def test_a_marker_changes_one_test(ocr_emulator):
    assert submit(ocr_emulator, 2) == [202, 429]
    assert [op.duration for op in ocr_emulator.stats.operations()] == [2.0]


def test_and_only_that_test(ocr_emulator):
    assert submit(ocr_emulator, 2) == [202, 202]
    assert all(0.2 <= op.duration <= 0.4 for op in ocr_emulator.stats.operations())


def test_the_environment_fixture(ocr_emulator_env, ocr_emulator):
    assert os.environ["AZURE_VISION_ENDPOINT"] == ocr_emulator.base_url
    assert os.environ["TENCENTCLOUD_REGION"] == "ap-guangzhou"
    assert ocr_emulator_env["AZURE_VISION_TOKEN"] == "emulator-entra-token"
"""


def run_inner_session(tmp_path: Path, *args: str, ini: str = "") -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text("[pytest]\n" + ini)
    (tmp_path / "conftest.py").write_text(INNER_CONFTEST)
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_plugin_s_command_line_options_and_marker(tmp_path: Path) -> None:
    done = run_inner_session(
        tmp_path,
        "--ocr-emulator-quota",
        "2/s",
        "--ocr-emulator-operation-duration",
        "0.2-0.4",
        "--ocr-emulator-seed",
        "5",
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout


def test_the_plugin_s_ini_options(tmp_path: Path) -> None:
    ini = "ocr_emulator_quota = 2/s\nocr_emulator_operation_duration = 0.2-0.4\nocr_emulator_seed = 5\n"

    done = run_inner_session(tmp_path, ini=ini)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout


def test_without_options_the_inner_quota_tests_fail(tmp_path: Path) -> None:
    done = run_inner_session(tmp_path, "-k", "quota_from_the_options")

    assert done.returncode == 1  # no quota: the third request is served, so the inner test fails
    assert "1 failed" in done.stdout

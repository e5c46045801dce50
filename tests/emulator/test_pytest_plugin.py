"""The reusable ``ocr_emulator`` fixture, used the way a user's test suite would use it."""

from __future__ import annotations

import time

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

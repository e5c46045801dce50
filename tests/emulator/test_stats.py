"""The emulator's counters: requests per API by outcome, Azure operations per input, completion times."""

from __future__ import annotations

import hashlib
import threading

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import (
    Emulator,
    EmulatorConfig,
    EmulatorStats,
    Fault,
    OperationRecord,
    RequestCounts,
    input_fingerprint,
)

from tests.emulator.helpers import AZURE_KEY, EmulatorFactory, FakeClock, png

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}


def test_input_fingerprints() -> None:
    data = b"some image bytes"

    assert input_fingerprint(data) == "sha256:" + hashlib.sha256(data).hexdigest()
    assert input_fingerprint("https://example.com/a.png") == "url:https://example.com/a.png"


def test_requests_are_counted_once_by_outcome_and_per_api(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(provider_quotas={"azure": "2/s"}))
    with httpx.Client(base_url=emu.base_url) as http:
        http.get("/")  # the emulator's own pages are not counted
        http.get("/samples/note.png")
        http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64))
        http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers={**OCTET, "X-Emulator-Fault": "503"})
        http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64))  # throttled
        http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers={**OCTET, "X-Emulator-Fault": "bogus"})
        http.post("/ocr/handwriting", json={})  # served: refused by the provider logic (code 4)
        http.post("/v3/auth/tokens", json={}, headers={"X-Emulator-Fault": "slow;delay=0"})  # served

    assert emu.stats.requests("azure_v2") == RequestCounts(throttled=2, faulted=1, served=1)
    assert emu.stats.requests("azure_v2").received == 4
    assert emu.stats.requests("tencent_legacy") == RequestCounts(served=1)
    assert emu.stats.requests("huawei_iam") == RequestCounts(served=1)
    assert emu.stats.requests("tencent_v3") == RequestCounts()
    assert emu.stats.total() == RequestCounts(throttled=2, faulted=1, served=3)


def test_operations_are_counted_per_input(emu: Emulator, http: httpx.Client) -> None:
    glory = samples.read_bytes("glory.png")
    url = emu.sample_url("note.png")
    for _ in range(2):
        http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=glory)
    http.post("/vision/v3.2/read/analyze", headers=KEY, json={"url": url})
    http.post("/vision/v1.0/recognizeText", headers=OCTET, content=png(64, 64))
    http.post("/vision/v3.2/read/analyze", headers=OCTET, content=b"not an image")  # refused: no operation

    assert emu.stats.operations_for(glory) == 2
    assert emu.stats.operations_for(url) == 1
    assert emu.stats.operations_for(samples.read_bytes("note.png")) == 0  # the URL is its own input
    assert emu.stats.duplicate_inputs() == {input_fingerprint(glory): 2}
    assert emu.stats.operations_per_input() == {
        input_fingerprint(glory): 2,
        input_fingerprint(url): 1,
        input_fingerprint(png(64, 64)): 1,
    }
    assert [record.api for record in emu.stats.operations()] == [
        "azure_v2",
        "azure_v2",
        "azure_read_v3",
        "azure_v1",
    ]


def test_operation_records_hold_creation_completion_and_first_result_times(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    created = clock.now
    location = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64)
    ).headers["Operation-Location"]
    operation_id = location.rsplit("/", 1)[1]
    clock.advance(2.0)
    http.get(location, headers=KEY)  # still running: nothing seen yet
    assert emu.stats.operation(operation_id).result_seen_at is None  # type: ignore[union-attr]
    clock.advance(1.5)
    http.get(location, headers=KEY)
    clock.advance(4.0)
    http.get(location, headers=KEY)  # a later poll does not move the first sighting

    [record] = emu.stats.operations()
    assert record.id == operation_id
    assert (record.created_at, record.completes_at, record.result_seen_at) == (
        created,
        created + 3.0,
        created + 3.5,
    )
    assert record.duration == 3.0
    assert record.fails is False
    assert record.input == input_fingerprint(png(64, 64))


def test_a_failed_operation_fault_marks_the_record(emu: Emulator, http: httpx.Client) -> None:
    emu.faults.push("azure", Fault.failed_operation())
    http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64))
    location = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(65, 65)
    ).headers["Operation-Location"]
    http.get(location, headers={**KEY, "X-Emulator-Fault": "failed-operation"})

    assert [record.fails for record in emu.stats.operations()] == [True, True]


def test_reset_clears_everything(emu: Emulator, http: httpx.Client) -> None:
    http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64))

    emu.stats.reset()

    assert emu.stats.total() == RequestCounts()
    assert emu.stats.operations() == []
    assert emu.stats.operations_per_input() == {}


def test_counts_are_exact_under_concurrency(emu: Emulator) -> None:
    def worker(shade: int) -> None:
        with httpx.Client(base_url=emu.base_url) as client:
            for _ in range(10):
                client.post(
                    "/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64, shade)
                )

    threads = [threading.Thread(target=worker, args=(shade,)) for shade in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert emu.stats.requests("azure_v2") == RequestCounts(served=120)
    assert len(emu.stats.operations()) == 120
    assert emu.stats.operations_per_input() == {
        input_fingerprint(png(64, 64, shade)): 10 for shade in range(12)
    }


def test_records_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from handwriting_ocr.emulator import stats as stats_module

    monkeypatch.setattr(stats_module, "MAX_RECORDS", 3)
    stats = EmulatorStats()
    for n in range(5):
        stats.operation_created(OperationRecord(f"op-{n}", "azure_v2", f"url:{n}", float(n), 1.0))

    assert [record.id for record in stats.operations()] == ["op-2", "op-3", "op-4"]
    assert list(stats.operations_per_input()) == ["url:2", "url:3", "url:4"]

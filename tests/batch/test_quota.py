"""Batches against the emulator under a provider quota, on real sockets (issue: production batches).

300 images at concurrency 32 against a 10 requests/s quota, for each provider's throttling answer
(Azure 429 + Retry-After, Huawei 429 APIG.0308, Tencent HTTP 200 code 15), with the rate configured
and learned, sync and async: none may fail, and at most 5% of the requests may be throttled. Each
run takes about 30 s (the quota's pace); the figures of the benchmark come from scripts/bench.
"""

from __future__ import annotations

import asyncio
import time
from typing import Final

import httpx
import pytest
from handwriting_ocr.batch import AsyncBatch, Batch, BatchOutcome, Checkpoint
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document
from handwriting_ocr.emulator import Emulator, EmulatorConfig, Fault
from handwriting_ocr.emulator.stats import Api

from tests.batch.conftest import (
    AsyncClient,
    Factory,
    Mode,
    SyncClient,
    azure,
    huawei,
    images,
    tencent,
    tencent_v3,
)

IMAGES: Final = 300
CONCURRENCY: Final = 32
QUOTA: Final = "10/s"


def ocr_batch(client: SyncClient | AsyncClient, items: list[bytes]) -> Batch[bytes] | AsyncBatch[bytes]:
    """Azure's synchronous OCR through the batch engine (one request per image, like Huawei/Tencent)."""
    if isinstance(client, AzureVisionClient):
        sync_client = client

        def recognize(item: bytes, checkpoint: Checkpoint) -> Document:
            return to_document(sync_client.ocr(item), "azure-ocr")

        return Batch(items, recognize, concurrency=CONCURRENCY)
    assert isinstance(client, AsyncAzureVisionClient)
    async_client = client

    async def recognize_async(item: bytes, checkpoint: Checkpoint) -> Document:
        return to_document(await async_client.ocr(item), "azure-ocr")

    return AsyncBatch(items, recognize_async, concurrency=CONCURRENCY)


def collect(
    client: SyncClient | AsyncClient, run: Batch[bytes] | AsyncBatch[bytes]
) -> list[BatchOutcome[bytes]]:
    if isinstance(run, Batch):
        assert not isinstance(client, AsyncAzureVisionClient)
        with client:  # type: ignore[union-attr]
            return list(run)

    async def read() -> list[BatchOutcome[bytes]]:
        assert isinstance(run, AsyncBatch)
        async with client:  # type: ignore[union-attr]
            return [outcome async for outcome in run]

    return asyncio.run(read())


CASES: Final[dict[str, tuple[Factory, Api]]] = {
    "huawei": (huawei, "huawei_ocr"),
    "tencent-legacy": (tencent, "tencent_legacy"),
    "tencent-v3": (tencent_v3, "tencent_v3"),
    "azure-ocr": (azure, "azure_v1"),
}


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("rate_limit", [10.0, None], ids=["rate-set", "learned"])
@pytest.mark.parametrize("provider", list(CASES))
def test_300_images_under_a_10_per_second_quota(provider: str, rate_limit: float | None, mode: Mode) -> None:
    factory, api = CASES[provider]
    items = images(IMAGES)
    with Emulator(EmulatorConfig(quota=QUOTA, processing_time=0.0)) as emu:
        client = factory(emu, mode, rate_limit)
        run: Batch[bytes] | AsyncBatch[bytes]
        if provider == "azure-ocr":
            run = ocr_batch(client, items)
        else:
            run = client.recognize_many(items, concurrency=CONCURRENCY)
        started = time.monotonic()
        outcomes = collect(client, run)
        elapsed = time.monotonic() - started
        counts = emu.stats.requests(api)
    assert sorted(o.index for o in outcomes) == list(range(IMAGES))
    failed = [o for o in outcomes if not o.ok]
    assert failed == [], failed[:3]
    assert counts.served == IMAGES
    throttled_share = counts.throttled / counts.received
    assert throttled_share <= 0.05, counts
    # The quota is the pace: 300 requests at 10/s after a burst of 10 take about 29 s.
    assert elapsed >= 25.0, elapsed


# --- one Retry-After holds back the whole client --------------------------------------------------------


class Recording(httpx.AsyncBaseTransport):
    """Records when each request leaves and how it was answered."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.sent: list[tuple[float, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.sent.append((time.monotonic(), response.status_code))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class SyncRecording(httpx.BaseTransport):
    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.sent: list[tuple[float, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.sent.append((time.monotonic(), response.status_code))
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_one_retry_after_pauses_every_request_of_the_client(mode: Mode) -> None:
    items = images(24)
    with Emulator(EmulatorConfig(processing_time=0.0)) as emu:
        emu.faults.push("azure", Fault.rate_limit(retry_after=2))
        sent: list[tuple[float, int]]
        if mode == "sync":
            transport = SyncRecording()
            sync_client = AzureVisionClient(emu.base_url, emu.config.azure.keys[0], transport=transport)

            def recognize(item: bytes, checkpoint: Checkpoint) -> Document:
                return to_document(sync_client.ocr(item), "azure-ocr")

            with sync_client:
                outcomes = list(Batch(items, recognize, concurrency=8))
            sent = transport.sent
        else:
            atransport = Recording()

            async def run() -> list[BatchOutcome[bytes]]:
                async with AsyncAzureVisionClient(
                    emu.base_url, emu.config.azure.keys[0], transport=atransport
                ) as client:

                    async def recognize(item: bytes, checkpoint: Checkpoint) -> Document:
                        return to_document(await client.ocr(item), "azure-ocr")

                    return [o async for o in AsyncBatch(items, recognize, concurrency=8)]

            outcomes = asyncio.run(run())
            sent = atransport.sent
    assert all(o.ok for o in outcomes)
    throttled_at = next(at for at, status in sent if status == 429)
    # Requests already on the wire when the 429 came back were answered; none left afterwards for 2 s.
    after = [at for at, status in sent if at > throttled_at + 0.05]
    assert after, sent
    assert min(after) - throttled_at >= 2.0 - 0.05
    assert sum(status == 429 for _, status in sent) == 1


# --- cancellation against the emulator ------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_cancelled_batch_accounts_for_every_input(mode: Mode) -> None:
    items = images(120)
    with Emulator(EmulatorConfig(quota=QUOTA, processing_time=0.0)) as emu:
        client = huawei(emu, mode, 10.0)
        outcomes: list[BatchOutcome[bytes]] = []
        if mode == "sync":
            assert isinstance(client, HuaweiOcrClient)
            with client:
                run = client.recognize_many(items, concurrency=CONCURRENCY)
                for outcome in run:
                    outcomes.append(outcome)
                    if len(outcomes) == 15:
                        run.cancel()
        else:
            assert isinstance(client, AsyncHuaweiOcrClient)
            async_client = client

            async def read() -> None:
                async with async_client:
                    run = async_client.recognize_many(items, concurrency=CONCURRENCY)
                    async for outcome in run:
                        outcomes.append(outcome)
                        if len(outcomes) == 15:
                            run.cancel()

            asyncio.run(read())
    assert sorted(o.index for o in outcomes) == list(range(len(items)))
    statuses = [o.status for o in outcomes]
    assert statuses.count("ok") >= 15
    assert statuses.count("cancelled") == len(items) - statuses.count("ok")
    assert statuses.count("error") == 0


# --- Azure Read: submits and polls share the quota ----------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("rate_limit", [10.0, None], ids=["rate-set", "learned"])
def test_azure_read_batches_under_the_quota_without_duplicate_operations(
    rate_limit: float | None, mode: Mode
) -> None:
    items = images(40)
    with Emulator(EmulatorConfig(quota=QUOTA, operation_duration=1.0)) as emu:
        client = azure(emu, mode, rate_limit)
        outcomes = collect(client, client.recognize_many(items, concurrency=16))
        counts = emu.stats.requests("azure_read_v3")
        duplicates = emu.stats.duplicate_inputs()
    assert sorted(o.index for o in outcomes) == list(range(len(items)))
    assert [o for o in outcomes if not o.ok] == []
    assert all(o.document is not None and o.document.shape == "azure-read-v3" for o in outcomes)
    assert duplicates == {}  # one operation per image: no submit was repeated
    assert counts.throttled / counts.received <= 0.05, counts

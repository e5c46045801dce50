"""Every request a facade sends waits for its limiter: submits, polls, the generated clients' calls,
and several facades sharing one limiter; the poll schedule learns from operations (real sockets)."""

from __future__ import annotations

import time

import httpx
from azure_vision_v1_client.api.default import recognize_printed_text
from azure_vision_v1_client.models.image_url import ImageUrl
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.clients.huawei import HuaweiOcrClient
from handwriting_ocr.emulator import Emulator, EmulatorConfig
from handwriting_ocr.pacing import LocalLimiter, Permit, RateLimit

from tests.batch.conftest import images


class CountingLimiter(LocalLimiter):
    """A LocalLimiter that counts the permits it grants."""

    def __init__(self, rate: RateLimit | float | None = None) -> None:
        super().__init__(rate)
        self.granted = 0

    def acquire(self, timeout: float | None = None) -> Permit | None:
        permit = super().acquire(timeout)
        self.granted += permit is not None
        return permit

    async def acquire_async(self, timeout: float | None = None) -> Permit | None:
        permit = await super().acquire_async(timeout)
        self.granted += permit is not None
        return permit


def test_submits_polls_and_generated_calls_all_wait_for_the_limiter() -> None:
    limiter = CountingLimiter()
    with Emulator(EmulatorConfig(processing_time=0.3)) as emu:
        with AzureVisionClient(emu.base_url, emu.config.azure.keys[0], rate_limit=limiter) as azure:
            poller = azure.begin_read(images(1)[0])  # Read v3.2
            poller.result(timeout=30)
            submits_and_polls = 1 + poller.polls
            assert limiter.granted == submits_and_polls
            answer = recognize_printed_text.sync_detailed(
                client=azure.v1, body=ImageUrl(url=emu.sample_url("note.png")), language="unk"
            )
            assert answer.status_code == 200
            assert limiter.granted == submits_and_polls + 1
        received = sum(counts.received for counts in emu.stats.all_requests().values())
    assert received == limiter.granted


def test_facades_sharing_a_limiter_share_its_rate() -> None:
    shared = LocalLimiter(RateLimit(20.0))
    with Emulator(EmulatorConfig(quota="1000/s")) as emu:
        c = emu.config.huawei
        one = HuaweiOcrClient(
            project_id=c.project_id,
            access_key=c.access_key,
            secret_key=c.secret_key,
            endpoint=emu.base_url,
            rate_limit=shared,
        )
        two = HuaweiOcrClient(
            project_id=c.project_id,
            access_key=c.access_key,
            secret_key=c.secret_key,
            endpoint=emu.base_url,
            rate_limit=shared,
        )
        assert one.limiter is two.limiter is shared
        sent: list[float] = []

        def record(request: httpx.Request) -> None:
            sent.append(time.monotonic())

        for client in (one, two):
            client.http_client.event_hooks["request"].append(record)
        with one, two:
            batch_one = one.recognize_many(images(10), concurrency=5)
            batch_two = two.recognize_many(images(10, "note.png"), concurrency=5)
            outcomes = list(batch_one) + list(batch_two)
    assert all(o.ok for o in outcomes)
    sent.sort()
    # 20 requests at 20/s through one limiter: at least 19 intervals of 50 ms from first to last.
    assert sent[-1] - sent[0] >= 19 * 0.05 - 0.02


async def test_the_poll_schedule_learns_from_operations() -> None:
    config = EmulatorConfig(operation_duration=1.6)
    with Emulator(config) as emu:
        async with AsyncAzureVisionClient(emu.base_url, emu.config.azure.keys[0]) as azure:
            polls = []
            for image in images(5):
                poller = await azure.begin_read(image)
                await poller.result(timeout=30)
                polls.append(poller.polls)
        operations = sorted(emu.stats.operations(), key=lambda op: op.created_at)
    late = [op.result_seen_at - op.completes_at for op in operations if op.result_seen_at is not None]
    assert len(late) == 5
    # Cold, the 1 s loop: polls at 0, 1 and 2 s, the result seen 0.4 s after it was ready.
    assert polls[0] == 3
    assert late[0] >= 0.3
    # Once the durations are known, polls go out around 1.6 s: the result is seen sooner, within
    # about 1.5x the loop's polls.
    assert max(late[2:]) < late[0]
    assert sum(late[2:]) / 3 <= 0.2
    assert max(polls[2:]) <= 5

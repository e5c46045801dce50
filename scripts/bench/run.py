"""Run every measurement, each in its own interpreter, then print all tables and write all figures.

    python -m scripts.bench                    # quick sizes (about 10 minutes on 2 cores)
    python -m scripts.bench --full             # the sizes BENCHMARKS.md reports (about 40 minutes)
    python -m scripts.bench --only quota,polling --json /tmp/figures.json

The measurements (one module each under ``scripts/bench/``, in the order they run): ``call``
(per-call overhead), ``convert`` (parse + convert), ``imports`` (import time), ``memory`` (extra peak
memory of uploads near the size limits), ``polling`` (completion to result, Azure Read), ``quota``
(batches under a 10/s quota), ``batch`` (throughput with no quota) and ``distributed`` (runs
``scripts/bench_distributed.py`` when it exists). The CPU-bound ones go first, while the machine is
as quiet as it will be. Each runs as ``python -m scripts.bench.<name> --quick|--full --json PATH``,
so none shares a process, a GIL or an import cache with another; a measurement that fails is
reported and the others still run.

The JSON file (default ``.cache/bench/results.json``) holds the machine (CPU, Python, httpx, date),
the load average before and after the run and around each measurement, the commit (and uncommitted
package files) each measurement ran, every measurement's figures and tables, and its wall time. BENCHMARKS.md is written by hand from one run's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

from scripts.bench.common import ROOT, Table, load_average, machine, markdown, parser, write_json

MEASUREMENTS: Final = ("call", "convert", "imports", "memory", "polling", "quota", "batch", "distributed")
DEFAULT_JSON: Final = ROOT / ".cache" / "bench" / "results.json"


def _selected(only: list[str]) -> list[str]:
    names = [name.strip() for text in only for name in text.split(",") if name.strip()]
    unknown = sorted(set(names) - set(MEASUREMENTS))
    if unknown:
        raise SystemExit(
            f"unknown measurement(s) {', '.join(unknown)}; choose from {', '.join(MEASUREMENTS)}"
        )
    return [name for name in MEASUREMENTS if name in names] if names else list(MEASUREMENTS)


def _run_one(name: str, quick: bool) -> dict[str, Any]:
    """Run one measurement in its own interpreter; its progress goes to our stdout as it comes."""
    print(f"\n=== {name} ({'quick' if quick else 'full'}), load average {load_average()}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.json"
        command = [sys.executable, "-m", f"scripts.bench.{name}", "--quick" if quick else "--full"]
        started = time.perf_counter()
        done = subprocess.run([*command, "--json", str(path)], cwd=ROOT)
        wall = time.perf_counter() - started
        if done.returncode != 0 or not path.exists():
            print(f"=== {name} FAILED (exit status {done.returncode})", flush=True)
            return {"measurement": name, "failed": True, "exit_status": done.returncode, "wall_s": wall}
        figures: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    figures["wall_s"] = wall
    return figures


def main() -> int:
    options = parser(__doc__.splitlines()[0] if __doc__ else "benchmarks")
    options.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"run only these measurements (repeat or comma-separate): {', '.join(MEASUREMENTS)}",
    )
    args = options.parse_args()
    names = _selected(args.only)
    target: Path = args.json or DEFAULT_JSON
    env = machine()
    started = time.perf_counter()
    results = {name: _run_one(name, args.quick) for name in names}
    env["load_average_after"] = load_average()
    env["wall_s"] = time.perf_counter() - started
    env["quick"] = args.quick

    print("\n\n# Benchmark tables\n")
    print(
        f"{env['date']}; {env['cpus']} CPUs ({env['cpu_model']}); {env['platform']}; Python {env['python']}; "
        f"httpx {env['httpx']}; load average (1/5/15 min) {env['load_average']} before, "
        f"{env['load_average_after']} after; {'quick' if args.quick else 'full'} sizes; "
        f"wall time {env['wall_s']:.0f} s; commit {env['commit']}"
        + (
            f" with uncommitted changes to {', '.join(env['package_changes'])}"
            if env["package_changes"]
            else ""
        )
        + ".\n"
    )
    failed = []
    for name, figures in results.items():
        load = figures.get("load_average", {})
        source = figures.get("source", {})
        changes = source.get("package_changes") or []
        code = f"commit {source.get('commit')}" + (f" + changes to {', '.join(changes)}" if changes else "")
        print(
            f"## {name} ({figures['wall_s']:.0f} s; load {load.get('before')} -> {load.get('after')}; {code})\n"
        )
        if figures.get("failed"):
            failed.append(name)
            print(f"FAILED (exit status {figures['exit_status']}); see its output above.\n")
            continue
        print(markdown([Table.from_json(one) for one in figures.get("tables", [])]))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_json(target, {"machine": env, "results": results})
    print(f"figures: {target}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""What every measurement shares: options, the machine, statistics, tables, and each module's ``main``.

A measurement module defines ``run(quick: bool) -> Figures`` (its figures, JSON-serialisable) and
``tables(figures) -> list[Table]`` (how they read), and ends with ``main_for(NAME, run, tables)``.
Run on its own (``python -m scripts.bench.quota --quick``) it prints its tables as Markdown; run by
``python -m scripts.bench`` it also writes its figures, tables included, to ``--json PATH``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import attrs

#: Figures a measurement returns: JSON-serialisable, nested dicts and lists of numbers and strings.
Figures = dict[str, Any]

ROOT: Final = Path(__file__).resolve().parents[2]


# --- options ---------------------------------------------------------------------------------------------


def parser(description: str) -> argparse.ArgumentParser:
    """The options of the runner and of every measurement: ``--quick``/``--full`` and ``--json PATH``
    (the runner adds ``--only``)."""
    result = argparse.ArgumentParser(description=description)
    size = result.add_mutually_exclusive_group()
    size.add_argument(
        "--quick", dest="quick", action="store_true", default=True, help="small sizes (default)"
    )
    size.add_argument("--full", dest="quick", action="store_false", help="the sizes BENCHMARKS.md reports")
    result.add_argument("--json", metavar="PATH", type=Path, help="write the figures (and tables) as JSON")
    return result


# --- the machine -----------------------------------------------------------------------------------------


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def source_state() -> dict[str, Any]:
    """The commit measured, and the files of the package that differ from it (work in progress)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else ""

    changed = git("status", "--porcelain", "--", "wrapper", "generated").splitlines()
    return {
        "commit": git("rev-parse", "--short", "HEAD").strip(),
        "package_changes": [line[3:] for line in changed if line.strip()],
    }


def machine() -> dict[str, Any]:
    import httpx

    return {
        **source_state(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
        "httpx": httpx.__version__,
        "load_average": load_average(),
    }


# --- statistics ------------------------------------------------------------------------------------------


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.95 is p95); NaN for no samples."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def summarize(samples: Sequence[float], *, scale: float = 1000.0) -> dict[str, float]:
    """Median, p95, mean, min, max (seconds times ``scale``: milliseconds by default) and the count."""
    if not samples:
        return {
            "n": 0,
            "median": math.nan,
            "p95": math.nan,
            "mean": math.nan,
            "min": math.nan,
            "max": math.nan,
        }
    return {
        "n": len(samples),
        "median": statistics.median(samples) * scale,
        "p95": percentile(samples, 0.95) * scale,
        "mean": statistics.fmean(samples) * scale,
        "min": min(samples) * scale,
        "max": max(samples) * scale,
    }


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else math.nan


# --- tables ----------------------------------------------------------------------------------------------


@attrs.frozen
class Table:
    """One table of a measurement: a title, column names, rows of cells (formatted text), and a
    note printed under it. Columns whose name ends with a space-free unit or number are right-aligned
    when ``numeric`` says so."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    #: Indices of the columns to right-align (numbers).
    numeric: frozenset[int] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
            "note": self.note,
            "numeric": sorted(self.numeric),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(
            data["title"],
            tuple(data["columns"]),
            tuple(tuple(row) for row in data["rows"]),
            data.get("note", ""),
            frozenset(data.get("numeric", ())),
        )


def table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[object]], note: str = "", *, text: int = 1
) -> Table:
    """A :class:`Table` whose first ``text`` columns are text and the rest numbers (right-aligned)."""
    return Table(
        title,
        tuple(columns),
        tuple(tuple(str(cell) for cell in row) for row in rows),
        note,
        frozenset(range(text, len(columns))),
    )


def markdown(tables: Sequence[Table]) -> str:
    """The tables as GitHub Markdown, each under a bold title, with its note below."""
    out: list[str] = []
    for one in tables:
        out.append(f"**{one.title}**\n")
        if not one.columns:
            out.extend([one.note, ""])
            continue
        out.append("| " + " | ".join(one.columns) + " |")
        out.append(
            "|" + "|".join("---:" if i in one.numeric else "---" for i in range(len(one.columns))) + "|"
        )
        out.extend("| " + " | ".join(row) + " |" for row in one.rows)
        if one.note:
            out.append(f"\n{one.note}")
        out.append("")
    return "\n".join(out)


def fmt(value: float | None, digits: int = 1, *, unit: str = "") -> str:
    """A number for a table cell; an empty cell for None or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:,.{digits}f}{unit}"


def pct(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage cell."""
    if value is None or math.isnan(value):
        return ""
    return f"{value * 100:.{digits}f}%"


def verdict(passed: bool | None) -> str:
    return "" if passed is None else ("pass" if passed else "**MISSED**")


# --- a measurement's main --------------------------------------------------------------------------------


def write_json(path: Path | None, figures: Figures) -> None:
    if path is not None:
        path.write_text(json.dumps(figures, indent=2, allow_nan=True) + "\n", encoding="utf-8")


def main_for(
    name: str,
    run: Callable[[bool], Figures],
    tables: Callable[[Figures], list[Table]],
    description: str,
) -> int:
    """Parse the options, run the measurement, print its tables, write its JSON."""
    args = parser(description).parse_args()
    # The code this interpreter runs: others may commit while a long run goes on.
    source = source_state()
    before = load_average()
    started = time.perf_counter()
    figures = run(args.quick)
    figures.setdefault("measurement", name)
    figures["quick"] = args.quick
    figures["wall_s"] = time.perf_counter() - started
    figures["load_average"] = {"before": before, "after": load_average()}
    figures["source"] = source
    made = tables(figures)
    figures["tables"] = [one.to_json() for one in made]
    sys.stdout.write(markdown(made))
    sys.stdout.flush()
    write_json(args.json, figures)
    return 0

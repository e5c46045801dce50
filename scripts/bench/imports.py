"""imports: the import time of the wrapper against httpx, each in fresh interpreters.

Target (DEVELOPERS.md): importing the wrapper costs at most 1.3x importing httpx. Each figure is the
median over N fresh processes (15; --full: 25) of the time spent in the import statement itself, so
interpreter start-up is excluded; the statements take turns, in a shuffled order each round. The statements timed:

* ``import httpx``                                      (the reference)
* ``import handwriting_ocr``                            (the package; public names load lazily)
* ``from handwriting_ocr import <Facade>``              (the package plus a facade, what users write)

The facades import httpx themselves, so their figures include httpx's own import.

Every module is imported from compiled bytecode, as from an installed package (pip compiles what it
installs): the children read and write bytecode under a private ``PYTHONPYCACHEPREFIX``, filled by
one untimed round before the timed ones. Without that, on a machine that sets
``PYTHONDONTWRITEBYTECODE`` (this one does), the wrapper and the generated clients, installed
editable, were compiled from source at every import while httpx came from its installed ``.pyc``.

The Azure facade's import is also run under ``-X importtime`` and the self time of every module is summed by group (httpx and what ``import httpx`` loads, each
generated client package, each ``handwriting_ocr`` subpackage, everything else), to show where the
time beyond httpx goes.

Usage: python -m scripts.bench.imports [--quick | --full] [--json PATH]
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from typing import Final

from scripts.bench.common import Figures, Table, fmt, main_for, table, verdict

NAME: Final = "imports"
TARGET_RATIO = 1.3
BASELINE = "import httpx"
INFO_CONSTRUCT = "(info) import + construct AzureVisionClient"
INFO_BARE_CONSTRUCT = "(info) import httpx + construct httpx.Client"
STATEMENTS = {
    "import httpx": "import httpx",
    "import handwriting_ocr": "import handwriting_ocr",
    "from handwriting_ocr import AzureVisionClient": "from handwriting_ocr import AzureVisionClient",
    "from handwriting_ocr import HuaweiOcrClient": "from handwriting_ocr import HuaweiOcrClient",
    "from handwriting_ocr import TencentOcrClient": "from handwriting_ocr import TencentOcrClient",
    "from handwriting_ocr import TencentOcrV3Client": "from handwriting_ocr import TencentOcrV3Client",
    # For information: the facades load some modules (retries, generated clients) on first use, so
    # this shows what constructing one adds to the import (no request is sent).
    INFO_CONSTRUCT: "from handwriting_ocr import AzureVisionClient; "
    "AzureVisionClient('http://127.0.0.1:9', 'key').close()",
    # ... beside what constructing a bare client adds (httpcore, h11, certifi load then).
    INFO_BARE_CONSTRUCT: "import httpx; httpx.Client().close()",
}
GENERATED = (
    "azure_vision_v1_client",
    "azure_vision_v2_client",
    "huawei_ocr_client",
    "huawei_iam_client",
    "tencent_ocr_client",
    "azure_vision_v3_client",
    "azure_image_analysis_client",
    "tencent_ocr_v3_client",
)

PROBE = """
import time
t0 = time.perf_counter()
{statement}
print(time.perf_counter() - t0)
"""

_IMPORTTIME_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)$")


def bytecode_env(cache: str) -> dict[str, str]:
    """The children's environment: bytecode written and read under ``cache`` (see the docstring)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _python(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True, env=env)


def _time_once(env: Mapping[str, str], statement: str) -> float:
    out = _python(env, "-c", PROBE.format(statement=statement)).stdout
    return float(out.strip().splitlines()[-1])


def time_statements(statements: dict[str, str], runs: int, env: Mapping[str, str]) -> dict[str, float]:
    """Median seconds per statement over ``runs`` rounds; each round runs every statement once, in a
    shuffled order, so a change in machine load affects all statements alike."""
    samples: dict[str, list[float]] = {name: [] for name in statements}
    order = list(statements.items())
    for _name, statement in order:  # untimed: compiles and caches every module's bytecode
        _time_once(env, statement)
    rng = random.Random(3)
    for _ in range(runs):
        rng.shuffle(order)
        for name, statement in order:
            samples[name].append(_time_once(env, statement))
    return {name: statistics.median(values) for name, values in samples.items()}


def self_times(statement: str, env: Mapping[str, str]) -> dict[str, float]:
    """Module -> self import time in ms, from one ``-X importtime`` run of ``statement``."""
    err = _python(env, "-X", "importtime", "-c", statement).stderr
    times: dict[str, float] = {}
    for line in err.splitlines():
        match = _IMPORTTIME_LINE.match(line)
        if match:
            times[match.group(4)] = int(match.group(1)) / 1000
    return times


def group_of(module: str, httpx_modules: set[str]) -> str:
    if module in httpx_modules:
        return "httpx (and what `import httpx` loads)"
    top = module.split(".")[0]
    if top in GENERATED:
        return f"generated: {top}"
    if top == "handwriting_ocr":
        parts = module.split(".")
        return "handwriting_ocr." + parts[1] if len(parts) > 1 else "handwriting_ocr"
    return "other: " + top


def breakdown(statement: str, repeats: int, env: Mapping[str, str]) -> dict[str, float]:
    """Median self time (ms) per group over ``repeats`` importtime runs, largest first."""
    httpx_modules = set(self_times("import httpx", env))
    per_group: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        sums: dict[str, float] = defaultdict(float)
        for module, ms in self_times(statement, env).items():
            sums[group_of(module, httpx_modules)] += ms
        for group, total in sums.items():
            per_group[group].append(total)
    medians = {group: statistics.median(values) for group, values in per_group.items()}
    return dict(sorted(medians.items(), key=lambda item: -item[1]))


def run(quick: bool) -> Figures:
    runs = 15 if quick else 25
    with tempfile.TemporaryDirectory(prefix="bench-imports-pycache-") as cache:
        env = bytecode_env(cache)
        results = time_statements(STATEMENTS, runs, env)
        breakdown_ms = breakdown(
            STATEMENTS["from handwriting_ocr import AzureVisionClient"], 3 if quick else 5, env
        )
    base = results[BASELINE]
    facades = [name for name in results if name.startswith("from ")]  # the info row is not held to it
    worst = max(facades, key=lambda name: results[name])
    statement = STATEMENTS["from handwriting_ocr import AzureVisionClient"]
    return {
        "target": TARGET_RATIO,
        "runs": runs,
        "median_ms": {name: seconds * 1000 for name, seconds in results.items()},
        "ratio": {name: seconds / base for name, seconds in results.items()},
        "package_ratio": results["import handwriting_ocr"] / base,
        "worst_facade": worst,
        "worst_facade_ratio": results[worst] / base,
        "passed": results[worst] / base <= TARGET_RATIO,
        "breakdown_statement": statement,
        "breakdown_ms": breakdown_ms,
    }


def tables(figures: Figures) -> list[Table]:
    rows = []
    for name, ms in figures["median_ms"].items():
        held = name.startswith("from ")
        ratio = figures["ratio"][name]
        rows.append(
            (f"`{name}`", fmt(ms, 1), fmt(ratio, 2, unit="x"), verdict(ratio <= TARGET_RATIO) if held else "")
        )
    main = table(
        f"imports: median over {figures['runs']} fresh interpreters of the import statement alone",
        ("Statement", "Median ms", "x import httpx", "Target <= 1.3x"),
        rows,
        "Interpreter start-up is excluded; the statements take turns in a shuffled order. The facades "
        "import httpx themselves, so their figures include it.",
    )
    groups = [(group, fmt(ms, 1)) for group, ms in list(figures["breakdown_ms"].items())[:10]]
    breakdown_table = table(
        f"imports: self import time by group for `{figures['breakdown_statement']}` (-X importtime, median ms)",
        ("Group", "ms"),
        groups,
        "-X importtime inflates absolute times.",
    )
    return [main, breakdown_table]


def main() -> int:
    return main_for(NAME, run, tables, "Import time of the wrapper against httpx.")


if __name__ == "__main__":
    raise SystemExit(main())

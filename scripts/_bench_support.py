"""What the benchmark scripts share: the emulator in its own process, credentials, statistics, output.

The emulator runs in a child process, not in a thread of the benchmark: on this 2-core machine a
server thread would share the benchmark's GIL, and every figure would then include the server's
Python time serialised with the client's. In its own process it gets its own core, like a real server.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Final, Self

import httpx

#: Figures a benchmark hands to bench_all.py: JSON-serialisable, nested dicts of numbers and strings.
Figures = dict[str, object]

# The emulator's default credentials (handwriting_ocr.emulator.config): public test values.
AZURE_KEY: Final = "emulator-key"
HUAWEI_PROJECT_ID: Final = "0123456789abcdef0123456789abcdef"
HUAWEI_DOMAIN: Final = "emulator-domain"
HUAWEI_USER: Final = "emulator-user"
HUAWEI_PASSWORD: Final = "emulator-password"
TENCENT_APPID: Final = "1250000000"
TENCENT_SECRET_ID: Final = "AKIDemulatorSecretId0000000000000000"
TENCENT_SECRET_KEY: Final = "emulatorSecretKey00000000000000"

# Runs in the child: the emulator with the requested processing time and run-wide "slow" faults,
# served until the parent closes our stdin.
_CHILD: Final = """
import json, sys, threading
from handwriting_ocr.emulator import EmulatorConfig, Fault, FaultRule, serve
options = json.loads(sys.argv[1])
rules = tuple(FaultRule(Fault.slow(delay), provider=provider) for provider, delay in options["slow"].items())
config = EmulatorConfig(processing_time=options["processing_time"], fault_rules=rules)
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
serve("127.0.0.1", 0, config, ready=lambda emulator: print(emulator.base_url, flush=True), stop=stop)
"""


class EmulatorProcess:
    """``with EmulatorProcess(processing_time=0.05, slow={"tencent": 0.04}) as emu: emu.base_url``.

    ``slow`` adds a fixed service time (seconds) to every request of a provider, through the
    emulator's run-wide ``slow`` fault rule; ``processing_time`` is how long an Azure operation runs.
    """

    def __init__(self, *, processing_time: float = 0.0, slow: Mapping[str, float] | None = None) -> None:
        self._options = {"processing_time": processing_time, "slow": dict(slow or {})}
        self._process: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(self._options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline().strip()
        if not line.startswith("http://"):
            self._stop()
            raise RuntimeError(f"the emulator did not start (got {line!r})")
        self.base_url = line
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        process.stdin.close()  # the child's stop signal
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()  # our own child, by its handle
            process.wait()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the emulator process has used so far, from /proc (Linux)."""
        assert self._process is not None
        fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    @property
    def huawei_ocr_url(self) -> str:
        return f"{self.base_url}/v2/{HUAWEI_PROJECT_ID}/ocr/handwriting"

    def huawei_token(self) -> str:
        """A token from the emulator's IAM (the password method), for token-authenticated calls."""
        body = {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": HUAWEI_USER,
                            "password": HUAWEI_PASSWORD,
                            "domain": {"name": HUAWEI_DOMAIN},
                        }
                    },
                },
                "scope": {"project": {"name": "cn-north-4"}},
            }
        }
        response = httpx.post(f"{self.base_url}/v3/auth/tokens", json=body)
        response.raise_for_status()
        return response.headers["X-Subject-Token"]


def summarize(samples: Sequence[float]) -> dict[str, float]:
    """Median, p95, mean, min (all in milliseconds) and the count of ``samples`` given in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": p95 * 1000,
        "mean_ms": statistics.fmean(ordered) * 1000,
        "min_ms": ordered[0] * 1000,
        "n": float(len(ordered)),
    }


def machine() -> dict[str, str]:
    return {
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "httpx": httpx.__version__,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def write_json(path: str | None, figures: Figures) -> None:
    """Write the figures for bench_all.py (``--json PATH``); nothing without a path."""
    if path:
        Path(path).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")

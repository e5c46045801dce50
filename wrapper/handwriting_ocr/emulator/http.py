"""The emulator's HTTP/1.1 server: stdlib ``ThreadingHTTPServer`` with a handler tuned for speed.

Two details matter on loopback (see DESIGN.md): every accepted socket gets ``TCP_NODELAY``, and every
response - status line, headers and body - goes out in ONE ``send``. A response written in two
pieces without ``TCP_NODELAY`` waits ~40 ms for the client's delayed ACK on keep-alive connections.
The provider logic never sees the socket: it maps a :class:`Request` to a :class:`Response`.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections.abc import Callable, Mapping
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Final
from urllib.parse import parse_qsl, unquote, urlsplit

import attrs

SERVER_NAME: Final = "handwriting-ocr-emulator"


@attrs.frozen
class Request:
    method: str
    #: The path as sent (still percent-encoded), without the query string.
    raw_path: str
    query: tuple[tuple[str, str], ...]
    #: Header names lower-cased; a repeated header keeps its last value.
    headers: Mapping[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return unquote(self.raw_path)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def query_value(self, name: str) -> str | None:
        """The last value of query parameter ``name`` (exact, case-sensitive match), or None."""
        found = None
        for key, value in self.query:
            if key == name:
                found = value
        return found

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-cased ("" when absent)."""
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def origin(self) -> str:
        """``http://host:port`` as the client addressed the emulator (its Host header)."""
        return "http://" + (self.header("host") or "127.0.0.1")


@attrs.frozen
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def with_headers(self, *extra: tuple[str, str]) -> Response:
        return attrs.evolve(self, headers=(*self.headers, *extra))

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


def json_response(status: int, payload: object, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", headers)


App = Callable[[Request], Response]


class _BodyTooLarge(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME
    # An idle keep-alive connection is closed after this many seconds, freeing its thread.
    timeout = 60
    server: EmulatorHTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        # Quiet by default: request lines can carry signatures in query strings.
        return

    def _handle(self) -> None:
        try:
            body = self._read_body()
        except _BodyTooLarge:
            self._write(Response(413, b"request body too large", "text/plain"), close=True)
            return
        except (ValueError, ConnectionError):
            self._write(Response(400, b"malformed request body", "text/plain"), close=True)
            return
        parts = urlsplit(self.path)
        request = Request(
            method=self.command,
            raw_path=parts.path,
            query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        try:
            response = self.server.app(request)
        except Exception:  # a bug in the emulator must still answer, not hang the client
            response = Response(500, b"emulator internal error", "text/plain")
            self.server.errors += 1
        self._write(response)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

    def _read_body(self) -> bytes:
        limit = self.server.max_body_bytes
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            total = 0
            while True:
                size = int(self.rfile.readline(65537).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                total += size
                if total > limit:
                    raise _BodyTooLarge
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length > limit:
            raise _BodyTooLarge
        return self.rfile.read(length) if length else b""

    def _write(self, response: Response, *, close: bool = False) -> None:
        if close:
            self.close_connection = True
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = "Status"
        lines = [
            f"HTTP/1.1 {response.status} {reason}",
            f"Server: {SERVER_NAME}",
            f"Date: {formatdate(usegmt=True)}",
        ]
        if response.content_type:
            lines.append(f"Content-Type: {response.content_type}")
        lines.append(f"Content-Length: {len(response.body)}")
        lines.extend(f"{name}: {value}" for name, value in response.headers)
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        payload = head if self.command == "HEAD" else head + response.body
        # One sendall of the whole response: see the module docstring.
        self.wfile.write(payload)


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], app: App, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.errors = 0
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        if isinstance(request, socket.socket):
            with self._open_lock:
                self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket | tuple[bytes, socket.socket]) -> None:
        if isinstance(request, socket.socket):
            with self._open_lock:
                self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        # A client that hung up before its answer was written (e.g. a slow fault outliving the client's
        # timeout) is normal traffic, not an emulator bug: no traceback on stderr for it.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def close_open_connections(self) -> None:
        """Wake every thread parked on an idle keep-alive connection so it ends now."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed by the client
                sock.shutdown(socket.SHUT_RDWR)

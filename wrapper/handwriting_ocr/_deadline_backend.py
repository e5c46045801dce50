"""A blocking network backend whose every read, write and TLS handshake keeps the attempt's deadline.

A blocking socket cannot be cancelled, so the facades' own blocking transport connects through this
backend: each operation is given at most the time left before the current attempt's deadline, which
:class:`~handwriting_ocr._bounded.BoundedTransport` makes known (``ATTEMPT_DEADLINE_VAR``) for the
attempt. A server that trickles its status line and headers a byte at a time then meets the deadline
like one that trickles its body. (asyncio attempts are cancelled at their deadline instead.)

Kept apart from :mod:`handwriting_ocr._bounded` because it needs httpcore, which importing a facade
should not load (httpx itself imports it only when a transport is made).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable

import httpcore
import httpx

from handwriting_ocr._bounded import ATTEMPT_DEADLINE_VAR

__all__ = ["deadline_transport"]


def _time_left(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    """``timeout`` shortened to what is left of the attempt (raising ``error`` if nothing is)."""
    deadline = ATTEMPT_DEADLINE_VAR.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the attempt's time limit passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the current attempt's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _time_left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """``inner`` (httpcore's blocking backend), with connections that keep the attempt's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _time_left(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, _time_left(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """``transport`` (a fresh one of ours) with its connections keeping each attempt's deadline.

    httpx does not let a network backend be passed to ``HTTPTransport``; its connection pool keeps one
    in an attribute, replaced here when it is there (a proxy, or a future httpx that moved it, leaves
    the transport as it was: bodies are still bounded, only the headers' wait is not).
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(pool, httpcore.ConnectionPool) and isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = _DeadlineBackend(backend)
    return transport

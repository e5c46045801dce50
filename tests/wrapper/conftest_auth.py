"""Shared helpers for the auth and logging tests (imported explicitly; not a pytest conftest).

``Transport`` sends one request through a real ``httpx.Client`` or ``httpx.AsyncClient``, so every
test parametrised over it checks that the same auth class drives both.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from typing import Literal

import httpx
from handwriting_ocr._logging import logging_event_hooks

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Building a client loads the CA bundle (~70 ms); respx never opens a socket, so one shared
    # context keeps a test that builds many clients fast without weakening what clients check.
    return ssl.create_default_context()


async def send(
    mode: Mode,
    auth: httpx.Auth,
    method: str,
    url: str,
    *,
    content: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    log: bool = False,
) -> httpx.Response:
    """Send one request with ``auth`` through a sync or an async client (respx intercepts both).

    With ``log``, the client carries the package's DEBUG logging event hooks.
    """
    hooks = logging_event_hooks() if log else {}
    if mode == "sync":
        with httpx.Client(event_hooks=hooks, verify=_tls_context()) as client:
            return client.request(method, url, content=content, headers=headers, params=params, auth=auth)
    async with httpx.AsyncClient(event_hooks=hooks, verify=_tls_context()) as client:
        return await client.request(method, url, content=content, headers=headers, params=params, auth=auth)

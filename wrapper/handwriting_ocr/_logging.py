"""DEBUG logging of every HTTP exchange, with credentials redacted.

Records go to the ``handwriting_ocr.http`` logger: the method, the URL (credential-like query values
and URL passwords masked), the status, the time to the response headers, the request id and the
headers (credential headers masked by :func:`handwriting_ocr._secrets.redact_headers`). Bodies are
never logged: images are large, and bodies can hold credentials (the IAM token request carries a
password).

The logging is a pair of httpx event hooks, so it composes with any client and any transport; the
same hooks serve sync and async clients::

    httpx.Client(event_hooks=logging_event_hooks())
    httpx.AsyncClient(event_hooks=logging_event_hooks())

Requests an auth flow sends (an IAM token fetch, a re-signed retry) pass through the hooks too.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Generator
from typing import Final
from urllib.parse import unquote

import httpx

from handwriting_ocr._secrets import MASK, redact_headers

LOGGER_NAME: Final = "handwriting_ocr.http"
logger = logging.getLogger(LOGGER_NAME)

#: Query parameter names (lower-case) whose values are credentials. Azure accepts the key as
#: ``subscription-key``; signed URLs carry ``sign``/``signature``/``sig``.
SENSITIVE_QUERY_PARAMS: Final = frozenset(
    {
        "access_token",
        "api-key",
        "apikey",
        "authorization",
        "key",
        "password",
        "secret",
        "sig",
        "sign",
        "signature",
        "subscription-key",
        "token",
        "x-auth-token",
    }
)
#: Fragments that mark any other parameter name as sensitive (``secret_key``, ``id_token``...).
_SENSITIVE_NAME_PARTS: Final = ("secret", "password", "token", "signature")

#: Response headers that carry the provider's request id (Huawei, Azure gateway, Azure service).
REQUEST_ID_HEADERS: Final = ("x-request-id", "apim-request-id", "x-ms-request-id", "request-id")


def _is_sensitive_param(name: bytes) -> bool:
    lowered = unquote(name.decode("ascii", "replace")).lower()
    return lowered in SENSITIVE_QUERY_PARAMS or any(part in lowered for part in _SENSITIVE_NAME_PARTS)


def redact_url(url: httpx.URL) -> str:
    """``url`` as text with sensitive query values and any userinfo password replaced by ``***``."""
    parts: list[bytes] = []
    for pair in url.query.split(b"&") if url.query else []:
        name, sep, _value = pair.partition(b"=")
        parts.append(name + b"=" + MASK.encode() if sep and _is_sensitive_param(name) else pair)
    query = b"&".join(parts)
    text = str(url.copy_with(query=query or None))
    if url.password:
        text = text.replace(f":{url.password}@", f":{MASK}@", 1)
    return text


def _logged_headers(headers: httpx.Headers) -> dict[str, str]:
    # ``raw`` keeps the names as sent (``X-Auth-Token``), which reads better than lower case.
    pairs = [(name.decode(headers.encoding), value.decode(headers.encoding)) for name, value in headers.raw]
    return redact_headers(pairs)


def _request_id(response: httpx.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        value: str = response.headers.get(name, "")
        if value:
            return value
    return None


class _HttpLogger:
    """Remembers when each request left, so the response record can say how long it took."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started: weakref.WeakKeyDictionary[httpx.Request, float] = weakref.WeakKeyDictionary()

    def on_request(self, request: httpx.Request) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        with self._lock:
            self._started[request] = time.perf_counter()
        logger.debug(
            "HTTP request: %s %s headers=%s",
            request.method,
            redact_url(request.url),
            _logged_headers(request.headers),
        )

    def on_response(self, response: httpx.Response) -> None:
        if not logger.isEnabledFor(logging.DEBUG):
            return
        request = response.request
        with self._lock:
            started = self._started.pop(request, None)
        elapsed = f"{(time.perf_counter() - started) * 1000:.1f} ms" if started is not None else "unknown"
        logger.debug(
            "HTTP response: %s %s -> %d %s in %s request_id=%s headers=%s",
            request.method,
            redact_url(request.url),
            response.status_code,
            response.reason_phrase,
            elapsed,
            _request_id(response),
            _logged_headers(response.headers),
        )


class _Completed:
    """An awaitable that is already done.

    The hooks return one so that the same hook list works for ``httpx.Client`` (which ignores the
    return value) and ``httpx.AsyncClient`` (which awaits it). The generated clients pass one
    ``httpx_args`` dict to both kinds of client, so one set of hooks has to serve both.
    """

    __slots__ = ()

    def __await__(self) -> Generator[None, None, None]:
        return
        yield  # makes this a generator function: awaiting it finishes at once with None


_COMPLETED: Final = _Completed()
EventHook = Callable[[httpx.Request], Awaitable[None]] | Callable[[httpx.Response], Awaitable[None]]


def logging_event_hooks() -> dict[str, list[EventHook]]:
    """Event hooks that log each exchange at DEBUG, for ``httpx.Client`` and ``httpx.AsyncClient`` alike."""
    http_logger = _HttpLogger()

    def on_request(request: httpx.Request) -> Awaitable[None]:
        http_logger.on_request(request)
        return _COMPLETED

    def on_response(response: httpx.Response) -> Awaitable[None]:
        http_logger.on_response(response)
        return _COMPLETED

    return {"request": [on_request], "response": [on_response]}

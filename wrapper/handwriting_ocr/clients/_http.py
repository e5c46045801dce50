"""The HTTP pipeline every facade shares, sync and async.

One *core* httpx client per facade: either ours (retry transport around the caller's transport or
httpx's default one, DEBUG logging hooks, the facade's timeout) or the caller's own client, used as
it is. Either way the facade's auth is applied to each request (``client.send(request, auth=...)``),
so a caller's client never needs to know about our credentials.

The generated low-level clients and the pollers get *loopback* httpx clients: clients with the API's
base URL whose transport hands every request back to the facade's pipeline. They therefore share the
connection pool, auth (one cached Huawei IAM token), retries, logging and timeout with the facade,
whatever the core client is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

import attrs
import httpx

from handwriting_ocr.errors import (
    ConnectionFailedError,
    InvalidInputError,
    OcrError,
    OcrTimeoutError,
    Provider,
)

__all__ = [
    "RETRY_EXTENSION",
    "AsyncPipeline",
    "RequestSpec",
    "RetryMode",
    "SyncPipeline",
    "TimeoutSetting",
]

#: The request extension the retry transport reads (see :mod:`handwriting_ocr.retries`).
RETRY_EXTENSION: Final = "handwriting_ocr.retry"
RetryMode = Literal["safe", "submit", "never"]

#: What callers may pass as ``timeout``: seconds, an ``httpx.Timeout``, or None for no timeout.
TimeoutSetting = float | httpx.Timeout | None

#: Turns the inner transport into the one our own core client uses (retries around it).
_SyncTransportWrapper = Callable[[httpx.BaseTransport], httpx.BaseTransport]
_AsyncTransportWrapper = Callable[[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport]


@attrs.frozen
class RequestSpec:
    """Everything needed to build one request, independent of the client that will send it.

    ``body`` holds the httpx body keyword(s) exactly as the generated ``_get_kwargs`` produced them
    (``json=``, ``content=`` or ``files=``), so the wire format is the generated, spec-conformant one.
    """

    method: str
    url: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: Mapping[str, Any] = attrs.field(factory=dict)
    retry: RetryMode = "safe"

    @classmethod
    def from_generated(cls, kwargs: Mapping[str, Any], *, base_url: str, retry: RetryMode) -> RequestSpec:
        """A spec from a generated ``_get_kwargs(...)`` result, its relative URL joined to ``base_url``."""
        body = {key: kwargs[key] for key in ("json", "content", "files", "data") if key in kwargs}
        if "content" in body:
            body["content"] = _as_bytes(body["content"])
        if "files" in body:
            body["files"] = [(name, _file_part_as_bytes(part)) for name, part in body["files"]]
        return cls(
            method=str(kwargs["method"]).upper(),
            url=base_url.rstrip("/") + str(kwargs["url"]),
            params=dict(kwargs.get("params") or {}),
            headers=dict(kwargs.get("headers") or {}),
            body=body,
            retry=retry,
        )


def _as_bytes(value: Any) -> Any:
    """File objects become bytes; anything else is returned as is.

    The generated code passes ``File.payload`` (a file object) as the body. httpx would stream it
    with chunked encoding and could not send it twice, which breaks retries and the auth flows that
    re-send a request (Huawei 401 renewal, Tencent re-signing). Bytes get a Content-Length and replay.
    """
    read = getattr(value, "read", None)
    if read is None or isinstance(value, bytes | str):
        return value
    return bytes(read())


def _file_part_as_bytes(part: Any) -> Any:
    if isinstance(part, tuple) and len(part) >= 2:
        return (part[0], _as_bytes(part[1]), *part[2:])
    return _as_bytes(part)


def _check_choice(http_client: object, transport: object) -> None:
    if http_client is not None and transport is not None:
        raise InvalidInputError(
            "pass either http_client or transport, not both (give your transport to your client)",
            field="transport",
        )


def _explicit_timeout(timeout: TimeoutSetting | Literal["default"]) -> httpx.Timeout | None:
    if timeout == "default":
        return None
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


class _PipelineBase:
    """Behaviour common to both pipelines; nothing here does I/O."""

    def __init__(self, *, auth: httpx.Auth, provider: Provider, timeout: httpx.Timeout | None) -> None:
        self.auth = auth
        self.provider: Provider = provider
        # Set only when the caller chose a timeout and we do not own the client (ours has it built in).
        self._request_timeout = timeout

    def _build_kwargs(self, spec: RequestSpec) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "params": spec.params,
            "headers": spec.headers,
            "extensions": {RETRY_EXTENSION: spec.retry},
            **spec.body,
        }
        if self._request_timeout is not None:
            kwargs["timeout"] = self._request_timeout
        return kwargs

    def _translate(self, exc: httpx.TransportError) -> Exception:
        # httpx's messages name the failure ("Connection refused", "timed out"), never our headers.
        if isinstance(exc, httpx.TimeoutException):
            return OcrTimeoutError(
                f"the request timed out ({type(exc).__name__}: {exc})", provider=self.provider
            )
        return ConnectionFailedError(
            f"could not reach the service ({type(exc).__name__}: {exc})", provider=self.provider
        )


class SyncPipeline(_PipelineBase):
    """The sync core client plus the facade's auth; see the module docstring."""

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutSetting | Literal["default"],
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
        wrap_transport: _SyncTransportWrapper,
        event_hooks: Mapping[str, list[Any]],
    ) -> None:
        _check_choice(http_client, transport)
        explicit = _explicit_timeout(timeout)
        if http_client is not None:
            super().__init__(auth=auth, provider=provider, timeout=explicit)
            self.client = http_client
            self._owns_client = False
        else:
            super().__init__(auth=auth, provider=provider, timeout=None)
            self.client = httpx.Client(
                transport=wrap_transport(transport if transport is not None else httpx.HTTPTransport()),
                timeout=explicit if explicit is not None else _default_timeout(),
                event_hooks=dict(event_hooks),
            )
            self._owns_client = True
        self._loopbacks: dict[str, httpx.Client] = {}

    def build(self, spec: RequestSpec) -> httpx.Request:
        return self.client.build_request(spec.method, spec.url, **self._build_kwargs(spec))

    def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        try:
            return self.send_raw(request, stream=stream)
        except httpx.TransportError as exc:
            raise self._translate(exc) from exc

    def send_raw(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        """Send with the facade's auth; httpx's own errors are left for the caller (the poller)."""
        return self.client.send(request, auth=self.auth, stream=stream)

    def request(self, spec: RequestSpec) -> httpx.Response:
        return self.send(self.build(spec))

    def loopback(self, base_url: str) -> httpx.Client:
        """An httpx client for ``base_url`` whose requests go through this pipeline (cached)."""
        client = self._loopbacks.get(base_url)
        if client is None:
            client = httpx.Client(
                base_url=base_url,
                transport=_SyncLoopback(self),
                timeout=self._effective_timeout(),
                # The core client's default headers (a caller's client may carry its own).
                headers=self.client.headers,
            )
            self._loopbacks[base_url] = client
        return client

    def _effective_timeout(self) -> httpx.Timeout:
        return self._request_timeout if self._request_timeout is not None else self.client.timeout

    def close(self) -> None:
        for client in self._loopbacks.values():
            client.close()
        self._loopbacks.clear()
        if self._owns_client:
            self.client.close()


class AsyncPipeline(_PipelineBase):
    """The async twin of :class:`SyncPipeline`."""

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutSetting | Literal["default"],
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
        wrap_transport: _AsyncTransportWrapper,
        event_hooks: Mapping[str, list[Any]],
    ) -> None:
        _check_choice(http_client, transport)
        explicit = _explicit_timeout(timeout)
        if http_client is not None:
            super().__init__(auth=auth, provider=provider, timeout=explicit)
            self.client = http_client
            self._owns_client = False
        else:
            super().__init__(auth=auth, provider=provider, timeout=None)
            self.client = httpx.AsyncClient(
                transport=wrap_transport(transport if transport is not None else httpx.AsyncHTTPTransport()),
                timeout=explicit if explicit is not None else _default_timeout(),
                event_hooks=dict(event_hooks),
            )
            self._owns_client = True
        self._loopbacks: dict[str, httpx.AsyncClient] = {}

    def build(self, spec: RequestSpec) -> httpx.Request:
        return self.client.build_request(spec.method, spec.url, **self._build_kwargs(spec))

    async def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        try:
            return await self.send_raw(request, stream=stream)
        except httpx.TransportError as exc:
            raise self._translate(exc) from exc

    async def send_raw(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        return await self.client.send(request, auth=self.auth, stream=stream)

    async def request(self, spec: RequestSpec) -> httpx.Response:
        return await self.send(self.build(spec))

    def loopback(self, base_url: str) -> httpx.AsyncClient:
        client = self._loopbacks.get(base_url)
        if client is None:
            client = httpx.AsyncClient(
                base_url=base_url,
                transport=_AsyncLoopback(self),
                timeout=self._effective_timeout(),
                # The core client's default headers (a caller's client may carry its own).
                headers=self.client.headers,
            )
            self._loopbacks[base_url] = client
        return client

    def _effective_timeout(self) -> httpx.Timeout:
        return self._request_timeout if self._request_timeout is not None else self.client.timeout

    async def aclose(self) -> None:
        for client in self._loopbacks.values():
            await client.aclose()
        self._loopbacks.clear()
        if self._owns_client:
            await self.client.aclose()


def _default_timeout() -> httpx.Timeout:
    from handwriting_ocr.config import DEFAULT_TIMEOUT

    return DEFAULT_TIMEOUT


def _untranslated(request: httpx.Request, error: OcrError) -> BaseException:
    """For a poll, the httpx error the retry transport turned into ``error``; else ``error`` itself.

    Polls are marked "never" for the retry transport because the poller waits and retries them
    itself, but it only recognises a failed connection by httpx's own exception type.
    """
    cause = error.__cause__
    if request.extensions.get(RETRY_EXTENSION) == "never" and isinstance(cause, httpx.TransportError):
        return cause
    return error


class _SyncLoopback(httpx.BaseTransport):
    """Hands requests of a loopback client to the facade's pipeline (auth, retries, logging)."""

    def __init__(self, pipeline: SyncPipeline) -> None:
        self._pipeline = pipeline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._pipeline.send_raw(request, stream=True)
        except OcrError as exc:
            raw = _untranslated(request, exc)
            if raw is exc:
                raise
            raise raw from None
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code, headers=response.headers, stream=stream, extensions=response.extensions
        )


class _AsyncLoopback(httpx.AsyncBaseTransport):
    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._pipeline.send_raw(request, stream=True)
        except OcrError as exc:
            raw = _untranslated(request, exc)
            if raw is exc:
                raise
            raise raw from None
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code, headers=response.headers, stream=stream, extensions=response.extensions
        )

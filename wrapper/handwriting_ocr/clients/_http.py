"""The HTTP pipeline every facade shares, sync and async.

One *core* httpx client per facade: either ours (retry transport around the caller's transport or
httpx's default one, DEBUG logging hooks, the facade's timeout) or the caller's own client, used as
it is. Either way the facade's auth is applied to each request (``client.send(request, auth=...)``),
so a caller's client never needs to know about our credentials.

The generated low-level clients and the pollers get *loopback* httpx clients: clients with the API's
base URL whose transport hands every request back to the facade's pipeline. They therefore share the
connection pool, auth (one cached Huawei IAM token), retries, logging and timeout with the facade,
whatever the core client is.

:class:`Pipeline` holds everything that does no I/O; :class:`SyncPipeline` and
:class:`AsyncPipeline` only add sending (plain or awaited) and closing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar

import httpx

from handwriting_ocr.errors import ConnectionFailedError, InvalidInputError, OcrTimeoutError, Provider

if TYPE_CHECKING:
    from handwriting_ocr._logging import EventHook
    from handwriting_ocr.retries import RetryPolicy

__all__ = [
    "DEFAULT_LIMITS",
    "RETRY_EXTENSION",
    "AsyncPipeline",
    "ClientT",
    "Pipeline",
    "RequestSpec",
    "RetryMode",
    "SyncPipeline",
    "TimeoutSetting",
    "TransportT",
]

#: The request extension the retry transport reads (see :mod:`handwriting_ocr.retries`).
RETRY_EXTENSION: Final = "handwriting_ocr.retry"
RetryMode = Literal["safe", "submit", "never"]

#: What callers may pass as ``timeout``: seconds, an ``httpx.Timeout``, or None for no timeout.
TimeoutSetting = float | httpx.Timeout | None

#: The connection pool of the facades' own transport (not used with a caller's ``http_client`` or
#: ``transport``, which keep their own). httpx's default keeps only 20 connections alive, so a batch
#: at concurrency 32 closed and re-opened a connection (a TCP and TLS handshake) for nearly every
#: request; 100 covers the CLI's and typical callers' concurrency with room to spare. To size the pool
#: yourself, pass ``transport=httpx.HTTPTransport(limits=...)`` (or the async one): it is still
#: wrapped in the retry transport.
DEFAULT_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=5.0)

#: The httpx client and transport flavour of a pipeline (and of the facade that owns it).
ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """Everything needed to build one request, independent of the client that will send it.

    ``body`` holds the httpx body keyword(s) as the generated ``_get_kwargs`` produced them
    (``content=`` or ``files=``), so the wire format is the generated, spec-conformant one; a
    ``json=`` body is encoded here to the bytes httpx would send (``content=``, see ``_json_body``).
    """

    method: str
    url: str
    # Any: these are handed to httpx unchanged, in the (loosely typed) form the generated code made.
    params: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] = field(default_factory=dict)
    retry: RetryMode = "safe"

    @classmethod
    def from_generated(cls, kwargs: Mapping[str, Any], *, base_url: str, retry: RetryMode) -> RequestSpec:
        """A spec from a generated ``_get_kwargs(...)`` result, its relative URL joined to ``base_url``."""
        body = {key: kwargs[key] for key in ("json", "content", "files", "data") if key in kwargs}
        headers = dict(kwargs.get("headers") or {})
        if "content" in body:
            body["content"] = _as_bytes(body["content"])
        if "files" in body:
            body["files"] = [(name, _file_part_as_bytes(part)) for name, part in body["files"]]
        if "json" in body:
            # The very bytes and Content-Type httpx would make of json=, encoded faster (_json_body).
            from handwriting_ocr.clients._json_body import JSON_CONTENT_TYPE, encode_json

            body["content"] = encode_json(body.pop("json"))
            if not any(name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = JSON_CONTENT_TYPE
        return cls(
            method=str(kwargs["method"]).upper(),
            url=base_url.rstrip("/") + str(kwargs["url"]),
            params=dict(kwargs.get("params") or {}),
            headers=headers,
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


#: Most parsed request URLs a pipeline keeps (see :meth:`Pipeline._url`).
_URL_CACHE_SIZE: Final = 64


def _parsed_url(spec: RequestSpec) -> httpx.URL:
    """What httpx would make of ``spec.url`` and ``spec.params`` (the same query merge)."""
    url = httpx.URL(spec.url)
    return url.copy_merge_params(spec.params) if spec.params else url


def _explicit_timeout(timeout: TimeoutSetting | Literal["default"]) -> httpx.Timeout | None:
    if timeout == "default":
        return None
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


def _default_timeout() -> httpx.Timeout:
    from handwriting_ocr.config import DEFAULT_TIMEOUT

    return DEFAULT_TIMEOUT


class Pipeline(Generic[ClientT, TransportT]):
    """The core client, the facade's auth and the loopback clients; nothing here does I/O.

    Subclasses say how to make a client and a transport of their flavour (the three hooks below).
    """

    def __init__(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutSetting | Literal["default"],
        http_client: ClientT | None,
        transport: TransportT | None,
        retry: RetryPolicy,
    ) -> None:
        if http_client is not None and transport is not None:
            raise InvalidInputError(
                "pass either http_client or transport, not both (give your transport to your client)",
                field="transport",
            )
        explicit = _explicit_timeout(timeout)
        self.auth = auth
        self.provider: Provider = provider
        self.client: ClientT
        if http_client is not None:
            self.client = http_client
            self._owns_client = False
            # The caller's client keeps its own settings; a timeout chosen here applies per request.
            self._request_timeout = explicit
        else:
            from handwriting_ocr._logging import logging_event_hooks

            inner = transport if transport is not None else self._default_transport()
            self.client = self._new_client(
                transport=self._retrying(inner, retry),
                timeout=explicit if explicit is not None else _default_timeout(),
                event_hooks=logging_event_hooks(),
            )
            self._owns_client = True
            self._request_timeout = None  # our client has the timeout built in
        self._loopbacks: dict[str, ClientT] = {}
        self._urls: dict[tuple[str, tuple[tuple[str, Any], ...]], httpx.URL] = {}

    # --- the flavour hooks --------------------------------------------------------------------------

    def _default_transport(self) -> TransportT:
        raise NotImplementedError

    def _retrying(self, inner: TransportT, retry: RetryPolicy) -> TransportT:
        """``inner`` wrapped in the retry transport of this flavour."""
        raise NotImplementedError

    def _new_client(
        self,
        *,
        transport: TransportT,
        timeout: httpx.Timeout,
        base_url: str = "",
        headers: httpx.Headers | None = None,
        event_hooks: Mapping[str, list[EventHook]] | None = None,
    ) -> ClientT:
        raise NotImplementedError

    def _loopback_transport(self) -> TransportT:
        raise NotImplementedError

    # --- shared behaviour ---------------------------------------------------------------------------

    def build(self, spec: RequestSpec) -> httpx.Request:
        kwargs: dict[str, Any] = {
            "headers": spec.headers,
            "extensions": {RETRY_EXTENSION: spec.retry},
            **spec.body,
        }
        if self._request_timeout is not None:
            kwargs["timeout"] = self._request_timeout
        # The query is already in the URL: passing params (even empty) would make httpx parse it again.
        return self.client.build_request(spec.method, self._url(spec), **kwargs)

    def _url(self, spec: RequestSpec) -> httpx.URL:
        """``spec.url`` with ``spec.params`` merged in, parsed once per distinct URL and query.

        A facade sends the same few URLs over and over (one per endpoint and option set), and httpx
        parses a URL string on every request, twice when it has params: about 30 us per call. An
        ``httpx.URL`` is immutable and httpx uses one it is given as it is, so parsed ones are kept.
        """
        try:
            key = (spec.url, tuple(spec.params.items()))
            url = self._urls.get(key)
        except TypeError:  # an unhashable param value (a list): not cached
            return _parsed_url(spec)
        if url is None:
            url = _parsed_url(spec)
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()  # bounded, for callers that vary the query per call
            self._urls[key] = url
        return url

    def loopback(self, base_url: str) -> ClientT:
        """An httpx client for ``base_url`` whose requests go through this pipeline (cached)."""
        client = self._loopbacks.get(base_url)
        if client is None:
            timeout = self._request_timeout if self._request_timeout is not None else self.client.timeout
            client = self._new_client(
                transport=self._loopback_transport(),
                timeout=timeout,
                base_url=base_url,
                # The core client's default headers (a caller's client may carry its own).
                headers=self.client.headers,
            )
            self._loopbacks[base_url] = client
        return client

    def _translate(self, exc: httpx.TransportError) -> Exception:
        """The typed error for a failure httpx raised from the caller's own client (ours raises typed ones)."""
        # httpx's messages name the failure ("Connection refused", "timed out"), never our headers.
        if isinstance(exc, httpx.TimeoutException):
            return OcrTimeoutError(
                f"the request timed out ({type(exc).__name__}: {exc})", provider=self.provider
            )
        return ConnectionFailedError(
            f"could not reach the service ({type(exc).__name__}: {exc})", provider=self.provider
        )


class SyncPipeline(Pipeline[httpx.Client, httpx.BaseTransport]):
    """The blocking pipeline; see the module docstring."""

    def _default_transport(self) -> httpx.BaseTransport:
        return httpx.HTTPTransport(limits=DEFAULT_LIMITS)

    def _retrying(self, inner: httpx.BaseTransport, retry: RetryPolicy) -> httpx.BaseTransport:
        from handwriting_ocr.retries import RetryTransport

        return RetryTransport(inner, retry, provider=self.provider)

    def _new_client(
        self,
        *,
        transport: httpx.BaseTransport,
        timeout: httpx.Timeout,
        base_url: str = "",
        headers: httpx.Headers | None = None,
        event_hooks: Mapping[str, list[EventHook]] | None = None,
    ) -> httpx.Client:
        return httpx.Client(
            transport=transport, timeout=timeout, base_url=base_url, headers=headers, event_hooks=event_hooks
        )

    def _loopback_transport(self) -> httpx.BaseTransport:
        return _SyncLoopback(self)

    def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        """Send with the facade's auth; transport failures raise typed errors."""
        try:
            return self.client.send(request, auth=self.auth, stream=stream)
        except httpx.TransportError as exc:
            raise self._translate(exc) from exc

    def request(self, spec: RequestSpec) -> httpx.Response:
        return self.send(self.build(spec))

    def close(self) -> None:
        for client in self._loopbacks.values():
            client.close()
        self._loopbacks.clear()
        if self._owns_client:
            self.client.close()


class AsyncPipeline(Pipeline[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """The asyncio twin of :class:`SyncPipeline`."""

    def _default_transport(self) -> httpx.AsyncBaseTransport:
        return httpx.AsyncHTTPTransport(limits=DEFAULT_LIMITS)

    def _retrying(self, inner: httpx.AsyncBaseTransport, retry: RetryPolicy) -> httpx.AsyncBaseTransport:
        from handwriting_ocr.retries import AsyncRetryTransport

        return AsyncRetryTransport(inner, retry, provider=self.provider)

    def _new_client(
        self,
        *,
        transport: httpx.AsyncBaseTransport,
        timeout: httpx.Timeout,
        base_url: str = "",
        headers: httpx.Headers | None = None,
        event_hooks: Mapping[str, list[EventHook]] | None = None,
    ) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=transport, timeout=timeout, base_url=base_url, headers=headers, event_hooks=event_hooks
        )

    def _loopback_transport(self) -> httpx.AsyncBaseTransport:
        return _AsyncLoopback(self)

    async def send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        try:
            return await self.client.send(request, auth=self.auth, stream=stream)
        except httpx.TransportError as exc:
            raise self._translate(exc) from exc

    async def request(self, spec: RequestSpec) -> httpx.Response:
        return await self.send(self.build(spec))

    async def aclose(self) -> None:
        for client in self._loopbacks.values():
            await client.aclose()
        self._loopbacks.clear()
        if self._owns_client:
            await self.client.aclose()


def _relayed(response: httpx.Response) -> httpx.Response:
    """The core client's (streamed) response, re-issued for the loopback client to read."""
    return httpx.Response(
        response.status_code, headers=response.headers, stream=response.stream, extensions=response.extensions
    )


class _SyncLoopback(httpx.BaseTransport):
    """Hands requests of a loopback client to the facade's pipeline (auth, retries, logging).

    The core client's errors pass through as they are: typed errors from our retry transport, or
    httpx's own from a caller's client (and for polls, which the retry transport leaves alone and the
    poller retries itself).
    """

    def __init__(self, pipeline: SyncPipeline) -> None:
        self._pipeline = pipeline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _relayed(self._pipeline.client.send(request, auth=self._pipeline.auth, stream=True))


class _AsyncLoopback(httpx.AsyncBaseTransport):
    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return _relayed(await self._pipeline.client.send(request, auth=self._pipeline.auth, stream=True))

"""The one request path every facade shares, sync and async: limiter -> retries -> transport.

One *core* httpx client per facade: either ours (the caller's transport or httpx's default one,
wrapped so that every answer is read within its attempt's deadline and size cap; DEBUG logging
hooks; the facade's timeout) or the caller's own client, used as it is. Either way every request
goes through :meth:`SyncPipeline.send` / :meth:`AsyncPipeline.send`: a permit from the facade's
limiter, one attempt with the facade's auth (``client.send(request, auth=...)``, so a caller's
client never needs to know our credentials), the whole answer read, and the retry policy's
decision (:mod:`handwriting_ocr.retries`). Submits, polls and the facades' other calls use it
directly; the generated low-level clients get *loopback* httpx clients whose transport hands each
request to the same ``send``, so they share the limiter, retries, auth, logging and pool too.

:class:`Pipeline` holds everything that does no I/O; :class:`SyncPipeline` and
:class:`AsyncPipeline` only add sending (plain or awaited) and closing.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar

import httpx

from handwriting_ocr._bounded import (
    BODY_LOADED,
    HEADERS_SUFFICE,
    MAX_BODY,
    BodyTooLarge,
    aread_answer,
    read_answer,
)
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError, Provider

if TYPE_CHECKING:
    from handwriting_ocr._logging import EventHook
    from handwriting_ocr.clients._ops import Call
    from handwriting_ocr.pacing import Limiter
    from handwriting_ocr.retries import RetryPolicy

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_ANSWER_BYTES",
    "RETRY_EXTENSION",
    "AsyncPipeline",
    "ClientT",
    "CredentialRecordingAuth",
    "Pipeline",
    "RequestSpec",
    "RetryMode",
    "SyncPipeline",
    "TimeoutSetting",
    "TransportT",
]

#: The request extension the request loop reads (see :mod:`handwriting_ocr.retries`).
RETRY_EXTENSION: Final = "handwriting_ocr.retry"
RetryMode = Literal["safe", "submit", "never"]

#: What callers may pass as ``timeout``: seconds, an ``httpx.Timeout``, or None for no timeout.
TimeoutSetting = float | httpx.Timeout | None

#: The largest answer body (decoded) each kind of operation accepts, in bytes. A synchronous OCR
#: answer for one image is at most a few MB; an Azure Read result covers every page of a document
#: (up to 2,000 pages of PDF), so it gets more room. A larger answer is a MalformedResponseError
#: rather than an unbounded allocation (an answer costs 10-20x its size in memory once parsed).
MAX_ANSWER_BYTES: Final[Mapping[str, int]] = {
    "result": 32 * 1024 * 1024,
    "operation": 256 * 1024 * 1024,
    "submit": 1024 * 1024,
    "thumbnail": 8 * 1024 * 1024,
}

#: The connection pool of the facades' own transport (not used with a caller's ``http_client`` or
#: ``transport``, which keep their own). httpx's default keeps only 20 connections alive, so a batch
#: at concurrency 32 closed and re-opened a connection (a TCP and TLS handshake) for nearly every
#: request; 100 covers the CLI's and typical callers' concurrency with room to spare. To size the pool
#: yourself, pass ``transport=httpx.HTTPTransport(limits=...)`` (or the async one).
DEFAULT_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=5.0)

#: The httpx client and transport flavour of a pipeline (and of the facade that owns it).
ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)
T = TypeVar("T")
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """Everything needed to build one request, independent of the client that will send it.

    ``body`` holds the httpx body keyword(s) as the generated ``_get_kwargs`` produced them
    (``content=`` or ``files=``), so the wire format is the generated, spec-conformant one; a
    ``json=`` body is encoded here to the bytes httpx would send, as a :class:`ReplayableBody` of
    pieces when it carries a base64 image (``stream=``, see ``_json_body``). ``max_body`` caps the
    answer's size; ``headers_suffice`` keeps a 2xx answer whose body breaks off (a submit).
    """

    method: str
    url: str
    # Any: these are handed to httpx unchanged, in the (loosely typed) form the generated code made.
    params: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] = field(default_factory=dict)
    retry: RetryMode = "safe"
    max_body: int = MAX_ANSWER_BYTES["result"]
    headers_suffice: bool = False

    @classmethod
    def from_generated(
        cls,
        kwargs: Mapping[str, Any],
        *,
        base_url: str,
        retry: RetryMode,
        max_body: int = MAX_ANSWER_BYTES["result"],
    ) -> RequestSpec:
        """A spec from a generated ``_get_kwargs(...)`` result, its relative URL joined to ``base_url``."""
        body = {key: kwargs[key] for key in ("json", "content", "files", "data") if key in kwargs}
        headers = dict(kwargs.get("headers") or {})
        if "content" in body:
            body["content"] = _as_bytes(body["content"])
        if "files" in body:
            body["files"] = [(name, _file_part_as_bytes(part)) for name, part in body["files"]]
        if "json" in body:
            # The very bytes and Content-Type httpx would make of json=, without copying images.
            from handwriting_ocr._body import ReplayableBody
            from handwriting_ocr.clients._json_body import JSON_CONTENT_TYPE, encode_json_parts

            stream = ReplayableBody(encode_json_parts(body.pop("json")))
            if len(stream.pieces) == 1:  # a small body: plain bytes are the cheaper to send
                body["content"] = stream.pieces[0]
            else:
                body["stream"] = stream
            if not any(name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = JSON_CONTENT_TYPE
        return cls(
            method=str(kwargs["method"]).upper(),
            url=base_url.rstrip("/") + str(kwargs["url"]),
            params=dict(kwargs.get("params") or {}),
            headers=headers,
            body=body,
            retry=retry,
            max_body=max_body,
            headers_suffice=retry == "submit",
        )


def _as_bytes(value: Any) -> Any:
    """File objects become bytes; anything else is returned as is.

    The generated code passes ``File.payload`` (a file object) as the body. httpx would stream it
    with chunked encoding and could not send it twice, which breaks retries and the auth flows that
    re-send a request (Huawei 401 renewal, Tencent re-signing). Bytes get a Content-Length and replay.
    (``BytesIO(data).read()`` hands back ``data`` itself, not a copy.)
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


class CredentialRecordingAuth(httpx.Auth):
    """``inner`` as it is, except that the credential headers of every request it sends (and of
    every answer it gets, such as IAM's ``X-Subject-Token``) are remembered as secrets.

    The one place that covers every credential a facade uses, whatever the auth: values no
    :class:`~handwriting_ocr._secrets.Secret` holds (a signature computed per request, a caller's
    bearer token) are then masked in error messages and log records like the others.
    """

    def __init__(self, inner: httpx.Auth) -> None:
        self.inner = inner

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        from handwriting_ocr._secrets import remember_raw_credentials

        flow = self.inner.sync_auth_flow(request)
        try:
            outgoing = next(flow)
            while True:
                remember_raw_credentials(outgoing.headers.raw)
                response = yield outgoing
                remember_raw_credentials(response.headers.raw)
                outgoing = flow.send(response)
        except StopIteration:
            return
        finally:
            flow.close()

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        from handwriting_ocr._secrets import remember_raw_credentials

        flow = self.inner.async_auth_flow(request)
        try:
            outgoing = await flow.__anext__()
            while True:
                remember_raw_credentials(outgoing.headers.raw)
                response = yield outgoing
                remember_raw_credentials(response.headers.raw)
                outgoing = await flow.asend(response)
        except StopAsyncIteration:
            return
        finally:
            await flow.aclose()

    def __repr__(self) -> str:
        return repr(self.inner)


class Pipeline(Generic[ClientT, TransportT]):
    """The core client, the facade's auth, limiter and retry policy, and the loopback clients.

    Nothing here does I/O; subclasses say how to make a client and a transport of their flavour.
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
        limiter: Limiter,
    ) -> None:
        if http_client is not None and transport is not None:
            raise InvalidInputError(
                "pass either http_client or transport, not both (give your transport to your client)",
                field="transport",
            )
        from handwriting_ocr._secrets import install_log_filter

        # Every record of the loggers a request passes through (ours, httpx's, httpcore's) is
        # masked from the first client on: once per process, cheap after.
        install_log_filter()
        explicit = _explicit_timeout(timeout)
        #: The facade's auth, wrapped so that whatever credential it sends is masked in errors and logs.
        self.auth: httpx.Auth = CredentialRecordingAuth(auth)
        self.provider: Provider = provider
        self.retry = retry
        self.limiter = limiter
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
                transport=self._bounded(inner),
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

    def _bounded(self, inner: TransportT) -> TransportT:
        """``inner`` wrapped so that every answer is read in full within its attempt's limits."""
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
        extensions: dict[str, object] = {RETRY_EXTENSION: spec.retry, MAX_BODY: spec.max_body}
        if spec.headers_suffice:
            extensions[HEADERS_SUFFICE] = True
        stream = spec.body.get("stream")
        kwargs: dict[str, Any] = {
            "headers": spec.headers,
            "extensions": extensions,
            **{key: value for key, value in spec.body.items() if key != "stream"},
        }
        if stream is not None:
            # Given as streaming content, so that httpx neither joins it nor keeps an empty
            # "already read" body; ``attach`` then makes it the replayable stream with its length.
            kwargs["content"] = stream
        if self._request_timeout is not None:
            kwargs["timeout"] = self._request_timeout
        # The query is already in the URL: passing params (even empty) would make httpx parse it again.
        request = self.client.build_request(spec.method, self._url(spec), **kwargs)
        if stream is None and "files" in kwargs:
            from handwriting_ocr._body import ReplayableBody

            stream = ReplayableBody.from_multipart(request)
        return request if stream is None else stream.attach(request)

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

    def _unreadable(
        self, response: httpx.Response | None, error: httpx.DecodingError | BodyTooLarge
    ) -> Exception:
        """The error for an answer whose body cannot be had: undecodable, or over the size cap."""
        from handwriting_ocr.error_mapping import clean_text, request_id_from_headers

        status = response.status_code if response is not None else getattr(error, "status_code", None)
        if isinstance(error, BodyTooLarge):
            what = f"{error}; refusing to read more"
        else:
            what = (
                "the answer could not be decoded as its Content-Encoding says "
                f"({clean_text(str(error), 100) or type(error).__name__})"
            )
        return MalformedResponseError(
            what,
            provider=self.provider,
            status_code=status,
            request_id=request_id_from_headers(response.headers) if response is not None else None,
        )


class SyncPipeline(Pipeline[httpx.Client, httpx.BaseTransport]):
    """The blocking pipeline; see the module docstring."""

    def _default_transport(self) -> httpx.BaseTransport:
        from handwriting_ocr._deadline_backend import deadline_transport

        # Its connections keep each attempt's deadline, also while the headers trickle in.
        return deadline_transport(httpx.HTTPTransport(limits=DEFAULT_LIMITS))

    def _bounded(self, inner: httpx.BaseTransport) -> httpx.BaseTransport:
        from handwriting_ocr._bounded import BoundedTransport

        return BoundedTransport(inner)

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

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send through limiter and retries; the answer is read in full (or a typed error raised)."""
        from handwriting_ocr.retries import run_sync

        return run_sync(
            request, self._attempt, policy=self.retry, limiter=self.limiter, provider=self.provider
        )

    def _attempt(self, request: httpx.Request) -> httpx.Response:
        try:
            # No redirects, ever: httpx would carry our credential headers to wherever one points.
            response = self.client.send(request, auth=self.auth, stream=True, follow_redirects=False)
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise self._unreadable(None, error) from None
        if response.extensions.get(BODY_LOADED):
            response.read()  # our bounded transport read and decoded it already: nothing to wait for
            return response
        # A caller's own client: read the body here, within the attempt's deadline and cap.
        try:
            return read_answer(request, response)
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise self._unreadable(response, error) from None

    def request(self, spec: RequestSpec) -> httpx.Response:
        return self.send(self.build(spec))

    def call(self, call: Call[T]) -> T:
        """Send ``call``'s request and hand its answer to ``call``'s handler."""
        return call.handle(self.request(call.spec))

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

    def _bounded(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        from handwriting_ocr._bounded import AsyncBoundedTransport

        return AsyncBoundedTransport(inner)

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

    async def send(self, request: httpx.Request) -> httpx.Response:
        from handwriting_ocr.retries import run_async

        return await run_async(
            request, self._attempt, policy=self.retry, limiter=self.limiter, provider=self.provider
        )

    async def _attempt(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self.client.send(request, auth=self.auth, stream=True, follow_redirects=False)
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise self._unreadable(None, error) from None
        if response.extensions.get(BODY_LOADED):
            await response.aread()
            return response
        try:
            return await aread_answer(request, response)
        except (httpx.DecodingError, BodyTooLarge) as error:
            raise self._unreadable(response, error) from None

    async def request(self, spec: RequestSpec) -> httpx.Response:
        return await self.send(self.build(spec))

    async def call(self, call: Call[T]) -> T:
        return call.handle(await self.request(call.spec))

    async def aclose(self) -> None:
        for client in self._loopbacks.values():
            await client.aclose()
        self._loopbacks.clear()
        if self._owns_client:
            await self.client.aclose()


class _SyncLoopback(httpx.BaseTransport):
    """Hands requests of a loopback client (a generated client's) to the facade's pipeline."""

    def __init__(self, pipeline: SyncPipeline) -> None:
        self._pipeline = pipeline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pipeline.send(request)


class _AsyncLoopback(httpx.AsyncBaseTransport):
    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pipeline.send(request)

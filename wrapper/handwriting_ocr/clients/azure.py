"""Azure Computer Vision v2.0 and v1.0: :class:`AzureVisionClient` and :class:`AsyncAzureVisionClient`.

One client covers both API versions of a Computer Vision resource: v2.0 Read and RecognizeText
(long-running: ``begin_*`` returns a poller), and v1.0 RecognizeText (handwriting), OCR, analyze,
domain-model analyze and thumbnails. Images are bytes, a file path, a binary file object or an
http(s) URL, and are checked against each operation's limits before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import azure_vision_v1_client
import azure_vision_v2_client
import httpx
from azure_vision_v1_client.models.domain_model_results import DomainModelResults
from azure_vision_v1_client.models.image_analysis import ImageAnalysis
from azure_vision_v1_client.models.ocr_result import OcrResult
from azure_vision_v1_client.models.text_operation_result import TextOperationResult as V1TextOperationResult
from azure_vision_v2_client.models.read_operation_result import ReadOperationResult
from azure_vision_v2_client.models.text_operation_result import TextOperationResult

from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._env import environment, required_env
from handwriting_ocr.auth.azure import AzureKeyAuth
from handwriting_ocr.clients._azure_ops import (
    KIND_READ,
    KIND_RECOGNIZE_TEXT,
    KIND_RECOGNIZE_TEXT_V1,
    AzureOperations,
    DomainModel,
    RecognitionMode,
)
from handwriting_ocr.clients._base import AsyncFacade, SyncFacade, TimeoutArg
from handwriting_ocr.clients._ops import Submit
from handwriting_ocr.config import normalize_endpoint
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.polling import AsyncLROPoller, LROPoller, async_poller_from_submit, poller_from_submit
from handwriting_ocr.polling.core import ParseResult
from handwriting_ocr.polling.token import decode_token
from handwriting_ocr.retries import RetryPolicy
from handwriting_ocr.validation import ImageInput

__all__ = ["AnyAsyncPoller", "AnyPoller", "AsyncAzureVisionClient", "AzureVisionClient"]

T = TypeVar("T")

ENV_ENDPOINT = "AZURE_VISION_ENDPOINT"
ENV_KEY = "AZURE_VISION_KEY"

#: What :meth:`AzureVisionClient.poller_from_continuation_token` may return, by the token's kind.
AnyPoller = LROPoller[ReadOperationResult] | LROPoller[TextOperationResult] | LROPoller[V1TextOperationResult]
AnyAsyncPoller = (
    AsyncLROPoller[ReadOperationResult]
    | AsyncLROPoller[TextOperationResult]
    | AsyncLROPoller[V1TextOperationResult]
)


def _auth(key: str | Secret | None, auth: httpx.Auth | None) -> httpx.Auth:
    if (key is None) == (auth is None):
        raise InvalidInputError(
            "give exactly one of key (the subscription key) and auth", provider="azure", field="key"
        )
    if auth is not None:
        return auth
    assert key is not None
    return AzureKeyAuth(key)


class _AzureShared:
    """Construction, request building and resumption logic common to the sync and async clients."""

    _ops: AzureOperations
    _auth: httpx.Auth

    def _configure(self, endpoint: str, auth: httpx.Auth) -> None:
        self._ops = AzureOperations(normalize_endpoint(endpoint, provider="azure"))
        self._auth = auth

    @property
    def endpoint(self) -> str:
        """Scheme, host and port of the resource; ``/vision/v2.0`` and ``/vision/v1.0`` are appended."""
        return self._ops.endpoint

    @staticmethod
    def _env_settings(environ: Mapping[str, str] | None, endpoint: str | None) -> tuple[str, Secret]:
        env = environment(environ)
        chosen = endpoint if endpoint is not None else required_env(env, ENV_ENDPOINT, provider="azure")
        return chosen, Secret(required_env(env, ENV_KEY, provider="azure"))

    def _base_for(self, kind: str) -> str:
        return self._ops.v1_base if kind == KIND_RECOGNIZE_TEXT_V1 else self._ops.v2_base

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, auth={self._auth!r})"


class AzureVisionClient(_AzureShared, SyncFacade):
    """Blocking client for Azure Computer Vision v2.0 and v1.0.

    ``endpoint`` is the resource's scheme, host and port (``https://westeurope.api.cognitive.microsoft.com``
    or a local emulator); ``key`` its subscription key (or any ``httpx.Auth`` as ``auth``). With
    ``http_client=`` your client is used as is: the key is still added to each request, but
    retries and DEBUG logging are not (pass ``transport=`` to keep them). ``begin_*`` submits are
    never retried once the service may have accepted them, so no operation is started twice.
    """

    def __init__(
        self,
        endpoint: str,
        key: str | Secret | None = None,
        *,
        auth: httpx.Auth | None = None,
        timeout: TimeoutArg = "default",
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        chosen = _auth(key, auth)
        self._configure(endpoint, chosen)
        self._open(
            auth=chosen,
            provider="azure",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry if retry is not None else RetryPolicy(),
        )
        self._v2: azure_vision_v2_client.Client | None = None
        self._v1: azure_vision_v1_client.Client | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> AzureVisionClient:
        """From ``AZURE_VISION_ENDPOINT`` (unless ``endpoint`` is given) and ``AZURE_VISION_KEY``."""
        chosen, key = cls._env_settings(environ, endpoint)
        return cls(chosen, key, timeout=timeout, http_client=http_client, transport=transport, retry=retry)

    # --- long-running operations ------------------------------------------------------------------

    def _begin(self, submit: Submit[T], polling_interval: float | None) -> LROPoller[T]:
        response = self._pipeline.request(submit.spec)
        return poller_from_submit(
            response,
            client=self._pipeline.loopback(self._base_for(submit.kind)),
            parse=submit.parse,
            kind=submit.kind,
            polling_interval=polling_interval,
        )

    def begin_read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> LROPoller[ReadOperationResult]:
        """Start v2.0 Read (BatchReadFile); the poller's ``result()`` is the :class:`ReadOperationResult`."""
        return self._begin(self._ops.read(image, url), polling_interval)

    def begin_recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        polling_interval: float | None = None,
    ) -> LROPoller[TextOperationResult]:
        """Start v2.0 RecognizeText in ``mode`` ``"Handwritten"`` or ``"Printed"``."""
        return self._begin(self._ops.recognize_text(image, url, mode), polling_interval)

    def begin_recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> LROPoller[V1TextOperationResult]:
        """Start v1.0 RecognizeText with handwriting on."""
        return self._begin(self._ops.recognize_handwriting_v1(image, url), polling_interval)

    def read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """Read and wait (at most ``timeout`` seconds, then OcrTimeoutError with a continuation token)."""
        result = self.begin_read(image, url=url, polling_interval=polling_interval).result(timeout)
        return to_document(result, "azure-read")

    def recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        poller = self.begin_recognize_text(image, url=url, mode=mode, polling_interval=polling_interval)
        return to_document(poller.result(timeout), "azure-text")

    def recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        poller = self.begin_recognize_handwriting_v1(image, url=url, polling_interval=polling_interval)
        return to_document(poller.result(timeout), "azure-v1-text")

    def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        """Handwriting (and print) as a :class:`Document`, with v2.0 Read."""
        return self.read(image, url=url, timeout=timeout)

    # --- resuming ---------------------------------------------------------------------------------

    def _resume(self, token: str, kind: str, parse: ParseResult[T], interval: float | None) -> LROPoller[T]:
        return LROPoller.from_continuation_token(
            token,
            client=self._pipeline.loopback(self._base_for(kind)),
            parse=parse,
            kind=kind,
            polling_interval=interval,
        )

    def resume_read(
        self, token: str, *, polling_interval: float | None = None
    ) -> LROPoller[ReadOperationResult]:
        """A Read poller again, from :meth:`LROPoller.continuation_token` (e.g. in another process)."""
        return self._resume(token, KIND_READ, ReadOperationResult.from_dict, polling_interval)

    def resume_recognize_text(
        self, token: str, *, polling_interval: float | None = None
    ) -> LROPoller[TextOperationResult]:
        return self._resume(token, KIND_RECOGNIZE_TEXT, TextOperationResult.from_dict, polling_interval)

    def resume_recognize_handwriting_v1(
        self, token: str, *, polling_interval: float | None = None
    ) -> LROPoller[V1TextOperationResult]:
        return self._resume(token, KIND_RECOGNIZE_TEXT_V1, V1TextOperationResult.from_dict, polling_interval)

    def poller_from_continuation_token(
        self, token: str, *, polling_interval: float | None = None
    ) -> AnyPoller:
        """Whichever poller the token is for (narrow with ``isinstance`` on the result, or use ``resume_*``)."""
        kind = decode_token(token).kind
        if kind == KIND_READ:
            return self.resume_read(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT:
            return self.resume_recognize_text(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT_V1:
            return self.resume_recognize_handwriting_v1(token, polling_interval=polling_interval)
        raise InvalidInputError(
            f"the continuation token is for {kind!r}, not an Azure operation",
            provider="azure",
            field="continuation_token",
        )

    # --- synchronous v1.0 operations --------------------------------------------------------------

    def ocr(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        language: str = "unk",
        detect_orientation: bool = True,
    ) -> OcrResult:
        """v1.0 OCR (printed text); ``language="unk"`` lets the service detect it."""
        call = self._ops.ocr(image, url, language=language, detect_orientation=detect_orientation)
        return call.handle(self._pipeline.request(call.spec))

    def analyze(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        visual_features: Sequence[str] | str | None = None,
        details: Sequence[str] | str | None = None,
        language: str | None = None,
    ) -> ImageAnalysis:
        """v1.0 analyze: ``visual_features`` such as ``["Description", "Tags"]``, ``details`` such as
        ``["Landmarks"]``; parameters left as None are not sent."""
        call = self._ops.analyze(
            image, url, visual_features=visual_features, details=details, language=language
        )
        return call.handle(self._pipeline.request(call.spec))

    def analyze_domain(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        model: DomainModel = "landmarks",
        language: str | None = None,
    ) -> DomainModelResults:
        """v1.0 domain-specific analysis with the ``"landmarks"`` or ``"celebrities"`` model."""
        call = self._ops.analyze_domain(image, url, model=model, language=language)
        return call.handle(self._pipeline.request(call.spec))

    def generate_thumbnail(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        width: int,
        height: int,
        smart_cropping: bool = False,
    ) -> bytes:
        """v1.0 thumbnail of ``width`` x ``height`` (1-1023 px each); returns the image bytes."""
        call = self._ops.generate_thumbnail(
            image, url, width=width, height=height, smart_cropping=smart_cropping
        )
        return call.handle(self._pipeline.request(call.spec))

    # --- the generated clients ----------------------------------------------------------------------

    @property
    def v2(self) -> azure_vision_v2_client.Client:
        """The generated v2.0 client, sharing this client's connections, key, retries and logging."""
        if self._v2 is None:
            self._v2 = azure_vision_v2_client.Client(base_url=self._ops.v2_base)
            self._v2.set_httpx_client(self._pipeline.loopback(self._ops.v2_base))
        return self._v2

    @property
    def v1(self) -> azure_vision_v1_client.Client:
        """The generated v1.0 client, sharing this client's connections, key, retries and logging."""
        if self._v1 is None:
            self._v1 = azure_vision_v1_client.Client(base_url=self._ops.v1_base)
            self._v1.set_httpx_client(self._pipeline.loopback(self._ops.v1_base))
        return self._v1


class AsyncAzureVisionClient(_AzureShared, AsyncFacade):
    """The asyncio twin of :class:`AzureVisionClient`: same arguments and methods, awaited."""

    def __init__(
        self,
        endpoint: str,
        key: str | Secret | None = None,
        *,
        auth: httpx.Auth | None = None,
        timeout: TimeoutArg = "default",
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        chosen = _auth(key, auth)
        self._configure(endpoint, chosen)
        self._open(
            auth=chosen,
            provider="azure",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry if retry is not None else RetryPolicy(),
        )
        self._v2: azure_vision_v2_client.Client | None = None
        self._v1: azure_vision_v1_client.Client | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> AsyncAzureVisionClient:
        """From ``AZURE_VISION_ENDPOINT`` (unless ``endpoint`` is given) and ``AZURE_VISION_KEY``."""
        chosen, key = cls._env_settings(environ, endpoint)
        return cls(chosen, key, timeout=timeout, http_client=http_client, transport=transport, retry=retry)

    async def _begin(self, submit: Submit[T], polling_interval: float | None) -> AsyncLROPoller[T]:
        response = await self._pipeline.request(submit.spec)
        return async_poller_from_submit(
            response,
            client=self._pipeline.loopback(self._base_for(submit.kind)),
            parse=submit.parse,
            kind=submit.kind,
            polling_interval=polling_interval,
        )

    async def begin_read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[ReadOperationResult]:
        return await self._begin(self._ops.read(image, url), polling_interval)

    async def begin_recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[TextOperationResult]:
        return await self._begin(self._ops.recognize_text(image, url, mode), polling_interval)

    async def begin_recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[V1TextOperationResult]:
        return await self._begin(self._ops.recognize_handwriting_v1(image, url), polling_interval)

    async def read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        poller = await self.begin_read(image, url=url, polling_interval=polling_interval)
        return to_document(await poller.result(timeout), "azure-read")

    async def recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        poller = await self.begin_recognize_text(image, url=url, mode=mode, polling_interval=polling_interval)
        return to_document(await poller.result(timeout), "azure-text")

    async def recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        poller = await self.begin_recognize_handwriting_v1(image, url=url, polling_interval=polling_interval)
        return to_document(await poller.result(timeout), "azure-v1-text")

    async def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        return await self.read(image, url=url, timeout=timeout)

    def _resume(
        self, token: str, kind: str, parse: ParseResult[T], interval: float | None
    ) -> AsyncLROPoller[T]:
        return AsyncLROPoller.from_continuation_token(
            token,
            client=self._pipeline.loopback(self._base_for(kind)),
            parse=parse,
            kind=kind,
            polling_interval=interval,
        )

    def resume_read(
        self, token: str, *, polling_interval: float | None = None
    ) -> AsyncLROPoller[ReadOperationResult]:
        return self._resume(token, KIND_READ, ReadOperationResult.from_dict, polling_interval)

    def resume_recognize_text(
        self, token: str, *, polling_interval: float | None = None
    ) -> AsyncLROPoller[TextOperationResult]:
        return self._resume(token, KIND_RECOGNIZE_TEXT, TextOperationResult.from_dict, polling_interval)

    def resume_recognize_handwriting_v1(
        self, token: str, *, polling_interval: float | None = None
    ) -> AsyncLROPoller[V1TextOperationResult]:
        return self._resume(token, KIND_RECOGNIZE_TEXT_V1, V1TextOperationResult.from_dict, polling_interval)

    def poller_from_continuation_token(
        self, token: str, *, polling_interval: float | None = None
    ) -> AnyAsyncPoller:
        kind = decode_token(token).kind
        if kind == KIND_READ:
            return self.resume_read(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT:
            return self.resume_recognize_text(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT_V1:
            return self.resume_recognize_handwriting_v1(token, polling_interval=polling_interval)
        raise InvalidInputError(
            f"the continuation token is for {kind!r}, not an Azure operation",
            provider="azure",
            field="continuation_token",
        )

    async def ocr(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        language: str = "unk",
        detect_orientation: bool = True,
    ) -> OcrResult:
        call = self._ops.ocr(image, url, language=language, detect_orientation=detect_orientation)
        return call.handle(await self._pipeline.request(call.spec))

    async def analyze(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        visual_features: Sequence[str] | str | None = None,
        details: Sequence[str] | str | None = None,
        language: str | None = None,
    ) -> ImageAnalysis:
        call = self._ops.analyze(
            image, url, visual_features=visual_features, details=details, language=language
        )
        return call.handle(await self._pipeline.request(call.spec))

    async def analyze_domain(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        model: DomainModel = "landmarks",
        language: str | None = None,
    ) -> DomainModelResults:
        call = self._ops.analyze_domain(image, url, model=model, language=language)
        return call.handle(await self._pipeline.request(call.spec))

    async def generate_thumbnail(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        width: int,
        height: int,
        smart_cropping: bool = False,
    ) -> bytes:
        call = self._ops.generate_thumbnail(
            image, url, width=width, height=height, smart_cropping=smart_cropping
        )
        return call.handle(await self._pipeline.request(call.spec))

    @property
    def v2(self) -> azure_vision_v2_client.Client:
        """The generated v2.0 client for ``asyncio_detailed`` calls, sharing this client's pipeline."""
        if self._v2 is None:
            self._v2 = azure_vision_v2_client.Client(base_url=self._ops.v2_base)
            self._v2.set_async_httpx_client(self._pipeline.loopback(self._ops.v2_base))
        return self._v2

    @property
    def v1(self) -> azure_vision_v1_client.Client:
        """The generated v1.0 client for ``asyncio_detailed`` calls, sharing this client's pipeline."""
        if self._v1 is None:
            self._v1 = azure_vision_v1_client.Client(base_url=self._ops.v1_base)
            self._v1.set_async_httpx_client(self._pipeline.loopback(self._ops.v1_base))
        return self._v1

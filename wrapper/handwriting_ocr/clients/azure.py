"""Azure Computer Vision v2.0 and v1.0: :class:`AzureVisionClient` and :class:`AsyncAzureVisionClient`.

One client covers both API versions of a Computer Vision resource: v2.0 Read and RecognizeText
(long-running: ``begin_*`` returns a poller), and v1.0 RecognizeText (handwriting), OCR, analyze,
domain-model analyze and thumbnails. Images are bytes, a file path, a binary file object or an
http(s) URL, and are checked against each operation's limits before anything is sent.

Construction, ``from_env``, resuming and the generated clients are written once in
:class:`_AzureBase`; the two classes below only send (sync) or await (async). The generated
packages, the pollers and the conversions are imported when first used, not with this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Generic, Self, TypeAlias, TypeVar, cast

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.clients._azure_ops import (
    KIND_READ,
    KIND_RECOGNIZE_TEXT,
    KIND_RECOGNIZE_TEXT_V1,
    AzureOperations,
    DomainModel,
    RecognitionMode,
    read_parser,
    recognize_text_parser,
    recognize_text_v1_parser,
)
from handwriting_ocr.clients._base import (
    AsyncFacade,
    Facade,
    SyncFacade,
    TimeoutArg,
    policy_for,
)
from handwriting_ocr.clients._http import ClientT, TransportT
from handwriting_ocr.config import normalize_endpoint
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    import azure_vision_v1_client
    import azure_vision_v2_client
    from azure_vision_v1_client.models.domain_model_results import DomainModelResults
    from azure_vision_v1_client.models.image_analysis import ImageAnalysis
    from azure_vision_v1_client.models.ocr_result import OcrResult
    from azure_vision_v1_client.models.text_operation_result import (
        TextOperationResult as V1TextOperationResult,
    )
    from azure_vision_v2_client.models.read_operation_result import ReadOperationResult
    from azure_vision_v2_client.models.text_operation_result import TextOperationResult

    from handwriting_ocr.clients._ops import Submit
    from handwriting_ocr.documents import Document
    from handwriting_ocr.pacing import RateLimitSetting
    from handwriting_ocr.polling.aio import AsyncLROPoller
    from handwriting_ocr.polling.core import ParseResult
    from handwriting_ocr.polling.sync import LROPoller
    from handwriting_ocr.retries import RetryPolicy
    from handwriting_ocr.validation import ImageInput

__all__ = ["AnyAsyncPoller", "AnyPoller", "AsyncAzureVisionClient", "AzureVisionClient"]

T = TypeVar("T")
# The poller type of each long-running operation: LROPoller[...] (sync) or AsyncLROPoller[...] (async).
ReadP = TypeVar("ReadP")
TextP = TypeVar("TextP")
V1P = TypeVar("V1P")

ENV_ENDPOINT = "AZURE_VISION_ENDPOINT"
ENV_KEY = "AZURE_VISION_KEY"

if TYPE_CHECKING:
    #: What :meth:`AzureVisionClient.poller_from_continuation_token` may return, by the token's kind.
    AnyPoller: TypeAlias = (
        LROPoller[ReadOperationResult] | LROPoller[TextOperationResult] | LROPoller[V1TextOperationResult]
    )
    AnyAsyncPoller: TypeAlias = (
        AsyncLROPoller[ReadOperationResult]
        | AsyncLROPoller[TextOperationResult]
        | AsyncLROPoller[V1TextOperationResult]
    )
else:

    def __getattr__(name: str) -> object:
        # AnyPoller and AnyAsyncPoller name the pollers and result models, which this module does not
        # import until they are used; the unions are built on first access (PEP 562).
        if name not in ("AnyPoller", "AnyAsyncPoller"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from azure_vision_v1_client.models.text_operation_result import TextOperationResult as V1Text
        from azure_vision_v2_client.models.read_operation_result import ReadOperationResult as Read
        from azure_vision_v2_client.models.text_operation_result import TextOperationResult as Text

        from handwriting_ocr.polling.aio import AsyncLROPoller
        from handwriting_ocr.polling.sync import LROPoller

        poller = LROPoller if name == "AnyPoller" else AsyncLROPoller
        union = poller[Read] | poller[Text] | poller[V1Text]
        globals()[name] = union
        return union


def _auth(key: str | Secret | None, auth: httpx.Auth | None) -> httpx.Auth:
    if (key is None) == (auth is None):
        raise InvalidInputError(
            "give exactly one of key (the subscription key) and auth", provider="azure", field="key"
        )
    if auth is not None:
        return auth
    assert key is not None
    from handwriting_ocr.auth.azure import AzureKeyAuth

    return AzureKeyAuth(key)


class _AzureBase(Facade[ClientT, TransportT], Generic[ClientT, TransportT, ReadP, TextP, V1P]):
    """Construction, ``from_env``, resuming and the generated clients, for both flavours.

    Parameterised by the httpx flavour and by the poller type of each operation; a subclass only
    says how to make a poller of its flavour (:meth:`_resume`). The poller types are given as strings
    so that neither the pollers nor the result models are imported to define the classes.
    """

    def __init__(
        self,
        endpoint: str,
        key: str | Secret | None = None,
        *,
        auth: httpx.Auth | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> None:
        chosen = _auth(key, auth)
        self._ops = AzureOperations(normalize_endpoint(endpoint, provider="azure"))
        self._open(
            auth=chosen,
            provider="azure",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=policy_for(retry),
            rate_limit=rate_limit,
        )
        self._v2: azure_vision_v2_client.Client | None = None
        self._v1: azure_vision_v1_client.Client | None = None
        from handwriting_ocr.polling.learning import PollLearner

        #: Learns, per operation kind, when this client's operations finish (see polling.learning).
        self._poll_learner = PollLearner()

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> Self:
        """From ``AZURE_VISION_ENDPOINT`` (unless ``endpoint`` is given) and ``AZURE_VISION_KEY``."""
        from handwriting_ocr.auth._env import environment, required_env

        env = environment(environ)
        chosen = endpoint if endpoint is not None else required_env(env, ENV_ENDPOINT, provider="azure")
        key = Secret(required_env(env, ENV_KEY, provider="azure"))
        return cls(
            chosen,
            key,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            rate_limit=rate_limit,
        )

    @property
    def endpoint(self) -> str:
        """Scheme, host and port of the resource; ``/vision/v2.0`` and ``/vision/v1.0`` are appended."""
        return self._ops.endpoint

    @property
    def v2(self) -> azure_vision_v2_client.Client:
        """The generated v2.0 client, sharing this client's connections, key, retries and logging.

        Call its operations' ``sync_detailed`` (sync client) or ``asyncio_detailed`` (async client).
        """
        if self._v2 is None:
            import azure_vision_v2_client

            base = self._ops.v2_base
            self._v2 = self._bind(azure_vision_v2_client.Client(base_url=base), base)
        return self._v2

    @property
    def v1(self) -> azure_vision_v1_client.Client:
        """The generated v1.0 client, sharing this client's connections, key, retries and logging."""
        if self._v1 is None:
            import azure_vision_v1_client

            base = self._ops.v1_base
            self._v1 = self._bind(azure_vision_v1_client.Client(base_url=base), base)
        return self._v1

    # --- resuming -----------------------------------------------------------------------------------

    def _resume(self, token: str, kind: str, parse: ParseResult[object], interval: float | None) -> object:
        """A poller of this client's flavour for ``token``, reading results with ``parse``."""
        raise NotImplementedError

    def resume_read(self, token: str, *, polling_interval: float | None = None) -> ReadP:
        """A Read poller again, from its ``continuation_token()`` (e.g. in another process).

        A token of another operation, or of another endpoint, raises InvalidInputError before any
        request. Resuming sends nothing: the first poll goes out in ``result()`` or ``wait()``.
        """
        # The subclass's ReadP is the poller that read_parser() makes: the cast only restores that.
        return cast(ReadP, self._resume(token, KIND_READ, read_parser(), polling_interval))

    def resume_recognize_text(self, token: str, *, polling_interval: float | None = None) -> TextP:
        """A v2.0 RecognizeText poller again, from its continuation token."""
        parse = recognize_text_parser()
        return cast(TextP, self._resume(token, KIND_RECOGNIZE_TEXT, parse, polling_interval))

    def resume_recognize_handwriting_v1(self, token: str, *, polling_interval: float | None = None) -> V1P:
        """A v1.0 RecognizeText poller again, from its continuation token."""
        parse = recognize_text_v1_parser()
        return cast(V1P, self._resume(token, KIND_RECOGNIZE_TEXT_V1, parse, polling_interval))

    def poller_from_continuation_token(
        self, token: str, *, polling_interval: float | None = None
    ) -> ReadP | TextP | V1P:
        """Whichever poller the token is for (narrow with ``isinstance`` on the result, or use ``resume_*``)."""
        from handwriting_ocr.polling.token import decode_token

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

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, auth={self._auth!r})"


class AzureVisionClient(
    _AzureBase[
        httpx.Client,
        httpx.BaseTransport,
        "LROPoller[ReadOperationResult]",
        "LROPoller[TextOperationResult]",
        "LROPoller[V1TextOperationResult]",
    ],
    SyncFacade,
):
    """Blocking client for Azure Computer Vision v2.0 and v1.0.

    ``endpoint`` is the resource's scheme, host and port (``https://westeurope.api.cognitive.microsoft.com``
    or a local emulator); ``key`` its subscription key (or any ``httpx.Auth`` as ``auth``). With
    ``http_client=`` your client is used as is: the key is still added to each request, but
    retries and DEBUG logging are not (pass ``transport=`` to keep them). ``begin_*`` submits are
    never retried once the service may have accepted them, so no operation is started twice.

    Connections: without ``http_client=`` or ``transport=``, the facade's own pool keeps up to 100
    connections open and alive (httpx's default keeps 20, too few for a batch at concurrency 32:
    see :data:`handwriting_ocr.clients._http.DEFAULT_LIMITS`). For another size, pass
    ``transport=httpx.HTTPTransport(limits=httpx.Limits(...))`` (``AsyncHTTPTransport`` for the async
    client), which still gets retries and logging.
    """

    # --- long-running operations ------------------------------------------------------------------

    def _begin(self, submit: Submit[T], polling_interval: float | None) -> LROPoller[T]:
        from handwriting_ocr.polling.sync import poller_from_submit

        response = self._pipeline.request(submit.spec)
        return poller_from_submit(
            response,
            client=self._pipeline.client,
            parse=submit.parse,
            kind=submit.kind,
            polling_interval=polling_interval,
            send=self._pipeline.send,
            learner=self._poll_learner,
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
        submit = self._ops.read(image, url).to_document("azure-read")
        return self._begin(submit, polling_interval).result(timeout)

    def recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v2.0 RecognizeText and wait, as a :class:`Document`; ``timeout`` as in :meth:`read`."""
        submit = self._ops.recognize_text(image, url, mode).to_document("azure-text")
        return self._begin(submit, polling_interval).result(timeout)

    def recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v1.0 handwriting recognition and wait, as a :class:`Document`; ``timeout`` as in :meth:`read`."""
        submit = self._ops.recognize_handwriting_v1(image, url).to_document("azure-v1-text")
        return self._begin(submit, polling_interval).result(timeout)

    def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        """Handwriting (and print) as a :class:`Document`, with v2.0 Read."""
        return self.read(image, url=url, timeout=timeout)

    def _resume(
        self, token: str, kind: str, parse: ParseResult[object], interval: float | None
    ) -> LROPoller[object]:
        from handwriting_ocr.polling.sync import LROPoller

        return LROPoller.from_continuation_token(
            token,
            client=self._pipeline.client,
            parse=parse,
            kind=kind,
            polling_interval=interval,
            send=self._pipeline.send,
            endpoint=self._ops.base_for(kind),
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
        return self._pipeline.call(call)

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
        return self._pipeline.call(call)

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
        return self._pipeline.call(call)

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
        return self._pipeline.call(call)


class AsyncAzureVisionClient(
    _AzureBase[
        httpx.AsyncClient,
        httpx.AsyncBaseTransport,
        "AsyncLROPoller[ReadOperationResult]",
        "AsyncLROPoller[TextOperationResult]",
        "AsyncLROPoller[V1TextOperationResult]",
    ],
    AsyncFacade,
):
    """The asyncio twin of :class:`AzureVisionClient`: same arguments and methods, awaited.

    ``resume_*`` and ``poller_from_continuation_token`` send nothing, so they are plain methods
    (returning :class:`~handwriting_ocr.polling.AsyncLROPoller`).
    """

    async def _begin(self, submit: Submit[T], polling_interval: float | None) -> AsyncLROPoller[T]:
        from handwriting_ocr.polling.aio import async_poller_from_submit

        response = await self._pipeline.request(submit.spec)
        return async_poller_from_submit(
            response,
            client=self._pipeline.client,
            parse=submit.parse,
            kind=submit.kind,
            polling_interval=polling_interval,
            send=self._pipeline.send,
            learner=self._poll_learner,
        )

    async def begin_read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[ReadOperationResult]:
        """Start v2.0 Read; see :meth:`AzureVisionClient.begin_read`."""
        return await self._begin(self._ops.read(image, url), polling_interval)

    async def begin_recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[TextOperationResult]:
        """Start v2.0 RecognizeText in ``mode`` ``"Handwritten"`` or ``"Printed"``."""
        return await self._begin(self._ops.recognize_text(image, url, mode), polling_interval)

    async def begin_recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[V1TextOperationResult]:
        """Start v1.0 RecognizeText with handwriting on."""
        return await self._begin(self._ops.recognize_handwriting_v1(image, url), polling_interval)

    async def read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """Read and wait; see :meth:`AzureVisionClient.read`."""
        poller = await self._begin(self._ops.read(image, url).to_document("azure-read"), polling_interval)
        return await poller.result(timeout)

    async def recognize_text(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        mode: RecognitionMode = "Handwritten",
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v2.0 RecognizeText and wait, as a :class:`Document`."""
        submit = self._ops.recognize_text(image, url, mode).to_document("azure-text")
        return await (await self._begin(submit, polling_interval)).result(timeout)

    async def recognize_handwriting_v1(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v1.0 handwriting recognition and wait, as a :class:`Document`."""
        submit = self._ops.recognize_handwriting_v1(image, url).to_document("azure-v1-text")
        return await (await self._begin(submit, polling_interval)).result(timeout)

    async def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        """Handwriting (and print) as a :class:`Document`, with v2.0 Read."""
        return await self.read(image, url=url, timeout=timeout)

    def _resume(
        self, token: str, kind: str, parse: ParseResult[object], interval: float | None
    ) -> AsyncLROPoller[object]:
        from handwriting_ocr.polling.aio import AsyncLROPoller

        return AsyncLROPoller.from_continuation_token(
            token,
            client=self._pipeline.client,
            parse=parse,
            kind=kind,
            polling_interval=interval,
            send=self._pipeline.send,
            endpoint=self._ops.base_for(kind),
        )

    async def ocr(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        language: str = "unk",
        detect_orientation: bool = True,
    ) -> OcrResult:
        """v1.0 OCR (printed text); ``language="unk"`` lets the service detect it."""
        call = self._ops.ocr(image, url, language=language, detect_orientation=detect_orientation)
        return await self._pipeline.call(call)

    async def analyze(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        visual_features: Sequence[str] | str | None = None,
        details: Sequence[str] | str | None = None,
        language: str | None = None,
    ) -> ImageAnalysis:
        """v1.0 analyze; see :meth:`AzureVisionClient.analyze`."""
        call = self._ops.analyze(
            image, url, visual_features=visual_features, details=details, language=language
        )
        return await self._pipeline.call(call)

    async def analyze_domain(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        model: DomainModel = "landmarks",
        language: str | None = None,
    ) -> DomainModelResults:
        """v1.0 domain-specific analysis with the ``"landmarks"`` or ``"celebrities"`` model."""
        call = self._ops.analyze_domain(image, url, model=model, language=language)
        return await self._pipeline.call(call)

    async def generate_thumbnail(
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
        return await self._pipeline.call(call)

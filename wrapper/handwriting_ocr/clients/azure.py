"""Azure AI Vision (Computer Vision): :class:`AzureVisionClient` and :class:`AsyncAzureVisionClient`.

One client covers every API of a Computer Vision resource:

- **Read v3.2** (current; long-running): ``begin_read`` returns a poller, ``read`` and ``recognize``
  wait and return a :class:`~handwriting_ocr.documents.Document`;
- **Image Analysis 4.0** (current; synchronous): ``analyze_image(features=[...])``;
- **v2.0** Read (``begin_read_v2``/``read_v2``) and RecognizeText, **v1.0** RecognizeText
  (handwriting), OCR, analyze, domain-model analyze and thumbnails: the legacy APIs, kept as they were.

Images are bytes, a file path, a binary file object or an http(s) URL, and are checked against each
operation's limits before anything is sent.

Construction, ``from_env``, resuming and the generated clients are written once in
:class:`_AzureBase`; the two classes below only send (sync) or await (async). The generated
packages, the pollers and the conversions are imported when first used, not with this module.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Generic, Self, TypeAlias, TypeVar, cast

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
from handwriting_ocr.clients._azure_v3_ops import (
    KIND_READ_V3,
    AzureCurrentOperations,
    ReadingOrder,
    VisualFeature,
    read_v3_document_parser,
    read_v3_parser,
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
    from collections.abc import Callable

    import azure_image_analysis_client
    import azure_vision_v1_client
    import azure_vision_v2_client
    import azure_vision_v3_client
    from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult
    from azure_image_analysis_client.models.known_visual_feature import KnownVisualFeature
    from azure_vision_v1_client.models.domain_model_results import DomainModelResults
    from azure_vision_v1_client.models.image_analysis import ImageAnalysis
    from azure_vision_v1_client.models.ocr_result import OcrResult
    from azure_vision_v1_client.models.text_operation_result import (
        TextOperationResult as V1TextOperationResult,
    )
    from azure_vision_v2_client.models.read_operation_result import (
        ReadOperationResult as V2ReadOperationResult,
    )
    from azure_vision_v2_client.models.text_operation_result import TextOperationResult
    from azure_vision_v3_client.models.known_reading_order import KnownReadingOrder
    from azure_vision_v3_client.models.read_operation_result import ReadOperationResult

    from handwriting_ocr.auth.azure import Token, TokenProvider
    from handwriting_ocr.clients._ops import Submit
    from handwriting_ocr.documents import Document
    from handwriting_ocr.pacing import RateLimitSetting
    from handwriting_ocr.polling.aio import AsyncLROPoller
    from handwriting_ocr.polling.core import ParseResult
    from handwriting_ocr.polling.sync import LROPoller
    from handwriting_ocr.retries import RetryPolicy
    from handwriting_ocr.validation import ImageInput

    #: The token providers the sync client accepts: plain callables (no awaitables).
    SyncTokenProvider: TypeAlias = Callable[[], Token]

__all__ = ["AnyAsyncPoller", "AnyPoller", "AsyncAzureVisionClient", "AzureVisionClient"]

T = TypeVar("T")
# The poller type of each long-running operation: LROPoller[...] (sync) or AsyncLROPoller[...] (async).
ReadP = TypeVar("ReadP")  # Read v3.2, the generated v3.2 ReadOperationResult
DocP = TypeVar("DocP")  # Read v3.2, a Document (the batch engine's two-step recognition)
ReadV2P = TypeVar("ReadV2P")
TextP = TypeVar("TextP")
V1P = TypeVar("V1P")
# The token provider a flavour accepts: plain callables (sync), or callables returning awaitables too.
TokenP = TypeVar("TokenP")

ENV_ENDPOINT = "AZURE_VISION_ENDPOINT"
ENV_KEY = "AZURE_VISION_KEY"

#: The shape of ``read()``'s and ``recognize()``'s Document.
READ_V3_SHAPE: Final = "azure-read-v3"

if TYPE_CHECKING:
    #: What :meth:`AzureVisionClient.poller_from_continuation_token` may return, by the token's kind.
    AnyPoller: TypeAlias = (
        LROPoller[ReadOperationResult]
        | LROPoller[V2ReadOperationResult]
        | LROPoller[TextOperationResult]
        | LROPoller[V1TextOperationResult]
    )
    AnyAsyncPoller: TypeAlias = (
        AsyncLROPoller[ReadOperationResult]
        | AsyncLROPoller[V2ReadOperationResult]
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
        from azure_vision_v2_client.models.read_operation_result import ReadOperationResult as ReadV2
        from azure_vision_v2_client.models.text_operation_result import TextOperationResult as Text
        from azure_vision_v3_client.models.read_operation_result import ReadOperationResult as Read

        from handwriting_ocr.polling.aio import AsyncLROPoller
        from handwriting_ocr.polling.sync import LROPoller

        poller = LROPoller if name == "AnyPoller" else AsyncLROPoller
        union = poller[Read] | poller[ReadV2] | poller[Text] | poller[V1Text]
        globals()[name] = union
        return union


def _auth(
    key: str | Secret | None, auth: httpx.Auth | None, token_provider: object | None, *, async_tokens: bool
) -> httpx.Auth:
    given = [
        name
        for name, value in (("key", key), ("auth", auth), ("token_provider", token_provider))
        if value is not None
    ]
    if len(given) != 1:
        got = " and ".join(given) if given else "none"
        raise InvalidInputError(
            "give exactly one credential: key (the subscription key), token_provider (a Microsoft "
            f"Entra ID token provider) or auth; got {got}",
            provider="azure",
            field="key",
        )
    if auth is not None:
        return auth
    if token_provider is not None:
        from handwriting_ocr.auth.azure import AzureBearerTokenAuth

        if not async_tokens and inspect.iscoroutinefunction(token_provider):
            raise InvalidInputError(
                "token_provider is an async function: use it with AsyncAzureVisionClient, or pass a "
                "sync provider (e.g. azure.identity.get_bearer_token_provider)",
                provider="azure",
                field="token_provider",
            )
        return AzureBearerTokenAuth(cast("TokenProvider", token_provider))
    assert key is not None
    from handwriting_ocr.auth.azure import AzureKeyAuth

    return AzureKeyAuth(key)


class _AzureBase(
    Facade[ClientT, TransportT], Generic[ClientT, TransportT, ReadP, DocP, ReadV2P, TextP, V1P, TokenP]
):
    """Construction, ``from_env``, resuming and the generated clients, for both flavours.

    Parameterised by the httpx flavour, by the poller type of each operation and by the token
    providers the flavour accepts; a subclass only says how to make a poller of its flavour
    (:meth:`_resume`). The poller types are given as strings so that neither the pollers nor the
    result models are imported to define the classes.
    """

    #: Whether ``token_provider`` may be an async callable (the async client awaits it).
    _async_tokens = False

    def __init__(
        self,
        endpoint: str,
        key: str | Secret | None = None,
        *,
        token_provider: TokenP | None = None,
        auth: httpx.Auth | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> None:
        chosen = _auth(key, auth, token_provider, async_tokens=self._async_tokens)
        normalized = normalize_endpoint(endpoint, provider="azure")
        self._ops = AzureOperations(normalized)
        self._current = AzureCurrentOperations(normalized)
        self._open(
            auth=chosen,
            provider="azure",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=policy_for(retry),
            rate_limit=rate_limit,
        )
        self._v3: azure_vision_v3_client.Client | None = None
        self._image_analysis: azure_image_analysis_client.Client | None = None
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
        token_provider: TokenP | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> Self:
        """From ``AZURE_VISION_ENDPOINT`` (unless ``endpoint`` is given) and ``AZURE_VISION_KEY``.

        With ``token_provider=`` (Microsoft Entra ID) the key is neither needed nor read.
        """
        from handwriting_ocr.auth._env import environment, required_env

        env = environment(environ)
        chosen = endpoint if endpoint is not None else required_env(env, ENV_ENDPOINT, provider="azure")
        key = None if token_provider is not None else Secret(required_env(env, ENV_KEY, provider="azure"))
        return cls(
            chosen,
            key,
            token_provider=token_provider,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            rate_limit=rate_limit,
        )

    @property
    def endpoint(self) -> str:
        """Scheme, host and port of the resource; each API's path (``/vision/v3.2``,
        ``/computervision``, ``/vision/v2.0``, ``/vision/v1.0``) is appended."""
        return self._ops.endpoint

    @property
    def v3(self) -> azure_vision_v3_client.Client:
        """The generated Read v3.2 client, sharing this client's connections, credential, retries
        and logging. Call its operations' ``sync_detailed`` (sync client) or ``asyncio_detailed``
        (async client)."""
        if self._v3 is None:
            import azure_vision_v3_client

            base = self._current.v3_base
            self._v3 = self._bind(azure_vision_v3_client.Client(base_url=base), base)
        return self._v3

    @property
    def image_analysis(self) -> azure_image_analysis_client.Client:
        """The generated Image Analysis 4.0 client, sharing this client's connections, credential,
        retries and logging."""
        if self._image_analysis is None:
            import azure_image_analysis_client

            base = self._current.analysis_base
            self._image_analysis = self._bind(azure_image_analysis_client.Client(base_url=base), base)
        return self._image_analysis

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

    def _base_for(self, kind: str) -> str:
        """The API base URL of an operation kind (a token is only resumed against its own API)."""
        return self._current.v3_base if kind == KIND_READ_V3 else self._ops.base_for(kind)

    def _resume(self, token: str, kind: str, parse: ParseResult[object], interval: float | None) -> object:
        """A poller of this client's flavour for ``token``, reading results with ``parse``."""
        raise NotImplementedError

    def resume_read(self, token: str, *, polling_interval: float | None = None) -> ReadP:
        """A Read v3.2 poller again, from its ``continuation_token()`` (e.g. in another process).

        A token of another operation (a v2.0 Read's included), or of another endpoint, raises
        InvalidInputError before any request. Resuming sends nothing: the first poll goes out in
        ``result()`` or ``wait()``.
        """
        # The subclass's ReadP is the poller that read_v3_parser() makes: the cast only restores that.
        return cast(ReadP, self._resume(token, KIND_READ_V3, read_v3_parser(), polling_interval))

    def resume_read_v2(self, token: str, *, polling_interval: float | None = None) -> ReadV2P:
        """A v2.0 Read poller again, from its continuation token (see :meth:`resume_read`)."""
        return cast(ReadV2P, self._resume(token, KIND_READ, read_parser(), polling_interval))

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
    ) -> ReadP | ReadV2P | TextP | V1P:
        """Whichever poller the token is for (narrow with ``isinstance`` on the result, or use ``resume_*``)."""
        from handwriting_ocr.polling.token import decode_token

        kind = decode_token(token).kind
        if kind == KIND_READ_V3:
            return self.resume_read(token, polling_interval=polling_interval)
        if kind == KIND_READ:
            return self.resume_read_v2(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT:
            return self.resume_recognize_text(token, polling_interval=polling_interval)
        if kind == KIND_RECOGNIZE_TEXT_V1:
            return self.resume_recognize_handwriting_v1(token, polling_interval=polling_interval)
        raise InvalidInputError(
            f"the continuation token is for {kind!r}, not an Azure operation",
            provider="azure",
            field="continuation_token",
        )

    def _resume_recognition(self, token: str) -> DocP:
        """The default recognition's poller again (Read v3.2, its result a Document of shape
        ``azure-read-v3``), from the token of :meth:`_begin_recognition`'s poller. Sends nothing.

        For the batch engine: another worker (or a later run) finishes an operation one began.
        """
        return cast(DocP, self._resume(token, KIND_READ_V3, read_v3_document_parser(), None))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, auth={self._auth!r})"


class AzureVisionClient(
    _AzureBase[
        httpx.Client,
        httpx.BaseTransport,
        "LROPoller[ReadOperationResult]",
        "LROPoller[Document]",
        "LROPoller[V2ReadOperationResult]",
        "LROPoller[TextOperationResult]",
        "LROPoller[V1TextOperationResult]",
        "SyncTokenProvider",
    ],
    SyncFacade,
):
    """Blocking client for Azure AI Vision: Read v3.2 and Image Analysis 4.0, and the legacy v2.0/v1.0.

    ``endpoint`` is the resource's scheme, host and port (``https://westeurope.api.cognitive.microsoft.com``
    or a local emulator). One credential: ``key`` (the subscription key), ``token_provider`` (any
    callable returning a Microsoft Entra ID access token, e.g.
    ``azure.identity.get_bearer_token_provider(credential, COGNITIVE_SERVICES_SCOPE)``; called for
    every request, so it should cache, as that one does), or any ``httpx.Auth`` as ``auth``. Entra
    ID tokens are documented for Image Analysis 4.0 (a resource with a custom subdomain); whether
    the other APIs accept them is up to the resource, so keep the key for those.

    :meth:`recognize` uses Read v3.2, the current API. With ``http_client=`` your client is used as
    is: the credential is still added to each request, but retries and DEBUG logging are not (pass
    ``transport=`` to keep them). ``begin_*`` submits are never retried once the service may have
    accepted them, so no operation is started twice.

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
        language: str | None = None,
        pages: Sequence[int | str] | str | None = None,
        reading_order: ReadingOrder | KnownReadingOrder | None = None,
        model_version: str | None = None,
        polling_interval: float | None = None,
    ) -> LROPoller[ReadOperationResult]:
        """Start Read v3.2; the poller's ``result()`` is the v3.2 :class:`ReadOperationResult`.

        ``language`` (BCP-47, e.g. ``"en"``; detected when None), ``pages`` (for PDF and TIFF: pages
        and ranges such as ``[1, "3-5", "7-"]`` or ``"1,3-5"``), ``reading_order`` (``"basic"``, the
        service's default, or ``"natural"``) and ``model_version`` (``"latest"``, ``"latest-preview"``
        or a date such as ``"2022-04-30"``): None sends nothing, so the service's defaults apply.
        A ``succeeded`` answer without ``analyzeResult.readResults`` is a MalformedResponseError.
        """
        submit = self._current.read(
            image,
            url,
            language=language,
            pages=pages,
            reading_order=reading_order,
            model_version=model_version,
        )
        return self._begin(submit, polling_interval)

    def read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        language: str | None = None,
        pages: Sequence[int | str] | str | None = None,
        reading_order: ReadingOrder | KnownReadingOrder | None = None,
        model_version: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """Read v3.2 and wait (at most ``timeout`` seconds, then OcrTimeoutError with a continuation
        token), as a :class:`Document` of shape ``azure-read-v3`` whose lines say whether they are
        handwritten (``line.style``). Options as in :meth:`begin_read`."""
        submit = self._current.read(
            image,
            url,
            language=language,
            pages=pages,
            reading_order=reading_order,
            model_version=model_version,
        )
        return self._begin(submit.to_document(READ_V3_SHAPE), polling_interval).result(timeout)

    def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        """Handwriting (and print) as a :class:`Document`, with Read v3.2 (the current API; the
        Document's shape is ``azure-read-v3``). :meth:`read_v2` is the v2.0 Read."""
        return self.read(image, url=url, timeout=timeout)

    def _begin_recognition(self, image: ImageInput) -> LROPoller[Document]:
        """Submit the default recognition (Read v3.2) and return its poller, whose ``result()`` is
        the Document :meth:`recognize` returns; its ``continuation_token()`` resumes it with
        :meth:`_resume_recognition`. For the batch engine, which records the token once the service
        has accepted the submit."""
        submit = self._current.read(image, None).to_document(READ_V3_SHAPE)
        return self._begin(submit, None)

    def begin_read_v2(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> LROPoller[V2ReadOperationResult]:
        """Start v2.0 Read (BatchReadFile); the poller's ``result()`` is the v2.0 ``ReadOperationResult``."""
        return self._begin(self._ops.read(image, url), polling_interval)

    def read_v2(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v2.0 Read and wait, as a :class:`Document` of shape ``azure-read``; ``timeout`` as in :meth:`read`."""
        submit = self._ops.read(image, url).to_document("azure-read")
        return self._begin(submit, polling_interval).result(timeout)

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
            endpoint=self._base_for(kind),
        )

    # --- synchronous operations -------------------------------------------------------------------

    def analyze_image(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        features: Sequence[VisualFeature | KnownVisualFeature],
        language: str | None = None,
        gender_neutral_caption: bool | None = None,
        smartcrops_aspect_ratios: Sequence[float] | None = None,
        model_version: str | None = None,
    ) -> ImageAnalysisResult:
        """Image Analysis 4.0 (synchronous): the features you name, e.g. ``features=["read"]`` for
        the text (``result.read_result``), or any of ``caption``, ``denseCaptions``, ``tags``,
        ``objects``, ``smartCrops``, ``people``. Nothing is chosen for you: an empty list is refused.

        ``language`` (default ``en``), ``gender_neutral_caption``, ``smartcrops_aspect_ratios``
        (width / height, 0.75 to 1.8) and ``model_version``: None sends nothing. Accepts the key or a
        ``token_provider`` credential.
        """
        call = self._current.analyze_image(
            image,
            url,
            features=features,
            language=language,
            gender_neutral_caption=gender_neutral_caption,
            smartcrops_aspect_ratios=smartcrops_aspect_ratios,
            model_version=model_version,
        )
        return self._pipeline.call(call)

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
        ``["Landmarks"]``; parameters left as None are not sent. (Image Analysis 4.0 is
        :meth:`analyze_image`.)"""
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
        "AsyncLROPoller[Document]",
        "AsyncLROPoller[V2ReadOperationResult]",
        "AsyncLROPoller[TextOperationResult]",
        "AsyncLROPoller[V1TextOperationResult]",
        "TokenProvider",
    ],
    AsyncFacade,
):
    """The asyncio twin of :class:`AzureVisionClient`: same arguments and methods, awaited.

    ``token_provider`` may also be an ``async def`` function (e.g. the ``azure.identity.aio``
    provider), which is awaited for every request. ``resume_*`` and
    ``poller_from_continuation_token`` send nothing, so they are plain methods (returning
    :class:`~handwriting_ocr.polling.AsyncLROPoller`).
    """

    _async_tokens = True

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
        language: str | None = None,
        pages: Sequence[int | str] | str | None = None,
        reading_order: ReadingOrder | KnownReadingOrder | None = None,
        model_version: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[ReadOperationResult]:
        """Start Read v3.2; see :meth:`AzureVisionClient.begin_read`."""
        submit = self._current.read(
            image,
            url,
            language=language,
            pages=pages,
            reading_order=reading_order,
            model_version=model_version,
        )
        return await self._begin(submit, polling_interval)

    async def read(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        language: str | None = None,
        pages: Sequence[int | str] | str | None = None,
        reading_order: ReadingOrder | KnownReadingOrder | None = None,
        model_version: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """Read v3.2 and wait, as a :class:`Document` (``azure-read-v3``); see :meth:`AzureVisionClient.read`."""
        submit = self._current.read(
            image,
            url,
            language=language,
            pages=pages,
            reading_order=reading_order,
            model_version=model_version,
        )
        poller = await self._begin(submit.to_document(READ_V3_SHAPE), polling_interval)
        return await poller.result(timeout)

    async def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, timeout: float | None = None
    ) -> Document:
        """Handwriting (and print) as a :class:`Document`, with Read v3.2 (the current API)."""
        return await self.read(image, url=url, timeout=timeout)

    async def _begin_recognition(self, image: ImageInput) -> AsyncLROPoller[Document]:
        """Submit the default recognition (Read v3.2); see :meth:`AzureVisionClient._begin_recognition`."""
        submit = self._current.read(image, None).to_document(READ_V3_SHAPE)
        return await self._begin(submit, None)

    async def begin_read_v2(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        polling_interval: float | None = None,
    ) -> AsyncLROPoller[V2ReadOperationResult]:
        """Start v2.0 Read; see :meth:`AzureVisionClient.begin_read_v2`."""
        return await self._begin(self._ops.read(image, url), polling_interval)

    async def read_v2(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        timeout: float | None = None,
        polling_interval: float | None = None,
    ) -> Document:
        """v2.0 Read and wait, as a :class:`Document` of shape ``azure-read``."""
        submit = self._ops.read(image, url).to_document("azure-read")
        return await (await self._begin(submit, polling_interval)).result(timeout)

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
            endpoint=self._base_for(kind),
        )

    async def analyze_image(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        features: Sequence[VisualFeature | KnownVisualFeature],
        language: str | None = None,
        gender_neutral_caption: bool | None = None,
        smartcrops_aspect_ratios: Sequence[float] | None = None,
        model_version: str | None = None,
    ) -> ImageAnalysisResult:
        """Image Analysis 4.0; see :meth:`AzureVisionClient.analyze_image`."""
        call = self._current.analyze_image(
            image,
            url,
            features=features,
            language=language,
            gender_neutral_caption=gender_neutral_caption,
            smartcrops_aspect_ratios=smartcrops_aspect_ratios,
            model_version=model_version,
        )
        return await self._pipeline.call(call)

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

"""Tencent Cloud OCR API 3.0: :class:`TencentOcrV3Client` and :class:`AsyncTencentOcrV3Client`.

``GeneralHandwritingOCR`` (version 2018-11-19) on ``https://ocr.tencentcloudapi.com``, signed with
``TC3-HMAC-SHA256`` (:class:`~handwriting_ocr.auth.tencent_v3.TencentTC3Auth`). This is the API a
Tencent Cloud account opened today uses; :mod:`handwriting_ocr.clients.tencent` is the legacy one.

The service answers HTTP 200 for results and errors alike; an ``Error`` raises the mapped error
(:func:`~handwriting_ocr.error_mapping.tencent_v3_error`), ``RequestLimitExceeded`` is retried as
throttling, and an image without (handwritten) text is an empty result rather than an error (see
:mod:`handwriting_ocr.clients._tencent_v3_ops`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Self

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.clients._base import AsyncFacade, Facade, SyncFacade, TimeoutArg, policy_for
from handwriting_ocr.clients._http import ClientT, TransportT
from handwriting_ocr.clients._tencent_v3_ops import TENCENT_V3_ENDPOINT, Scene, TencentV3Operations
from handwriting_ocr.config import normalize_endpoint
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    import tencent_ocr_v3_client
    from tencent_ocr_v3_client.models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse

    from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth
    from handwriting_ocr.documents import Document
    from handwriting_ocr.pacing import RateLimitSetting
    from handwriting_ocr.retries import RetryPolicy
    from handwriting_ocr.validation import ImageInput

__all__ = ["AsyncTencentOcrV3Client", "TencentOcrV3Client"]


def retry_policy(retry: RetryPolicy | None) -> RetryPolicy:
    """The caller's policy (or the default one) with a classifier for API 3.0's body-level throttling
    (``RequestLimitExceeded*``, HTTP 200) and internal errors; a policy with its own ``classify``
    keeps it."""
    from handwriting_ocr.retries import classify_tencent_v3

    return policy_for(retry, classify_tencent_v3)


def _tc3_auth(
    secret_id: str | Secret | None,
    secret_key: str | Secret | None,
    region: str | None,
    token: str | Secret | None,
    auth: TencentTC3Auth | None,
) -> TencentTC3Auth:
    if auth is not None:
        if any(value is not None for value in (secret_id, secret_key, region, token)):
            raise InvalidInputError(
                "give either auth or secret_id/secret_key/region/token, not both",
                provider="tencent",
                field="auth",
            )
        return auth
    for field, value in (("secret_id", secret_id), ("secret_key", secret_key), ("region", region)):
        if value is None:
            raise InvalidInputError(f"{field} is missing", provider="tencent", field=field)
    assert secret_id is not None and secret_key is not None and region is not None
    from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth

    return TencentTC3Auth(secret_id, secret_key, region=region, token=token)


class _TencentV3Base(Facade[ClientT, TransportT]):
    """Construction, ``from_env`` and the generated client, for both flavours."""

    def __init__(
        self,
        secret_id: str | Secret | None = None,
        secret_key: str | Secret | None = None,
        *,
        region: str | None = None,
        token: str | Secret | None = None,
        auth: TencentTC3Auth | None = None,
        endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> None:
        chosen = _tc3_auth(secret_id, secret_key, region, token, auth)
        base = (
            normalize_endpoint(endpoint, provider="tencent") if endpoint is not None else TENCENT_V3_ENDPOINT
        )
        self._ops = TencentV3Operations(base)
        self._open(
            auth=chosen,
            provider="tencent",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry_policy(retry),
            rate_limit=rate_limit,
        )
        self._region = chosen.region
        self._generated: tencent_ocr_v3_client.Client | None = None

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
        """From ``TENCENTCLOUD_SECRET_ID``, ``TENCENTCLOUD_SECRET_KEY``, ``TENCENTCLOUD_REGION`` and the
        optional ``TENCENTCLOUD_SESSION_TOKEN`` (temporary credentials), the variables the official
        SDK's environment credential reads. A missing one raises InvalidInputError naming it."""
        from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth

        return cls(
            auth=TencentTC3Auth.from_env(environ),
            endpoint=endpoint,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            rate_limit=rate_limit,
        )

    @property
    def endpoint(self) -> str:
        """Scheme, host and port the requests go to (``POST /``)."""
        return self._ops.endpoint

    @property
    def region(self) -> str:
        """The region sent in ``X-TC-Region`` (e.g. ``ap-guangzhou``)."""
        return self._region

    @property
    def generated(self) -> tencent_ocr_v3_client.Client:
        """The generated low-level client, sharing this client's connections, signature, retries and
        logging (``sync_detailed`` calls on the sync client, ``asyncio_detailed`` on the async one)."""
        if self._generated is None:
            import tencent_ocr_v3_client

            self._generated = self._bind(tencent_ocr_v3_client.Client(base_url=self.endpoint), self.endpoint)
        return self._generated

    def __repr__(self) -> str:
        # The auth's own repr masks the secret id, key and session token.
        return (
            f"{type(self).__name__}(endpoint={self.endpoint!r}, region={self.region!r}, auth={self._auth!r})"
        )


class TencentOcrV3Client(_TencentV3Base[httpx.Client, httpx.BaseTransport], SyncFacade):
    """Blocking client for Tencent Cloud OCR API 3.0 (``GeneralHandwritingOCR``).

    ``secret_id``/``secret_key`` are the account's API keys (CAM), ``region`` the region sent with
    every request (e.g. ``ap-guangzhou``), ``token`` the session token of temporary credentials; or
    pass a :class:`~handwriting_ocr.auth.tencent_v3.TencentTC3Auth` as ``auth``. ``endpoint``
    replaces ``https://ocr.tencentcloudapi.com`` (scheme, host and port; the requests go to ``/``).
    With ``http_client=`` your client is used as is: requests are still signed, but retries
    (including ``RequestLimitExceeded``) and DEBUG logging are not added; pass ``transport=`` to
    keep them.

    Connections: without ``http_client=`` or ``transport=``, the facade's own pool keeps up to 100
    connections open and alive (see :data:`handwriting_ocr.clients._http.DEFAULT_LIMITS`).
    """

    def recognize_handwriting(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        scene: Scene | None = None,
        enable_word_polygon: bool | None = None,
        enable_detect_text: bool | None = None,
    ) -> GeneralHandwritingOCRResponse:
        """``GeneralHandwritingOCR`` on ``image`` (bytes, a path, a file object or an http(s) URL) or
        at ``url``; the answer's ``Response`` as the generated model (``text_detections``, ``angle``,
        ``request_id``).

        ``scene="only_hw"`` keeps handwriting only; ``enable_word_polygon=True`` adds a box per
        character (``word_polygon``); ``enable_detect_text=False`` reads the whole image as one line
        (a signature). None sends nothing, so the service's defaults apply.

        An image without text (``FailedOperation.ImageNoText``, or ``ImageNoHandWrite`` with
        ``only_hw``) is not an error: the result has no text detections, and its ``error`` keeps the
        service's code and message so you can tell. Other error codes raise the mapped error.
        """
        call = self._ops.recognize_handwriting(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return self._pipeline.call(call)

    def recognize(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        scene: Scene | None = None,
        enable_word_polygon: bool | None = None,
        enable_detect_text: bool | None = None,
    ) -> Document:
        """:meth:`recognize_handwriting` as a :class:`Document` of shape ``tencent-v3`` (API 3.0, the
        current API). An image without text gives a Document with one page and no lines."""
        call = self._ops.recognize(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return self._pipeline.call(call)


class AsyncTencentOcrV3Client(_TencentV3Base[httpx.AsyncClient, httpx.AsyncBaseTransport], AsyncFacade):
    """The asyncio twin of :class:`TencentOcrV3Client` (same arguments, ``await`` the calls)."""

    async def recognize_handwriting(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        scene: Scene | None = None,
        enable_word_polygon: bool | None = None,
        enable_detect_text: bool | None = None,
    ) -> GeneralHandwritingOCRResponse:
        """``GeneralHandwritingOCR``; see :meth:`TencentOcrV3Client.recognize_handwriting`."""
        call = self._ops.recognize_handwriting(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return await self._pipeline.call(call)

    async def recognize(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        scene: Scene | None = None,
        enable_word_polygon: bool | None = None,
        enable_detect_text: bool | None = None,
    ) -> Document:
        """:meth:`recognize_handwriting` as a :class:`Document` of shape ``tencent-v3``."""
        call = self._ops.recognize(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return await self._pipeline.call(call)

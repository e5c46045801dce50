"""Tencent Cloud legacy OCR: :class:`TencentOcrClient` and :class:`AsyncTencentOcrClient`.

Handwriting (``/ocr/handwriting``) and general printed text (``/ocr/general``) on
``https://recognition.image.myqcloud.com``, signed with the reusable legacy signature. The service
answers HTTP 200 even for errors; a body ``code`` other than 0 raises the mapped error.

The legacy API accepts no new customers: an account opened today uses Tencent Cloud API 3.0,
:class:`~handwriting_ocr.clients.tencent_v3.TencentOcrV3Client`. This client's ``recognize()`` calls
the legacy API, the only one it speaks. ``handwriting()`` was renamed ``recognize_handwriting()``
(the verb every facade uses); the old name still works and warns (DeprecationWarning).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Self

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.clients._base import AsyncFacade, Facade, SyncFacade, TimeoutArg, as_document, policy_for
from handwriting_ocr.clients._http import ClientT, TransportT
from handwriting_ocr.clients._tencent_ops import BodyMode, TencentOperations
from handwriting_ocr.config import TENCENT_ENDPOINT, normalize_endpoint
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    import tencent_ocr_client
    from tencent_ocr_client.models.handwriting_response import HandwritingResponse

    from handwriting_ocr.auth.tencent import TencentSignatureAuth
    from handwriting_ocr.documents import Document
    from handwriting_ocr.pacing import RateLimitSetting
    from handwriting_ocr.retries import RetryPolicy
    from handwriting_ocr.validation import ImageInput

__all__ = ["AsyncTencentOcrClient", "TencentOcrClient"]

#: What ``handwriting()`` says when called: the new name, and that the old one goes away.
HANDWRITING_DEPRECATED: Final = (
    "handwriting() is deprecated and will be removed in a future release; "
    "use recognize_handwriting() (same arguments, same result)"
)


def retry_policy(retry: RetryPolicy | None) -> RetryPolicy:
    """The caller's policy (or the default one) with a classifier for Tencent's body-level throttling (code 15) and internal errors.

    The provider's codes mean the same whatever the caller's budget, so a policy without its own
    ``classify`` gets this provider's.
    """
    from handwriting_ocr.retries import classify_tencent

    return policy_for(retry, classify_tencent)


def _signature_auth(
    appid: str | None,
    secret_id: str | Secret | None,
    secret_key: str | Secret | None,
    bucket: str | None,
    auth: TencentSignatureAuth | None,
) -> TencentSignatureAuth:
    if auth is not None:
        if any(v is not None for v in (appid, secret_id, secret_key, bucket)):
            raise InvalidInputError(
                "give either auth or appid/secret_id/secret_key/bucket, not both",
                provider="tencent",
                field="auth",
            )
        return auth
    for field, value in (("appid", appid), ("secret_id", secret_id), ("secret_key", secret_key)):
        if value is None:
            raise InvalidInputError(f"{field} is missing", provider="tencent", field=field)
    assert appid is not None and secret_id is not None and secret_key is not None
    from handwriting_ocr.auth.tencent import TencentSignatureAuth

    return TencentSignatureAuth(appid, secret_id, secret_key, bucket=bucket or "")


class _TencentBase(Facade[ClientT, TransportT]):
    """Construction, ``from_env`` and the generated client, for both flavours."""

    def __init__(
        self,
        appid: str | None = None,
        secret_id: str | Secret | None = None,
        secret_key: str | Secret | None = None,
        *,
        bucket: str | None = None,
        auth: TencentSignatureAuth | None = None,
        endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> None:
        chosen = _signature_auth(appid, secret_id, secret_key, bucket, auth)
        base = normalize_endpoint(endpoint, provider="tencent") if endpoint is not None else TENCENT_ENDPOINT
        # appid and bucket go into the body as well as the signature; they must agree.
        self._ops = TencentOperations(endpoint=base, appid=chosen.appid, bucket=chosen.bucket)
        self._open(
            auth=chosen,
            provider="tencent",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry_policy(retry),
            rate_limit=rate_limit,
        )
        self._generated: tencent_ocr_client.Client | None = None

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
        """From ``TENCENT_APPID``, ``TENCENTCLOUD_SECRET_ID``, ``TENCENTCLOUD_SECRET_KEY`` and the
        optional ``TENCENT_BUCKET``."""
        from handwriting_ocr.auth.tencent import TencentSignatureAuth

        return cls(
            auth=TencentSignatureAuth.from_env(environ),
            endpoint=endpoint,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            rate_limit=rate_limit,
        )

    @property
    def endpoint(self) -> str:
        return self._ops.endpoint

    @property
    def appid(self) -> str:
        return self._ops.appid

    @property
    def generated(self) -> tencent_ocr_client.Client:
        """The generated low-level client, sharing this client's connections, signature, retries and
        logging (``sync_detailed`` calls on the sync client, ``asyncio_detailed`` on the async one)."""
        if self._generated is None:
            import tencent_ocr_client

            self._generated = self._bind(tencent_ocr_client.Client(base_url=self.endpoint), self.endpoint)
        return self._generated

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, auth={self._auth!r})"


class TencentOcrClient(_TencentBase[httpx.Client, httpx.BaseTransport], SyncFacade):
    """Blocking client for Tencent Cloud legacy OCR.

    ``endpoint`` overrides ``https://recognition.image.myqcloud.com`` (scheme, host and port; the
    client appends ``/ocr/handwriting`` or ``/ocr/general``). With ``http_client=`` your client is
    used as is: requests are still signed, but retries (including code 15 throttling) and DEBUG
    logging are not added; pass ``transport=`` to keep them.

    Connections: without ``http_client=`` or ``transport=``, the facade's own pool keeps up to 100
    connections open and alive (httpx's default keeps 20, too few for a batch at concurrency 32:
    see :data:`handwriting_ocr.clients._http.DEFAULT_LIMITS`). For another size, pass
    ``transport=httpx.HTTPTransport(limits=httpx.Limits(...))`` (``AsyncHTTPTransport`` for the async
    client), which still gets retries and logging.
    """

    def recognize_handwriting(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """Handwriting OCR. ``mode``: "json" (URL or base64) or "multipart" (raw bytes); by default
        JSON for URLs and multipart for bytes."""
        call = self._ops.handwriting(image, url, mode)
        return self._pipeline.call(call)

    def handwriting(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """Deprecated name of :meth:`recognize_handwriting` (warns with DeprecationWarning)."""
        warnings.warn(HANDWRITING_DEPRECATED, DeprecationWarning, stacklevel=2)
        return self.recognize_handwriting(image, url=url, mode=mode)

    def general(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """General (printed) OCR; same body forms and answer envelope as :meth:`recognize_handwriting`."""
        call = self._ops.general(image, url, mode)
        return self._pipeline.call(call)

    def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> Document:
        """:meth:`recognize_handwriting` (the legacy API) as a provider-neutral :class:`Document`."""
        return as_document(self.recognize_handwriting(image, url=url, mode=mode), "tencent", "tencent")


class AsyncTencentOcrClient(_TencentBase[httpx.AsyncClient, httpx.AsyncBaseTransport], AsyncFacade):
    """The asyncio twin of :class:`TencentOcrClient`."""

    async def recognize_handwriting(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """Handwriting OCR; see :meth:`TencentOcrClient.recognize_handwriting`."""
        call = self._ops.handwriting(image, url, mode)
        return await self._pipeline.call(call)

    async def handwriting(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """Deprecated name of :meth:`recognize_handwriting` (warns with DeprecationWarning)."""
        # Warned when awaited; stacklevel=2 then names the line that awaits it (the caller's).
        warnings.warn(HANDWRITING_DEPRECATED, DeprecationWarning, stacklevel=2)
        return await self.recognize_handwriting(image, url=url, mode=mode)

    async def general(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> HandwritingResponse:
        """General (printed) OCR; same body forms and answer envelope as :meth:`recognize_handwriting`."""
        call = self._ops.general(image, url, mode)
        return await self._pipeline.call(call)

    async def recognize(
        self, image: ImageInput | None = None, *, url: str | None = None, mode: BodyMode | None = None
    ) -> Document:
        """:meth:`recognize_handwriting` (the legacy API) as a provider-neutral :class:`Document`."""
        return as_document(await self.recognize_handwriting(image, url=url, mode=mode), "tencent", "tencent")

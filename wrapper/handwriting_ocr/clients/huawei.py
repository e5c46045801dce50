"""Huawei Cloud OCR handwriting: :class:`HuaweiOcrClient` and :class:`AsyncHuaweiOcrClient`.

Credentials, exactly one of: a token you hold (``token=``), an AK/SK pair signed per request
(``access_key=``/``secret_key=``), an IAM password from which tokens are fetched, cached and renewed
(``iam_domain=``/``iam_user=``/``iam_password=``), or any ``httpx.Auth`` (``auth=``).

``POST /v2/{project_id}/ocr/handwriting`` is Huawei's current (and only) handwriting API, so
``recognize()`` uses it; ``recognize_handwriting()`` is the typed call, named as on every facade.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Self

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.clients._base import AsyncFacade, Facade, SyncFacade, TimeoutArg, as_document, policy_for
from handwriting_ocr.clients._http import ClientT, TransportT
from handwriting_ocr.clients._huawei_ops import CharSet, HuaweiOperations
from handwriting_ocr.config import (
    DEFAULT_HUAWEI_REGION,
    huawei_iam_endpoint,
    huawei_ocr_endpoint,
    normalize_endpoint,
)
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    import huawei_ocr_client
    from huawei_ocr_client.models.recognize_handwriting_response import RecognizeHandwritingResponse

    from handwriting_ocr.documents import Document
    from handwriting_ocr.pacing import RateLimitSetting
    from handwriting_ocr.retries import RetryPolicy
    from handwriting_ocr.validation import ImageInput

__all__ = ["AsyncHuaweiOcrClient", "HuaweiOcrClient"]

ENV_PROJECT_ID = "HUAWEICLOUD_PROJECT_ID"


def retry_policy(retry: RetryPolicy | None) -> RetryPolicy:
    """The caller's policy (or the default one) with a classifier for Huawei's throttling codes (APIG.0308, ModelArts.4401).

    The provider's codes mean the same whatever the caller's budget, so a policy without its own
    ``classify`` gets this provider's.
    """
    from handwriting_ocr.retries import classify_huawei

    return policy_for(retry, classify_huawei)


def _choose_auth(
    *,
    region: str,
    token: str | Secret | None,
    access_key: str | Secret | None,
    secret_key: str | Secret | None,
    iam_domain: str | None,
    iam_user: str | None,
    iam_password: str | Secret | None,
    iam_endpoint: str | None,
    auth: httpx.Auth | None,
) -> httpx.Auth:
    methods = {
        "token": token is not None,
        "access_key/secret_key": access_key is not None or secret_key is not None,
        "iam_domain/iam_user/iam_password": any(v is not None for v in (iam_domain, iam_user, iam_password)),
        "auth": auth is not None,
    }
    chosen = [name for name, given in methods.items() if given]
    if len(chosen) != 1:
        what = "none" if not chosen else " and ".join(chosen)
        raise InvalidInputError(
            f"give exactly one way to authenticate (token, access_key/secret_key, "
            f"iam_domain/iam_user/iam_password, or auth); got {what}",
            provider="huawei",
            field="auth",
        )
    if auth is not None:
        return auth
    from handwriting_ocr.auth.huawei import HuaweiSignatureAuth, HuaweiTokenAuth

    if token is not None:
        return HuaweiTokenAuth(token)
    if access_key is not None or secret_key is not None:
        if access_key is None or secret_key is None:
            missing = "access_key" if access_key is None else "secret_key"
            raise InvalidInputError(f"{missing} is missing", provider="huawei", field=missing)
        return HuaweiSignatureAuth(access_key, secret_key)
    for field, value in (("iam_domain", iam_domain), ("iam_user", iam_user), ("iam_password", iam_password)):
        if value is None:
            raise InvalidInputError(f"{field} is missing", provider="huawei-iam", field=field)
    assert iam_domain is not None and iam_user is not None and iam_password is not None
    from handwriting_ocr.auth.huawei_iam import HuaweiPasswordAuth

    return HuaweiPasswordAuth(
        domain=iam_domain,
        user=iam_user,
        password=iam_password,
        region=region,
        iam_endpoint=normalize_endpoint(iam_endpoint, field="iam_endpoint", provider="huawei-iam")
        if iam_endpoint is not None
        else huawei_iam_endpoint(region),
    )


class _HuaweiBase(Facade[ClientT, TransportT]):
    """Construction, ``from_env`` and the generated client, for both flavours."""

    def __init__(
        self,
        *,
        project_id: str,
        region: str = DEFAULT_HUAWEI_REGION,
        token: str | Secret | None = None,
        access_key: str | Secret | None = None,
        secret_key: str | Secret | None = None,
        iam_domain: str | None = None,
        iam_user: str | None = None,
        iam_password: str | Secret | None = None,
        auth: httpx.Auth | None = None,
        endpoint: str | None = None,
        iam_endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> None:
        chosen = _choose_auth(
            region=region,
            token=token,
            access_key=access_key,
            secret_key=secret_key,
            iam_domain=iam_domain,
            iam_user=iam_user,
            iam_password=iam_password,
            iam_endpoint=iam_endpoint,
            auth=auth,
        )
        base = (
            normalize_endpoint(endpoint, provider="huawei")
            if endpoint is not None
            else huawei_ocr_endpoint(region)
        )
        self.region = region
        self._ops = HuaweiOperations(endpoint=base, project_id=project_id)
        self._open(
            auth=chosen,
            provider="huawei",
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry_policy(retry),
            rate_limit=rate_limit,
        )
        self._generated: huawei_ocr_client.Client | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        endpoint: str | None = None,
        iam_endpoint: str | None = None,
        timeout: TimeoutArg = "default",
        http_client: ClientT | None = None,
        transport: TransportT | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: RateLimitSetting = None,
    ) -> Self:
        """From ``HUAWEICLOUD_REGION`` (default cn-north-4), ``HUAWEICLOUD_PROJECT_ID`` and one of
        ``HUAWEICLOUD_OCR_TOKEN``, ``HUAWEICLOUD_SDK_AK``/``_SK`` or
        ``HUAWEICLOUD_IAM_DOMAIN``/``_USER``/``_PASSWORD``."""
        from handwriting_ocr.auth._env import environment, optional_env, required_env
        from handwriting_ocr.auth.huawei import ENV_IAM_ENDPOINT, ENV_REGION, huawei_auth_from_env

        env = environment(environ)
        region = optional_env(env, ENV_REGION) or DEFAULT_HUAWEI_REGION
        project_id = required_env(env, ENV_PROJECT_ID, provider="huawei")
        if iam_endpoint is not None:
            # An explicit override wins over HUAWEICLOUD_IAM_ENDPOINT.
            env = {**env, ENV_IAM_ENDPOINT: normalize_endpoint(iam_endpoint, field="iam_endpoint")}
        return cls(
            project_id=project_id,
            region=region,
            auth=huawei_auth_from_env(env),
            endpoint=endpoint,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            rate_limit=rate_limit,
        )

    @property
    def endpoint(self) -> str:
        """Scheme, host and port the OCR requests go to."""
        return self._ops.endpoint

    @property
    def project_id(self) -> str:
        return self._ops.project_id

    @property
    def generated(self) -> huawei_ocr_client.Client:
        """The generated low-level client, sharing this client's connections, auth, retries and logging.

        Call its operations' ``sync_detailed`` (sync client) or ``asyncio_detailed`` (async client)
        functions; closing this facade closes it.
        """
        if self._generated is None:
            import huawei_ocr_client

            self._generated = self._bind(huawei_ocr_client.Client(base_url=self.endpoint), self.endpoint)
        return self._generated

    def __repr__(self) -> str:
        # The auth's own repr masks its secrets.
        return (
            f"{type(self).__name__}(endpoint={self.endpoint!r}, region={self.region!r}, "
            f"project_id={self.project_id!r}, auth={self._auth!r})"
        )


class HuaweiOcrClient(_HuaweiBase[httpx.Client, httpx.BaseTransport], SyncFacade):
    """Blocking client for Huawei Cloud OCR handwriting recognition.

    ``endpoint`` overrides ``https://ocr.{region}.myhuaweicloud.com`` (scheme, host and port only;
    the client appends ``/v2/{project_id}/ocr/handwriting``); ``iam_endpoint`` likewise overrides the
    IAM host used for password tokens. With ``http_client=`` your client is used as is: the
    credentials are still applied to each request, but retries and DEBUG logging are not added (wrap
    your transport in :class:`~handwriting_ocr.retries.RetryTransport` yourself, or pass
    ``transport=`` instead, which gets both).

    Connections: without ``http_client=`` or ``transport=``, the facade's own pool keeps up to 100
    connections open and alive (httpx's default keeps 20, too few for a batch at concurrency 32:
    see :data:`handwriting_ocr.clients._http.DEFAULT_LIMITS`). For another size, pass
    ``transport=httpx.HTTPTransport(limits=httpx.Limits(...))`` (``AsyncHTTPTransport`` for the async
    client), which still gets retries and logging.
    """

    def recognize_handwriting(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        quick_mode: bool | None = None,
        char_set: CharSet | None = None,
        detect_direction: bool | None = None,
    ) -> RecognizeHandwritingResponse:
        """Recognise handwriting in ``image`` (bytes, a path or an http(s) URL) or at ``url``."""
        call = self._ops.handwriting(
            image, url, quick_mode=quick_mode, char_set=char_set, detect_direction=detect_direction
        )
        return self._pipeline.call(call)

    def recognize(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        quick_mode: bool | None = None,
        char_set: CharSet | None = None,
        detect_direction: bool | None = None,
    ) -> Document:
        """:meth:`recognize_handwriting` (Huawei's current API) as a provider-neutral :class:`Document`."""
        result = self.recognize_handwriting(
            image, url=url, quick_mode=quick_mode, char_set=char_set, detect_direction=detect_direction
        )
        return as_document(result, "huawei", "huawei")


class AsyncHuaweiOcrClient(_HuaweiBase[httpx.AsyncClient, httpx.AsyncBaseTransport], AsyncFacade):
    """The asyncio twin of :class:`HuaweiOcrClient` (same arguments, ``await`` the calls)."""

    async def recognize_handwriting(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        quick_mode: bool | None = None,
        char_set: CharSet | None = None,
        detect_direction: bool | None = None,
    ) -> RecognizeHandwritingResponse:
        """Recognise handwriting in ``image`` (bytes, a path or an http(s) URL) or at ``url``."""
        call = self._ops.handwriting(
            image, url, quick_mode=quick_mode, char_set=char_set, detect_direction=detect_direction
        )
        return await self._pipeline.call(call)

    async def recognize(
        self,
        image: ImageInput | None = None,
        *,
        url: str | None = None,
        quick_mode: bool | None = None,
        char_set: CharSet | None = None,
        detect_direction: bool | None = None,
    ) -> Document:
        """:meth:`recognize_handwriting` (Huawei's current API) as a provider-neutral :class:`Document`."""
        result = await self.recognize_handwriting(
            image, url=url, quick_mode=quick_mode, char_set=char_set, detect_direction=detect_direction
        )
        return as_document(result, "huawei", "huawei")

"""Tencent Cloud API 3.0: TC3-HMAC-SHA256 request signing (``GeneralHandwritingOCR`` and friends)."""

from __future__ import annotations

import math
from collections.abc import Generator, Mapping
from typing import Final

import httpx

from handwriting_ocr._body import BodyAwareAuth, body_sha256
from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._clock import Clock, system_clock
from handwriting_ocr.auth._env import environment, optional_env, required_env
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.signing import tc3

ENV_SECRET_ID: Final = "TENCENTCLOUD_SECRET_ID"
ENV_SECRET_KEY: Final = "TENCENTCLOUD_SECRET_KEY"
ENV_REGION: Final = "TENCENTCLOUD_REGION"
ENV_SESSION_TOKEN: Final = "TENCENTCLOUD_SESSION_TOKEN"

ACTION_HEADER: Final = "X-TC-Action"
VERSION_HEADER: Final = "X-TC-Version"
TIMESTAMP_HEADER: Final = "X-TC-Timestamp"
REGION_HEADER: Final = "X-TC-Region"
TOKEN_HEADER: Final = "X-TC-Token"


def _payload_sha256(request: httpx.Request) -> str:
    """The hex SHA-256 of the request body, piece by piece for the SDK's lean bodies (never joined).

    The only place the auth touches the body.
    """
    return body_sha256(request)


def _secret(value: str | Secret, *, field: str) -> Secret:
    secret = value if isinstance(value, Secret) else Secret(value)
    if not secret.reveal().strip():
        raise InvalidInputError(f"the Tencent Cloud {field} is empty", provider="tencent", field=field)
    return secret


class TencentTC3Auth(BodyAwareAuth):
    """Signs each Tencent Cloud API 3.0 request with ``TC3-HMAC-SHA256``.

    The request must already carry ``X-TC-Action`` and ``X-TC-Version`` (the generated
    ``tencent_ocr_v3_client`` sets both); they name what is called and are refused when missing.
    The auth adds ``X-TC-Timestamp`` (the clock's current Unix second), ``X-TC-Region``, the
    session token of temporary credentials in ``X-TC-Token`` when one is given, and
    ``Authorization``, which signs ``content-type`` and ``host`` as sent and the SHA-256 of the
    exact body bytes.

    A fresh signature is computed for every request sent (signing is a few HMACs), so a retried
    request is signed again with a new timestamp. Nothing is cached.
    """

    # The signature covers the body's hash: BodyAwareAuth makes a one-shot body replayable first,
    # without joining the SDK's own lean bodies (as requires_request_body would).

    def __init__(
        self,
        secret_id: str | Secret,
        secret_key: str | Secret,
        *,
        region: str,
        token: str | Secret | None = None,
        service: str = "ocr",
        clock: Clock = system_clock,
    ) -> None:
        self._secret_id = _secret(secret_id, field="secret_id")
        self._secret_key = _secret(secret_key, field="secret_key")
        self._token = None if token is None else _secret(token, field="token")
        if not region.strip():
            raise InvalidInputError("the Tencent Cloud region is empty", provider="tencent", field="region")
        if not service.strip():
            raise InvalidInputError("the Tencent Cloud service is empty", provider="tencent", field="service")
        self._region = region.strip()
        self._service = service.strip()
        self._clock = clock

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        service: str = "ocr",
        clock: Clock = system_clock,
    ) -> TencentTC3Auth:
        """Read ``TENCENTCLOUD_SECRET_ID``, ``TENCENTCLOUD_SECRET_KEY``, ``TENCENTCLOUD_REGION`` and the
        optional ``TENCENTCLOUD_SESSION_TOKEN`` (the variables the official SDK's environment
        credential reads)."""
        env = environment(environ)
        token = optional_env(env, ENV_SESSION_TOKEN)
        return cls(
            Secret(required_env(env, ENV_SECRET_ID, provider="tencent")),
            Secret(required_env(env, ENV_SECRET_KEY, provider="tencent")),
            region=required_env(env, ENV_REGION, provider="tencent"),
            token=None if token is None else Secret(token),
            service=service,
            clock=clock,
        )

    @property
    def region(self) -> str:
        return self._region

    @property
    def service(self) -> str:
        return self._service

    def _sign(self, request: httpx.Request) -> None:
        """Add the timestamp, region, token and ``Authorization`` headers to ``request``.

        The body is replayable: BodyAwareAuth sees to it before ``auth_flow``.
        """
        for name in (ACTION_HEADER, VERSION_HEADER):
            if not request.headers.get(name, "").strip():
                raise InvalidInputError(
                    f"a Tencent Cloud API 3.0 request needs the {name} header "
                    f"(the generated tencent_ocr_v3_client sets {ACTION_HEADER} and {VERSION_HEADER})",
                    provider="tencent",
                    field=name,
                )
        timestamp = math.floor(self._clock())
        request.headers[TIMESTAMP_HEADER] = str(timestamp)
        request.headers[REGION_HEADER] = self._region
        if self._token is not None:
            request.headers[TOKEN_HEADER] = self._token.reveal()
        method = request.method.upper()
        request.headers["Authorization"] = tc3.tc3_authorization(
            secret_id=self._secret_id.reveal(),
            secret_key=self._secret_key.reveal(),
            timestamp=timestamp,
            service=self._service,
            host=request.headers.get("Host") or request.url.netloc.decode("ascii"),
            content_type=request.headers.get("Content-Type", ""),
            payload=_payload_sha256(request),
            method=method,
            canonical_uri=request.url.path or "/",
            # Tencent: always empty for POST; the query string as sent for GET.
            canonical_query="" if method == "POST" else request.url.query.decode("ascii"),
        )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self._sign(request)
        yield request

    def __repr__(self) -> str:
        return (
            f"TencentTC3Auth(secret_id={self._secret_id!r}, secret_key={self._secret_key!r}, "
            f"region={self._region!r}, token={self._token!r}, service={self._service!r})"
        )

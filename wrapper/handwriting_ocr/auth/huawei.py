"""Huawei Cloud OCR: a given token, or AK/SK request signing; plus choosing one from the environment."""

from __future__ import annotations

from collections.abc import Generator, Mapping
from datetime import UTC, datetime
from typing import Final

import httpx

from handwriting_ocr._body import BodyAwareAuth, body_sha256
from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._clock import Clock, system_clock
from handwriting_ocr.auth._env import environment, optional_env, required_env
from handwriting_ocr.auth.huawei_iam import DEFAULT_REGION, TOKEN_HEADER, HuaweiPasswordAuth
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.signing import huawei as signing

#: Headers httpx and the transport manage themselves. Proxies and connection pools may rewrite
#: them, and the official SDK does not sign them either (it signs only the headers it sets).
UNSIGNED_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "authorization",
        "connection",
        "content-length",
        "transfer-encoding",
        "user-agent",
    }
)

ENV_TOKEN = "HUAWEICLOUD_OCR_TOKEN"
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_IAM_DOMAIN = "HUAWEICLOUD_IAM_DOMAIN"
ENV_IAM_USER = "HUAWEICLOUD_IAM_USER"
ENV_IAM_PASSWORD = "HUAWEICLOUD_IAM_PASSWORD"
ENV_IAM_ENDPOINT = "HUAWEICLOUD_IAM_ENDPOINT"
ENV_REGION = "HUAWEICLOUD_REGION"


def _secret(value: str | Secret, *, field: str) -> Secret:
    secret = value if isinstance(value, Secret) else Secret(value)
    if not secret.reveal().strip():
        raise InvalidInputError(f"the Huawei {field} is empty", provider="huawei", field=field)
    return secret


class HuaweiTokenAuth(httpx.Auth):
    """Sends a token the caller already holds in ``X-Auth-Token`` (no renewal: it is the caller's)."""

    def __init__(self, token: str | Secret) -> None:
        self._token = _secret(token, field="token")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HuaweiTokenAuth:
        """Read the token from ``HUAWEICLOUD_OCR_TOKEN``."""
        return cls(Secret(required_env(environment(environ), ENV_TOKEN, provider="huawei")))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[TOKEN_HEADER] = self._token.reveal()
        yield request

    def __repr__(self) -> str:
        return f"HuaweiTokenAuth(token={self._token!r})"


class HuaweiSignatureAuth(BodyAwareAuth):
    """Signs each request with an access key / secret key pair (``SDK-HMAC-SHA256``).

    Adds ``X-Sdk-Date`` and signs the method, path, query, the request's own headers (``Host``,
    ``X-Sdk-Date``, ``Content-Type`` and any the caller set; see :data:`UNSIGNED_HEADERS`) and the
    SHA-256 of the exact body bytes, then sets ``Authorization``.
    """

    # The signature covers the body's hash, taken piece by piece (BodyAwareAuth, body_sha256): a
    # lean body is never joined into one more copy of the image.

    def __init__(
        self, access_key: str | Secret, secret_key: str | Secret, *, clock: Clock = system_clock
    ) -> None:
        self._access_key = _secret(access_key, field="access_key")
        self._secret_key = _secret(secret_key, field="secret_key")
        self._clock = clock

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HuaweiSignatureAuth:
        """Read the key pair from ``HUAWEICLOUD_SDK_AK`` and ``HUAWEICLOUD_SDK_SK``."""
        env = environment(environ)
        return cls(
            Secret(required_env(env, ENV_AK, provider="huawei")),
            Secret(required_env(env, ENV_SK, provider="huawei")),
        )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        moment = datetime.fromtimestamp(self._clock(), UTC)
        request.headers[signing.DATE_HEADER] = signing.sdk_date(moment)
        # httpx derives Host from the URL when the request is built; the gateway checks it.
        signed = {
            name: value for name, value in request.headers.items() if name.lower() not in UNSIGNED_HEADERS
        }
        path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
        query = request.url.params.multi_items()
        if query:
            # Send the query exactly as it is signed (sorted, RFC 3986 encoding, %20 for a space):
            # httpx writes a space as "+", and whether the gateway reads "+" as a space is not
            # documented, so no form of the query is left for the two sides to disagree on.
            request.url = request.url.copy_with(query=signing.canonical_query(query).encode("ascii"))
        request.headers["Authorization"] = signing.sign(
            access_key=self._access_key.reveal(),
            secret_key=self._secret_key.reveal(),
            method=request.method,
            path=path,
            query=query,
            headers=signed,
            body_sha256=body_sha256(request),
        )
        yield request

    def __repr__(self) -> str:
        return f"HuaweiSignatureAuth(access_key={self._access_key!r}, secret_key={self._secret_key!r})"


HuaweiAuth = HuaweiTokenAuth | HuaweiSignatureAuth | HuaweiPasswordAuth


#: The variables of each way to authenticate, in the order the error messages list them. Settings
#: that are not credentials (``HUAWEICLOUD_REGION``, ``HUAWEICLOUD_IAM_ENDPOINT``) belong to none.
ENV_METHODS: Final[tuple[tuple[str, ...], ...]] = (
    (ENV_TOKEN,),
    (ENV_AK, ENV_SK),
    (ENV_IAM_DOMAIN, ENV_IAM_USER, ENV_IAM_PASSWORD),
)


def huawei_auth_from_env(
    environ: Mapping[str, str] | None = None, *, clock: Clock = system_clock
) -> HuaweiAuth:
    """The one Huawei credential the environment configures:

    - ``HUAWEICLOUD_OCR_TOKEN`` - a token, sent as is;
    - ``HUAWEICLOUD_SDK_AK`` + ``HUAWEICLOUD_SDK_SK`` - AK/SK signing;
    - ``HUAWEICLOUD_IAM_DOMAIN`` + ``HUAWEICLOUD_IAM_USER`` + ``HUAWEICLOUD_IAM_PASSWORD`` - IAM tokens
      for ``HUAWEICLOUD_REGION`` (default ``cn-north-4``), from ``HUAWEICLOUD_IAM_ENDPOINT`` if set.

    Exactly one of the three may be set, as the client's constructor accepts exactly one credential
    form: variables of two methods (say a token left over beside an AK/SK pair) raise
    :class:`InvalidInputError` naming every variable involved, rather than one method silently
    winning. A variable that is empty or blank counts as unset. A half-configured method (an AK
    without its SK, a user without a password) is an error naming the missing variable. Values are
    never part of a message.
    """
    env = environment(environ)
    present = [[name for name in names if optional_env(env, name) is not None] for names in ENV_METHODS]
    configured = [names for names in present if names]
    if len(configured) > 1:
        # Worded like the constructor's refusal ("give exactly one way to authenticate (...); got ...").
        listed = " and ".join(", ".join(names) for names in configured)
        raise InvalidInputError(
            f"set exactly one way to authenticate in the environment ({ENV_TOKEN}, "
            f"{ENV_AK}/{ENV_SK}, or {ENV_IAM_DOMAIN}/{ENV_IAM_USER}/{ENV_IAM_PASSWORD}); "
            f"got {listed}: unset the ones you do not mean",
            provider="huawei",
            field=configured[0][0],
        )
    token = optional_env(env, ENV_TOKEN)
    if token is not None:
        return HuaweiTokenAuth(Secret(token))
    if present[1]:
        return HuaweiSignatureAuth(
            Secret(required_env(env, ENV_AK, provider="huawei")),
            Secret(required_env(env, ENV_SK, provider="huawei")),
            clock=clock,
        )
    if present[2]:
        return HuaweiPasswordAuth(
            domain=required_env(env, ENV_IAM_DOMAIN, provider="huawei-iam"),
            user=required_env(env, ENV_IAM_USER, provider="huawei-iam"),
            password=Secret(required_env(env, ENV_IAM_PASSWORD, provider="huawei-iam")),
            region=optional_env(env, ENV_REGION) or DEFAULT_REGION,
            iam_endpoint=optional_env(env, ENV_IAM_ENDPOINT),
            clock=clock,
        )
    raise InvalidInputError(
        f"no Huawei credentials in the environment: set {ENV_TOKEN}, or {ENV_AK} and {ENV_SK}, "
        f"or {ENV_IAM_DOMAIN}, {ENV_IAM_USER} and {ENV_IAM_PASSWORD}",
        provider="huawei",
        field=ENV_TOKEN,
    )

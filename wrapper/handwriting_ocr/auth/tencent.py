"""Tencent Cloud legacy OCR: the reusable ("multi-effective") signature in ``Authorization``."""

from __future__ import annotations

import math
from collections.abc import Generator, Mapping
from datetime import timedelta

import httpx

from handwriting_ocr._body import BodyAwareAuth
from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._cache import ExpiringSecretCache
from handwriting_ocr.auth._clock import Clock, as_seconds, system_clock
from handwriting_ocr.auth._env import environment, optional_env, required_env
from handwriting_ocr.error_mapping import json_object_or_none
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.signing import tencent as signing

#: The body code Tencent answers (with HTTP 200) when a signature has expired.
SIGNATURE_EXPIRED_CODE = 9
#: The longest lifetime the service accepts ("at most 3 months"); 90 days stays inside any 3 months.
MAX_LIFETIME = timedelta(days=90)

ENV_APPID = "TENCENT_APPID"
ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID"
ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY"
ENV_BUCKET = "TENCENT_BUCKET"


def _is_signature_expired(response: httpx.Response) -> bool:
    """True when the body is Tencent's envelope with code 9. Any other body, JSON or not, is not."""
    # Decoded once per answer and shared with the retry policy and the facade (see decoded_json).
    body = json_object_or_none(response)  # None: not JSON (HTML from a proxy, an empty body...)
    if body is None:
        return False
    code = body.get("code")
    # Documented as an int; a string "9" is accepted too in case a gateway re-serialises it (a guess).
    return code == SIGNATURE_EXPIRED_CODE or code == str(SIGNATURE_EXPIRED_CODE)


class TencentSignatureAuth(BodyAwareAuth):
    """Signs with SecretId/SecretKey and reuses the signature until ``renew_margin`` before it expires.

    A signature is valid for ``lifetime`` (default 1 hour, at most 90 days). When the service still
    answers code 9 (signature expired, e.g. because the local clock is behind), the request is
    re-signed with a fresh signature and sent once more.
    """

    # The request may be sent twice (BodyAwareAuth keeps its body replayable without joining a lean
    # body), and code 9 is only visible in the response body.
    requires_response_body = True

    def __init__(
        self,
        appid: str,
        secret_id: str | Secret,
        secret_key: str | Secret,
        *,
        bucket: str = "",
        lifetime: timedelta | float = timedelta(hours=1),
        renew_margin: timedelta | float = timedelta(minutes=5),
        clock: Clock = system_clock,
    ) -> None:
        self._secret_id = secret_id if isinstance(secret_id, Secret) else Secret(secret_id)
        self._secret_key = secret_key if isinstance(secret_key, Secret) else Secret(secret_key)
        for field, value in (
            ("appid", appid),
            ("secret_id", self._secret_id.reveal()),
            ("secret_key", self._secret_key.reveal()),
        ):
            if not value.strip():
                raise InvalidInputError(f"the Tencent {field} is empty", provider="tencent", field=field)
        seconds = as_seconds(lifetime)
        margin = as_seconds(renew_margin)
        if not 1 <= seconds <= MAX_LIFETIME.total_seconds():
            raise InvalidInputError(
                "lifetime must be between 1 second and 90 days", provider="tencent", field="lifetime"
            )
        if not 0 <= margin < seconds:
            raise InvalidInputError(
                "renew_margin must be at least 0 and shorter than lifetime",
                provider="tencent",
                field="renew_margin",
            )
        self._appid = appid
        self._bucket = bucket
        self._lifetime = math.floor(seconds)
        self._clock = clock
        self._cache = ExpiringSecretCache(renew_margin=margin)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, clock: Clock = system_clock
    ) -> TencentSignatureAuth:
        """Read ``TENCENT_APPID``, ``TENCENTCLOUD_SECRET_ID``, ``TENCENTCLOUD_SECRET_KEY`` and the
        optional ``TENCENT_BUCKET``."""
        env = environment(environ)
        return cls(
            required_env(env, ENV_APPID, provider="tencent"),
            Secret(required_env(env, ENV_SECRET_ID, provider="tencent")),
            Secret(required_env(env, ENV_SECRET_KEY, provider="tencent")),
            bucket=optional_env(env, ENV_BUCKET) or "",
            clock=clock,
        )

    @property
    def appid(self) -> str:
        return self._appid

    @property
    def bucket(self) -> str:
        """The bucket signed into ``b=``; a request body's ``bucket``, if any, must equal it."""
        return self._bucket

    def _fresh_signature(self) -> Secret:
        now = math.floor(self._clock())
        expires_at = now + self._lifetime
        value = Secret(
            signing.sign(
                appid=self._appid,
                bucket=self._bucket,
                secret_id=self._secret_id.reveal(),
                secret_key=self._secret_key.reveal(),
                expires_at=expires_at,
                signed_at=now,
            )
        )
        self._cache.put(value, expires_at)
        return value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # Signing is local and cheap, so two threads racing on an empty cache just sign twice.
        signature = self._cache.get(self._clock()) or self._fresh_signature()
        request.headers["Authorization"] = signature.reveal()
        response = yield request
        if not _is_signature_expired(response):
            return
        self._cache.invalidate(signature)
        request.headers["Authorization"] = self._fresh_signature().reveal()
        yield request

    def __repr__(self) -> str:
        return (
            f"TencentSignatureAuth(appid={self._appid!r}, bucket={self._bucket!r}, secret_id={self._secret_id!r}, "
            f"secret_key={self._secret_key!r}, lifetime={self._lifetime}, signature_cache={self._cache!r})"
        )

"""Huawei Cloud IAM password tokens: building the token request and reading its answer.

Pure functions, no I/O: :class:`handwriting_ocr.auth.huawei_iam.HuaweiPasswordAuth` yields the
request from its auth flow and hands the response back here. Every way the answer can be wrong ends
in a typed error from :mod:`handwriting_ocr.errors`, never in a ``KeyError`` or ``ValueError``.

The body is built as a plain dict matching API-FACTS section 3; it could later be built from the
generated ``huawei_iam_client`` models (``_token_request_body`` is the one place to change).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import attrs
import httpx

from handwriting_ocr._retry_after import retry_after_from_headers
from handwriting_ocr._secrets import Secret, redact_text
from handwriting_ocr.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceError,
)

TOKEN_PATH = "/v3/auth/tokens"
TOKEN_HEADER = "X-Subject-Token"
REQUEST_ID_HEADER = "X-Request-Id"
JSON_CONTENT_TYPE = "application/json;charset=UTF-8"


#: The longest lifetime believed. IAM documents that a token is valid for 24 hours; that it never
#: grants more is a guess, and a longer ``issued_at``..``expires_at`` span, or a longer time left,
#: is capped here (an early renewal costs one IAM call; a wrong long cache costs a day of 401s).
MAX_TOKEN_LIFETIME = 24 * 3600.0


def default_iam_endpoint(region: str) -> str:
    return f"https://iam.{region}.myhuaweicloud.com"


@attrs.frozen
class IamToken:
    """A token as IAM issued it.

    ``expires_at`` is Unix time on the local clock: ``requested_at + lifetime`` (see
    :func:`token_lifetime`). It may lie in the past when IAM's own times say the token has already
    expired; whether to use it anyway is the caller's decision.
    """

    value: Secret
    expires_at: float
    project_id: str | None


def _token_request_body(*, domain: str, user: str, password: Secret, project_name: str) -> bytes:
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {"domain": {"name": domain}, "name": user, "password": password.reveal()}
                },
            },
            "scope": {"project": {"name": project_name}},
        }
    }
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def token_request(
    *, endpoint: str, domain: str, user: str, password: Secret, project_name: str
) -> httpx.Request:
    """``POST {endpoint}/v3/auth/tokens`` with a password identity scoped to ``project_name``."""
    return httpx.Request(
        "POST",
        endpoint.rstrip("/") + TOKEN_PATH,
        headers={"Content-Type": JSON_CONTENT_TYPE},
        content=_token_request_body(domain=domain, user=user, password=password, project_name=project_name),
    )


def _json_object(response: httpx.Response) -> dict[str, object] | None:
    try:
        value = json.loads(response.content)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return value if isinstance(value, dict) else None


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    # IAM writes "...Z"; a time without an offset is taken as UTC (a guess: IAM documents UTC only).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _server_time(response: httpx.Response) -> datetime | None:
    """The ``Date`` header: the moment the answer was written, on the server's clock."""
    value = response.headers.get("Date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def token_lifetime(
    *, expires: datetime, issued: datetime | None, server_now: datetime | None, requested_at: float
) -> float:
    """Seconds after ``requested_at`` (local clock) during which the token can be expected to work.

    ``0`` or less means the token has already expired by the best clock available. The rule:

    1. Time left = ``expires_at`` minus the server's clock when it answered (the ``Date`` header),
       so a local clock that is off by hours neither keeps an expired token nor throws away a fresh
       one. Without a usable ``Date``, the local clock at the request stands in for the server's.
    2. ``expires_at - issued_at`` is the token's whole lifetime, so the time left can never exceed
       it; it is trusted as such a bound only when it is positive and at most
       :data:`MAX_TOKEN_LIFETIME` (an ``issued_at`` after ``expires_at``, or a span of weeks, says
       nothing reliable). This is what stops an old ``issued_at`` from making a token that expires
       in an hour look good for a day.
    3. Never more than :data:`MAX_TOKEN_LIFETIME`.
    """
    reference = server_now.timestamp() if server_now is not None else requested_at
    left = expires.timestamp() - reference
    if issued is not None:
        span = (expires - issued).total_seconds()
        if 0 < span <= MAX_TOKEN_LIFETIME:
            left = min(left, span)
    return min(left, MAX_TOKEN_LIFETIME)


def parse_token_response(response: httpx.Response, *, requested_at: float, password: Secret) -> IamToken:
    """The token in an IAM answer, or the typed error the answer amounts to."""
    request_id: str | None = response.headers.get(REQUEST_ID_HEADER)
    if not response.is_success:
        raise iam_error(response, password=password)

    def malformed(what: str) -> MalformedResponseError:
        return MalformedResponseError(
            f"IAM token response {what}",
            provider="huawei-iam",
            status_code=response.status_code,
            request_id=request_id,
        )

    value: str = response.headers.get(TOKEN_HEADER, "").strip()
    if not value:
        raise malformed(f"has no {TOKEN_HEADER} header")
    body = _json_object(response)
    token = body.get("token") if body is not None else None
    if not isinstance(token, dict):
        raise malformed("body has no 'token' object")
    expires = _parse_time(token.get("expires_at"))
    if expires is None:
        raise malformed("has a missing or unparseable token.expires_at")
    lifetime = token_lifetime(
        expires=expires,
        issued=_parse_time(token.get("issued_at")),
        server_now=_server_time(response),
        requested_at=requested_at,
    )
    expires_at = requested_at + lifetime
    project = token.get("project")
    project_id = project.get("id") if isinstance(project, dict) else None
    return IamToken(
        value=Secret(value),
        expires_at=expires_at,
        project_id=project_id if isinstance(project_id, str) else None,
    )


def iam_error(response: httpx.Response, *, password: Secret) -> ApiError:
    """The typed error for an IAM answer that is not a success (``{"error": {code, message}}``)."""
    status = response.status_code
    body = _json_object(response)
    envelope = body.get("error") if body is not None else None
    code: str | None = None
    message = f"IAM answered HTTP {status}"
    if isinstance(envelope, dict):
        raw_code = envelope.get("code")
        code = str(raw_code) if isinstance(raw_code, str | int) else None
        raw_message = envelope.get("message")
        if isinstance(raw_message, str) and raw_message:
            # The message is the provider's text; scrub the password in case it is ever echoed.
            message = redact_text(raw_message, [password.reveal()])
    request_id: str | None = response.headers.get(REQUEST_ID_HEADER)
    if status == 429:
        return RateLimitError(
            message,
            provider="huawei-iam",
            status_code=status,
            code=code,
            request_id=request_id,
            retry_after=retry_after_from_headers(response.headers),
        )
    error_class: type[ApiError]
    if status == 401:
        error_class = AuthenticationError
    elif status == 403:
        error_class = PermissionDeniedError
    elif status == 404:
        error_class = NotFoundError
    elif 400 <= status < 500:
        error_class = BadRequestError
    elif status >= 500:
        error_class = ServiceError
    else:  # 1xx/3xx where a token was expected
        error_class = MalformedResponseError
    return error_class(message, provider="huawei-iam", status_code=status, code=code, request_id=request_id)

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


def default_iam_endpoint(region: str) -> str:
    return f"https://iam.{region}.myhuaweicloud.com"


@attrs.frozen
class IamToken:
    """A token as IAM issued it. ``expires_at`` is Unix time on the local clock."""

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
    issued = _parse_time(token.get("issued_at"))
    if issued is not None and issued < expires:
        # Count the lifetime IAM granted from our own clock, so a skewed local clock neither keeps
        # an expired token nor throws away a fresh one.
        expires_at = requested_at + (expires - issued).total_seconds()
    else:
        expires_at = expires.timestamp()
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

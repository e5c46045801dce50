"""Turning provider answers into errors from :mod:`handwriting_ocr.errors`, in one place.

Every facade, the poller and the auth flows call these functions instead of looking at status codes
and bodies themselves, so that one provider answer always becomes the same error:

- :func:`error_from_response` — an HTTP error status (>= 400) to the right :class:`ApiError` subclass,
  reading whichever error envelope the provider (or a gateway or proxy in front of it) sent;
- :func:`tencent_error` — a Tencent body-level ``code`` (HTTP 200, ``code != 0``) to an error;
- :func:`read_json`, :func:`check_tencent_envelope`, :func:`parse_model` — bodies that cannot be
  understood become :class:`MalformedResponseError`, never a raw ``JSONDecodeError`` or ``KeyError``.

How a class is chosen: a provider code we know wins (Huawei ``APIG.0308`` is throttling whatever the
status); otherwise the HTTP status decides. Unknown Tencent codes and unusual statuses (405, 409...)
give the base :class:`ApiError`, with the provider's code and message kept, because calling them
anything more specific would be a guess that the retry policy and callers would act on.

Messages are built from the provider's answer and our own text only (never from the request, whose
headers carry credentials), cleaned of control characters and shortened.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from typing import Final, TypeVar

import attrs
import httpx

from handwriting_ocr._retry_after import MAX_RETRY_AFTER, retry_after_from_headers
from handwriting_ocr.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    MalformedResponseError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    Provider,
    QuotaExceededError,
    RateLimitError,
    ServiceError,
)

__all__ = [
    "MAX_MESSAGE_CHARS",
    "REQUEST_ID_HEADERS",
    "ErrorDetails",
    "check_tencent_envelope",
    "clean_text",
    "decode_json",
    "decoded_json",
    "error_from_answer",
    "error_from_response",
    "json_object_or_none",
    "model_from_data",
    "parse_model",
    "raise_for_status",
    "read_json",
    "read_json_object",
    "request_id_from_headers",
    "require_shape",
    "tencent_error",
    "tencent_v3_error",
    "tencent_v3_error_class",
]

T = TypeVar("T")
ErrorClass = type[ApiError]

#: Longest provider message kept in an error; error pages can be kilobytes long.
MAX_MESSAGE_CHARS: Final = 300
#: How much of an unparseable body is quoted in a MalformedResponseError.
MAX_EXCERPT_CHARS: Final = 120

#: Response headers that carry a request id, most specific first (Huawei/Tencent gateways send
#: X-Request-Id, Azure's API Management apim-request-id, Azure services x-ms-request-id).
REQUEST_ID_HEADERS: Final = (
    "x-request-id",
    "apim-request-id",
    "x-ms-request-id",
    "request-id",
    "x-openstack-request-id",
)

# --- status and code tables -------------------------------------------------------------------------

STATUS_CLASSES: Final[Mapping[int, ErrorClass]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    # 408/504 mean the *provider* (or its gateway) gave up, not our deadline: OcrTimeoutError is
    # reserved for the caller's own deadlines, so these are service failures, retried as such.
    408: ServiceError,
    410: NotFoundError,  # an expired operation id
    413: BadRequestError,  # body too large
    414: BadRequestError,
    415: BadRequestError,  # wrong Content-Type or image format
    422: BadRequestError,
    429: RateLimitError,
}

AZURE_CODES: Final[Mapping[str, ErrorClass]] = {
    # The request's content (image, parameters) was rejected.
    "InvalidImageUrl": BadRequestError,
    "InvalidImageFormat": BadRequestError,
    "InvalidImageSize": BadRequestError,
    "InvalidImageDimension": BadRequestError,
    "NotSupportedImage": BadRequestError,
    "NotSupportedLanguage": BadRequestError,
    "NotSupportedVisualFeature": BadRequestError,
    "NotSupportedFeature": BadRequestError,
    "InvalidDetails": BadRequestError,
    "InvalidModel": BadRequestError,
    "InvalidThumbnailSize": BadRequestError,
    "BadArgument": BadRequestError,
    "InvalidArgument": BadRequestError,
    "InvalidRequest": BadRequestError,
    "SpecifiedModelNotFound": NotFoundError,
    "NotFound": NotFoundError,
    "ResourceNotFound": NotFoundError,
    # The gateway's own codes (seen on 401/403/429 answers).
    "Unauthorized": AuthenticationError,
    "InvalidSubscriptionKey": AuthenticationError,
    "PermissionDenied": PermissionDeniedError,
    "Forbidden": PermissionDeniedError,
    "QuotaExceeded": QuotaExceededError,
    "OutOfCallVolumeQuota": QuotaExceededError,
    "TooManyRequests": RateLimitError,
    "RateLimitExceeded": RateLimitError,
    # The service failed on its side.
    "FailedToProcess": ServiceError,
    "Timeout": ServiceError,
    "InternalServerError": ServiceError,
    "Unspecified": ServiceError,
    "StorageException": ServiceError,
    "ServiceUnavailable": ServiceError,
}

HUAWEI_CODES: Final[Mapping[str, ErrorClass]] = {
    # OCR service codes (API-FACTS section 3).
    "AIS.0101": BadRequestError,  # bad parameter
    "AIS.0102": BadRequestError,  # unsupported image format
    "AIS.0103": BadRequestError,  # image size out of range
    "AIS.0104": BadRequestError,  # image quality too poor
    "AIS.0105": BadRequestError,  # recognition failed (the image, not the service)
    "ModelArts.4204": PermissionDeniedError,  # the service is not subscribed in this region
    "ModelArts.4401": RateLimitError,  # too many concurrent requests
    # API Gateway codes. 0301 and 0308 are in API-FACTS; the others are read from Huawei's published
    # APIG error table (a guess: none of them is in the seeds). Unlisted codes fall back to the status.
    "APIG.0101": NotFoundError,  # API does not exist or is not published (wrong region/path)
    "APIG.0301": AuthenticationError,  # bad or expired token / AK/SK signature
    "APIG.0302": PermissionDeniedError,  # IAM user not authorized for this API
    "APIG.0303": AuthenticationError,  # bad app authentication
    "APIG.0304": PermissionDeniedError,  # app not authorized for this API
    "APIG.0305": AuthenticationError,  # bad authentication information
    "APIG.0306": PermissionDeniedError,  # API access denied
    "APIG.0307": AuthenticationError,  # token must be renewed
    "APIG.0308": RateLimitError,  # throttling threshold reached
}

TENCENT_CODES: Final[Mapping[int, ErrorClass]] = {
    3: BadRequestError,  # "account abnormal" is handled in tencent_error
    4: AuthenticationError,  # empty signature
    5: AuthenticationError,  # malformed signature
    6: PermissionDeniedError,  # appid/bucket in the signature do not match the target
    9: AuthenticationError,  # signature expired
    # An unknown appid is a credential problem (the appid is part of the account identity that
    # signs the request), not a missing resource.
    10: AuthenticationError,
    11: AuthenticationError,  # unknown SecretId
    12: AuthenticationError,  # appid and SecretId do not match
    13: AuthenticationError,  # replayed signature
    14: AuthenticationError,  # signature check failed
    15: RateLimitError,
    16: NotFoundError,  # unknown bucket
    21: BadRequestError,  # invalid parameter
    23: BadRequestError,  # body too large
    24: PermissionDeniedError,
    25: QuotaExceededError,  # purchased resources used up
    107: ServiceError,  # auth service internal error
    108: ServiceError,  # auth service unavailable
    213: ServiceError,  # internal error
    -1102: BadRequestError,  # image decode failed
    -1300: BadRequestError,  # image empty
    -1301: BadRequestError,  # parameter empty
    -1304: BadRequestError,  # parameter too long
    -1308: BadRequestError,  # image download (from the given URL) failed
    # "Recognition failed": the request was valid and processed, and sending the same image again
    # is not expected to help, so it is neither a ServiceError (which retry policies repeat) nor a
    # BadRequestError. OperationFailedError says "the OCR operation ran and failed".
    -9011: OperationFailedError,
}

_TENCENT_SUSPENDED = re.compile(r"account\s+abnormal", re.IGNORECASE)
# Azure's gateway says "Rate limit is exceeded. Try again in 26 seconds." without a Retry-After header.
_TRY_AGAIN_IN = re.compile(r"try again in (\d+(?:\.\d+)?) seconds?", re.IGNORECASE)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")


# --- small helpers ----------------------------------------------------------------------------------


def clean_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` on one line, without control characters, at most ``limit`` characters.

    Known credentials are masked first, so that shortening can never leave half of one behind.
    """
    from handwriting_ocr._secrets import mask_known_secrets

    text = _SPACES.sub(" ", _CONTROL.sub(" ", mask_known_secrets(text))).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _body_bytes(response: httpx.Response) -> bytes | None:
    """The body, reading it if it is a sync stream not read yet; None if it cannot be had."""
    try:
        return response.content
    except httpx.ResponseNotRead:
        pass
    try:
        return response.read()
    except (httpx.StreamError, httpx.TransportError, RuntimeError):
        # RuntimeError: an async stream read from sync code. The caller should have read it first.
        return None


def _content_type(headers: Mapping[str, str]) -> str:
    value = _header(headers, "content-type") or ""
    return value.split(";", 1)[0].strip().lower()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by lower-case name, from an ``httpx.Headers`` or any mapping."""
    if isinstance(headers, httpx.Headers):
        value: str | None = headers.get(name)
        return value
    return next((v for k, v in headers.items() if k.lower() == name), None)


def _looks_like_html(headers: Mapping[str, str], body: bytes) -> bool:
    if "html" in _content_type(headers):
        return True
    head = body.lstrip()[:15].lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml"))


def _describe_body(status: int, headers: Mapping[str, str], body: bytes | None) -> str:
    """A short, safe description of a body that is not a usable JSON document."""
    if body is None:
        return f"HTTP {status} whose body was not read"
    if not body.strip():
        return f"HTTP {status} with an empty body"
    if _looks_like_html(headers, body):
        match = _HTML_TITLE.search(body[:4096])
        title = clean_text(match.group(1).decode("utf-8", "replace"), 80) if match else ""
        return f"HTTP {status} with an HTML body" + (f" ({title})" if title else "")
    content_type = _content_type(headers) or "no content type"
    excerpt = clean_text(body[: MAX_EXCERPT_CHARS * 2].decode("utf-8", "replace"), MAX_EXCERPT_CHARS)
    return f"HTTP {status} ({content_type}, {len(body)} bytes) starting {excerpt!r}"


def request_id_from_headers(headers: Mapping[str, str]) -> str | None:
    """The request id a provider or its gateway put in the response headers, if any.

    ``headers`` is an ``httpx.Headers`` or any mapping (names in any case, as the poller has them).
    """
    lookup = headers if isinstance(headers, httpx.Headers) else {k.lower(): v for k, v in headers.items()}
    for name in REQUEST_ID_HEADERS:
        value: str | None = lookup.get(name)
        if value is not None and value.strip():
            return clean_text(value, 100)
    return None


def decode_json(body: bytes) -> object:
    """``json.loads`` with every failure it can have folded into ``ValueError``.

    Besides invalid JSON: bodies nested deeper than the interpreter's recursion limit
    (``RecursionError``), integers longer than Python converts (``ValueError``), bytes that are not
    UTF-8. The one JSON reader of every answer (facades, pollers, auth flows, the retry policy).
    """
    try:
        return json.loads(body)
    except RecursionError as exc:  # absurdly nested documents
        raise ValueError("JSON nested too deeply") from exc
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8") from exc


#: ``response.extensions`` key holding ``(body, decoded body)``: one answer is looked at by up to three
#: readers (the retry policy's classify hook, the auth flow, the facade's handler), and a large OCR
#: answer should be decoded once, not three times.
_DECODED_EXTENSION: Final = "handwriting_ocr.decoded_json"


def decoded_json(response: httpx.Response, body: bytes) -> object:
    """``body`` (the content of ``response``) decoded as JSON, decoded once per response.

    The decoded value is shared by every caller: treat it as read-only. It is kept with the bytes it
    came from and only reused for those very bytes, since httpx may hand the same extensions dict to
    another response (a re-issued stream) whose body is a different object. Raises ``ValueError``
    (not cached) for a body that is not JSON.
    """
    extensions = response.extensions
    cached = extensions.get(_DECODED_EXTENSION)
    if isinstance(cached, tuple) and cached[0] is body:
        value: object = cached[1]
        return value
    value = decode_json(body)
    if isinstance(extensions, dict):
        extensions[_DECODED_EXTENSION] = (body, value)
    return value


def json_object_or_none(response: httpx.Response) -> dict[str, object] | None:
    """The read body as a JSON object (see :func:`decoded_json`); None if unread, not JSON or not an object."""
    try:
        body = response.content
    except httpx.ResponseNotRead:
        return None
    try:
        document = decoded_json(response, body)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _as_text(value: object) -> str | None:
    """A code or message field as text; numbers become their decimal form, bools and objects None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


@attrs.frozen
class ErrorDetails:
    """What an error envelope says: code, message, request id (each possibly absent)."""

    code: str | None
    message: str | None
    request_id: str | None

    @classmethod
    def from_document(cls, document: object) -> ErrorDetails:
        """Read any of the envelopes the four APIs (and their gateways) use.

        - Azure service: ``{"code", "message", "requestId"}``;
        - Azure gateway: ``{"error": {"code" | "statusCode", "message"}}`` or ``{"statusCode", "message"}``;
        - Huawei OCR and APIG: ``{"error_code", "error_msg"}``;
        - Huawei IAM (Keystone): ``{"error": {"code", "message", "title"}}``;
        - Tencent: ``{"code", "message"}`` (an integer code).
        """
        if not isinstance(document, dict):
            return cls(None, None, None)
        inner = document.get("error")
        source: dict[str, object] = inner if isinstance(inner, dict) else document
        code = (
            _as_text(source.get("error_code"))
            or _as_text(source.get("code"))
            or _as_text(source.get("statusCode"))
        )
        message = (
            _as_text(source.get("error_msg"))
            or _as_text(source.get("message"))
            or _as_text(source.get("title"))
            or _as_text(document.get("message"))
        )
        request_id = None
        for holder in (source, document, source.get("innererror"), source.get("innerError")):
            if isinstance(holder, dict):
                request_id = _as_text(holder.get("requestId")) or _as_text(holder.get("request_id"))
                if request_id:
                    break
        return cls(
            clean_text(code, 100) if code else None,
            clean_text(message) if message else None,
            clean_text(request_id, 100) if request_id else None,
        )


def _class_for(provider: Provider, status: int, code: str | None, message: str) -> ErrorClass:
    if code is not None:
        if provider == "azure":
            by_code = AZURE_CODES.get(code)
            if by_code is not None:
                return by_code
        elif provider in ("huawei", "huawei-iam"):
            by_code = HUAWEI_CODES.get(code)
            if by_code is not None:
                return by_code
    if provider == "azure" and status == 403 and "quota" in f"{code or ''} {message}".lower():
        # "Out of call volume quota for ComputerVision F0 pricing tier": used up, not forbidden.
        return QuotaExceededError
    by_status = STATUS_CLASSES.get(status)
    if by_status is not None:
        return by_status
    if status >= 500:
        return ServiceError
    if status < 400:
        # A facade asked us about a status it did not expect (a 200 instead of a 202, a redirect
        # from a proxy): the answer does not fit the API.
        return MalformedResponseError
    return ApiError


def _retry_after(headers: Mapping[str, str], message: str) -> float | None:
    seconds = retry_after_from_headers(headers)
    if seconds is None:
        match = _TRY_AGAIN_IN.search(message)
        if match:
            seconds = min(float(match.group(1)), MAX_RETRY_AFTER)
    return seconds


def _build(
    cls: ErrorClass,
    message: str,
    *,
    provider: Provider,
    status_code: int | None,
    code: str | None,
    request_id: str | None,
    retry_after: float | None = None,
) -> ApiError:
    if issubclass(cls, RateLimitError):
        return cls(
            message,
            provider=provider,
            status_code=status_code,
            code=code,
            request_id=request_id,
            retry_after=retry_after,
        )
    return cls(message, provider=provider, status_code=status_code, code=code, request_id=request_id)


# --- public API -------------------------------------------------------------------------------------


def error_from_response(provider: Provider, response: httpx.Response) -> ApiError:
    """The error an unsuccessful answer stands for. Never raises; any body (HTML, empty) is accepted.

    The response should have been read (``response.read()`` / ``await response.aread()``) for a
    streamed request; a sync stream is read here, an unread async one gives a status-only error.
    """
    body = _body_bytes(response)
    document: object = None
    if body is not None and body.strip() and not _looks_like_html(response.headers, body):
        with contextlib.suppress(ValueError):
            document = decoded_json(response, body)
    return _error_from(
        provider, response.status_code, response.headers, body, document, response.reason_phrase
    )


def error_from_answer(provider: Provider, status: int, headers: Mapping[str, str], body: bytes) -> ApiError:
    """:func:`error_from_response` from plain values (for I/O-free cores such as the poller's)."""
    document: object = None
    if body.strip() and not _looks_like_html(headers, body):
        with contextlib.suppress(ValueError):
            document = decode_json(body)
    return _error_from(provider, status, headers, body, document, "")


def _error_from(
    provider: Provider,
    status: int,
    headers: Mapping[str, str],
    body: bytes | None,
    document: object,
    reason: str,
) -> ApiError:
    details = ErrorDetails.from_document(document) if document is not None else ErrorDetails(None, None, None)
    described: str | None = None
    if details.message is None and details.code is None:
        # Not JSON after all (or no envelope): the status decides, and the body is described instead.
        described = _describe_body(status, headers, body)
    request_id = request_id_from_headers(headers) or details.request_id

    if provider == "tencent" and details.code is not None and _is_int(details.code):
        # A Tencent body code on an HTTP error status is more precise than the status, when it is one
        # of Tencent's: a gateway's own code ({"code": 429}) says nothing the status does not.
        code_value = int(details.code)
        if code_value in TENCENT_CODES:
            return tencent_error(
                code_value,
                details.message or "",
                request_id=request_id,
                status_code=status,
                retry_after=retry_after_from_headers(headers),
            )

    message = details.message or described or f"HTTP {status} {reason}".strip()
    cls = _class_for(provider, status, details.code, message)
    return _build(
        cls,
        message,
        provider=provider,
        status_code=status,
        code=details.code,
        request_id=request_id,
        retry_after=_retry_after(headers, message) if issubclass(cls, RateLimitError) else None,
    )


def _is_int(text: str) -> bool:
    return re.fullmatch(r"-?\d+", text) is not None


def tencent_error(
    code: int,
    message: str,
    *,
    request_id: str | None = None,
    status_code: int = 200,
    retry_after: float | None = None,
) -> ApiError:
    """The error for a Tencent body-level ``code`` (API-FACTS section 4).

    Code 3 with "account abnormal" in the message is a suspended account (in arrears): the
    QuotaExceededError of a used-up account, not a bad request. Codes not in the documented table
    give the base ApiError with the code kept (see the module docstring).
    """
    text = clean_text(message) if message else f"Tencent error code {code}"
    cls: ErrorClass = TENCENT_CODES.get(code, ApiError)
    if code == 3 and _TENCENT_SUSPENDED.search(message):
        cls = QuotaExceededError
    return _build(
        cls,
        text,
        provider="tencent",
        status_code=status_code,
        code=str(code),
        request_id=request_id,
        retry_after=retry_after,
    )


def raise_for_status(provider: Provider, response: httpx.Response) -> None:
    """Raise :func:`error_from_response` for a status >= 400; do nothing otherwise."""
    if response.status_code >= 400:
        raise error_from_response(provider, response)


def _malformed(provider: Provider, response: httpx.Response, what: str) -> MalformedResponseError:
    return MalformedResponseError(
        what,
        provider=provider,
        status_code=response.status_code,
        request_id=request_id_from_headers(response.headers),
    )


def read_json(provider: Provider, response: httpx.Response) -> object:
    """The body parsed as JSON, or :class:`MalformedResponseError` saying what came instead."""
    body = _body_bytes(response)
    # Only the cheap checks come first: an empty or HTML body is never valid JSON, so the body
    # itself is looked at (and copied by strip) only once it has failed to decode.
    if body is None or "html" in _content_type(response.headers):
        raise _malformed(
            provider,
            response,
            f"expected JSON, got {_describe_body(response.status_code, response.headers, body)}",
        )
    try:
        return decoded_json(response, body)
    except ValueError as exc:
        described = _describe_body(response.status_code, response.headers, body)
        if not body.strip() or _looks_like_html(response.headers, body):
            raise _malformed(provider, response, f"expected JSON, got {described}") from None
        reason = clean_text(str(exc), 80)
        raise _malformed(
            provider, response, f"expected JSON, got invalid JSON ({reason}): {described}"
        ) from None


def read_json_object(provider: Provider, response: httpx.Response) -> dict[str, object]:
    """Like :func:`read_json`, for answers whose top level must be an object."""
    document = read_json(provider, response)
    if not isinstance(document, dict):
        raise _malformed(provider, response, f"expected a JSON object, got a JSON {type(document).__name__}")
    return document


def check_tencent_envelope(response: httpx.Response) -> dict[str, object]:
    """The envelope of a Tencent answer when ``code == 0``; otherwise raise the error it stands for.

    Tencent answers HTTP 200 even for errors, with ``{"code": int, "message": str, "data": ...}``.
    An HTTP error status (from a gateway or proxy in front of the service) is mapped first.
    """
    raise_for_status("tencent", response)
    envelope = read_json_object("tencent", response)
    raw_code = envelope.get("code")
    # Documented as an integer; accept a decimal string too, as some legacy endpoints send (guess).
    if isinstance(raw_code, str) and _is_int(raw_code.strip()):
        raw_code = int(raw_code.strip())
    if not isinstance(raw_code, int) or isinstance(raw_code, bool):
        raise _malformed("tencent", response, "Tencent answer without an integer 'code'")
    if raw_code != 0:
        message = envelope.get("message")
        data = envelope.get("data")
        session = data.get("session_id") if isinstance(data, dict) else None
        raise tencent_error(
            raw_code,
            message if isinstance(message, str) else "",
            request_id=request_id_from_headers(response.headers)
            or (session if isinstance(session, str) and session else None),
            status_code=response.status_code,
            retry_after=retry_after_from_headers(response.headers),
        )
    return envelope


def require_shape(
    provider: Provider, response: httpx.Response, document: Mapping[str, object], *paths: tuple[object, ...]
) -> None:
    """Raise :class:`MalformedResponseError` unless each ``(key, ..., type)`` path exists with that type.

    An answer that does not have the shape of a result is an error, never an empty success: a
    generated model whose fields are optional would read ``{}`` as "no text found".
    """
    for path in paths:
        *keys, kind = path
        value: object = document
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        assert isinstance(kind, type)
        if not isinstance(value, kind):
            where = ".".join(str(key) for key in keys)
            expected = "an object" if kind is dict else "a list" if kind is list else kind.__name__
            found = "nothing" if value is None else f"a JSON {type(value).__name__}"
            raise _malformed(
                provider, response, f"the answer has no result: {where} should be {expected}, got {found}"
            )


#: What a generated model's ``from_dict`` raises on data that does not fit the schema (or is absurd:
#: numbers beyond float range, nesting beyond the recursion limit).
PARSE_ERRORS: Final = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
)


def model_from_data(
    provider: Provider,
    data: object,
    parse: Callable[[dict[str, object]], T],
    *,
    response: httpx.Response | None = None,
    what: str = "answer",
) -> T:
    """``parse(data)``, with missing fields and unexpected shapes turned into MalformedResponseError."""
    if not isinstance(data, dict):
        raise _malformed_data(
            provider, response, f"the {what} is a JSON {type(data).__name__}, expected an object"
        )
    try:
        return parse(data)
    except PARSE_ERRORS as exc:
        raise _malformed_data(
            provider,
            response,
            f"the {what} does not have the expected shape ({type(exc).__name__}: {clean_text(str(exc), 120)})",
        ) from exc


def _malformed_data(provider: Provider, response: httpx.Response | None, what: str) -> MalformedResponseError:
    # The status and request id are only looked up for a failure: the success path stays cheap.
    if response is None:
        return MalformedResponseError(what, provider=provider, status_code=None, request_id=None)
    return _malformed(provider, response, what)


def parse_model(
    provider: Provider,
    response: httpx.Response,
    parse: Callable[[dict[str, object]], T],
    *,
    what: str = "answer",
) -> T:
    """Read the JSON body of ``response`` and build a model from it with ``parse`` (a ``from_dict``).

    Every failure (not JSON, not an object, a missing field, an unknown enum value the model
    rejects) is a :class:`MalformedResponseError`.
    """
    return model_from_data(provider, read_json(provider, response), parse, response=response, what=what)


# --- Tencent Cloud API 3.0 (GeneralHandwritingOCR) ---------------------------------------------------

#: ``Response.Error.Code`` values of Tencent Cloud API 3.0 with a class of their own (API-FACTS 6c,
#: tencentcloud-sdk-python ``ocr/v20181119/errorcodes.py`` and the API 3.0 common error codes).
#: Codes not listed here are classed by :data:`TENCENT_V3_PREFIXES`, then fall back to ApiError.
TENCENT_V3_CODES: Final[Mapping[str, ErrorClass]] = {
    # CAM says the key is fine but has no permission for this action: not an authentication failure.
    "AuthFailure.UnauthorizedOperation": PermissionDeniedError,
    "UnauthorizedOperation": PermissionDeniedError,
    "IpInBlacklist": PermissionDeniedError,
    "IpNotInWhitelist": PermissionDeniedError,
    "FailedOperation.UnOpenError": PermissionDeniedError,  # the OCR service is not activated
    # The content or the request was refused.
    "LimitExceeded.TooLargeFileError": BadRequestError,
    "FailedOperation.DownLoadError": BadRequestError,  # ImageUrl could not be downloaded (in 3 s)
    "FailedOperation.EmptyImageError": BadRequestError,
    "FailedOperation.FileDecodeFailed": BadRequestError,
    "FailedOperation.UnKnowFileTypeError": BadRequestError,
    "FailedOperation.LanguageNotSupport": BadRequestError,
    "RequestSizeLimitExceeded": BadRequestError,
    "MissingParameter": BadRequestError,
    "UnknownParameter": BadRequestError,
    "InvalidRequest": BadRequestError,
    "UnsupportedOperation": BadRequestError,
    "UnsupportedProtocol": BadRequestError,
    "UnsupportedRegion": BadRequestError,
    # Wrong action, version or product: the API 3.0 equivalent of a wrong path.
    "InvalidAction": NotFoundError,
    "NoSuchVersion": NotFoundError,
    "NoSuchProduct": NotFoundError,
    "ActionOffline": NotFoundError,
    # The account cannot pay for more calls.
    "ResourceUnavailable.InArrears": QuotaExceededError,
    "ResourceUnavailable.ResourcePackageRunOut": QuotaExceededError,
    "FailedOperation.ArrearsError": QuotaExceededError,
    "FailedOperation.CountLimitError": QuotaExceededError,  # today's call count is used up
    # The service failed on its side.
    "FailedOperation.EngineRecognizeTimeout": ServiceError,
    "FailedOperation.UnKnowError": ServiceError,
    "FailedOperation.ResponseParseFailed": ServiceError,
    "ResourceUnavailable.TaxNetworkError": ServiceError,
    "ServiceUnavailable": ServiceError,
    "ResponseSizeLimitExceeded": ServiceError,
    # "Recognition failed" on a valid request: as the legacy -9011 (see TENCENT_CODES).
    "FailedOperation.OcrFailed": OperationFailedError,
    "FailedOperation.DetectFailed": OperationFailedError,
}

#: Code families, by prefix, for codes not in :data:`TENCENT_V3_CODES` (first match wins). A prefix
#: ending in "." matches that family's codes; one without also matches the bare code and longer
#: names (``InvalidParameter`` covers ``InvalidParameterValue.InvalidParameterValueLimit``).
TENCENT_V3_PREFIXES: Final[tuple[tuple[str, ErrorClass], ...]] = (
    ("AuthFailure", AuthenticationError),  # SignatureFailure, SignatureExpire, SecretIdNotFound, ...
    ("RequestLimitExceeded", RateLimitError),  # .UinLimitExceeded, .GlobalRegionUinLimitExceeded, ...
    ("FailedOperation.Image", BadRequestError),  # ImageNoText, ImageNoHandWrite, ImageDecodeFailed, ...
    ("InvalidParameter", BadRequestError),  # InvalidParameter.*, InvalidParameterValue.*
    ("ResourcesSoldOut", QuotaExceededError),  # ResourcesSoldOut.ChargeStatusException, ...
    ("LimitExceeded", QuotaExceededError),  # a quota of the account ("超过配额限制")
    ("ResourceNotFound", NotFoundError),
    ("InternalError", ServiceError),
)


def tencent_v3_error_class(code: str) -> ErrorClass:
    """The error class of a Tencent Cloud API 3.0 ``Response.Error.Code`` (ApiError if unknown)."""
    exact = TENCENT_V3_CODES.get(code)
    if exact is not None:
        return exact
    for prefix, cls in TENCENT_V3_PREFIXES:
        if code.startswith(prefix):
            return cls
    return ApiError


def tencent_v3_error(
    code: str,
    message: str,
    *,
    request_id: str | None = None,
    status_code: int = 200,
    retry_after: float | None = None,
) -> ApiError:
    """The error for a Tencent Cloud API 3.0 answer ``{"Response": {"Error": {"Code", "Message"}}}``
    (HTTP 200 like its results). The code is kept as sent, e.g. ``AuthFailure.SignatureExpire``."""
    code_text = clean_text(code, 100) or "(no code)"
    text = clean_text(message) if message else f"Tencent Cloud error {code_text}"
    return _build(
        tencent_v3_error_class(code_text),
        text,
        provider="tencent",
        status_code=status_code,
        code=code_text,
        request_id=request_id,
        retry_after=retry_after,
    )

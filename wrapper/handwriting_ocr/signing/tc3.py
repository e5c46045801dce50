"""Tencent Cloud API 3.0 request signing (``TC3-HMAC-SHA256``).

Pure functions over plain values, shared by the client (:mod:`handwriting_ocr.auth.tencent_v3`) and
any verifier (the emulator), so both compute the very same canonical request. The algorithm is the
one in API-FACTS section 6c::

    CanonicalRequest = METHOD \\n URI \\n QUERY \\n CanonicalHeaders \\n SignedHeaders \\n hex(sha256(body))
    StringToSign     = TC3-HMAC-SHA256 \\n timestamp \\n {date}/{service}/tc3_request \\n hex(sha256(CanonicalRequest))
    kDate    = HMAC("TC3" + SecretKey, date)
    kService = HMAC(kDate, service)
    kSigning = HMAC(kService, "tc3_request")
    signature = hex(HMAC(kSigning, StringToSign))

``date`` is the UTC calendar day (``YYYY-MM-DD``) of the timestamp. The signed headers are
``content-type`` and ``host``, which is what the service requires and the official SDK signs; more
headers can be signed through ``extra_headers`` (a verifier meeting a client that signs, say,
``x-tc-action`` passes them through).

The body enters as either its bytes or the hex SHA-256 digest of them (a ``str``), so a caller that
streamed the body and hashed it on the way can sign without holding it. (A request sent with
``X-TC-Content-SHA256: UNSIGNED-PAYLOAD``, an option of the official SDK, hashes those 16 ASCII bytes
instead of the body: pass ``payload=b"UNSIGNED-PAYLOAD"`` to verify one.)

Header values are lower-cased and trimmed in the canonical headers, as Tencent's documentation says.
The official SDK signs the values as sent; every value it signs (``application/json``, the host) is
already lower case, so both agree. Whether the server lower-cases a mixed-case value is a guess from
the documentation, not something observed.

Signing and verifying::

    value = tc3_authorization(secret_id=..., secret_key=..., timestamp=ts, service="ocr",
                              host="ocr.tencentcloudapi.com",
                              content_type="application/json; charset=utf-8", payload=body)

    parsed = parse_tc3_authorization(request_header)
    ok = parsed is not None and verify_tc3_signature(parsed, secret_key=..., timestamp=ts,
                                                     host=..., content_type=..., payload=body)
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from datetime import UTC, datetime

import attrs

ALGORITHM = "TC3-HMAC-SHA256"
TERMINATOR = "tc3_request"
#: The content type the service documents for JSON bodies; the value is signed as sent.
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
#: The server rejects timestamps further than this from its own clock (``AuthFailure.SignatureExpire``).
MAX_CLOCK_SKEW_SECONDS = 300

_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")


def tc3_date(timestamp: int) -> str:
    """The credential-scope date: the UTC day of ``timestamp`` as ``YYYY-MM-DD``."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


def payload_digest(payload: bytes | str) -> str:
    """The lower-case hex SHA-256 of the body.

    ``bytes`` are hashed; a ``str`` must already be that digest (64 hex digits) and is returned in
    lower case. Any other string is refused, so a body passed as text by mistake cannot be signed as
    if it were its own digest.
    """
    if isinstance(payload, bytes | bytearray | memoryview):
        return hashlib.sha256(payload).hexdigest()
    digest = payload.lower()
    if not _HEX_SHA256.fullmatch(digest):
        raise ValueError("a str payload must be the hex SHA-256 digest of the body (64 hex digits)")
    return digest


def _header_lines(host: str, content_type: str, extra_headers: Mapping[str, str]) -> list[tuple[str, str]]:
    # Names and values lower-cased and trimmed, sorted by name (Tencent's documented rule; see above).
    headers = {"content-type": content_type, "host": host}
    for name, value in extra_headers.items():
        headers[name.strip().lower()] = value
    return sorted((name, value.strip().lower()) for name, value in headers.items())


def signed_headers(extra_headers: Mapping[str, str] | None = None) -> str:
    """The ``SignedHeaders`` list, e.g. ``content-type;host``."""
    return ";".join(name for name, _ in _header_lines("", "", extra_headers or {}))


def canonical_request(
    *,
    host: str,
    content_type: str,
    payload: bytes | str,
    method: str = "POST",
    canonical_uri: str = "/",
    canonical_query: str = "",
    extra_headers: Mapping[str, str] | None = None,
) -> str:
    """The canonical request text. ``canonical_query`` is the URL query as sent (empty for POST)."""
    lines = _header_lines(host, content_type, extra_headers or {})
    header_block = "".join(f"{name}:{value}\n" for name, value in lines)
    return "\n".join(
        [
            method.upper(),
            canonical_uri,
            canonical_query,
            header_block,
            ";".join(name for name, _ in lines),
            payload_digest(payload),
        ]
    )


def credential_scope(timestamp: int, service: str) -> str:
    return f"{tc3_date(timestamp)}/{service}/{TERMINATOR}"


def string_to_sign(canonical: str, *, timestamp: int, service: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{timestamp}\n{credential_scope(timestamp, service)}\n{digest}"


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret_key: str, *, date: str, service: str) -> bytes:
    """The derived key ``kSigning`` for one day and one service."""
    k_date = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    k_service = _hmac(k_date, service)
    return _hmac(k_service, TERMINATOR)


def tc3_signature(
    *,
    secret_key: str,
    timestamp: int,
    service: str,
    host: str,
    content_type: str,
    payload: bytes | str,
    method: str = "POST",
    canonical_uri: str = "/",
    canonical_query: str = "",
    extra_headers: Mapping[str, str] | None = None,
) -> str:
    """The hex signature of one request."""
    canonical = canonical_request(
        host=host,
        content_type=content_type,
        payload=payload,
        method=method,
        canonical_uri=canonical_uri,
        canonical_query=canonical_query,
        extra_headers=extra_headers,
    )
    key = signing_key(secret_key, date=tc3_date(timestamp), service=service)
    to_sign = string_to_sign(canonical, timestamp=timestamp, service=service)
    return hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def tc3_authorization(
    *,
    secret_id: str,
    secret_key: str,
    timestamp: int,
    service: str,
    host: str,
    content_type: str,
    payload: bytes | str,
    method: str = "POST",
    canonical_uri: str = "/",
    canonical_query: str = "",
    extra_headers: Mapping[str, str] | None = None,
) -> str:
    """The ``Authorization`` header value for one request."""
    signature = tc3_signature(
        secret_key=secret_key,
        timestamp=timestamp,
        service=service,
        host=host,
        content_type=content_type,
        payload=payload,
        method=method,
        canonical_uri=canonical_uri,
        canonical_query=canonical_query,
        extra_headers=extra_headers,
    )
    return (
        f"{ALGORITHM} Credential={secret_id}/{credential_scope(timestamp, service)}, "
        f"SignedHeaders={signed_headers(extra_headers)}, Signature={signature}"
    )


@attrs.frozen
class Tc3Authorization:
    """The parts of a ``TC3-HMAC-SHA256`` ``Authorization`` header."""

    secret_id: str
    date: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_tc3_authorization(value: str) -> Tc3Authorization | None:
    """Split an ``Authorization`` header into its parts, or None when it is not a TC3 header."""
    prefix = ALGORITHM + " "
    if not value.startswith(prefix):
        return None
    fields: dict[str, str] = {}
    for part in value[len(prefix) :].split(","):
        key, sep, field_value = part.strip().partition("=")
        if not sep:
            return None
        fields[key] = field_value
    try:
        credential, names, signature = fields["Credential"], fields["SignedHeaders"], fields["Signature"]
    except KeyError:
        return None
    scope = credential.split("/")
    if len(scope) != 4 or scope[3] != TERMINATOR or not all(scope):
        return None
    return Tc3Authorization(
        secret_id=scope[0],
        date=scope[1],
        service=scope[2],
        signed_headers=tuple(names.split(";")),
        signature=signature,
    )


def verify_tc3_signature(
    authorization: Tc3Authorization,
    *,
    secret_key: str,
    timestamp: int,
    host: str,
    content_type: str,
    payload: bytes | str,
    method: str = "POST",
    canonical_uri: str = "/",
    canonical_query: str = "",
    extra_headers: Mapping[str, str] | None = None,
) -> bool:
    """True when ``authorization`` signs this request with ``secret_key`` at ``timestamp``.

    Checks the scope date against the timestamp and the signed-header list against the headers
    given (``content-type``, ``host`` and ``extra_headers``); compares signatures in constant time.
    Does not check clock skew (see :data:`MAX_CLOCK_SKEW_SECONDS`) nor the secret id: the caller
    looks the key up by ``authorization.secret_id``.
    """
    if authorization.date != tc3_date(timestamp):
        return False
    if ";".join(authorization.signed_headers) != signed_headers(extra_headers):
        return False
    expected = tc3_signature(
        secret_key=secret_key,
        timestamp=timestamp,
        service=authorization.service,
        host=host,
        content_type=content_type,
        payload=payload,
        method=method,
        canonical_uri=canonical_uri,
        canonical_query=canonical_query,
        extra_headers=extra_headers,
    )
    return hmac.compare_digest(expected, authorization.signature)

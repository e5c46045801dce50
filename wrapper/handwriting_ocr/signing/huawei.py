"""Huawei Cloud API Gateway AK/SK signing (``SDK-HMAC-SHA256``).

Pure functions over plain values, so the client (:mod:`handwriting_ocr.auth`) and the emulator's
verifier compute the very same canonical request. The algorithm is the one in API-FACTS section 3:
the canonical URI is the percent-encoded path with a trailing ``/``, the query is sorted, and only
header names without ``_`` are signed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import quote, unquote

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def sdk_date(moment: datetime | None = None) -> str:
    """The ``X-Sdk-Date`` value for ``moment`` (now, by default), always in UTC."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def _encode(text: str) -> str:
    # RFC 3986 unreserved characters stay as they are; everything else is %XX-encoded.
    return quote(text, safe="-_.~")


def canonical_uri(path: str) -> str:
    segments = [_encode(unquote(segment)) for segment in path.split("/")]
    uri = "/".join(segments)
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(query: Iterable[tuple[str, str]]) -> str:
    encoded = sorted((_encode(key), _encode(value)) for key, value in query)
    return "&".join(f"{key}={value}" for key, value in encoded)


def signed_header_names(headers: Mapping[str, str]) -> list[str]:
    return sorted({name.lower() for name in headers if "_" not in name})


def canonical_request(
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
    signed_headers: list[str] | None = None,
    *,
    body_sha256: str | None = None,
) -> str:
    """The canonical request; ``body_sha256`` (hex) stands for ``body`` when the caller hashed it."""
    lowered = {name.lower(): value.strip() for name, value in headers.items()}
    names = signed_headers if signed_headers is not None else signed_header_names(headers)
    header_block = "".join(f"{name}:{lowered.get(name, '')}\n" for name in names)
    return "\n".join(
        [
            method.upper(),
            canonical_uri(path),
            canonical_query(query),
            header_block,
            ";".join(names),
            body_sha256 if body_sha256 is not None else hashlib.sha256(body).hexdigest(),
        ]
    )


def string_to_sign(canonical: str, date: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{date}\n{digest}"


def signature(secret_key: str, to_sign: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def sign(
    *,
    access_key: str,
    secret_key: str,
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes = b"",
    body_sha256: str | None = None,
) -> str:
    """The ``Authorization`` header value. ``headers`` must already hold ``Host`` and ``X-Sdk-Date``.

    ``body_sha256`` (hex), when given, is used instead of hashing ``body``.
    """
    date = next((value for name, value in headers.items() if name.lower() == DATE_HEADER.lower()), None)
    if date is None:
        raise ValueError(
            "headers must contain X-Sdk-Date before signing"
        )  # programming error, not user input
    names = signed_header_names(headers)
    canonical = canonical_request(method, path, query, headers, body, names, body_sha256=body_sha256)
    sig = signature(secret_key, string_to_sign(canonical, date))
    return f"{ALGORITHM} Access={access_key}, SignedHeaders={';'.join(names)}, Signature={sig}"


def parse_authorization(value: str) -> tuple[str, list[str], str] | None:
    """Split an ``Authorization`` header into (access key, signed header names, signature), or None."""
    prefix = ALGORITHM + " "
    if not value.startswith(prefix):
        return None
    fields: dict[str, str] = {}
    for part in value[len(prefix) :].split(","):
        key, sep, val = part.strip().partition("=")
        if not sep:
            return None
        fields[key] = val
    try:
        return fields["Access"], fields["SignedHeaders"].split(";"), fields["Signature"]
    except KeyError:
        return None


def parse_sdk_date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None

"""Tencent Cloud legacy image-service signature (the reusable, "multi-effective" one).

original  = a={appid}&b={bucket}&k={SecretId}&e={expiry}&t={now}&r={random}&f=
signature = base64( HMAC-SHA1(SecretKey, original) || original )

Pure functions, shared by :mod:`handwriting_ocr.auth` and the emulator's verifier.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

import attrs


@attrs.frozen
class SignatureFields:
    """The fields of a decoded signature's original string."""

    appid: str
    bucket: str
    secret_id: str
    expires_at: int
    signed_at: int
    nonce: str
    extra: tuple[tuple[str, str], ...] = ()


def original_string(
    *, appid: str, bucket: str, secret_id: str, expires_at: int, signed_at: int, nonce: str
) -> str:
    return f"a={appid}&b={bucket}&k={secret_id}&e={expires_at}&t={signed_at}&r={nonce}&f="


def sign_original(secret_key: str, original: str) -> str:
    digest = hmac.new(secret_key.encode("utf-8"), original.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest + original.encode("utf-8")).decode("ascii")


def new_nonce() -> str:
    # At most 10 digits, never starting with 0 so it reads the same as an integer.
    return str(secrets.randbelow(9_000_000_000) + 1_000_000_000)


def sign(
    *,
    appid: str,
    bucket: str,
    secret_id: str,
    secret_key: str,
    expires_at: int,
    signed_at: int,
    nonce: str | None = None,
) -> str:
    original = original_string(
        appid=appid,
        bucket=bucket,
        secret_id=secret_id,
        expires_at=expires_at,
        signed_at=signed_at,
        nonce=nonce if nonce is not None else new_nonce(),
    )
    return sign_original(secret_key, original)


def decode(signature: str) -> tuple[bytes, str] | None:
    """Split a signature into (HMAC digest, original string), or None if it is not well formed."""
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) <= 20:
        return None
    try:
        return raw[:20], raw[20:].decode("utf-8")
    except UnicodeDecodeError:
        return None


def parse_original(original: str) -> SignatureFields | None:
    """The fields of an original string (in any order), or None if a required one is missing."""
    fields: dict[str, str] = {}
    for part in original.split("&"):
        key, sep, value = part.partition("=")
        if not sep:
            return None
        fields[key] = value
    try:
        expires_at = int(fields["e"])
        signed_at = int(fields["t"])
        known = {"a", "b", "k", "e", "t", "r"}
        return SignatureFields(
            appid=fields["a"],
            bucket=fields.get("b", ""),
            secret_id=fields["k"],
            expires_at=expires_at,
            signed_at=signed_at,
            nonce=fields.get("r", ""),
            extra=tuple((k, v) for k, v in fields.items() if k not in known),
        )
    except (KeyError, ValueError):
        return None


def verify(signature: str, secret_key: str) -> bool:
    """True when the signature's HMAC matches its own original string under ``secret_key``."""
    parts = decode(signature)
    if parts is None:
        return False
    digest, original = parts
    expected = hmac.new(secret_key.encode("utf-8"), original.encode("utf-8"), hashlib.sha1).digest()
    return hmac.compare_digest(digest, expected)

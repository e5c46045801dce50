"""Continuation tokens: a small versioned JSON string that resumes polling in another process.

Format (version 1), compact JSON with sorted keys::

    {"kind":"read","operation_location":"https://.../read/operations/<id>","origin":"https://...","v":1}

``kind`` names the operation (the facade chooses it, e.g. ``"read"``), so a token of one operation
is not resumed with another operation's result parser. The token holds no credentials: resuming
needs a client with its own auth. It is plain data, never pickle, and everything in it is checked
before use, since it may have travelled through untrusted hands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.polling.origin import Origin, origin_of

__all__ = ["TOKEN_VERSION", "ContinuationState", "decode_token", "encode_token"]

TOKEN_VERSION: Final = 1
# Generous for one URL, small enough that nobody mistakes the token for a place to keep data.
_MAX_TOKEN_LENGTH: Final = 8192


@dataclass(frozen=True, slots=True)
class ContinuationState:
    """What a token carries."""

    kind: str
    operation_url: str
    origin: Origin


def encode_token(state: ContinuationState) -> str:
    return json.dumps(
        {
            "v": TOKEN_VERSION,
            "kind": state.kind,
            "operation_location": state.operation_url,
            "origin": str(state.origin),
        },
        separators=(",", ":"),
        sort_keys=True,
    )


def _invalid(why: str) -> InvalidInputError:
    return InvalidInputError(
        f"invalid continuation token: {why}", provider="azure", field="continuation_token"
    )


def decode_token(token: object, *, expected_kind: str | None = None) -> ContinuationState:
    """Check and read a token; any problem is an :class:`InvalidInputError` raised before any request."""
    if not isinstance(token, str):
        raise _invalid(f"expected a string, got {type(token).__name__}")
    if len(token) > _MAX_TOKEN_LENGTH:
        raise _invalid("too long")
    try:
        data: object = json.loads(token)
    except json.JSONDecodeError:
        raise _invalid("not JSON") from None
    if not isinstance(data, dict):
        raise _invalid("not a JSON object")
    version = data.get("v")
    if version != TOKEN_VERSION or isinstance(version, bool):
        raise _invalid(f"unsupported version {version!r} (this SDK reads version {TOKEN_VERSION})")
    kind, url, origin_text = data.get("kind"), data.get("operation_location"), data.get("origin")
    if not isinstance(kind, str) or not kind:
        raise _invalid('missing "kind"')
    if expected_kind is not None and kind != expected_kind:
        raise _invalid(f"it belongs to a {kind!r} operation, not {expected_kind!r}")
    if not isinstance(url, str) or not isinstance(origin_text, str):
        raise _invalid('missing "operation_location" or "origin"')
    origin = origin_of(origin_text)
    if origin is None or str(origin) != origin_text.rstrip("/").lower():
        raise _invalid('"origin" is not a plain http(s) origin')
    if origin_of(url) != origin:
        # A tampered token must not send the client's credentials to another host.
        raise _invalid('"operation_location" is not on the token\'s origin')
    return ContinuationState(kind=kind, operation_url=url, origin=origin)

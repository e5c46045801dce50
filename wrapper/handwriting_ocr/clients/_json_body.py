"""JSON request bodies, byte for byte what httpx's ``json=`` sends, without re-scanning base64 images.

httpx encodes ``json=`` with ``json.dumps(..., ensure_ascii=False, separators=(",", ":"),
allow_nan=False)`` and UTF-8. For a body carrying a base64 image that costs about 40 us per 16 KB
image, all of it spent checking each character of the base64 text for something to escape, which
base64 never has. :class:`Base64Text` (what the facades make) and long top-level strings that are plain printable ASCII without ``"`` or ``\\`` are
therefore copied into the encoded document as they are; everything else is encoded by ``json.dumps``
with httpx's settings, so the bytes on the wire are the same either way.
"""

from __future__ import annotations

import json
from typing import Any, Final

__all__ = ["JSON_CONTENT_TYPE", "Base64Text", "encode_json"]

#: The Content-Type httpx sets for ``json=`` bodies.
JSON_CONTENT_TYPE: Final = "application/json"

#: Strings shorter than this are left to ``json.dumps``: checking and splicing them saves nothing.
_SPLICE_MIN_CHARS: Final = 1024
#: Bytes that JSON escapes (with ``ensure_ascii=False``): the control characters, ``"`` and ``\``.
_ESCAPED: Final = bytes(range(0x20)) + b'"\\'


class Base64Text(str):
    """Base64 text made by the facades, with its ASCII bytes kept.

    It is an ordinary ``str`` to the generated models and to ``json.dumps``; :func:`encode_json`
    copies ``raw`` into the body without checking it, since base64 has nothing JSON would escape.
    """

    raw: bytes

    def __new__(cls, raw: bytes) -> Base64Text:
        text = super().__new__(cls, raw.decode("ascii"))
        text.raw = raw
        return text


def _dumps(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _verbatim(value: object) -> bytes | None:
    """``value`` as the bytes JSON would put between its quotes, if that is the text itself."""
    if isinstance(value, Base64Text):
        return value.raw
    if not isinstance(value, str) or len(value) < _SPLICE_MIN_CHARS:
        return None
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        return None
    # Nothing deleted: no byte needs escaping, so JSON would copy the text unchanged.
    return raw if len(raw.translate(None, _ESCAPED)) == len(raw) else None


def encode_json(document: Any) -> bytes:
    """The body httpx would send for ``json=document``."""
    if not isinstance(document, dict):
        return _dumps(document)
    verbatim = {key: raw for key, value in document.items() if (raw := _verbatim(value)) is not None}
    if not verbatim:
        return _dumps(document)
    # Encode with short placeholders, then put each long string in its placeholder's place. A
    # placeholder is only trusted if it occurs exactly once in the encoded document.
    stand_ins = {key: f"\x00handwriting_ocr.splice.{index}" for index, key in enumerate(verbatim)}
    encoded = _dumps({key: stand_ins.get(key, value) for key, value in document.items()})
    for key, raw in verbatim.items():
        placeholder = _dumps(stand_ins[key])
        if encoded.count(placeholder) != 1:  # another value holds the placeholder text
            return _dumps(document)
        encoded = encoded.replace(placeholder, b'"' + raw + b'"', 1)
    return encoded

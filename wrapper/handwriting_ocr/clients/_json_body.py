"""JSON request bodies, byte for byte what httpx's ``json=`` sends, without copying base64 images.

httpx encodes ``json=`` with ``json.dumps(..., ensure_ascii=False, separators=(",", ":"),
allow_nan=False)`` and UTF-8. A body carrying a base64 image made that way holds the image three
more times on its way out (the base64 text as a ``str``, the encoded document, the joined bytes):
5.3x the image size at the peak for a 7 MB image. Here the image's base64 bytes are made once and
never copied: a facade puts a :class:`Base64Text` stand-in into the generated request model, and
:func:`encode_json_parts` encodes the document around it, returning the pieces (text before, the
base64 bytes themselves, text after) that :class:`~handwriting_ocr._body.ReplayableBody`
sends one after the other. The bytes on the wire are those httpx would send for the same document.

Long top-level strings that are plain printable ASCII without ``"`` or ``\\`` are spliced the same
way (JSON would copy them unchanged), which also spares ``json.dumps`` scanning them.
"""

from __future__ import annotations

import binascii
import json
from typing import Any, Final

__all__ = ["JSON_CONTENT_TYPE", "Base64Text", "base64_pieces", "encode_json", "encode_json_parts"]

#: The Content-Type httpx sets for ``json=`` bodies.
JSON_CONTENT_TYPE: Final = "application/json"

#: Strings shorter than this are left to ``json.dumps``: checking and splicing them saves nothing.
_SPLICE_MIN_CHARS: Final = 1024
#: Bytes that JSON escapes (with ``ensure_ascii=False``): the control characters, ``"`` and ``\``.
_ESCAPED: Final = bytes(range(0x20)) + b'"\\'
#: Image bytes encoded at a time: a multiple of 3, so the pieces' concatenation is the base64 of the
#: whole. Encoding in one go holds about twice the base64 size at its peak (binascii over-allocates,
#: then shrinks); in pieces the peak is the base64 size plus one piece. The pieces are also what the
#: transports send (and copy while a send is partial): 1 MB of base64 keeps those copies small.
_B64_CHUNK: Final = 768 * 1024


def base64_pieces(data: bytes) -> tuple[bytes, ...]:
    """The base64 of ``data`` as consecutive pieces (see ``_B64_CHUNK``); joined, ``b64encode(data)``."""
    view = memoryview(data)
    return tuple(
        binascii.b2a_base64(view[start : start + _B64_CHUNK], newline=False)
        for start in range(0, len(view), _B64_CHUNK)
    ) or (b"",)


class Base64Text(str):
    """Stands for base64 bytes inside a generated request model, without a text copy of them.

    Its ``str`` value is only a short marker (a ``str`` is what the generated model's field is
    typed as); ``pieces`` hold the base64 bytes, which :func:`encode_json_parts` puts in the
    marker's place. It is an internal type of the facades: nothing else should encode a model
    holding one.
    """

    pieces: tuple[bytes, ...]

    def __new__(cls, raw: bytes | tuple[bytes, ...]) -> Base64Text:
        pieces = (raw,) if isinstance(raw, bytes) else raw
        size = sum(len(piece) for piece in pieces)
        text = super().__new__(cls, f"<base64 image, {size} bytes>")
        text.pieces = pieces
        return text

    @classmethod
    def of(cls, data: bytes) -> Base64Text:
        """The base64 of image ``data``, encoded in pieces."""
        return cls(base64_pieces(data))

    @property
    def raw(self) -> bytes:
        """All of it in one piece (a copy when there are several: for tests and the slow path)."""
        return self.pieces[0] if len(self.pieces) == 1 else b"".join(self.pieces)


def _dumps(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _verbatim(value: object) -> tuple[bytes, ...] | None:
    """``value`` as the bytes JSON would put between its quotes, if that is the text itself."""
    if isinstance(value, Base64Text):
        return value.pieces
    if not isinstance(value, str) or len(value) < _SPLICE_MIN_CHARS:
        return None
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        return None
    # Nothing deleted: no byte needs escaping, so JSON would copy the text unchanged.
    return (raw,) if len(raw.translate(None, _ESCAPED)) == len(raw) else None


def _plain(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every stand-in replaced by the text it stands for (the slow, safe path)."""
    return {
        key: value.raw.decode("ascii") if isinstance(value, Base64Text) else value
        for key, value in document.items()
    }


def encode_json_parts(document: Any) -> list[bytes]:
    """The body httpx would send for ``json=document``, as pieces to send one after the other.

    Joined, the pieces are exactly httpx's bytes; long verbatim strings (and every
    :class:`Base64Text`) are pieces of their own, the very objects the document holds.
    """
    if not isinstance(document, dict):
        return [_dumps(document)]
    verbatim = {key: raw for key, value in document.items() if (raw := _verbatim(value)) is not None}
    if not verbatim:
        return [_dumps(document)]
    # Encode with short placeholders, then cut the encoded document at each of them. A placeholder
    # is only trusted if it occurs exactly once in the encoded document.
    stand_ins = {key: f"\x00handwriting_ocr.splice.{index}" for index, key in enumerate(verbatim)}
    encoded = _dumps({key: stand_ins.get(key, value) for key, value in document.items()})
    pieces: list[bytes] = []
    rest = encoded
    for key, raw in verbatim.items():
        placeholder = _dumps(stand_ins[key])
        if encoded.count(placeholder) != 1:  # another value holds the placeholder text
            return [_dumps(_plain(document))]
        before, after = rest.split(placeholder, 1)
        pieces.append(before + b'"')
        pieces.extend(raw)
        rest = b'"' + after
    pieces.append(rest)
    return pieces


def encode_json(document: Any) -> bytes:
    """The body httpx would send for ``json=document``, in one piece."""
    return b"".join(encode_json_parts(document))

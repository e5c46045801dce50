"""The facades' JSON bodies are byte for byte what httpx's ``json=`` would send."""

from __future__ import annotations

import base64
import json

import httpx
from handwriting_ocr import samples
from handwriting_ocr.clients._json_body import JSON_CONTENT_TYPE, Base64Text, encode_json, encode_json_parts
from hypothesis import given
from hypothesis import strategies as st


def httpx_json(document: object) -> tuple[bytes, str]:
    request = httpx.Request("POST", "https://ocr.example/", json=document)
    return request.read(), request.headers["content-type"]


def test_a_base64_image_body_is_what_httpx_sends() -> None:
    image = base64.b64encode(samples.read_bytes("glory.png")).decode("ascii")
    document = {"image": image, "quick_mode": False, "char_set": "général", "url": None}

    body = encode_json(document)

    assert (body, JSON_CONTENT_TYPE) == httpx_json(document)
    assert b'"image":"' + image.encode() + b'"' in body


def test_long_strings_that_need_escaping_are_encoded_by_json() -> None:
    document = {
        "quoted": 'say "hi" ' * 200,
        "backslash": "a\\b" * 500,
        "control": "line\n" * 300,
        "unicode": "é" * 2000,
        "plain": "x" * 2000,
    }

    assert encode_json(document) == httpx_json(document)[0]


def test_a_document_holding_the_placeholder_text_is_still_encoded_exactly() -> None:
    document = {"image": "A" * 4096, "note": "\x00handwriting_ocr.splice.0"}

    assert encode_json(document) == httpx_json(document)[0]


@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(max_size=40),
            st.text(alphabet='ABCxyz019+/="\\\n é', min_size=1000, max_size=1500),
            st.lists(st.integers(), max_size=3),
        ),
        max_size=4,
    )
)
def test_any_body_matches_httpx(document: dict[str, object]) -> None:
    assert encode_json(document) == httpx_json(document)[0]


def test_non_object_bodies_match_httpx() -> None:
    for document in ([1, "a" * 2000], "b" * 3000, 5, 0.5):
        assert encode_json(document) == httpx_json(document)[0]


def test_base64_text_stands_for_its_bytes_without_a_text_copy() -> None:
    raw = base64.b64encode(samples.read_bytes("note.png"))
    text = Base64Text(raw)
    document = {"appid": "1250000000", "image": text, "url": None}
    plain = {"appid": "1250000000", "image": raw.decode("ascii"), "url": None}

    assert len(text) < 64  # only a marker: the base64 is held once, as bytes
    assert json.loads(encode_json(document)) == plain
    assert encode_json(document) == httpx_json(plain)[0]
    pieces = encode_json_parts(document)
    assert any(piece is raw for piece in pieces)  # sent as it is, never copied into a joined body


def test_base64_text_survives_a_placeholder_clash() -> None:
    """A value that happens to hold the splice placeholder forces the safe path: still httpx's bytes."""
    raw = base64.b64encode(b"\x89PNG" * 400)
    clash = "\x00handwriting_ocr.splice.0"
    document = {"a": clash, "image": Base64Text(raw)}
    assert encode_json(document) == httpx_json({"a": clash, "image": raw.decode("ascii")})[0]

"""Request bodies that auth flows hash and re-send: which are replayed as they are, which are read."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import IO

import httpx
from handwriting_ocr._body import SMALL_PIECE, ReplayableBody, body_sha256, coalesced, ensure_replayable


def multipart(file: IO[bytes] | bytes) -> httpx.Request:
    return httpx.Request(
        "POST", "http://x/ocr", data={"appid": "1"}, files={"image": ("a.png", file, "image/png")}
    )


def sent(request: httpx.Request) -> bytes:
    stream = request.stream
    assert isinstance(stream, httpx.SyncByteStream)
    return b"".join(stream)


def test_a_multipart_body_over_bytes_or_a_rewindable_file_is_neither_read_nor_joined() -> None:
    for file in (b"\x89PNG" * 1000, io.BytesIO(b"\x89PNG" * 1000)):
        request = multipart(file)
        ensure_replayable(request)
        assert not hasattr(request, "_content")  # not read into one bytes object
        first = sent(request)
        assert sent(request) == first  # rendered again from its parts, identical
        assert body_sha256(request) == hashlib.sha256(first).hexdigest()
        assert not hasattr(request, "_content")


def test_a_one_shot_body_is_read_once_so_that_it_can_be_hashed_and_re_sent() -> None:
    def chunks() -> Iterator[bytes]:
        yield b"abc"
        yield b"def"

    request = httpx.Request("POST", "http://x/ocr", content=chunks())
    ensure_replayable(request)
    assert request.content == b"abcdef"
    assert body_sha256(request) == hashlib.sha256(b"abcdef").hexdigest()
    assert sent(request) == sent(request) == b"abcdef"


def test_a_multipart_body_over_a_file_that_cannot_rewind_is_read() -> None:
    class OneShot(io.RawIOBase):
        def __init__(self) -> None:
            self.left = b"data"

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
            count = min(len(buffer), len(self.left))
            buffer[:count], self.left = self.left[:count], self.left[count:]
            return count

    request = multipart(io.BufferedReader(OneShot()))
    ensure_replayable(request)
    assert b"data" in request.content
    assert sent(request) == sent(request)


def test_pieces_are_hashed_and_sent_in_order_any_number_of_times() -> None:
    body = ReplayableBody([b'{"image": "', b"QUJD", b'"}'])
    request = body.attach(httpx.Request("POST", "http://x", content=iter([b""])))
    assert request.headers["Content-Length"] == str(len(b'{"image": "QUJD"}'))
    assert sent(request) == sent(request) == b'{"image": "QUJD"}'
    assert body_sha256(request) == hashlib.sha256(b'{"image": "QUJD"}').hexdigest()


def test_small_neighbouring_pieces_are_joined_and_large_ones_kept_as_they_are() -> None:
    image = b"I" * SMALL_PIECE
    pieces = coalesced([b"{", b'"a": "', image, b'"', b"}"])
    assert pieces == (b'{"a": "', image, b'"}')
    assert pieces[1] is image  # never copied
    assert coalesced([b"x" * 40_000, b"y" * 40_000]) == (b"x" * 40_000, b"y" * 40_000)
    assert coalesced([b"a", b"b", b"c"]) == (b"abc",)
    assert coalesced([]) == ()


class Capture(httpx.BaseTransport):
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = {"code": 0, "message": "OK", "data": {"session_id": "s", "items": []}}
        return httpx.Response(200, json=answer)


def test_a_multipart_upload_is_sent_as_framing_and_the_callers_own_image_bytes() -> None:
    from handwriting_ocr import samples
    from handwriting_ocr.clients.tencent import TencentOcrClient

    small = samples.read_bytes("note.png")
    large = small + b"\0" * (2 * SMALL_PIECE)
    capture = Capture()
    client = TencentOcrClient(
        "1250000000", "AKIDsecretid00", "s3cretk3y00", endpoint="http://x", transport=capture
    )
    for data in (small, large):
        client.recognize_handwriting(data, mode="multipart")
        request = capture.requests[-1]
        stream = request.stream
        assert isinstance(stream, ReplayableBody)
        body = b"".join(stream.pieces)
        assert int(request.headers["Content-Length"]) == len(body)
        boundary = request.headers["Content-Type"].split("boundary=")[1].encode()
        assert body.startswith(b"--" + boundary) and body.endswith(b"--" + boundary + b"--\r\n")
        assert data in body
        if data is small:
            assert len(stream.pieces) == 1  # one write
        else:
            assert len(stream.pieces) == 3 and stream.pieces[1] is large  # the image, not a copy

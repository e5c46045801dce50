"""The HTTP layer over raw loopback sockets: one write per response, keep-alive, chunked bodies, shutdown."""

from __future__ import annotations

import io
import socket
import socketserver
import threading
from collections.abc import Iterator

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig, PortInUseError, serve
from handwriting_ocr.errors import InvalidInputError

from tests.emulator.helpers import AZURE_KEY, EmulatorFactory, png


@pytest.fixture
def conn(emu: Emulator) -> Iterator[socket.socket]:
    sock = socket.create_connection(("127.0.0.1", emu.port), timeout=5)
    yield sock
    sock.close()


def read_response(sock: socket.socket) -> tuple[bytes, bytes]:
    """(head, body) of one response, read by Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before the headers"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(
            line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
        )
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head, body


def test_each_response_is_one_write_on_a_nodelay_socket(
    emu: Emulator, conn: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[bytes] = []
    nodelay: list[int] = []
    # The handler's wfile is socketserver's private, unbuffered _SocketWriter: each write() is a sendall.
    writer_class: type[io.BufferedIOBase] = getattr(socketserver, "_SocketWriter")  # noqa: B009
    original = writer_class.write

    def recording_write(self: io.BufferedIOBase, data: bytes) -> int:
        sock: socket.socket = getattr(self, "_sock")  # noqa: B009
        writes.append(bytes(data))
        nodelay.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        return original(self, data)

    monkeypatch.setattr(writer_class, "write", recording_write)
    for _ in range(2):
        conn.sendall(b"GET /samples/note.png HTTP/1.1\r\nHost: x\r\n\r\n")
        _, body = read_response(conn)
        assert body == samples.read_bytes("note.png")

    assert len(writes) == 2  # one write per response: status line, headers and body together
    assert writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
    assert writes[0].endswith(samples.read_bytes("note.png"))
    assert b"\r\nContent-Type: image/png\r\n" in writes[0]
    assert nodelay == [1, 1]


def test_keep_alive_serves_many_requests_on_one_connection(conn: socket.socket) -> None:
    for _ in range(3):
        conn.sendall(b"GET /samples/glory.png HTTP/1.1\r\nHost: x\r\n\r\n")
        head, body = read_response(conn)
        assert head.startswith(b"HTTP/1.1 200 OK")
        assert b"Connection: close" not in head
        assert body == samples.read_bytes("glory.png")


def test_connection_close_is_honoured(conn: socket.socket) -> None:
    conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _ = read_response(conn)

    assert b"\r\nConnection: close" in head
    assert conn.recv(10) == b""


def test_chunked_request_bodies_are_read(conn: socket.socket) -> None:
    image = png(64, 64)
    chunks = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (image[:30], image[30:]))
    conn.sendall(
        b"POST /vision/v2.0/read/core/asyncBatchAnalyze HTTP/1.1\r\nHost: x\r\n"
        + f"Ocp-Apim-Subscription-Key: {AZURE_KEY}\r\n".encode()
        + b"Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunks
        + b"0\r\n\r\n"
    )
    head, body = read_response(conn)

    assert head.startswith(b"HTTP/1.1 202 Accepted")
    assert b"\r\nOperation-Location: http://x/vision/v2.0/read/operations/" in head
    assert body == b""


def test_oversized_bodies_are_refused_before_reading(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(max_body_bytes=1000))
    with httpx.Client(base_url=emu.base_url) as http:
        response = http.post("/ocr/handwriting", content=b"x" * 1001)

    assert response.status_code == 413


def test_head_gets_headers_only(conn: socket.socket) -> None:
    conn.sendall(b"HEAD /samples/note.png HTTP/1.1\r\nHost: x\r\n\r\n")
    conn.settimeout(1)
    data = conn.recv(65536)

    head, _, rest = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert f"Content-Length: {len(samples.read_bytes('note.png'))}".encode() in head
    assert rest == b""


def test_index_lists_endpoints_and_samples(emu: Emulator, http: httpx.Client) -> None:
    body = http.get("/").json()

    assert body["endpoints"]["azure_v2"] == emu.azure_v2_url
    assert body["endpoints"]["huawei_ocr"] == emu.huawei_ocr_url
    assert body["endpoints"]["tencent"] == emu.tencent_handwriting_url
    assert body["endpoints"]["azure_read_v3"] == emu.azure_read_v3_url == f"{emu.base_url}/vision/v3.2"
    assert body["endpoints"]["azure_image_analysis"] == emu.azure_image_analysis_url
    assert emu.azure_image_analysis_url == f"{emu.base_url}/computervision"
    assert body["endpoints"]["tencent_v3"] == emu.tencent_v3_url == f"{emu.base_url}/"
    assert emu.tencent_v3_host == f"127.0.0.1:{emu.port}"
    assert body["quotas"] == {"azure": None, "huawei": None, "tencent": None, "tencent_v3": None}
    assert body["operation_duration"] == "3 s"
    assert body["samples"] == [emu.sample_url(name) for name in samples.names()]
    assert body["blank_sample"] == emu.sample_url("blank.png")
    assert http.get("/samples/missing.png").status_code == 404
    assert http.get("/elsewhere").status_code == 404


def test_stop_closes_idle_keep_alive_connections() -> None:
    emu = Emulator().start()
    sock = socket.create_connection(("127.0.0.1", emu.port), timeout=5)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    read_response(sock)

    emu.stop()

    assert sock.recv(10) == b""  # the server side closed it
    sock.close()
    with pytest.raises(InvalidInputError):
        _ = emu.base_url


def test_a_busy_port_is_a_typed_error(emu: Emulator) -> None:
    with pytest.raises(PortInUseError) as caught:
        Emulator(port=emu.port).start()

    assert isinstance(caught.value, InvalidInputError)
    assert (caught.value.host, caught.value.port) == ("127.0.0.1", emu.port)
    assert str(caught.value) == (
        f"port {emu.port} on 127.0.0.1 is in use (choose another port, or 0 for any free port)"
    )


def test_serve_blocks_until_stopped_and_reports_readiness() -> None:
    stop = threading.Event()
    ready: list[str] = []

    def on_ready(emulator: Emulator) -> None:
        ready.append(emulator.base_url)
        stop.set()  # a real CLI would print the URL and wait for Ctrl-C

    thread = threading.Thread(target=serve, kwargs={"port": 0, "ready": on_ready, "stop": stop})
    thread.start()
    thread.join(timeout=10)

    assert not thread.is_alive()
    assert ready and ready[0].startswith("http://127.0.0.1:")


def test_concurrent_clients_are_served(emu: Emulator) -> None:
    results: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(base_url=emu.base_url) as client:
            for _ in range(10):
                status = client.post(
                    "/vision/v2.0/read/core/asyncBatchAnalyze",
                    headers={
                        "Ocp-Apim-Subscription-Key": AZURE_KEY,
                        "Content-Type": "application/octet-stream",
                    },
                    content=png(64, 64),
                ).status_code
                with lock:
                    results.append(status)

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert results == [202] * 320


@pytest.mark.parametrize("length", [b"-5", b"abc"])
def test_a_bad_content_length_is_a_400_not_a_hang(conn: socket.socket, length: bytes) -> None:
    conn.sendall(b"POST /ocr/handwriting HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\n")
    head, body = read_response(conn)

    assert head.startswith(b"HTTP/1.1 400 Bad Request")
    assert b"\r\nConnection: close" in head
    assert body == b"malformed request body"

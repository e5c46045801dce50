"""memory: the extra peak memory of one upload near each provider's size limit.

Target (issue 8): every body kind (raw bytes, multipart, base64 inside JSON) costs at most 2x the
image size in extra peak memory (tracemalloc), near each provider's size limit.

For each body kind and credential, one call with an image just under the provider's limit, the
image already in memory: ``tracemalloc`` is started right before the call (after a warm-up call with
a small image, so imports, the connection and a fetched token are not counted), and the figure is
the traced peak during the call over the image size. Three ways to send it:

* ``drain`` (sync and async): a transport that reads the request's stream piece by piece and drops
  each piece, as a socket would send it, and answers with the provider's answer captured from the
  emulator beforehand. (``httpx.MockTransport`` joins the body into one ``bytes`` before answering,
  which would count one more copy of it.)
* ``emulator`` (sync and async): the real HTTP transport to the emulator in its own process, for
  comparison. What a partial ``send`` leaves of a piece is copied on the way: httpcore's sync writer
  re-slices it (``buffer = buffer[n:]``), and asyncio's selector transport (Python 3.11) slices it
  (``data[n:]``) and then copies it into its write buffer. So these figures also depend on the size
  of the body's pieces and on how much the kernel takes per ``send``.

Only memory allocated by the benchmark process is traced (the emulator's own is not).
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, Final

import attrs
import httpx

from scripts.bench.common import Figures, Table, fmt, main_for, table, verdict
from scripts.bench.emulator import (
    AZURE_KEY,
    HUAWEI_ACCESS_KEY,
    HUAWEI_DOMAIN,
    HUAWEI_PASSWORD,
    HUAWEI_PROJECT_ID,
    HUAWEI_SECRET_KEY,
    HUAWEI_USER,
    TENCENT_APPID,
    TENCENT_REGION,
    TENCENT_SECRET_ID,
    TENCENT_SECRET_KEY,
    EmulatorProcess,
)

NAME: Final = "memory"
TARGET: Final = 2.0
MIB: Final = 1024 * 1024
#: How far under each limit the images stay.
MARGIN: Final = 64 * 1024


def image_of(size: int) -> bytes:
    """A valid PNG of exactly ``size`` bytes: a bundled sample with a trailer after its end."""
    from handwriting_ocr import samples

    base = samples.read_bytes("glory.png")
    return base + bytes(size - len(base))


def raw_for_base64(limit: int) -> int:
    """The largest image (a multiple of 3 bytes) whose base64 text is at most ``limit`` bytes."""
    return (limit // 4) * 3


# --- capturing the answers, and a transport that drains the request --------------------------------------


@attrs.frozen
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self) -> httpx.Response:
        return httpx.Response(self.status, headers=list(self.headers), content=self.body)


def _key(request: httpx.Request) -> str:
    return f"{request.method} {request.url.path}"


class Recorder(httpx.BaseTransport):
    """Forwards to the real transport and keeps the last answer per method and path."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.answers: dict[str, Answer] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        self.answers[_key(request)] = Answer(
            response.status_code, tuple(response.headers.multi_items()), body
        )
        return response

    def close(self) -> None:
        self.inner.close()


class Drain(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Reads every request's stream piece by piece (never joining it) and answers as captured."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.sent: list[int] = []

    def _answer(self, request: httpx.Request, sent: int) -> httpx.Response:
        self.sent.append(sent)
        return self.answers[_key(request)].response()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        sent = 0
        for piece in request.stream:
            sent += len(piece)
        return self._answer(request, sent)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        sent = 0
        async for piece in request.stream:
            sent += len(piece)
        return self._answer(request, sent)


# --- the cases -------------------------------------------------------------------------------------------

#: Builds a facade: (sync?, base URL, transport, Huawei token) -> client.
Build = Callable[[bool, str, Any, str], Any]
#: One call on the client with an image (sync: returns; async: an awaitable).
Call = Callable[[Any, bytes], Any]


@attrs.frozen
class Case:
    provider: str
    body: str
    auth: str
    #: "token-style" or "signing".
    auth_kind: str
    limit: str
    image_size: int
    build: Build
    call: Call


def _huawei(**auth: str) -> Build:
    def build(sync: bool, base: str, transport: Any, token: str) -> Any:
        from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient

        chosen: dict[str, Any] = {
            key: (token if value == "<token>" else value) for key, value in auth.items()
        }
        cls = HuaweiOcrClient if sync else AsyncHuaweiOcrClient
        extra: dict[str, Any] = {"iam_endpoint": base} if "iam_user" in chosen else {}
        return cls(project_id=HUAWEI_PROJECT_ID, endpoint=base, transport=transport, **chosen, **extra)

    return build


def _tencent(sync: bool, base: str, transport: Any, token: str) -> Any:
    from handwriting_ocr.clients.tencent import AsyncTencentOcrClient, TencentOcrClient

    cls = TencentOcrClient if sync else AsyncTencentOcrClient
    return cls(TENCENT_APPID, TENCENT_SECRET_ID, TENCENT_SECRET_KEY, endpoint=base, transport=transport)


def _tencent_v3(sync: bool, base: str, transport: Any, token: str) -> Any:
    from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client, TencentOcrV3Client

    cls = TencentOcrV3Client if sync else AsyncTencentOcrV3Client
    return cls(
        TENCENT_SECRET_ID, TENCENT_SECRET_KEY, region=TENCENT_REGION, endpoint=base, transport=transport
    )


def _azure(sync: bool, base: str, transport: Any, token: str) -> Any:
    from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient

    cls = AzureVisionClient if sync else AsyncAzureVisionClient
    return cls(base, AZURE_KEY, transport=transport)


HUAWEI_RAW: Final = raw_for_base64(10 * MIB - MARGIN)
TENCENT_JSON_RAW: Final = raw_for_base64(6 * MIB - MARGIN)

CASES: Final = (
    Case(
        "Huawei",
        "base64 JSON",
        "token",
        "token-style",
        "10 MB of base64",
        HUAWEI_RAW,
        _huawei(token="<token>"),
        lambda c, image: c.recognize_handwriting(image),
    ),
    Case(
        "Huawei",
        "base64 JSON",
        "IAM password (token fetched)",
        "token-style",
        "10 MB of base64",
        HUAWEI_RAW,
        _huawei(iam_domain=HUAWEI_DOMAIN, iam_user=HUAWEI_USER, iam_password=HUAWEI_PASSWORD),
        lambda c, image: c.recognize_handwriting(image),
    ),
    Case(
        "Huawei",
        "base64 JSON",
        "AK/SK signature",
        "signing",
        "10 MB of base64",
        HUAWEI_RAW,
        _huawei(access_key=HUAWEI_ACCESS_KEY, secret_key=HUAWEI_SECRET_KEY),
        lambda c, image: c.recognize_handwriting(image),
    ),
    Case(
        "Tencent legacy",
        "base64 JSON",
        "legacy signature",
        "signing",
        "6 MB of body",
        TENCENT_JSON_RAW,
        _tencent,
        lambda c, image: c.recognize_handwriting(image, mode="json"),
    ),
    Case(
        "Tencent legacy",
        "multipart",
        "legacy signature",
        "signing",
        "6 MB of body",
        6 * MIB - MARGIN,
        _tencent,
        lambda c, image: c.recognize_handwriting(image, mode="multipart"),
    ),
    Case(
        "Tencent API 3.0",
        "base64 JSON",
        "TC3 signature",
        "signing",
        "10 MB of base64",
        HUAWEI_RAW,
        _tencent_v3,
        lambda c, image: c.recognize_handwriting(image),
    ),
    Case(
        "Azure Read v3.2",
        "octet-stream",
        "key",
        "token-style",
        "20 MB (of 500 MB)",
        20 * MIB,
        _azure,
        lambda c, image: c.read(image),
    ),
)


# --- measuring ----------------------------------------------------------------------------------------------


@attrs.frozen
class Peak:
    extra: int
    sent: int


def _traced(call: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


async def _traced_async(call: Callable[[], Awaitable[object]]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        await call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


def _capture(case: Case, base: str, token: str, small: bytes) -> dict[str, Answer]:
    recorder = Recorder()
    client = case.build(True, base, recorder, token)
    try:
        case.call(client, small)
    finally:
        client.close()
    return recorder.answers


def _sync(case: Case, base: str, token: str, transport: Any, small: bytes, image: bytes) -> int:
    client = case.build(True, base, transport, token)
    try:
        case.call(client, small)  # warm-up: imports, connection, token
        return _traced(lambda: case.call(client, image))
    finally:
        client.close()


def _async(case: Case, base: str, token: str, transport: Any, small: bytes, image: bytes) -> int:
    async def go() -> int:
        client = case.build(False, base, transport, token)
        try:
            await case.call(client, small)
            return await _traced_async(lambda: case.call(client, image))
        finally:
            await client.aclose()

    return asyncio.run(go())


def _measure(case: Case, emu: EmulatorProcess, token: str) -> Figures:
    small = image_of(16 * 1024)
    image = image_of(case.image_size)
    answers = _capture(case, emu.base_url, token, small)
    drain = Drain(answers)
    sync_drain = _sync(case, emu.base_url, token, drain, small, image)
    body = drain.sent[-1] if case.provider != "Azure Read v3.2" else drain.sent[-2]
    async_drain = _async(case, emu.base_url, token, Drain(answers), small, image)
    emulator = _sync(case, emu.base_url, token, None, small, image)
    emulator_async = _async(case, emu.base_url, token, None, small, image)
    size = len(image)
    row: Figures = {
        "provider": case.provider,
        "body": case.body,
        "auth": case.auth,
        "auth_kind": case.auth_kind,
        "limit": case.limit,
        "image_bytes": size,
        "body_bytes": body,
        "extra_bytes": {
            "drain_sync": sync_drain,
            "drain_async": async_drain,
            "emulator_sync": emulator,
            "emulator_async": emulator_async,
        },
        "ratio": {
            "drain_sync": sync_drain / size,
            "drain_async": async_drain / size,
            "emulator_sync": emulator / size,
            "emulator_async": emulator_async / size,
        },
    }
    row["worst"] = max(row["ratio"].values())
    row["passed"] = row["worst"] <= TARGET
    print(
        f"  {case.provider} {case.body} ({case.auth}): {size / MIB:.1f} MiB image, "
        + ", ".join(f"{key} {value:.2f}x" for key, value in row["ratio"].items()),
        flush=True,
    )
    return row


def run(quick: bool) -> Figures:
    rows: list[Figures] = []
    with EmulatorProcess(processing_time=0.0) as emu:
        token = emu.huawei_token()
        for case in _cases(quick):
            rows.append(_measure(case, emu, token))
    return {"target": TARGET, "rows": rows, "passed": all(row["passed"] for row in rows)}


def _cases(quick: bool) -> Iterator[Case]:
    # The sizes are the point of this measurement: --quick changes nothing here (about 20 s).
    yield from CASES


def tables(figures: Figures) -> list[Table]:
    rows = []
    for row in figures["rows"]:
        ratio = row["ratio"]
        rows.append(
            (
                row["provider"],
                row["body"],
                row["auth"],
                row["limit"],
                fmt(row["image_bytes"] / MIB, 2),
                fmt(row["body_bytes"] / MIB, 2),
                fmt(ratio["drain_sync"], 2, unit="x"),
                fmt(ratio["drain_async"], 2, unit="x"),
                fmt(ratio["emulator_sync"], 2, unit="x"),
                fmt(ratio["emulator_async"], 2, unit="x"),
                verdict(row["passed"]),
            )
        )
    return [
        table(
            "memory: extra peak memory of one call, as a multiple of the image size (tracemalloc)",
            (
                "Provider",
                "Body",
                "Auth",
                "Limit",
                "Image MiB",
                "Body MiB",
                "Drain, sync",
                "Drain, async",
                "Emulator, sync",
                "Emulator, async",
                "Target <= 2x",
            ),
            rows,
            "Drain: a transport that reads the request stream piece by piece without joining it. "
            "Emulator: the real HTTP transport to the emulator process (httpcore's sync writer, and "
            "asyncio's transport twice, copy what a partial send leaves of each piece). The image itself "
            "is not counted (it is in memory before the call). The target is judged on every column.",
            text=4,
        )
    ]


def main() -> int:
    return main_for(NAME, run, tables, __doc__.splitlines()[0] if __doc__ else NAME)


if __name__ == "__main__":
    raise SystemExit(main())

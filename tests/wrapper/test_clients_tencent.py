"""TencentOcrClient / AsyncTencentOcrClient against respx: body forms, signature, envelope codes, env."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest
import respx
from handwriting_ocr.clients.tencent import AsyncTencentOcrClient, TencentOcrClient
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import (
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    QuotaExceededError,
    RateLimitError,
)
from handwriting_ocr.retries import RetryPolicy
from handwriting_ocr.signing import tencent as tencent_signing
from tencent_ocr_client.api.default import recognize_handwriting
from tencent_ocr_client.models.handwriting_response import HandwritingResponse
from tencent_ocr_client.models.ocr_request import OcrRequest

from tests.wrapper.test_clients__support import MODES, Mode, gif, json_bytes, padded_png, png, settle

HANDWRITING_URL = "https://recognition.image.myqcloud.com/ocr/handwriting"
GENERAL_URL = "https://recognition.image.myqcloud.com/ocr/general"
APPID = "1250000000"
SECRET_ID = "AKIDexample"
SECRET_KEY = "secret-KEY-value"

ANSWER = {
    "code": 0,
    "message": "OK",
    "data": {
        "session_id": "s-1",
        "items": [
            {
                "itemstring": "只要有",
                "itemcoord": {"x": 37, "y": 22, "width": 221, "height": 40},
                "words": [
                    {"character": "只", "confidence": 0.99},
                    {"character": "要", "confidence": 0.98},
                    {"character": "有", "confidence": 0.97},
                ],
                "coords": [],
                "candword": [],
            }
        ],
    },
}

FAST_RETRY = RetryPolicy(base_backoff=0.001, max_backoff=0.002, jitter=0.0)

Client = TencentOcrClient | AsyncTencentOcrClient


def make(mode: Mode, **kwargs: object) -> Client:
    options: dict[str, object] = {"retry": FAST_RETRY, **kwargs}
    if "auth" not in options:
        options.setdefault("appid", APPID)
        options.setdefault("secret_id", SECRET_ID)
        options.setdefault("secret_key", SECRET_KEY)
    cls = TencentOcrClient if mode == "sync" else AsyncTencentOcrClient
    return cls(**options)  # type: ignore[arg-type]


async def close(client: Client) -> None:
    if isinstance(client, TencentOcrClient):
        client.close()
    else:
        await client.aclose()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def signature_fields(request: httpx.Request) -> tencent_signing.SignatureFields:
    signature = request.headers["Authorization"]
    assert tencent_signing.verify(signature, SECRET_KEY)
    decoded = tencent_signing.decode(signature)
    assert decoded is not None
    fields = tencent_signing.parse_original(decoded[1])
    assert fields is not None
    return fields


@pytest.mark.parametrize("mode", MODES)
async def test_url_json_request_is_exact(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    client = make(mode, bucket="notes")
    result = await settle(client.recognize_handwriting(url="https://img.example.com/hw.jpg"))
    await close(client)

    assert isinstance(result, HandwritingResponse)
    assert result.to_dict() == ANSWER
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == HANDWRITING_URL
    assert request.headers["Content-Type"] == "application/json"
    assert request.content == json_bytes(
        {"appid": APPID, "bucket": "notes", "url": "https://img.example.com/hw.jpg"}
    )
    fields = signature_fields(request)
    assert (fields.appid, fields.bucket, fields.secret_id) == (APPID, "notes", SECRET_ID)
    assert fields.expires_at > fields.signed_at


@pytest.mark.parametrize("mode", MODES)
async def test_base64_json_request_is_exact(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    image = png()
    client = make(mode)
    await settle(client.recognize_handwriting(image, mode="json"))
    await close(client)
    # Without a bucket, none is sent (and the signature's b= is empty).
    request = route.calls.last.request
    assert request.content == json_bytes({"appid": APPID, "image": base64.b64encode(image).decode("ascii")})
    assert signature_fields(request).bucket == ""


@pytest.mark.parametrize("mode", MODES)
async def test_multipart_request_is_exact(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    image = png()
    client = make(mode, bucket="notes")
    await settle(client.recognize_handwriting(image))  # bytes default to multipart
    await close(client)
    request = route.calls.last.request
    assert request.headers["Content-Type"] == "multipart/form-data; boundary=+++"
    expected = (
        b'--+++\r\nContent-Disposition: form-data; name="appid"\r\nContent-Type: text/plain\r\n\r\n'
        + APPID.encode()
        + b'\r\n--+++\r\nContent-Disposition: form-data; name="image"; filename="image.png"\r\n'
        b"Content-Type: image/png\r\n\r\n"
        + image
        + b'\r\n--+++\r\nContent-Disposition: form-data; name="bucket"\r\nContent-Type: text/plain\r\n\r\n'
        b"notes\r\n--+++--\r\n"
    )
    assert request.content == expected
    assert request.headers["Content-Length"] == str(len(expected))


@pytest.mark.parametrize("mode", MODES)
async def test_general_and_recognize(mode: Mode, router: respx.MockRouter) -> None:
    general = router.post(GENERAL_URL).respond(200, json=ANSWER)
    handwriting = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    client = make(mode)
    result = await settle(client.general("https://img.example.com/print.png"))
    document = await settle(client.recognize(url="https://img.example.com/hw.png"))
    await close(client)
    assert result.code == 0
    assert general.calls.last.request.content == json_bytes(
        {"appid": APPID, "url": "https://img.example.com/print.png"}
    )
    assert handwriting.call_count == 1
    assert isinstance(document, Document)
    assert [line.text for page in document.pages for line in page.lines] == ["只要有"]


@pytest.mark.parametrize("mode", MODES)
async def test_expired_signature_is_resigned_once(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL)
    route.side_effect = [
        httpx.Response(200, json={"code": 9, "message": "signature expired"}),
        httpx.Response(200, json=ANSWER),
    ]
    client = make(mode)
    result = await settle(client.recognize_handwriting(url="https://img.example.com/a.png"))
    await close(client)
    assert result.code == 0
    first, second = (call.request for call in route.calls)
    assert first.content == second.content
    assert first.headers["Authorization"] != second.headers["Authorization"]
    assert tencent_signing.verify(second.headers["Authorization"], SECRET_KEY)


@pytest.mark.parametrize("mode", MODES)
async def test_code_15_throttling_is_retried(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL)
    route.side_effect = [
        httpx.Response(200, json={"code": 15, "message": "rate limited"}),
        httpx.Response(200, json=ANSWER),
    ]
    client = make(mode)
    result = await settle(client.recognize_handwriting(url="https://img.example.com/a.png"))
    await close(client)
    assert result.code == 0
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("body", "error", "code"),
    [
        ({"code": -1102, "message": "image decode failed"}, BadRequestError, "-1102"),
        ({"code": 3, "message": "account abnormal"}, QuotaExceededError, "3"),
        ({"code": 14, "message": "sign check failed"}, AuthenticationError, "14"),
        ({"code": 15, "message": "rate limited"}, RateLimitError, "15"),
    ],
)
@pytest.mark.parametrize("mode", MODES)
async def test_body_codes_are_mapped(
    mode: Mode, body: dict[str, object], error: type[Exception], code: str, router: respx.MockRouter
) -> None:
    router.post(HANDWRITING_URL).respond(200, json=body)
    client = make(mode, retry=RetryPolicy(max_attempts=1, throttle_retries=0))
    with pytest.raises(error) as caught:
        await settle(client.recognize_handwriting(url="https://img.example.com/a.png"))
    await close(client)
    assert getattr(caught.value, "code", None) == code


@pytest.mark.parametrize("mode", MODES)
async def test_from_env(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post("http://127.0.0.1:8400/ocr/handwriting").respond(200, json=ANSWER)
    env = {
        "TENCENT_APPID": "1300000001",
        "TENCENTCLOUD_SECRET_ID": SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": SECRET_KEY,
        "TENCENT_BUCKET": "bkt",
    }
    cls = TencentOcrClient if mode == "sync" else AsyncTencentOcrClient
    client = cls.from_env(env, endpoint="http://127.0.0.1:8400")
    await settle(client.recognize_handwriting(url="https://img.example.com/a.png"))
    await close(client)
    request = route.calls.last.request
    assert request.content == json_bytes(
        {"appid": "1300000001", "bucket": "bkt", "url": "https://img.example.com/a.png"}
    )
    assert signature_fields(request).bucket == "bkt"


def test_from_env_uses_os_environ(monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter) -> None:
    monkeypatch.setenv("TENCENT_APPID", APPID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)
    monkeypatch.delenv("TENCENT_BUCKET", raising=False)
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    with TencentOcrClient.from_env() as client:
        client.recognize_handwriting(url="https://img.example.com/a.png")
    assert signature_fields(route.calls.last.request).appid == APPID


@pytest.mark.parametrize("missing", ["TENCENT_APPID", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"])
@pytest.mark.parametrize("mode", MODES)
def test_from_env_missing_variable_is_named(mode: Mode, missing: str) -> None:
    env = {"TENCENT_APPID": APPID, "TENCENTCLOUD_SECRET_ID": SECRET_ID, "TENCENTCLOUD_SECRET_KEY": SECRET_KEY}
    del env[missing]
    cls = TencentOcrClient if mode == "sync" else AsyncTencentOcrClient
    with pytest.raises(InvalidInputError) as caught:
        cls.from_env(env)
    assert caught.value.field == missing


@pytest.mark.parametrize("mode", MODES)
async def test_callers_http_client(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    if mode == "sync":
        own = httpx.Client(headers={"X-Trace": "t1"})
        with TencentOcrClient(APPID, SECRET_ID, SECRET_KEY, http_client=own) as client:
            client.recognize_handwriting(url="https://img.example.com/a.png")
        assert not own.is_closed
        own.close()
    else:
        aown = httpx.AsyncClient(headers={"X-Trace": "t1"})
        async with AsyncTencentOcrClient(APPID, SECRET_ID, SECRET_KEY, http_client=aown) as aclient:
            await aclient.recognize_handwriting(url="https://img.example.com/a.png")
        assert not aown.is_closed
        await aown.aclose()
    request = route.calls.last.request
    assert request.headers["X-Trace"] == "t1"
    assert signature_fields(request).appid == APPID


BAD_INPUTS: list[tuple[dict[str, object], str]] = [
    ({"image": b""}, "empty"),
    ({"image": b"\x00\x01 not an image"}, "not recognised"),
    ({"image": gif(frames=3)}, "animated"),
    ({"image": padded_png(4_800_000), "mode": "json"}, "6 MB"),  # 6.4 MB of base64
    ({"image": padded_png(6_400_000), "mode": "multipart"}, "6 MB"),
    ({"url": "https://img.example.com/a.png", "mode": "multipart"}, "URL"),
    ({"image": "file:///etc/passwd"}, "http"),
    ({"image": png(), "url": "https://img.example.com/a.png"}, "not both"),
    ({}, "no image"),
    ({"image": png(), "mode": "xml"}, "mode"),
]


@pytest.mark.parametrize(("kwargs", "words"), BAD_INPUTS)
@pytest.mark.parametrize("mode", MODES)
async def test_bad_input_sends_nothing(
    mode: Mode, kwargs: dict[str, object], words: str, router: respx.MockRouter
) -> None:
    route = router.route()
    client = make(mode)
    with pytest.raises(InvalidInputError) as caught:
        await settle(client.recognize_handwriting(**kwargs))  # type: ignore[arg-type]
    await close(client)
    assert words in str(caught.value)
    assert route.call_count == 0


def test_credentials_are_required_and_hidden() -> None:
    with pytest.raises(InvalidInputError):
        TencentOcrClient(APPID, SECRET_ID)
    client = TencentOcrClient(APPID, SECRET_ID, "TOP-SECRET")
    assert "TOP-SECRET" not in repr(client)
    client.close()


def test_generated_client_is_signed(router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    with TencentOcrClient(APPID, SECRET_ID, SECRET_KEY) as client:
        response = recognize_handwriting.sync_detailed(
            client=client.generated, body=OcrRequest(appid=APPID, url="https://img.example.com/a.png")
        )
    assert isinstance(response.parsed, HandwritingResponse)
    assert signature_fields(route.calls.last.request).appid == APPID


async def test_async_generated_client_is_signed(router: respx.MockRouter) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    async with AsyncTencentOcrClient(APPID, SECRET_ID, SECRET_KEY) as client:
        response = await recognize_handwriting.asyncio_detailed(
            client=client.generated, body=OcrRequest(appid=APPID, url="https://img.example.com/a.png")
        )
    assert response.status_code == 200
    assert signature_fields(route.calls.last.request).appid == APPID


@pytest.mark.parametrize("mode", MODES)
async def test_each_answer_is_decoded_once(
    mode: Mode, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The retry policy (code 15), the auth (code 9) and the envelope check share one json.loads."""
    from handwriting_ocr import error_mapping

    decoded: list[bytes] = []
    real = error_mapping.decode_json

    def counting(body: bytes) -> object:
        decoded.append(body)
        return real(body)

    monkeypatch.setattr(error_mapping, "decode_json", counting)
    router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    client = make(mode)
    result = await settle(client.recognize_handwriting(png()))
    await close(client)

    assert isinstance(result, HandwritingResponse)
    assert result.to_dict() == ANSWER
    assert len(decoded) == 1


# --- the deprecated name ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_handwriting_is_a_deprecated_alias_of_recognize_handwriting(
    mode: Mode, router: respx.MockRouter
) -> None:
    route = router.post(HANDWRITING_URL).respond(200, json=ANSWER)
    client = make(mode)
    with pytest.warns(DeprecationWarning, match=r"use recognize_handwriting\(\)") as caught:
        # Called (and awaited) right here, so that the warning's location is this line's file.
        if isinstance(client, TencentOcrClient):
            old = client.handwriting(url="https://img.example.com/a.png", mode="json")
        else:
            old = await client.handwriting(url="https://img.example.com/a.png", mode="json")
    new = await settle(client.recognize_handwriting(url="https://img.example.com/a.png", mode="json"))
    await close(client)

    # Same request, same typed answer; the warning points at this file (the caller), not the SDK.
    assert isinstance(old, HandwritingResponse)
    assert old.to_dict() == new.to_dict() == ANSWER
    first, second = (call.request for call in route.calls)
    assert first.content == second.content
    assert [w.filename for w in caught if issubclass(w.category, DeprecationWarning)] == [__file__]


def test_handwriting_keeps_the_signature_of_recognize_handwriting() -> None:
    import inspect

    for cls in (TencentOcrClient, AsyncTencentOcrClient):
        old, new = inspect.signature(cls.handwriting), inspect.signature(cls.recognize_handwriting)
        assert old == new
        assert inspect.iscoroutinefunction(cls.handwriting) == inspect.iscoroutinefunction(
            cls.recognize_handwriting
        )

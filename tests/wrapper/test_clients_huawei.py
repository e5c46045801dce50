"""HuaweiOcrClient / AsyncHuaweiOcrClient against respx: exact requests, auth methods, env, errors."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionFailedError,
    InvalidInputError,
    RateLimitError,
)
from handwriting_ocr.retries import RetryPolicy
from handwriting_ocr.signing import huawei as huawei_signing
from huawei_ocr_client.api.default import recognize_handwriting
from huawei_ocr_client.models.handwriting_request_body import HandwritingRequestBody
from huawei_ocr_client.models.recognize_handwriting_response import RecognizeHandwritingResponse

from tests.wrapper.test_clients__support import MODES, Mode, json_bytes, padded_png, png, settle

OCR_URL = "https://ocr.cn-north-4.myhuaweicloud.com/v2/proj-1/ocr/handwriting"
IAM_URL = "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens"
TOKEN = "MIIT-token-value"

ANSWER = {
    "result": {
        "words_block_count": 2,
        "words_block_list": [
            {
                "words": "Hello",
                "type": "text",
                "confidence": 0.98,
                "location": [[10, 10], [60, 10], [60, 30], [10, 30]],
            },
            {
                "words": "world",
                "type": "text",
                "confidence": 0.5,
                "location": [[10, 40], [60, 40], [60, 60], [10, 60]],
            },
        ],
    }
}

FAST_RETRY = RetryPolicy(base_backoff=0.001, max_backoff=0.002, jitter=0.0)

Client = HuaweiOcrClient | AsyncHuaweiOcrClient


def make(mode: Mode, **kwargs: object) -> Client:
    options: dict[str, object] = {"project_id": "proj-1", "retry": FAST_RETRY, **kwargs}
    if not any(k in options for k in ("token", "access_key", "iam_domain", "auth")):
        options["token"] = TOKEN
    cls = HuaweiOcrClient if mode == "sync" else AsyncHuaweiOcrClient
    return cls(**options)  # type: ignore[arg-type]


async def close(client: Client) -> None:
    if isinstance(client, HuaweiOcrClient):
        client.close()
    else:
        await client.aclose()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


@pytest.mark.parametrize("mode", MODES)
async def test_image_bytes_request_is_exact_and_result_typed(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER, headers={"X-Request-Id": "r1"})
    image = png()
    client = make(mode)
    result = await settle(client.recognize_handwriting(image))
    await close(client)

    assert isinstance(result, RecognizeHandwritingResponse)
    assert result.to_dict() == ANSWER
    request = route.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == OCR_URL
    assert request.headers["X-Auth-Token"] == TOKEN
    assert request.headers["Content-Type"] == "application/json;charset=UTF-8"
    # Options left as None are not sent: the service's defaults apply.
    assert request.content == json_bytes({"image": base64.b64encode(image).decode("ascii")})


@pytest.mark.parametrize("mode", MODES)
async def test_options_and_url_input(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    client = make(mode)
    await settle(
        client.recognize_handwriting(
            url="https://bucket.example.com/note.jpg?sig=abc",
            quick_mode=True,
            char_set="digit_letter",
            detect_direction=False,
        )
    )
    # A URL given positionally works too.
    await settle(client.recognize_handwriting("https://bucket.example.com/b.png", char_set="custom_set"))
    await close(client)

    first, second = (call.request for call in route.calls)
    assert first.content == json_bytes(
        {
            "url": "https://bucket.example.com/note.jpg?sig=abc",
            "quick_mode": True,
            "char_set": "digit_letter",
            "detect_direction": False,
        }
    )
    # Character sets the service adds later are passed through.
    assert second.content == json_bytes({"url": "https://bucket.example.com/b.png", "char_set": "custom_set"})


@pytest.mark.parametrize("mode", MODES)
async def test_recognize_returns_document(mode: Mode, router: respx.MockRouter, tmp_path: Path) -> None:
    router.post(OCR_URL).respond(200, json=ANSWER)
    path = tmp_path / "note.png"
    path.write_bytes(png())
    client = make(mode)
    document = await settle(client.recognize(path))
    await close(client)
    assert isinstance(document, Document)
    assert [line.text for page in document.pages for line in page.lines] == ["Hello", "world"]


@pytest.mark.parametrize("mode", MODES)
async def test_aksk_signature(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    client = make(mode, access_key="AK-123", secret_key="SK-secret")
    await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    await close(client)

    request = route.calls.last.request
    body = json_bytes({"url": "https://example.com/a.png"})
    assert request.content == body
    date = request.headers["X-Sdk-Date"]
    expected = huawei_signing.sign(
        access_key="AK-123",
        secret_key="SK-secret",
        method="POST",
        path="/v2/proj-1/ocr/handwriting",
        query=[],
        headers={
            "host": "ocr.cn-north-4.myhuaweicloud.com",
            "content-type": "application/json;charset=UTF-8",
            "x-sdk-date": date,
        },
        body=body,
    )
    assert request.headers["Authorization"] == expected
    assert "X-Auth-Token" not in request.headers


@pytest.mark.parametrize("mode", MODES)
async def test_iam_password_flow_end_to_end(mode: Mode, router: respx.MockRouter) -> None:
    iam = router.post(IAM_URL).respond(
        201,
        json={"token": {"expires_at": "2999-01-01T00:00:00.000000Z", "project": {"id": "proj-1"}}},
        headers={"X-Subject-Token": "iam-token-1"},
    )
    ocr = router.post(OCR_URL).respond(200, json=ANSWER)
    client = make(mode, iam_domain="acme", iam_user="ocr-bot", iam_password="pa55word")
    await settle(client.recognize_handwriting(url="https://example.com/1.png"))
    await settle(client.recognize_handwriting(url="https://example.com/2.png"))
    text = repr(client)
    await close(client)

    assert iam.call_count == 1  # cached for the second call
    token_request = iam.calls.last.request
    assert json.loads(token_request.content) == {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"domain": {"name": "acme"}, "name": "ocr-bot", "password": "pa55word"}},
            },
            "scope": {"project": {"name": "cn-north-4"}},
        }
    }
    assert [call.request.headers["X-Auth-Token"] for call in ocr.calls] == ["iam-token-1", "iam-token-1"]
    assert "pa55word" not in text and "iam-token-1" not in text


@pytest.mark.parametrize("mode", MODES)
async def test_iam_endpoint_override(mode: Mode, router: respx.MockRouter) -> None:
    iam = router.post("http://127.0.0.1:9001/v3/auth/tokens").respond(
        201,
        json={"token": {"expires_at": "2999-01-01T00:00:00Z"}},
        headers={"X-Subject-Token": "t-local"},
    )
    ocr = router.post("http://127.0.0.1:9000/v2/proj-1/ocr/handwriting").respond(200, json=ANSWER)
    client = make(
        mode,
        iam_domain="d",
        iam_user="u",
        iam_password="p",
        endpoint="http://127.0.0.1:9000/",
        iam_endpoint="http://127.0.0.1:9001",
    )
    await settle(client.recognize_handwriting(url="https://example.com/1.png"))
    await close(client)
    assert iam.call_count == 1
    assert ocr.calls.last.request.headers["X-Auth-Token"] == "t-local"


@pytest.mark.parametrize("mode", MODES)
async def test_from_env_token_and_region(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post("https://ocr.ap-southeast-1.myhuaweicloud.com/v2/p-env/ocr/handwriting").respond(
        200, json=ANSWER
    )
    env = {
        "HUAWEICLOUD_REGION": "ap-southeast-1",
        "HUAWEICLOUD_PROJECT_ID": "p-env",
        "HUAWEICLOUD_OCR_TOKEN": "tk",
    }
    cls = HuaweiOcrClient if mode == "sync" else AsyncHuaweiOcrClient
    client = cls.from_env(env)
    assert client.region == "ap-southeast-1"
    await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    await close(client)
    assert route.calls.last.request.headers["X-Auth-Token"] == "tk"


def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter) -> None:
    for name in ("HUAWEICLOUD_REGION", "HUAWEICLOUD_OCR_TOKEN", "HUAWEICLOUD_IAM_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUAWEICLOUD_PROJECT_ID", "proj-1")
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "AK-env")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "SK-env")
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    with HuaweiOcrClient.from_env() as client:
        client.recognize_handwriting(url="https://example.com/a.png")
    assert route.calls.last.request.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK-env,")


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"HUAWEICLOUD_OCR_TOKEN": "t"}, "HUAWEICLOUD_PROJECT_ID"),
        ({"HUAWEICLOUD_PROJECT_ID": "p"}, "HUAWEICLOUD_OCR_TOKEN"),
        ({"HUAWEICLOUD_PROJECT_ID": "p", "HUAWEICLOUD_SDK_AK": "a"}, "HUAWEICLOUD_SDK_SK"),
        (
            {"HUAWEICLOUD_PROJECT_ID": "p", "HUAWEICLOUD_IAM_DOMAIN": "d", "HUAWEICLOUD_IAM_USER": "u"},
            "HUAWEICLOUD_IAM_PASSWORD",
        ),
    ],
)
@pytest.mark.parametrize("mode", MODES)
def test_from_env_missing_variable_is_named(mode: Mode, env: dict[str, str], missing: str) -> None:
    cls = HuaweiOcrClient if mode == "sync" else AsyncHuaweiOcrClient
    with pytest.raises(InvalidInputError) as caught:
        cls.from_env(env)
    assert caught.value.field == missing
    assert missing in str(caught.value)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"token": "t", "access_key": "a", "secret_key": "s"},
        {"token": "t", "auth": httpx.BasicAuth("u", "p")},
        {"access_key": "a"},
        {"iam_domain": "d", "iam_user": "u"},
    ],
)
def test_exactly_one_auth_method(kwargs: dict[str, str]) -> None:
    with pytest.raises(InvalidInputError):
        HuaweiOcrClient(project_id="p", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("endpoint", ["https://ocr.example.com/v2", "ftp://host", "https://h/?q=1", ""])
def test_endpoint_must_be_scheme_host_port(endpoint: str) -> None:
    with pytest.raises(InvalidInputError):
        HuaweiOcrClient(project_id="p", token="t", endpoint=endpoint)


@pytest.mark.parametrize("mode", MODES)
async def test_callers_http_client_is_used_and_left_open(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    if mode == "sync":
        own = httpx.Client(headers={"X-Team": "ocr"})
        client = HuaweiOcrClient(project_id="proj-1", token=TOKEN, http_client=own)
        client.recognize_handwriting(url="https://example.com/a.png")
        client.close()
        assert not own.is_closed
        own.close()
    else:
        aown = httpx.AsyncClient(headers={"X-Team": "ocr"})
        aclient = AsyncHuaweiOcrClient(project_id="proj-1", token=TOKEN, http_client=aown)
        await aclient.recognize_handwriting(url="https://example.com/a.png")
        await aclient.aclose()
        assert not aown.is_closed
        await aown.aclose()
    request = route.calls.last.request
    assert request.headers["X-Team"] == "ocr"  # the caller's defaults
    assert request.headers["X-Auth-Token"] == TOKEN  # our auth, applied per request


def test_callers_transport_gets_the_requests() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=ANSWER)

    with HuaweiOcrClient(project_id="proj-1", token=TOKEN, transport=httpx.MockTransport(handler)) as client:
        result = client.recognize_handwriting(url="https://example.com/a.png")
    assert result.to_dict() == ANSWER
    assert [str(r.url) for r in seen] == [OCR_URL]


async def test_async_callers_transport_gets_the_requests() -> None:
    seen: list[httpx.Request] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=ANSWER)

    async with AsyncHuaweiOcrClient(
        project_id="proj-1", token=TOKEN, transport=httpx.MockTransport(handler)
    ) as client:
        await client.recognize_handwriting(url="https://example.com/a.png")
    assert [r.headers["X-Auth-Token"] for r in seen] == [TOKEN]


def test_passing_both_client_and_transport_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        HuaweiOcrClient(
            project_id="p",
            token="t",
            http_client=httpx.Client(),
            transport=httpx.MockTransport(lambda r: httpx.Response(200)),
        )


@pytest.mark.parametrize("mode", MODES)
async def test_throttling_is_retried(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL)
    route.side_effect = [
        httpx.Response(
            429, json={"error_code": "APIG.0308", "error_msg": "throttled"}, headers={"Retry-After": "0"}
        ),
        httpx.Response(200, json=ANSWER),
    ]
    client = make(mode)
    result = await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    await close(client)
    assert result.to_dict() == ANSWER
    assert route.call_count == 2


@pytest.mark.parametrize("mode", MODES)
async def test_errors_are_mapped(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL)
    route.side_effect = [
        httpx.Response(
            400, json={"error_code": "AIS.0103", "error_msg": "image size"}, headers={"X-Request-Id": "rq"}
        ),
        httpx.Response(401, json={"error_code": "APIG.0301", "error_msg": "bad token"}),
    ]
    client = make(mode, retry=RetryPolicy(max_attempts=1, throttle_retries=0))
    with pytest.raises(BadRequestError) as bad:
        await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    with pytest.raises(AuthenticationError):
        await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    await close(client)
    assert (bad.value.code, bad.value.request_id, bad.value.status_code) == ("AIS.0103", "rq", 400)


@pytest.mark.parametrize("mode", MODES)
async def test_rate_limit_after_retries_exhausted(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(
        429, json={"error_code": "APIG.0308", "error_msg": "slow down"}, headers={"Retry-After": "0"}
    )
    client = make(mode, retry=RetryPolicy(throttle_retries=2, min_retry_after=0.0))
    with pytest.raises(RateLimitError):
        await settle(client.recognize_handwriting(url="https://example.com/a.png"))
    await close(client)
    assert route.call_count == 3  # the first try and two throttled retries


BAD_INPUTS: list[tuple[dict[str, object], str]] = [
    ({"image": b""}, "empty"),
    ({"image": b"GIF89a" + b"\0" * 20}, "GIF"),  # a format Huawei does not take
    ({"image": b"not an image at all"}, "not recognised"),
    ({"image": padded_png(7_900_000)}, "base64"),  # 7.9 MB raw is over 10 MB of base64
    ({"image": png(5, 40)}, "at least 8"),
    ({"image": padded_png(1000, 9000, 100)}, "8192"),
    ({"url": "ftp://example.com/a.png"}, "http"),
    ({"image": png(), "url": "https://example.com/a.png"}, "not both"),
    ({}, "no image"),
    ({"image": "/nonexistent/file.png"}, "not found"),
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


@pytest.mark.parametrize("kwargs", [{"quick_mode": "yes"}, {"char_set": ""}])
def test_bad_options_send_nothing(kwargs: dict[str, object], router: respx.MockRouter) -> None:
    route = router.route()
    with HuaweiOcrClient(project_id="p", token="t") as client, pytest.raises(InvalidInputError):
        client.recognize_handwriting(png(), **kwargs)  # type: ignore[arg-type]
    assert route.call_count == 0


def test_generated_client_shares_auth_and_endpoint(router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    with HuaweiOcrClient(project_id="proj-1", token=TOKEN) as client:
        response = recognize_handwriting.sync_detailed(
            "proj-1", client=client.generated, body=HandwritingRequestBody(url="https://example.com/a.png")
        )
    assert isinstance(response.parsed, RecognizeHandwritingResponse)
    assert route.calls.last.request.headers["X-Auth-Token"] == TOKEN


async def test_async_generated_client_shares_auth(router: respx.MockRouter) -> None:
    route = router.post(OCR_URL).respond(200, json=ANSWER)
    async with AsyncHuaweiOcrClient(project_id="proj-1", token=TOKEN) as client:
        response = await recognize_handwriting.asyncio_detailed(
            "proj-1", client=client.generated, body=HandwritingRequestBody(url="https://example.com/a.png")
        )
    assert response.status_code == 200
    assert route.calls.last.request.headers["X-Auth-Token"] == TOKEN


def test_repr_hides_credentials() -> None:
    for client in (
        HuaweiOcrClient(project_id="p", token="tok-SECRET"),
        HuaweiOcrClient(project_id="p", access_key="AK", secret_key="SK-SECRET"),
        HuaweiOcrClient(project_id="p", iam_domain="d", iam_user="u", iam_password="PW-SECRET"),
    ):
        assert "SECRET" not in repr(client)
        client.close()


def test_timeout_is_applied_to_each_request() -> None:
    timeouts: list[object] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, json=ANSWER)

    with HuaweiOcrClient(
        project_id="proj-1", token=TOKEN, timeout=7.5, transport=httpx.MockTransport(handler)
    ) as client:
        client.recognize_handwriting(url="https://example.com/a.png")
    own = httpx.Client(transport=httpx.MockTransport(handler), timeout=3.0)
    with HuaweiOcrClient(project_id="proj-1", token=TOKEN, http_client=own) as client:
        client.recognize_handwriting(url="https://example.com/a.png")  # the caller's client's timeout
    with HuaweiOcrClient(project_id="proj-1", token=TOKEN, http_client=own, timeout=2.0) as client:
        client.recognize_handwriting(url="https://example.com/a.png")  # an explicit one wins
    own.close()
    assert timeouts == [
        {"connect": 7.5, "read": 7.5, "write": 7.5, "pool": 7.5},
        {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0},
        {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0},
    ]


@pytest.mark.parametrize("mode", MODES)
async def test_connection_failure_is_typed(mode: Mode) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    async def arefuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    if mode == "sync":
        with (
            HuaweiOcrClient(
                project_id="p", token=TOKEN, transport=httpx.MockTransport(refuse), retry=FAST_RETRY
            ) as c,
            pytest.raises(ConnectionFailedError),
        ):
            c.recognize_handwriting(url="https://example.com/a.png")
        own = httpx.Client(transport=httpx.MockTransport(refuse))
        with (
            HuaweiOcrClient(project_id="p", token=TOKEN, http_client=own) as c,
            pytest.raises(ConnectionFailedError),
        ):
            c.recognize_handwriting(url="https://example.com/a.png")
        own.close()
    else:
        async with AsyncHuaweiOcrClient(
            project_id="p", token=TOKEN, transport=httpx.MockTransport(arefuse), retry=FAST_RETRY
        ) as ac:
            with pytest.raises(ConnectionFailedError):
                await ac.recognize_handwriting(url="https://example.com/a.png")


def test_debug_logs_hide_the_token(router: respx.MockRouter, caplog: pytest.LogCaptureFixture) -> None:
    router.post(OCR_URL).respond(200, json=ANSWER)
    with caplog.at_level(logging.DEBUG), HuaweiOcrClient(project_id="proj-1", token=TOKEN) as client:
        client.recognize_handwriting(url="https://example.com/a.png")
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "/v2/proj-1/ocr/handwriting" in text
    assert TOKEN not in text

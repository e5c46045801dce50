"""TC3-HMAC-SHA256: the pure signing functions and TencentTC3Auth, on the published vector and on the
requests the generated ``tencent_ocr_v3_client`` builds, sync and async."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
import respx
from handwriting_ocr.auth import TencentTC3Auth
from handwriting_ocr.auth import tencent_v3 as tencent_v3_module
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.signing import tc3
from tencent_ocr_v3_client import Client as TencentV3Client
from tencent_ocr_v3_client.api.default import general_handwriting_ocr
from tencent_ocr_v3_client.models import GeneralHandwritingOCRRequest, GeneralHandwritingOCRResponseEnvelope

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

# --- The published vector (Tencent's "signature v3" documentation, API-FACTS §6c) ----------------------

VECTOR_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
VECTOR_SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
VECTOR_TIMESTAMP = 1551113065
VECTOR_HOST = "cvm.tencentcloudapi.com"
VECTOR_CONTENT_TYPE = "application/json; charset=utf-8"
# The body exactly as published: json.dumps' default spacing and \u escapes (ASCII bytes).
VECTOR_BODY = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
VECTOR_SIGNATURE = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
VECTOR_AUTHORIZATION = (
    f"TC3-HMAC-SHA256 Credential={VECTOR_SECRET_ID}/2019-02-25/cvm/tc3_request, "
    f"SignedHeaders=content-type;host, Signature={VECTOR_SIGNATURE}"
)

SECRET_ID = "AKIDexampleTc3SecretId0123456789"
SECRET_KEY = "exampleTc3SecretKey0123456789abc"
SESSION_TOKEN = "exampleSessionToken-temporary-credential-0123456789"
OCR_URL = "https://ocr.tencentcloudapi.com/"
OK = {"Response": {"TextDetections": [], "Angel": 0, "Angle": 0, "RequestId": "r-1"}}


def reference_authorization(
    *,
    secret_id: str,
    secret_key: str,
    timestamp: int,
    service: str,
    host: str,
    content_type: str,
    body: bytes,
) -> str:
    """API-FACTS §6c written out once more, independently of the module under test."""
    canonical = (
        f"POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n"
        f"{hashlib.sha256(body).hexdigest()}"
    )
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    scope = f"{date}/{service}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"

    def mac(key: bytes, text: str) -> bytes:
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    key = mac(mac(mac(("TC3" + secret_key).encode(), date), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


def vector_signature(**changes: object) -> str:
    arguments: dict[str, object] = {
        "secret_key": VECTOR_SECRET_KEY,
        "timestamp": VECTOR_TIMESTAMP,
        "service": "cvm",
        "host": VECTOR_HOST,
        "content_type": VECTOR_CONTENT_TYPE,
        "payload": VECTOR_BODY,
    }
    arguments.update(changes)
    return tc3.tc3_signature(**arguments)  # type: ignore[arg-type]


# --- the pure functions ----------------------------------------------------------------------------------


def test_published_vector_signature() -> None:
    assert vector_signature() == VECTOR_SIGNATURE


def test_published_vector_authorization_header() -> None:
    value = tc3.tc3_authorization(
        secret_id=VECTOR_SECRET_ID,
        secret_key=VECTOR_SECRET_KEY,
        timestamp=VECTOR_TIMESTAMP,
        service="cvm",
        host=VECTOR_HOST,
        content_type=VECTOR_CONTENT_TYPE,
        payload=VECTOR_BODY,
    )
    assert value == VECTOR_AUTHORIZATION


def test_canonical_request_and_string_to_sign_have_the_documented_layout() -> None:
    digest = hashlib.sha256(VECTOR_BODY).hexdigest()
    canonical = tc3.canonical_request(host=VECTOR_HOST, content_type=VECTOR_CONTENT_TYPE, payload=VECTOR_BODY)
    assert canonical == (
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
        f"content-type;host\n{digest}"
    )
    to_sign = tc3.string_to_sign(canonical, timestamp=VECTOR_TIMESTAMP, service="cvm")
    lines = to_sign.split("\n")
    assert lines[:3] == ["TC3-HMAC-SHA256", "1551113065", "2019-02-25/cvm/tc3_request"]
    assert lines[3] == hashlib.sha256(canonical.encode()).hexdigest()


def test_a_digest_signs_like_the_bytes_it_digests() -> None:
    digest = hashlib.sha256(VECTOR_BODY).hexdigest()
    assert vector_signature(payload=digest) == VECTOR_SIGNATURE
    assert vector_signature(payload=digest.upper()) == VECTOR_SIGNATURE
    assert vector_signature(payload=bytearray(VECTOR_BODY)) == VECTOR_SIGNATURE


@pytest.mark.parametrize("text", ["", VECTOR_BODY.decode(), "35e9c5b0", "z" * 64])
def test_a_str_payload_that_is_not_a_digest_is_refused(text: str) -> None:
    # Otherwise a body passed as text by mistake would be signed as if it were its own hash.
    with pytest.raises(ValueError, match="hex SHA-256 digest"):
        vector_signature(payload=text)


@pytest.mark.parametrize(
    "change",
    [
        {"secret_key": VECTOR_SECRET_KEY + "x"},
        {"timestamp": VECTOR_TIMESTAMP + 1},
        {"service": "ocr"},
        {"host": "cvm.ap-guangzhou.tencentcloudapi.com"},
        {"content_type": "application/json"},
        {"payload": VECTOR_BODY + b" "},
        {"method": "GET"},
        {"canonical_query": "Limit=1"},
        {"extra_headers": {"X-TC-Action": "DescribeInstances"}},
    ],
    ids=["key", "timestamp", "service", "host", "content-type", "body", "method", "query", "extra-header"],
)
def test_every_input_changes_the_signature(change: dict[str, object]) -> None:
    assert vector_signature(**change) != VECTOR_SIGNATURE


def test_the_scope_date_is_the_utc_day_of_the_timestamp() -> None:
    last_second = int(datetime(2019, 2, 25, 23, 59, 59, tzinfo=UTC).timestamp())
    assert tc3.tc3_date(last_second) == "2019-02-25"
    assert tc3.tc3_date(last_second + 1) == "2019-02-26"
    assert tc3.credential_scope(last_second + 1, "ocr") == "2019-02-26/ocr/tc3_request"


def test_signing_key_is_the_documented_chain() -> None:
    def mac(key: bytes, text: str) -> bytes:
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    expected = mac(mac(mac(b"TC3" + VECTOR_SECRET_KEY.encode(), "2019-02-25"), "cvm"), "tc3_request")
    assert tc3.signing_key(VECTOR_SECRET_KEY, date="2019-02-25", service="cvm") == expected


def test_extra_signed_headers_are_sorted_and_lower_cased() -> None:
    extra = {"X-TC-Action": "DescribeInstances"}
    assert tc3.signed_headers(extra) == "content-type;host;x-tc-action"
    canonical = tc3.canonical_request(
        host=VECTOR_HOST, content_type=VECTOR_CONTENT_TYPE, payload=VECTOR_BODY, extra_headers=extra
    )
    # Tencent's documented rule: names and values lower case, one "name:value\n" each, by name.
    assert (
        "\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n"
        in (canonical)
    )


def test_parse_and_verify_a_header() -> None:
    parsed = tc3.parse_tc3_authorization(VECTOR_AUTHORIZATION)
    assert parsed == tc3.Tc3Authorization(
        secret_id=VECTOR_SECRET_ID,
        date="2019-02-25",
        service="cvm",
        signed_headers=("content-type", "host"),
        signature=VECTOR_SIGNATURE,
    )
    common = {
        "timestamp": VECTOR_TIMESTAMP,
        "host": VECTOR_HOST,
        "content_type": VECTOR_CONTENT_TYPE,
        "payload": VECTOR_BODY,
    }
    assert tc3.verify_tc3_signature(parsed, secret_key=VECTOR_SECRET_KEY, **common)  # type: ignore[arg-type]
    assert not tc3.verify_tc3_signature(parsed, secret_key="wrong", **common)  # type: ignore[arg-type]
    tampered = {**common, "payload": VECTOR_BODY.replace(b"1", b"2")}
    assert not tc3.verify_tc3_signature(parsed, secret_key=VECTOR_SECRET_KEY, **tampered)  # type: ignore[arg-type]
    next_day = {**common, "timestamp": VECTOR_TIMESTAMP + 86_400}
    assert not tc3.verify_tc3_signature(parsed, secret_key=VECTOR_SECRET_KEY, **next_day)  # type: ignore[arg-type]
    # The header says which headers were signed; a verifier given other ones refuses it.
    assert not tc3.verify_tc3_signature(
        parsed,
        secret_key=VECTOR_SECRET_KEY,
        extra_headers={"X-TC-Action": "DescribeInstances"},
        **common,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Bearer abc",
        VECTOR_AUTHORIZATION.replace("TC3-HMAC-SHA256 ", "TC3-HMAC-SHA1 "),
        VECTOR_AUTHORIZATION.replace("/tc3_request", "/aws4_request"),
        VECTOR_AUTHORIZATION.replace(", Signature=", ", Sig="),
        VECTOR_AUTHORIZATION.replace("Credential=", "Credential"),
        f"TC3-HMAC-SHA256 Credential=/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature={VECTOR_SIGNATURE}",
    ],
    ids=["empty", "bearer", "algorithm", "terminator", "no-signature", "no-equals", "no-secret-id"],
)
def test_malformed_headers_do_not_parse(value: str) -> None:
    assert tc3.parse_tc3_authorization(value) is None


# --- TencentTC3Auth --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_auth_reproduces_the_published_vector(mode: Mode) -> None:
    """The whole auth flow on the documented request: same Authorization, byte for byte."""
    auth = TencentTC3Auth(
        VECTOR_SECRET_ID,
        VECTOR_SECRET_KEY,
        region="ap-guangzhou",
        service="cvm",
        clock=FakeClock(VECTOR_TIMESTAMP),
    )
    url = f"https://{VECTOR_HOST}/"
    headers = {
        "Content-Type": VECTOR_CONTENT_TYPE,
        "X-TC-Action": "DescribeInstances",
        "X-TC-Version": "2017-03-12",
    }
    with respx.mock() as router:
        route = router.post(url).respond(200, json=OK)
        await send(mode, auth, "POST", url, content=VECTOR_BODY, headers=headers)
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == VECTOR_AUTHORIZATION
    assert sent.headers["X-TC-Timestamp"] == "1551113065"
    assert sent.headers["X-TC-Region"] == "ap-guangzhou"
    assert "X-TC-Token" not in sent.headers
    assert sent.content == VECTOR_BODY


def _generated_client(
    auth: httpx.Auth, transport: httpx.BaseTransport | httpx.AsyncBaseTransport
) -> TencentV3Client:
    return TencentV3Client(
        base_url="https://ocr.tencentcloudapi.com", httpx_args={"auth": auth, "transport": transport}
    )


def _recording(requests: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=OK)

    return handler


BODY = GeneralHandwritingOCRRequest(image_url="https://example.com/手写.jpg", enable_word_polygon=True)


@pytest.mark.parametrize("token", [None, SESSION_TOKEN])
def test_requests_of_the_generated_client_are_signed_sync(token: str | None) -> None:
    clock = FakeClock(1_700_000_000.9)
    auth = TencentTC3Auth(SECRET_ID, SECRET_KEY, region="ap-shanghai", token=token, clock=clock)
    requests: list[httpx.Request] = []
    client = _generated_client(auth, httpx.MockTransport(_recording(requests)))
    response = general_handwriting_ocr.sync_detailed(client=client, body=BODY)

    assert isinstance(response.parsed, GeneralHandwritingOCRResponseEnvelope)
    (sent,) = requests
    check_signed(sent, timestamp=1_700_000_000, region="ap-shanghai", token=token)
    # The body went out as UTF-8 JSON, and that is what was hashed.
    assert json.loads(sent.content) == {"ImageUrl": "https://example.com/手写.jpg", "EnableWordPolygon": True}
    assert "手写".encode() in sent.content


async def test_requests_of_the_generated_client_are_signed_async() -> None:
    auth = TencentTC3Auth(
        SECRET_ID, SECRET_KEY, region="ap-beijing", token=SESSION_TOKEN, clock=FakeClock(1_700_000_123)
    )
    requests: list[httpx.Request] = []
    client = _generated_client(auth, httpx.MockTransport(_recording(requests)))
    response = await general_handwriting_ocr.asyncio_detailed(client=client, body=BODY)

    assert response.status_code == 200
    (sent,) = requests
    check_signed(sent, timestamp=1_700_000_123, region="ap-beijing", token=SESSION_TOKEN)


def check_signed(sent: httpx.Request, *, timestamp: int, region: str, token: str | None) -> None:
    assert sent.headers["X-TC-Action"] == "GeneralHandwritingOCR"
    assert sent.headers["X-TC-Version"] == "2018-11-19"
    assert sent.headers["X-TC-Timestamp"] == str(timestamp)
    assert sent.headers["X-TC-Region"] == region
    assert sent.headers.get("X-TC-Token") == token
    assert sent.headers["Content-Type"] == "application/json; charset=utf-8"
    assert sent.headers["Host"] == "ocr.tencentcloudapi.com"
    expected = reference_authorization(
        secret_id=SECRET_ID,
        secret_key=SECRET_KEY,
        timestamp=timestamp,
        service="ocr",
        host="ocr.tencentcloudapi.com",
        content_type="application/json; charset=utf-8",
        body=sent.content,
    )
    assert sent.headers["Authorization"] == expected
    # And what a verifier (the emulator) does with it.
    parsed = tc3.parse_tc3_authorization(sent.headers["Authorization"])
    assert parsed is not None and parsed.secret_id == SECRET_ID
    assert tc3.verify_tc3_signature(
        parsed,
        secret_key=SECRET_KEY,
        timestamp=int(sent.headers["X-TC-Timestamp"]),
        host=sent.headers["Host"],
        content_type=sent.headers["Content-Type"],
        payload=sent.content,
    )


@pytest.mark.parametrize("mode", MODES)
async def test_each_request_is_signed_at_its_own_time(mode: Mode) -> None:
    clock = FakeClock(1_700_000_000)
    auth = TencentTC3Auth(SECRET_ID, SECRET_KEY, region="ap-guangzhou", clock=clock)
    headers = {
        "Content-Type": "application/json",
        "X-TC-Action": "GeneralHandwritingOCR",
        "X-TC-Version": "2018-11-19",
    }
    with respx.mock() as router:
        route = router.post(OCR_URL).respond(200, json=OK)
        await send(mode, auth, "POST", OCR_URL, content=b"{}", headers=headers)
        clock.advance(301)
        await send(mode, auth, "POST", OCR_URL, content=b"{}", headers=headers)
    first, second = (call.request for call in route.calls)
    assert (first.headers["X-TC-Timestamp"], second.headers["X-TC-Timestamp"]) == ("1700000000", "1700000301")
    assert first.headers["Authorization"] != second.headers["Authorization"]


def test_the_body_is_hashed_once_through_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """The single seam for a later stream-aware hash: nothing else reads the body to sign it."""
    calls: list[bytes] = []
    real = tencent_v3_module._payload_sha256

    def recording(request: httpx.Request) -> str:
        calls.append(request.content)
        return real(request)

    monkeypatch.setattr(tencent_v3_module, "_payload_sha256", recording)
    requests: list[httpx.Request] = []
    auth = TencentTC3Auth(SECRET_ID, SECRET_KEY, region="ap-guangzhou", clock=FakeClock(1_700_000_000))
    general_handwriting_ocr.sync_detailed(
        client=_generated_client(auth, httpx.MockTransport(_recording(requests))), body=BODY
    )
    assert calls == [requests[0].content]

    # What that function returns is what gets signed.
    monkeypatch.setattr(tencent_v3_module, "_payload_sha256", lambda request: "0" * 64)
    general_handwriting_ocr.sync_detailed(
        client=_generated_client(auth, httpx.MockTransport(_recording(requests))), body=BODY
    )
    signature = requests[1].headers["Authorization"].rsplit("Signature=", 1)[1]
    assert signature == tc3.tc3_signature(
        secret_key=SECRET_KEY,
        timestamp=1_700_000_000,
        service="ocr",
        host="ocr.tencentcloudapi.com",
        content_type="application/json; charset=utf-8",
        payload="0" * 64,
    )


@pytest.mark.parametrize("missing", ["X-TC-Action", "X-TC-Version"])
@pytest.mark.parametrize("mode", MODES)
async def test_a_request_without_action_or_version_is_refused_before_sending(
    mode: Mode, missing: str
) -> None:
    auth = TencentTC3Auth(SECRET_ID, SECRET_KEY, region="ap-guangzhou")
    headers = {
        "X-TC-Action": "GeneralHandwritingOCR",
        "X-TC-Version": "2018-11-19",
        "Content-Type": "application/json",
    }
    del headers[missing]
    with respx.mock(assert_all_called=False) as router:
        route = router.post(OCR_URL).respond(200, json=OK)
        with pytest.raises(InvalidInputError, match=missing) as raised:
            await send(mode, auth, "POST", OCR_URL, content=b"{}", headers=headers)
    assert route.call_count == 0
    assert raised.value.field == missing
    assert SECRET_KEY not in str(raised.value) and SECRET_ID not in str(raised.value)


def test_secrets_are_masked_in_repr() -> None:
    auth = TencentTC3Auth(SECRET_ID, SECRET_KEY, region="ap-guangzhou", token=SESSION_TOKEN)
    text = repr(auth)
    for secret in (SECRET_ID, SECRET_KEY, SESSION_TOKEN):
        assert secret not in text
    assert "ap-guangzhou" in text and "***" in text
    assert (auth.region, auth.service) == ("ap-guangzhou", "ocr")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"secret_id": " ", "secret_key": SECRET_KEY, "region": "ap-guangzhou"}, "secret_id"),
        ({"secret_id": SECRET_ID, "secret_key": "", "region": "ap-guangzhou"}, "secret_key"),
        ({"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": " "}, "region"),
        ({"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": "ap-guangzhou", "token": ""}, "token"),
        (
            {"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "region": "ap-guangzhou", "service": ""},
            "service",
        ),
    ],
)
def test_empty_settings_are_refused(arguments: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        TencentTC3Auth(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


ENV = {
    "TENCENTCLOUD_SECRET_ID": SECRET_ID,
    "TENCENTCLOUD_SECRET_KEY": SECRET_KEY,
    "TENCENTCLOUD_REGION": " ap-hongkong ",
}


def test_from_env_reads_the_sdk_variables() -> None:
    requests: list[httpx.Request] = []
    auth = TencentTC3Auth.from_env(
        {**ENV, "TENCENTCLOUD_SESSION_TOKEN": SESSION_TOKEN}, clock=FakeClock(1_700_000_000)
    )
    assert auth.region == "ap-hongkong"
    general_handwriting_ocr.sync_detailed(
        client=_generated_client(auth, httpx.MockTransport(_recording(requests))), body=BODY
    )
    check_signed(requests[0], timestamp=1_700_000_000, region="ap-hongkong", token=SESSION_TOKEN)


def test_from_env_without_a_session_token_sends_none() -> None:
    requests: list[httpx.Request] = []
    auth = TencentTC3Auth.from_env(
        {**ENV, "TENCENTCLOUD_SESSION_TOKEN": "  "}, clock=FakeClock(1_700_000_000)
    )
    general_handwriting_ocr.sync_detailed(
        client=_generated_client(auth, httpx.MockTransport(_recording(requests))), body=BODY
    )
    assert "X-TC-Token" not in requests[0].headers


@pytest.mark.parametrize(
    "missing", ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_REGION"]
)
def test_from_env_names_a_missing_variable_and_no_value(missing: str) -> None:
    env = {name: value for name, value in ENV.items() if name != missing}
    with pytest.raises(InvalidInputError, match=missing) as raised:
        TencentTC3Auth.from_env(env)
    assert SECRET_KEY not in str(raised.value) and SECRET_ID not in str(raised.value)

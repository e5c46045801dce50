"""TencentOcrV3Client / AsyncTencentOcrV3Client against respx: the signed request byte for byte, the
answer models, every error-code class, "no text" as an empty result, throttling retried, env."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
import respx
from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth
from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client, TencentOcrV3Client
from handwriting_ocr.documents import Document
from handwriting_ocr.error_mapping import tencent_v3_error, tencent_v3_error_class
from handwriting_ocr.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ServiceError,
)
from handwriting_ocr.retries import RetryDecision, RetryPolicy, classify_tencent_v3
from tencent_ocr_v3_client.api.default import general_handwriting_ocr
from tencent_ocr_v3_client.models.general_handwriting_ocr_request import GeneralHandwritingOCRRequest
from tencent_ocr_v3_client.models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse
from tencent_ocr_v3_client.models.tencent_cloud_error import TencentCloudError

from tests.wrapper.test_clients__support import MODES, Mode, gif, jpeg, json_bytes, padded_png, png, settle

URL = "https://ocr.tencentcloudapi.com/"
SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
REGION = "ap-guangzhou"
NOW = 1_714_557_600  # 2024-05-01T10:00:00Z

DETECTIONS = [
    {
        "DetectedText": "Hello world",
        "Confidence": 93,
        "Polygon": [{"X": 10, "Y": 10}, {"X": 90, "Y": 10}, {"X": 90, "Y": 30}, {"X": 10, "Y": 30}],
        "AdvancedInfo": '{"Parag":{"ParagNo":1}}',
    }
]
ANSWER = {"Response": {"TextDetections": DETECTIONS, "Angel": 0.0, "Angle": 0.0, "RequestId": "req-1"}}

FAST_RETRY = RetryPolicy(base_backoff=0.001, max_backoff=0.002, jitter=0.0)

Client = TencentOcrV3Client | AsyncTencentOcrV3Client


def auth(*, token: str | None = None) -> TencentTC3Auth:
    return TencentTC3Auth(SECRET_ID, SECRET_KEY, region=REGION, token=token, clock=lambda: NOW + 0.7)


def make(mode: Mode, **kwargs: object) -> Client:
    options: dict[str, object] = {"retry": FAST_RETRY, **kwargs}
    if "secret_id" not in options:
        options.setdefault("auth", auth())
    cls = TencentOcrV3Client if mode == "sync" else AsyncTencentOcrV3Client
    return cls(**options)  # type: ignore[arg-type]


async def close(client: Client) -> None:
    if isinstance(client, TencentOcrV3Client):
        client.close()
    else:
        await client.aclose()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def error_answer(code: str, message: str = "refused", request_id: str = "req-e") -> dict[str, object]:
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}


def expected_authorization(body: bytes, *, host: str = "ocr.tencentcloudapi.com") -> str:
    """TC3-HMAC-SHA256 as Tencent documents it (API-FACTS 6c), written out independently here."""
    content_type = "application/json; charset=utf-8"
    canonical = (
        f"POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n"
        + hashlib.sha256(body).hexdigest()
    )
    date = datetime.fromtimestamp(NOW, UTC).strftime("%Y-%m-%d")
    scope = f"{date}/ocr/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{NOW}\n{scope}\n" + hashlib.sha256(canonical.encode()).hexdigest()
    key = ("TC3" + SECRET_KEY).encode()
    for part in (date, "ocr", "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={SECRET_ID}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


# --- requests ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_bytes_are_sent_as_base64_in_a_signed_request(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(URL).respond(200, json=ANSWER)
    image = png()
    client = make(mode)
    result = await settle(client.recognize_handwriting(image))
    await close(client)

    assert isinstance(result, GeneralHandwritingOCRResponse)
    assert result.to_dict() == ANSWER["Response"]
    request = route.calls.last.request
    body = json_bytes({"ImageBase64": base64.b64encode(image).decode("ascii")})
    assert request.content == body
    assert request.headers["Content-Length"] == str(len(body))
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert request.headers["X-TC-Action"] == "GeneralHandwritingOCR"
    assert request.headers["X-TC-Version"] == "2018-11-19"
    assert request.headers["X-TC-Region"] == REGION
    assert request.headers["X-TC-Timestamp"] == str(NOW)
    assert "X-TC-Token" not in request.headers
    assert request.headers["Authorization"] == expected_authorization(body)


@pytest.mark.parametrize("mode", MODES)
async def test_url_and_options_are_the_documented_body(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(URL).respond(200, json=ANSWER)
    client = make(mode, auth=auth(token="session-token-123"))
    await settle(
        client.recognize_handwriting(
            url="https://images.example.com/note.jpg?sig=1",
            scene="only_hw",
            enable_word_polygon=True,
            enable_detect_text=False,
        )
    )
    await settle(client.recognize_handwriting("https://images.example.com/b.png", scene="future_scene"))
    await close(client)
    first, second = (call.request for call in route.calls)
    assert first.content == json_bytes(
        {
            "ImageUrl": "https://images.example.com/note.jpg?sig=1",
            "Scene": "only_hw",
            "EnableWordPolygon": True,
            "EnableDetectText": False,
        }
    )
    assert first.headers["X-TC-Token"] == "session-token-123"
    assert first.headers["Authorization"] == expected_authorization(first.content)
    # A scene the service adds later is sent as given; a str image that is a URL is a URL.
    assert second.content == json_bytes(
        {"ImageUrl": "https://images.example.com/b.png", "Scene": "future_scene"}
    )


@pytest.mark.parametrize("mode", MODES)
async def test_recognize_returns_a_tencent_v3_document(mode: Mode, router: respx.MockRouter) -> None:
    router.post(URL).respond(200, json=ANSWER)
    client = make(mode)
    document = await settle(client.recognize(jpeg()))
    await close(client)
    assert isinstance(document, Document)
    assert (document.provider, document.shape) == ("tencent", "tencent-v3")
    assert document.raw == ANSWER
    line = document.pages[0].lines[0]
    assert (line.text, line.confidence) == ("Hello world", 0.93)


@pytest.mark.parametrize("mode", MODES)
async def test_endpoint_override_and_from_env(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post("http://127.0.0.1:8300/").respond(200, json=ANSWER)
    cls = TencentOcrV3Client if mode == "sync" else AsyncTencentOcrV3Client
    env = {
        "TENCENTCLOUD_SECRET_ID": SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": SECRET_KEY,
        "TENCENTCLOUD_REGION": "ap-shanghai",
        "TENCENTCLOUD_SESSION_TOKEN": "tmp-token",
    }
    client = cls.from_env(env, endpoint="http://127.0.0.1:8300/", retry=FAST_RETRY)
    assert (client.endpoint, client.region) == ("http://127.0.0.1:8300", "ap-shanghai")
    await settle(client.recognize_handwriting(png()))
    await close(client)
    request = route.calls.last.request
    assert (request.headers["X-TC-Region"], request.headers["X-TC-Token"]) == ("ap-shanghai", "tmp-token")
    assert request.headers["Host"] == "127.0.0.1:8300"
    assert request.headers["Authorization"].startswith(f"TC3-HMAC-SHA256 Credential={SECRET_ID}/")


@pytest.mark.parametrize(
    "missing", ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_REGION"]
)
def test_from_env_names_a_missing_variable(missing: str) -> None:
    env = {
        "TENCENTCLOUD_SECRET_ID": SECRET_ID,
        "TENCENTCLOUD_SECRET_KEY": SECRET_KEY,
        "TENCENTCLOUD_REGION": REGION,
    }
    del env[missing]
    with pytest.raises(InvalidInputError) as caught:
        TencentOcrV3Client.from_env(env)
    assert caught.value.field == missing


def test_construction_needs_keys_and_region_and_hides_secrets() -> None:
    with pytest.raises(InvalidInputError) as caught:
        TencentOcrV3Client(SECRET_ID, SECRET_KEY)
    assert caught.value.field == "region"
    with pytest.raises(InvalidInputError):
        TencentOcrV3Client(SECRET_ID, region=REGION)
    with pytest.raises(InvalidInputError):
        TencentOcrV3Client(SECRET_ID, SECRET_KEY, region=REGION, auth=auth())
    with TencentOcrV3Client(SECRET_ID, SECRET_KEY, region=REGION, token="session-secret") as client:
        shown = repr(client)
    assert client.endpoint == "https://ocr.tencentcloudapi.com"
    for secret in (SECRET_ID, SECRET_KEY, "session-secret"):
        assert secret not in shown
    assert "ap-guangzhou" in shown


def test_the_generated_client_is_signed_the_same_way(router: respx.MockRouter) -> None:
    route = router.post(URL).respond(200, json=ANSWER)
    with TencentOcrV3Client(auth=auth()) as client:
        response = general_handwriting_ocr.sync_detailed(
            client=client.generated,
            body=GeneralHandwritingOCRRequest(image_url="https://images.example.com/a.png"),
        )
    assert response.status_code == 200
    request = route.calls.last.request
    assert request.headers["Authorization"] == expected_authorization(request.content)
    assert request.headers["X-TC-Action"] == "GeneralHandwritingOCR"


# --- answers: errors by code class ----------------------------------------------------------------------

ERROR_CLASSES: list[tuple[str, type[ApiError]]] = [
    ("AuthFailure.SignatureFailure", AuthenticationError),
    ("AuthFailure.SignatureExpire", AuthenticationError),
    ("AuthFailure.SecretIdNotFound", AuthenticationError),
    ("AuthFailure.InvalidAuthorization", AuthenticationError),
    ("AuthFailure.TokenFailure", AuthenticationError),
    ("AuthFailure.UnauthorizedOperation", PermissionDeniedError),
    ("FailedOperation.UnOpenError", PermissionDeniedError),
    ("LimitExceeded.TooLargeFileError", BadRequestError),
    ("FailedOperation.ImageDecodeFailed", BadRequestError),
    ("FailedOperation.ImageSizeTooLarge", BadRequestError),
    ("FailedOperation.ImageBlur", BadRequestError),
    ("FailedOperation.DownLoadError", BadRequestError),
    ("InvalidParameterValue.InvalidParameterValueLimit", BadRequestError),
    ("InvalidParameter.EngineImageDecodeFailed", BadRequestError),
    ("MissingParameter", BadRequestError),
    ("UnsupportedRegion", BadRequestError),
    ("InvalidAction", NotFoundError),
    ("ResourceUnavailable.InArrears", QuotaExceededError),
    ("ResourceUnavailable.ResourcePackageRunOut", QuotaExceededError),
    ("ResourcesSoldOut.ChargeStatusException", QuotaExceededError),
    ("FailedOperation.ArrearsError", QuotaExceededError),
    ("FailedOperation.UnKnowError", ServiceError),
    ("FailedOperation.OcrFailed", OperationFailedError),
    ("SomethingNew.NobodyDocumented", ApiError),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("code", "cls"), ERROR_CLASSES)
async def test_each_error_code_class_is_mapped(
    mode: Mode, code: str, cls: type[ApiError], router: respx.MockRouter
) -> None:
    route = router.post(URL).respond(200, json=error_answer(code, "what the service said", "req-42"))
    client = make(mode)
    with pytest.raises(ApiError) as caught:
        await settle(client.recognize(png()))
    await close(client)
    assert type(caught.value) is cls
    error = caught.value
    assert (error.provider, error.status_code, error.code) == ("tencent", 200, code)
    assert (error.message, error.request_id) == ("what the service said", "req-42")
    assert route.call_count == 1  # final: not retried


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "code",
    [
        "RequestLimitExceeded",
        "RequestLimitExceeded.UinLimitExceeded",
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    ],
)
async def test_throttling_is_retried_then_reported(mode: Mode, code: str, router: respx.MockRouter) -> None:
    route = router.post(URL)
    route.side_effect = [httpx.Response(200, json=error_answer(code)), httpx.Response(200, json=ANSWER)]
    client = make(mode)
    result = await settle(client.recognize_handwriting(png()))
    assert isinstance(result, GeneralHandwritingOCRResponse)
    assert route.call_count == 2
    first, second = (call.request for call in route.calls)
    assert first.content == second.content
    assert second.headers["Authorization"] == expected_authorization(second.content)  # signed again

    # When the throttling does not stop within the policy, it is a RateLimitError.
    route.side_effect = None
    route.return_value = httpx.Response(200, json=error_answer(code))
    await close(client)
    client = make(mode, retry=RetryPolicy(base_backoff=0.001, jitter=0.0, throttle_retries=1))
    with pytest.raises(RateLimitError) as caught:
        await settle(client.recognize_handwriting(png()))
    await close(client)
    assert caught.value.code == code
    assert route.call_count == 4


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", ["InternalError", "FailedOperation.EngineRecognizeTimeout"])
async def test_internal_failures_are_retried_as_transient(
    mode: Mode, code: str, router: respx.MockRouter
) -> None:
    route = router.post(URL).respond(200, json=error_answer(code))
    client = make(mode)
    with pytest.raises(ServiceError) as caught:
        await settle(client.recognize(png()))
    await close(client)
    assert caught.value.code == code
    assert route.call_count == FAST_RETRY.max_attempts


@pytest.mark.parametrize("mode", MODES)
async def test_an_http_error_status_uses_the_envelope_when_there_is_one(
    mode: Mode, router: respx.MockRouter
) -> None:
    route = router.post(URL)
    route.side_effect = [
        httpx.Response(401, json=error_answer("AuthFailure.SecretIdNotFound", "unknown id", "req-401")),
        httpx.Response(
            502, text="<html><title>Bad Gateway</title></html>", headers={"Content-Type": "text/html"}
        ),
    ]
    client = make(mode, retry=RetryPolicy(max_attempts=1))
    with pytest.raises(AuthenticationError) as auth_error:
        await settle(client.recognize(png()))
    with pytest.raises(ServiceError) as gateway:
        await settle(client.recognize(png()))
    await close(client)
    assert (auth_error.value.code, auth_error.value.status_code, auth_error.value.request_id) == (
        "AuthFailure.SecretIdNotFound",
        401,
        "req-401",
    )
    assert gateway.value.status_code == 502 and "Bad Gateway" in str(gateway.value)


# --- "no text" is an empty result -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", ["FailedOperation.ImageNoText", "FailedOperation.ImageNoHandWrite"])
async def test_an_image_without_text_is_an_empty_result(
    mode: Mode, code: str, router: respx.MockRouter
) -> None:
    answer = error_answer(code, "no text found", "req-blank")
    route = router.post(URL).respond(200, json=answer)
    client = make(mode)
    typed = await settle(client.recognize_handwriting(png(), scene="only_hw"))
    document = await settle(client.recognize(png()))
    await close(client)
    assert route.call_count == 2  # not retried either

    # The typed answer says both things honestly: nothing detected, and what the service said.
    assert typed.text_detections == []
    assert isinstance(typed.error, TencentCloudError)
    assert (typed.error.code, typed.error.message, typed.request_id) == (code, "no text found", "req-blank")
    # The Document: one page without lines; the service's answer kept for the same shape.
    assert document.text == ""
    assert [len(page.lines) for page in document.pages] == [0]
    assert document.raw == {"Response": {**answer["Response"], "TextDetections": []}}  # type: ignore[dict-item]
    assert answer == error_answer(code, "no text found", "req-blank")  # the answer itself untouched


def test_the_raw_mapping_still_classes_no_text_as_the_image() -> None:
    # Outside the facades (a caller reading an answer it has), the code keeps its documented class.
    error = tencent_v3_error("FailedOperation.ImageNoText", "no text", request_id="r")
    assert isinstance(error, BadRequestError) and error.code == "FailedOperation.ImageNoText"


# --- malformed answers ----------------------------------------------------------------------------------

MALFORMED: list[object] = [
    {},
    {"Response": "ok"},
    {"Response": {"RequestId": "r"}},  # neither TextDetections nor Error
    {"Response": {"TextDetections": {"DetectedText": "x"}, "RequestId": "r"}},
    {"Response": {"Error": "oops", "RequestId": "r"}},
    {"Response": {"Error": {"Message": "no code"}, "RequestId": "r"}},
    [1, 2],
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("answer", MALFORMED)
@pytest.mark.parametrize("method", ["recognize", "recognize_handwriting"])
async def test_malformed_answers(mode: Mode, answer: object, method: str, router: respx.MockRouter) -> None:
    router.post(URL).respond(200, json=answer)
    client = make(mode)
    with pytest.raises(MalformedResponseError) as caught:
        await settle(getattr(client, method)(png()))
    await close(client)
    assert caught.value.provider == "tencent"


@pytest.mark.parametrize("mode", MODES)
async def test_detections_of_the_wrong_shape_are_malformed(mode: Mode, router: respx.MockRouter) -> None:
    bad = {"Response": {"TextDetections": [{"Confidence": "high"}], "RequestId": "r"}}
    router.post(URL).respond(200, json=bad)
    client = make(mode)
    with pytest.raises(MalformedResponseError):
        await settle(client.recognize_handwriting(png()))
    with pytest.raises(MalformedResponseError):
        await settle(client.recognize(png()))
    await close(client)


# --- bad input: refused before any request ---------------------------------------------------------

# Base64 of 7,864,321 bytes is 10,485,764 characters: 4 over the 10 MB (MiB) limit.
BAD_INPUTS: list[tuple[dict[str, object], str]] = [
    ({"image": padded_png(7_864_321)}, "10 MB"),
    ({"image": gif()}, "GIF"),
    ({"image": b"BM" + b"\0" * 60}, "BMP"),
    ({"image": b""}, "empty"),
    ({"image": b"not an image"}, "not recognised"),
    ({"url": "ftp://images.example.com/a.png"}, "http"),
    ({"image": png(), "url": "https://images.example.com/a.png"}, "not both"),
    ({}, "no image"),
    ({"image": png(), "scene": " "}, "scene"),
    ({"image": png(), "enable_word_polygon": "yes"}, "enable_word_polygon"),
    ({"image": png(), "enable_detect_text": 1}, "enable_detect_text"),
]


@pytest.mark.parametrize(("kwargs", "words"), BAD_INPUTS)
@pytest.mark.parametrize("method", ["recognize", "recognize_handwriting"])
@pytest.mark.parametrize("mode", MODES)
async def test_bad_input_sends_nothing(
    mode: Mode, method: str, kwargs: dict[str, object], words: str, router: respx.MockRouter
) -> None:
    route = router.route()
    client = make(mode)
    with pytest.raises(InvalidInputError) as caught:
        await settle(getattr(client, method)(**kwargs))
    await close(client)
    assert words in str(caught.value)
    assert route.call_count == 0


def test_the_largest_image_that_fits_is_sent(router: respx.MockRouter) -> None:
    route = router.post(URL).respond(200, json=ANSWER)
    with TencentOcrV3Client(auth=auth()) as client:
        client.recognize_handwriting(padded_png(7_864_320))  # base64: exactly 10,485,760 characters
    assert len(json.loads(route.calls.last.request.content)["ImageBase64"]) == 10 * 1024 * 1024


# --- the mapping and the retry classifier as functions ------------------------------------------------------


@pytest.mark.parametrize(("code", "cls"), ERROR_CLASSES)
def test_error_class_table(code: str, cls: type[ApiError]) -> None:
    assert tencent_v3_error_class(code) is cls


@pytest.mark.parametrize(
    ("status", "body", "decision"),
    [
        (200, error_answer("RequestLimitExceeded"), RetryDecision.REJECTED),
        (200, error_answer("RequestLimitExceeded.IPLimitExceeded"), RetryDecision.REJECTED),
        (200, error_answer("InternalError"), RetryDecision.TRANSIENT),
        (200, error_answer("InternalError.Backend"), RetryDecision.TRANSIENT),
        (200, error_answer("FailedOperation.EngineRecognizeTimeout"), RetryDecision.TRANSIENT),
        (200, error_answer("RequestLimitExceededX"), None),
        (200, error_answer("FailedOperation.ImageNoText"), None),
        (200, ANSWER, None),
        (200, {"code": 15}, None),  # the legacy API's throttling is classify_tencent's
        (429, error_answer("RequestLimitExceeded"), None),  # the status rules decide
    ],
)
def test_classify_tencent_v3(status: int, body: object, decision: RetryDecision | None) -> None:
    response = httpx.Response(status, json=body)
    response.read()
    assert classify_tencent_v3(response) is decision

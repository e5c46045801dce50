"""Provider answers to errors: every envelope, every documented code, and bodies that are not JSON."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Mapping
from email.utils import formatdate

import httpx
import pytest
import respx
from handwriting_ocr.error_mapping import (
    MAX_MESSAGE_CHARS,
    check_tencent_envelope,
    error_from_response,
    model_from_data,
    parse_model,
    raise_for_status,
    read_json,
    read_json_object,
    tencent_error,
)
from handwriting_ocr.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    MalformedResponseError,
    NotFoundError,
    OperationFailedError,
    PermissionDeniedError,
    Provider,
    QuotaExceededError,
    RateLimitError,
    ServiceError,
)

AZURE = "https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/core/asyncBatchAnalyze"
HUAWEI = "https://ocr.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef/ocr/handwriting"
IAM = "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens"
TENCENT = "https://recognition.image.myqcloud.com/ocr/handwriting"
SUBSCRIPTION_KEY = "0123456789abcdef0123456789abcdef"

HTML_503 = (
    b"<!DOCTYPE html>\n<html><head><title>503 Service\n Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>nginx</p></body></html>"
)


def answer(
    status: int,
    body: object = None,
    *,
    url: str = AZURE,
    headers: Mapping[str, str] | None = None,
    raw: bytes | None = None,
) -> httpx.Response:
    """A response as a client would get it, with the request (and its credential header) attached."""
    request = httpx.Request("POST", url, headers={"Ocp-Apim-Subscription-Key": SUBSCRIPTION_KEY})
    all_headers = dict(headers or {})
    if raw is not None:
        return httpx.Response(status, content=raw, headers=all_headers, request=request)
    if body is None:
        return httpx.Response(status, headers=all_headers, request=request)
    all_headers.setdefault("Content-Type", "application/json; charset=utf-8")
    return httpx.Response(status, content=json.dumps(body).encode(), headers=all_headers, request=request)


def assert_error(
    error: ApiError,
    cls: type[ApiError],
    *,
    provider: Provider,
    status: int | None,
    code: str | None,
    message: str,
    request_id: str | None = None,
) -> None:
    assert type(error) is cls
    assert (error.provider, error.status_code, error.code, error.message, error.request_id) == (
        provider,
        status,
        code,
        message,
        request_id,
    )
    assert SUBSCRIPTION_KEY not in str(error)
    assert SUBSCRIPTION_KEY not in repr(error)


# --- Azure ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "InvalidImageUrl", BadRequestError),
        (400, "InvalidImageFormat", BadRequestError),
        (400, "InvalidImageSize", BadRequestError),
        (415, "InvalidImageSize", BadRequestError),
        (400, "NotSupportedImage", BadRequestError),
        (400, "NotSupportedLanguage", BadRequestError),
        (400, "BadArgument", BadRequestError),
        (400, "SpecifiedModelNotFound", NotFoundError),
        (500, "FailedToProcess", ServiceError),
        (500, "InternalServerError", ServiceError),
        (500, "Timeout", ServiceError),
        (500, "Unspecified", ServiceError),
        (500, "StorageException", ServiceError),
        # An unknown code: the status decides.
        (400, "SomethingNew", BadRequestError),
        (503, "SomethingNew", ServiceError),
    ],
)
def test_azure_service_envelope(status: int, code: str, cls: type[ApiError]) -> None:
    response = answer(
        status, {"code": code, "message": "Image URL is badly formatted.", "requestId": "3f6a-11"}
    )
    assert_error(
        error_from_response("azure", response),
        cls,
        provider="azure",
        status=status,
        code=code,
        message="Image URL is badly formatted.",
        request_id="3f6a-11",
    )


@pytest.mark.parametrize(
    ("status", "inner", "cls"),
    [
        (
            401,
            {
                "code": "401",
                "message": "Access denied due to invalid subscription key. Make sure to provide a valid key.",
            },
            AuthenticationError,
        ),
        (
            401,
            {"statusCode": 401, "message": "Access denied due to invalid subscription key."},
            AuthenticationError,
        ),
        (403, {"code": "403", "message": "The key is not allowed to call this API."}, PermissionDeniedError),
        (
            403,
            {
                "code": "403",
                "message": "Out of call volume quota for ComputerVision F0 pricing tier. Please retry after 1 day.",
            },
            QuotaExceededError,
        ),
        (404, {"code": "404", "message": "Resource not found"}, NotFoundError),
    ],
)
def test_azure_gateway_envelope(status: int, inner: dict[str, object], cls: type[ApiError]) -> None:
    response = answer(status, {"error": inner}, headers={"apim-request-id": "b1c2-33"})
    assert_error(
        error_from_response("azure", response),
        cls,
        provider="azure",
        status=status,
        code=str(inner.get("code", inner.get("statusCode"))),
        message=str(inner["message"]),
        request_id="b1c2-33",
    )


def test_request_id_header_wins_over_body_and_is_read_from_every_known_header() -> None:
    body = {"code": "BadArgument", "message": "m", "requestId": "from-body"}
    for header in ("X-Request-Id", "apim-request-id", "x-ms-request-id"):
        error = error_from_response("azure", answer(400, body, headers={header: " from-header "}))
        assert error.request_id == "from-header"
    assert error_from_response("azure", answer(400, body)).request_id == "from-body"


def test_azure_429_retry_after_from_the_header_in_seconds() -> None:
    response = answer(
        429,
        {"error": {"code": "429", "message": "Rate limit is exceeded. Try again in 26 seconds."}},
        headers={"Retry-After": "7"},
    )
    error = error_from_response("azure", response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0
    assert str(error) == "[azure, HTTP 429, code 429] Rate limit is exceeded. Try again in 26 seconds."


def test_429_retry_after_as_an_http_date() -> None:
    response = answer(
        429,
        {"statusCode": 429, "message": "slow down"},
        headers={"Retry-After": formatdate(time.time() + 30, usegmt=True)},
    )
    error = error_from_response("azure", response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after is not None
    assert 27.0 <= error.retry_after <= 30.0


def test_429_without_header_reads_the_gateway_message() -> None:
    response = answer(429, {"statusCode": 429, "message": "Rate limit is exceeded. Try again in 26 seconds."})
    error = error_from_response("azure", response)
    assert isinstance(error, RateLimitError)
    assert (error.code, error.retry_after) == ("429", 26.0)


def test_429_with_nothing_to_go_by_has_no_retry_after() -> None:
    error = error_from_response("azure", answer(429))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert error.message == "HTTP 429 with an empty body"


# --- Huawei OCR and IAM ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "AIS.0101", BadRequestError),
        (400, "AIS.0102", BadRequestError),
        (400, "AIS.0103", BadRequestError),
        (400, "AIS.0104", BadRequestError),
        (400, "AIS.0105", BadRequestError),
        (403, "ModelArts.4204", PermissionDeniedError),
        (400, "ModelArts.4204", PermissionDeniedError),
        (401, "APIG.0301", AuthenticationError),
        (400, "APIG.0301", AuthenticationError),
        (429, "APIG.0308", RateLimitError),
        (400, "APIG.0308", RateLimitError),
        (429, "ModelArts.4401", RateLimitError),
        (500, "ModelArts.4401", RateLimitError),
        (404, "APIG.0101", NotFoundError),
        (403, "APIG.0302", PermissionDeniedError),
        (401, "APIG.0307", AuthenticationError),
        (400, "AIS.0199", BadRequestError),  # unknown: by status
        (500, "ModelArts.0999", ServiceError),  # unknown: by status
    ],
)
def test_huawei_codes(status: int, code: str, cls: type[ApiError]) -> None:
    response = answer(
        status,
        {"error_code": code, "error_msg": "The image size does not meet the requirements."},
        url=HUAWEI,
        headers={"X-Request-Id": "0a1b2c3d4e5f"},
    )
    error = error_from_response("huawei", response)
    assert_error(
        error,
        cls,
        provider="huawei",
        status=status,
        code=code,
        message="The image size does not meet the requirements.",
        request_id="0a1b2c3d4e5f",
    )


def test_huawei_throttling_code_carries_retry_after() -> None:
    response = answer(
        400, {"error_code": "APIG.0308", "error_msg": "throttled"}, url=HUAWEI, headers={"Retry-After": "3"}
    )
    error = error_from_response("huawei", response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 3.0


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (401, AuthenticationError), (403, PermissionDeniedError), (404, NotFoundError)],
)
def test_huawei_iam_keystone_envelope(status: int, cls: type[ApiError]) -> None:
    body = {
        "error": {"code": status, "message": "The username or password is wrong.", "title": "Unauthorized"}
    }
    error = error_from_response("huawei-iam", answer(status, body, url=IAM))
    assert_error(
        error,
        cls,
        provider="huawei-iam",
        status=status,
        code=str(status),
        message="The username or password is wrong.",
    )


def test_huawei_iam_title_is_the_message_when_there_is_none() -> None:
    error = error_from_response(
        "huawei-iam", answer(401, {"error": {"code": 401, "title": "Unauthorized"}}, url=IAM)
    )
    assert (type(error), error.message) == (AuthenticationError, "Unauthorized")


def test_huawei_iam_gateway_code_is_mapped_too() -> None:
    error = error_from_response(
        "huawei-iam", answer(401, {"error_code": "APIG.0301", "error_msg": "bad token"}, url=IAM)
    )
    assert (type(error), error.code) == (AuthenticationError, "APIG.0301")


# --- Status only: empty, HTML, truncated and odd bodies -----------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (408, ServiceError),
        (410, NotFoundError),
        (413, BadRequestError),
        (415, BadRequestError),
        (422, BadRequestError),
        (429, RateLimitError),
        (500, ServiceError),
        (502, ServiceError),
        (503, ServiceError),
        (504, ServiceError),
        (599, ServiceError),
        (405, ApiError),
        (409, ApiError),
        (302, MalformedResponseError),
    ],
)
@pytest.mark.parametrize("provider", ["azure", "huawei", "huawei-iam", "tencent"])
def test_empty_body_gets_the_status_class(status: int, cls: type[ApiError], provider: Provider) -> None:
    error = error_from_response(provider, answer(status))
    assert_error(
        error, cls, provider=provider, status=status, code=None, message=f"HTTP {status} with an empty body"
    )


def test_html_error_page_is_a_service_error_with_its_title() -> None:
    response = answer(503, raw=HTML_503, headers={"Content-Type": "text/html"})
    assert_error(
        error_from_response("azure", response),
        ServiceError,
        provider="azure",
        status=503,
        code=None,
        message="HTTP 503 with an HTML body (503 Service Unavailable)",
    )


def test_html_without_content_type_and_without_title() -> None:
    response = answer(502, raw=b"  <html><body>Bad gateway</body></html>")
    assert error_from_response("huawei", response).message == "HTTP 502 with an HTML body"


def test_html_429_still_gets_retry_after() -> None:
    response = answer(429, raw=HTML_503, headers={"Content-Type": "text/html", "Retry-After": "12"})
    error = error_from_response("tencent", response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 12.0


def test_truncated_json_is_described_not_raised() -> None:
    raw = b'{"code": "InternalServerError", "mess'
    response = answer(500, raw=raw, headers={"Content-Type": "application/json"})
    assert error_from_response("azure", response).message == (
        f"HTTP 500 (application/json, {len(raw)} bytes) starting '{raw.decode()}'"
    )


def test_plain_text_body_is_quoted_on_one_line() -> None:
    response = answer(
        502, raw=b"upstream connect error\r\nor disconnect", headers={"Content-Type": "text/plain"}
    )
    assert error_from_response("azure", response).message == (
        "HTTP 502 (text/plain, 37 bytes) starting 'upstream connect error or disconnect'"
    )


@pytest.mark.parametrize("document", [[1, 2], 42, "text", {"unrelated": True}, {"error": "just text"}])
def test_json_without_an_envelope_falls_back_to_the_status(document: object) -> None:
    error = error_from_response("azure", answer(500, document))
    assert type(error) is ServiceError
    assert error.code is None
    assert error.message.startswith("HTTP 500 (application/json, ")


def test_messages_are_cleaned_and_shortened() -> None:
    long = "bad\x00 image\n\t" + "x" * 1000
    error = error_from_response("azure", answer(400, {"code": "BadArgument", "message": long}))
    assert error.message.startswith("bad image xxx")
    assert len(error.message) == MAX_MESSAGE_CHARS
    assert error.message.endswith("…")


def test_unread_async_stream_gives_a_status_only_error() -> None:
    class Chunks(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b'{"code": "Timeout", "message": "late"}'

    response = httpx.Response(500, stream=Chunks())
    error = error_from_response("azure", response)
    assert (type(error), error.message) == (ServiceError, "HTTP 500 whose body was not read")


def test_unread_sync_stream_is_read() -> None:
    response = httpx.Response(400, stream=httpx.ByteStream(b'{"code": "BadArgument", "message": "mode"}'))
    error = error_from_response("azure", response)
    assert (type(error), error.code, error.message) == (BadRequestError, "BadArgument", "mode")


def test_raise_for_status() -> None:
    raise_for_status("azure", answer(202))
    raise_for_status("azure", answer(200, {"status": "Running"}))
    with pytest.raises(NotFoundError) as caught:
        raise_for_status("azure", answer(404, {"error": {"code": "404", "message": "Resource not found"}}))
    assert caught.value.message == "Resource not found"


# --- Tencent -------------------------------------------------------------------------------------------

TENCENT_CODES: list[tuple[int, type[ApiError]]] = [
    (3, BadRequestError),
    (4, AuthenticationError),
    (5, AuthenticationError),
    (6, PermissionDeniedError),
    (9, AuthenticationError),
    (10, AuthenticationError),
    (11, AuthenticationError),
    (12, AuthenticationError),
    (13, AuthenticationError),
    (14, AuthenticationError),
    (15, RateLimitError),
    (16, NotFoundError),
    (21, BadRequestError),
    (23, BadRequestError),
    (24, PermissionDeniedError),
    (25, QuotaExceededError),
    (107, ServiceError),
    (108, ServiceError),
    (213, ServiceError),
    (-1102, BadRequestError),
    (-1300, BadRequestError),
    (-1301, BadRequestError),
    (-1304, BadRequestError),
    (-1308, BadRequestError),
    (-9011, OperationFailedError),
    (999, ApiError),
    (-42, ApiError),
]


@pytest.mark.parametrize(("code", "cls"), TENCENT_CODES)
def test_tencent_error_every_documented_code(code: int, cls: type[ApiError]) -> None:
    error = tencent_error(code, "some message", request_id="sess-1")
    assert_error(
        error,
        cls,
        provider="tencent",
        status=200,
        code=str(code),
        message="some message",
        request_id="sess-1",
    )


def test_tencent_rate_limit_has_no_retry_after_and_status_can_be_given() -> None:
    error = tencent_error(15, "too frequent", status_code=429)
    assert isinstance(error, RateLimitError)
    assert (error.retry_after, error.status_code) == (None, 429)


@pytest.mark.parametrize("message", ["account abnormal,errorno is:2", "Account  Abnormal"])
def test_tencent_suspended_account_is_quota_exceeded(message: str) -> None:
    assert type(tencent_error(3, message)) is QuotaExceededError


def test_tencent_empty_message_names_the_code() -> None:
    assert tencent_error(999, "").message == "Tencent error code 999"


def tencent_answer(body: object, *, status: int = 200, raw: bytes | None = None) -> httpx.Response:
    return answer(status, body, url=TENCENT, raw=raw)


def test_check_tencent_envelope_returns_the_envelope_on_success() -> None:
    envelope = {"code": 0, "message": "OK", "data": {"session_id": "s1", "items": []}}
    assert check_tencent_envelope(tencent_answer(envelope)) == envelope


@pytest.mark.parametrize(("code", "cls"), TENCENT_CODES)
def test_check_tencent_envelope_raises_the_code(code: int, cls: type[ApiError]) -> None:
    body = {"code": code, "message": "msg", "data": {"session_id": "1250-abc"}}
    with pytest.raises(ApiError) as caught:
        check_tencent_envelope(tencent_answer(body))
    assert_error(
        caught.value,
        cls,
        provider="tencent",
        status=200,
        code=str(code),
        message="msg",
        request_id="1250-abc",
    )


def test_check_tencent_envelope_accepts_a_decimal_string_code() -> None:
    with pytest.raises(RateLimitError):
        check_tencent_envelope(tencent_answer({"code": "15", "message": "freq"}))


@pytest.mark.parametrize(
    ("body", "raw", "message"),
    [
        ({"message": "OK"}, None, "Tencent answer without an integer 'code'"),
        ({"code": True}, None, "Tencent answer without an integer 'code'"),
        ({"code": "zero"}, None, "Tencent answer without an integer 'code'"),
        ([0], None, "expected a JSON object, got a JSON list"),
        (None, b"", "expected JSON, got HTTP 200 with an empty body"),
        (None, b'{"code": 0, "data": {"ite', None),
    ],
)
def test_check_tencent_envelope_malformed(body: object, raw: bytes | None, message: str | None) -> None:
    with pytest.raises(MalformedResponseError) as caught:
        check_tencent_envelope(tencent_answer(body, raw=raw))
    assert (caught.value.provider, caught.value.status_code) == ("tencent", 200)
    if message is not None:
        assert caught.value.message == message
    else:
        assert caught.value.message.startswith("expected JSON, got invalid JSON (")


def test_check_tencent_envelope_maps_http_errors_first() -> None:
    with pytest.raises(ServiceError) as caught:
        check_tencent_envelope(tencent_answer(None, status=502, raw=HTML_503))
    assert caught.value.message == "HTTP 502 with an HTML body (503 Service Unavailable)"


def test_tencent_body_code_on_an_http_error_status_uses_the_code() -> None:
    error = error_from_response("tencent", tencent_answer({"code": 23, "message": "too big"}, status=413))
    assert_error(error, BadRequestError, provider="tencent", status=413, code="23", message="too big")


# --- read_json and models ------------------------------------------------------------------------------


def test_read_json_returns_the_document() -> None:
    assert read_json("azure", answer(200, {"status": "Succeeded", "n": [1, 2]})) == {
        "status": "Succeeded",
        "n": [1, 2],
    }


@pytest.mark.parametrize(
    ("raw", "headers", "expected"),
    [
        (b"", {}, "expected JSON, got HTTP 200 with an empty body"),
        (b"   \n", {}, "expected JSON, got HTTP 200 with an empty body"),
        (
            HTML_503,
            {"Content-Type": "text/html"},
            "expected JSON, got HTTP 200 with an HTML body (503 Service Unavailable)",
        ),
        (
            b'{"status": "Succ',
            {"Content-Type": "application/json"},
            "expected JSON, got invalid JSON (Unterminated string starting at: line 1 column 12 (char 11)): "
            'HTTP 200 (application/json, 16 bytes) starting \'{"status": "Succ\'',
        ),
        (b"[" * 200_000, {}, None),
        (b'{"a": "\xff\xfe"}', {}, None),
    ],
)
def test_read_json_malformed(raw: bytes, headers: dict[str, str], expected: str | None) -> None:
    response = answer(200, raw=raw, headers={**headers, "X-Request-Id": "r-9"})
    with pytest.raises(MalformedResponseError) as caught:
        read_json("huawei", response)
    error = caught.value
    assert (error.provider, error.status_code, error.code, error.request_id) == ("huawei", 200, None, "r-9")
    if expected is not None:
        assert error.message == expected
    else:
        assert error.message.startswith("expected JSON, got invalid JSON (")
    assert SUBSCRIPTION_KEY not in str(error)
    assert len(error.message) < 400


def test_read_json_object_rejects_other_documents() -> None:
    with pytest.raises(MalformedResponseError, match="expected a JSON object, got a JSON str"):
        read_json_object("azure", answer(200, "Succeeded"))


class Status:
    """Stands in for a generated model: ``from_dict`` raises what generated code raises."""

    KNOWN = ("NotStarted", "Running", "Failed", "Succeeded")

    def __init__(self, status: str, pages: int) -> None:
        self.status = status
        self.pages = pages

    @classmethod
    def from_dict(cls, src: Mapping[str, object]) -> Status:
        status = str(src["status"])
        if status not in cls.KNOWN:
            raise ValueError(f"{status!r} is not a valid Status")
        results = src.get("recognitionResults", [])
        assert isinstance(results, list)
        return cls(status, len(results))


def test_parse_model_builds_the_model() -> None:
    model = parse_model(
        "azure", answer(200, {"status": "Succeeded", "recognitionResults": [{}, {}]}), Status.from_dict
    )
    assert (model.status, model.pages) == ("Succeeded", 2)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"recognitionResults": []}, "the read result does not have the expected shape (KeyError: 'status')"),
        (
            {"status": "Exploded"},
            "the read result does not have the expected shape (ValueError: 'Exploded' is not a valid Status)",
        ),
        (["Succeeded"], "the read result is a JSON list, expected an object"),
    ],
)
def test_parse_model_wraps_shape_errors(body: object, expected: str) -> None:
    response = answer(200, body, headers={"apim-request-id": "q-1"})
    with pytest.raises(MalformedResponseError) as caught:
        parse_model("azure", response, Status.from_dict, what="read result")
    assert (caught.value.message, caught.value.status_code, caught.value.request_id) == (expected, 200, "q-1")


def test_model_from_data_without_a_response() -> None:
    with pytest.raises(MalformedResponseError) as caught:
        model_from_data("tencent", {"items": None}, lambda data: len(data["items"]))  # type: ignore[arg-type]
    assert (caught.value.status_code, caught.value.request_id) == (None, None)
    assert caught.value.message.startswith("the answer does not have the expected shape (TypeError: ")


# --- through a real client, sync and async --------------------------------------------------------------


@respx.mock
def test_sync_client_error_mapping() -> None:
    route = respx.post(AZURE).mock(
        return_value=httpx.Response(
            400,
            json={"code": "InvalidImageUrl", "message": "Image URL is badly formatted.", "requestId": "x1"},
        )
    )
    with httpx.Client() as client:
        response = client.post(
            AZURE,
            json={"url": "http://example.com/a.png"},
            headers={"Ocp-Apim-Subscription-Key": SUBSCRIPTION_KEY},
        )
    error = error_from_response("azure", response)
    assert route.call_count == 1
    assert_error(
        error,
        BadRequestError,
        provider="azure",
        status=400,
        code="InvalidImageUrl",
        message="Image URL is badly formatted.",
        request_id="x1",
    )


@respx.mock
async def test_async_streamed_error_must_be_read_first() -> None:
    respx.post(HUAWEI).mock(
        return_value=httpx.Response(
            400, json={"error_code": "AIS.0103", "error_msg": "size"}, headers={"X-Request-Id": "h-1"}
        )
    )
    async with (
        httpx.AsyncClient() as client,
        client.stream("POST", HUAWEI, json={"image": "aGVsbG8="}) as response,
    ):
        unread = error_from_response("huawei", response)
        await response.aread()
        read = error_from_response("huawei", response)
    assert (type(unread), unread.code, unread.request_id) == (BadRequestError, None, "h-1")
    assert unread.message == "HTTP 400 whose body was not read"
    assert_error(
        read,
        BadRequestError,
        provider="huawei",
        status=400,
        code="AIS.0103",
        message="size",
        request_id="h-1",
    )


# --- one JSON decode per answer ------------------------------------------------------------------


def test_decoded_json_is_decoded_once_per_response(monkeypatch: pytest.MonkeyPatch) -> None:
    from handwriting_ocr import error_mapping

    calls: list[bytes] = []
    real = error_mapping.decode_json

    def counting(body: bytes) -> object:
        calls.append(body)
        return real(body)

    monkeypatch.setattr(error_mapping, "decode_json", counting)
    response = httpx.Response(200, content=b'{"code": 0, "message": "OK", "data": {}}')

    first = error_mapping.json_object_or_none(response)
    assert first == {"code": 0, "message": "OK", "data": {}}
    assert error_mapping.json_object_or_none(response) is first
    assert error_mapping.read_json("tencent", response) is first
    assert error_mapping.check_tencent_envelope(response) is first
    assert len(calls) == 1


def test_a_decoded_body_is_not_reused_for_another_body_sharing_the_extensions() -> None:
    from handwriting_ocr.error_mapping import json_object_or_none

    shared: dict[str, object] = {}
    first = httpx.Response(200, content=b'{"code": 9}', extensions=shared)
    second = httpx.Response(200, content=b'{"code": 15}', extensions=shared)

    assert json_object_or_none(first) == {"code": 9}
    assert json_object_or_none(second) == {"code": 15}
    assert json_object_or_none(first) == {"code": 9}


@pytest.mark.parametrize("content", [b"<html>busy</html>", b"", b"[1, 2]", b'"text"'])
def test_json_object_or_none_is_none_for_anything_but_an_object(content: bytes) -> None:
    from handwriting_ocr.error_mapping import json_object_or_none

    assert json_object_or_none(httpx.Response(200, content=content)) is None


def test_json_object_or_none_is_none_for_an_unread_stream() -> None:
    from handwriting_ocr.error_mapping import json_object_or_none

    response = httpx.Response(200, stream=httpx.ByteStream(b'{"code": 0}'))
    assert json_object_or_none(response) is None

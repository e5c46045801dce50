"""HuaweiSignatureAuth: AK/SK SDK-HMAC-SHA256 signing of the exact bytes sent, sync and async.

The expected signatures are recomputed here from the canonical-request definition (API-FACTS
section 3), written out literally, not through the package's signing module.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

import httpx
import pytest
import respx
from handwriting_ocr.auth import HuaweiSignatureAuth
from handwriting_ocr.errors import InvalidInputError

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

AK = "HPUA0EXAMPLEACCESSKEY"
SK = "s3cr3t-Secret-Key-0123456789abcdefghijkl"
MOMENT = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
SDK_DATE = "20240102T030405Z"
OCR_URL = "https://ocr.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef/ocr/handwriting"


def expected_authorization(canonical_request: str, signed_headers: str) -> str:
    digest = hashlib.sha256(canonical_request.encode()).hexdigest()
    string_to_sign = f"SDK-HMAC-SHA256\n{SDK_DATE}\n{digest}"
    signature = hmac.new(SK.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders={signed_headers}, Signature={signature}"


@pytest.mark.parametrize("mode", MODES)
async def test_post_with_json_body_is_signed_over_the_exact_body(mode: Mode) -> None:
    body = json.dumps({"image": "aGVsbG8=", "char_set": "general"}).encode()
    auth = HuaweiSignatureAuth(AK, SK, clock=FakeClock(MOMENT.timestamp()))
    with respx.mock() as router:
        route = router.post(OCR_URL).respond(200, json={"result": {}})
        response = await send(
            mode,
            auth,
            "POST",
            OCR_URL,
            content=body,
            headers={"Content-Type": "application/json;charset=UTF-8"},
        )
    assert response.status_code == 200
    sent = route.calls.last.request
    assert sent.content == body
    assert sent.headers["X-Sdk-Date"] == SDK_DATE
    canonical = (
        "POST\n"
        "/v2/0123456789abcdef/ocr/handwriting/\n"
        "\n"
        "content-type:application/json;charset=UTF-8\n"
        "host:ocr.cn-north-4.myhuaweicloud.com\n"
        f"x-sdk-date:{SDK_DATE}\n"
        "\n"
        "content-type;host;x-sdk-date\n"
        f"{hashlib.sha256(body).hexdigest()}"
    )
    assert sent.headers["Authorization"] == expected_authorization(canonical, "content-type;host;x-sdk-date")


@pytest.mark.parametrize("mode", MODES)
async def test_get_with_query_signs_the_sorted_encoded_query_and_caller_headers(mode: Mode) -> None:
    url = "https://ocr.cn-north-4.myhuaweicloud.com/v1/projects"
    auth = HuaweiSignatureAuth(AK, SK, clock=FakeClock(MOMENT.timestamp()))
    with respx.mock() as router:
        route = router.get(url__startswith=url).respond(200, json={})
        await send(
            mode,
            auth,
            "GET",
            url,
            params={"name": "a b/c", "limit": "2"},
            headers={"X-Project-Id": "  p-1  ", "X_Ignored": "underscore headers are never signed"},
        )
    sent = route.calls.last.request
    # Sent exactly as signed: sorted, and a space as %20 rather than httpx's "+".
    assert sent.url.query == b"limit=2&name=a%20b%2Fc"
    canonical = (
        "GET\n"
        "/v1/projects/\n"
        "limit=2&name=a%20b%2Fc\n"
        "host:ocr.cn-north-4.myhuaweicloud.com\n"
        f"x-project-id:p-1\n"
        f"x-sdk-date:{SDK_DATE}\n"
        "\n"
        "host;x-project-id;x-sdk-date\n"
        f"{hashlib.sha256(b'').hexdigest()}"
    )
    assert sent.headers["Authorization"] == expected_authorization(canonical, "host;x-project-id;x-sdk-date")


def test_streamed_body_is_read_and_signed_as_sent() -> None:
    chunks = [b'{"image":', b'"aGVsbG8="}']
    auth = HuaweiSignatureAuth(AK, SK, clock=FakeClock(MOMENT.timestamp()))
    with respx.mock() as router, httpx.Client() as client:
        route = router.post(OCR_URL).respond(200, json={})
        client.post(OCR_URL, content=iter(chunks), headers={"Content-Type": "application/json"}, auth=auth)
    sent = route.calls.last.request
    assert sent.content == b"".join(chunks)
    canonical = (
        "POST\n/v2/0123456789abcdef/ocr/handwriting/\n\n"
        "content-type:application/json\nhost:ocr.cn-north-4.myhuaweicloud.com\n"
        f"x-sdk-date:{SDK_DATE}\n\ncontent-type;host;x-sdk-date\n"
        f"{hashlib.sha256(b''.join(chunks)).hexdigest()}"
    )
    assert sent.headers["Authorization"] == expected_authorization(canonical, "content-type;host;x-sdk-date")


def test_each_request_gets_the_date_of_the_moment_it_is_signed() -> None:
    clock = FakeClock(MOMENT.timestamp())
    auth = HuaweiSignatureAuth(AK, SK, clock=clock)
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        route = router.post(OCR_URL).respond(200, json={})
        client.post(OCR_URL, content=b"{}")
        clock.advance(61)
        client.post(OCR_URL, content=b"{}")
    first, second = (call.request for call in route.calls)
    assert first.headers["X-Sdk-Date"] == SDK_DATE
    assert second.headers["X-Sdk-Date"] == "20240102T030506Z"
    assert first.headers["Authorization"] != second.headers["Authorization"]


def test_repr_shows_neither_key() -> None:
    auth = HuaweiSignatureAuth(AK, SK)
    assert AK not in repr(auth)
    assert SK not in repr(auth)
    assert "HuaweiSignatureAuth" in repr(auth)


@pytest.mark.parametrize(
    ("access_key", "secret_key", "field"), [("", SK, "access_key"), (AK, " ", "secret_key")]
)
def test_empty_keys_are_rejected_by_name(access_key: str, secret_key: str, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        HuaweiSignatureAuth(access_key, secret_key)
    assert caught.value.field == field

"""Controls for the validator itself: the httpx adapter must let openapi-core reject bad traffic.

Every request test asserts "no errors"; that only means something if the same machinery reports errors
for requests and responses that break the spec. These are hand-built, independent of generated code.
"""

from __future__ import annotations

import httpx
import pytest

from .expectations import AZURE_V1, AZURE_V2, HUAWEI_IAM, TENCENT_OCR
from .openapi_wire import request_body, request_errors, response_errors

V2 = AZURE_V2.base_url
KEY = AZURE_V2.auth_headers


def _v2(
    method: str,
    path: str,
    *,
    json: object = None,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Request:
    """A request to the Azure v2.0 API, with the subscription key."""
    return httpx.Request(
        method, f"{V2}{path}", json=json, content=content, headers={**KEY, **(headers or {})}
    )


def test_a_conforming_request_and_response_pass() -> None:
    request = _v2("POST", "/recognizeText?mode=Handwritten", json={"url": "https://example.com/a.jpg"})
    assert request_errors(AZURE_V2.spec_file, request) == []
    accepted = httpx.Response(202, headers={"Operation-Location": f"{V2}/textOperations/1"})
    assert response_errors(AZURE_V2.spec_file, request, accepted) == []


@pytest.mark.parametrize(
    ("request_", "problem"),
    [
        (_v2("POST", "/recognizeTextX?mode=Handwritten", json={"url": "u"}), "PathNotFound"),
        (_v2("PUT", "/recognizeText?mode=Handwritten", json={"url": "u"}), "OperationNotFound"),
        (_v2("POST", "/recognizeText", json={"url": "u"}), "MissingRequiredParameter"),
        (_v2("POST", "/recognizeText?mode=Cursive", json={"url": "u"}), "InvalidParameter"),
        (_v2("POST", "/recognizeText?mode=Printed", json={"uri": "u"}), "InvalidRequestBody"),
        (
            _v2("POST", "/recognizeText?mode=Printed", content=b"img", headers={"Content-Type": "image/png"}),
            "MediaType",
        ),
        (httpx.Request("POST", f"{V2}/recognizeText?mode=Printed", json={"url": "u"}), "Security"),
        (
            httpx.Request(
                "POST", "https://example.com/vision/v3.0/recognizeText?mode=Printed", json={"url": "u"}
            ),
            "Server",
        ),
    ],
    ids=["path", "method", "missing-query", "bad-enum", "bad-body", "content-type", "no-key", "server"],
)
def test_a_broken_request_is_rejected(request_: httpx.Request, problem: str) -> None:
    errors = request_errors(AZURE_V2.spec_file, request_)
    assert any(problem in error for error in errors), errors


def test_a_broken_response_is_rejected() -> None:
    request = _v2("POST", "/read/core/asyncBatchAnalyze", json={"url": "https://example.com/a.jpg"})
    no_header = httpx.Response(202)
    assert any("Operation-Location" in e for e in response_errors(AZURE_V2.spec_file, request, no_header))
    not_a_url = httpx.Response(202, headers={"Operation-Location": "49a36324"})
    assert response_errors(AZURE_V2.spec_file, request, not_a_url) != []
    undocumented = httpx.Response(418, json={"code": "x", "message": "y"})
    assert response_errors(AZURE_V2.spec_file, request, undocumented) != []
    read = _v2("GET", "/read/operations/1")
    wrong_shape = httpx.Response(200, json={"status": "Succeeded", "recognitionResults": [{"lines": "none"}]})
    assert response_errors(AZURE_V2.spec_file, read, wrong_shape) != []


def test_thumbnail_media_types() -> None:
    request = httpx.Request(
        "POST",
        f"{AZURE_V1.base_url}/generateThumbnail?width=10&height=10",
        json={"url": "https://example.com/a.jpg"},
        headers=AZURE_V1.auth_headers,
    )
    jpeg = httpx.Response(200, content=b"\xff\xd8\xff", headers={"Content-Type": "image/jpeg"})
    assert response_errors(AZURE_V1.spec_file, request, jpeg) == []
    html = httpx.Response(200, content=b"<html>", headers={"Content-Type": "text/html"})
    assert response_errors(AZURE_V1.spec_file, request, html) != []


def test_multipart_form_is_decoded_part_by_part() -> None:
    body = (
        b'--b0\r\nContent-Disposition: form-data; name="appid"\r\n\r\n1252821871\r\n'
        b'--b0\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n\xff\xd8\r\n\xff\xd9\r\n--b0--\r\n"
    )
    request = httpx.Request(
        "POST",
        f"{TENCENT_OCR.base_url}/ocr/handwriting",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=b0", **TENCENT_OCR.auth_headers},
    )
    assert request_body(TENCENT_OCR.spec_file, request) == {
        "appid": "1252821871",
        "image": b"\xff\xd8\r\n\xff\xd9",
    }
    missing_file = httpx.Request(
        "POST",
        f"{TENCENT_OCR.base_url}/ocr/handwriting",
        content=b'--b0\r\nContent-Disposition: form-data; name="appid"\r\n\r\n1\r\n--b0--\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=b0", **TENCENT_OCR.auth_headers},
    )
    assert request_errors(TENCENT_OCR.spec_file, missing_file) != []


def test_iam_token_header_is_required() -> None:
    request = httpx.Request(
        "POST",
        f"{HUAWEI_IAM.base_url}/v3/auth/tokens",
        json={"auth": {"identity": {"methods": ["password"]}}},
    )
    created = httpx.Response(201, json={"token": {"expires_at": "2026-11-22T00:00:00.000000Z"}})
    assert any("X-Subject-Token" in e for e in response_errors(HUAWEI_IAM.spec_file, request, created))

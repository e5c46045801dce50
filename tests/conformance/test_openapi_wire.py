"""Controls for the validator itself: the httpx adapter must let openapi-core reject bad traffic.

Every request test asserts "no errors"; that only means something if the same machinery reports errors
for requests and responses that break the spec. These are hand-built, independent of generated code.
"""

from __future__ import annotations

import json

import httpx
import pytest

from .expectations import (
    AZURE_IMAGE_ANALYSIS,
    AZURE_V1,
    AZURE_V2,
    AZURE_V3,
    HUAWEI_IAM,
    TENCENT_OCR,
    TENCENT_OCR_V3,
)
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


# --- The current APIs: what their specs must reject --------------------------------------------------------
#
# `api-version`, `X-TC-Action` and `X-TC-Version` are required and carry their only value as `default`
# (so the generated functions fill them in). openapi-core applies that default to a request that lacks
# them instead of reporting it, so their absence is not checked here; the request tests compare the exact
# URL and headers instead, and the manifest checks that the spec declares them required.

ANALYZE = f"{AZURE_IMAGE_ANALYSIS.base_url}/imageanalysis:analyze"
V3 = AZURE_V3.base_url


@pytest.mark.parametrize(
    ("request_", "problem"),
    [
        # The colon is part of the path: another separator is another (unknown) path.
        (
            httpx.Request(
                "POST", ANALYZE.replace(":", "/") + "?api-version=2023-10-01&features=read", json={"url": "u"}
            ),
            "PathNotFound",
        ),
        (
            httpx.Request("POST", f"{ANALYZE}?api-version=2024-02-01&features=read", json={"url": "u"}),
            "InvalidParameter",
        ),
        (
            httpx.Request(
                "POST",
                f"{ANALYZE}?api-version=2023-10-01&features=read&smartcrops-aspect-ratios=0.9%2C2.5",
                json={"url": "u"},
            ),
            "InvalidParameter",
        ),
        (
            httpx.Request(
                "POST",
                f"{ANALYZE}?api-version=2023-10-01&features=read&model-version=newest",
                json={"url": "u"},
            ),
            "InvalidParameter",
        ),
        (httpx.Request("POST", f"{V3}/read/analyze?pages=1%2Cthree", json={"url": "u"}), "InvalidParameter"),
    ],
    ids=["colon", "other-api-version", "crop-ratio", "model-version", "pages"],
)
def test_azure_current_apis_reject(request_: httpx.Request, problem: str) -> None:
    spec = AZURE_IMAGE_ANALYSIS if "imageanalysis" in str(request_.url) else AZURE_V3
    request_.headers.update(spec.auth_headers)
    errors = request_errors(spec.spec_file, request_)
    assert any(problem in error for error in errors), errors


def test_image_analysis_accepts_a_key_or_a_bearer_token_but_not_neither() -> None:
    url = f"{ANALYZE}?api-version=2023-10-01&features=read%2Ccaption"
    with_key = httpx.Request("POST", url, json={"url": "u"}, headers=AZURE_IMAGE_ANALYSIS.auth_headers)
    with_token = httpx.Request(
        "POST", url, json={"url": "u"}, headers={"Authorization": "Bearer eyJ0eXAi.e30.sig"}
    )
    neither = httpx.Request("POST", url, json={"url": "u"})
    assert request_errors(AZURE_IMAGE_ANALYSIS.spec_file, with_key) == []
    assert request_errors(AZURE_IMAGE_ANALYSIS.spec_file, with_token) == []
    assert any("Security" in error for error in request_errors(AZURE_IMAGE_ANALYSIS.spec_file, neither))


def _tencent(headers: dict[str, str], body: object) -> httpx.Request:
    return httpx.Request(
        "POST",
        f"{TENCENT_OCR_V3.base_url}/",
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
    )


ACTION = {"X-TC-Action": "GeneralHandwritingOCR", "X-TC-Version": "2018-11-19"}


@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ({**ACTION}, "Security"),  # no signature headers at all
        (
            {**ACTION, **{k: v for k, v in TENCENT_OCR_V3.auth_headers.items() if k != "X-TC-Timestamp"}},
            "Security",
        ),
        ({**ACTION, "X-TC-Action": "GeneralBasicOCR", **TENCENT_OCR_V3.auth_headers}, "InvalidParameter"),
        ({**ACTION, "X-TC-Version": "2017-03-12", **TENCENT_OCR_V3.auth_headers}, "InvalidParameter"),
    ],
    ids=["unsigned", "no-timestamp", "other-action", "other-version"],
)
def test_tencent_v3_rejects(headers: dict[str, str], problem: str) -> None:
    errors = request_errors(TENCENT_OCR_V3.spec_file, _tencent(headers, {"ImageUrl": "https://a/b.png"}))
    assert any(problem in error for error in errors), errors


def test_tencent_v3_bodies() -> None:
    headers = {**ACTION, **TENCENT_OCR_V3.auth_headers}
    good = _tencent(headers, {"ImageUrl": "https://a/b.png", "EnableWordPolygon": True})
    assert request_errors(TENCENT_OCR_V3.spec_file, good) == []
    not_a_flag = _tencent(headers, {"ImageUrl": "https://a/b.png", "EnableWordPolygon": "yes"})
    assert any("InvalidRequestBody" in e for e in request_errors(TENCENT_OCR_V3.spec_file, not_a_flag))
    # Both answers are HTTP 200; an answer outside the `Response` envelope, or without RequestId, is not.
    error = httpx.Response(
        200, json={"Response": {"Error": {"Code": "InternalError", "Message": "x"}, "RequestId": "1"}}
    )
    assert response_errors(TENCENT_OCR_V3.spec_file, good, error) == []
    bare = httpx.Response(200, json={"TextDetections": [], "RequestId": "1"})
    assert response_errors(TENCENT_OCR_V3.spec_file, good, bare) != []
    no_id = httpx.Response(200, json={"Response": {"TextDetections": []}})
    assert response_errors(TENCENT_OCR_V3.spec_file, good, no_id) != []
    float_confidence = httpx.Response(
        200,
        json={
            "Response": {
                "TextDetections": [{"DetectedText": "a", "Confidence": 0.5, "Polygon": []}],
                "RequestId": "1",
            }
        },
    )
    assert response_errors(TENCENT_OCR_V3.spec_file, good, float_confidence) != []

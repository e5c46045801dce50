"""Each provider's error bodies are described by its spec and parse into the generated error models.

These bodies are written here from API-FACTS (not taken from the specs' examples): Azure's service body
and its gateway envelope (with ``code`` or ``statusCode``), Huawei's ``error_code``/``error_msg``, IAM's
``{"error": {...}}``, and Tencent's body-level ``code`` on HTTP 200. Each is served to every operation
of its spec, validated by openapi-core and parsed by the generated client.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .case_registry import cases_of
from .expectations import ALL_SPECS, AZURE_V1, AZURE_V2, HUAWEI_IAM, HUAWEI_OCR, TENCENT_OCR, SpecExpectation
from .generated_access import GeneratedModel, model_class
from .mock_calls import call_sync
from .openapi_wire import response_errors
from .request_cases import Reply


@dataclass(frozen=True)
class ErrorBody:
    spec: SpecExpectation
    status: int
    body: dict[str, object]
    model: str  # the generated class it must parse into
    name: str


AZURE_ERRORS: list[tuple[int, dict[str, object], str]] = [
    (
        400,
        {"code": "InvalidImageSize", "message": "Input image is too large.", "requestId": "3e2f"},
        "ComputerVisionError",
    ),
    (400, {"code": "CodeAddedIn2031", "message": "A new code."}, "ComputerVisionError"),
    (
        415,
        {"code": "InvalidImageFormat", "message": "Input data is not a valid image."},
        "ComputerVisionError",
    ),
    (500, {"code": "FailedToProcess", "message": "The operation failed."}, "ComputerVisionError"),
    (
        401,
        {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
        "ComputerVisionErrorEnvelope",
    ),
    (403, {"error": {"code": "403", "message": "Out of call volume quota."}}, "ComputerVisionErrorEnvelope"),
    (
        429,
        {"error": {"statusCode": 429, "message": "Rate limit is exceeded."}},
        "ComputerVisionErrorEnvelope",
    ),
]

ERROR_BODIES = [
    *(ErrorBody(spec, s, b, m, f"{m}-{s}") for spec in (AZURE_V2, AZURE_V1) for s, b, m in AZURE_ERRORS),
    ErrorBody(
        HUAWEI_OCR,
        400,
        {"error_code": "AIS.0101", "error_msg": "Invalid parameter."},
        "HuaweiErrorResponse",
        "ais",
    ),
    ErrorBody(
        HUAWEI_OCR,
        401,
        {"error_code": "APIG.0301", "error_msg": "Incorrect token."},
        "HuaweiErrorResponse",
        "apig",
    ),
    ErrorBody(
        HUAWEI_OCR,
        403,
        {"error_code": "ModelArts.4204", "error_msg": "Not subscribed."},
        "HuaweiErrorResponse",
        "4204",
    ),
    ErrorBody(
        HUAWEI_OCR,
        429,
        {"error_code": "APIG.0308", "error_msg": "Throttled."},
        "HuaweiErrorResponse",
        "throttled",
    ),
    ErrorBody(
        HUAWEI_IAM,
        401,
        {"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}},
        "IamErrorResponse",
        "keystone",
    ),
    ErrorBody(
        HUAWEI_IAM,
        403,
        {"error": {"code": "IAM.0011", "message": "Forbidden."}},
        "IamErrorResponse",
        "iam-code",
    ),
    ErrorBody(
        HUAWEI_IAM, 429, {"error_code": "APIG.0308", "error_msg": "Throttled."}, "IamErrorResponse", "gateway"
    ),
    # Tencent answers errors with HTTP 200 and a non-zero body code, with or without `data`.
    ErrorBody(
        TENCENT_OCR,
        200,
        {"code": 9, "message": "SIGNATURE_EXPIRED"},
        "HandwritingResponse",
        "expired-no-data",
    ),
    ErrorBody(
        TENCENT_OCR, 200, {"code": 13, "message": "replay", "data": {}}, "HandwritingResponse", "replay"
    ),
    ErrorBody(
        TENCENT_OCR,
        200,
        {"code": -1102, "message": "image decode failed", "data": {"session_id": ""}},
        "HandwritingResponse",
        "decode",
    ),
    ErrorBody(
        TENCENT_OCR, 429, {"code": 15, "message": "operation too frequent"}, "HandwritingResponse", "rate"
    ),
]

PAIRS = [
    (error, operation.operation_id)
    for error in ERROR_BODIES
    for operation in error.spec.operations
    # 415 (unsupported media type) is an answer to a request body: only the submit operations get it.
    if error.spec in ALL_SPECS and (error.status != 415 or operation.request_content_types)
]


@pytest.mark.parametrize(
    ("error", "operation_id"), PAIRS, ids=[f"{e.spec.package}-{op}-{e.name}" for e, op in PAIRS]
)
def test_error_body_is_described_and_parsed(error: ErrorBody, operation_id: str) -> None:
    case = cases_of(error.spec.package, operation_id)[0]
    exchange = call_sync(case, Reply.json(error.status, error.body))

    assert response_errors(error.spec.spec_file, exchange.request, exchange.response) == []
    parsed = exchange.result.parsed
    assert isinstance(parsed, model_class(error.spec.package, error.model))
    assert isinstance(parsed, GeneratedModel)
    assert parsed.to_dict() == error.body

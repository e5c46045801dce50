"""Each provider's error bodies are described by its spec and parse into the generated error models.

These bodies are written here from API-FACTS (not taken from the specs' examples): Azure's service body
and its gateway envelope (with ``code`` or ``statusCode``), Huawei's ``error_code``/``error_msg``, IAM's
``{"error": {...}}``, and Tencent's body-level ``code`` on HTTP 200; for the current APIs, the v3.x and
Image Analysis ``{"error": {...}}`` envelopes (and v3.2's flat form) and Tencent API 3.0's
``Response.Error`` (HTTP 200). Each is served to every operation of its spec, validated by openapi-core
and parsed by the generated client.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from azure_image_analysis_client.models import ErrorResponse
from azure_vision_v3_client.models import ComputerVisionErrorResponse, ComputerVisionOcrError
from azure_vision_v3_client.types import Unset as V3Unset
from tencent_ocr_v3_client.models import GeneralHandwritingOCRResponseEnvelope
from tencent_ocr_v3_client.types import UNSET

from .case_registry import cases_of
from .expectations import (
    ALL_SPECS,
    AZURE_IMAGE_ANALYSIS,
    AZURE_V1,
    AZURE_V2,
    AZURE_V3,
    HUAWEI_IAM,
    HUAWEI_OCR,
    TENCENT_OCR,
    TENCENT_OCR_V3,
    SpecExpectation,
)
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

# Azure v3.x: the `{"error": {...}}` envelope of the service and the gateway (with `code` or a numeric
# `statusCode`), and the flat body the official Ocr.json declares.
AZURE_V3_ERRORS: list[tuple[int, dict[str, object], str]] = [
    (
        400,
        {"error": {"code": "InvalidImageUrl", "message": "Image URL is badly formatted."}},
        "ComputerVisionErrorResponse",
    ),
    (
        400,
        {
            "error": {
                "code": "InvalidRequest",
                "message": "The request is invalid.",
                "innererror": {"code": "InvalidPageRange", "message": "The page range is invalid."},
            }
        },
        "ComputerVisionErrorResponse",
    ),
    (
        415,
        {"error": {"code": "InvalidImageFormat", "message": "Input data is not a valid image."}},
        "ComputerVisionErrorResponse",
    ),
    (
        400,
        {"code": "NotSupportedLanguage", "message": "Not supported.", "requestId": "7a51"},
        "ComputerVisionOcrError",
    ),
    (
        401,
        {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
        "ComputerVisionErrorResponse",
    ),
    (
        429,
        {"error": {"statusCode": 429, "message": "Rate limit is exceeded."}},
        "ComputerVisionErrorResponse",
    ),
    (500, {"error": {"code": "InternalServerError", "message": "Oops."}}, "ComputerVisionErrorResponse"),
]

IMAGE_ANALYSIS_ERRORS: list[tuple[int, dict[str, object], str]] = [
    (
        400,
        {
            "error": {
                "code": "InvalidRequest",
                "message": "The image could not be downloaded.",
                "innererror": {
                    "code": "InvalidImageUrl",
                    "message": "Bad URL.",
                    "innererror": {"code": "Deeper"},
                },
            }
        },
        "ErrorResponse",
    ),
    (
        400,
        {
            "error": {
                "code": "InvalidArgument",
                "message": "One or more arguments are invalid.",
                "target": "features",
                "details": [{"code": "InvalidArgument", "message": "Unknown feature.", "target": "features"}],
            }
        },
        "ErrorResponse",
    ),
    (415, {"error": {"code": "InvalidRequest", "message": "Unsupported media type."}}, "ErrorResponse"),
    (
        401,
        {"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
        "ErrorResponse",
    ),
    (403, {"error": {"code": "403", "message": "Out of call volume quota."}}, "ErrorResponse"),
    (
        429,
        {"error": {"code": "429", "message": "Rate limit is exceeded. Try again in 3 seconds."}},
        "ErrorResponse",
    ),
    (429, {"error": {"statusCode": 429, "message": "Rate limit is exceeded."}}, "ErrorResponse"),
]

# Tencent API 3.0: every error of the service is HTTP 200 with `Response.Error`, the codes of API-FACTS 6c.
TENCENT_V3_ERROR_CODES = (
    "AuthFailure.SignatureFailure",
    "AuthFailure.SignatureExpire",
    "AuthFailure.SecretIdNotFound",
    "RequestLimitExceeded",
    "RequestLimitExceeded.UinLimitExceeded",
    "LimitExceeded.TooLargeFileError",
    "FailedOperation.ImageNoText",
    "FailedOperation.ImageDecodeFailed",
    "ResourceUnavailable.InArrears",
    "ResourcesSoldOut.ChargeStatusException",
    "InternalError",
    "SomeFamily.CodeAddedIn2031",
)

ERROR_BODIES += [
    *(ErrorBody(AZURE_V3, s, b, m, f"{m}-{s}-{i}") for i, (s, b, m) in enumerate(AZURE_V3_ERRORS)),
    *(
        ErrorBody(AZURE_IMAGE_ANALYSIS, s, b, m, f"{m}-{s}-{i}")
        for i, (s, b, m) in enumerate(IMAGE_ANALYSIS_ERRORS)
    ),
    *(
        ErrorBody(
            TENCENT_OCR_V3,
            200,
            {"Response": {"Error": {"Code": code, "Message": "..."}, "RequestId": "6ad3c5e0"}},
            "GeneralHandwritingOCRResponseEnvelope",
            code,
        )
        for code in TENCENT_V3_ERROR_CODES
    ),
    ErrorBody(
        TENCENT_OCR_V3,
        503,
        {"Response": {"Error": {"Code": "InternalError", "Message": "busy"}, "RequestId": "1"}},
        "GeneralHandwritingOCRResponseEnvelope",
        "http-503",
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


def test_typed_access_to_the_new_error_envelopes() -> None:
    """The fields a caller maps errors from are typed attributes, not just round-tripped dicts."""
    envelope = ComputerVisionErrorResponse.from_dict(AZURE_V3_ERRORS[1][1])
    assert envelope.error and envelope.error.code == "InvalidRequest"
    assert envelope.error.innererror and envelope.error.innererror.code == "InvalidPageRange"
    throttled = ComputerVisionErrorResponse.from_dict(AZURE_V3_ERRORS[5][1])
    assert throttled.error and throttled.error.status_code == 429
    assert isinstance(throttled.error.code, V3Unset)  # the gateway sent no code
    flat = ComputerVisionOcrError.from_dict(AZURE_V3_ERRORS[3][1])
    assert (flat.code, flat.request_id) == ("NotSupportedLanguage", "7a51")

    analysis = ErrorResponse.from_dict(IMAGE_ANALYSIS_ERRORS[1][1])
    assert analysis.error and analysis.error.target == "features"
    assert analysis.error.details and analysis.error.details[0].message == "Unknown feature."
    nested = ErrorResponse.from_dict(IMAGE_ANALYSIS_ERRORS[0][1])
    assert nested.error and nested.error.innererror and nested.error.innererror.innererror
    assert nested.error.innererror.innererror.code == "Deeper"

    tencent = GeneralHandwritingOCRResponseEnvelope.from_dict(
        {"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "r-1"}}
    )
    assert tencent.response.error and tencent.response.error.code == "RequestLimitExceeded"
    assert tencent.response.request_id == "r-1"
    assert tencent.response.text_detections is UNSET

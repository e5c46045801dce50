"""Request-conformance cases for ``azure_vision_v2_client`` (Azure Computer Vision v2.0)."""

from __future__ import annotations

import io

from azure_vision_v2_client.models import ImageUrl, TextRecognitionMode
from azure_vision_v2_client.types import File

from .expectations import AZURE_V2
from .request_cases import Reply, RequestCase

BASE = AZURE_V2.base_url
IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/d/dd/Cursive_Writing_on_Notebook_paper.jpg"
# Raw image bytes with every byte value that a text transformation would damage (CR, LF, NUL, 0xFF).
IMAGE_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\r\n\x1a\n" + bytes(range(256))
OPERATION_ID = "49a36324-fc4b-4387-aa06-090cfbf0064f"
READ_LOCATION = f"{BASE}/read/operations/{OPERATION_ID}"
TEXT_LOCATION = f"{BASE}/textOperations/{OPERATION_ID}"
JSON_BODY = b'{"url":"' + IMAGE_URL.encode() + b'"}'

READ_RESULT = {
    "status": "Succeeded",
    "recognitionResults": [
        {
            "page": 1,
            "clockwiseOrientation": 0.5,
            "width": 640,
            "height": 480.5,
            "unit": "pixel",
            "lines": [
                {
                    "boundingBox": [1, 2, 30, 2, 30, 10.5, 1, 10.5],
                    "text": "Hi there",
                    "words": [
                        {"boundingBox": [1, 2, 10, 2, 10, 10, 1, 10], "text": "Hi"},
                        {"boundingBox": [12, 2, 30, 2, 30, 10, 12, 10], "text": "there", "confidence": "Low"},
                    ],
                }
            ],
        }
    ],
}
TEXT_RESULT = {
    "status": "Succeeded",
    "recognitionResult": {"lines": [{"boundingBox": [0, 0, 5, 0, 5, 5, 0, 5], "text": "a", "words": []}]},
}


def _url_body() -> dict[str, object]:
    return {"body": ImageUrl(url=IMAGE_URL)}


def _file_body() -> dict[str, object]:
    return {"body": File(payload=io.BytesIO(IMAGE_BYTES))}


def _recognize_url() -> dict[str, object]:
    return {"body": ImageUrl(url=IMAGE_URL), "mode": TextRecognitionMode.HANDWRITTEN}


def _recognize_file() -> dict[str, object]:
    return {"body": File(payload=io.BytesIO(IMAGE_BYTES)), "mode": TextRecognitionMode.PRINTED}


def _operation() -> dict[str, object]:
    return {"operation_id": OPERATION_ID}


CASES = (
    RequestCase(
        AZURE_V2,
        "batchReadFile",
        "application/json",
        _url_body,
        expected_url=f"{BASE}/read/core/asyncBatchAnalyze",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=Reply(202, (("Operation-Location", READ_LOCATION),)),
    ),
    RequestCase(
        AZURE_V2,
        "batchReadFile",
        "application/octet-stream",
        _file_body,
        expected_url=f"{BASE}/read/core/asyncBatchAnalyze",
        expected_content_type="application/octet-stream",
        expected_body=IMAGE_BYTES,
        reply=Reply(202, (("Operation-Location", READ_LOCATION),)),
    ),
    RequestCase(
        AZURE_V2,
        "getReadOperationResult",
        None,
        _operation,
        expected_url=READ_LOCATION,
        expected_content_type=None,
        expected_body=b"",
        reply=Reply.json(200, READ_RESULT),
    ),
    RequestCase(
        AZURE_V2,
        "recognizeText",
        "application/json",
        _recognize_url,
        expected_url=f"{BASE}/recognizeText?mode=Handwritten",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=Reply(202, (("Operation-Location", TEXT_LOCATION),)),
    ),
    RequestCase(
        AZURE_V2,
        "recognizeText",
        "application/octet-stream",
        _recognize_file,
        expected_url=f"{BASE}/recognizeText?mode=Printed",
        expected_content_type="application/octet-stream",
        expected_body=IMAGE_BYTES,
        reply=Reply(202, (("Operation-Location", TEXT_LOCATION),)),
    ),
    RequestCase(
        AZURE_V2,
        "getTextOperationResult",
        None,
        _operation,
        expected_url=TEXT_LOCATION,
        expected_content_type=None,
        expected_body=b"",
        reply=Reply.json(200, TEXT_RESULT),
    ),
)

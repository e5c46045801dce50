"""Request-conformance cases for ``azure_vision_v3_client`` (Azure Computer Vision Read v3.2)."""

from __future__ import annotations

import io

from azure_vision_v3_client.models import ImageUrl, KnownReadingOrder
from azure_vision_v3_client.types import File

from .expectations import AZURE_V3
from .request_cases import Reply, RequestCase

BASE = AZURE_V3.base_url
IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/d/dd/Cursive_Writing_on_Notebook_paper.jpg"
# A PDF header, then every byte value a text transformation would damage (CR, LF, NUL, 0xFF).
DOCUMENT_BYTES = b"%PDF-1.7\r\n%\xe2\xe3\xcf\xd3\r\n\x00" + bytes(range(256))
OPERATION_ID = "0f6b8a22-4c1e-4d8f-9a53-1b7f0e2c9d41"
RESULT_LOCATION = f"{BASE}/read/analyzeResults/{OPERATION_ID}"
JSON_BODY = b'{"url":"' + IMAGE_URL.encode() + b'"}'
ACCEPTED = Reply(202, (("Operation-Location", RESULT_LOCATION),))

READ_RESULT = {
    "status": "succeeded",
    "createdDateTime": "2024-03-18T09:41:07Z",
    "lastUpdatedDateTime": "2024-03-18T09:41:08.25Z",
    "analyzeResult": {
        "version": "3.2.0",
        "modelVersion": "2022-04-30",
        "readResults": [
            {
                "page": 1,
                "language": "en",
                "angle": -0.5,
                "width": 640,
                "height": 480.5,
                "unit": "pixel",
                "lines": [
                    {
                        "boundingBox": [1, 2, 30, 2, 30, 10.5, 1, 10.5],
                        "appearance": {"style": {"name": "handwriting", "confidence": 0.9}},
                        "text": "Hi there",
                        "words": [
                            {"boundingBox": [1, 2, 10, 2, 10, 10, 1, 10], "text": "Hi", "confidence": 0.99},
                            {
                                "boundingBox": [12, 2, 30, 2, 30, 10, 12, 10],
                                "text": "there",
                                "confidence": 0.5,
                            },
                        ],
                    }
                ],
            }
        ],
    },
}


def _url_with_options() -> dict[str, object]:
    return {
        "body": ImageUrl(url=IMAGE_URL),
        "language": "en",
        "pages": ["1", "3-5", "7-"],
        "reading_order": KnownReadingOrder.NATURAL,
        "model_version": "2022-04-30",
    }


def _url_future_reading_order() -> dict[str, object]:
    # An order the service may add later goes out as the plain string it is.
    return {"body": ImageUrl(url=IMAGE_URL), "reading_order": "columnar"}


def _file_body() -> dict[str, object]:
    return {"body": File(payload=io.BytesIO(DOCUMENT_BYTES)), "pages": ["-2"]}


def _operation() -> dict[str, object]:
    return {"operation_id": OPERATION_ID}


CASES = (
    RequestCase(
        AZURE_V3,
        "read",
        "application/json",
        _url_with_options,
        # One comma-separated `pages` value (httpx percent-encodes the commas), not a repeated parameter.
        expected_url=f"{BASE}/read/analyze?language=en&pages=1%2C3-5%2C7-&readingOrder=natural"
        "&model-version=2022-04-30",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=ACCEPTED,
    ),
    RequestCase(
        AZURE_V3,
        "read",
        "application/json",
        _url_future_reading_order,
        expected_url=f"{BASE}/read/analyze?readingOrder=columnar",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=ACCEPTED,
        variant="future-reading-order",
    ),
    RequestCase(
        AZURE_V3,
        "read",
        "application/octet-stream",
        _file_body,
        expected_url=f"{BASE}/read/analyze?pages=-2",
        expected_content_type="application/octet-stream",
        expected_body=DOCUMENT_BYTES,
        reply=ACCEPTED,
    ),
    RequestCase(
        AZURE_V3,
        "getReadResult",
        None,
        _operation,
        expected_url=RESULT_LOCATION,
        expected_content_type=None,
        expected_body=b"",
        reply=Reply.json(200, READ_RESULT),
    ),
)

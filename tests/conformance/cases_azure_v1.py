"""Request-conformance cases for ``azure_vision_v1_client`` (Azure Computer Vision v1.0)."""

from __future__ import annotations

import io
from collections.abc import Callable

from azure_vision_v1_client.models import ImageUrl
from azure_vision_v1_client.types import File

from .expectations import AZURE_V1
from .request_cases import Reply, RequestCase

BASE = AZURE_V1.base_url
IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/2/23/Space_Needle_2011-07-04.jpg"
IMAGE_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(255, -1, -1))
# A thumbnail as the service sends it: JPEG bytes, including CR LF and NUL, which must come back as is.
THUMBNAIL = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\r\n\x00\xff\xd9"
JSON_BODY = b'{"url":"' + IMAGE_URL.encode() + b'"}'
OPERATION_ID = "49a36324-fc4b-4387-aa06-090cfbf0064f"
TEXT_LOCATION = f"{BASE}/textOperations/{OPERATION_ID}"

ANALYSIS = {
    "categories": [{"name": "people_", "score": 0.83984375}],
    "tags": [{"name": "person", "confidence": 0.98}],
    "description": {"tags": ["person"], "captions": [{"text": "a person", "confidence": 0.48}]},
    "requestId": "0dbec5ad-a3d3-4f7e-96b4-dfd57efe967d",
    "metadata": {"width": 1500, "height": 1000, "format": "Jpeg"},
}
CELEBRITIES = {
    "result": {
        "celebrities": [
            {
                "name": "Satya Nadella",
                "faceRectangle": {"left": 597, "top": 162, "width": 248, "height": 248},
                "confidence": 0.999,
            }
        ]
    },
    "requestId": "d08a914a-0fbb-4695-9a2e-c93791865436",
    "metadata": {"width": 2096, "height": 4132, "format": "Jpeg"},
}
OCR = {
    "language": "en",
    "textAngle": 0.0,
    "orientation": "Up",
    "regions": [
        {
            "boundingBox": "1,2,3,4",
            "lines": [{"boundingBox": "1,2,3,4", "words": [{"boundingBox": "1,2,3,4", "text": "A"}]}],
        }
    ],
}
TEXT_RESULT = {
    "status": "Succeeded",
    "recognitionResult": {"lines": [{"boundingBox": [0, 0, 5, 0, 5, 5, 0, 5], "text": "a", "words": []}]},
}


ArgumentFactory = Callable[[], dict[str, object]]


def _by_url(**query: object) -> ArgumentFactory:
    return lambda: {"body": ImageUrl(url=IMAGE_URL), **query}


def _by_bytes(**query: object) -> ArgumentFactory:
    # A fresh stream per call: the generated code reads the payload once.
    return lambda: {"body": File(payload=io.BytesIO(IMAGE_BYTES)), **query}


def _json_case(operation_id: str, arguments: ArgumentFactory, url: str, reply: Reply) -> RequestCase:
    return RequestCase(
        AZURE_V1,
        operation_id,
        "application/json",
        arguments,
        expected_url=url,
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=reply,
    )


def _bytes_case(operation_id: str, arguments: ArgumentFactory, url: str, reply: Reply) -> RequestCase:
    return RequestCase(
        AZURE_V1,
        operation_id,
        "application/octet-stream",
        arguments,
        expected_url=url,
        expected_content_type="application/octet-stream",
        expected_body=IMAGE_BYTES,
        reply=reply,
    )


ANALYZE_QUERY = {"visual_features": "Categories,Tags,Description", "details": "Celebrities", "language": "en"}
ANALYZE_URL = f"{BASE}/analyze?visualFeatures=Categories%2CTags%2CDescription&details=Celebrities&language=en"
DOMAIN_URL = f"{BASE}/models/celebrities/analyze?language=es"
THUMBNAIL_URL = f"{BASE}/generateThumbnail?width=150&height=100&smartCropping=true"
OCR_URL = f"{BASE}/ocr?language=unk&detectOrientation=true"
ACCEPTED = Reply(202, (("Operation-Location", TEXT_LOCATION),))

CASES = (
    _json_case("analyzeImage", _by_url(**ANALYZE_QUERY), ANALYZE_URL, Reply.json(200, ANALYSIS)),
    _bytes_case("analyzeImage", _by_bytes(**ANALYZE_QUERY), ANALYZE_URL, Reply.json(200, ANALYSIS)),
    _json_case(
        "analyzeImageByDomain",
        _by_url(model="celebrities", language="es"),
        DOMAIN_URL,
        Reply.json(200, CELEBRITIES),
    ),
    _bytes_case(
        "analyzeImageByDomain",
        _by_bytes(model="celebrities", language="es"),
        DOMAIN_URL,
        Reply.json(200, CELEBRITIES),
    ),
    # The thumbnail comes back as the exact bytes served, whichever of its two media types is sent.
    _json_case(
        "generateThumbnail",
        _by_url(width=150, height=100, smart_cropping=True),
        THUMBNAIL_URL,
        Reply(200, (("Content-Type", "image/jpeg"),), THUMBNAIL),
    ),
    _bytes_case(
        "generateThumbnail",
        _by_bytes(width=150, height=100, smart_cropping=True),
        THUMBNAIL_URL,
        Reply(200, (("Content-Type", "application/octet-stream"),), THUMBNAIL),
    ),
    _json_case(
        "recognizePrintedText",
        _by_url(language="unk", detect_orientation=True),
        OCR_URL,
        Reply.json(200, OCR),
    ),
    _bytes_case(
        "recognizePrintedText",
        _by_bytes(language="unk", detect_orientation=True),
        OCR_URL,
        Reply.json(200, OCR),
    ),
    # The seed's `handwriting` flag with one body form, the official `detectHandwriting` with the other.
    _json_case(
        "recognizeText", _by_url(handwriting=True), f"{BASE}/recognizeText?handwriting=true", ACCEPTED
    ),
    _bytes_case(
        "recognizeText",
        _by_bytes(detect_handwriting=False),
        f"{BASE}/recognizeText?detectHandwriting=false",
        ACCEPTED,
    ),
    RequestCase(
        AZURE_V1,
        "getTextOperationResult",
        None,
        lambda: {"operation_id": OPERATION_ID},
        expected_url=TEXT_LOCATION,
        expected_content_type=None,
        expected_body=b"",
        reply=Reply.json(200, TEXT_RESULT),
    ),
)

"""Request-conformance cases for ``huawei_ocr_client`` (Huawei Cloud OCR, handwriting)."""

from __future__ import annotations

import base64

from huawei_ocr_client.models import HandwritingRequestBody, KnownCharSet

from .expectations import HUAWEI_OCR
from .request_cases import Reply, RequestCase

BASE = HUAWEI_OCR.base_url
PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
URL = f"{BASE}/v2/{PROJECT_ID}/ocr/handwriting"
IMAGE_BASE64 = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(64))).decode("ascii")
IMAGE_URL = "https://bucket.obs.cn-north-4.myhuaweicloud.com/%E6%89%8B%E5%86%99.jpg"
# The service answers with the documented Content-Type parameters; the client must not care.
RESULT = {
    "result": {
        "words_block_count": 1,
        "words_block_list": [
            {
                "words": "手写 text",
                "type": "text",
                "confidence": 0.9871,
                "location": [[1, 2], [30, 2], [30, 12], [1, 12]],
            }
        ],
    }
}
REQUEST_ID = ("X-Request-Id", "0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7")


def _image_body() -> dict[str, object]:
    body = HandwritingRequestBody(image=IMAGE_BASE64, quick_mode=True, char_set=KnownCharSet.DIGIT_LETTER)
    return {"project_id": PROJECT_ID, "body": body}


def _url_body() -> dict[str, object]:
    return {"project_id": PROJECT_ID, "body": HandwritingRequestBody(url=IMAGE_URL, detect_direction=True)}


CASES = (
    RequestCase(
        HUAWEI_OCR,
        "recognizeHandwriting",
        "application/json",
        _image_body,
        expected_url=URL,
        expected_content_type="application/json;charset=UTF-8",
        # Only the fields set: the client must not invent values for options the caller left out.
        expected_body=b'{"image":"'
        + IMAGE_BASE64.encode()
        + b'","quick_mode":true,"char_set":"digit_letter"}',
        reply=Reply.json(200, RESULT, REQUEST_ID),
        variant="image",
    ),
    RequestCase(
        HUAWEI_OCR,
        "recognizeHandwriting",
        "application/json",
        _url_body,
        expected_url=URL,
        expected_content_type="application/json;charset=UTF-8",
        expected_body=b'{"url":"' + IMAGE_URL.encode() + b'","detect_direction":true}',
        reply=Reply.json(200, RESULT, REQUEST_ID),
        variant="url",
    ),
)

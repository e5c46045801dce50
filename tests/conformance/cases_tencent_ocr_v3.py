"""Request-conformance cases for ``tencent_ocr_v3_client`` (Tencent Cloud API 3.0 GeneralHandwritingOCR)."""

from __future__ import annotations

from tencent_ocr_v3_client.models import GeneralHandwritingOCRRequest, KnownLanguage, KnownScene

from .expectations import TENCENT_OCR_V3
from .request_cases import Reply, RequestCase

BASE = TENCENT_OCR_V3.base_url
IMAGE_URL = "https://ocr-demo-1254418846.cos.ap-guangzhou.myqcloud.com/handwriting/手写.jpg"
IMAGE_BASE64 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg=="
)
# What the generated function sends by itself: the action, its version, and the documented content type.
ACTION_HEADERS = (("X-TC-Action", "GeneralHandwritingOCR"), ("X-TC-Version", "2018-11-19"))
CONTENT_TYPE = "application/json; charset=utf-8"

RESULT = {
    "Response": {
        "TextDetections": [
            {
                "DetectedText": "只要有百分之一的希望",
                "Confidence": 96,
                "Polygon": [{"X": 37, "Y": 22}, {"X": 258, "Y": 22}, {"X": 258, "Y": 62}, {"X": 37, "Y": 62}],
                "AdvancedInfo": '{"Parag":{"ParagNo":1}}',
                "WordPolygon": [],
            }
        ],
        "Angel": 0.5,
        "Angle": 0.5,
        "RequestId": "6ad3c5e0-9f11-4c8e-b1f4-2b0a7f3d5e61",
    }
}


def _by_url() -> dict[str, object]:
    return {"body": GeneralHandwritingOCRRequest(image_url=IMAGE_URL)}


def _base64_every_option() -> dict[str, object]:
    body = GeneralHandwritingOCRRequest(
        image_base_64=IMAGE_BASE64,  # the generator splits the digits off: image_base_64
        scene=KnownScene.ONLY_HW,
        enable_word_polygon=True,
        enable_detect_text=False,
    )
    return {"body": body, "x_tc_language": KnownLanguage.EN_US}


CASES = (
    RequestCase(
        TENCENT_OCR_V3,
        "generalHandwritingOCR",
        "application/json",
        _by_url,
        expected_url=f"{BASE}/",
        expected_content_type=CONTENT_TYPE,
        # UTF-8 as is (no \u escapes): the signature hashes exactly these bytes.
        expected_body=f'{{"ImageUrl":"{IMAGE_URL}"}}'.encode(),
        reply=Reply.json(200, RESULT),
        expected_headers=ACTION_HEADERS,
    ),
    RequestCase(
        TENCENT_OCR_V3,
        "generalHandwritingOCR",
        "application/json",
        _base64_every_option,
        expected_url=f"{BASE}/",
        expected_content_type=CONTENT_TYPE,
        expected_body=(
            f'{{"ImageBase64":"{IMAGE_BASE64}","Scene":"only_hw","EnableWordPolygon":true,'
            '"EnableDetectText":false}'
        ).encode(),
        reply=Reply.json(200, RESULT),
        variant="base64-every-option",
        expected_headers=(*ACTION_HEADERS, ("X-TC-Language", "en-US")),
    ),
)

"""Request-conformance cases for ``azure_image_analysis_client`` (Azure AI Vision Image Analysis 4.0)."""

from __future__ import annotations

import io

from azure_image_analysis_client.models import ImageUrl, KnownVisualFeature
from azure_image_analysis_client.types import File

from .expectations import AZURE_IMAGE_ANALYSIS
from .request_cases import Reply, RequestCase

BASE = AZURE_IMAGE_ANALYSIS.base_url
# The path keeps its colon (Azure's custom-method style) on the wire.
ANALYZE = f"{BASE}/imageanalysis:analyze"
IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/d/dd/Cursive_Writing_on_Notebook_paper.jpg"
IMAGE_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
JSON_BODY = b'{"url":"' + IMAGE_URL.encode() + b'"}'

RESULT = {
    "modelVersion": "2023-10-01",
    "metadata": {"width": 320, "height": 200},
    "readResult": {
        "blocks": [
            {
                "lines": [
                    {
                        "text": "Hi there",
                        "boundingPolygon": [
                            {"x": 1, "y": 2},
                            {"x": 30, "y": 2},
                            {"x": 30, "y": 11},
                            {"x": 1, "y": 11},
                        ],
                        "words": [
                            {
                                "text": "Hi",
                                "boundingPolygon": [
                                    {"x": 1, "y": 2},
                                    {"x": 10, "y": 2},
                                    {"x": 10, "y": 10},
                                    {"x": 1, "y": 10},
                                ],
                                "confidence": 0.993,
                            }
                        ],
                    }
                ]
            }
        ]
    },
}


def _read_by_url() -> dict[str, object]:
    return {"body": ImageUrl(url=IMAGE_URL), "features": [KnownVisualFeature.READ]}


def _every_option() -> dict[str, object]:
    return {
        "body": ImageUrl(url=IMAGE_URL),
        # A feature the service may add later goes out as the plain string it is.
        "features": [KnownVisualFeature.READ, KnownVisualFeature.SMART_CROPS, "handwritingStyle"],
        "language": "en",
        "gender_neutral_caption": True,
        "smartcrops_aspect_ratios": [0.9, 1.33],
        "model_version": "2023-10-01",
    }


def _read_bytes() -> dict[str, object]:
    return {
        "body": File(payload=io.BytesIO(IMAGE_BYTES)),
        "features": [KnownVisualFeature.READ, KnownVisualFeature.CAPTION],
    }


CASES = (
    RequestCase(
        AZURE_IMAGE_ANALYSIS,
        "analyzeImage",
        "application/json",
        _read_by_url,
        expected_url=f"{ANALYZE}?api-version=2023-10-01&features=read",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=Reply.json(200, RESULT),
    ),
    RequestCase(
        AZURE_IMAGE_ANALYSIS,
        "analyzeImage",
        "application/json",
        _every_option,
        # List parameters go out as one comma-separated value each (commas percent-encoded by httpx).
        expected_url=f"{ANALYZE}?api-version=2023-10-01&features=read%2CsmartCrops%2ChandwritingStyle"
        "&language=en&gender-neutral-caption=true&smartcrops-aspect-ratios=0.9%2C1.33&model-version=2023-10-01",
        expected_content_type="application/json",
        expected_body=JSON_BODY,
        reply=Reply.json(200, RESULT),
        variant="every-option",
    ),
    RequestCase(
        AZURE_IMAGE_ANALYSIS,
        "analyzeImage",
        "application/octet-stream",
        _read_bytes,
        expected_url=f"{ANALYZE}?api-version=2023-10-01&features=read%2Ccaption",
        expected_content_type="application/octet-stream",
        expected_body=IMAGE_BYTES,
        reply=Reply.json(200, RESULT),
    ),
)

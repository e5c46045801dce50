"""Uploads near each provider's size limit cost at most 2x the image in extra memory (tracemalloc).

The transport here consumes the request body as a real one does (piece by piece, never joined:
httpx.MockTransport would join it), so what is measured is the SDK's own copies: validation, base64
(in pieces), the JSON around it, signing (hashed piece by piece), retries' replayable bodies.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Iterable

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.clients.azure import AzureVisionClient
from handwriting_ocr.clients.huawei import HuaweiOcrClient
from handwriting_ocr.clients.tencent import TencentOcrClient
from handwriting_ocr.clients.tencent_v3 import TencentOcrV3Client

MB = 1024 * 1024


def image(size: int) -> bytes:
    """A valid PNG of ``size`` bytes (a bundled sample with a trailer PNG readers ignore)."""
    data = samples.read_bytes("note.png")
    return data + b"\0" * (size - len(data))


class Sink(httpx.BaseTransport):
    """Reads each request body as a network transport would, and answers ``answer``."""

    def __init__(self, answer: object) -> None:
        self.answer = json.dumps(answer).encode()
        self.sizes: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        stream = request.stream
        assert isinstance(stream, Iterable)
        self.sizes.append(sum(len(chunk) for chunk in stream))
        return httpx.Response(200, content=self.answer, headers={"Content-Type": "application/json"})


HUAWEI_ANSWER = {"result": {"words_block_count": 0, "words_block_list": []}}
TENCENT_ANSWER = {"code": 0, "message": "OK", "data": {"session_id": "s", "items": []}}
TENCENT_V3_ANSWER = {"Response": {"TextDetections": [], "Angle": 0, "RequestId": "r"}}
OCR_ANSWER = {"language": "en", "regions": []}

Call = Callable[[httpx.BaseTransport, bytes], object]

CASES: dict[str, tuple[int, object, Call]] = {
    # 7.4 MB of image: just under Huawei's 10 MB of base64.
    "huawei token, base64 JSON": (
        int(7.4 * MB),
        HUAWEI_ANSWER,
        lambda t, data: HuaweiOcrClient(
            project_id="p" * 32, token="t0k3n-value", endpoint="http://x", transport=t
        ).recognize_handwriting(data),
    ),
    "huawei AK/SK, base64 JSON": (
        int(7.4 * MB),
        HUAWEI_ANSWER,
        lambda t, data: HuaweiOcrClient(
            project_id="p" * 32,
            access_key="AKAKAKAKAK",
            secret_key="SKSKSKSKSK",
            endpoint="http://x",
            transport=t,
        ).recognize_handwriting(data),
    ),
    # 4.4 MB of image: just under Tencent legacy's 6 MB request body as base64 JSON.
    "tencent legacy signature, base64 JSON": (
        int(4.4 * MB),
        TENCENT_ANSWER,
        lambda t, data: TencentOcrClient(
            "1250000000", "AKIDsecretid00", "s3cretk3y00", endpoint="http://x", transport=t
        ).recognize_handwriting(data, mode="json"),
    ),
    "tencent legacy signature, multipart": (
        int(5.9 * MB),
        TENCENT_ANSWER,
        lambda t, data: TencentOcrClient(
            "1250000000", "AKIDsecretid00", "s3cretk3y00", endpoint="http://x", transport=t
        ).recognize_handwriting(data, mode="multipart"),
    ),
    # 7.4 MB: just under API 3.0's 10 MB of base64, TC3-signed over the body's hash.
    "tencent API 3.0 TC3, base64 JSON": (
        int(7.4 * MB),
        TENCENT_V3_ANSWER,
        lambda t, data: TencentOcrV3Client(
            "AKIDsecretid00", "s3cretk3y00", region="ap-guangzhou", endpoint="http://x", transport=t
        ).recognize_handwriting(data),
    ),
    "azure key, octet-stream (v1.0 OCR, 4 MB limit)": (
        int(3.9 * MB),
        OCR_ANSWER,
        lambda t, data: AzureVisionClient("http://x", "k3y-value", transport=t).ocr(data),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_upload_near_the_limit_costs_at_most_twice_the_image(case: str) -> None:
    size, answer, call = CASES[case]
    data = image(size)
    sink = Sink(answer)
    call(sink, data)  # warm up: imports, caches and the like are not the upload's cost
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        call(sink, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sink.sizes[-1] >= size  # the whole image went out
    extra = (peak - before) / size
    assert extra <= 2.0, f"{case}: {extra:.2f}x the image in extra memory"


@pytest.mark.parametrize(
    "case", ["tencent legacy signature, multipart", "azure key, octet-stream (v1.0 OCR, 4 MB limit)"]
)
def test_multipart_and_raw_uploads_are_sent_without_a_copy(case: str) -> None:
    """The image is sent from the caller's bytes: neither the multipart body nor the raw one is joined
    (or read ahead) to sign, retry or re-send it."""
    size, answer, call = CASES[case]
    data = image(size)
    sink = Sink(answer)
    call(sink, data)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        call(sink, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (peak - before) / size <= 0.1, f"{case}: {(peak - before) / size:.2f}x the image"

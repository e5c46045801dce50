"""What importing (and using) one facade loads, in a fresh interpreter.

Import time itself is measured by ``scripts/bench/imports.py``; these tests pin the reason it is low:
a facade's module does not import the generated packages, the pollers, the conversions, other
providers' auth or asyncio, and a sync client never needs asyncio nor an API version it does not call.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = [
    "asyncio",
    "attrs",
    "tenacity",
    "azure_vision_v1_client",
    "azure_vision_v2_client",
    "azure_vision_v3_client",
    "azure_image_analysis_client",
    "huawei_ocr_client",
    "tencent_ocr_client",
    "tencent_ocr_v3_client",
    "handwriting_ocr.auth.huawei_iam",
    "handwriting_ocr.convert",
    "handwriting_ocr.documents",
    "handwriting_ocr.polling.core",
    "handwriting_ocr.validation",
    "handwriting_ocr.error_mapping",
    "handwriting_ocr.clients.azure",
    "handwriting_ocr.clients.huawei",
    "handwriting_ocr.clients.tencent",
    "handwriting_ocr.clients.tencent_v3",
    # Importing a facade loads neither httpcore (httpx loads it when a transport is made) nor the
    # distributed extra's packages.
    "httpcore",
    "redis",
    "distributed",
    "dask",
]


def loaded_after(code: str) -> set[str]:
    """Which of HEAVY a fresh interpreter has imported after running ``code``."""
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("name", "own_module"),
    [
        ("AzureVisionClient", "handwriting_ocr.clients.azure"),
        ("AsyncAzureVisionClient", "handwriting_ocr.clients.azure"),
        ("HuaweiOcrClient", "handwriting_ocr.clients.huawei"),
        ("TencentOcrClient", "handwriting_ocr.clients.tencent"),
        ("TencentOcrV3Client", "handwriting_ocr.clients.tencent_v3"),
        ("AsyncTencentOcrV3Client", "handwriting_ocr.clients.tencent_v3"),
    ],
)
def test_importing_a_facade_loads_only_its_own_module(name: str, own_module: str) -> None:
    assert loaded_after(f"from handwriting_ocr import {name}") == {own_module}


# read() is Read v3.2 since the current APIs arrived; the v2.0 Read keeps its own test under its new
# name (read_v2), and the same promise now holds for each: one API version loaded, no asyncio.
def test_a_sync_v2_read_loads_v2_only_and_no_asyncio() -> None:
    code = """
import httpx
from handwriting_ocr import AzureVisionClient

def answer(request):
    if request.method == "POST":
        location = "https://vision.example.com/vision/v2.0/read/operations/1"
        return httpx.Response(202, headers={"Operation-Location": location})
    return httpx.Response(200, json={"status": "Succeeded", "recognitionResults": []})

client = AzureVisionClient("https://vision.example.com", "key", transport=httpx.MockTransport(answer))
assert client.read_v2(url="https://images.example.com/a.png").pages == ()
"""
    loaded = loaded_after(code)
    assert "azure_vision_v2_client" in loaded and "handwriting_ocr.convert" in loaded
    assert not loaded & {
        "asyncio",
        "azure_vision_v1_client",
        "azure_vision_v3_client",
        "azure_image_analysis_client",
        "handwriting_ocr.auth.huawei_iam",
    }


def test_a_sync_recognize_loads_v3_only_and_no_asyncio() -> None:
    code = """
import httpx
from handwriting_ocr import AzureVisionClient

def answer(request):
    if request.method == "POST":
        location = "https://vision.example.com/vision/v3.2/read/analyzeResults/1"
        return httpx.Response(202, headers={"Operation-Location": location})
    return httpx.Response(200, json={"status": "succeeded", "analyzeResult": {"readResults": []}})

client = AzureVisionClient("https://vision.example.com", "key", transport=httpx.MockTransport(answer))
assert client.recognize(url="https://images.example.com/a.png").pages == ()
"""
    loaded = loaded_after(code)
    assert "azure_vision_v3_client" in loaded and "handwriting_ocr.convert" in loaded
    assert not loaded & {
        "asyncio",
        "azure_vision_v1_client",
        "azure_vision_v2_client",
        "azure_image_analysis_client",
        "handwriting_ocr.auth.huawei_iam",
    }


def test_a_sync_tencent_v3_call_loads_its_own_package_only() -> None:
    code = """
import httpx
from handwriting_ocr import TencentOcrV3Client

def answer(request):
    return httpx.Response(200, json={"Response": {"TextDetections": [], "RequestId": "r"}})

client = TencentOcrV3Client("AKID", "key", region="ap-guangzhou", transport=httpx.MockTransport(answer))
assert client.recognize_handwriting(url="https://images.example.com/a.png").text_detections == []
"""
    loaded = loaded_after(code)
    assert "tencent_ocr_v3_client" in loaded
    assert not loaded & {
        "asyncio",
        "tencent_ocr_client",
        "handwriting_ocr.clients.tencent",
        "azure_vision_v3_client",
        "handwriting_ocr.convert",
    }


def test_huawei_password_auth_loads_asyncio_only_for_async_flows() -> None:
    code = """
from handwriting_ocr import HuaweiOcrClient
HuaweiOcrClient(project_id="p", iam_domain="d", iam_user="u", iam_password="secret")
"""
    loaded = loaded_after(code)
    assert "handwriting_ocr.auth.huawei_iam" in loaded
    assert "asyncio" not in loaded and "huawei_ocr_client" not in loaded

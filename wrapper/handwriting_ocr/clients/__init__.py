"""One facade per provider, sync and async, over the generated clients.

- :class:`AzureVisionClient` / :class:`AsyncAzureVisionClient` — Azure Computer Vision v2.0 and v1.0;
- :class:`HuaweiOcrClient` / :class:`AsyncHuaweiOcrClient` — Huawei Cloud OCR handwriting;
- :class:`TencentOcrClient` / :class:`AsyncTencentOcrClient` — Tencent Cloud legacy OCR.

Each is built from explicit arguments or ``from_env()``, takes an endpoint override, a timeout and
your own httpx client or transport, and keeps the generated low-level client reachable.
"""

from __future__ import annotations

from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient
from handwriting_ocr.clients.tencent import AsyncTencentOcrClient, TencentOcrClient

__all__ = [
    "AsyncAzureVisionClient",
    "AsyncHuaweiOcrClient",
    "AsyncTencentOcrClient",
    "AzureVisionClient",
    "HuaweiOcrClient",
    "TencentOcrClient",
]

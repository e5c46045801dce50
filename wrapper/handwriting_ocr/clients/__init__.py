"""One facade per provider, sync and async, over the generated clients.

- :class:`AzureVisionClient` / :class:`AsyncAzureVisionClient` — Azure Computer Vision v2.0 and v1.0;
- :class:`HuaweiOcrClient` / :class:`AsyncHuaweiOcrClient` — Huawei Cloud OCR handwriting;
- :class:`TencentOcrClient` / :class:`AsyncTencentOcrClient` — Tencent Cloud legacy OCR.

Each is built from explicit arguments or ``from_env()``, takes an endpoint override, a timeout and
your own httpx client or transport, and keeps the generated low-level client reachable.

The names load lazily (PEP 562): importing one provider's client does not import the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handwriting_ocr._lazy import lazy_exports

if TYPE_CHECKING:
    from handwriting_ocr.clients.azure import AsyncAzureVisionClient as AsyncAzureVisionClient
    from handwriting_ocr.clients.azure import AzureVisionClient as AzureVisionClient
    from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient as AsyncHuaweiOcrClient
    from handwriting_ocr.clients.huawei import HuaweiOcrClient as HuaweiOcrClient
    from handwriting_ocr.clients.tencent import AsyncTencentOcrClient as AsyncTencentOcrClient
    from handwriting_ocr.clients.tencent import TencentOcrClient as TencentOcrClient

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "AsyncAzureVisionClient": "handwriting_ocr.clients.azure",
    "AzureVisionClient": "handwriting_ocr.clients.azure",
    "AsyncHuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "HuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "AsyncTencentOcrClient": "handwriting_ocr.clients.tencent",
    "TencentOcrClient": "handwriting_ocr.clients.tencent",
}

__all__ = [
    "AsyncAzureVisionClient",
    "AsyncHuaweiOcrClient",
    "AsyncTencentOcrClient",
    "AzureVisionClient",
    "HuaweiOcrClient",
    "TencentOcrClient",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

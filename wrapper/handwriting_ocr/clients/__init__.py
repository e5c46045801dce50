"""One facade per provider, sync and async, over the generated clients.

- :class:`AzureVisionClient` / :class:`AsyncAzureVisionClient` — Azure AI Vision: Read v3.2 and
  Image Analysis 4.0 (current), v2.0 and v1.0 (legacy);
- :class:`HuaweiOcrClient` / :class:`AsyncHuaweiOcrClient` — Huawei Cloud OCR handwriting;
- :class:`TencentOcrV3Client` / :class:`AsyncTencentOcrV3Client` — Tencent Cloud OCR API 3.0
  (``GeneralHandwritingOCR``, current);
- :class:`TencentOcrClient` / :class:`AsyncTencentOcrClient` — Tencent Cloud legacy OCR.

Every ``recognize(image)`` returns a Document from the provider's current API (for the legacy
Tencent client, the legacy API it is for).

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
    from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client as AsyncTencentOcrV3Client
    from handwriting_ocr.clients.tencent_v3 import TencentOcrV3Client as TencentOcrV3Client

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "AsyncAzureVisionClient": "handwriting_ocr.clients.azure",
    "AzureVisionClient": "handwriting_ocr.clients.azure",
    "AsyncHuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "HuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "AsyncTencentOcrClient": "handwriting_ocr.clients.tencent",
    "TencentOcrClient": "handwriting_ocr.clients.tencent",
    "AsyncTencentOcrV3Client": "handwriting_ocr.clients.tencent_v3",
    "TencentOcrV3Client": "handwriting_ocr.clients.tencent_v3",
}

__all__ = [
    "AsyncAzureVisionClient",
    "AsyncHuaweiOcrClient",
    "AsyncTencentOcrClient",
    "AsyncTencentOcrV3Client",
    "AzureVisionClient",
    "HuaweiOcrClient",
    "TencentOcrClient",
    "TencentOcrV3Client",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

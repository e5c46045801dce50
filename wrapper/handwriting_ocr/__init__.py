"""Typed handwriting OCR across Azure AI Vision (Read v3.2, Image Analysis 4.0, and the legacy v2.0 and
v1.0), Huawei Cloud OCR and Tencent Cloud OCR (API 3.0 and the legacy API).

Public names are loaded lazily on first use (PEP 562), so ``import handwriting_ocr`` costs almost
nothing and ``from handwriting_ocr import TencentOcrClient`` loads only what that client needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "ApiError": "handwriting_ocr.errors",
    "AuthenticationError": "handwriting_ocr.errors",
    "BadRequestError": "handwriting_ocr.errors",
    "ConnectionFailedError": "handwriting_ocr.errors",
    "InvalidInputError": "handwriting_ocr.errors",
    "MalformedResponseError": "handwriting_ocr.errors",
    "NotFoundError": "handwriting_ocr.errors",
    "OcrError": "handwriting_ocr.errors",
    "OcrTimeoutError": "handwriting_ocr.errors",
    "OperationFailedError": "handwriting_ocr.errors",
    "PermissionDeniedError": "handwriting_ocr.errors",
    "QuotaExceededError": "handwriting_ocr.errors",
    "RateLimitError": "handwriting_ocr.errors",
    "ServiceError": "handwriting_ocr.errors",
    "AsyncAzureVisionClient": "handwriting_ocr.clients.azure",
    "AzureVisionClient": "handwriting_ocr.clients.azure",
    "AsyncHuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "HuaweiOcrClient": "handwriting_ocr.clients.huawei",
    "AsyncTencentOcrClient": "handwriting_ocr.clients.tencent",
    "TencentOcrClient": "handwriting_ocr.clients.tencent",
    "AsyncTencentOcrV3Client": "handwriting_ocr.clients.tencent_v3",
    "TencentOcrV3Client": "handwriting_ocr.clients.tencent_v3",
    "AzureBearerTokenAuth": "handwriting_ocr.auth",
    "AzureKeyAuth": "handwriting_ocr.auth",
    "HuaweiPasswordAuth": "handwriting_ocr.auth",
    "HuaweiSignatureAuth": "handwriting_ocr.auth",
    "HuaweiTokenAuth": "handwriting_ocr.auth",
    "TencentSignatureAuth": "handwriting_ocr.auth",
    "TencentTC3Auth": "handwriting_ocr.auth",
    "huawei_auth_from_env": "handwriting_ocr.auth",
    "AsyncLROPoller": "handwriting_ocr.polling",
    "LROPoller": "handwriting_ocr.polling",
    "Document": "handwriting_ocr.documents",
    "Line": "handwriting_ocr.documents",
    "Page": "handwriting_ocr.documents",
    "Shape": "handwriting_ocr.documents",
    "TextStyle": "handwriting_ocr.documents",
    "Word": "handwriting_ocr.documents",
    "convert": "handwriting_ocr.convert",
    "from_document": "handwriting_ocr.convert",
    "to_document": "handwriting_ocr.convert",
    "RetryPolicy": "handwriting_ocr.retries",
    "RateLimit": "handwriting_ocr.pacing",
    "LocalLimiter": "handwriting_ocr.pacing",
    "Limiter": "handwriting_ocr.pacing",
    "BatchOutcome": "handwriting_ocr.batch",
    "RunManifest": "handwriting_ocr.batch",
}

if TYPE_CHECKING:
    from handwriting_ocr.auth import AzureBearerTokenAuth as AzureBearerTokenAuth
    from handwriting_ocr.auth import AzureKeyAuth as AzureKeyAuth
    from handwriting_ocr.auth import HuaweiPasswordAuth as HuaweiPasswordAuth
    from handwriting_ocr.auth import HuaweiSignatureAuth as HuaweiSignatureAuth
    from handwriting_ocr.auth import HuaweiTokenAuth as HuaweiTokenAuth
    from handwriting_ocr.auth import TencentSignatureAuth as TencentSignatureAuth
    from handwriting_ocr.auth import TencentTC3Auth as TencentTC3Auth
    from handwriting_ocr.auth import huawei_auth_from_env as huawei_auth_from_env
    from handwriting_ocr.batch import BatchOutcome as BatchOutcome
    from handwriting_ocr.batch import RunManifest as RunManifest
    from handwriting_ocr.clients.azure import AsyncAzureVisionClient as AsyncAzureVisionClient
    from handwriting_ocr.clients.azure import AzureVisionClient as AzureVisionClient
    from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient as AsyncHuaweiOcrClient
    from handwriting_ocr.clients.huawei import HuaweiOcrClient as HuaweiOcrClient
    from handwriting_ocr.clients.tencent import AsyncTencentOcrClient as AsyncTencentOcrClient
    from handwriting_ocr.clients.tencent import TencentOcrClient as TencentOcrClient
    from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client as AsyncTencentOcrV3Client
    from handwriting_ocr.clients.tencent_v3 import TencentOcrV3Client as TencentOcrV3Client
    from handwriting_ocr.convert import convert as convert
    from handwriting_ocr.convert import from_document as from_document
    from handwriting_ocr.convert import to_document as to_document
    from handwriting_ocr.documents import Document as Document
    from handwriting_ocr.documents import Line as Line
    from handwriting_ocr.documents import Page as Page
    from handwriting_ocr.documents import Shape as Shape
    from handwriting_ocr.documents import TextStyle as TextStyle
    from handwriting_ocr.documents import Word as Word
    from handwriting_ocr.errors import ApiError as ApiError
    from handwriting_ocr.errors import AuthenticationError as AuthenticationError
    from handwriting_ocr.errors import BadRequestError as BadRequestError
    from handwriting_ocr.errors import ConnectionFailedError as ConnectionFailedError
    from handwriting_ocr.errors import InvalidInputError as InvalidInputError
    from handwriting_ocr.errors import MalformedResponseError as MalformedResponseError
    from handwriting_ocr.errors import NotFoundError as NotFoundError
    from handwriting_ocr.errors import OcrError as OcrError
    from handwriting_ocr.errors import OcrTimeoutError as OcrTimeoutError
    from handwriting_ocr.errors import OperationFailedError as OperationFailedError
    from handwriting_ocr.errors import PermissionDeniedError as PermissionDeniedError
    from handwriting_ocr.errors import QuotaExceededError as QuotaExceededError
    from handwriting_ocr.errors import RateLimitError as RateLimitError
    from handwriting_ocr.errors import ServiceError as ServiceError
    from handwriting_ocr.pacing import Limiter as Limiter
    from handwriting_ocr.pacing import LocalLimiter as LocalLimiter
    from handwriting_ocr.pacing import RateLimit as RateLimit
    from handwriting_ocr.polling import AsyncLROPoller as AsyncLROPoller
    from handwriting_ocr.polling import LROPoller as LROPoller
    from handwriting_ocr.retries import RetryPolicy as RetryPolicy


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'handwriting_ocr' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "ApiError",
    "AsyncAzureVisionClient",
    "AsyncHuaweiOcrClient",
    "AsyncLROPoller",
    "AsyncTencentOcrClient",
    "AsyncTencentOcrV3Client",
    "AuthenticationError",
    "AzureBearerTokenAuth",
    "AzureKeyAuth",
    "AzureVisionClient",
    "BadRequestError",
    "BatchOutcome",
    "ConnectionFailedError",
    "Document",
    "HuaweiOcrClient",
    "HuaweiPasswordAuth",
    "HuaweiSignatureAuth",
    "HuaweiTokenAuth",
    "InvalidInputError",
    "LROPoller",
    "Limiter",
    "Line",
    "LocalLimiter",
    "MalformedResponseError",
    "NotFoundError",
    "OcrError",
    "OcrTimeoutError",
    "OperationFailedError",
    "Page",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimit",
    "RateLimitError",
    "RetryPolicy",
    "RunManifest",
    "ServiceError",
    "Shape",
    "TencentOcrClient",
    "TencentOcrV3Client",
    "TencentSignatureAuth",
    "TencentTC3Auth",
    "TextStyle",
    "Word",
    "convert",
    "from_document",
    "huawei_auth_from_env",
    "to_document",
]

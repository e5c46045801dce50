"""Typed handwriting OCR across Azure Computer Vision, Huawei Cloud OCR and Tencent Cloud legacy OCR.

Public names are loaded lazily on first use so that ``import handwriting_ocr`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it. Filled in as modules land; keep it sorted by module.
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
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'handwriting_ocr' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = sorted(_LAZY)

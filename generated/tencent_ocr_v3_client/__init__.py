"""A client library for accessing Tencent Cloud OCR API 3.0 - GeneralHandwritingOCR"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

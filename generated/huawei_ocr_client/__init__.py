"""A client library for accessing Huawei Cloud OCR handwritten text"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)


""" A client library for accessing Tencent Cloud legacy OCR """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

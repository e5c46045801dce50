"""A client library for accessing Azure Computer Vision v1.0"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

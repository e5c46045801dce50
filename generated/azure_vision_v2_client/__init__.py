"""A client library for accessing Azure Computer Vision v2.0 text recognition"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

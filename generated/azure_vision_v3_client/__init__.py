"""A client library for accessing Azure Computer Vision Read v3.2"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

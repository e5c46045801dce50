"""A client library for accessing Azure AI Vision Image Analysis 4.0"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

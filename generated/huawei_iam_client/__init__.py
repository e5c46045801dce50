"""A client library for accessing Huawei Cloud IAM user token"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

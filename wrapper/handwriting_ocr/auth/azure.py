"""Azure AI Vision: the subscription key header, or a Microsoft Entra ID bearer token."""

from __future__ import annotations

import inspect
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Mapping
from typing import Final, TypeAlias

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._env import environment, required_env
from handwriting_ocr.errors import InvalidInputError

KEY_HEADER = "Ocp-Apim-Subscription-Key"

#: The scope to ask Microsoft Entra ID for, for any Cognitive Services / AI Vision resource.
COGNITIVE_SERVICES_SCOPE: Final = "https://cognitiveservices.azure.com/.default"

#: What a token provider returns: the bare access token (no ``Bearer `` prefix), plain or as a Secret.
Token: TypeAlias = str | Secret
#: A callable taking no arguments and returning a token, or (for async clients) an awaitable of one,
#: e.g. ``azure.identity.get_bearer_token_provider(credential, COGNITIVE_SERVICES_SCOPE)`` or its
#: ``azure.identity.aio`` twin.
TokenProvider: TypeAlias = Callable[[], Token | Awaitable[Token]]


class AzureKeyAuth(httpx.Auth):
    """Sends the Cognitive Services subscription key in ``Ocp-Apim-Subscription-Key``."""

    def __init__(self, key: str | Secret) -> None:
        secret = key if isinstance(key, Secret) else Secret(key)
        if not secret.reveal().strip():
            raise InvalidInputError("the Azure subscription key is empty", provider="azure", field="key")
        self._key = secret

    @classmethod
    def from_env(
        cls, variable: str = "AZURE_VISION_KEY", environ: Mapping[str, str] | None = None
    ) -> AzureKeyAuth:
        """Read the key from ``variable`` (``AZURE_VISION_KEY`` by default)."""
        return cls(Secret(required_env(environment(environ), variable, provider="azure")))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[KEY_HEADER] = self._key.reveal()
        yield request

    def __repr__(self) -> str:
        return f"AzureKeyAuth(key={self._key!r})"


def _checked(value: object) -> str:
    """The token a provider returned, refused (without quoting it) unless it can go in the header."""
    if isinstance(value, Secret):
        value = value.reveal()
    if not isinstance(value, str):
        raise InvalidInputError(
            f"the token provider returned a {type(value).__name__}, not a token string",
            provider="azure",
            field="token",
        )
    if not value.strip():
        raise InvalidInputError("the token provider returned an empty token", provider="azure", field="token")
    if value[:7].lower() == "bearer ":
        raise InvalidInputError(
            "the token provider returned a value starting with 'Bearer '; return the bare token",
            provider="azure",
            field="token",
        )
    if not value.isascii() or not value.isprintable() or any(char.isspace() for char in value):
        raise InvalidInputError(
            "the token provider returned a value that is not a valid token (spaces or control characters)",
            provider="azure",
            field="token",
        )
    return value


class AzureBearerTokenAuth(httpx.Auth):
    """Sends ``Authorization: Bearer <token>``, the token coming from a caller-supplied provider.

    For Image Analysis 4.0 with Microsoft Entra ID (the resource needs a custom subdomain; the token's
    scope is :data:`COGNITIVE_SERVICES_SCOPE`). The provider is any callable without arguments
    returning the bare token; with an async httpx client it may also return an awaitable (an ``async
    def`` provider), which is awaited. A sync client refuses an async provider with a clear error.

    Caching: none. The provider is called once for every request sent (retries included), and its
    answer is used for that request only, because only the provider knows when a token expires. A
    provider that is expensive to call caches itself, as ``azure.identity.get_bearer_token_provider``
    does (it renews the token shortly before expiry). The token is never kept on this object, shown in
    its ``repr``, or quoted in an error.
    """

    def __init__(self, token_provider: TokenProvider) -> None:
        if not callable(token_provider):
            raise InvalidInputError(
                "token_provider must be a callable returning a token",
                provider="azure",
                field="token_provider",
            )
        self._provider = token_provider

    def _set(self, request: httpx.Request, token: object) -> None:
        request.headers["Authorization"] = f"Bearer {_checked(token)}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._provider()
        if inspect.isawaitable(token):
            if inspect.iscoroutine(token):
                token.close()  # never awaited: close it so Python does not warn about it
            raise InvalidInputError(
                "the token provider is asynchronous; use it with an async client, or pass a sync provider",
                provider="azure",
                field="token_provider",
            )
        self._set(request, token)
        yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self._provider()
        if inspect.isawaitable(token):
            token = await token
        self._set(request, token)
        yield request

    def __repr__(self) -> str:
        # The provider's own repr could show a token it closes over (a functools.partial, say).
        return f"AzureBearerTokenAuth(token_provider=<{type(self._provider).__qualname__}>)"

"""Azure Computer Vision: the subscription key header."""

from __future__ import annotations

from collections.abc import Generator, Mapping

import httpx

from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth._env import environment, required_env
from handwriting_ocr.errors import InvalidInputError

KEY_HEADER = "Ocp-Apim-Subscription-Key"


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

"""What a worker needs to build its own client: a provider name and the settings, never a client.

A facade holds open connections and :class:`~handwriting_ocr._secrets.Secret` values, which refuse to
be pickled on purpose, so a cluster never ships one. It ships a :class:`ClientSpec` instead: the
provider, the environment variables its ``from_env`` reads (or nothing, to use each worker's own
environment), and an endpoint override; each worker builds its facade from it.

**Credentials in the spec travel with every task** (plain strings inside Dask's messages). Use a
TLS scheduler address (``tls://``) between machines, or provision the variables on the workers and
build the spec with ``send_credentials=False``, so nothing secret leaves the driver.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal, get_args

import attrs

from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    from handwriting_ocr.clients._base import AsyncFacade, SyncFacade
    from handwriting_ocr.pacing import RateLimitSetting

__all__ = ["CLUSTER_PROVIDERS", "ClientSpec", "ClusterProvider", "SpecFacts", "bucket_key"]

#: Providers a cluster runs, by the CLI's ``--provider`` names: each facade's ``recognize`` (Azure
#: Read v3.2, Huawei handwriting, Tencent API 3.0, Tencent legacy handwriting).
ClusterProvider = Literal["azure", "huawei", "tencent", "tencent-legacy"]
CLUSTER_PROVIDERS: Final[tuple[ClusterProvider, ...]] = get_args(ClusterProvider)

#: The variables each provider's ``from_env`` reads, by prefix.
_PREFIXES: Final[dict[ClusterProvider, tuple[str, ...]]] = {
    "azure": ("AZURE_VISION_",),
    "huawei": ("HUAWEICLOUD_",),
    "tencent": ("TENCENTCLOUD_",),
    "tencent-legacy": ("TENCENT_", "TENCENTCLOUD_"),
}
#: The variable naming the account whose quota a request counts against (hashed into bucket keys).
_ACCOUNT: Final[dict[ClusterProvider, str]] = {
    "azure": "AZURE_VISION_KEY",
    "huawei": "HUAWEICLOUD_PROJECT_ID",
    "tencent": "TENCENTCLOUD_SECRET_ID",
    "tencent-legacy": "TENCENT_APPID",
}
_KEY_LABEL: Final = b"handwriting-ocr bucket key v1"


def bucket_key(provider: str, endpoint: str, account: str) -> str:
    """A bucket name for ``provider`` at ``endpoint`` for ``account`` (a key, project id, appid or
    SecretId): ``<provider>:<16 hex digits>``. The account part is a keyed hash, so the name shows
    no credential and cannot be turned back into one."""
    digest = hmac.new(_KEY_LABEL, f"{provider}\n{endpoint}\n{account}".encode(), hashlib.sha256)
    return f"{provider}:{digest.hexdigest()[:16]}"


@attrs.frozen
class SpecFacts:
    """What the driver learns from a spec: the batch scope (run-manifest keys) and the bucket key."""

    scope: str
    bucket_key: str
    endpoint: str


def _check_provider(provider: object) -> ClusterProvider:
    if provider not in CLUSTER_PROVIDERS:
        raise InvalidInputError(
            f"provider must be one of {', '.join(CLUSTER_PROVIDERS)}, not {provider!r}", field="provider"
        )
    return provider


def _pairs(
    value: Mapping[str, str] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...] | None:
    if value is None:
        return None
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(name), str(text)) for name, text in items))


@attrs.frozen(repr=False)
class ClientSpec:
    """A picklable description of a facade: built on each worker with :meth:`open_async`.

    ``environment``: the variables the provider's ``from_env`` reads (None: each worker's own
    ``os.environ``). ``endpoint``: replaces the provider's scheme, host and port (the emulator).
    """

    provider: ClusterProvider = attrs.field(converter=_check_provider)
    environment: tuple[tuple[str, str], ...] | None = attrs.field(default=None, converter=_pairs)
    endpoint: str | None = None

    @classmethod
    def from_env(
        cls,
        provider: ClusterProvider,
        environ: Mapping[str, str] | None = None,
        *,
        endpoint: str | None = None,
        send_credentials: bool = True,
    ) -> ClientSpec:
        """The provider's variables from ``environ`` (default: this process's environment), to send to
        the workers; with ``send_credentials=False``, none: the workers use their own environment."""
        checked = _check_provider(provider)
        if not send_credentials:
            return cls(checked, None, endpoint)
        source = os.environ if environ is None else environ
        prefixes = _PREFIXES[checked]
        chosen = {name: value for name, value in source.items() if name.startswith(prefixes)}
        return cls(checked, chosen, endpoint)

    def _environ(self) -> Mapping[str, str] | None:
        return None if self.environment is None else dict(self.environment)

    def open_async(self, rate_limit: RateLimitSetting = None) -> AsyncFacade:
        """The provider's asyncio facade, built from the spec (on a worker), pacing with ``rate_limit``."""
        env, endpoint = self._environ(), self.endpoint
        if self.provider == "azure":
            from handwriting_ocr.clients.azure import AsyncAzureVisionClient

            return AsyncAzureVisionClient.from_env(env, endpoint=endpoint, rate_limit=rate_limit)
        if self.provider == "huawei":
            from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient

            return AsyncHuaweiOcrClient.from_env(env, endpoint=endpoint, rate_limit=rate_limit)
        if self.provider == "tencent":
            from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client

            return AsyncTencentOcrV3Client.from_env(env, endpoint=endpoint, rate_limit=rate_limit)
        from handwriting_ocr.clients.tencent import AsyncTencentOcrClient

        return AsyncTencentOcrClient.from_env(env, endpoint=endpoint, rate_limit=rate_limit)

    def open_sync(self) -> SyncFacade:
        """The blocking facade (sends nothing when built): what :meth:`facts` reads."""
        env, endpoint = self._environ(), self.endpoint
        if self.provider == "azure":
            from handwriting_ocr.clients.azure import AzureVisionClient

            return AzureVisionClient.from_env(env, endpoint=endpoint, rate_limit=1.0)
        if self.provider == "huawei":
            from handwriting_ocr.clients.huawei import HuaweiOcrClient

            return HuaweiOcrClient.from_env(env, endpoint=endpoint, rate_limit=1.0)
        if self.provider == "tencent":
            from handwriting_ocr.clients.tencent_v3 import TencentOcrV3Client

            return TencentOcrV3Client.from_env(env, endpoint=endpoint, rate_limit=1.0)
        from handwriting_ocr.clients.tencent import TencentOcrClient

        return TencentOcrClient.from_env(env, endpoint=endpoint, rate_limit=1.0)

    def facts(self) -> SpecFacts:
        """The batch scope and bucket key of this spec's facade, from a facade built here and closed
        (raises ``InvalidInputError`` naming a missing variable, before anything is sent)."""
        facade = self.open_sync()
        try:
            endpoint = str(getattr(facade, "endpoint", ""))
            scope = facade._batch_scope()
        finally:
            facade.close()
        env = os.environ if self.environment is None else dict(self.environment)
        account = env.get(_ACCOUNT[self.provider], "").strip()
        return SpecFacts(scope, bucket_key(self.provider, endpoint, account), endpoint)

    def __repr__(self) -> str:
        where = "the workers' own" if self.environment is None else ", ".join(n for n, _ in self.environment)
        endpoint = "" if self.endpoint is None else f", endpoint={self.endpoint!r}"
        return f"ClientSpec({self.provider!r}, environment=<{where}>{endpoint})"

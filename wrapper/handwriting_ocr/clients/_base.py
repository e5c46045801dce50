"""Lifecycle shared by every facade: building the pipeline, closing it, context managers."""

from __future__ import annotations

from types import TracebackType
from typing import Literal, Self

import httpx

from handwriting_ocr._logging import logging_event_hooks
from handwriting_ocr.clients._http import AsyncPipeline, SyncPipeline, TimeoutSetting
from handwriting_ocr.errors import Provider
from handwriting_ocr.retries import AsyncRetryTransport, RetryPolicy, RetryTransport

__all__ = ["AsyncFacade", "SyncFacade", "TimeoutArg"]

#: ``timeout`` argument of every facade: seconds, an ``httpx.Timeout``, None (no timeout), or
#: "default" (60 s reads with our own client; the client's own timeout with a client you pass).
TimeoutArg = TimeoutSetting | Literal["default"]


class SyncFacade:
    """Owns a :class:`SyncPipeline`; ``with`` closes it (and our own httpx client, never yours)."""

    _pipeline: SyncPipeline

    def _open(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutArg,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
        retry: RetryPolicy,
    ) -> None:
        self._pipeline = SyncPipeline(
            auth=auth,
            provider=provider,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            wrap_transport=lambda inner: RetryTransport(inner, retry, provider=provider),
            event_hooks=logging_event_hooks(),
        )

    @property
    def http_client(self) -> httpx.Client:
        """The httpx client requests go through (yours if you passed one)."""
        return self._pipeline.client

    def close(self) -> None:
        """Close connections. A client passed as ``http_client`` is left open: it is yours."""
        self._pipeline.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncFacade:
    """Owns an :class:`AsyncPipeline`; ``async with`` closes it."""

    _pipeline: AsyncPipeline

    def _open(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutArg,
        http_client: httpx.AsyncClient | None,
        transport: httpx.AsyncBaseTransport | None,
        retry: RetryPolicy,
    ) -> None:
        self._pipeline = AsyncPipeline(
            auth=auth,
            provider=provider,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            wrap_transport=lambda inner: AsyncRetryTransport(inner, retry, provider=provider),
            event_hooks=logging_event_hooks(),
        )

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The httpx client requests go through (yours if you passed one)."""
        return self._pipeline.client

    async def aclose(self) -> None:
        """Close connections. A client passed as ``http_client`` is left open: it is yours."""
        await self._pipeline.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

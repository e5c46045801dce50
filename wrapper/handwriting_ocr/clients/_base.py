"""What every facade shares, sync and async: the pipeline, the generated clients, closing, ``with``.

:class:`Facade` is generic in the httpx client and transport flavour, so a provider's shared base
(construction, ``from_env``, request building, resuming) is written once and the sync and async
classes only differ in sending: :class:`SyncFacade` sends, :class:`AsyncFacade` awaits.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Literal, Protocol, Self, TypeVar

import httpx

from handwriting_ocr.clients._http import (
    AsyncPipeline,
    ClientT,
    Pipeline,
    SyncPipeline,
    TimeoutSetting,
    TransportT,
)
from handwriting_ocr.errors import Provider

if TYPE_CHECKING:
    from handwriting_ocr.batch import AsyncBatch, Batch
    from handwriting_ocr.clients._batching import ManifestArg
    from handwriting_ocr.convert import ProviderResult
    from handwriting_ocr.documents import Document, Shape
    from handwriting_ocr.pacing import Limiter, RateLimitSetting
    from handwriting_ocr.retries import ResponseClassifier, RetryPolicy
    from handwriting_ocr.validation import ImageInput

__all__ = [
    "AsyncFacade",
    "Facade",
    "GeneratedClient",
    "SyncFacade",
    "TimeoutArg",
    "as_document",
    "policy_for",
]

#: ``timeout`` argument of every facade: seconds, an ``httpx.Timeout``, None (no timeout), or
#: "default" (60 s reads with our own client; the client's own timeout with a client you pass).
TimeoutArg = TimeoutSetting | Literal["default"]


class GeneratedClient(Protocol):
    """The part of a generated package's ``Client`` the facades use to share their pipeline."""

    def set_httpx_client(self, client: httpx.Client, /) -> Self: ...

    def set_async_httpx_client(self, async_client: httpx.AsyncClient, /) -> Self: ...


G = TypeVar("G", bound=GeneratedClient)
#: The type of a batch's inputs (bytes, paths, URLs, file objects: what ``recognize`` takes).
InputT = TypeVar("InputT", bound="ImageInput")

#: Inputs handed to ``recognize_many`` at once by default: enough to keep a provider's quota busy
#: while a few requests wait on the network; the limiter, not this number, keeps the batch under
#: the quota.
DEFAULT_CONCURRENCY = 8


def policy_for(retry: RetryPolicy | None, classify: ResponseClassifier | None = None) -> RetryPolicy:
    """The caller's policy (or the default one), given the provider's ``classify`` unless it has one.

    A provider's throttling codes mean the same whatever the caller's budget.
    """
    import attrs

    from handwriting_ocr.retries import RetryPolicy

    policy = retry if retry is not None else RetryPolicy()
    if classify is None or policy.classify is not None:
        return policy
    return attrs.evolve(policy, classify=classify)


def as_document(result: ProviderResult, shape: Shape, provider: Provider) -> Document:
    """A provider's typed answer as a Document; data that does not convert is a malformed answer
    (MalformedResponseError), never the caller's InvalidInputError."""
    from handwriting_ocr.clients._ops import document_from_answer

    return document_from_answer(result, shape, provider=provider)


class Facade(Generic[ClientT, TransportT]):
    """Owns a pipeline of one flavour; see :class:`SyncFacade` and :class:`AsyncFacade`."""

    _pipeline: Pipeline[ClientT, TransportT]
    #: The pipeline class of this flavour (set by SyncFacade and AsyncFacade).
    _pipeline_class: type[Pipeline[ClientT, TransportT]]

    def _open(
        self,
        *,
        auth: httpx.Auth,
        provider: Provider,
        timeout: TimeoutArg,
        http_client: ClientT | None,
        transport: TransportT | None,
        retry: RetryPolicy,
        rate_limit: RateLimitSetting,
    ) -> None:
        """Build the pipeline; every facade's constructor ends here."""
        from handwriting_ocr.pacing import as_limiter

        self._auth = auth  # for repr (each auth's own repr masks its secrets)
        self._pipeline = self._pipeline_class(
            auth=auth,
            provider=provider,
            timeout=timeout,
            http_client=http_client,
            transport=transport,
            retry=retry,
            limiter=as_limiter(rate_limit),
        )

    def _bind(self, generated: G, base_url: str) -> G:
        """``generated`` (a fresh generated client) sending through this facade's pipeline."""
        raise NotImplementedError

    @property
    def http_client(self) -> ClientT:
        """The httpx client requests go through (yours if you passed one)."""
        return self._pipeline.client

    @property
    def limiter(self) -> Limiter:
        """The limiter every request of this client waits for (share it with ``rate_limit=``)."""
        return self._pipeline.limiter

    def _batch_scope(self) -> str:
        """Provider and operation of ``recognize_many``: part of every run-manifest key."""
        return f"{self._pipeline.provider}:{type(self).__name__.removeprefix('Async')}.recognize"


class SyncFacade(Facade[httpx.Client, httpx.BaseTransport]):
    """Owns a :class:`SyncPipeline`; ``with`` closes it (and our own httpx client, never yours)."""

    _pipeline: SyncPipeline
    _pipeline_class = SyncPipeline

    def _bind(self, generated: G, base_url: str) -> G:
        return generated.set_httpx_client(self._pipeline.loopback(base_url))

    def close(self) -> None:
        """Close connections. A client passed as ``http_client`` is left open: it is yours."""
        self._pipeline.close()

    def recognize(self, image: ImageInput | None = None, *, url: str | None = None) -> Document:
        """The provider's current recognition, as a Document (each facade says which API)."""
        raise NotImplementedError

    def recognize_many(
        self,
        inputs: Iterable[InputT],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | None = None,
        manifest: ManifestArg = None,
    ) -> Batch[InputT]:
        """``recognize`` every input, ``concurrency`` at a time, yielding one outcome per input as
        inputs finish (an iterator: read it with ``for``; see :mod:`handwriting_ocr.batch`).

        ``inputs`` is read lazily (a generator of 100,000 paths is fine). ``timeout`` bounds each
        input's wait for a long-running operation. ``manifest`` (a path or a
        :class:`~handwriting_ocr.batch.RunManifest`) records every finished input and every
        accepted operation, so running again with it skips what is done and resumes what was
        accepted. Ctrl-C or ``cancel()`` ends the batch with one ``cancelled`` outcome per unfinished
        input (keep iterating to get them).
        """
        from handwriting_ocr.batch import Batch
        from handwriting_ocr.clients._batching import open_journal, recognize_sync

        journal, owned = open_journal(manifest)
        return Batch(
            inputs,
            partial(recognize_sync, self),
            concurrency=concurrency,
            timeout=timeout,
            journal=journal,
            scope=self._batch_scope(),
            close_journal=owned,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncFacade(Facade[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """Owns an :class:`AsyncPipeline`; ``async with`` closes it."""

    _pipeline: AsyncPipeline
    _pipeline_class = AsyncPipeline

    def _bind(self, generated: G, base_url: str) -> G:
        return generated.set_async_httpx_client(self._pipeline.loopback(base_url))

    async def aclose(self) -> None:
        """Close connections. A client passed as ``http_client`` is left open: it is yours."""
        await self._pipeline.aclose()

    async def recognize(self, image: ImageInput | None = None, *, url: str | None = None) -> Document:
        """The provider's current recognition, as a Document (each facade says which API)."""
        raise NotImplementedError

    def recognize_many(
        self,
        inputs: Iterable[InputT] | AsyncIterable[InputT],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float | None = None,
        manifest: ManifestArg = None,
    ) -> AsyncBatch[InputT]:
        """The asyncio twin of :meth:`SyncFacade.recognize_many`: ``async for outcome in ...``.

        ``inputs`` may also be an async iterable. Cancelling the task that reads the batch (Ctrl-C
        under ``asyncio.run``) cancels the batch; keep reading it to get the cancelled outcomes.
        """
        from handwriting_ocr.batch import AsyncBatch
        from handwriting_ocr.clients._batching import open_journal, recognize_async

        journal, owned = open_journal(manifest)
        return AsyncBatch(
            inputs,
            partial(recognize_async, self),
            concurrency=concurrency,
            timeout=timeout,
            journal=journal,
            scope=self._batch_scope(),
            close_journal=owned,
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

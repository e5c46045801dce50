"""The ``--provider`` names and how each one recognises an image through the async facades."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Mapping
from typing import TYPE_CHECKING, Final, Literal, Protocol, get_args

import attrs

if TYPE_CHECKING:
    from handwriting_ocr.batch import Checkpoint
    from handwriting_ocr.documents import Document, Shape

__all__ = [
    "AZURE_PROVIDERS",
    "ENDPOINT_ENV",
    "PROVIDERS",
    "PROVIDER_HELP",
    "ProviderInfo",
    "ProviderName",
    "Recognize",
    "open_recognizer",
]

#: ``--provider`` names: each says which API it calls. The unadorned provider name is the current API
#: (``azure`` = Read v3.2, ``tencent`` = API 3.0); older APIs carry their version or ``-legacy``.
ProviderName = Literal[
    "azure",
    "azure-v2",
    "azure-text",
    "azure-v1",
    "azure-ocr",
    "azure-image-analysis",
    "huawei",
    "tencent",
    "tencent-legacy",
]

#: Overrides every provider's endpoint, like ``--endpoint`` (the ``emulator`` command prints it).
ENDPOINT_ENV: Final = "HANDWRITING_OCR_ENDPOINT"


@attrs.frozen
class ProviderInfo:
    name: ProviderName
    #: The result shape its answers have (``convert --from``).
    shape: Shape
    #: What it calls, for help texts and the demo.
    operation: str


PROVIDERS: Final[dict[ProviderName, ProviderInfo]] = {
    info.name: info
    for info in (
        ProviderInfo("azure", "azure-read-v3", "Azure AI Vision Read v3.2"),
        ProviderInfo("azure-v2", "azure-read", "Azure Computer Vision v2.0 Read"),
        ProviderInfo("azure-text", "azure-text", "Azure Computer Vision v2.0 RecognizeText (Handwritten)"),
        ProviderInfo("azure-v1", "azure-v1-text", "Azure Computer Vision v1.0 RecognizeText (handwriting)"),
        ProviderInfo("azure-ocr", "azure-ocr", "Azure Computer Vision v1.0 OCR"),
        ProviderInfo(
            "azure-image-analysis", "azure-image-analysis", "Azure AI Vision Image Analysis 4.0 (read)"
        ),
        ProviderInfo("huawei", "huawei", "Huawei Cloud OCR handwriting"),
        ProviderInfo("tencent", "tencent-v3", "Tencent Cloud OCR API 3.0 GeneralHandwritingOCR"),
        ProviderInfo("tencent-legacy", "tencent", "Tencent Cloud legacy OCR handwriting"),
    )
}
assert tuple(PROVIDERS) == get_args(ProviderName)

#: The Azure names, all served by one client (``AZURE_VISION_ENDPOINT``, ``AZURE_VISION_KEY``).
AZURE_PROVIDERS: Final = frozenset(name for name in PROVIDERS if name.startswith("azure"))

#: ``--provider`` help: each name and what it calls.
PROVIDER_HELP: Final = "; ".join(f"{info.name}: {info.operation}" for info in PROVIDERS.values()) + "."


class Recognize(Protocol):
    """Recognise one image, given as its bytes or as a URL (exactly one is not None).

    ``checkpoint`` (a batch's) lets a long-running operation (Azure Read v3.2) record its
    continuation token as soon as it is accepted, and resume from one an earlier run recorded.
    """

    def __call__(
        self, data: bytes | None, url: str | None, checkpoint: Checkpoint | None = None
    ) -> Awaitable[Document]: ...


@contextlib.asynccontextmanager
async def open_recognizer(
    provider: ProviderName,
    *,
    endpoint: str | None,
    environ: Mapping[str, str] | None = None,
    rate_limit: str | None = None,
) -> AsyncIterator[Recognize]:
    """An open async client for ``provider``, configured from ``environ`` (default os.environ), as a
    :data:`Recognize` function; the client is closed on exit.

    ``endpoint`` replaces the scheme, host and port the provider's client would use; ``rate_limit``
    (``"10/s"``, ``"20/min"``) is the quota the client keeps to (None: learned from throttling).
    Missing credentials raise :class:`~handwriting_ocr.errors.InvalidInputError` naming the variable.
    """
    # An answer that does not convert is the service's fault (MalformedResponseError), not the input's.
    from handwriting_ocr.clients._ops import document_from_answer
    from handwriting_ocr.pacing import RateLimit

    limit = None if rate_limit is None else RateLimit.parse(rate_limit)

    if provider in AZURE_PROVIDERS:
        from handwriting_ocr.clients.azure import AsyncAzureVisionClient

        async with AsyncAzureVisionClient.from_env(environ, endpoint=endpoint, rate_limit=limit) as azure:

            async def recognize_azure(
                data: bytes | None, url: str | None, checkpoint: Checkpoint | None = None
            ) -> Document:
                if provider == "azure":
                    if checkpoint is None:
                        return await azure.read(data, url=url)
                    from handwriting_ocr.clients._batching import recognize_async

                    return await recognize_async(azure, data if data is not None else str(url), checkpoint)
                if provider == "azure-v2":
                    return await azure.read_v2(data, url=url)
                if provider == "azure-text":
                    return await azure.recognize_text(data, url=url, mode="Handwritten")
                if provider == "azure-v1":
                    return await azure.recognize_handwriting_v1(data, url=url)
                if provider == "azure-image-analysis":
                    result = await azure.analyze_image(data, url=url, features=["read"])
                    return document_from_answer(result, "azure-image-analysis", provider="azure")
                return document_from_answer(await azure.ocr(data, url=url), "azure-ocr", provider="azure")

            yield recognize_azure
    elif provider == "huawei":
        from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient

        async with AsyncHuaweiOcrClient.from_env(environ, endpoint=endpoint, rate_limit=limit) as huawei:

            async def recognize_huawei(
                data: bytes | None, url: str | None, checkpoint: Checkpoint | None = None
            ) -> Document:
                return await huawei.recognize(data, url=url)

            yield recognize_huawei
    elif provider == "tencent":
        from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client

        async with AsyncTencentOcrV3Client.from_env(
            environ, endpoint=endpoint, rate_limit=limit
        ) as tencent_v3:

            async def recognize_tencent_v3(
                data: bytes | None, url: str | None, checkpoint: Checkpoint | None = None
            ) -> Document:
                return await tencent_v3.recognize(data, url=url)

            yield recognize_tencent_v3
    else:
        from handwriting_ocr.clients.tencent import AsyncTencentOcrClient

        async with AsyncTencentOcrClient.from_env(environ, endpoint=endpoint, rate_limit=limit) as tencent:

            async def recognize_tencent(
                data: bytes | None, url: str | None, checkpoint: Checkpoint | None = None
            ) -> Document:
                return await tencent.recognize(data, url=url)

            yield recognize_tencent

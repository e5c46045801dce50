"""The facades under test as rows of a table, and a way to run one against a scripted server.

A row says how to build the facade (sync or async) for a base URL, how to call its main operation,
which request carries the answer that decides the result (``result_path``), what a good answer there
is, and what the server answers on the facade's other routes (the Azure submit's 202). A new facade
(the v3.2 ones, say) is one more row: every table-driven test picks it up.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from handwriting_ocr.clients import (
    AsyncAzureVisionClient,
    AsyncHuaweiOcrClient,
    AsyncTencentOcrClient,
    AzureVisionClient,
    HuaweiOcrClient,
    TencentOcrClient,
)

from tests.hardening._server import Answer, Counter, Seen, json_answer, raw_answer
from tests.wrapper.test_clients__support import png

if TYPE_CHECKING:
    from handwriting_ocr.pacing import Permit

Mode = Literal["sync", "async"]
MODES: tuple[Mode, ...] = ("sync", "async")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
IMAGE = png(120, 80)

# Credentials: long, distinct values, so that a masking test can look for each one.
AZURE_KEY = "azure-subscription-key-4f1c9a7e2b"
HUAWEI_TOKEN = "huawei-user-token-MIIZxQYJKoZIhvcNAQcCoIIZtjCCGbICAQEx"
HUAWEI_AK = "HUAWEIAKQ1W2E3R4T5Y6"
HUAWEI_SK = "huawei-sk-Zx9Cv8Bn7Mm6Ll5Kk4Jj3Hh2"
IAM_PASSWORD = "iam-password-P4ss!w0rd-value"
IAM_TOKEN = "iam-issued-token-MIIXyZ0123456789abcdefghijklmnop"
TENCENT_APPID = "1250000000"
TENCENT_SECRET_ID = "AKIDtencentSecretIdValue0123456789"
TENCENT_SECRET_KEY = "tencent-secret-key-Qw8Er7Ty6Ui5"
TC3_SECRET_ID = "AKIDtc3SecretIdValue9876543210"
TC3_SECRET_KEY = "tc3-secret-key-Lk9Jh8Gf7Ds6"
PROJECT = "proj-1"

READ_OPERATION_PATH = "/vision/v2.0/read/operations/"
READ_V3_OPERATION_PATH = "/vision/v3.2/read/analyzeResults/"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def host_url(seen: Seen) -> str:
    return f"http://{seen.headers['host']}"


def operation_location(seen: Seen, operation_id: str = "op-1", path: str = READ_OPERATION_PATH) -> str:
    return f"{host_url(seen)}{path}{operation_id}"


def submit_accepted(seen: Seen) -> Answer:
    """Azure's answer to a Read submit: 202 with an Operation-Location on the same server."""
    return raw_answer(202, b"", {"Operation-Location": operation_location(seen)}, content_type=None)


def submit_accepted_v3(seen: Seen) -> Answer:
    """Read v3.2's answer to a submit (``analyzeResults/{id}``)."""
    location = operation_location(seen, path=READ_V3_OPERATION_PATH)
    return raw_answer(202, b"", {"Operation-Location": location, "apim-request-id": "r-1"}, content_type=None)


ResultAnswers = Callable[[int, Seen], Answer]


@dataclass(frozen=True)
class Row:
    name: str
    provider: Literal["azure", "huawei", "tencent"]
    #: Method and path (prefix) of the request whose answer decides the result.
    result_method: str
    result_path: str
    #: A complete, successful answer body on that route.
    good: Mapping[str, Any]
    make_sync: Callable[..., Any]
    make_async: Callable[..., Any]
    call: Callable[[Any], Any]
    #: Answers on the other routes (e.g. the Azure submit), by (method, path prefix).
    others: Mapping[tuple[str, str], Callable[[Seen], Answer]] = field(default_factory=dict)
    #: The MAX_ANSWER_BYTES kind of the deciding answer.
    cap_kind: str = "result"

    @property
    def long_running(self) -> bool:
        """An Azure operation: submitted, then polled (its errors carry a continuation token)."""
        return self.cap_kind == "operation"

    @property
    def fixed_requests(self) -> int:
        """Requests a successful call sends besides those on the result route."""
        return len(self.others)

    def make(self, mode: Mode, url: str, **kwargs: Any) -> Any:
        return (self.make_sync if mode == "sync" else self.make_async)(url, **kwargs)

    def handler(self, results: ResultAnswers, counter: Counter | None = None) -> Callable[[Seen], Answer]:
        """A server handler: ``results(n, seen)`` answers the n-th request on the result route."""
        count = counter or Counter()

        def handle(seen: Seen) -> Answer:
            if seen.method == self.result_method and seen.path.startswith(self.result_path):
                return results(count.next("result"), seen)
            for (method, path), answer in self.others.items():
                if seen.method == method and seen.path.startswith(path):
                    return answer(seen)
            return json_answer(404, {"error": {"code": "NotFound", "message": f"no route {seen.path}"}})

        return handle


def _azure(url: str, **kwargs: Any) -> AzureVisionClient:
    return AzureVisionClient(url, AZURE_KEY, **kwargs)


def _async_azure(url: str, **kwargs: Any) -> AsyncAzureVisionClient:
    return AsyncAzureVisionClient(url, AZURE_KEY, **kwargs)


_HUAWEI_CREDENTIALS = ("token", "access_key", "secret_key", "iam_domain", "iam_user", "iam_password", "auth")


def _huawei(url: str, **kwargs: Any) -> HuaweiOcrClient:
    if not any(name in kwargs for name in _HUAWEI_CREDENTIALS):
        kwargs["token"] = HUAWEI_TOKEN
    return HuaweiOcrClient(project_id=PROJECT, endpoint=url, **kwargs)


def _async_huawei(url: str, **kwargs: Any) -> AsyncHuaweiOcrClient:
    if not any(name in kwargs for name in _HUAWEI_CREDENTIALS):
        kwargs["token"] = HUAWEI_TOKEN
    return AsyncHuaweiOcrClient(project_id=PROJECT, endpoint=url, **kwargs)


def _tencent_v3(url: str, **kwargs: Any) -> Any:
    from handwriting_ocr.clients.tencent_v3 import TencentOcrV3Client

    return TencentOcrV3Client(TC3_SECRET_ID, TC3_SECRET_KEY, region="ap-guangzhou", endpoint=url, **kwargs)


def _async_tencent_v3(url: str, **kwargs: Any) -> Any:
    from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client

    return AsyncTencentOcrV3Client(
        TC3_SECRET_ID, TC3_SECRET_KEY, region="ap-guangzhou", endpoint=url, **kwargs
    )


def _tencent(url: str, **kwargs: Any) -> TencentOcrClient:
    return TencentOcrClient(TENCENT_APPID, TENCENT_SECRET_ID, TENCENT_SECRET_KEY, endpoint=url, **kwargs)


def _async_tencent(url: str, **kwargs: Any) -> AsyncTencentOcrClient:
    return AsyncTencentOcrClient(TENCENT_APPID, TENCENT_SECRET_ID, TENCENT_SECRET_KEY, endpoint=url, **kwargs)


AZURE_READ = Row(
    name="azure-read",
    provider="azure",
    result_method="GET",
    result_path=READ_OPERATION_PATH,
    good=fixture("seed000-azure-read.json"),
    make_sync=_azure,
    make_async=_async_azure,
    # v2.0 Read: ``read_v2`` once ``read`` moved on to v3.2, ``read`` before.
    call=lambda client: (client.read_v2 if hasattr(client, "read_v2") else client.read)(IMAGE),
    others={("POST", "/vision/v2.0/read/core/asyncBatchAnalyze"): submit_accepted},
    cap_kind="operation",
)
AZURE_OCR = Row(
    name="azure-ocr",
    provider="azure",
    result_method="POST",
    result_path="/vision/v1.0/ocr",
    good=fixture("seed003-azure-ocr.json"),
    make_sync=_azure,
    make_async=_async_azure,
    call=lambda client: client.ocr(IMAGE),
)
HUAWEI = Row(
    name="huawei",
    provider="huawei",
    result_method="POST",
    result_path=f"/v2/{PROJECT}/ocr/handwriting",
    good=fixture("seed002-huawei.json"),
    make_sync=_huawei,
    make_async=_async_huawei,
    call=lambda client: client.recognize(IMAGE),
)
TENCENT = Row(
    name="tencent",
    provider="tencent",
    result_method="POST",
    result_path="/ocr/handwriting",
    good=fixture("seed004-tencent.json"),
    make_sync=_tencent,
    make_async=_async_tencent,
    call=lambda client: client.recognize(IMAGE),
)

AZURE_READ_V3 = Row(
    name="azure-read-v3",
    provider="azure",
    result_method="GET",
    result_path=READ_V3_OPERATION_PATH,
    good=fixture("azure-read-v3.json"),
    make_sync=_azure,
    make_async=_async_azure,
    call=lambda client: client.read(IMAGE),
    others={("POST", "/vision/v3.2/read/analyze"): submit_accepted_v3},
    cap_kind="operation",
)
AZURE_IMAGE_ANALYSIS = Row(
    name="azure-image-analysis",
    provider="azure",
    result_method="POST",
    result_path="/computervision/imageanalysis:analyze",
    good=fixture("azure-image-analysis.json"),
    make_sync=_azure,
    make_async=_async_azure,
    call=lambda client: client.analyze_image(IMAGE, features=["read"]),
)
TENCENT_V3 = Row(
    name="tencent-v3",
    provider="tencent",
    result_method="POST",
    result_path="/",
    good=fixture("tencent-v3.json"),
    make_sync=_tencent_v3,
    make_async=_async_tencent_v3,
    call=lambda client: client.recognize(IMAGE),
)

#: Every facade's main operation, legacy and current APIs.
ROWS: tuple[Row, ...] = (
    AZURE_READ,
    AZURE_OCR,
    HUAWEI,
    TENCENT,
    AZURE_READ_V3,
    AZURE_IMAGE_ANALYSIS,
    TENCENT_V3,
)
ROW_IDS = [row.name for row in ROWS]


@dataclass
class Outcome:
    """What one call ended with, and how long it took (seconds, monotonic)."""

    value: object
    error: BaseException | None
    elapsed: float


async def run(row: Row, mode: Mode, url: str, **kwargs: Any) -> Outcome:
    """Build the facade, call its main operation once, close it; never raises."""
    client = row.make(mode, url, **kwargs)
    started = time.monotonic()
    value: object = None
    error: BaseException | None = None
    try:
        result = row.call(client)
        value = await result if inspect.isawaitable(result) else result
    except Exception as exc:  # the test judges it
        error = exc
    elapsed = time.monotonic() - started
    closing = client.aclose() if mode == "async" else client.close()
    if inspect.isawaitable(closing):
        await closing
    return Outcome(value, error, elapsed)


async def run_anywhere(row: Row, mode: Mode, url: str, **kwargs: Any) -> Outcome:
    """:func:`run`, a sync facade in a thread of its own, so that many cases run at the same time.

    (Not ``asyncio.to_thread``: its default pool has only a few workers on a small machine, and
    blocked cases would queue behind one another.)
    """
    if mode == "async":
        return await run(row, mode, url, **kwargs)
    loop = asyncio.get_running_loop()
    done: asyncio.Future[Outcome] = loop.create_future()

    def settle(outcome: Outcome | None, exc: BaseException | None) -> None:
        if done.done():  # the waiting task was cancelled meanwhile
            return
        if exc is not None:
            done.set_exception(exc)
        else:
            assert outcome is not None
            done.set_result(outcome)

    def work() -> None:
        try:
            outcome = asyncio.run(run(row, "sync", url, **kwargs))
        except BaseException as exc:  # handed to the waiting loop
            loop.call_soon_threadsafe(settle, None, exc)
        else:
            loop.call_soon_threadsafe(settle, outcome, None)

    threading.Thread(target=work, daemon=True).start()
    return await done


class NoPacing:
    """A :class:`~handwriting_ocr.pacing.Limiter` that never holds a request back (tests whose subject
    is not pacing; the default limiter slows a client down after throttles)."""

    def acquire(self, timeout: float | None = None) -> Permit:
        from handwriting_ocr.pacing import Permit

        return Permit(time.monotonic())

    async def acquire_async(self, timeout: float | None = None) -> Permit:
        return self.acquire(timeout)

    def on_accepted(self, permit: Permit) -> None:
        pass

    def on_throttled(self, permit: Permit, retry_after: float | None) -> None:
        pass

    async def on_throttled_async(self, permit: Permit, retry_after: float | None) -> None:
        pass


async def call_with(client: Any, call: Callable[[Any], Any]) -> Outcome:
    """``call(client)`` (awaited if need be), timed, its exception captured."""
    started = time.monotonic()
    value: object = None
    error: BaseException | None = None
    try:
        result = call(client)
        value = await result if inspect.isawaitable(result) else result
    except Exception as exc:
        error = exc
    return Outcome(value, error, time.monotonic() - started)


async def close(client: Any) -> None:
    closing = client.aclose() if hasattr(client, "aclose") else client.close()
    if inspect.isawaitable(closing):
        await closing

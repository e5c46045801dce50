"""The sync and async pollers against respx: every scenario runs in both modes and asserts the exact
requests sent (method, URL, credentials, the retry extension) and the exact waits.

These pollers are made by hand over a plain httpx client (as a caller may do): their polls go through
the same request loop as the facades' (``client_sender``), here with a jitter-free policy so that
every wait is exact."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any, Generic, Literal, TypeVar, assert_type

import httpx
import pytest
import respx
from handwriting_ocr.errors import (
    AuthenticationError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    OcrTimeoutError,
    OperationFailedError,
    ServiceError,
)
from handwriting_ocr.polling import (
    AsyncLROPoller,
    LROPoller,
    ParseResult,
    async_poller_from_submit,
    poller_from_submit,
)
from handwriting_ocr.polling._base import async_client_sender, client_sender, refuse_foreign
from handwriting_ocr.polling.core import PollingCore
from handwriting_ocr.polling.origin import origin_of
from handwriting_ocr.retries import RetryPolicy

T = TypeVar("T")
Mode = Literal["sync", "async"]

HOST = "https://westcentralus.api.cognitive.microsoft.com"
ENDPOINT = f"{HOST}/vision/v2.0"
READ_SUBMIT = f"{ENDPOINT}/read/core/asyncBatchAnalyze"
READ_OPERATION = f"{ENDPOINT}/read/operations/76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a"
TEXT_SUBMIT = f"{ENDPOINT}/recognizeText?mode=Handwritten"
TEXT_OPERATION = f"{ENDPOINT}/textOperations/0b8d1f3c-2a4e-4c6b-8d0f-1e3a5c7e9b2d"
KEY = "3f9a0c1d2e4b4a8f9e7d6c5b4a3f2e1d"
OTHER_KEY = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
WALL = 1_700_000_000.0
TOKEN = '{"kind":"read","operation_location":"' + READ_OPERATION + '","origin":"' + HOST + '","v":1}'
#: The default policy without jitter, so that retry waits are exact.
EXACT = RetryPolicy(jitter=0.0)

LINE = {
    "boundingBox": [2, 52, 65, 46, 69, 89, 7, 95],
    "text": "dog",
    "words": [{"boundingBox": [0, 59, 63, 43, 77, 86, 3, 102], "text": "dog"}],
}
LINE_2 = {
    "boundingBox": [6, 2, 771, 13, 770, 75, 5, 64],
    "text": "The quick brown fox",
    "words": [{"boundingBox": [6, 2, 100, 2, 100, 64, 6, 64], "text": "The", "confidence": "Low"}],
}
PAGE = {
    "page": 1,
    "clockwiseOrientation": 0.0,
    "width": 800,
    "height": 600,
    "unit": "pixel",
    "lines": [LINE, LINE_2],
}
READ_SUCCEEDED = {"status": "Succeeded", "recognitionResults": [PAGE, {**PAGE, "page": 2, "lines": [LINE]}]}
TEXT_SUCCEEDED = {"status": "Succeeded", "recognitionResult": {"lines": [LINE, LINE_2]}}


# --- parse callbacks of the two result shapes -----------------------------------------------------------


@dataclass(frozen=True)
class PageLines:
    """What the tests' parse callbacks make of a result: each page's line texts."""

    pages: tuple[tuple[str, ...], ...]


def _lines(page: Any) -> tuple[str, ...]:
    return tuple(str(line["text"]) for line in page["lines"])


def parse_read(document: Any) -> PageLines:
    """ReadOperationResult: ``recognitionResults`` (plural), one entry per page."""
    return PageLines(tuple(_lines(page) for page in document["recognitionResults"]))


def parse_text(document: Any) -> PageLines:
    """TextOperationResult: ``recognitionResult`` (singular), one page."""
    return PageLines((_lines(document["recognitionResult"]),))


# --- harness --------------------------------------------------------------------------------------------


class SubscriptionKey(httpx.Auth):
    """The way the facades attach Azure credentials: an httpx.Auth on the client."""

    def __init__(self, key: str) -> None:
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Ocp-Apim-Subscription-Key"] = self._key
        yield request


class FakeTime:
    """Monotonic and wall clocks that only move when the poller sleeps; records every sleep."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return WALL + self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Driver(Generic[T]):
    """One awaitable face over a sync or an async poller, so each scenario is written once."""

    def __init__(self, poller: LROPoller[T] | AsyncLROPoller[T]) -> None:
        self.poller = poller

    async def result(self, timeout: float | None = None) -> T:
        if isinstance(self.poller, AsyncLROPoller):
            return await self.poller.result(timeout)
        return self.poller.result(timeout)

    async def wait(self, timeout: float | None = None) -> None:
        if isinstance(self.poller, AsyncLROPoller):
            await self.poller.wait(timeout)
        else:
            self.poller.wait(timeout)


class Harness:
    def __init__(self, mode: Mode, router: respx.MockRouter) -> None:
        self.mode = mode
        self.router = router
        self.time = FakeTime()
        self._sync_clients: list[httpx.Client] = []
        self._async_clients: list[httpx.AsyncClient] = []

    def sync_client(self, key: str = KEY, base_url: str = "") -> httpx.Client:
        client = httpx.Client(auth=SubscriptionKey(key), base_url=base_url)
        self._sync_clients.append(client)
        return client

    def async_client(self, key: str = KEY, base_url: str = "") -> httpx.AsyncClient:
        client = httpx.AsyncClient(auth=SubscriptionKey(key), base_url=base_url)
        self._async_clients.append(client)
        return client

    async def submit(
        self,
        parse: ParseResult[T],
        *,
        url: str = READ_SUBMIT,
        kind: str = "read",
        polling_interval: float | None = None,
    ) -> Driver[T]:
        image = {"url": "https://example.com/handwriting.jpg"}
        if self.mode == "sync":
            client = self.sync_client()
            response = client.post(url, json=image)
            return Driver(
                poller_from_submit(
                    response,
                    client=client,
                    parse=parse,
                    kind=kind,
                    polling_interval=polling_interval,
                    send=client_sender(
                        client,
                        policy=EXACT,
                        sleep=self.time.sleep,
                        clock=self.time.monotonic,
                        wall_clock=self.time.wall,
                    ),
                    sleep=self.time.sleep,
                    clock=self.time.monotonic,
                    wall_clock=self.time.wall,
                )
            )
        aclient = self.async_client()
        response = await aclient.post(url, json=image)
        return Driver(
            async_poller_from_submit(
                response,
                client=aclient,
                parse=parse,
                kind=kind,
                polling_interval=polling_interval,
                send=async_client_sender(
                    aclient,
                    policy=EXACT,
                    sleep=self.time.async_sleep,
                    clock=self.time.monotonic,
                    wall_clock=self.time.wall,
                ),
                sleep=self.time.async_sleep,
                clock=self.time.monotonic,
                wall_clock=self.time.wall,
            )
        )

    def resume(
        self, token: str, parse: ParseResult[T], *, mode: Mode, key: str, time: FakeTime, base_url: str = ""
    ) -> Driver[T]:
        if mode == "sync":
            return Driver(
                LROPoller.from_continuation_token(
                    token,
                    client=self.sync_client(key, base_url),
                    parse=parse,
                    kind="read",
                    sleep=time.sleep,
                    clock=time.monotonic,
                    wall_clock=time.wall,
                )
            )
        return Driver(
            AsyncLROPoller.from_continuation_token(
                token,
                client=self.async_client(key, base_url),
                parse=parse,
                kind="read",
                sleep=time.async_sleep,
                clock=time.monotonic,
                wall_clock=time.wall,
            )
        )

    def sent(self) -> list[tuple[str, str]]:
        return [(call.request.method, str(call.request.url)) for call in self.router.calls]

    def polls(self) -> list[httpx.Request]:
        return [call.request for call in self.router.calls if call.request.method == "GET"]

    def assert_polls_are_authenticated_safe_gets(self, key: str = KEY) -> None:
        polls = self.polls()
        assert polls
        for request in polls:
            assert request.headers["Ocp-Apim-Subscription-Key"] == key
            assert request.headers["Accept"] == "application/json"
            assert request.extensions["handwriting_ocr.retry"] == "safe"
            assert request.content == b""

    async def close(self) -> None:
        for client in self._sync_clients:
            client.close()
        for aclient in self._async_clients:
            await aclient.aclose()


@pytest.fixture(params=["sync", "async"])
async def harness(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        h = Harness(request.param, router)
        yield h
        await h.close()


def status(value: str, **headers: str) -> httpx.Response:
    return httpx.Response(200, json={"status": value}, headers=headers)


def submitted(
    router: respx.MockRouter, *, url: str = READ_SUBMIT, location: str = READ_OPERATION, **headers: str
) -> None:
    router.post(url).respond(202, headers={"Operation-Location": location, **headers})


def read_succeeded() -> httpx.Response:
    return httpx.Response(200, json=READ_SUCCEEDED, headers={"apim-request-id": "r-ok"})


EXPECTED_READ = PageLines((("dog", "The quick brown fox"), ("dog",)))


# --- the sequence -------------------------------------------------------------------------------


async def test_not_started_running_throttled_then_succeeded(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(
        side_effect=[
            status("NotStarted"),
            status("Running"),
            httpx.Response(
                429,
                headers={"Retry-After": "3"},
                json={"error": {"code": "429", "message": "Rate limit is exceeded. Try again in 3 seconds."}},
            ),
            read_succeeded(),
        ]
    )
    driver = await harness.submit(parse_read)
    assert (driver.poller.status(), driver.poller.done()) == ("NotStarted", False)
    assert harness.sent() == [("POST", READ_SUBMIT)]  # begin_* returns without polling

    assert await driver.result() == EXPECTED_READ

    assert harness.sent() == [("POST", READ_SUBMIT)] + [("GET", READ_OPERATION)] * 4
    # Immediate first poll, the one-second loop of a fresh client, then the 429's Retry-After (the
    # request loop retries the throttled poll itself).
    assert harness.time.sleeps == [1.0, 1.0, 3.0]
    harness.assert_polls_are_authenticated_safe_gets()
    assert (driver.poller.status(), driver.poller.done()) == ("Succeeded", True)
    # A finished poller answers again from memory.
    assert await driver.result() == EXPECTED_READ
    assert len(harness.polls()) == 4


async def test_old_not_started_spelling_is_pending_and_wait_returns_at_its_timeout(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(
        side_effect=[status("Not Started"), status("Running"), read_succeeded()]
    )
    driver = await harness.submit(parse_read)

    await driver.wait(timeout=0.05)  # polls at once, then sleeps only until its own deadline
    assert (driver.poller.status(), driver.poller.done()) == ("Not Started", False)
    assert harness.time.sleeps == [0.05]
    assert len(harness.polls()) == 1

    await driver.wait(timeout=0.0)  # the next poll is due at 1.0: nothing to do yet
    assert len(harness.polls()) == 1

    await driver.wait()
    assert (driver.poller.status(), driver.poller.done()) == ("Succeeded", True)
    # The schedule survives the interruptions: polls at 0, 1 and 2.
    assert harness.time.sleeps == [0.05, 0.95, 1.0]
    assert await driver.result() == EXPECTED_READ


async def test_failed_raises_operation_failed_every_time(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(
        side_effect=[status("Running"), status("Failed", **{"apim-request-id": "r-9"})]
    )
    driver = await harness.submit(parse_read)
    with pytest.raises(OperationFailedError) as caught:
        await driver.result()
    error = caught.value
    assert (error.provider, error.status_code, error.request_id) == ("azure", 200, "r-9")
    assert "76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a" in error.message
    assert (driver.poller.status(), driver.poller.done()) == ("Failed", True)
    with pytest.raises(OperationFailedError):
        await driver.wait()
    with pytest.raises(OperationFailedError):
        await driver.result()
    assert len(harness.polls()) == 2


# --- timeouts and continuation tokens -------------------------------------------------------------------


@pytest.mark.parametrize("resume_mode", ["sync", "async"])
async def test_timeout_carries_a_token_that_another_process_resumes(
    harness: Harness, resume_mode: Mode
) -> None:
    submitted(harness.router)
    route = harness.router.get(READ_OPERATION)
    route.mock(side_effect=[status("Running")] * 4)
    driver = await harness.submit(parse_read)

    with pytest.raises(OcrTimeoutError) as caught:
        await driver.result(timeout=1.0)
    assert caught.value.continuation_token == TOKEN
    assert caught.value.continuation_token == driver.poller.continuation_token()
    # Polls at 0 and 1.0 (due at the deadline: one last look); the next would be at 2.0.
    assert harness.time.sleeps == [1.0]
    assert harness.time.now == pytest.approx(1.0)
    assert len(harness.polls()) == 2

    # "Another process": a new client with other credentials, another clock, maybe the other mode.
    route.mock(side_effect=[read_succeeded()])
    other_time = FakeTime(start=5000.0)
    resumed = harness.resume(TOKEN, parse_read, mode=resume_mode, key=OTHER_KEY, time=other_time)
    assert resumed.poller.operation_id == "76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a"
    assert await resumed.result() == EXPECTED_READ
    assert other_time.sleeps == []  # resuming polls at once
    assert harness.sent()[-1] == ("GET", READ_OPERATION)
    assert harness.polls()[-1].headers["Ocp-Apim-Subscription-Key"] == OTHER_KEY
    assert harness.polls()[-1].extensions["handwriting_ocr.retry"] == "safe"
    assert len(harness.polls()) == 3


async def test_result_after_a_timeout_continues_the_same_schedule(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(side_effect=[status("Running")] * 4 + [read_succeeded()])
    driver = await harness.submit(parse_read)
    with pytest.raises(OcrTimeoutError):
        await driver.result(timeout=1.0)
    assert await driver.result(timeout=10.0) == EXPECTED_READ
    assert harness.time.sleeps == [1.0, 1.0, 1.0, 1.0]  # polls at 0, 1, 2, 3 and 4, as scheduled
    assert len(harness.polls()) == 5


async def test_a_token_for_another_endpoint_is_refused_before_any_request(harness: Harness) -> None:
    with pytest.raises(InvalidInputError, match="belongs to https://westcentralus"):
        harness.resume(
            TOKEN,
            parse_read,
            mode=harness.mode,
            key=KEY,
            time=harness.time,
            base_url="https://eastus.api.cognitive.microsoft.com",
        )
    forged = TOKEN.replace(READ_OPERATION, "https://evil.example/read/operations/1")
    with pytest.raises(InvalidInputError, match="not on the token's origin"):
        harness.resume(forged, parse_read, mode=harness.mode, key=KEY, time=harness.time)
    forged_both = forged.replace(HOST, "https://evil.example")
    with pytest.raises(InvalidInputError):  # the client's own endpoint wins over the token's
        harness.resume(
            forged_both, parse_read, mode=harness.mode, key=KEY, time=harness.time, base_url=ENDPOINT
        )
    with pytest.raises(InvalidInputError, match="belongs to a 'read' operation, not 'text'"):
        LROPoller.from_continuation_token(TOKEN, client=harness.sync_client(), parse=parse_text, kind="text")
    assert harness.sent() == []


async def test_a_client_on_the_tokens_endpoint_resumes(harness: Harness) -> None:
    harness.router.get(READ_OPERATION).mock(side_effect=[read_succeeded()])
    resumed = harness.resume(
        TOKEN, parse_read, mode=harness.mode, key=KEY, time=harness.time, base_url=ENDPOINT
    )
    assert await resumed.result() == EXPECTED_READ
    assert harness.sent() == [("GET", READ_OPERATION)]


# --- credentials stay on the endpoint's origin ----------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/vision/v2.0/read/operations/1",
        "http://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/operations/1",
        "https://westcentralus.api.cognitive.microsoft.com:8443/vision/v2.0/read/operations/1",
        "https://westcentralus.api.cognitive.microsoft.com.evil.example/read/operations/1",
        "https://user:pw@westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/operations/1",
        "//evil.example/vision/v2.0/read/operations/1",
        "https://evil.example\\@westcentralus.api.cognitive.microsoft.com/read/operations/1",
        "http://[bad",
        "/vision/v2.0/read/operations/1",
    ],
)
async def test_operation_location_on_another_origin_is_refused_unsent(
    harness: Harness, location: str
) -> None:
    submitted(harness.router, location=location)
    foreign = harness.router.route(host__regex=r"(?!westcentralus\.api\.cognitive\.microsoft\.com$).*")
    with pytest.raises(
        MalformedResponseError, match=r"outside the endpoint's origin|not an absolute"
    ) as caught:
        await harness.submit(parse_read)
    assert caught.value.status_code == 202
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert harness.sent() == [("POST", READ_SUBMIT)]
    assert not foreign.called


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        (READ_OPERATION, False),
        ("https://WESTCENTRALUS.api.cognitive.microsoft.com:443/vision/v2.0/read/operations/1", False),
        ("https://evil.example/vision/v2.0/read/operations/1", True),
        ("https://westcentralus.api.cognitive.microsoft.com:444/x", True),
        ("http://westcentralus.api.cognitive.microsoft.com/x", True),
        ("https://u:p@westcentralus.api.cognitive.microsoft.com/x", True),
    ],
)
def test_the_last_check_before_sending_reads_the_url_as_httpx_does(url: str, refused: bool) -> None:
    origin = origin_of(HOST)
    assert origin is not None
    core = PollingCore(
        operation_url=READ_OPERATION, origin=origin, parse=parse_read, interval=None, first_delay=0.0, now=0.0
    )
    assert refuse_foreign(core, httpx.Request("GET", url)) is refused
    assert core.finished is refused
    if refused:
        with pytest.raises(MalformedResponseError, match="refusing to send credentials"):
            core.outcome()


async def test_a_relative_operation_location_is_refused_not_guessed(harness: Harness) -> None:
    submitted(harness.router, location="/vision/v2.0/read/operations/76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a")
    with pytest.raises(MalformedResponseError, match="not an absolute http"):
        await harness.submit(parse_read)
    assert harness.sent() == [("POST", READ_SUBMIT)]


async def test_redirects_are_not_followed(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).respond(302, headers={"Location": "https://evil.example/steal"})
    evil = harness.router.get("https://evil.example/steal").respond(200, json=READ_SUCCEEDED)
    driver = await harness.submit(parse_read)
    with pytest.raises(MalformedResponseError) as caught:
        await driver.result()
    assert caught.value.status_code == 302
    assert not evil.called
    assert harness.sent() == [("POST", READ_SUBMIT), ("GET", READ_OPERATION)]


# --- errors ---------------------------------------------------------------------------------------------


async def test_expired_operation_is_not_found(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).respond(
        404,
        json={"code": "NotFound", "message": "Operation ID is not found or expired.", "requestId": "r-404"},
    )
    driver = await harness.submit(parse_read)
    with pytest.raises(NotFoundError) as caught:
        await driver.result()
    error = caught.value
    assert (error.provider, error.status_code, error.code, error.request_id) == (
        "azure",
        404,
        "NotFound",
        "r-404",
    )
    assert error.message == "Operation ID is not found or expired."
    assert driver.poller.done()
    assert harness.time.sleeps == []
    assert len(harness.polls()) == 1


@pytest.mark.parametrize(
    ("response", "why"),
    [
        (httpx.Response(200, html="<html><body>Service Unavailable</body></html>"), "an HTML page"),
        (httpx.Response(200, content=b""), "empty answer"),
        (
            httpx.Response(200, content=b'{"status": "Succeeded", "recognitionRes'),
            "not usable JSON",
        ),
        (httpx.Response(200, json={"recognitionResults": []}), 'no "status" string'),
        (
            httpx.Response(200, json={"status": "Succeeded"}),
            "expected shape (KeyError: 'recognitionResults')",
        ),
        (
            httpx.Response(200, json={"status": "Succeeded", "recognitionResults": 3}),
            "expected shape (TypeError",
        ),
    ],
)
async def test_malformed_answers_are_malformed_response_errors(
    harness: Harness, response: httpx.Response, why: str
) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(side_effect=[response])
    driver = await harness.submit(parse_read)
    with pytest.raises(MalformedResponseError) as caught:
        await driver.result()
    assert why in caught.value.message
    assert caught.value.provider == "azure"
    assert len(harness.polls()) == 1


async def test_an_undecodable_body_is_malformed(harness: Harness) -> None:
    submitted(harness.router)
    truncated_gzip = httpx.ByteStream(b"\x1f\x8b\x08garbage")
    harness.router.get(READ_OPERATION).mock(
        return_value=httpx.Response(
            200,
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
            stream=truncated_gzip,
        )
    )
    driver = await harness.submit(parse_read)
    with pytest.raises(MalformedResponseError, match=r"could not be decoded \(DecodingError") as caught:
        await driver.result()
    assert caught.value.continuation_token == TOKEN
    assert not driver.poller.done()  # a garbled answer ends the wait, not the operation
    assert len(harness.polls()) == 1


async def test_persistent_gateway_failures_give_up_with_the_mapped_error(harness: Harness) -> None:
    submitted(harness.router)
    page = httpx.Response(503, html="<html><title>503 Service Unavailable</title></html>")
    harness.router.get(READ_OPERATION).mock(return_value=page)
    driver = await harness.submit(parse_read)
    with pytest.raises(ServiceError) as caught:
        await driver.result()
    assert caught.value.status_code == 503
    # The request loop's policy: three attempts, backoff 0.5 then 1 s; then the token to come back.
    assert len(harness.polls()) == 3
    assert harness.time.sleeps == [0.5, 1.0]
    assert (caught.value.continuation_token, caught.value.operation_id) == (
        TOKEN,
        "76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a",
    )


async def test_dropped_connections_are_retried(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(
        side_effect=[
            httpx.ConnectError("connection refused"),
            httpx.ReadTimeout("read timed out"),
            read_succeeded(),
        ]
    )
    driver = await harness.submit(parse_read)
    assert await driver.result() == EXPECTED_READ
    assert harness.time.sleeps == [0.5, 1.0]
    assert len(harness.polls()) == 3


async def test_submit_errors_and_a_missing_operation_location(harness: Harness) -> None:
    harness.router.post(READ_SUBMIT).mock(
        side_effect=[
            httpx.Response(
                401,
                json={"error": {"code": "401", "message": "Access denied due to invalid subscription key."}},
            ),
            httpx.Response(202, headers={"Operation-Content": READ_OPERATION}),  # seed 001's typo
        ]
    )
    with pytest.raises(AuthenticationError, match="invalid subscription key"):
        await harness.submit(parse_read)
    with pytest.raises(MalformedResponseError, match="no Operation-Location header"):
        await harness.submit(parse_read)
    assert harness.polls() == []


@pytest.mark.parametrize("bad", [-1.0, float("nan")])
async def test_bad_timeouts_and_intervals_are_invalid_input(harness: Harness, bad: float) -> None:
    submitted(harness.router)
    with pytest.raises(InvalidInputError, match="polling_interval"):
        await harness.submit(parse_read, polling_interval=bad)
    driver = await harness.submit(parse_read)
    with pytest.raises(InvalidInputError, match="timeout"):
        await driver.result(timeout=bad)
    assert harness.polls() == []


# --- intervals ------------------------------------------------------------------------------------------


async def test_retry_after_as_an_http_date(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": formatdate(WALL + 7, usegmt=True)}),
            status("Running", **{"Retry-After": formatdate(WALL + 12, usegmt=True)}),
            read_succeeded(),
        ]
    )
    driver = await harness.submit(parse_read)
    assert await driver.result() == EXPECTED_READ
    assert harness.time.sleeps == [7.0, 5.0]  # until WALL+7, then until WALL+12


async def test_retry_after_on_the_submit_answer_delays_the_first_poll(harness: Harness) -> None:
    submitted(harness.router, **{"Retry-After": "1"})
    harness.router.get(READ_OPERATION).mock(side_effect=[read_succeeded()])
    driver = await harness.submit(parse_read)
    assert await driver.result() == EXPECTED_READ
    assert harness.time.sleeps == [1.0]


async def test_the_callers_interval_wins_except_over_throttling(harness: Harness) -> None:
    submitted(harness.router, **{"Retry-After": "4"})
    harness.router.get(READ_OPERATION).mock(
        side_effect=[
            status("Running", **{"Retry-After": "5"}),
            httpx.Response(429, headers={"Retry-After": "2"}),
            httpx.Response(429),
            read_succeeded(),
        ]
    )
    driver = await harness.submit(parse_read, polling_interval=0.5)
    assert driver.poller.polling_interval == 0.5
    assert await driver.result() == EXPECTED_READ
    assert harness.time.sleeps == [0.5, 0.5, 2.0, 1.0]  # a 429 without Retry-After: the policy's backoff


async def test_without_a_learner_the_schedule_is_the_one_second_loop(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(side_effect=[status("Running")] * 8 + [read_succeeded()])
    driver = await harness.submit(parse_read)
    assert await driver.result() == EXPECTED_READ
    assert harness.time.sleeps == [1.0] * 8
    assert len(harness.polls()) == 9


async def test_a_finished_operation_costs_one_poll_and_no_sleep(harness: Harness) -> None:
    submitted(harness.router)
    harness.router.get(READ_OPERATION).mock(side_effect=[read_succeeded()])
    driver = await harness.submit(parse_read)
    assert await driver.result(timeout=0) == EXPECTED_READ
    assert harness.time.sleeps == []
    assert harness.sent() == [("POST", READ_SUBMIT), ("GET", READ_OPERATION)]


# --- both result shapes ---------------------------------------------------------------------------------


async def test_recognize_text_with_the_singular_result_shape(harness: Harness) -> None:
    submitted(harness.router, url=TEXT_SUBMIT, location=TEXT_OPERATION)
    harness.router.get(TEXT_OPERATION).mock(
        side_effect=[status("Running"), httpx.Response(200, json=TEXT_SUCCEEDED)]
    )
    driver = await harness.submit(parse_text, url=TEXT_SUBMIT, kind="text")
    assert await driver.result() == PageLines((("dog", "The quick brown fox"),))
    assert harness.sent() == [("POST", TEXT_SUBMIT), ("GET", TEXT_OPERATION), ("GET", TEXT_OPERATION)]
    assert json.loads(driver.poller.continuation_token()) == {
        "v": 1,
        "kind": "text",
        "operation_location": TEXT_OPERATION,
        "origin": HOST,
    }


async def test_repr_and_token_hold_no_credentials(harness: Harness) -> None:
    submitted(harness.router)
    driver = await harness.submit(parse_read)
    text = repr(driver.poller)
    assert text.endswith(
        "kind='read' operation_id='76f2d7e1-5c2a-4d7e-9b6f-0a1c2e3d4f5a' status='NotStarted' done=False>"
    )
    assert KEY not in text
    assert KEY not in driver.poller.continuation_token()


# --- generated models as parse callbacks (typed end to end) ---------------------------------------------


@pytest.fixture
def router() -> Generator[respx.MockRouter, None, None]:
    with respx.mock(assert_all_called=False) as mocked:
        yield mocked


def test_sync_poller_with_the_generated_read_model(router: respx.MockRouter) -> None:
    from azure_vision_v2_client.models import ReadOperationResult

    submitted(router)
    router.get(READ_OPERATION).mock(side_effect=[status("Running"), read_succeeded()])
    time = FakeTime()
    with httpx.Client(auth=SubscriptionKey(KEY)) as client:
        response = client.post(READ_SUBMIT, json={"url": "https://example.com/a.jpg"})
        poller = poller_from_submit(
            response,
            client=client,
            parse=ReadOperationResult.from_dict,
            kind="read",
            sleep=time.sleep,
            clock=time.monotonic,
        )
        assert_type(poller, LROPoller[ReadOperationResult])
        result = poller.result()
    assert_type(result, ReadOperationResult)
    assert result.to_dict() == READ_SUCCEEDED
    assert time.sleeps == [1.0]


async def test_async_poller_with_the_generated_text_model(router: respx.MockRouter) -> None:
    from azure_vision_v2_client.models import TextOperationResult

    submitted(router, url=TEXT_SUBMIT, location=TEXT_OPERATION)
    router.get(TEXT_OPERATION).mock(
        side_effect=[status("NotStarted"), httpx.Response(200, json=TEXT_SUCCEEDED)]
    )
    time = FakeTime()
    async with httpx.AsyncClient(auth=SubscriptionKey(KEY)) as client:
        response = await client.post(TEXT_SUBMIT, json={"url": "https://example.com/a.jpg"})
        poller = async_poller_from_submit(
            response,
            client=client,
            parse=TextOperationResult.from_dict,
            kind="text",
            sleep=time.async_sleep,
            clock=time.monotonic,
        )
        assert_type(poller, AsyncLROPoller[TextOperationResult])
        result = await poller.result()
    assert_type(result, TextOperationResult)
    assert result.to_dict() == TEXT_SUCCEEDED
    assert time.sleeps == [1.0]

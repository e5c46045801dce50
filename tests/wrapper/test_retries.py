"""The retry transports, sync and async: what is repeated, how long it waits, when it gives up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from email.utils import formatdate
from typing import Literal

import httpx
import pytest
import respx
from handwriting_ocr.error_mapping import error_from_response
from handwriting_ocr.errors import ConnectionFailedError, InvalidInputError, OcrTimeoutError, RateLimitError
from handwriting_ocr.retries import (
    AsyncRetryTransport,
    RetryDecision,
    RetryMode,
    RetryPolicy,
    RetryTransport,
    classify_huawei,
    classify_tencent,
)

Mode = Literal["sync", "async"]
URL = "https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/core/asyncBatchAnalyze"
TENCENT = "https://recognition.image.myqcloud.com/ocr/handwriting"
HUAWEI = "https://ocr.cn-north-4.myhuaweicloud.com/v2/p1/ocr/handwriting"
BODY = b'{"url": "https://example.com/page.png"}'


class FakeTime:
    """A monotonic clock that only moves when the transport sleeps; every wait is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


async def _send_async(transport: AsyncRetryTransport, request: httpx.Request) -> httpx.Response:
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.send(request)
        await response.aread()
        return response


def send(
    mode: Mode,
    policy: RetryPolicy,
    fake: FakeTime,
    *,
    url: str = URL,
    retry: RetryMode | None = None,
    uniform: float = 0.0,
    extensions: dict[str, object] | None = None,
) -> httpx.Response:
    """POST ``BODY`` through a retry transport around httpx's real transport (mocked by respx)."""
    all_extensions = dict(extensions or {})
    if retry is not None:
        all_extensions["handwriting_ocr.retry"] = retry
    request = httpx.Request(
        "POST", url, content=BODY, headers={"Content-Type": "application/json"}, extensions=all_extensions
    )
    if mode == "sync":
        transport = RetryTransport(
            httpx.HTTPTransport(),
            policy,
            provider="azure",
            sleep=fake.sleep,
            clock=fake.clock,
            uniform=lambda: uniform,
        )
        with httpx.Client(transport=transport) as client:
            return client.send(request)
    async_transport = AsyncRetryTransport(
        httpx.AsyncHTTPTransport(),
        policy,
        provider="azure",
        sleep=fake.async_sleep,
        clock=fake.clock,
        uniform=lambda: uniform,
    )
    return asyncio.run(_send_async(async_transport, request))


MODES: tuple[Mode, ...] = ("sync", "async")


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture(autouse=True)
def mocked() -> Iterator[respx.MockRouter]:
    with respx.mock:
        yield respx.mock


def assert_sent_identically(route: respx.Route, times: int) -> None:
    assert route.call_count == times
    for call in route.calls:
        assert call.request.method == "POST"
        assert call.request.content == BODY
        assert call.request.headers["Content-Type"] == "application/json"
        assert call.request.headers["Content-Length"] == str(len(BODY))


# --- what is retried, and how long it waits ----------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_429_with_retry_after_seconds(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json={"ok": 1})]
    )
    response = send(mode, RetryPolicy(), fake)
    assert (response.status_code, response.json()) == (200, {"ok": 1})
    assert fake.waits == [7.0]
    assert_sent_identically(route, 2)


@pytest.mark.parametrize("mode", MODES)
def test_429_with_retry_after_http_date(mode: Mode, fake: FakeTime) -> None:
    when = formatdate(time.time() + 5, usegmt=True)
    route = respx.post(URL).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": when}), httpx.Response(200)]
    )
    assert send(mode, RetryPolicy(), fake).status_code == 200
    assert len(fake.waits) == 1
    assert 3.0 <= fake.waits[0] <= 5.0
    assert route.call_count == 2


@pytest.mark.parametrize("mode", MODES)
def test_503_then_200_backs_off_exponentially(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200)])
    policy = RetryPolicy(base_backoff=0.5, max_backoff=8.0)
    assert send(mode, policy, fake).status_code == 200
    assert fake.waits == [0.5, 1.0]
    assert_sent_identically(route, 3)


@pytest.mark.parametrize("mode", MODES)
def test_connection_error_then_200(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=[httpx.ConnectError("connection refused"), httpx.Response(200)])
    assert send(mode, RetryPolicy(), fake).status_code == 200
    assert fake.waits == [0.5]
    assert_sent_identically(route, 2)


@pytest.mark.parametrize("mode", MODES)
def test_exhaustion_returns_the_last_response(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(
        side_effect=[httpx.Response(500, text=f"failure {n}") for n in (1, 2, 3)] + [httpx.Response(200)]
    )
    response = send(mode, RetryPolicy(max_attempts=3), fake)
    assert (response.status_code, response.text) == (500, "failure 3")
    assert fake.waits == [0.5, 1.0]
    assert_sent_identically(route, 3)


@pytest.mark.parametrize("mode", MODES)
def test_exhausted_connection_errors_raise_connection_failed(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(ConnectionFailedError) as caught:
        send(mode, RetryPolicy(max_attempts=4), fake)
    assert str(caught.value) == (
        "could not reach https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/core/"
        "asyncBatchAnalyze after 4 attempts: [Errno 111] Connection refused"
    )
    assert caught.value.provider == "azure"
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert fake.waits == [0.5, 1.0, 2.0]
    assert route.call_count == 4


@pytest.mark.parametrize("mode", MODES)
def test_exhausted_read_timeouts_raise_ocr_timeout(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=httpx.ReadTimeout("read timed out"))
    with pytest.raises(OcrTimeoutError, match=r"^timed out calling .* after 2 attempts: read timed out$"):
        send(mode, RetryPolicy(max_attempts=2), fake)
    assert route.call_count == 2


@pytest.mark.parametrize("mode", MODES)
def test_backoff_is_capped(mode: Mode, fake: FakeTime) -> None:
    respx.post(URL).mock(return_value=httpx.Response(502))
    send(mode, RetryPolicy(max_attempts=6, deadline=None, base_backoff=1.0, max_backoff=5.0), fake)
    assert fake.waits == [1.0, 2.0, 4.0, 5.0, 5.0]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 501])
def test_final_statuses_are_not_retried(mode: Mode, status: int, fake: FakeTime) -> None:
    route = respx.post(URL).mock(return_value=httpx.Response(status))
    assert send(mode, RetryPolicy(), fake).status_code == status
    assert (route.call_count, fake.waits) == (1, [])


# --- the deadline ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_beyond_the_deadline_returns_the_429_at_once(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(
        side_effect=[
            httpx.Response(
                429, headers={"Retry-After": "30"}, json={"error": {"code": "429", "message": "slow"}}
            ),
            httpx.Response(200),
        ]
    )
    response = send(mode, RetryPolicy(deadline=10.0), fake)
    assert (response.status_code, route.call_count, fake.waits) == (429, 1, [])
    error = error_from_response("azure", response)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 30.0


@pytest.mark.parametrize("mode", MODES)
def test_backoff_never_sleeps_past_the_deadline(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(return_value=httpx.Response(503))
    policy = RetryPolicy(max_attempts=10, deadline=3.5, base_backoff=1.0, max_backoff=60.0)
    assert send(mode, policy, fake).status_code == 503
    # 1 s and 2 s fit in 3.5 s; the next 4 s would end past it.
    assert fake.waits == [1.0, 2.0]
    assert route.call_count == 3
    assert sum(fake.waits) < 3.5


@pytest.mark.parametrize("mode", MODES)
def test_budget_extension_overrides_the_deadline(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(return_value=httpx.Response(503))
    policy = RetryPolicy(max_attempts=10, deadline=100.0, base_backoff=1.0)
    send(mode, policy, fake, extensions={"handwriting_ocr.retry_budget": 1.5})
    assert (fake.waits, route.call_count) == ([1.0], 2)


# --- idempotency modes -------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("first", "retried"),
    [
        (httpx.Response(500), False),
        (httpx.Response(502), False),
        (httpx.Response(504), False),
        (httpx.Response(503), False),
        (httpx.Response(503, headers={"Retry-After": "2"}), True),
        (httpx.Response(429), True),
        (httpx.Response(429, headers={"Retry-After": "1"}), True),
    ],
)
def test_submit_retries_only_answers_that_were_not_accepted(
    mode: Mode, first: httpx.Response, retried: bool, fake: FakeTime
) -> None:
    route = respx.post(URL).mock(
        side_effect=[first, httpx.Response(202, headers={"Operation-Location": URL})]
    )
    response = send(mode, RetryPolicy(), fake, retry="submit")
    assert response.status_code == (202 if retried else first.status_code)
    assert_sent_identically(route, 2 if retried else 1)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ConnectTimeout("connect"), httpx.PoolTimeout("pool")]
)
def test_submit_retries_failures_before_sending(mode: Mode, error: Exception, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=[error, httpx.Response(202)])
    assert send(mode, RetryPolicy(), fake, retry="submit").status_code == 202
    assert_sent_identically(route, 2)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (httpx.ReadTimeout("read"), OcrTimeoutError),
        (httpx.WriteTimeout("write"), OcrTimeoutError),
        (httpx.ReadError("reset by peer"), ConnectionFailedError),
        (httpx.RemoteProtocolError("server disconnected"), ConnectionFailedError),
    ],
)
def test_submit_is_not_retried_after_it_may_have_been_sent(
    mode: Mode, error: Exception, raised: type[Exception], fake: FakeTime
) -> None:
    route = respx.post(URL).mock(side_effect=[error, httpx.Response(202)])
    with pytest.raises(raised, match="after 1 attempt: "):
        send(mode, RetryPolicy(), fake, retry="submit")
    assert (route.call_count, fake.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout("read"), httpx.ReadError("reset"), httpx.RemoteProtocolError("eof")]
)
def test_safe_requests_are_retried_after_failures_in_flight(
    mode: Mode, error: Exception, fake: FakeTime
) -> None:
    route = respx.post(URL).mock(side_effect=[error, httpx.Response(200)])
    assert send(mode, RetryPolicy(), fake, retry="safe").status_code == 200
    assert_sent_identically(route, 2)


@pytest.mark.parametrize("mode", MODES)
def test_never_sends_once(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200)]
    )
    assert send(mode, RetryPolicy(), fake, retry="never").status_code == 429
    assert (route.call_count, fake.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_never_types_transport_errors_like_the_others(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(ConnectionFailedError, match="after 1 attempt: refused"):
        send(mode, RetryPolicy(), fake, retry="never")
    assert (route.call_count, fake.waits) == (1, [])


@pytest.mark.parametrize("mode", MODES)
def test_a_connection_error_names_the_port(mode: Mode, fake: FakeTime) -> None:
    url = "http://127.0.0.1:8765/vision/v2.0/read/core/asyncBatchAnalyze?subscription-key=s3cret"
    respx.post(url).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(ConnectionFailedError) as caught:
        send(mode, RetryPolicy(max_attempts=1), fake, url=url)
    assert "http://127.0.0.1:8765/vision/v2.0/read/core/asyncBatchAnalyze" in str(caught.value)
    assert "s3cret" not in str(caught.value)  # never the query: signed URLs carry credentials there


@pytest.mark.parametrize("mode", MODES)
def test_unknown_retry_mode_is_rejected_before_sending(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(URL).mock(return_value=httpx.Response(200))
    with pytest.raises(InvalidInputError, match=r"'handwriting_ocr\.retry' must be one of"):
        send(mode, RetryPolicy(), fake, extensions={"handwriting_ocr.retry": "always"})
    assert route.call_count == 0


# --- body-level classification -----------------------------------------------------------------------


def tencent(code: int) -> httpx.Response:
    return httpx.Response(200, json={"code": code, "message": "m", "data": {"session_id": f"s{code}"}})


@pytest.mark.parametrize("mode", MODES)
def test_tencent_code_15_is_retried_through_the_hook(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(TENCENT).mock(side_effect=[tencent(15), tencent(15), tencent(0)])
    response = send(mode, RetryPolicy(classify=classify_tencent), fake, url=TENCENT)
    assert response.json()["code"] == 0
    assert fake.waits == [0.5, 1.0]
    assert_sent_identically(route, 3)


@pytest.mark.parametrize("mode", MODES)
def test_tencent_code_15_without_the_hook_is_a_plain_200(mode: Mode, fake: FakeTime) -> None:
    route = respx.post(TENCENT).mock(side_effect=[tencent(15), tencent(0)])
    assert send(mode, RetryPolicy(), fake, url=TENCENT).json()["code"] == 15
    assert route.call_count == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [0, 3, 9, -9011])
def test_tencent_final_codes_are_returned(mode: Mode, code: int, fake: FakeTime) -> None:
    route = respx.post(TENCENT).mock(side_effect=[tencent(code), tencent(0)])
    assert send(mode, RetryPolicy(classify=classify_tencent), fake, url=TENCENT).json()["code"] == code
    assert route.call_count == 1


@pytest.mark.parametrize("mode", MODES)
def test_huawei_throttling_code_on_a_400_is_retried_even_for_submit(mode: Mode, fake: FakeTime) -> None:
    throttled = httpx.Response(
        400, json={"error_code": "APIG.0308", "error_msg": "throttled"}, headers={"Retry-After": "2"}
    )
    route = respx.post(HUAWEI).mock(side_effect=[throttled, httpx.Response(200, json={"result": {}})])
    assert (
        send(mode, RetryPolicy(classify=classify_huawei), fake, url=HUAWEI, retry="submit").status_code == 200
    )
    assert fake.waits == [2.0]
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("response", "decision"),
    [
        (tencent(15), RetryDecision.REJECTED),
        (tencent(213), RetryDecision.TRANSIENT),
        (tencent(107), RetryDecision.TRANSIENT),
        (tencent(0), None),
        (tencent(-1102), None),
        (httpx.Response(200, text="<html>"), None),
        (httpx.Response(200, json={"code": True}), None),
        (httpx.Response(502, json={"code": 15}), None),
    ],
)
def test_classify_tencent(response: httpx.Response, decision: RetryDecision | None) -> None:
    assert classify_tencent(response) is decision


@pytest.mark.parametrize(
    ("response", "decision"),
    [
        (
            httpx.Response(429, json={"error_code": "ModelArts.4401", "error_msg": "busy"}),
            RetryDecision.REJECTED,
        ),
        (httpx.Response(400, json={"error_code": "APIG.0308", "error_msg": "busy"}), RetryDecision.REJECTED),
        (httpx.Response(400, json={"error_code": "AIS.0103", "error_msg": "size"}), None),
        (httpx.Response(200, json={"error_code": "APIG.0308"}), None),
        (httpx.Response(503, text=""), None),
    ],
)
def test_classify_huawei(response: httpx.Response, decision: RetryDecision | None) -> None:
    assert classify_huawei(response) is decision


# --- jitter and the policy ---------------------------------------------------------------------------


@pytest.mark.parametrize("uniform", [0.0, 0.25, 0.5, 0.999999])
@pytest.mark.parametrize("retry_number", [1, 2, 3, 6, 100])
def test_jitter_stays_within_its_fraction(uniform: float, retry_number: int) -> None:
    policy = RetryPolicy(base_backoff=0.5, max_backoff=8.0, jitter=0.25)
    full = min(8.0, 0.5 * 2 ** (retry_number - 1))
    delay = policy.backoff(retry_number, uniform)
    assert full * 0.75 < delay <= full
    assert delay == pytest.approx(full * (1 - 0.25 * uniform))


def test_jitter_zero_is_deterministic() -> None:
    assert RetryPolicy(jitter=0.0).backoff(3, 0.9) == 2.0


@pytest.mark.parametrize("mode", MODES)
def test_transport_applies_the_random_draw(mode: Mode, fake: FakeTime) -> None:
    respx.post(URL).mock(side_effect=[httpx.Response(500), httpx.Response(500), httpx.Response(200)])
    send(mode, RetryPolicy(jitter=0.5), fake, uniform=0.5)
    assert fake.waits == [pytest.approx(0.375), pytest.approx(0.75)]


def test_retry_after_is_not_jittered() -> None:
    delay = RetryPolicy().next_delay(
        mode="safe",
        attempts_made=1,
        decision=RetryDecision.REJECTED,
        retry_after=4.0,
        elapsed=0.0,
        uniform=0.9,
        budget=None,
    )
    assert delay == 4.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_attempts": 0}, "max_attempts must be at least 1, got 0"),
        ({"deadline": 0.0}, "deadline must be positive or None, got 0.0"),
        ({"jitter": 1.5}, r"jitter must be within \[0, 1\], got 1.5"),
        ({"base_backoff": -1.0}, "base_backoff must be positive, got -1.0"),
        ({"max_backoff": 0.0}, "max_backoff must be positive, got 0.0"),
    ],
)
def test_policy_rejects_nonsense(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


# --- responses that are retried are closed -------------------------------------------------------------


class TrackedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, body: bytes) -> None:
        self.body = body
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield self.body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.body

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


class QueueTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers from a list, remembering each stream so that the test can see which were closed."""

    def __init__(self, statuses: Sequence[int]) -> None:
        self.statuses = list(statuses)
        self.streams: list[TrackedStream] = []

    def _next(self, request: httpx.Request) -> httpx.Response:
        stream = TrackedStream(f"answer {len(self.streams) + 1}".encode())
        self.streams.append(stream)
        return httpx.Response(self.statuses.pop(0), stream=stream, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._next(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._next(request)


def test_sync_answers_are_read_whole_and_every_stream_closed(fake: FakeTime) -> None:
    inner = QueueTransport([503, 500, 200])
    transport = RetryTransport(inner, RetryPolicy(), sleep=fake.sleep, clock=fake.clock)
    response = transport.handle_request(httpx.Request("GET", URL))
    # Each answer is read in full within its attempt, so no connection is left holding one.
    assert [stream.closed for stream in inner.streams] == [True, True, True]
    assert response.content == b"answer 3"


async def test_async_answers_are_read_whole_and_every_stream_closed(fake: FakeTime) -> None:
    inner = QueueTransport([429, 502, 200])
    transport = AsyncRetryTransport(inner, RetryPolicy(), sleep=fake.async_sleep, clock=fake.clock)
    response = await transport.handle_async_request(httpx.Request("GET", URL))
    assert [stream.closed for stream in inner.streams] == [True, True, True]
    assert response.content == b"answer 3"


async def test_async_classify_reads_the_body_before_deciding(fake: FakeTime) -> None:
    seen: list[bytes] = []

    def classify(response: httpx.Response) -> RetryDecision | None:
        seen.append(response.content)
        return RetryDecision.REJECTED if response.content == b"answer 1" else None

    inner = QueueTransport([200, 200])
    transport = AsyncRetryTransport(
        inner, RetryPolicy(classify=classify), sleep=fake.async_sleep, clock=fake.clock, uniform=lambda: 0.0
    )
    response = await transport.handle_async_request(httpx.Request("GET", URL))
    assert seen == [b"answer 1", b"answer 2"]
    assert response.content == b"answer 2"
    assert fake.waits == [0.5]


def test_default_sleeps_are_real_and_work(mocked: respx.MockRouter) -> None:
    """Without injected sleeps: time.sleep and tenacity's event-loop sleep (Retry-After 0 keeps it instant)."""
    route = respx.get(URL).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200)] * 2
    )
    with httpx.Client(transport=RetryTransport()) as client:
        assert client.get(URL).status_code == 200

    async def run() -> int:
        async with httpx.AsyncClient(transport=AsyncRetryTransport()) as client:
            return (await client.get(URL)).status_code

    assert asyncio.run(run()) == 200
    assert route.call_count == 4


# --- the common case costs nothing extra -------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [200, 400, 404])
def test_a_final_first_answer_draws_nothing_and_waits_nothing(
    mode: Mode, status: int, fake: FakeTime
) -> None:
    draws: list[float] = []

    def uniform() -> float:
        draws.append(0.0)
        return 0.0

    route = respx.post(URL).mock(return_value=httpx.Response(status, json={"ok": True}))
    request = httpx.Request("POST", URL, content=BODY, headers={"Content-Type": "application/json"})
    if mode == "sync":
        with httpx.Client(
            transport=RetryTransport(
                httpx.HTTPTransport(), sleep=fake.sleep, clock=fake.clock, uniform=uniform
            )
        ) as client:
            assert client.send(request).status_code == status
    else:
        transport = AsyncRetryTransport(
            httpx.AsyncHTTPTransport(), sleep=fake.async_sleep, clock=fake.clock, uniform=uniform
        )
        assert asyncio.run(_send_async(transport, request)).status_code == status
    assert (fake.waits, draws) == ([], [])
    assert_sent_identically(route, 1)


@pytest.mark.parametrize("mode", MODES)
def test_each_retryable_outcome_is_judged_once(mode: Mode, fake: FakeTime) -> None:
    """One random draw per retryable outcome: backoff 1 and 2, each shortened by jitter 0.5 x 0.5."""
    draws: list[float] = []

    def uniform() -> float:
        draws.append(0.5)
        return 0.5

    route = respx.post(URL).mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(503), httpx.Response(200)]
    )
    request = httpx.Request("POST", URL, content=BODY, headers={"Content-Type": "application/json"})
    policy = RetryPolicy(base_backoff=1.0, jitter=0.5)
    if mode == "sync":
        transport = RetryTransport(
            httpx.HTTPTransport(), policy, sleep=fake.sleep, clock=fake.clock, uniform=uniform
        )
        with httpx.Client(transport=transport) as client:
            response = client.send(request)
    else:
        async_transport = AsyncRetryTransport(
            httpx.AsyncHTTPTransport(), policy, sleep=fake.async_sleep, clock=fake.clock, uniform=uniform
        )
        response = asyncio.run(_send_async(async_transport, request))
    assert response.status_code == 200
    assert fake.waits == [0.75, 1.5]
    assert len(draws) == 2
    assert_sent_identically(route, 3)

"""HuaweiPasswordAuth: IAM token fetch, cache, renewal, refresh after 401, typed IAM errors."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx
from handwriting_ocr.auth import HuaweiPasswordAuth, _iam
from handwriting_ocr.auth.huawei_iam import FETCH_FLOOR
from handwriting_ocr.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    MalformedResponseError,
    PermissionDeniedError,
    RateLimitError,
    ServiceError,
)

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

DOMAIN = "example-domain"
USER = "ocr-robot"
PASSWORD = "P@ssw0rd-never-logged"
IAM_URL = "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens"
OCR_URL = "https://ocr.cn-north-4.myhuaweicloud.com/v2/proj-1/ocr/handwriting"
START = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
DAY = timedelta(hours=24)

EXPECTED_IAM_BODY = (
    b'{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"example-domain"},'
    b'"name":"ocr-robot","password":"P@ssw0rd-never-logged"}}},"scope":{"project":{"name":"cn-north-4"}}}}'
)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def token_created(token: str, *, issued: datetime = START, lifetime: timedelta = DAY) -> httpx.Response:
    return httpx.Response(
        201,
        headers={"X-Subject-Token": token, "X-Request-Id": "iam-request-1"},
        json={
            "token": {
                "methods": ["password"],
                "issued_at": iso(issued),
                "expires_at": iso(issued + lifetime),
                "project": {"id": "proj-1", "name": "cn-north-4"},
            }
        },
    )


def make_auth(
    clock: FakeClock,
    *,
    renew_margin: timedelta | float = timedelta(minutes=5),
    region: str = "cn-north-4",
    project_name: str | None = None,
    iam_endpoint: str | None = None,
) -> HuaweiPasswordAuth:
    return HuaweiPasswordAuth(
        domain=DOMAIN,
        user=USER,
        password=PASSWORD,
        region=region,
        project_name=project_name,
        iam_endpoint=iam_endpoint,
        renew_margin=renew_margin,
        clock=clock,
    )


def tokens_sent(route: respx.Route) -> list[str]:
    return [call.request.headers["X-Auth-Token"] for call in route.calls]


@pytest.mark.parametrize("mode", MODES)
async def test_one_iam_call_serves_many_ocr_calls(mode: Mode) -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[token_created("token-A")])
        ocr = router.post(OCR_URL).respond(
            200, json={"result": {"words_block_count": 0, "words_block_list": []}}
        )
        for _ in range(3):
            response = await send(mode, auth, "POST", OCR_URL, content=b"{}")
            assert response.status_code == 200
    assert iam.call_count == 1
    sent = iam.calls.last.request
    assert sent.content == EXPECTED_IAM_BODY
    assert sent.headers["Content-Type"] == "application/json;charset=UTF-8"
    assert "X-Auth-Token" not in sent.headers
    assert tokens_sent(ocr) == ["token-A"] * 3
    assert auth.project_id == "proj-1"


@pytest.mark.parametrize("mode", MODES)
async def test_token_is_renewed_only_within_the_margin_before_expiry(mode: Mode) -> None:
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=timedelta(minutes=5))
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).respond(200, json={})
        await send(mode, auth, "POST", OCR_URL, content=b"{}")
        clock.advance((DAY - timedelta(minutes=5)).total_seconds() - 1)  # 1 s before the margin
        await send(mode, auth, "POST", OCR_URL, content=b"{}")
        clock.advance(2)  # now inside the margin
        await send(mode, auth, "POST", OCR_URL, content=b"{}")
        await send(mode, auth, "POST", OCR_URL, content=b"{}")
    assert tokens_sent(ocr) == ["token-A", "token-A", "token-B", "token-B"]


async def test_lifetime_is_counted_on_the_local_clock_when_issued_at_is_known() -> None:
    # The local clock is two hours behind IAM's: the token still lives 24 h from our point of view.
    clock = FakeClock((START - timedelta(hours=2)).timestamp())
    auth = make_auth(clock, renew_margin=0)
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).respond(200, json={})
        await send("async", auth, "POST", OCR_URL)
        clock.advance(DAY.total_seconds() - 1)
        await send("async", auth, "POST", OCR_URL)
        clock.advance(1)
        await send("async", auth, "POST", OCR_URL)
    assert tokens_sent(ocr) == ["token-A", "token-A", "token-B"]


@pytest.mark.parametrize("mode", MODES)
async def test_401_to_a_cached_token_refreshes_once_then_returns_the_second_401(mode: Mode) -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).mock(
            side_effect=[
                httpx.Response(200, json={}),
                *[httpx.Response(401, json={"error_code": "APIG.0301", "error_msg": "Incorrect IAM"})] * 2,
            ]
        )
        await send(mode, auth, "POST", OCR_URL)  # warms the cache with token-A
        response = await send(mode, auth, "POST", OCR_URL, content=b'{"image":"x"}')
    assert response.status_code == 401
    assert response.json()["error_code"] == "APIG.0301"
    assert iam.call_count == 2
    assert tokens_sent(ocr) == ["token-A", "token-A", "token-B"]
    assert [call.request.content for call in ocr.calls][1:] == [b'{"image":"x"}'] * 2


@pytest.mark.parametrize("mode", MODES)
async def test_a_call_fetches_at_most_one_token(mode: Mode) -> None:
    # A token this call has just fetched is rejected: fetching another would only repeat that.
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).respond(
            401, json={"error_code": "APIG.0301", "error_msg": "Incorrect IAM"}
        )
        response = await send(mode, auth, "POST", OCR_URL, content=b'{"image":"x"}')
    assert response.status_code == 401
    assert (iam.call_count, tokens_sent(ocr)) == (1, ["token-A"])


@pytest.mark.parametrize("mode", MODES)
async def test_401_with_a_warm_cache_fetches_a_new_token_that_later_calls_reuse(mode: Mode) -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).mock(
            side_effect=[httpx.Response(401) if i == 1 else httpx.Response(200, json={}) for i in range(4)]
        )
        await send(mode, auth, "POST", OCR_URL)
        second = await send(mode, auth, "POST", OCR_URL)
        await send(mode, auth, "POST", OCR_URL)
    assert second.status_code == 200
    assert iam.call_count == 2
    assert tokens_sent(ocr) == ["token-A", "token-A", "token-B", "token-B"]


async def test_region_project_and_endpoint_override_shape_the_iam_request() -> None:
    auth = make_auth(
        FakeClock(START.timestamp()),
        region="ap-southeast-1",
        project_name="ap-southeast-1_sub",
        iam_endpoint="http://127.0.0.1:8999/iam/",
    )
    with respx.mock() as router:
        iam = router.post("http://127.0.0.1:8999/iam/v3/auth/tokens").mock(side_effect=[token_created("t")])
        router.post(OCR_URL).respond(200, json={})
        await send("sync", auth, "POST", OCR_URL)
    body = json.loads(iam.calls.last.request.content)
    assert body["auth"]["scope"] == {"project": {"name": "ap-southeast-1_sub"}}
    assert auth.region == "ap-southeast-1"


def _error(status: int, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=body, headers={"X-Request-Id": "iam-err-7", **(headers or {})})


IAM_ERROR_ENVELOPE = (
    b'{"error":{"code":"1101","message":"The username or password is wrong.","title":"Unauthorized"}}'
)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "error_class", "code"),
    [
        (_error(401, IAM_ERROR_ENVELOPE), AuthenticationError, "1101"),
        (_error(403, b'{"error":{"code":1103,"message":"forbidden"}}'), PermissionDeniedError, "1103"),
        (_error(400, b'{"error":{"code":"1100","message":"bad body"}}'), BadRequestError, "1100"),
        (_error(500, b"<html>Bad gateway</html>"), ServiceError, None),
        (_error(302, b""), MalformedResponseError, None),
    ],
)
async def test_iam_failures_raise_typed_errors_and_no_ocr_request_is_sent(
    mode: Mode, answer: httpx.Response, error_class: type[ApiError], code: str | None
) -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock(assert_all_called=False) as router:
        router.post(IAM_URL).mock(side_effect=[answer])
        ocr = router.post(OCR_URL).respond(200, json={})
        with pytest.raises(error_class) as caught:
            await send(mode, auth, "POST", OCR_URL)
    assert type(caught.value) is error_class
    assert caught.value.provider == "huawei-iam"
    assert caught.value.status_code == answer.status_code
    assert caught.value.code == code
    assert caught.value.request_id == "iam-err-7"
    assert ocr.call_count == 0


async def test_iam_throttling_carries_retry_after() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[_error(429, b"{}", {"Retry-After": "7"})])
        with pytest.raises(RateLimitError) as caught:
            await send("async", auth, "POST", OCR_URL)
    assert caught.value.retry_after == 7.0


async def test_an_echoed_password_is_scrubbed_from_the_error_message() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    body = json.dumps({"error": {"code": "1101", "message": f"bad password {PASSWORD}"}}).encode()
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[_error(401, body)])
        with pytest.raises(AuthenticationError) as caught:
            await send("sync", auth, "POST", OCR_URL)
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(caught.value)
    assert "bad password ***" in str(caught.value)


def _created(headers: dict[str, str], body: bytes) -> httpx.Response:
    return httpx.Response(201, headers=headers, content=body)


GOOD_BODY = json.dumps({"token": {"expires_at": "2024-05-07T07:08:09.000000Z"}}).encode()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(_created({}, GOOD_BODY), id="no-subject-token"),
        pytest.param(_created({"X-Subject-Token": " "}, GOOD_BODY), id="blank-subject-token"),
        pytest.param(
            _created({"X-Subject-Token": "t"}, b'{"token":{"expires_at":"tomorrow"}}'), id="bad-expires-at"
        ),
        pytest.param(
            _created({"X-Subject-Token": "t"}, b'{"token":{"expires_at":1715000000}}'), id="numeric-expiry"
        ),
        pytest.param(_created({"X-Subject-Token": "t"}, b'{"token":{}}'), id="no-expires-at"),
        pytest.param(_created({"X-Subject-Token": "t"}, b'{"token":"t"}'), id="token-not-object"),
        pytest.param(_created({"X-Subject-Token": "t"}, b"<html></html>"), id="html"),
        pytest.param(_created({"X-Subject-Token": "t"}, b"[" * 100_000), id="deeply-nested"),
        pytest.param(_created({"X-Subject-Token": "t"}, b"\xff\xfe"), id="not-utf8"),
    ],
)
async def test_malformed_token_answers_raise_malformed_response_error(
    mode: Mode, answer: httpx.Response
) -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock(assert_all_called=False) as router:
        router.post(IAM_URL).mock(side_effect=[answer])
        ocr = router.post(OCR_URL).respond(200, json={})
        with pytest.raises(MalformedResponseError) as caught:
            await send(mode, auth, "POST", OCR_URL)
    assert caught.value.provider == "huawei-iam"
    assert caught.value.status_code == 201
    assert ocr.call_count == 0


def test_expiry_without_issued_at_is_taken_as_absolute_and_naive_times_as_utc() -> None:
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=0)
    body = json.dumps({"token": {"expires_at": "2024-05-06T08:08:09"}}).encode()  # START + 1 h, no offset
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        iam = router.post(IAM_URL).mock(
            side_effect=[_created({"X-Subject-Token": "t1"}, body), _created({"X-Subject-Token": "t2"}, body)]
        )
        router.post(OCR_URL).respond(200, json={})
        client.post(OCR_URL)
        clock.advance(3599)
        client.post(OCR_URL)
        assert iam.call_count == 1
        clock.advance(1)
        client.post(OCR_URL)
        assert iam.call_count == 2


def test_concurrent_threads_on_a_cold_cache_share_one_fetch() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    fetches = 0
    guard = threading.Lock()

    def slow_iam(request: httpx.Request) -> httpx.Response:
        nonlocal fetches
        with guard:
            fetches += 1
        time.sleep(0.05)  # long enough for every other thread to reach the cache meanwhile
        return token_created(f"token-{fetches}")

    with respx.mock() as router, httpx.Client(auth=auth) as client, ThreadPoolExecutor(8) as pool:
        router.post(IAM_URL).mock(side_effect=slow_iam)
        ocr = router.post(OCR_URL).respond(200, json={})
        statuses = list(pool.map(lambda _: client.post(OCR_URL).status_code, range(8)))
    assert statuses == [200] * 8
    assert fetches == 1
    assert set(tokens_sent(ocr)) == {"token-1"}


async def test_concurrent_tasks_on_a_cold_cache_share_one_fetch() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    fetches = 0

    async def slow_iam(request: httpx.Request) -> httpx.Response:
        nonlocal fetches
        fetches += 1
        await asyncio.sleep(0.02)  # every other task reaches the cache while this one waits
        return token_created(f"token-{fetches}")

    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=slow_iam)
        ocr = router.post(OCR_URL).respond(200, json={})
        async with httpx.AsyncClient(auth=auth) as client:
            responses = await asyncio.gather(*(client.post(OCR_URL) for _ in range(8)))
    assert [r.status_code for r in responses] == [200] * 8
    assert fetches == 1
    assert set(tokens_sent(ocr)) == {"token-1"}


async def test_a_failed_fetch_releases_the_gate_for_the_next_request() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[_error(500, b""), _error(500, b""), token_created("token-A")])
        ocr = router.post(OCR_URL).respond(200, json={})
        for mode in MODES:
            with pytest.raises(ServiceError):
                await send(mode, auth, "POST", OCR_URL)
        # Both drivers released their lock after the error: the next requests get through at once.
        await asyncio.wait_for(send("async", auth, "POST", OCR_URL), timeout=5)
        await send("sync", auth, "POST", OCR_URL)
    assert tokens_sent(ocr) == ["token-A", "token-A"]


def test_repr_shows_no_password_and_no_token_even_when_cached() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        router.post(IAM_URL).mock(side_effect=[token_created("token-SECRET-123")])
        router.post(OCR_URL).respond(200, json={})
        client.post(OCR_URL)
    text = repr(auth)
    assert PASSWORD not in text
    assert "token-SECRET-123" not in text
    assert "ExpiringSecretCache(expires_at=" in text
    assert USER in text


@pytest.mark.parametrize("field", ["domain", "user", "password", "region"])
def test_empty_settings_are_rejected_by_name(field: str) -> None:
    settings = {"domain": DOMAIN, "user": USER, "password": PASSWORD, "region": "cn-north-4", field: ""}
    with pytest.raises(InvalidInputError) as caught:
        HuaweiPasswordAuth(
            domain=settings["domain"],
            user=settings["user"],
            password=settings["password"],
            region=settings["region"],
        )
    assert caught.value.field == field


def test_a_connection_failure_during_the_fetch_releases_the_thread_lock() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router, httpx.Client(auth=auth) as client, ThreadPoolExecutor(1) as pool:
        router.post(IAM_URL).mock(side_effect=[httpx.ConnectError("refused"), token_created("token-A")])
        ocr = router.post(OCR_URL).respond(200, json={})
        with pytest.raises(httpx.ConnectError):
            client.post(OCR_URL)
        # Another thread would block forever on a lock left held; give it a bounded wait.
        assert pool.submit(client.post, OCR_URL).result(timeout=5).status_code == 200
    assert tokens_sent(ocr) == ["token-A"]


async def test_a_connection_failure_during_the_fetch_releases_the_loop_lock() -> None:
    auth = make_auth(FakeClock(START.timestamp()))
    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[httpx.ConnectError("refused"), token_created("token-A")])
        ocr = router.post(OCR_URL).respond(200, json={})
        async with httpx.AsyncClient(auth=auth) as client:
            with pytest.raises(httpx.ConnectError):
                await client.post(OCR_URL)
            response = await asyncio.wait_for(client.post(OCR_URL), timeout=5)
    assert response.status_code == 200
    assert tokens_sent(ocr) == ["token-A"]


def test_one_auth_object_serves_successive_event_loops() -> None:
    # asyncio.run twice: a lock bound to the first loop must not be reused in the second.
    auth = make_auth(FakeClock(START.timestamp()))

    async def call() -> int:
        async with httpx.AsyncClient(auth=auth) as client:
            return (await client.post(OCR_URL)).status_code

    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=[token_created("token-A"), token_created("token-B")])
        ocr = router.post(OCR_URL).mock(
            side_effect=[httpx.Response(200), httpx.Response(401), httpx.Response(200)]
        )
        assert asyncio.run(call()) == 200
        # The cached token is refused in the second loop: the refresh takes that loop's lock.
        assert asyncio.run(call()) == 200
    assert tokens_sent(ocr) == ["token-A", "token-A", "token-B"]


# --- how long a token is used: IAM's times, the answer's Date, a floor -----------------------------------

MINUTE = 60.0
HOUR = 3600.0


def issued_token(
    token: str,
    *,
    expires: datetime,
    issued: datetime | None = None,
    date: datetime | None = None,
) -> httpx.Response:
    """An IAM answer with exactly the times given (``date`` becomes the ``Date`` header)."""
    body: dict[str, object] = {"expires_at": iso(expires), "project": {"id": "proj-1"}}
    if issued is not None:
        body["issued_at"] = iso(issued)
    headers = {"X-Subject-Token": token}
    if date is not None:
        headers["Date"] = format_datetime(date, usegmt=True)
    return httpx.Response(201, headers=headers, json={"token": body})


def scripted_iam(router: respx.MockRouter, answer: Callable[[int], httpx.Response]) -> respx.Route:
    """IAM answering its n-th request (from 1) with ``answer(n)``: a fresh token value each time."""
    count = 0

    def reply(request: httpx.Request) -> httpx.Response:
        nonlocal count
        count += 1
        return answer(count)

    return router.post(IAM_URL).mock(side_effect=reply)


@pytest.mark.parametrize(
    ("expires", "issued", "date", "expected"),
    [
        pytest.param(START + DAY, START, None, DAY.total_seconds(), id="normal"),
        pytest.param(START + DAY, START, START, DAY.total_seconds(), id="normal-with-date"),
        pytest.param(START + timedelta(hours=1), START - timedelta(hours=23), None, HOUR, id="old-issued-at"),
        pytest.param(START - timedelta(hours=1), None, None, -HOUR, id="expired-no-issued-at"),
        pytest.param(
            START - timedelta(hours=1), START - DAY - timedelta(hours=1), START, -HOUR, id="expired-span-ok"
        ),
        pytest.param(
            START + timedelta(days=30),
            START - timedelta(days=30),
            None,
            DAY.total_seconds(),
            id="span-of-weeks",
        ),
        pytest.param(
            START + timedelta(hours=2), START + timedelta(hours=3), None, 2 * HOUR, id="issued-after-expiry"
        ),
        # Local clock 3 h behind the server (Date): what is left is counted on the server's clock.
        pytest.param(START + DAY, None, START + timedelta(hours=3), 21 * HOUR, id="date-ahead-of-local"),
        pytest.param(
            START + DAY, None, START - timedelta(hours=3), DAY.total_seconds(), id="date-behind-capped"
        ),
    ],
)
def test_token_lifetime(
    expires: datetime, issued: datetime | None, date: datetime | None, expected: float
) -> None:
    lifetime = _iam.token_lifetime(
        expires=expires, issued=issued, server_now=date, requested_at=START.timestamp()
    )
    assert lifetime == pytest.approx(expected)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("with_issued_at", [False, True])
async def test_an_already_expired_token_is_not_fetched_again_for_every_call(
    mode: Mode, with_issued_at: bool
) -> None:
    # IAM's expires_at lies an hour in the past by its own Date header (with issued_at a day before
    # it, or none): before the fix, every call fetched a new token (or, with issued_at, one was
    # cached for 24 h). Now a token is used for FETCH_FLOOR seconds, then fetched again.
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock)

    def answer(n: int) -> httpx.Response:
        now = datetime.fromtimestamp(clock(), UTC)
        issued = now - DAY - timedelta(hours=1) if with_issued_at else None
        return issued_token(f"token-{n}", expires=now - timedelta(hours=1), issued=issued, date=now)

    with respx.mock() as router:
        iam = scripted_iam(router, answer)
        ocr = router.post(OCR_URL).respond(200, json={})
        for _ in range(5):
            await send(mode, auth, "POST", OCR_URL)
            clock.advance(10)  # five calls within the floor
        clock.advance(FETCH_FLOOR)
        await send(mode, auth, "POST", OCR_URL)
    assert iam.call_count == 2
    assert tokens_sent(ocr) == ["token-1"] * 5 + ["token-2"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("with_date", [False, True])
async def test_an_old_issued_at_does_not_stretch_the_cache_to_a_day(mode: Mode, with_date: bool) -> None:
    # Issued 23 h ago, expiring in 1 h: the token is good for one hour, not 24.
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=timedelta(minutes=5))

    def answer(n: int) -> httpx.Response:
        now = datetime.fromtimestamp(clock(), UTC)
        return issued_token(
            f"token-{n}",
            expires=now + timedelta(hours=1),
            issued=now - timedelta(hours=23),
            date=now if with_date else None,
        )

    with respx.mock() as router:
        iam = scripted_iam(router, answer)
        ocr = router.post(OCR_URL).respond(200, json={})
        await send(mode, auth, "POST", OCR_URL)
        clock.advance(55 * MINUTE - 1)  # 1 s before the renewal margin
        await send(mode, auth, "POST", OCR_URL)
        clock.advance(2)
        await send(mode, auth, "POST", OCR_URL)
    assert iam.call_count == 2
    assert tokens_sent(ocr) == ["token-1", "token-1", "token-2"]


async def test_a_span_of_weeks_is_capped_at_a_day() -> None:
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=0)
    answer = issued_token("t", expires=START + timedelta(days=30), issued=START - timedelta(days=30))
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[answer, answer])
        router.post(OCR_URL).respond(200, json={})
        await send("async", auth, "POST", OCR_URL)
        clock.advance(DAY.total_seconds() - 1)
        await send("async", auth, "POST", OCR_URL)
        assert iam.call_count == 1
        clock.advance(1)
        await send("async", auth, "POST", OCR_URL)
        assert iam.call_count == 2


async def test_the_date_header_counts_the_time_left_when_the_local_clock_is_ahead() -> None:
    # Our clock runs 3 h ahead of IAM's; without issued_at, only Date tells the token has 24 h left.
    clock = FakeClock((START + timedelta(hours=3)).timestamp())
    auth = make_auth(clock, renew_margin=0)
    answer = issued_token("t", expires=START + DAY, date=START)
    with respx.mock() as router:
        iam = router.post(IAM_URL).mock(side_effect=[answer, answer])
        router.post(OCR_URL).respond(200, json={})
        await send("sync", auth, "POST", OCR_URL)
        clock.advance(DAY.total_seconds() - 1)
        await send("sync", auth, "POST", OCR_URL)
        assert iam.call_count == 1
        clock.advance(1)
        await send("sync", auth, "POST", OCR_URL)
        assert iam.call_count == 2


@pytest.mark.parametrize("mode", MODES)
async def test_a_lifetime_shorter_than_the_margin_still_serves_calls_for_the_floor(mode: Mode) -> None:
    # Tokens of two minutes with a five-minute renewal margin: each one is kept for the floor.
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=timedelta(minutes=5))

    def answer(n: int) -> httpx.Response:
        now = datetime.fromtimestamp(clock(), UTC)
        return issued_token(f"token-{n}", expires=now + timedelta(minutes=2), issued=now, date=now)

    with respx.mock() as router:
        iam = scripted_iam(router, answer)
        ocr = router.post(OCR_URL).respond(200, json={})
        for step in (0, 30, 29):
            clock.advance(step)
            await send(mode, auth, "POST", OCR_URL)
        clock.advance(2)  # 61 s after the fetch
        await send(mode, auth, "POST", OCR_URL)
    assert iam.call_count == 2
    assert tokens_sent(ocr) == ["token-1"] * 3 + ["token-2"]


async def test_a_burst_of_requests_shares_one_already_expired_token() -> None:
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock)
    fetches = 0

    async def slow_iam(request: httpx.Request) -> httpx.Response:
        nonlocal fetches
        fetches += 1
        await asyncio.sleep(0.02)  # every other task waits at the gate meanwhile
        return issued_token(f"token-{fetches}", expires=START - timedelta(hours=1), date=START)

    with respx.mock() as router:
        router.post(IAM_URL).mock(side_effect=slow_iam)
        ocr = router.post(OCR_URL).respond(200, json={})
        async with httpx.AsyncClient(auth=auth) as client:
            responses = await asyncio.gather(*(client.post(OCR_URL) for _ in range(8)))
    assert [r.status_code for r in responses] == [200] * 8
    assert fetches == 1
    assert set(tokens_sent(ocr)) == {"token-1"}


@pytest.mark.parametrize("date", ["", "yesterday", "Mon, 99 Foo 2024 99:99:99 GMT"])
def test_an_unusable_date_header_falls_back_to_the_local_clock(date: str) -> None:
    clock = FakeClock(START.timestamp())
    auth = make_auth(clock, renew_margin=0)
    answer = issued_token("t", expires=START + timedelta(hours=1))
    answer.headers["Date"] = date
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        iam = router.post(IAM_URL).mock(side_effect=[answer, answer])
        router.post(OCR_URL).respond(200, json={})
        client.post(OCR_URL)
        clock.advance(HOUR - 1)
        client.post(OCR_URL)
        assert iam.call_count == 1
        clock.advance(1)
        client.post(OCR_URL)
        assert iam.call_count == 2

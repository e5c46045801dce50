"""TencentSignatureAuth: reusable signature, renewal before expiry, one re-signed retry on code 9."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import timedelta

import httpx
import pytest
import respx
from handwriting_ocr.auth import TencentSignatureAuth
from handwriting_ocr.errors import InvalidInputError

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

APPID = "1250000000"
SECRET_ID = "AKIDexampleSecretId0123456789abcdef"
SECRET_KEY = "exampleSecretKey0123456789abcdefgh"
BUCKET = "handwriting"
URL = "https://recognition.image.myqcloud.com/ocr/handwriting"
T0 = 1_700_000_000
OK = {"code": 0, "message": "OK", "data": {"session_id": "s", "items": []}}
EXPIRED = {"code": 9, "message": "signature expired", "data": {}}


def fields_of(authorization: str) -> dict[str, str]:
    """Decode a signature independently: base64(HMAC-SHA1(SecretKey, original) || original)."""
    raw = base64.b64decode(authorization, validate=True)
    digest, original = raw[:20], raw[20:]
    assert hmac.compare_digest(digest, hmac.new(SECRET_KEY.encode(), original, hashlib.sha1).digest())
    pairs = [part.split("=", 1) for part in original.decode().split("&")]
    assert [key for key, _ in pairs] == ["a", "b", "k", "e", "t", "r", "f"]
    return dict((key, value) for key, value in pairs)


def signatures_sent(route: respx.Route) -> list[str]:
    return [call.request.headers["Authorization"] for call in route.calls]


def make_auth(
    clock: FakeClock,
    *,
    lifetime: timedelta | float = timedelta(hours=1),
    renew_margin: timedelta | float = timedelta(minutes=5),
) -> TencentSignatureAuth:
    return TencentSignatureAuth(
        APPID, SECRET_ID, SECRET_KEY, bucket=BUCKET, lifetime=lifetime, renew_margin=renew_margin, clock=clock
    )


@pytest.mark.parametrize("mode", MODES)
async def test_authorization_is_a_bare_signature_with_the_documented_fields(mode: Mode) -> None:
    auth = make_auth(FakeClock(T0 + 0.75), lifetime=timedelta(hours=2))
    body = b'{"appid":"1250000000","bucket":"handwriting","url":"https://example.com/a.jpg"}'
    with respx.mock() as router:
        route = router.post(URL).respond(200, json=OK)
        response = await send(
            mode, auth, "POST", URL, content=body, headers={"Content-Type": "application/json"}
        )
    assert response.json() == OK
    sent = route.calls.last.request
    assert sent.content == body
    authorization = sent.headers["Authorization"]
    assert " " not in authorization  # no scheme prefix
    fields = fields_of(authorization)
    assert fields["a"] == APPID
    assert fields["b"] == BUCKET
    assert fields["k"] == SECRET_ID
    assert fields["t"] == str(T0)
    assert fields["e"] == str(T0 + 7200)
    assert fields["r"].isdigit() and 1 <= len(fields["r"]) <= 10
    assert fields["f"] == ""


@pytest.mark.parametrize("mode", MODES)
async def test_signature_is_reused_until_the_renewal_margin(mode: Mode) -> None:
    clock = FakeClock(T0)
    auth = make_auth(clock, lifetime=3600, renew_margin=timedelta(minutes=10))
    with respx.mock() as router:
        route = router.post(URL).respond(200, json=OK)
        await send(mode, auth, "POST", URL)
        clock.advance(3000 - 1)  # one second before the margin starts
        await send(mode, auth, "POST", URL)
        clock.advance(1)
        await send(mode, auth, "POST", URL)
        await send(mode, auth, "POST", URL)
    first, second, third, fourth = signatures_sent(route)
    assert first == second
    assert third != first
    assert third == fourth
    assert fields_of(third)["t"] == str(T0 + 3000)
    assert fields_of(third)["e"] == str(T0 + 3000 + 3600)


@pytest.mark.parametrize("mode", MODES)
async def test_code_9_is_retried_once_with_a_new_signature_that_is_then_reused(mode: Mode) -> None:
    clock = FakeClock(T0)
    auth = make_auth(clock)
    body = b'{"appid":"1250000000","image":"aGVsbG8="}'
    with respx.mock() as router:
        route = router.post(URL).mock(
            side_effect=[httpx.Response(200, json=EXPIRED if i == 1 else OK) for i in range(4)]
        )
        await send(mode, auth, "POST", URL, content=body)
        clock.advance(30)
        retried = await send(mode, auth, "POST", URL, content=body)
        await send(mode, auth, "POST", URL, content=body)
    assert retried.json() == OK
    first, expired, fresh, reused = signatures_sent(route)
    assert expired == first
    assert fresh != expired
    assert fields_of(fresh)["t"] == str(T0 + 30)
    assert reused == fresh
    assert [call.request.content for call in route.calls] == [body] * 4


@pytest.mark.parametrize("mode", MODES)
async def test_a_second_code_9_is_returned_after_exactly_two_attempts(mode: Mode) -> None:
    auth = make_auth(FakeClock(T0))
    with respx.mock() as router:
        route = router.post(URL).respond(200, json=EXPIRED)
        response = await send(mode, auth, "POST", URL, content=b"{}")
    assert response.json()["code"] == 9
    assert route.call_count == 2
    first, second = signatures_sent(route)
    assert first != second


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(httpx.Response(502, text="<html>Bad Gateway</html>"), id="html"),
        pytest.param(httpx.Response(200, content=b""), id="empty"),
        pytest.param(httpx.Response(200, content=b"\xff\x00{"), id="binary"),
        pytest.param(httpx.Response(200, content=b"[" * 100_000), id="deeply-nested"),
        pytest.param(httpx.Response(200, json=[9]), id="array"),
        pytest.param(httpx.Response(200, json={"code": 13, "message": "replay"}), id="other-code"),
        pytest.param(httpx.Response(200, json={"code": 0, "message": "OK"}), id="success"),
    ],
)
async def test_other_answers_are_returned_as_is_without_a_retry(mode: Mode, answer: httpx.Response) -> None:
    auth = make_auth(FakeClock(T0))
    with respx.mock() as router:
        route = router.post(URL).mock(side_effect=[answer])
        response = await send(mode, auth, "POST", URL)
    assert route.call_count == 1
    assert response.status_code == answer.status_code
    assert response.content == answer.content


@pytest.mark.parametrize(
    ("lifetime", "renew_margin", "field"),
    [
        (timedelta(days=91), 60, "lifetime"),
        (0, 0, "lifetime"),
        (600, 600, "renew_margin"),
        (600, -1, "renew_margin"),
    ],
)
def test_impossible_lifetimes_are_rejected(
    lifetime: timedelta | float, renew_margin: float, field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make_auth(FakeClock(T0), lifetime=lifetime, renew_margin=renew_margin)
    assert caught.value.field == field


def test_the_longest_lifetime_is_accepted_and_signed() -> None:
    auth = make_auth(FakeClock(T0), lifetime=timedelta(days=90))
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        route = router.post(URL).respond(200, json=OK)
        client.post(URL)
    assert fields_of(route.calls.last.request.headers["Authorization"])["e"] == str(T0 + 90 * 86400)


@pytest.mark.parametrize("field", ["appid", "secret_id", "secret_key"])
def test_empty_credentials_are_rejected_by_name(field: str) -> None:
    values = {"appid": APPID, "secret_id": SECRET_ID, "secret_key": SECRET_KEY, field: " "}
    with pytest.raises(InvalidInputError) as caught:
        TencentSignatureAuth(values["appid"], values["secret_id"], values["secret_key"])
    assert caught.value.field == field


def test_repr_shows_no_secret_and_no_cached_signature() -> None:
    auth = make_auth(FakeClock(T0))
    with respx.mock() as router, httpx.Client(auth=auth) as client:
        route = router.post(URL).respond(200, json=OK)
        client.post(URL)
    signature = route.calls.last.request.headers["Authorization"]
    text = repr(auth)
    for secret in (SECRET_ID, SECRET_KEY, signature):
        assert secret not in text
    assert APPID in text
    assert f"expires_at={T0 + 3600}" in text

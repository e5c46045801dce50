"""DEBUG request logging: what is logged, and that no credential of any kind ever is."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import httpx
import pytest
import respx
from handwriting_ocr._logging import LOGGER_NAME, logging_event_hooks, redact_url
from handwriting_ocr.auth import (
    AzureKeyAuth,
    HuaweiPasswordAuth,
    HuaweiSignatureAuth,
    HuaweiTokenAuth,
    TencentSignatureAuth,
)

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

AZURE_KEY = "azure-key-0123456789abcdef"
HUAWEI_TOKEN = "huawei-given-token-MIINRwYJKoZIhvcNAQcC"
IAM_PASSWORD = "iam-P@ssw0rd-value"
SUBJECT_TOKEN = "iam-subject-token-MIIX-value"
AK = "HUAWEIACCESSKEYVALUE"
SK = "huawei-secret-key-value-0123456789"
TC_SECRET_ID = "AKIDtencentSecretIdValue"
TC_SECRET_KEY = "tencent-secret-key-value"
BODY_MARKER = b"BODY-MUST-NOT-BE-LOGGED"
NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).timestamp()

OCR_URL = "https://ocr.example.test/v2/p/ocr/handwriting"
IAM_URL = "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens"


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger=LOGGER_NAME)
    return caplog


def full_log_text(caplog: pytest.LogCaptureFixture) -> str:
    """Everything a handler could print: formatted text, messages, and the raw arguments."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
    return "\n".join(parts)


def iam_answer() -> httpx.Response:
    return httpx.Response(
        201,
        headers={"X-Subject-Token": SUBJECT_TOKEN, "X-Request-Id": "iam-rid"},
        json={"token": {"issued_at": "2024-05-06T07:08:09Z", "expires_at": "2024-05-07T07:08:09Z"}},
    )


def auth_cases() -> list[tuple[str, httpx.Auth, list[str]]]:
    clock = FakeClock(NOW)
    return [
        ("azure", AzureKeyAuth(AZURE_KEY), [AZURE_KEY]),
        ("huawei-token", HuaweiTokenAuth(HUAWEI_TOKEN), [HUAWEI_TOKEN]),
        (
            "huawei-iam",
            HuaweiPasswordAuth(domain="dom", user="usr", password=IAM_PASSWORD, clock=clock),
            [IAM_PASSWORD, SUBJECT_TOKEN],
        ),
        ("huawei-aksk", HuaweiSignatureAuth(AK, SK, clock=clock), [SK]),
        (
            "tencent",
            TencentSignatureAuth("1250000000", TC_SECRET_ID, TC_SECRET_KEY, clock=clock),
            [TC_SECRET_ID, TC_SECRET_KEY],
        ),
    ]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", [name for name, _, _ in auth_cases()])
async def test_no_credential_of_any_kind_reaches_the_log(
    mode: Mode, case: str, debug_log: pytest.LogCaptureFixture
) -> None:
    _, auth, secrets = next(c for c in auth_cases() if c[0] == case)
    with respx.mock(assert_all_called=False) as router:
        router.post(IAM_URL).mock(side_effect=[iam_answer()])
        ocr = router.post(OCR_URL).respond(
            200, json={"ok": True}, headers={"X-Request-Id": "rid-42", "Set-Cookie": "session=cookie-secret"}
        )
        await send(mode, auth, "POST", OCR_URL, content=b'{"image":"' + BODY_MARKER + b'"}', log=True)
    # What went on the wire: every credential header value, the signature included.
    sent = ocr.calls.last.request
    wire_credentials = [
        sent.headers[name]
        for name in ("Authorization", "X-Auth-Token", "Ocp-Apim-Subscription-Key")
        if name in sent.headers
    ]
    assert wire_credentials, "the auth class sent no credential at all"
    text = full_log_text(debug_log)
    for secret in [*secrets, *wire_credentials, "cookie-secret"]:
        assert secret not in text
    assert BODY_MARKER.decode() not in text
    # The log is still useful: both directions, method, URL, status, request id, elapsed.
    assert f"HTTP request: POST {OCR_URL}" in text
    assert f"HTTP response: POST {OCR_URL} -> 200 OK in " in text
    assert "request_id=rid-42" in text
    assert " ms request_id=" in text
    credential_header = {
        "azure": "Ocp-Apim-Subscription-Key",
        "huawei-token": "X-Auth-Token",
        "huawei-iam": "X-Auth-Token",
        "huawei-aksk": "Authorization",
        "tencent": "Authorization",
    }[case]
    assert f"'{credential_header}': '***'" in text
    assert "'Set-Cookie': '***'" in text
    if case == "huawei-iam":
        assert f"HTTP request: POST {IAM_URL}" in text
        assert "-> 201 Created" in text
        assert "'X-Subject-Token': '***'" in text


def test_sensitive_query_values_are_masked_in_logged_urls(debug_log: pytest.LogCaptureFixture) -> None:
    url = "https://api.example.test/run?mode=Handwritten&sign=SIGN-VALUE&subscription-key=KEY-VALUE"
    with respx.mock() as router, httpx.Client(event_hooks=logging_event_hooks()) as client:
        router.get(url__startswith="https://api.example.test/").respond(204)
        client.get(url)
    text = full_log_text(debug_log)
    assert "SIGN-VALUE" not in text
    assert "KEY-VALUE" not in text
    assert "https://api.example.test/run?mode=Handwritten&sign=***&subscription-key=***" in text
    assert "-> 204 No Content" in text
    assert "request_id=None" in text


def test_nothing_is_logged_or_computed_above_debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    with respx.mock() as router, httpx.Client(event_hooks=logging_event_hooks()) as client:
        router.get("https://api.example.test/").respond(200)
        client.get("https://api.example.test/", auth=AzureKeyAuth(AZURE_KEY))
    assert [r for r in caplog.records if r.name == LOGGER_NAME] == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://h.test/p", "https://h.test/p"),
        ("https://h.test/p?a=1&b=two%20words", "https://h.test/p?a=1&b=two%20words"),
        ("https://h.test/p?Sign=x&SIGNATURE=y&sig=z", "https://h.test/p?Sign=***&SIGNATURE=***&sig=***"),
        (
            "https://h.test/p?secret_key=x&id_token=y&keyword=kept",
            "https://h.test/p?secret_key=***&id_token=***&keyword=kept",
        ),
        ("https://h.test/p?%73ign=encoded-name&flag", "https://h.test/p?%73ign=***&flag"),
        ("https://user:hunter2@h.test/p?x=1", "https://user:***@h.test/p?x=1"),
        ("https://h.test/p?token=a&token=b", "https://h.test/p?token=***&token=***"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(httpx.URL(url)) == expected


async def test_one_hook_set_serves_a_sync_and_an_async_client(debug_log: pytest.LogCaptureFixture) -> None:
    # The generated clients hand one httpx_args dict to both httpx.Client and httpx.AsyncClient.
    hooks = logging_event_hooks()
    with respx.mock() as router:
        router.get(url__startswith="https://api.example.test/").respond(200)
        with httpx.Client(event_hooks=hooks) as client:
            client.get("https://api.example.test/sync")
        async with httpx.AsyncClient(event_hooks=hooks) as async_client:
            await async_client.get("https://api.example.test/async")
    messages = [record.getMessage() for record in debug_log.records]
    assert [m.split(" headers=")[0].split(" in ")[0] for m in messages] == [
        "HTTP request: GET https://api.example.test/sync",
        "HTTP response: GET https://api.example.test/sync -> 200 OK",
        "HTTP request: GET https://api.example.test/async",
        "HTTP response: GET https://api.example.test/async -> 200 OK",
    ]

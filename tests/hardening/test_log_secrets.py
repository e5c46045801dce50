"""Issue 9, "Secrets" in logs: with the root logger at DEBUG, no credential the client holds, sends or
is issued reaches any log record, whichever logger writes it (ours, httpx's, httpcore's trace of
response headers such as IAM's ``X-Subject-Token``).

A handler on the root logger formats every record (message, arguments, traceback) of full flows
against a scripted server: an IAM token fetch with a 401 renewal, Azure Read and OCR, a Huawei
token, AK/SK signing, Tencent's legacy signature with a code-9 re-sign, and TC3 with a session
token; failing calls whose errors are logged with their traceback as well.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from handwriting_ocr._secrets import SENSITIVE_HEADERS
from handwriting_ocr.retries import RetryPolicy

from tests.hardening._facades import (
    AZURE_KEY,
    AZURE_OCR,
    AZURE_READ,
    HUAWEI,
    HUAWEI_AK,
    HUAWEI_SK,
    HUAWEI_TOKEN,
    IAM_PASSWORD,
    MODES,
    TC3_SECRET_ID,
    TC3_SECRET_KEY,
    TENCENT,
    TENCENT_SECRET_ID,
    TENCENT_SECRET_KEY,
    Mode,
    call_with,
    close,
)
from tests.hardening._server import Answer, Counter, ScriptedServer, Seen, http_date, json_answer
from tests.hardening.test_secrets_in_errors import TC3_SESSION_TOKEN, sent_credentials

IAM_TOKENS = ("iam-token-first-MIIFirst0123456789abcdef", "iam-token-second-MIISecond0123456789abc")
CONSTANTS = (
    AZURE_KEY,
    HUAWEI_TOKEN,
    HUAWEI_AK,
    HUAWEI_SK,
    IAM_PASSWORD,
    *IAM_TOKENS,
    TENCENT_SECRET_ID,
    TENCENT_SECRET_KEY,
    TC3_SECRET_ID,
    TC3_SECRET_KEY,
    TC3_SESSION_TOKEN,
)
#: Loggers whose records the SDK's requests produce (the filter must be on each one that writes).
OURS = ("handwriting_ocr", "httpx", "httpcore", "hpack", "h11", "h2")


class Everything(logging.Handler):
    """Keeps everything a handler could print of each record."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.texts.append(
            "\n".join([self.format(record), str(record.msg), repr(record.args), record.exc_text or ""])
        )


@pytest.fixture
def root_debug() -> Iterator[Everything]:
    root = logging.getLogger()
    handler = Everything()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def iam_token(n: int) -> Answer:
    now = time.time()
    body = {
        "token": {
            "issued_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)),
            "expires_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now + 86400)),
        }
    }
    return json_answer(201, body, {"X-Subject-Token": IAM_TOKENS[min(n, 1)], "Date": http_date(now)})


def check(handler: Everything, sent: list[str]) -> None:
    secrets = [*CONSTANTS, *sent]
    leaked = {secret: text for text in handler.texts for secret in secrets if secret in text}
    assert leaked == {}
    # Every logger that wrote a record about a request carries the filter.
    from handwriting_ocr._secrets import SecretFilter

    unfiltered = {
        record.name
        for record in handler.records
        if record.name.split(".")[0] in OURS
        and not any(isinstance(f, SecretFilter) for f in logging.getLogger(record.name).filters)
    }
    assert unfiltered == set()


def test_x_tc_token_is_a_sensitive_header() -> None:
    assert {"x-tc-token", "x-subject-token", "x-auth-token", "authorization"} <= SENSITIVE_HEADERS


@pytest.mark.parametrize("mode", MODES)
async def test_an_iam_token_flow_with_a_renewal_logs_no_secret(root_debug: Everything, mode: Mode) -> None:
    counter = Counter()
    sent: list[str] = []

    def handle(seen: Seen) -> Answer:
        if seen.path == "/v3/auth/tokens":
            return iam_token(counter.next("iam"))
        sent.extend(sent_credentials(seen))
        if counter.next("ocr") == 1:  # the second call's cached token was revoked
            return json_answer(401, {"error_code": "APIG.0301", "error_msg": "token expired"})
        return json_answer(200, HUAWEI.good)

    with ScriptedServer(handle) as server:
        client = HUAWEI.make(
            mode,
            server.url,
            iam_domain="domain-1",
            iam_user="user-1",
            iam_password=IAM_PASSWORD,
            iam_endpoint=server.url,
        )
        first = await call_with(client, HUAWEI.call)
        second = await call_with(client, HUAWEI.call)
        await close(client)
        assert first.error is None and second.error is None, (first.error, second.error)
        assert server.count(path="/v3/auth/tokens") == 2
    assert IAM_TOKENS[0] in sent and IAM_TOKENS[1] in sent
    # httpcore's trace printed the IAM answer's headers: masked by name before anyone saw the token.
    traced = [t for t in root_debug.texts if "X-Subject-Token" in t and t.startswith("httpcore")]
    assert traced and all("***" in t for t in traced)
    check(root_debug, sent)


def good_answers(row: Any) -> Any:
    return lambda n, seen: json_answer(200, row.good)


FLOWS = [
    pytest.param(AZURE_READ, {}, id="azure-read"),
    pytest.param(AZURE_OCR, {}, id="azure-ocr"),
    pytest.param(HUAWEI, {"token": HUAWEI_TOKEN}, id="huawei-token"),
    pytest.param(HUAWEI, {"access_key": HUAWEI_AK, "secret_key": HUAWEI_SK}, id="huawei-ak-sk"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("row", "kwargs"), FLOWS)
async def test_each_providers_calls_log_no_secret(
    root_debug: Everything, mode: Mode, row: Any, kwargs: dict[str, Any]
) -> None:
    sent: list[str] = []
    inner = row.handler(good_answers(row))

    def handle(seen: Seen) -> Answer:
        sent.extend(sent_credentials(seen))
        answer: Answer = inner(seen)
        return answer

    with ScriptedServer(handle) as server:
        client = row.make(mode, server.url, **kwargs)
        outcome = await call_with(client, row.call)
        await close(client)
    assert outcome.error is None, repr(outcome.error)
    assert sent
    assert any(r.name == "handwriting_ocr.http" for r in root_debug.records)
    assert any(r.name.startswith("httpcore") for r in root_debug.records)
    check(root_debug, sent)


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_legacy_with_a_re_sign_and_failures_logs_no_secret(
    root_debug: Everything, mode: Mode
) -> None:
    counter = Counter()
    sent: list[str] = []

    def handle(seen: Seen) -> Answer:
        sent.extend(sent_credentials(seen))
        n = counter.next("ocr")
        if n == 0:  # signature expired: the auth signs again and resends
            return json_answer(
                200, {"code": 9, "message": f"signature {seen.headers['authorization']} expired"}
            )
        if n == 1:
            return json_answer(500, {"code": 213, "message": f"internal error for {TENCENT_SECRET_KEY}"})
        return json_answer(200, TENCENT.good)

    with ScriptedServer(handle) as server:
        client = TENCENT.make(mode, server.url, retry=RetryPolicy(base_backoff=0.05))
        outcome = await call_with(client, TENCENT.call)
        failing = await call_with(client, lambda c: c.recognize(b"not an image"))
        await close(client)
    assert outcome.error is None, repr(outcome.error)
    assert failing.error is not None
    logging.getLogger("app").exception("recognition failed", exc_info=failing.error)
    assert any(r.name == "handwriting_ocr.retries" for r in root_debug.records)
    check(root_debug, sent)


@pytest.mark.parametrize("mode", MODES)
async def test_echoed_credentials_in_a_logged_error_are_masked(root_debug: Everything, mode: Mode) -> None:
    sent: list[str] = []

    def handle(seen: Seen) -> Answer:
        values = sent_credentials(seen)
        sent.extend(values)
        return json_answer(401, {"error": {"code": "Unauthorized", "message": f"bad key {' '.join(values)}"}})

    with ScriptedServer(handle) as server:
        client = AZURE_OCR.make(mode, server.url)
        outcome = await call_with(client, AZURE_OCR.call)
        await close(client)
    assert outcome.error is not None
    logging.getLogger("service").error("OCR failed: %s", outcome.error, exc_info=outcome.error)
    logging.getLogger("service").warning("OCR failed: %r", outcome.error)
    check(root_debug, sent)


@pytest.mark.parametrize("mode", MODES)
async def test_tc3_requests_log_no_signature_or_session_token(root_debug: Everything, mode: Mode) -> None:
    from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth
    from handwriting_ocr.clients._http import AsyncPipeline, RequestSpec, SyncPipeline
    from handwriting_ocr.pacing import as_limiter

    sent: list[str] = []

    def handle(seen: Seen) -> Answer:
        sent.extend(sent_credentials(seen))
        return json_answer(200, {"Response": {"RequestId": "r-1", "TextDetections": []}})

    with ScriptedServer(handle) as server:
        spec = RequestSpec(
            method="POST",
            url=server.url + "/",
            headers={
                "X-TC-Action": "GeneralHandwritingOCR",
                "X-TC-Version": "2018-11-19",
                "Content-Type": "application/json",
            },
            body={"content": json.dumps({"ImageUrl": "https://example.com/a.png"}).encode()},
        )
        options: dict[str, Any] = {
            "auth": TencentTC3Auth(
                TC3_SECRET_ID, TC3_SECRET_KEY, region="ap-guangzhou", token=TC3_SESSION_TOKEN
            ),
            "provider": "tencent",
            "timeout": 5.0,
            "http_client": None,
            "transport": None,
            "retry": RetryPolicy(),
            "limiter": as_limiter(None),
        }
        if mode == "sync":
            pipeline = SyncPipeline(**options)
            pipeline.request(spec)
            pipeline.close()
        else:
            apipeline = AsyncPipeline(**options)
            await apipeline.request(spec)
            await apipeline.aclose()
    assert TC3_SESSION_TOKEN in sent
    check(root_debug, sent)

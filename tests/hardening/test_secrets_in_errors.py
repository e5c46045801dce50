"""Issue 9, "Secrets": a credential a server echoes back never reaches an error's ``str``, ``repr``,
``args`` or traceback.

Each case sends a real request (scripted server on loopback) with one kind of credential; the server
echoes every credential value it received (and the secrets behind them) in a JSON error message, an
HTML page's title, a plain-text body, or the request-id header. Values no ``Secret`` holds (AK/SK
and TC3 signatures, computed per request) are covered too: the pipeline remembers what its auth
sends.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from handwriting_ocr.errors import OcrError
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
    IAM_TOKEN,
    MODES,
    TC3_SECRET_ID,
    TC3_SECRET_KEY,
    TENCENT,
    TENCENT_SECRET_ID,
    TENCENT_SECRET_KEY,
    Mode,
    Row,
    call_with,
    close,
)
from tests.hardening._server import Answer, ScriptedServer, Seen, http_date, json_answer, raw_answer

TC3_SESSION_TOKEN = "tc3-session-token-Po0Iu9Yt8Re7"
IAM_PATH = "/v3/auth/tokens"
CREDENTIAL_HEADERS = ("authorization", "x-auth-token", "ocp-apim-subscription-key", "x-tc-token")
SIGNATURE = re.compile(r"Signature=([^,\s]+)")


def sent_credentials(seen: Seen) -> list[str]:
    """The credential values in a request, and the signature parts of its Authorization header."""
    values = [seen.headers[name] for name in CREDENTIAL_HEADERS if name in seen.headers]
    values += [part for value in values for part in SIGNATURE.findall(value)]
    return values


def envelope(provider: str, status: int, text: str) -> Answer:
    if provider == "azure":
        return json_answer(status, {"error": {"code": "Unauthorized", "message": text}})
    if provider == "huawei":
        return json_answer(status, {"error_code": "APIG.0301", "error_msg": text})
    if provider == "tencent":
        return json_answer(200, {"code": 14, "message": text})
    return json_answer(
        status, {"Response": {"Error": {"Code": "AuthFailure", "Message": text}, "RequestId": "r-1"}}
    )


def echo(style: str, provider: str, text: str, first: str) -> Answer:
    if style == "json":
        return envelope(provider, 401, f"credentials rejected: {text}")
    if style == "html":
        page = f"<html><head><title>Denied {text}</title></head><body>{text}</body></html>".encode()
        return raw_answer(502, page, content_type="text/html")
    if style == "text":
        return raw_answer(500, f"upstream said no to {text}".encode(), content_type="text/plain")
    # The credential as the request id (a gateway that copies a header it should not).
    return json_answer(400, {"message": "bad request"}, {"X-Request-Id": first})


@dataclass
class Case:
    name: str
    row: Row
    kwargs: dict[str, Any]
    #: Values the server "knows" besides what it receives (a secret key a log or a proxy leaks).
    known: tuple[str, ...]
    iam: bool = False
    sent: list[str] = field(default_factory=list)


AZURE_BEARER = "azure-entra-bearer-token-eyJ0eXAiOiJKV1QiLCJhbGciOi"


def _bearer_azure(url: str, **kwargs: Any) -> Any:
    from handwriting_ocr.clients import AzureVisionClient

    return AzureVisionClient(url, token_provider=lambda: AZURE_BEARER, **kwargs)


def _bearer_azure_async(url: str, **kwargs: Any) -> Any:
    from handwriting_ocr.clients import AsyncAzureVisionClient

    return AsyncAzureVisionClient(url, token_provider=lambda: AZURE_BEARER, **kwargs)


#: Azure with a caller's token provider: a plain string no Secret holds, covered because the
#: pipeline remembers what its auth sends.
AZURE_OCR_BEARER = dataclasses.replace(
    AZURE_OCR, name="azure-ocr-bearer", make_sync=_bearer_azure, make_async=_bearer_azure_async
)

CASES = [
    Case("azure-key", AZURE_OCR, {}, (AZURE_KEY,)),
    Case("azure-bearer-token", AZURE_OCR_BEARER, {}, (AZURE_BEARER,)),
    Case("azure-key-read-submit", AZURE_READ, {}, (AZURE_KEY,)),
    Case("huawei-token", HUAWEI, {"token": HUAWEI_TOKEN}, (HUAWEI_TOKEN,)),
    Case("huawei-ak-sk", HUAWEI, {"access_key": HUAWEI_AK, "secret_key": HUAWEI_SK}, (HUAWEI_AK, HUAWEI_SK)),
    Case(
        "huawei-iam-token",
        HUAWEI,
        {"iam_domain": "domain-1", "iam_user": "user-1", "iam_password": IAM_PASSWORD},
        (IAM_PASSWORD, IAM_TOKEN),
        iam=True,
    ),
    Case("tencent-legacy", TENCENT, {}, (TENCENT_SECRET_KEY, TENCENT_SECRET_ID)),
]
STYLES = ["json", "html", "text", "request-id"]


def iam_token_answer() -> Answer:
    now = time.time()
    body = {
        "token": {
            "issued_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now)),
            "expires_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(now + 86400)),
        }
    }
    return json_answer(201, body, {"X-Subject-Token": IAM_TOKEN, "Date": http_date(now)})


def echoing(case: Case, style: str) -> Callable[[Seen], Answer]:
    def handle(seen: Seen) -> Answer:
        if case.iam and seen.path == IAM_PATH:
            return iam_token_answer()
        sent = sent_credentials(seen)
        case.sent.extend(sent)
        values = [*sent, *case.known]
        return echo(style, case.row.provider, " ".join(values), values[0])

    return handle


def leaks(error: BaseException, secrets: Sequence[str]) -> list[str]:
    """Each secret found anywhere a caller or a log could see the error."""
    views = [
        str(error),
        repr(error),
        repr(error.args),
        "".join(traceback.format_exception(error)),
        repr({key: value for key, value in vars(error).items()}),
    ]
    return [secret for secret in secrets if any(secret in view for view in views)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_an_echoed_credential_is_masked_in_every_view_of_the_error(
    case: Case, style: str, mode: Mode
) -> None:
    case.sent.clear()
    with ScriptedServer(echoing(case, style)) as server:
        kwargs = dict(case.kwargs, retry=RetryPolicy(max_attempts=1))
        if case.iam:
            kwargs["iam_endpoint"] = server.url
        client = case.row.make(mode, server.url, **kwargs)
        outcome = await call_with(client, case.row.call)
        await close(client)
    error = outcome.error
    assert isinstance(error, OcrError), repr(error)
    assert case.sent, "the server saw no credential"
    assert leaks(error, [*case.sent, *case.known]) == []
    # The echo was there, masked (a request id is also shortened, which may cut before the value).
    assert "***" in (str(error) if style != "request-id" else getattr(error, "request_id", None) or "")


@pytest.mark.parametrize("mode", MODES)
async def test_an_iam_error_echoing_the_password_is_masked(mode: Mode) -> None:
    def handle(seen: Seen) -> Answer:
        body = {
            "error": {"code": 401, "message": f"password {IAM_PASSWORD} rejected", "title": "Unauthorized"}
        }
        return json_answer(401, body)

    with ScriptedServer(handle) as server:
        client = HUAWEI.make(
            mode,
            server.url,
            iam_domain="domain-1",
            iam_user="user-1",
            iam_password=IAM_PASSWORD,
            iam_endpoint=server.url,
            retry=RetryPolicy(max_attempts=1),
        )
        outcome = await call_with(client, HUAWEI.call)
        await close(client)
    assert isinstance(outcome.error, OcrError), repr(outcome.error)
    assert leaks(outcome.error, [IAM_PASSWORD]) == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", ["json", "html", "text"])
async def test_tc3_signatures_and_session_tokens_echoed_are_masked(mode: Mode, style: str) -> None:
    # Tencent Cloud API 3.0 signs every request afresh: no Secret holds its signature, the pipeline
    # remembers it as it goes out. Sent through the request path itself (the v3 facade's own path).
    from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth
    from handwriting_ocr.clients._http import AsyncPipeline, RequestSpec, SyncPipeline
    from handwriting_ocr.error_mapping import error_from_response
    from handwriting_ocr.pacing import as_limiter

    sent: list[str] = []

    def handle(seen: Seen) -> Answer:
        values = sent_credentials(seen)
        sent.extend(values)
        return echo(style, "tencent-v3", " ".join([*values, TC3_SECRET_KEY]), values[0])

    auth = TencentTC3Auth(TC3_SECRET_ID, TC3_SECRET_KEY, region="ap-guangzhou", token=TC3_SESSION_TOKEN)
    spec = RequestSpec(
        method="POST",
        url="",
        headers={
            "X-TC-Action": "GeneralHandwritingOCR",
            "X-TC-Version": "2018-11-19",
            "Content-Type": "application/json",
        },
        body={"content": json.dumps({"ImageUrl": "https://example.com/a.png"}).encode()},
    )
    with ScriptedServer(handle) as server:
        spec = RequestSpec(method=spec.method, url=server.url + "/", headers=spec.headers, body=spec.body)
        options: dict[str, Any] = {
            "auth": auth,
            "provider": "tencent",
            "timeout": 5.0,
            "http_client": None,
            "transport": None,
            "retry": RetryPolicy(max_attempts=1),
            "limiter": as_limiter(None),
        }
        if mode == "sync":
            pipeline = SyncPipeline(**options)
            response = pipeline.request(spec)
            pipeline.close()
        else:
            apipeline = AsyncPipeline(**options)
            response = await apipeline.request(spec)
            await apipeline.aclose()
    error = error_from_response("tencent", response)
    assert any(value.startswith("TC3-HMAC-SHA256") for value in sent)
    assert leaks(error, [*sent, TC3_SECRET_KEY, TC3_SESSION_TOKEN]) == []
    assert "***" in str(error)

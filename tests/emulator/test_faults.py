"""Fault injection over real sockets: every fault kind, each provider's dialect, and the three ways in."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest
from handwriting_ocr.emulator import Emulator, EmulatorConfig, Fault, FaultRule, FaultSyntaxError
from handwriting_ocr.errors import InvalidInputError

from tests.emulator.helpers import (
    AZURE_KEY,
    HUAWEI,
    TENCENT,
    EmulatorFactory,
    FakeClock,
    huawei_token_request,
    png,
    tencent_signature,
)

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY, "Content-Type": "application/octet-stream"}
READ = "/vision/v2.0/read/core/asyncBatchAnalyze"
HUAWEI_OCR = f"/v2/{HUAWEI.project_id}/ocr/handwriting"


def azure_read(http: httpx.Client, fault: str | None = None) -> httpx.Response:
    headers = {**KEY, "X-Emulator-Fault": fault} if fault else KEY
    return http.post(READ, headers=headers, content=png(64, 64))


def huawei_ocr(http: httpx.Client, fault: str | None = None) -> httpx.Response:
    token = http.post("/v3/auth/tokens", json=huawei_token_request()).headers["X-Subject-Token"]
    headers = {"X-Auth-Token": token, **({"X-Emulator-Fault": fault} if fault else {})}
    return http.post(HUAWEI_OCR, headers=headers, json={"image": base64.b64encode(png(64, 64)).decode()})


def tencent_ocr(http: httpx.Client, now: float, fault: str | None = None) -> httpx.Response:
    headers = {"Authorization": tencent_signature(now=now), **({"X-Emulator-Fault": fault} if fault else {})}
    return http.post(
        "/ocr/handwriting", headers=headers, json={"appid": TENCENT.appid, "url": "https://a.example/x.png"}
    )


# -- the header form ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("429", Fault.rate_limit()),
        ("429;retry-after=2", Fault.rate_limit(retry_after=2)),
        (
            "rate-limit; Retry-After=Wed, 21 Oct 2026 07:28:00 GMT",
            Fault.rate_limit("Wed, 21 Oct 2026 07:28:00 GMT"),
        ),
        ("500", Fault.server_error()),
        ("503;retry-after=1", Fault.unavailable(retry_after=1)),
        ("html", Fault.html_error()),
        ("html;status=504", Fault.html_error(504)),
        ("truncated-json", Fault.truncated_json()),
        ("slow;delay=0.25", Fault.slow(0.25)),
        ("failed-operation", Fault.failed_operation()),
        ("expired-credentials", Fault.expired_credentials()),
    ],
)
def test_fault_header_syntax(text: str, fault: Fault) -> None:
    assert Fault.parse(text) == fault


@pytest.mark.parametrize("text", ["418", "slow", "slow;delay=soon", "html;status", "explode"])
def test_bad_fault_header_is_a_typed_error(text: str) -> None:
    with pytest.raises(FaultSyntaxError):
        Fault.parse(text)


def test_bad_fault_header_is_answered_400_by_the_server(http: httpx.Client) -> None:
    response = azure_read(http, "explode")

    assert response.status_code == 400
    assert "unknown fault" in response.json()["emulator_error"]


def test_queue_rejects_an_unknown_provider(emu: Emulator) -> None:
    with pytest.raises(InvalidInputError):
        emu.faults.push("aws", Fault.server_error())  # type: ignore[arg-type]


# -- each kind, each provider ------------------------------------------------------------------------------


def test_azure_429_with_and_without_retry_after(http: httpx.Client) -> None:
    with_header = azure_read(http, "429;retry-after=3")
    without = azure_read(http, "429")

    assert with_header.status_code == 429
    assert with_header.headers["Retry-After"] == "3"
    assert with_header.json() == {
        "error": {"code": "429", "message": "Rate limit is exceeded. Try again in 3 seconds."}
    }
    assert without.status_code == 429
    assert "Retry-After" not in without.headers


@pytest.mark.parametrize(("status", "code"), [(500, "InternalServerError"), (503, "ServiceUnavailable")])
def test_azure_5xx_in_the_computer_vision_error_envelope(http: httpx.Client, status: int, code: str) -> None:
    response = azure_read(http, str(status))

    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["requestId"] == response.headers["apim-request-id"]


@pytest.mark.parametrize("provider", ["azure", "huawei", "tencent"])
def test_html_error_pages(http: httpx.Client, clock: FakeClock, provider: str) -> None:
    if provider == "azure":
        response = azure_read(http, "html;status=502")
    elif provider == "huawei":
        response = huawei_ocr(http, "html;status=502")
    else:
        response = tencent_ocr(http, clock.now, "html;status=502")

    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert response.text.startswith("<!DOCTYPE html>")
    assert "502 Bad Gateway" in response.text


def test_truncated_json_cuts_the_real_answer_in_half(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    location = azure_read(http).headers["Operation-Location"]
    clock.advance(3)
    whole = http.get(location, headers=KEY)
    emu.faults.push("azure", Fault.truncated_json())

    cut = http.get(location, headers=KEY)

    assert cut.status_code == 200
    assert cut.headers["content-type"] == "application/json; charset=utf-8"
    assert cut.content == whole.content[: len(whole.content) // 2]
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.content)


def test_slow_delays_the_normal_answer(http: httpx.Client) -> None:
    started = time.monotonic()
    response = azure_read(http, "slow;delay=0.3")

    assert time.monotonic() - started >= 0.3
    assert response.status_code == 202


def test_failed_operation_on_submit_and_on_poll(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    failed_at_submit = azure_read(http, "failed-operation").headers["Operation-Location"]
    failed_at_poll = azure_read(http).headers["Operation-Location"]
    http.get(failed_at_poll, headers={**KEY, "X-Emulator-Fault": "failed-operation"})
    clock.advance(3)

    assert http.get(failed_at_submit, headers=KEY).json() == {"status": "Failed"}
    assert http.get(failed_at_poll, headers=KEY).json() == {"status": "Failed"}


def test_failed_operation_on_the_synchronous_providers(http: httpx.Client, clock: FakeClock) -> None:
    huawei = huawei_ocr(http, "failed-operation")
    tencent = tencent_ocr(http, clock.now, "failed-operation")

    assert (huawei.status_code, huawei.json()["error_code"]) == (500, "AIS.0105")
    assert (tencent.status_code, tencent.json()["code"]) == (200, -9011)


def test_expired_credentials_in_each_dialect(http: httpx.Client, clock: FakeClock) -> None:
    azure = azure_read(http, "expired-credentials")
    huawei = huawei_ocr(http, "expired-credentials")
    tencent = tencent_ocr(http, clock.now, "expired-credentials")

    assert (azure.status_code, azure.json()["error"]["code"]) == (401, "401")
    assert (huawei.status_code, huawei.json()["error_code"]) == (401, "APIG.0301")
    assert (tencent.status_code, tencent.json()["code"]) == (200, 9)


def test_huawei_throttling_and_errors(http: httpx.Client) -> None:
    throttled = huawei_ocr(http, "429;retry-after=5")
    broken = huawei_ocr(http, "503")

    assert (throttled.status_code, throttled.json()["error_code"], throttled.headers["Retry-After"]) == (
        429,
        "APIG.0308",
        "5",
    )
    assert throttled.headers["X-Request-Id"]
    assert (broken.status_code, set(broken.json())) == (503, {"error_code", "error_msg"})


def test_huawei_iam_faults_are_separate_from_ocr(emu: Emulator, http: httpx.Client) -> None:
    emu.faults.push("huawei_iam", Fault.rate_limit(retry_after=1))

    throttled = http.post("/v3/auth/tokens", json=huawei_token_request())
    retried = http.post("/v3/auth/tokens", json=huawei_token_request())

    assert throttled.status_code == 429
    assert throttled.json()["error"]["code"] == "429"
    assert retried.status_code == 201


def test_tencent_rate_limit_is_code_15_in_a_200(http: httpx.Client, clock: FakeClock) -> None:
    response = tencent_ocr(http, clock.now, "429;retry-after=2")

    assert (response.status_code, response.json()["code"], response.headers["Retry-After"]) == (200, 15, "2")


def test_tencent_5xx_keeps_the_envelope(http: httpx.Client, clock: FakeClock) -> None:
    response = tencent_ocr(http, clock.now, "500")

    assert (response.status_code, response.json()["code"]) == (500, 213)


# -- queue and run-wide rules ------------------------------------------------------------------------------


def test_queued_faults_apply_to_the_next_requests_in_order(emu: Emulator, http: httpx.Client) -> None:
    emu.faults.push("azure", Fault.rate_limit(retry_after=1), times=2)
    emu.faults.push("azure", Fault.server_error(503))
    emu.faults.push("tencent", Fault.server_error())  # another provider's queue is untouched

    statuses = [azure_read(http).status_code for _ in range(4)]

    assert statuses == [429, 429, 503, 202]
    assert emu.faults.pending("tencent") == 1


def test_the_header_wins_over_the_queue(emu: Emulator, http: httpx.Client) -> None:
    emu.faults.push("azure", Fault.server_error())

    assert azure_read(http, "429").status_code == 429
    assert azure_read(http).status_code == 500


def test_run_wide_rules_apply_every_nth_request(make_emulator: EmulatorFactory) -> None:
    rule = FaultRule(Fault.unavailable(retry_after=1), provider="azure", every=3)
    emu = make_emulator(EmulatorConfig(fault_rules=(rule,)))
    with httpx.Client(base_url=emu.base_url) as http:
        statuses = [azure_read(http).status_code for _ in range(6)]
        tencent = http.post("/ocr/handwriting", json={}).json()["code"]  # other providers unaffected

    assert statuses == [202, 202, 503, 202, 202, 503]
    assert tencent == 4

"""Per-credential quotas: the token bucket, each provider's throttling answer on the wire, and that a
throttled request never reaches the provider logic."""

from __future__ import annotations

import base64
import json
import threading
import time

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import (
    AzureSettings,
    Emulator,
    EmulatorConfig,
    Quota,
    QuotaSyntaxError,
    TencentAccount,
    TencentSettings,
    TencentTemporaryKey,
)
from handwriting_ocr.emulator.quota import QuotaBook, retry_after_seconds
from handwriting_ocr.errors import InvalidInputError

from tests.emulator.helpers import (
    AZURE_KEY,
    HUAWEI,
    TENCENT,
    EmulatorFactory,
    FakeClock,
    huawei_signed,
    huawei_token_request,
    png,
    tc3_request,
    tencent_signature,
)

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}
READ_V2 = "/vision/v2.0/read/core/asyncBatchAnalyze"
SAMPLE_B64 = base64.b64encode(samples.read_bytes("note.png")).decode()


def azure_submit(
    http: httpx.Client, headers: dict[str, str] = OCTET, image: bytes | None = None
) -> httpx.Response:
    return http.post(READ_V2, headers=headers, content=image if image is not None else png(64, 64))


# -- the Quota value ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate", "capacity", "shown"),
    [
        ("10/s", 10.0, 10, "10/s:burst=10"),
        ("20/min", 20 / 60, 1, "20/min:burst=1"),
        ("10/s:burst=20", 10.0, 20, "10/s:burst=20"),
        (" 5 / sec ", 5.0, 5, "5/s:burst=5"),
        ("2.5/s", 2.5, 2, "2.5/s:burst=2"),
        ("1000/h", 1000 / 3600, 1, "1000/h:burst=1"),
        ("120/Minute : Burst = 4", 2.0, 4, "120/min:burst=4"),
    ],
)
def test_quota_text_forms(text: str, rate: float, capacity: int, shown: str) -> None:
    quota = Quota.parse(text)

    assert quota.rate == pytest.approx(rate)
    assert quota.capacity == capacity
    assert str(quota) == shown


@pytest.mark.parametrize("text", ["10", "10/day", "0/s", "ten/s", "10/s:burst=0", "10/s;burst=2", ""])
def test_bad_quota_texts_are_typed_errors(text: str) -> None:
    with pytest.raises(QuotaSyntaxError):
        Quota.parse(text)


def test_a_separate_burst_fills_in_or_must_agree() -> None:
    assert Quota.parse("10/s", burst=3).capacity == 3
    assert Quota.parse("10/s:burst=3", burst=3).capacity == 3
    with pytest.raises(QuotaSyntaxError, match="already gives a burst"):
        Quota.parse("10/s:burst=3", burst=4)


def test_config_takes_quota_texts_and_checks_provider_names() -> None:
    config = EmulatorConfig(quota="10/s", provider_quotas={"azure": "20/min", "huawei": None})

    assert config.quota == Quota.per_second(10)
    assert config.provider_quotas == (("azure", Quota.per_minute(20)), ("huawei", None))
    with pytest.raises(InvalidInputError, match="unknown quota provider"):
        EmulatorConfig(provider_quotas={"aws": "1/s"})  # type: ignore[dict-item]


def test_the_bucket_refills_at_the_rate_up_to_the_burst() -> None:
    clock = FakeClock()
    book = QuotaBook(Quota.parse("2/s:burst=3"), (), clock)

    burst = [book.acquire("azure", "k") for _ in range(4)]
    clock.advance(0.25)
    early = book.acquire("azure", "k")
    clock.advance(0.25)
    refilled = book.acquire("azure", "k")
    clock.advance(60)

    assert burst[:3] == [0.0, 0.0, 0.0]
    assert burst[3] == pytest.approx(0.5)  # one token takes 1/rate seconds
    assert early == pytest.approx(0.25)  # half a token there already: a refused request takes none
    assert refilled == 0.0
    assert book.tokens("azure", "k") == 3.0  # capped at the burst
    assert book.tokens("huawei", "k") == 3.0  # same default quota, a bucket of its own
    assert book.acquire("azure", "other") == 0.0  # another credential, another bucket


def test_a_clock_that_steps_back_refills_nothing() -> None:
    clock = FakeClock()
    book = QuotaBook(Quota.parse("1/s"), (), clock)
    book.acquire("azure", "k")
    clock.advance(-30)

    assert book.acquire("azure", "k") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("wait", "header"), [(0.001, 1), (0.5, 1), (1.0, 1), (1.2, 2), (3.0, 3), (2.9999, 3)]
)
def test_retry_after_is_whole_seconds_rounded_up_at_least_one(wait: float, header: int) -> None:
    assert retry_after_seconds(wait) == header


def test_a_quota_check_costs_microseconds() -> None:
    book = QuotaBook(Quota.parse("1000000/s"), (), time.time)
    started = time.perf_counter()
    for _ in range(20_000):
        book.acquire("azure", "key")
    per_call = (time.perf_counter() - started) / 20_000

    assert per_call < 50e-6  # a few microseconds normally; generous for a busy shared machine


# -- each provider's answer beyond the quota, on the wire ------------------------------------------------


def test_azure_answers_429_with_retry_after_and_the_gateway_envelope(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(quota="20/min"))
    with httpx.Client(base_url=emu.base_url) as http:
        first = azure_submit(http)
        throttled = azure_submit(http)
        clock.advance(2)
        still = azure_submit(http)
        clock.advance(1)
        again = azure_submit(http)

    assert first.status_code == 202
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "3"
    assert throttled.headers["content-type"] == "application/json; charset=utf-8"
    assert throttled.content == (
        b'{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 3 seconds."}}'
    )
    assert throttled.headers["apim-request-id"]
    assert (still.status_code, still.headers["Retry-After"]) == (429, "1")
    assert still.json()["error"]["message"] == "Rate limit is exceeded. Try again in 1 seconds."
    assert again.status_code == 202


def test_polls_count_against_the_quota(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s", processing_time=0))
    with httpx.Client(base_url=emu.base_url) as http:
        location = azure_submit(http).headers["Operation-Location"]
        poll = http.get(location, headers=KEY)
        clock.advance(1)
        later = http.get(location, headers=KEY)

    assert poll.status_code == 429
    assert later.json()["status"] == "Succeeded"


def test_huawei_answers_429_apig_0308_without_retry_after_before_checking_the_signature(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s"))
    body = {"image": SAMPLE_B64}
    with httpx.Client() as http:
        first = http.send(huawei_signed(emu, body, clock_now=clock.now))
        # A wrong secret would be a 401 APIG.0301; throttling comes first, so it is a 429.
        throttled = http.send(huawei_signed(emu, body, clock_now=clock.now, secret_key="wrong"))
        clock.advance(1)
        refused = http.send(huawei_signed(emu, body, clock_now=clock.now, secret_key="wrong"))

    assert first.status_code == 200
    assert throttled.status_code == 429
    assert json.loads(throttled.content) == {
        "error_code": "APIG.0308",
        "error_msg": "The request is throttled due to flow control.",
    }
    assert "Retry-After" not in throttled.headers
    assert throttled.headers["X-Request-Id"]
    assert (refused.status_code, refused.json()["error_code"]) == (401, "APIG.0301")
    assert emu.stats.requests("huawei_ocr").throttled == 1


def test_huawei_token_callers_share_the_project_bucket_and_iam_has_no_quota(
    make_emulator: EmulatorFactory,
) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s"))
    path = f"/v2/{HUAWEI.project_id}/ocr/handwriting"
    with httpx.Client(base_url=emu.base_url) as http:
        tokens = [http.post("/v3/auth/tokens", json=huawei_token_request()) for _ in range(3)]
        token = tokens[0].headers["X-Subject-Token"]
        answers = [
            http.post(path, headers={"X-Auth-Token": token}, json={"image": SAMPLE_B64}) for _ in range(2)
        ]

    assert [t.status_code for t in tokens] == [201, 201, 201]
    assert [a.status_code for a in answers] == [200, 429]


def test_tencent_legacy_answers_code_15_in_a_200(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s"))
    headers = {"Authorization": tencent_signature(now=clock.now)}
    body = {"appid": TENCENT.appid, "image": SAMPLE_B64}
    with httpx.Client(base_url=emu.base_url) as http:
        first = http.post("/ocr/handwriting", headers=headers, json=body)
        throttled = http.post("/ocr/handwriting", headers=headers, json=body)

    assert first.json()["code"] == 0
    assert throttled.status_code == 200
    payload = throttled.json()
    assert (payload["code"], payload["message"]) == (15, "too many requests, rate limited")
    assert set(payload["data"]) == {"session_id"}


def test_tencent_v3_answers_request_limit_exceeded_in_a_200(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s"))
    with httpx.Client() as http:
        first = http.send(tc3_request(emu, {"ImageBase64": SAMPLE_B64}, now=clock.now))
        throttled = http.send(tc3_request(emu, {"ImageBase64": SAMPLE_B64}, now=clock.now))

    assert "TextDetections" in first.json()["Response"]
    assert throttled.status_code == 200
    assert throttled.headers["content-type"] == "application/json"
    response = throttled.json()["Response"]
    assert set(response) == {"Error", "RequestId"}
    assert response["Error"]["Code"] == "RequestLimitExceeded"
    assert response["Error"]["Message"]


# -- per credential ----------------------------------------------------------------------------------------


def test_each_azure_key_has_its_own_bucket_and_unknown_keys_are_refused_not_throttled(
    make_emulator: EmulatorFactory,
) -> None:
    emu = make_emulator(EmulatorConfig(azure=AzureSettings(keys=("key-1", "key-2")), quota="1/s"))
    one = {"Ocp-Apim-Subscription-Key": "key-1", "Content-Type": "application/octet-stream"}
    two = {**one, "Ocp-Apim-Subscription-Key": "key-2"}
    bad = {**one, "Ocp-Apim-Subscription-Key": "not-a-key"}
    with httpx.Client(base_url=emu.base_url) as http:
        statuses = [azure_submit(http, headers).status_code for headers in (one, one, two, bad, bad, bad)]

    assert statuses == [202, 429, 202, 401, 401, 401]


def test_every_azure_api_draws_from_the_key_s_one_bucket(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(quota="2/s"))
    with httpx.Client(base_url=emu.base_url) as http:
        v2 = azure_submit(http)
        v3 = http.post("/vision/v3.2/read/analyze", headers=OCTET, content=png(64, 64))
        analysis = http.post(
            "/computervision/imageanalysis:analyze",
            params={"api-version": "2023-10-01", "features": "read"},
            headers=OCTET,
            content=png(64, 64),
        )

    assert (v2.status_code, v3.status_code, analysis.status_code) == (202, 202, 429)
    assert analysis.json()["error"]["code"] == "429"


def test_a_tencent_account_s_permanent_and_temporary_keys_share_its_bucket(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    other = TencentAccount(appid="1250000001", secret_id="AKIDotherAccount", secret_key="other-secret")
    settings = TencentSettings(accounts=(TencentAccount(), other), temporary_keys=(TencentTemporaryKey(),))
    emu = make_emulator(EmulatorConfig(tencent=settings, quota="1/s"))
    temporary = settings.temporary_keys[0]
    body = {"ImageBase64": SAMPLE_B64}
    with httpx.Client() as http:
        permanent = http.send(tc3_request(emu, body, now=clock.now))
        temp = http.send(
            tc3_request(
                emu,
                body,
                now=clock.now,
                secret_id=temporary.secret_id,
                secret_key=temporary.secret_key,
                headers={"X-TC-Token": temporary.token},
            )
        )
        second_account = http.send(
            tc3_request(emu, body, now=clock.now, secret_id=other.secret_id, secret_key=other.secret_key)
        )

    assert "TextDetections" in permanent.json()["Response"]
    assert temp.json()["Response"]["Error"]["Code"] == "RequestLimitExceeded"
    assert "TextDetections" in second_account.json()["Response"]


# -- throttled requests never reach the provider -----------------------------------------------------------


def test_a_throttled_submit_creates_no_operation(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s"))
    image = samples.read_bytes("glory.png")
    with httpx.Client(base_url=emu.base_url) as http:
        statuses = [azure_submit(http, image=image).status_code for _ in range(3)]

    assert statuses == [202, 429, 429]
    assert emu.stats.operations_for(image) == 1
    assert len(emu.stats.operations()) == 1
    counts = emu.stats.requests("azure_v2")
    assert (counts.received, counts.throttled, counts.served, counts.faulted) == (3, 2, 1, 0)


def test_a_throttled_request_leaves_queued_faults_for_later(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    from handwriting_ocr.emulator import Fault

    emu = make_emulator(EmulatorConfig(quota="1/s"))
    with httpx.Client(base_url=emu.base_url) as http:
        first = azure_submit(http).status_code
        emu.faults.push("azure", Fault.server_error(503))
        throttled = azure_submit(http).status_code
        pending = emu.faults.pending("azure")
        clock.advance(1)
        faulted = azure_submit(http).status_code

    assert (first, throttled, pending, faulted) == (202, 429, 1, 503)
    counts = emu.stats.requests("azure_v2")
    assert (counts.served, counts.throttled, counts.faulted) == (1, 1, 1)


def test_concurrent_requests_admit_exactly_the_burst(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(quota="10/s"))  # the fake clock stands still: no refill
    statuses: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(base_url=emu.base_url) as http:
            for _ in range(3):
                status = azure_submit(http).status_code
                with lock:
                    statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [202] * 10 + [429] * 38
    counts = emu.stats.requests("azure_v2")
    assert (counts.received, counts.served, counts.throttled) == (48, 10, 38)


# -- choosing quotas ---------------------------------------------------------------------------------------


def test_provider_quotas_replace_the_default_for_one_provider(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(quota="1/s", provider_quotas={"huawei": None, "tencent": "3/s"}))
    tencent_headers = {"Authorization": tencent_signature(now=clock.now)}
    tencent_body = {"appid": TENCENT.appid, "url": "https://example.com/a.png"}
    with httpx.Client(base_url=emu.base_url) as http:
        azure = [azure_submit(http).status_code for _ in range(2)]
        huawei = [
            http.send(huawei_signed(emu, {"image": SAMPLE_B64}, clock_now=clock.now)).status_code
            for _ in range(3)
        ]
        tencent = [
            http.post("/ocr/handwriting", headers=tencent_headers, json=tencent_body).json()["code"]
            for _ in range(4)
        ]

    assert azure == [202, 429]
    assert huawei == [200, 200, 200]
    assert tencent == [0, 0, 0, 15]


def test_set_quota_changes_a_running_emulator_and_reset_settings_restores_it(
    make_emulator: EmulatorFactory,
) -> None:
    emu = make_emulator(EmulatorConfig())
    with httpx.Client(base_url=emu.base_url) as http:
        unlimited = [azure_submit(http).status_code for _ in range(3)]
        emu.set_quota("1/s")
        limited = [azure_submit(http).status_code for _ in range(2)]
        emu.set_quota(None, providers={"azure": "2/s"})
        per_provider = [azure_submit(http).status_code for _ in range(3)]
        emu.reset_settings()
        restored = [azure_submit(http).status_code for _ in range(3)]

    assert unlimited == [202, 202, 202]
    assert limited == [202, 429]
    assert per_provider == [202, 202, 429]
    assert restored == [202, 202, 202]


def test_the_index_reports_the_quotas(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(quota="10/s", provider_quotas={"azure": "20/min:burst=2"}))
    with httpx.Client(base_url=emu.base_url) as http:
        index = http.get("/").json()

    assert index["quotas"] == {
        "azure": "20/min:burst=2",
        "huawei": "10/s:burst=10",
        "tencent": "10/s:burst=10",
        "tencent_v3": "10/s:burst=10",
    }


def test_without_a_quota_nothing_is_throttled(emu: Emulator, http: httpx.Client) -> None:
    statuses = {azure_submit(http).status_code for _ in range(30)}

    assert statuses == {202}
    assert emu.stats.requests("azure_v2").throttled == 0

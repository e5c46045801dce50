"""Huawei Cloud IAM and OCR on the emulator: tokens, AK/SK signatures, validation, error envelopes."""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig, HuaweiSettings

from tests.emulator.helpers import (
    HUAWEI,
    EmulatorFactory,
    FakeClock,
    huawei_signed,
    huawei_token_request,
    png,
)

OCR_PATH = f"/v2/{HUAWEI.project_id}/ocr/handwriting"
JSON = {"Content-Type": "application/json;charset=UTF-8"}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def get_token(http: httpx.Client) -> str:
    response = http.post("/v3/auth/tokens", json=huawei_token_request())
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"]


def ocr_with_token(http: httpx.Client, token: str, body: dict[str, Any]) -> httpx.Response:
    return http.post(OCR_PATH, headers={**JSON, "X-Auth-Token": token}, json=body)


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error_code", "error_msg"}
    assert body["error_code"] == code
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-Id"])


def test_iam_issues_a_token_in_x_subject_token(http: httpx.Client, clock: FakeClock) -> None:
    response = http.post("/v3/auth/tokens", json=huawei_token_request())

    assert response.status_code == 201
    assert response.headers["X-Subject-Token"].startswith("MII")
    assert response.headers["X-Request-Id"]
    token = response.json()["token"]
    assert token["expires_at"] == "2027-01-16T08:00:00.000000Z"  # the fake clock's now + 24 h
    assert token["issued_at"] == "2027-01-15T08:00:00.000000Z"
    assert token["project"]["id"] == HUAWEI.project_id
    assert token["project"]["name"] == "cn-north-4"
    assert token["methods"] == ["password"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (huawei_token_request(password="wrong"), 401),
        (huawei_token_request(user="nobody"), 401),
        ({"auth": {"identity": {"methods": ["token"]}}}, 400),
        ({"not": "auth"}, 400),
    ],
)
def test_iam_rejects_bad_credentials_in_its_own_envelope(
    http: httpx.Client, body: dict[str, Any], status: int
) -> None:
    response = http.post("/v3/auth/tokens", json=body)

    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"code", "message", "title"}
    assert error["code"] == str(status)
    assert "X-Subject-Token" not in response.headers


def test_ocr_with_an_issued_token_returns_the_sample_transcript(http: httpx.Client) -> None:
    token = get_token(http)

    response = ocr_with_token(http, token, {"image": b64(samples.read_bytes("glory.png"))})

    assert response.status_code == 200
    assert response.headers["X-Request-Id"]
    result = response.json()["result"]
    sample = samples.get("glory.png")
    assert result["words_block_count"] == len(sample.lines)
    assert [block["words"] for block in result["words_block_list"]] == [line.text for line in sample.lines]
    first = result["words_block_list"][0]
    box = sample.lines[0].box
    assert first["location"] == [[box[0], box[1]], [box[2], box[3]], [box[4], box[5]], [box[6], box[7]]]
    assert first["type"] == "text"
    assert 0 < first["confidence"] <= 1


def test_ocr_accepts_a_url_and_options(emu: Emulator, http: httpx.Client) -> None:
    token = get_token(http)
    body = {
        "url": emu.sample_url("note.png"),
        "quick_mode": True,
        "char_set": "letter",
        "detect_direction": False,
    }

    response = ocr_with_token(http, token, body)

    assert response.status_code == 200
    assert [b["words"] for b in response.json()["result"]["words_block_list"]] == [
        "Meet me by the old oak tree",
        "at half past nine",
    ]


def test_an_unknown_token_is_apig_0301(http: httpx.Client) -> None:
    assert_error(ocr_with_token(http, "MIIforged", {"image": b64(png(64, 64))}), 401, "APIG.0301")


def test_a_token_expires_after_its_ttl(http: httpx.Client, clock: FakeClock) -> None:
    token = get_token(http)
    clock.advance(24 * 3600 - 1)
    assert ocr_with_token(http, token, {"image": b64(png(64, 64))}).status_code == 200

    clock.advance(1)
    response = ocr_with_token(http, token, {"image": b64(png(64, 64))})

    assert_error(response, 401, "APIG.0301")
    assert "expired" in response.json()["error_msg"]


def test_expire_huawei_tokens_expires_issued_tokens(emu: Emulator, http: httpx.Client) -> None:
    token = get_token(http)

    emu.expire_huawei_tokens()

    assert_error(ocr_with_token(http, token, {"image": b64(png(64, 64))}), 401, "APIG.0301")


def test_a_token_only_works_for_its_own_project(http: httpx.Client) -> None:
    token = get_token(http)

    response = http.post(
        "/v2/ffffffffffffffffffffffffffffffff/ocr/handwriting",
        headers={**JSON, "X-Auth-Token": token},
        json={"image": b64(png(64, 64))},
    )

    assert_error(response, 401, "APIG.0301")


def test_no_credentials_at_all_is_apig_0301(http: httpx.Client) -> None:
    assert_error(http.post(OCR_PATH, headers=JSON, json={"image": b64(png(64, 64))}), 401, "APIG.0301")


def test_an_ak_sk_signed_request_is_verified_and_served(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    response = http.send(
        huawei_signed(emu, {"image": b64(samples.read_bytes("note.png"))}, clock_now=clock.now)
    )

    assert response.status_code == 200, response.text
    assert response.json()["result"]["words_block_count"] == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"secret_key": "wrong-secret"},  # bad signature
        {"access_key": "UNKNOWNACCESSKEY0000"},  # unknown AK
        {"date_offset": 16 * 60},  # X-Sdk-Date too far in the future
        {"date_offset": -16 * 60},  # stale X-Sdk-Date
        {"project_id": "ffffffffffffffffffffffffffffffff"},  # signed, but another project
    ],
)
def test_ak_sk_failures_are_apig_0301(
    emu: Emulator, http: httpx.Client, clock: FakeClock, kwargs: dict[str, Any]
) -> None:
    response = http.send(huawei_signed(emu, {"image": b64(png(64, 64))}, clock_now=clock.now, **kwargs))

    assert_error(response, 401, "APIG.0301")


def test_a_date_within_the_skew_is_accepted(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    response = http.send(
        huawei_signed(emu, {"image": b64(png(64, 64))}, clock_now=clock.now, date_offset=-14 * 60)
    )

    assert response.status_code == 200


def test_a_tampered_body_breaks_the_signature(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    request = huawei_signed(emu, {"image": b64(png(64, 64))}, clock_now=clock.now)
    tampered = httpx.Request(
        "POST", request.url, headers=request.headers, content=request.content.replace(b"i", b"I", 1)
    )

    assert_error(http.send(tampered), 401, "APIG.0301")


def test_a_malformed_authorization_header_is_apig_0301(http: httpx.Client) -> None:
    response = http.post(
        OCR_PATH, headers={**JSON, "Authorization": "Bearer nope"}, json={"image": b64(png(64, 64))}
    )

    assert_error(response, 401, "APIG.0301")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "AIS.0101"),
        ({"image": b64(png(64, 64)), "url": "https://example.com/a.png"}, "AIS.0101"),
        ({"image": "%%%not base64%%%"}, "AIS.0101"),
        ({"image": b64(png(64, 64)), "char_set": "emoji"}, "AIS.0101"),
        ({"image": b64(png(64, 64)), "quick_mode": "yes"}, "AIS.0101"),
        ({"url": "https://unreachable.example.com/a.jpg"}, "AIS.0101"),
        ({"image": b64(b"GIF89a\x40\x00\x40\x00")}, "AIS.0102"),
        ({"image": b64(b"hello")}, "AIS.0102"),
        ({"image": b64(png(7, 64))}, "AIS.0103"),
        ({"image": b64(png(8193, 64))}, "AIS.0103"),
        ({"image": "A" * (10 * 1024 * 1024 + 4)}, "AIS.0103"),
    ],
)
def test_ocr_validates_the_body(http: httpx.Client, body: dict[str, Any], code: str) -> None:
    token = get_token(http)

    assert_error(ocr_with_token(http, token, body), 400, code)


def test_invalid_json_is_ais_0101(http: httpx.Client) -> None:
    token = get_token(http)

    response = http.post(OCR_PATH, headers={**JSON, "X-Auth-Token": token}, content=b"{not json")

    assert_error(response, 400, "AIS.0101")


def test_unsubscribed_region_is_modelarts_4204(make_emulator: EmulatorFactory) -> None:
    emu = make_emulator(EmulatorConfig(huawei=HuaweiSettings(subscribed=False)))
    with httpx.Client(base_url=emu.base_url) as http:
        response = ocr_with_token(http, get_token(http), {"image": b64(png(64, 64))})

    assert_error(response, 403, "ModelArts.4204")


def test_pseudo_text_blocks_are_in_reading_order(http: httpx.Client) -> None:
    token = get_token(http)

    blocks = ocr_with_token(http, token, {"image": b64(png(900, 600, shade=7))}).json()["result"][
        "words_block_list"
    ]

    tops = [block["location"][0][1] for block in blocks]
    assert tops == sorted(tops)
    assert all(0 <= x <= 900 and 0 <= y <= 600 for block in blocks for x, y in block["location"])


def test_an_unsigned_payload_signature_is_accepted_as_the_official_sdk_makes_it(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    # The official SDK signs the marker UNSIGNED-PAYLOAD instead of the body hash for non-JSON bodies.
    from datetime import UTC, datetime

    from handwriting_ocr.signing import huawei as signing

    headers = {
        "Host": f"127.0.0.1:{emu.port}",
        "Content-Type": "application/octet-stream",
        "X-Sdk-Date": signing.sdk_date(datetime.fromtimestamp(clock.now, UTC)),
        "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD",
    }
    names = signing.signed_header_names(headers)
    canonical = signing.canonical_request("POST", OCR_PATH, [], headers, b"", names)
    canonical = canonical.rsplit("\n", 1)[0] + "\nUNSIGNED-PAYLOAD"
    signature = signing.signature(HUAWEI.secret_key, signing.string_to_sign(canonical, headers["X-Sdk-Date"]))
    headers["Authorization"] = (
        f"SDK-HMAC-SHA256 Access={HUAWEI.access_key}, SignedHeaders={';'.join(names)}, Signature={signature}"
    )

    response = http.post(OCR_PATH, headers=headers, content=b"raw bytes")

    assert_error(response, 400, "AIS.0101")  # past authentication: the body is what is wrong

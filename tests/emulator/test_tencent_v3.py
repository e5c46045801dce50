"""Tencent Cloud API 3.0 GeneralHandwritingOCR on the emulator: TC3 verification, the body, the answers."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, transcripts
from handwriting_ocr.signing import tc3

from tests.emulator.helpers import TENCENT, FakeClock, tc3_request

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
GLORY = base64.b64encode(samples.read_bytes("glory.png")).decode()


def call(http: httpx.Client, request: httpx.Request) -> dict[str, Any]:
    response = http.send(request)
    assert response.status_code == 200  # always, errors included
    assert response.headers["content-type"] == "application/json"  # exactly: the official SDK compares it
    body = response.json()
    assert list(body) == ["Response"]
    inner: dict[str, Any] = body["Response"]
    assert re.fullmatch(UUID, inner["RequestId"])
    return inner


def error_code(http: httpx.Client, request: httpx.Request) -> str:
    inner = call(http, request)
    assert set(inner) == {"Error", "RequestId"}, inner
    assert set(inner["Error"]) == {"Code", "Message"}
    assert inner["Error"]["Message"]
    code: str = inner["Error"]["Code"]
    return code


@pytest.fixture
def now(clock: FakeClock) -> float:
    return clock.now


def test_recognizes_a_base64_sample(emu: Emulator, http: httpx.Client, now: float) -> None:
    inner = call(http, tc3_request(emu, {"ImageBase64": GLORY}, now=now))

    assert set(inner) == {"TextDetections", "Angel", "Angle", "RequestId"}
    assert (inner["Angel"], inner["Angle"]) == (0.0, 0.0)
    sample = samples.get("glory.png")
    detections = inner["TextDetections"]
    assert [d["DetectedText"] for d in detections] == [line.text for line in sample.lines]
    for detection, line in zip(detections, sample.lines, strict=True):
        assert set(detection) == {"DetectedText", "Confidence", "Polygon", "AdvancedInfo"}  # no WordPolygon
        assert detection["Polygon"] == [{"X": line.box[i], "Y": line.box[i + 1]} for i in range(0, 8, 2)]
        assert isinstance(detection["Confidence"], int) and 0 <= detection["Confidence"] <= 100
        assert json.loads(detection["AdvancedInfo"]) == {"Parag": {"ParagNo": 1}}


def test_word_polygons_are_one_quadrilateral_per_character(
    emu: Emulator, http: httpx.Client, now: float
) -> None:
    inner = call(http, tc3_request(emu, {"ImageBase64": GLORY, "EnableWordPolygon": True}, now=now))

    line = samples.get("glory.png").lines[0]
    polygons = inner["TextDetections"][0]["WordPolygon"]
    assert len(polygons) == len(line.text.replace(" ", ""))
    first_word = line.words[0].box
    assert polygons[0]["LeftTop"] == {"X": first_word[0], "Y": first_word[1]}
    last_of_first_word = polygons[len(line.words[0].text) - 1]
    assert last_of_first_word["RightBottom"] == {"X": first_word[4], "Y": first_word[5]}
    assert set(polygons[0]) == {"LeftTop", "RightTop", "RightBottom", "LeftBottom"}


def test_detect_text_off_reads_one_line(emu: Emulator, http: httpx.Client, now: float) -> None:
    inner = call(http, tc3_request(emu, {"ImageBase64": GLORY, "EnableDetectText": False}, now=now))

    [detection] = inner["TextDetections"]
    sample = samples.get("glory.png")
    assert detection["DetectedText"] == " ".join(line.text for line in sample.lines)
    xs = [v for line in sample.lines for v in line.box[0::2]]
    assert detection["Polygon"][0] == {"X": min(xs), "Y": sample.lines[0].box[1]}


def test_the_url_wins_over_base64(emu: Emulator, http: httpx.Client, now: float) -> None:
    body = {"ImageBase64": GLORY, "ImageUrl": emu.sample_url("note.png")}

    inner = call(http, tc3_request(emu, body, now=now))

    assert [d["DetectedText"] for d in inner["TextDetections"]] == [
        line.text for line in samples.get("note.png").lines
    ]


def _url_with(styles: set[str]) -> str:
    for n in range(200):
        url = f"https://example.com/scan-{n}.png"
        if {line.style for line in transcripts.for_url(url).lines} == styles:
            return url
    raise AssertionError(f"no URL reads as {styles}")


def test_only_hw_keeps_handwriting_lines(emu: Emulator, http: httpx.Client, now: float) -> None:
    mixed = _url_with({"handwriting", "other"})
    printed = _url_with({"other"})
    written = [line.text for line in transcripts.for_url(mixed).lines if line.style == "handwriting"]

    inner = call(http, tc3_request(emu, {"ImageUrl": mixed, "Scene": "only_hw"}, now=now))
    everything = call(http, tc3_request(emu, {"ImageUrl": mixed}, now=now))

    assert [d["DetectedText"] for d in inner["TextDetections"]] == written
    assert len(everything["TextDetections"]) > len(written)
    assert error_code(http, tc3_request(emu, {"ImageUrl": printed, "Scene": "only_hw"}, now=now)) == (
        "FailedOperation.ImageNoHandWrite"
    )


def test_an_image_without_text(emu: Emulator, http: httpx.Client, now: float) -> None:
    blank = base64.b64encode(http.get("/samples/blank.png").content).decode()

    assert (
        error_code(http, tc3_request(emu, {"ImageBase64": blank}, now=now)) == "FailedOperation.ImageNoText"
    )
    by_url = tc3_request(emu, {"ImageUrl": emu.sample_url("blank.png")}, now=now)
    assert error_code(http, by_url) == "FailedOperation.ImageNoText"


# -- the headers and the TC3 signature ---------------------------------------------------------------------


def without(request: httpx.Request, name: str) -> httpx.Request:
    del request.headers[name]
    return request


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda r: without(r, "X-TC-Action"), "MissingParameter"),
        (lambda r: without(r, "X-TC-Version"), "MissingParameter"),
        (lambda r: without(r, "X-TC-Timestamp"), "MissingParameter"),
        (lambda r: without(r, "Authorization"), "AuthFailure.InvalidAuthorization"),
        (lambda r: without(r, "X-TC-Region"), None),  # optional
    ],
)
def test_header_presence(
    emu: Emulator, http: httpx.Client, now: float, change: Any, code: str | None
) -> None:
    request = change(tc3_request(emu, {"ImageBase64": GLORY}, now=now))

    if code is None:
        assert "TextDetections" in call(http, request)
    else:
        assert error_code(http, request) == code


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"X-TC-Action": "GeneralBasicOCR"}, "InvalidAction"),
        ({"X-TC-Version": "2017-03-12"}, "NoSuchVersion"),
        ({"X-TC-Region": "mars-north-1"}, "UnsupportedRegion"),
        ({"X-TC-Region": "ap-beijing"}, None),
        ({"X-TC-Token": "not-for-a-permanent-key"}, "AuthFailure.TokenFailure"),
    ],
)
def test_header_values(
    emu: Emulator, http: httpx.Client, now: float, headers: dict[str, str], code: str | None
) -> None:
    request = tc3_request(emu, {"ImageBase64": GLORY}, now=now, headers=headers)

    if code is None:
        assert "TextDetections" in call(http, request)
    else:
        assert error_code(http, request) == code


def test_a_timestamp_that_is_not_a_number(emu: Emulator, http: httpx.Client, now: float) -> None:
    request = tc3_request(emu, {"ImageBase64": GLORY}, now=now)
    request.headers["X-TC-Timestamp"] = "soon"

    assert error_code(http, request) == "InvalidParameter"


@pytest.mark.parametrize(
    ("offset", "code"),
    [(-301, "AuthFailure.SignatureExpire"), (301, "AuthFailure.SignatureExpire"), (-299, None), (299, None)],
)
def test_clock_skew_of_five_minutes(
    emu: Emulator, http: httpx.Client, now: float, offset: int, code: str | None
) -> None:
    request = tc3_request(emu, {"ImageBase64": GLORY}, now=now, timestamp_offset=offset)

    if code is None:
        assert "TextDetections" in call(http, request)
    else:
        assert error_code(http, request) == code


def test_signature_checks(emu: Emulator, http: httpx.Client, now: float) -> None:
    body = {"ImageBase64": GLORY}

    wrong_secret = tc3_request(emu, body, now=now, secret_key="not-the-secret")
    unknown_id = tc3_request(emu, body, now=now, secret_id="AKIDnobody")
    tampered = tc3_request(emu, body, now=now)
    tampered.stream = httpx.ByteStream(json.dumps({"ImageBase64": GLORY[:-4] + "AAAA"}).encode())
    malformed = tc3_request(emu, body, now=now)
    malformed.headers["Authorization"] = "TC3-HMAC-SHA256 Signature=abc"
    host_only = tc3_request(emu, body, now=now)
    host_only.headers["Authorization"] = host_only.headers["Authorization"].replace(
        "SignedHeaders=content-type;host", "SignedHeaders=host"
    )

    assert error_code(http, wrong_secret) == "AuthFailure.SignatureFailure"
    assert error_code(http, unknown_id) == "AuthFailure.SecretIdNotFound"
    assert error_code(http, tampered) == "AuthFailure.SignatureFailure"
    assert error_code(http, malformed) == "AuthFailure.InvalidAuthorization"
    assert error_code(http, host_only) == "AuthFailure.InvalidAuthorization"


def _signed(
    emu: Emulator,
    now: float,
    content: bytes,
    *,
    service: str = "ocr",
    host: str | None = None,
    payload: bytes | str | None = None,
    extra: dict[str, str] | None = None,
) -> httpx.Request:
    timestamp = int(now)
    real_host = f"127.0.0.1:{emu.port}"
    headers = {
        "Host": real_host,
        "Content-Type": tc3.JSON_CONTENT_TYPE,
        "X-TC-Action": "GeneralHandwritingOCR",
        "X-TC-Version": "2018-11-19",
        "X-TC-Timestamp": str(timestamp),
        **(extra or {}),
    }
    signed_extra = dict(extra or {})  # the extra headers are signed too
    headers["Authorization"] = tc3.tc3_authorization(
        secret_id=TENCENT.secret_id,
        secret_key=TENCENT.secret_key,
        timestamp=timestamp,
        service=service,
        host=host or real_host,
        content_type=tc3.JSON_CONTENT_TYPE,
        payload=payload if payload is not None else content,
        extra_headers=signed_extra,
    )
    return httpx.Request("POST", emu.base_url + "/", headers=headers, content=content)


def test_the_signature_covers_host_and_service(emu: Emulator, http: httpx.Client, now: float) -> None:
    content = json.dumps({"ImageBase64": GLORY}).encode()

    assert "TextDetections" in call(http, _signed(emu, now, content))
    assert error_code(http, _signed(emu, now, content, host="ocr.tencentcloudapi.com")) == (
        "AuthFailure.SignatureFailure"
    )
    assert error_code(http, _signed(emu, now, content, service="cvm")) == "AuthFailure.SignatureFailure"


def test_more_signed_headers_are_verified_too(emu: Emulator, http: httpx.Client, now: float) -> None:
    content = json.dumps({"ImageBase64": GLORY}).encode()
    signed = _signed(emu, now, content, extra={"X-TC-Action": "GeneralHandwritingOCR"})
    assert "SignedHeaders=content-type;host;x-tc-action" in signed.headers["Authorization"]

    assert "TextDetections" in call(http, signed)


def test_unsigned_payload(emu: Emulator, http: httpx.Client, now: float) -> None:
    content = json.dumps({"ImageBase64": GLORY}).encode()
    marker = hashlib.sha256(b"UNSIGNED-PAYLOAD").hexdigest()
    unsigned = _signed(emu, now, content, payload=marker)
    unsigned.headers["X-TC-Content-SHA256"] = "UNSIGNED-PAYLOAD"
    claims_unsigned = _signed(emu, now, content)
    claims_unsigned.headers["X-TC-Content-SHA256"] = "UNSIGNED-PAYLOAD"

    assert "TextDetections" in call(http, unsigned)
    assert error_code(http, claims_unsigned) == "AuthFailure.SignatureFailure"


def test_temporary_keys_need_their_session_token(emu: Emulator, http: httpx.Client, now: float) -> None:
    key = emu.config.tencent.temporary_keys[0]

    def request(token: str | None) -> httpx.Request:
        headers = {"X-TC-Token": token} if token is not None else {}
        return tc3_request(
            emu,
            {"ImageBase64": GLORY},
            now=now,
            secret_id=key.secret_id,
            secret_key=key.secret_key,
            headers=headers,
        )

    assert "TextDetections" in call(http, request(key.token))
    assert error_code(http, request(None)) == "AuthFailure.TokenFailure"
    assert error_code(http, request("someone-else-s-token")) == "AuthFailure.TokenFailure"


# -- the body ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"ImageBase64": GLORY, "Language": "en"}, "UnknownParameter"),
        ({"ImageBase64": 12}, "InvalidParameter"),
        ({"ImageBase64": GLORY, "EnableWordPolygon": "true"}, "InvalidParameter"),
        ({"ImageBase64": GLORY, "Scene": "printed"}, "InvalidParameterValue.InvalidParameterValueLimit"),
        ({}, "InvalidParameterValue.InvalidParameterValueLimit"),
        ({"ImageBase64": "not base64!"}, "FailedOperation.ImageDecodeFailed"),
        (
            {"ImageBase64": base64.b64encode(b"GIF89a\x10\x00\x10\x00").decode()},
            "FailedOperation.ImageDecodeFailed",
        ),
        ({"ImageBase64": base64.b64encode(b"plain text").decode()}, "FailedOperation.ImageDecodeFailed"),
        ({"ImageUrl": "https://unreachable.example.com/x.png"}, "FailedOperation.DownLoadError"),
        ({"ImageUrl": "ftp://example.com/x.png"}, "FailedOperation.DownLoadError"),
        ({"ImageBase64": "A" * (10 * 1024 * 1024 + 4)}, "LimitExceeded.TooLargeFileError"),
    ],
)
def test_body_errors(emu: Emulator, http: httpx.Client, now: float, body: dict[str, Any], code: str) -> None:
    assert error_code(http, tc3_request(emu, body, now=now)) == code


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        (b"{", tc3.JSON_CONTENT_TYPE),
        (b"[1, 2]", tc3.JSON_CONTENT_TYPE),
        (b"ImageUrl=x", "application/x-www-form-urlencoded"),
    ],
)
def test_bodies_that_are_not_a_json_object(
    emu: Emulator, http: httpx.Client, now: float, raw: bytes, content_type: str
) -> None:
    request = tc3_request(emu, None, now=now, raw_body=raw, content_type=content_type)

    assert error_code(http, request) == "InvalidParameter"


def test_a_jpeg_reads_too(emu: Emulator, http: httpx.Client, now: float) -> None:
    from tests.emulator.helpers import jpeg

    image = base64.b64encode(jpeg(300, 120)).decode()

    assert call(http, tc3_request(emu, {"ImageBase64": image}, now=now))["TextDetections"]


# -- faults and routing ------------------------------------------------------------------------------------


def test_faults_in_the_api_3_dialect(emu: Emulator, http: httpx.Client, now: float) -> None:
    def with_fault(fault: str) -> httpx.Response:
        return http.send(
            tc3_request(emu, {"ImageBase64": GLORY}, now=now, headers={"X-Emulator-Fault": fault})
        )

    throttled = with_fault("429;retry-after=2").json()["Response"]
    expired = with_fault("expired-credentials").json()["Response"]
    failed = with_fault("failed-operation").json()["Response"]
    broken = with_fault("503")

    assert throttled["Error"]["Code"] == "RequestLimitExceeded"
    assert expired["Error"]["Code"] == "AuthFailure.SignatureExpire"
    assert failed["Error"]["Code"] == "FailedOperation.UnKnowError"
    assert broken.status_code == 503
    assert broken.json()["Response"]["Error"]["Code"] == "InternalError"


def test_its_fault_queue_is_its_own(emu: Emulator, http: httpx.Client, now: float) -> None:
    from handwriting_ocr.emulator import Fault

    emu.faults.push("tencent", Fault.rate_limit())  # the legacy API's queue
    emu.faults.push("tencent_v3", Fault.server_error(500))

    answer = http.send(tc3_request(emu, {"ImageBase64": GLORY}, now=now))

    assert answer.status_code == 500
    assert (emu.faults.pending("tencent"), emu.faults.pending("tencent_v3")) == (1, 0)


def test_post_root_is_tencent_and_get_root_stays_the_index(emu: Emulator, http: httpx.Client) -> None:
    anonymous = http.post("/", json={"ImageUrl": "https://example.com/a.png"})
    index = http.get("/").json()

    assert anonymous.json()["Response"]["Error"]["Code"] == "MissingParameter"
    assert index["endpoints"]["tencent_v3"] == f"{emu.base_url}/"
    assert "X-TC-Action" in index["notes"]["tencent_v3"]
    assert emu.stats.requests("tencent_v3").served == 1

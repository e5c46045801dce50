"""Azure Read v3.2 on the emulator: submit, lower-case lifecycle, analyzeResult, query checks, errors."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig

from tests.emulator.helpers import AZURE_KEY, EmulatorFactory, FakeClock, png

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}
ANALYZE = "/vision/v3.2/read/analyze"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def submit(http: httpx.Client, data: bytes, params: dict[str, str] | None = None) -> httpx.Response:
    return http.post(ANALYZE, params=params or {}, headers=OCTET, content=data)


def finished(http: httpx.Client, clock: FakeClock, response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    clock.advance(3)
    body: dict[str, Any] = http.get(response.headers["Operation-Location"], headers=KEY).json()
    return body


def test_analyze_answers_202_with_the_v3_2_operation_location(emu: Emulator, http: httpx.Client) -> None:
    response = submit(http, samples.read_bytes("glory.png"))

    assert response.status_code == 202
    assert response.content == b""
    assert response.headers["content-length"] == "0"
    assert re.fullmatch(
        re.escape(emu.base_url) + r"/vision/v3\.2/read/analyzeResults/" + UUID,
        response.headers["Operation-Location"],
    )
    assert re.fullmatch(UUID, response.headers["apim-request-id"])


def test_lifecycle_is_lower_case_with_timestamps(http: httpx.Client, clock: FakeClock) -> None:
    created = clock.now
    location = submit(http, samples.read_bytes("glory.png")).headers["Operation-Location"]

    first = http.get(location, headers=KEY)
    clock.advance(1.5)
    second = http.get(location, headers=KEY)
    clock.advance(1.5)
    done = http.get(location, headers=KEY)

    assert first.status_code == 200
    assert first.headers["content-type"] == "application/json; charset=utf-8"
    assert (
        first.content
        == (
            f'{{"status":"notStarted","createdDateTime":"{iso(created)}","lastUpdatedDateTime":"{iso(created)}"}}'
        ).encode()
    )
    assert second.json() == {
        "status": "running",
        "createdDateTime": iso(created),
        "lastUpdatedDateTime": iso(created + 1.0),
    }
    body = done.json()
    assert (body["status"], body["lastUpdatedDateTime"]) == ("succeeded", iso(created + 3.0))
    result = body["analyzeResult"]
    assert (result["version"], result["modelVersion"]) == ("3.2.0", "2022-04-30")
    [page] = result["readResults"]
    sample = samples.get("glory.png")
    assert {k: page[k] for k in ("page", "angle", "width", "height", "unit")} == {
        "page": 1,
        "angle": 0,
        "width": sample.width,
        "height": sample.height,
        "unit": "pixel",
    }
    assert "language" not in page  # only echoed when the caller forced one
    assert [line["text"] for line in page["lines"]] == [line.text for line in sample.lines]
    for got, want in zip(page["lines"], sample.lines, strict=True):
        assert set(got) == {"boundingBox", "text", "appearance", "words"}
        assert got["boundingBox"] == list(want.box)
        style = got["appearance"]["style"]
        assert style["name"] == "handwriting"
        assert 0.8 <= style["confidence"] <= 0.99
        assert [(w["text"], w["boundingBox"]) for w in got["words"]] == [
            (w.text, list(w.box)) for w in want.words
        ]
        for word in got["words"]:
            assert set(word) == {"boundingBox", "text", "confidence"}
            assert isinstance(word["confidence"], float) and 0 < word["confidence"] <= 1


def test_a_json_url_of_a_sample_and_a_forced_language(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    response = http.post(
        ANALYZE, params={"language": "en"}, headers=KEY, json={"url": emu.sample_url("note.png")}
    )

    page = finished(http, clock, response)["analyzeResult"]["readResults"][0]

    assert page["language"] == "en"
    assert "\n".join(line["text"] for line in page["lines"]) == samples.get("note.png").text


def test_pseudo_text_lines_carry_both_styles(http: httpx.Client, clock: FakeClock) -> None:
    styles: set[str] = set()
    for n in range(12):
        response = http.post(ANALYZE, headers=KEY, json={"url": f"https://example.com/page-{n}.jpg"})
        page = finished(http, clock, response)["analyzeResult"]["readResults"][0]
        styles |= {line["appearance"]["style"]["name"] for line in page["lines"]}

    assert styles == {"handwriting", "other"}


@pytest.mark.parametrize("pages", ["1", "1-3", "2-", "-4", "1,3-5", " 1 , 2 "])
def test_valid_page_selections(http: httpx.Client, pages: str) -> None:
    assert submit(http, png(64, 64), {"pages": pages}).status_code == 202


@pytest.mark.parametrize("pages", ["0", "a", "3-1", "", "-", "1,,2", "1-2-3", "0-2"])
def test_invalid_page_selections(http: httpx.Client, pages: str) -> None:
    response = submit(http, png(64, 64), {"pages": pages})

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == "InvalidPageRange"


def test_pages_that_skip_the_only_page_give_no_read_results(http: httpx.Client, clock: FakeClock) -> None:
    body = finished(http, clock, submit(http, png(64, 64), {"pages": "2-"}))

    assert body["status"] == "succeeded"
    assert body["analyzeResult"]["readResults"] == []


@pytest.mark.parametrize(("order", "status"), [("basic", 202), ("natural", 202), ("zigzag", 400)])
def test_reading_order(http: httpx.Client, order: str, status: int) -> None:
    response = submit(http, png(64, 64), {"readingOrder": order})

    assert response.status_code == status
    if status == 400:
        assert response.json()["error"]["code"] == "InvalidReadingOrder"


@pytest.mark.parametrize(
    ("requested", "reported"),
    [("latest", "2022-04-30"), ("latest-preview", "2022-01-30-preview"), ("2021-04-12", "2021-04-12")],
)
def test_model_versions(http: httpx.Client, clock: FakeClock, requested: str, reported: str) -> None:
    body = finished(http, clock, submit(http, png(64, 64), {"model-version": requested}))

    assert body["analyzeResult"]["modelVersion"] == reported


@pytest.mark.parametrize("version", ["2020-01-01", "newest", "2022-04-30-beta"])
def test_unknown_model_versions_are_refused(http: httpx.Client, version: str) -> None:
    response = submit(http, png(64, 64), {"model-version": version})

    assert (response.status_code, response.json()["error"]["code"]) == (400, "BadArgument")


def test_unsupported_language(http: httpx.Client) -> None:
    response = submit(http, png(64, 64), {"language": "xx"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "NotSupportedLanguage"
    assert re.fullmatch(UUID, response.headers["apim-request-id"])


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"", OCTET, 400, "InvalidImageSize"),
        (b"GIF89a\x64\x00\x64\x00", OCTET, 400, "InvalidImageFormat"),
        (b"plain text, not an image", OCTET, 400, "InvalidImageFormat"),
        (png(49, 200), OCTET, 400, "InvalidImageDimension"),
        (png(10001, 60), OCTET, 400, "InvalidImageDimension"),
        (b'{"url": "not a url"}', {**KEY, "Content-Type": "application/json"}, 400, "InvalidImageUrl"),
        (
            b'{"url": "https://unreachable.example.com/a.png"}',
            {**KEY, "Content-Type": "application/json"},
            400,
            "FailedToDownloadImage",
        ),
        (b"{", {**KEY, "Content-Type": "application/json"}, 400, "BadArgument"),
        (b"hi", {**KEY, "Content-Type": "text/plain"}, 415, "UnsupportedMediaType"),
    ],
)
def test_inputs_are_refused_in_the_v3_envelope(
    http: httpx.Client, content: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    response = http.post(ANALYZE, headers=headers, content=content)

    assert response.status_code == status
    body = response.json()
    assert list(body) == ["error"]
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_the_gateway_checks_the_key_and_does_not_take_bearer_tokens(http: httpx.Client) -> None:
    missing = http.post(ANALYZE, content=png(64, 64))
    wrong = http.post(ANALYZE, headers={"Ocp-Apim-Subscription-Key": "nope"}, content=png(64, 64))
    bearer = http.post(ANALYZE, headers={"Authorization": "Bearer emulator-entra-token"}, content=png(64, 64))

    assert (missing.status_code, missing.json()["error"]["code"]) == (401, "401")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "401")
    assert "missing subscription key" in bearer.json()["error"]["message"]


def test_unknown_and_foreign_operation_ids_are_404(http: httpx.Client) -> None:
    v2 = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(64, 64))
    v2_id = v2.headers["Operation-Location"].rsplit("/", 1)[1]

    for operation_id in ("00000000-0000-0000-0000-000000000000", v2_id):
        response = http.get(f"/vision/v3.2/read/analyzeResults/{operation_id}", headers=KEY)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NotFound"


def test_paths_are_case_insensitive_and_methods_are_checked(http: httpx.Client, clock: FakeClock) -> None:
    location = submit(http, png(64, 64)).headers["Operation-Location"]
    lower = location.replace("analyzeResults", "analyzeresults")

    assert http.get(lower, headers=KEY).status_code == 200
    assert http.post("/VISION/V3.2/READ/ANALYZE", headers=OCTET, content=png(64, 64)).status_code == 202
    wrong_method = http.get(ANALYZE, headers=KEY)
    assert (wrong_method.status_code, wrong_method.json()) == (
        404,
        {"error": {"code": "404", "message": "Resource not found"}},
    )


def test_operations_expire(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    emu = make_emulator(EmulatorConfig(processing_time=0, operation_ttl=60))
    with httpx.Client(base_url=emu.base_url) as http:
        location = submit(http, png(64, 64)).headers["Operation-Location"]
        clock.advance(60)
        gone = http.get(location, headers=KEY)

    assert gone.status_code == 404


def test_faults_in_the_v3_dialect(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    failed = submit(http, png(64, 64)).headers["Operation-Location"]
    http.get(failed, headers={**KEY, "X-Emulator-Fault": "failed-operation"})
    clock.advance(3)
    failed_body = http.get(failed, headers=KEY).json()
    broken = http.post(
        ANALYZE, headers={**OCTET, "X-Emulator-Fault": "503;retry-after=2"}, content=png(64, 64)
    )
    throttled = http.post(
        ANALYZE, headers={**OCTET, "X-Emulator-Fault": "429;retry-after=4"}, content=png(64, 64)
    )

    assert failed_body["status"] == "failed"
    assert "analyzeResult" not in failed_body
    assert broken.status_code == 503
    assert broken.headers["Retry-After"] == "2"
    assert broken.json() == {
        "error": {"code": "ServiceUnavailable", "message": "The service is temporarily unavailable."}
    }
    assert re.fullmatch(UUID, broken.headers["apim-request-id"])
    assert throttled.status_code == 429
    assert throttled.json()["error"]["message"] == "Rate limit is exceeded. Try again in 4 seconds."


def test_the_blank_image_reads_as_no_lines(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    blank = http.get("/samples/blank.png")
    response = http.post(ANALYZE, headers=KEY, json={"url": emu.sample_url("blank.png")})

    page = finished(http, clock, response)["analyzeResult"]["readResults"][0]

    assert blank.headers["content-type"] == "image/png"
    assert (page["width"], page["height"], page["lines"]) == (400, 200, [])

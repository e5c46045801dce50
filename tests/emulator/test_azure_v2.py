"""Azure Computer Vision v2.0 on the emulator: Read and RecognizeText, over real loopback sockets."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator

from tests.emulator.helpers import AZURE_KEY, EmulatorFactory, FakeClock, png

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def submit_read(http: httpx.Client, data: bytes) -> str:
    response = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=data)
    assert response.status_code == 202, response.text
    return response.headers["Operation-Location"]


def expected_lines(name: str) -> list[dict[str, Any]]:
    return [
        {
            "boundingBox": list(line.box),
            "text": line.text,
            "words": [{"text": w.text, "box": list(w.box)} for w in line.words],
        }
        for line in samples.get(name).lines
    ]


def test_batch_read_answers_202_with_operation_location_on_the_emulator_origin(
    emu: Emulator, http: httpx.Client
) -> None:
    response = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=samples.read_bytes("glory.png")
    )

    assert response.status_code == 202
    assert response.content == b""
    assert response.headers["content-length"] == "0"
    assert re.fullmatch(
        re.escape(emu.base_url) + r"/vision/v2\.0/read/operations/" + UUID,
        response.headers["Operation-Location"],
    )
    assert re.fullmatch(UUID, response.headers["apim-request-id"])


def test_read_goes_not_started_running_succeeded_with_the_true_transcript(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    location = submit_read(http, samples.read_bytes("glory.png"))

    first = http.get(location, headers=KEY)
    clock.advance(1.5)
    second = http.get(location, headers=KEY)
    clock.advance(1.5)
    done = http.get(location, headers=KEY)

    assert (first.status_code, first.json()) == (200, {"status": "NotStarted"})
    assert second.json() == {"status": "Running"}
    assert done.status_code == 200
    assert done.headers["content-type"] == "application/json; charset=utf-8"
    body = done.json()
    assert body["status"] == "Succeeded"
    [page] = body["recognitionResults"]
    sample = samples.get("glory.png")
    assert {k: page[k] for k in ("page", "clockwiseOrientation", "width", "height", "unit")} == {
        "page": 1,
        "clockwiseOrientation": 0.0,
        "width": sample.width,
        "height": sample.height,
        "unit": "pixel",
    }
    assert [line["text"] for line in page["lines"]] == [line.text for line in sample.lines]
    for got, want in zip(page["lines"], expected_lines("glory.png"), strict=True):
        assert got["boundingBox"] == want["boundingBox"]
        assert [(w["text"], w["boundingBox"]) for w in got["words"]] == [
            (w["text"], w["box"]) for w in want["words"]
        ]
        for word in got["words"]:
            assert set(word) <= {"boundingBox", "text", "confidence"}
            assert word.get("confidence", "Low") == "Low"


def test_read_accepts_a_json_url_of_a_bundled_sample(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    response = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze", headers=KEY, json={"url": emu.sample_url("note.png")}
    )
    clock.advance(3)
    result = http.get(response.headers["Operation-Location"], headers=KEY).json()

    assert response.status_code == 202
    assert (
        "\n".join(line["text"] for line in result["recognitionResults"][0]["lines"])
        == samples.get("note.png").text
    )


def test_recognize_text_v2_uses_text_operations_and_the_singular_result(
    emu: Emulator, http: httpx.Client, clock: FakeClock
) -> None:
    response = http.post(
        "/vision/v2.0/recognizeText",
        params={"mode": "Handwritten"},
        headers=OCTET,
        content=samples.read_bytes("note.png"),
    )
    location = response.headers["Operation-Location"]
    running = http.get(location, headers=KEY).json()
    clock.advance(3)
    done = http.get(location, headers=KEY).json()

    assert response.status_code == 202
    assert re.fullmatch(re.escape(emu.base_url) + r"/vision/v2\.0/textOperations/" + UUID, location)
    assert running == {"status": "NotStarted"}
    assert done["status"] == "Succeeded"
    assert "recognitionResults" not in done
    assert [line["text"] for line in done["recognitionResult"]["lines"]] == [
        "Meet me by the old oak tree",
        "at half past nine",
    ]


@pytest.mark.parametrize("mode", [None, "Cursive"])
def test_recognize_text_v2_requires_a_known_mode(http: httpx.Client, mode: str | None) -> None:
    params = {"mode": mode} if mode else {}
    response = http.post("/vision/v2.0/recognizeText", params=params, headers=OCTET, content=png(100, 100))

    assert response.status_code == 400
    assert response.json()["code"] == "BadArgument"


def test_operation_ids_do_not_cross_endpoints(http: httpx.Client) -> None:
    location = submit_read(http, png(100, 100))
    operation_id = location.rsplit("/", 1)[1]

    response = http.get(f"/vision/v2.0/textOperations/{operation_id}", headers=KEY)

    assert response.status_code == 404
    assert response.json()["code"] == "NotFound"


def test_operations_expire_after_the_ttl(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    from handwriting_ocr.emulator import EmulatorConfig

    emu = make_emulator(EmulatorConfig(processing_time=0, operation_ttl=60))
    with httpx.Client(base_url=emu.base_url) as http:
        location = submit_read(http, png(100, 100))
        clock.advance(59)
        alive = http.get(location, headers=KEY)
        clock.advance(1)
        gone = http.get(location, headers=KEY)

    assert alive.json()["status"] == "Succeeded"
    assert gone.status_code == 404
    body = gone.json()
    assert body["code"] == "NotFound"
    assert body["requestId"] == gone.headers["apim-request-id"]


def test_missing_key_is_a_401_in_the_gateway_envelope(http: httpx.Client) -> None:
    response = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", content=png(100, 100))

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "401",
            "message": "Access denied due to missing subscription key. "
            "Make sure to include subscription key when making requests to an API.",
        }
    }


@pytest.mark.parametrize(
    "path", ["/vision/v2.0/read/core/asyncBatchAnalyze", "/vision/v2.0/read/operations/abc"]
)
def test_wrong_key_is_a_401_on_every_operation(http: httpx.Client, path: str) -> None:
    method = "POST" if path.endswith("Analyze") else "GET"
    response = http.request(method, path, headers={"Ocp-Apim-Subscription-Key": "not-the-key"})

    assert response.status_code == 401
    assert set(response.json()) == {"error"}
    assert response.json()["error"]["code"] == "401"
    assert "invalid subscription key" in response.json()["error"]["message"]


def test_unknown_path_is_a_404_in_the_gateway_envelope(http: httpx.Client) -> None:
    response = http.get("/vision/v2.0/nothing-here", headers=KEY)

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "404", "message": "Resource not found"}}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "InvalidImageSize"),
        (b"GIF89a\x64\x00\x64\x00", "InvalidImageFormat"),  # GIF: not a Read format
        (b"plain text, not an image", "InvalidImageFormat"),
        (b"\x89PNG\r\n\x1a\n\x00", "InvalidImageFormat"),  # PNG magic, header cut short
        (png(49, 200), "InvalidImageSize"),
        (png(10001, 60), "InvalidImageSize"),
        (png(60, 60) + b"\x00" * (20 * 1024 * 1024), "InvalidImageSize"),
    ],
)
def test_read_validates_uploads_like_the_service(http: httpx.Client, content: bytes, code: str) -> None:
    response = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=content)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert body["requestId"] == response.headers["apim-request-id"]


def test_recognize_text_has_the_smaller_limits(http: httpx.Client) -> None:
    read = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=OCTET, content=png(4300, 60))
    text = http.post("/vision/v2.0/recognizeText?mode=Printed", headers=OCTET, content=png(4300, 60))

    assert read.status_code == 202
    assert (text.status_code, text.json()["code"]) == (400, "InvalidImageSize")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "not a url"}, "InvalidImageUrl"),
        ({"uri": "https://example.com/a.png"}, "InvalidImageUrl"),
        ({"url": "https://unreachable.example.com/a.png"}, "InvalidImageUrl"),
    ],
)
def test_read_validates_urls(http: httpx.Client, body: dict[str, str], code: str) -> None:
    response = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=KEY, json=body)

    assert (response.status_code, response.json()["code"]) == (400, code)


def test_bad_json_and_unsupported_media_type(http: httpx.Client) -> None:
    bad_json = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze",
        headers={**KEY, "Content-Type": "application/json"},
        content=b"{",
    )
    text = http.post(
        "/vision/v2.0/read/core/asyncBatchAnalyze",
        headers={**KEY, "Content-Type": "text/plain"},
        content=b"hi",
    )

    assert (bad_json.status_code, bad_json.json()["code"]) == (400, "BadArgument")
    assert text.status_code == 415


def test_other_urls_read_as_deterministic_pseudo_text(http: httpx.Client, clock: FakeClock) -> None:
    def read(url: str) -> list[str]:
        response = http.post("/vision/v2.0/read/core/asyncBatchAnalyze", headers=KEY, json={"url": url})
        clock.advance(3)
        page = http.get(response.headers["Operation-Location"], headers=KEY).json()["recognitionResults"][0]
        assert (page["width"], page["height"]) == (1000, 700)
        return [line["text"] for line in page["lines"]]

    first = read("https://example.com/letter.jpg")

    assert read("https://example.com/letter.jpg") == first
    assert read("https://example.com/other.jpg") != first

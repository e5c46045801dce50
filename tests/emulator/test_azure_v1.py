"""Azure Computer Vision v1.0 on the emulator: analyze, domain models, thumbnails, OCR, RecognizeText."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator
from handwriting_ocr.emulator.thumbnails import grey_png, thumbnail
from PIL import Image

from tests.emulator.helpers import AZURE_KEY, FakeClock, png

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}


def test_analyze_returns_only_the_requested_features(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/analyze",
        params={"visualFeatures": "Tags,Color,Description", "language": "en"},
        headers=OCTET,
        content=samples.read_bytes("glory.png"),
    )

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"tags", "color", "description", "requestId", "metadata"}
    assert body["metadata"] == {"width": 597, "height": 208, "format": "Png"}
    assert body["requestId"] == response.headers["apim-request-id"]
    assert body["color"]["isBWImg"] is True
    assert body["description"]["captions"][0]["text"]


def test_analyze_defaults_to_categories_with_details(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/analyze",
        params={"details": "Celebrities,Landmarks"},
        headers=OCTET,
        content=png(64, 64),
    )

    body = response.json()
    assert set(body) == {"categories", "requestId", "metadata"}
    assert body["categories"] == [
        {"name": "text_", "score": 0.9, "detail": {"celebrities": [], "landmarks": []}}
    ]


@pytest.mark.parametrize(
    ("params", "code"),
    [({"visualFeatures": "Tags,Smells"}, "BadArgument"), ({"language": "fr"}, "NotSupportedLanguage")],
)
def test_analyze_rejects_unknown_parameters(http: httpx.Client, params: dict[str, str], code: str) -> None:
    response = http.post("/vision/v1.0/analyze", params=params, headers=OCTET, content=png(64, 64))

    assert (response.status_code, response.json()["code"]) == (400, code)


@pytest.mark.parametrize("model", ["celebrities", "landmarks"])
def test_analyze_by_domain(http: httpx.Client, model: str) -> None:
    response = http.post(f"/vision/v1.0/models/{model}/analyze", headers=OCTET, content=png(64, 64))

    assert response.status_code == 200
    body = response.json()
    assert body["result"] == {model: []}
    assert body["metadata"] == {"width": 64, "height": 64, "format": "Png"}


def test_analyze_by_unknown_domain_is_rejected(http: httpx.Client) -> None:
    response = http.post("/vision/v1.0/models/cats/analyze", headers=OCTET, content=png(64, 64))

    assert (response.status_code, response.json()["code"]) == (400, "BadArgument")


def test_generate_thumbnail_is_a_jpeg_of_the_requested_size(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/generateThumbnail",
        params={"width": 120, "height": 80, "smartCropping": "true"},
        headers=OCTET,
        content=samples.read_bytes("note.png"),
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as picture:
        assert (picture.format, picture.size) == ("JPEG", (120, 80))


@pytest.mark.parametrize(
    "params", [{"width": 0, "height": 10}, {"width": 1024, "height": 10}, {"height": 10}]
)
def test_generate_thumbnail_checks_its_size(http: httpx.Client, params: dict[str, int]) -> None:
    response = http.post("/vision/v1.0/generateThumbnail", params=params, headers=OCTET, content=png(64, 64))

    assert response.status_code == 400
    assert response.json()["code"] == "InvalidThumbnailSize"


def test_thumbnail_without_pillow_is_a_plain_png_of_the_requested_size() -> None:
    data, media_type = thumbnail(None, 33, 21, smart_cropping=False)

    assert media_type == "image/png"
    assert data == grey_png(33, 21)
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        assert (picture.format, picture.size) == ("PNG", (33, 21))


def test_ocr_returns_regions_with_string_boxes(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/ocr",
        params={"detectOrientation": "true"},
        headers=OCTET,
        content=samples.read_bytes("note.png"),
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["language"], body["textAngle"], body["orientation"]) == ("en", 0.0, "Up")
    [region] = body["regions"]
    sample = samples.get("note.png")
    assert [" ".join(w["text"] for w in line["words"]) for line in region["lines"]] == [
        line.text for line in sample.lines
    ]
    first_word = sample.lines[0].words[0].box
    assert region["lines"][0]["words"][0]["boundingBox"] == (
        f"{first_word[0]},{first_word[1]},{first_word[2] - first_word[0]},{first_word[5] - first_word[1]}"
    )
    for line in region["lines"]:
        assert set(line) == {"boundingBox", "words"}  # v1.0 OCR lines have no text of their own
        assert re.fullmatch(r"\d+,\d+,\d+,\d+", line["boundingBox"])


def test_ocr_rejects_unknown_languages_and_small_images(http: httpx.Client) -> None:
    language = http.post("/vision/v1.0/ocr", params={"language": "xx"}, headers=OCTET, content=png(64, 64))
    small = http.post("/vision/v1.0/ocr", headers=OCTET, content=png(39, 64))

    assert (language.status_code, language.json()["code"]) == (400, "NotSupportedLanguage")
    assert (small.status_code, small.json()["code"]) == (400, "InvalidImageSize")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/vision/v1.0/recognizeText", {"detectHandwriting": "true"}),
        ("/vision/v1.0/RecognizeText", {"handwriting": "true"}),  # seed 003's spelling
        ("/vision/v1.0/recognizeText", {}),
    ],
)
def test_recognize_text_v1_flow_spells_not_started_with_a_space(
    emu: Emulator, http: httpx.Client, clock: FakeClock, path: str, params: dict[str, str]
) -> None:
    response = http.post(path, params=params, headers=KEY, json={"url": emu.sample_url("shopping-list.png")})
    location = response.headers["Operation-Location"]
    first = http.get(location, headers=KEY).json()
    clock.advance(3)
    done = http.get(location, headers=KEY).json()

    assert response.status_code == 202
    assert location.startswith(f"{emu.base_url}/vision/v1.0/textOperations/")
    assert first == {"status": "Not Started"}
    assert done["status"] == "Succeeded"
    lines = done["recognitionResult"]["lines"]
    assert [line["text"] for line in lines] == [line.text for line in samples.get("shopping-list.png").lines]
    assert all(set(word) == {"boundingBox", "text"} for line in lines for word in line["words"])


def test_recognize_text_v1_rejects_a_bad_flag(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/recognizeText", params={"handwriting": "maybe"}, headers=OCTET, content=png(64, 64)
    )

    assert (response.status_code, response.json()["code"]) == (400, "BadArgument")


def test_v1_and_v2_operation_ids_are_separate(emu: Emulator, http: httpx.Client) -> None:
    response = http.post("/vision/v1.0/recognizeText", headers=OCTET, content=png(64, 64))
    operation_id = response.headers["Operation-Location"].rsplit("/", 1)[1]

    assert http.get(f"/vision/v2.0/textOperations/{operation_id}", headers=KEY).status_code == 404
    assert http.get(f"/vision/v1.0/textOperations/{operation_id}", headers=KEY).status_code == 200


def test_v1_requires_the_key(http: httpx.Client) -> None:
    response = http.post(
        "/vision/v1.0/ocr", headers={"Content-Type": "application/octet-stream"}, content=png(64, 64)
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "401"

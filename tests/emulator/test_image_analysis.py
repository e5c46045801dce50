"""Azure Image Analysis 4.0 on the emulator: the synchronous result, features, auth, and its error envelope."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator

from tests.emulator.helpers import AZURE_KEY, png

KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}
OCTET = {**KEY, "Content-Type": "application/octet-stream"}
PATH = "/computervision/imageanalysis:analyze"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def analyze(
    http: httpx.Client,
    content: bytes,
    *,
    features: str | None = "read",
    headers: dict[str, str] = OCTET,
    params: dict[str, str] | None = None,
) -> httpx.Response:
    query = {"api-version": "2023-10-01", **(params or {})}
    if features is not None:
        query["features"] = features
    return http.post(PATH, params=query, headers=headers, content=content)


def points(box: tuple[int, ...]) -> list[dict[str, int]]:
    return [{"x": box[i], "y": box[i + 1]} for i in range(0, 8, 2)]


def error_of(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert list(body) == ["error"]
    assert response.headers["x-ms-error-code"] == body["error"]["code"]
    return body["error"]  # type: ignore[no-any-return]


def test_read_answers_the_result_at_once(http: httpx.Client) -> None:
    response = analyze(http, samples.read_bytes("glory.png"))

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert re.fullmatch(UUID, response.headers["apim-request-id"])
    body = response.json()
    sample = samples.get("glory.png")
    assert set(body) == {"modelVersion", "metadata", "readResult"}
    assert body["modelVersion"] == "2023-10-01"
    assert body["metadata"] == {"width": sample.width, "height": sample.height}
    [block] = body["readResult"]["blocks"]
    assert [line["text"] for line in block["lines"]] == [line.text for line in sample.lines]
    for got, want in zip(block["lines"], sample.lines, strict=True):
        assert set(got) == {"text", "boundingPolygon", "words"}  # no line confidence, no style
        assert got["boundingPolygon"] == points(want.box)
        assert [(w["text"], w["boundingPolygon"]) for w in got["words"]] == [
            (w.text, points(w.box)) for w in want.words
        ]
        assert all(0 < w["confidence"] <= 1 for w in got["words"])


def test_a_url_of_a_sample(emu: Emulator, http: httpx.Client) -> None:
    response = http.post(
        PATH,
        params={"api-version": "2023-10-01", "features": "read"},
        headers=KEY,
        json={"url": emu.sample_url("note.png")},
    )

    lines = response.json()["readResult"]["blocks"][0]["lines"]
    assert "\n".join(line["text"] for line in lines) == samples.get("note.png").text


def test_every_feature_when_asked(http: httpx.Client) -> None:
    sample = samples.get("note.png")
    response = analyze(
        http,
        samples.read_bytes("note.png"),
        features="caption,denseCaptions,tags,objects,smartCrops,people,read",
        params={"smartcrops-aspect-ratios": "0.9,1.5", "gender-neutral-caption": "true"},
    )

    body = response.json()
    assert set(body) == {
        "modelVersion",
        "metadata",
        "captionResult",
        "denseCaptionsResult",
        "tagsResult",
        "objectsResult",
        "peopleResult",
        "smartCropsResult",
        "readResult",
    }
    assert set(body["captionResult"]) == {"text", "confidence"}
    dense = body["denseCaptionsResult"]["values"]
    assert dense[0]["boundingBox"] == {"x": 0, "y": 0, "w": sample.width, "h": sample.height}
    assert len(dense) == 1 + len(sample.lines)
    first_line = sample.lines[0].box
    assert dense[1]["boundingBox"] == {
        "x": first_line[0],
        "y": first_line[1],
        "w": first_line[2] - first_line[0],
        "h": first_line[5] - first_line[1],
    }
    assert [tag["name"] for tag in body["tagsResult"]["values"]] == ["text", "handwriting", "paper"]
    assert body["objectsResult"] == {"values": []}
    assert body["peopleResult"] == {"values": []}
    crops = body["smartCropsResult"]["values"]
    assert [crop["aspectRatio"] for crop in crops] == [0.9, 1.5]
    for crop in crops:
        box = crop["boundingBox"]
        assert box["w"] / box["h"] == pytest.approx(crop["aspectRatio"], abs=0.01)
        assert box["x"] >= 0 and box["x"] + box["w"] <= sample.width
        assert box["y"] >= 0 and box["y"] + box["h"] <= sample.height


def test_smart_crops_without_ratios_pick_one(http: httpx.Client) -> None:
    crops = analyze(http, png(300, 100), features="smartCrops").json()["smartCropsResult"]["values"]

    assert crops == [{"aspectRatio": 1.8, "boundingBox": {"x": 60, "y": 0, "w": 180, "h": 100}}]


def test_feature_names_are_case_insensitive_and_deduplicated(http: httpx.Client) -> None:
    body = analyze(http, png(64, 64), features="READ,Tags,read").json()

    assert set(body) == {"modelVersion", "metadata", "readResult", "tagsResult"}


@pytest.mark.parametrize(
    ("params", "code", "inner"),
    [
        ({"api-version": ""}, "MissingApiVersionParameter", None),
        ({"api-version": "2022-10-12-preview"}, "UnsupportedApiVersionValue", None),
        ({"features": ""}, "InvalidRequest", "BadArgument"),
        ({"features": "read,faces"}, "InvalidRequest", "NotSupportedVisualFeature"),
        ({"features": "caption", "language": "fr"}, "InvalidRequest", "NotSupportedLanguage"),
        ({"language": "12345"}, "InvalidRequest", "NotSupportedLanguage"),
        ({"gender-neutral-caption": "maybe"}, "InvalidRequest", "BadArgument"),
        ({"features": "smartCrops", "smartcrops-aspect-ratios": "0.5"}, "InvalidRequest", "BadArgument"),
        ({"features": "smartCrops", "smartcrops-aspect-ratios": "wide"}, "InvalidRequest", "BadArgument"),
        ({"model-version": "2021-01-01"}, "InvalidRequest", "InvalidModel"),
    ],
)
def test_query_errors(http: httpx.Client, params: dict[str, str], code: str, inner: str | None) -> None:
    query = {"api-version": "2023-10-01", "features": "read", **params}
    query = {name: value for name, value in query.items() if not (name == "api-version" and value == "")}
    response = http.post(PATH, params=query, headers=OCTET, content=png(64, 64))

    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    if inner is None:
        assert "innererror" not in error
    else:
        assert error["innererror"] == {"code": inner, "message": error["message"]}


def test_read_in_another_language_is_fine(http: httpx.Client) -> None:
    assert analyze(http, png(64, 64), params={"language": "fr"}).status_code == 200


@pytest.mark.parametrize(
    ("content", "status", "inner"),
    [
        (b"", 400, None),
        (png(60, 60) + b"\x00" * (20 * 1024 * 1024), 400, None),
        (b"plain text, not an image", 400, "InvalidImageFormat"),
        (png(49, 100), 400, "InvalidImageSize"),
        (png(16001, 60), 400, "InvalidImageSize"),
    ],
)
def test_image_errors(http: httpx.Client, content: bytes, status: int, inner: str | None) -> None:
    response = analyze(http, content)

    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == "InvalidRequest"
    assert error.get("innererror", {}).get("code") == inner


def test_gif_and_large_pictures_are_accepted(http: httpx.Client) -> None:
    from tests.emulator.test_recognition import pillow_bytes

    assert analyze(http, pillow_bytes("GIF", (80, 60))).status_code == 200
    assert analyze(http, png(12000, 60)).status_code == 200  # beyond Read v3.2's 10000, within 16000


def test_bearer_tokens_and_keys(http: httpx.Client) -> None:
    bearer = analyze(http, png(64, 64), headers={"Authorization": "Bearer emulator-entra-token"})
    wrong_bearer = analyze(http, png(64, 64), headers={"Authorization": "Bearer stolen"})
    nothing = analyze(http, png(64, 64), headers={})
    wrong_key = analyze(http, png(64, 64), headers={"Ocp-Apim-Subscription-Key": "nope"})

    assert bearer.status_code == 200
    for refused in (wrong_bearer, nothing, wrong_key):
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "401"
        assert "x-ms-error-code" not in refused.headers  # the gateway's answer, not the service's


def test_unknown_paths_and_methods_are_the_gateway_404(http: httpx.Client) -> None:
    for response in (
        http.get(PATH, params={"api-version": "2023-10-01"}, headers=KEY),
        http.post("/computervision/imageanalysis:segment", headers=OCTET, content=png(64, 64)),
    ):
        assert response.status_code == 404
        assert response.json() == {"error": {"code": "404", "message": "Resource not found"}}


def test_faults(http: httpx.Client) -> None:
    broken = analyze(http, png(64, 64), headers={**OCTET, "X-Emulator-Fault": "500"})
    failed = analyze(http, png(64, 64), headers={**OCTET, "X-Emulator-Fault": "failed-operation"})

    assert broken.status_code == 500
    assert error_of(broken) == {"code": "InternalServerError", "message": "Internal server error."}
    assert failed.status_code == 500
    assert error_of(failed)["code"] == "InternalServerError"


def test_the_blank_image_has_no_blocks(http: httpx.Client) -> None:
    blank = http.get("/samples/blank.png").content

    body = analyze(http, blank, features="read,caption").json()

    assert body["readResult"] == {"blocks": []}
    assert body["captionResult"]["text"] == "a blank white surface"

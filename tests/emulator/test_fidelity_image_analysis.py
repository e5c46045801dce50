"""The official Azure Image Analysis SDK (azure-ai-vision-imageanalysis), pointed at the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from azure.ai.vision.imageanalysis import ImageAnalysisClient
from azure.ai.vision.imageanalysis.models import VisualFeatures
from azure.core.credentials import AccessToken, AzureKeyCredential
from azure.core.exceptions import HttpResponseError
from azure.core.rest import HttpResponse
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig

pytestmark = pytest.mark.fidelity


@pytest.fixture
def client(ocr_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[ImageAnalysisClient]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with ImageAnalysisClient(ocr_emulator.base_url, AzureKeyCredential("emulator-key")) as sdk:
        yield sdk


class StaticToken:
    """A TokenCredential handing out the emulator's Entra ID test token."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.scopes: list[str] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.extend(scopes)
        return AccessToken(self.token, 4_102_444_800)


def test_analyze_image_data_with_the_read_feature(client: ImageAnalysisClient) -> None:
    result = client.analyze(image_data=samples.read_bytes("glory.png"), visual_features=[VisualFeatures.READ])

    sample = samples.get("glory.png")
    assert result.model_version == "2023-10-01"
    assert (result.metadata.width, result.metadata.height) == (sample.width, sample.height)
    assert result.read is not None
    [block] = result.read.blocks
    assert [line.text for line in block.lines] == [line.text for line in sample.lines]
    first = block.lines[0].words[0]
    box = sample.lines[0].words[0].box
    assert [(p.x, p.y) for p in first.bounding_polygon] == [(box[i], box[i + 1]) for i in range(0, 8, 2)]
    assert 0 < first.confidence <= 1


def test_analyze_from_url_with_more_features(client: ImageAnalysisClient, ocr_emulator: Emulator) -> None:
    result = client.analyze_from_url(
        ocr_emulator.sample_url("note.png"),
        visual_features=[
            VisualFeatures.READ,
            VisualFeatures.CAPTION,
            VisualFeatures.TAGS,
            VisualFeatures.SMART_CROPS,
        ],
        gender_neutral_caption=True,
        smart_crops_aspect_ratios=[1.2],
        language="en",
    )

    assert result.read is not None and result.caption is not None and result.tags is not None
    assert "\n".join(line.text for line in result.read.blocks[0].lines) == samples.get("note.png").text
    assert result.caption.text
    assert [tag.name for tag in result.tags.list][:2] == ["text", "handwriting"]
    assert result.smart_crops is not None
    assert result.smart_crops.list[0].aspect_ratio == 1.2


def test_a_bearer_token_credential(ocr_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    token = StaticToken("emulator-entra-token")
    with ImageAnalysisClient(ocr_emulator.base_url, token) as sdk:
        # azure-core refuses bearer tokens over plain http unless told otherwise: the emulator is http.
        result = sdk.analyze(
            image_data=samples.read_bytes("note.png"),
            visual_features=[VisualFeatures.READ],
            enforce_https=False,
        )

    assert token.scopes == ["https://cognitiveservices.azure.com/.default"]
    assert result.read is not None
    assert [line.text for line in result.read.blocks[0].lines] == [
        line.text for line in samples.get("note.png").lines
    ]


def test_service_errors_raise_the_sdk_exception(client: ImageAnalysisClient) -> None:
    with pytest.raises(HttpResponseError) as caught:
        client.analyze(image_data=b"not an image", visual_features=[VisualFeatures.READ])

    assert caught.value.status_code == 400
    assert caught.value.error is not None
    assert caught.value.error.code == "InvalidRequest"
    assert caught.value.error.innererror == {
        "code": "InvalidImageFormat",
        "message": caught.value.error.message,
    }


def test_beyond_the_quota_the_sdk_sees_429_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with (
        Emulator(EmulatorConfig(quota="1/min")) as emulator,
        ImageAnalysisClient(emulator.base_url, AzureKeyCredential("emulator-key"), retry_total=0) as sdk,
    ):
        sdk.analyze(image_data=samples.read_bytes("note.png"), visual_features=[VisualFeatures.READ])
        with pytest.raises(HttpResponseError) as caught:
            sdk.analyze(image_data=samples.read_bytes("note.png"), visual_features=[VisualFeatures.READ])

    assert caught.value.status_code == 429
    assert isinstance(caught.value.response, HttpResponse)
    assert caught.value.response.headers["Retry-After"] == "60"

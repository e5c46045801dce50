"""The official Tencent Cloud OCR SDK (tencentcloud-sdk-python-ocr), pointed at the emulator: its TC3
signatures verify, and GeneralHandwritingOCR reads the samples."""

from __future__ import annotations

import base64

import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig

# The SDK has no type information; "unused-ignore" keeps mypy quiet once the project's mypy
# configuration lists tencentcloud.* among the untyped test-only packages.
from tencentcloud.common import credential  # type: ignore[import-untyped,unused-ignore]
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (  # type: ignore[import-untyped,unused-ignore]
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile  # type: ignore[import-untyped,unused-ignore]
from tencentcloud.common.profile.http_profile import HttpProfile  # type: ignore[import-untyped,unused-ignore]
from tencentcloud.ocr.v20181119 import models, ocr_client  # type: ignore[import-untyped,unused-ignore]

pytestmark = pytest.mark.fidelity


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def make_client(
    emulator: Emulator,
    *,
    secret_key: str | None = None,
    temporary: bool = False,
    unsigned_payload: bool = False,
) -> ocr_client.OcrClient:
    if temporary:
        key = emulator.config.tencent.temporary_keys[0]
        cred = credential.Credential(key.secret_id, key.secret_key, key.token)
    else:
        account = emulator.config.tencent.accounts[0]
        cred = credential.Credential(account.secret_id, secret_key or account.secret_key)
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=emulator.tencent_v3_host, protocol="http"))
    profile.unsignedPayload = unsigned_payload
    return ocr_client.OcrClient(cred, emulator.tencent_region, profile)


def handwriting_request(
    *, image: str | None = None, url: str | None = None, word_polygon: bool | None = None
) -> models.GeneralHandwritingOCRRequest:
    request = models.GeneralHandwritingOCRRequest()
    if image is not None:
        request.ImageBase64 = base64.b64encode(samples.read_bytes(image)).decode()
    if url is not None:
        request.ImageUrl = url
    if word_polygon is not None:
        request.EnableWordPolygon = word_polygon
    return request


def test_general_handwriting_ocr_with_a_tc3_signature(ocr_emulator: Emulator) -> None:
    response = make_client(ocr_emulator).GeneralHandwritingOCR(handwriting_request(image="glory.png"))

    sample = samples.get("glory.png")
    assert [d.DetectedText for d in response.TextDetections] == [line.text for line in sample.lines]
    first = response.TextDetections[0]
    assert [(p.X, p.Y) for p in first.Polygon] == [
        (sample.lines[0].box[i], sample.lines[0].box[i + 1]) for i in range(0, 8, 2)
    ]
    assert 0 <= first.Confidence <= 100
    assert first.WordPolygon is None
    assert response.Angle == 0
    assert response.RequestId


def test_image_url_and_word_polygons(ocr_emulator: Emulator) -> None:
    request = handwriting_request(url=ocr_emulator.sample_url("note.png"), word_polygon=True)

    response = make_client(ocr_emulator).GeneralHandwritingOCR(request)

    lines = samples.get("note.png").lines
    assert [d.DetectedText for d in response.TextDetections] == [line.text for line in lines]
    polygons = response.TextDetections[0].WordPolygon
    assert len(polygons) == len(lines[0].text.replace(" ", ""))
    assert lines[0].words[0].box[:2] == (polygons[0].LeftTop.X, polygons[0].LeftTop.Y)


def test_temporary_credentials_and_unsigned_payloads(ocr_emulator: Emulator) -> None:
    temporary = make_client(ocr_emulator, temporary=True).GeneralHandwritingOCR(
        handwriting_request(image="note.png")
    )
    unsigned = make_client(ocr_emulator, unsigned_payload=True).GeneralHandwritingOCR(
        handwriting_request(image="note.png")
    )

    expected = [line.text for line in samples.get("note.png").lines]
    assert [d.DetectedText for d in temporary.TextDetections] == expected
    assert [d.DetectedText for d in unsigned.TextDetections] == expected


def test_a_wrong_secret_key_fails_the_signature_check(ocr_emulator: Emulator) -> None:
    with pytest.raises(TencentCloudSDKException) as caught:
        make_client(ocr_emulator, secret_key="not-the-secret").GeneralHandwritingOCR(
            handwriting_request(image="note.png")
        )

    assert caught.value.get_code() == "AuthFailure.SignatureFailure"
    assert caught.value.get_request_id()


def test_an_image_without_text(ocr_emulator: Emulator) -> None:
    with pytest.raises(TencentCloudSDKException) as caught:
        make_client(ocr_emulator).GeneralHandwritingOCR(
            handwriting_request(url=ocr_emulator.sample_url("blank.png"))
        )

    assert caught.value.get_code() == "FailedOperation.ImageNoText"


def test_beyond_the_quota_request_limit_exceeded() -> None:
    with Emulator(EmulatorConfig(quota="1/min")) as emulator:
        client = make_client(emulator)
        client.GeneralHandwritingOCR(handwriting_request(image="note.png"))
        with pytest.raises(TencentCloudSDKException) as caught:
            client.GeneralHandwritingOCR(handwriting_request(image="note.png"))

    assert caught.value.get_code() == "RequestLimitExceeded"

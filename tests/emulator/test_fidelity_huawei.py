"""The official Huawei Cloud OCR SDK, pointed at the emulator, signs with AK/SK and gets its result."""

from __future__ import annotations

import base64

import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkocr.v1 import HandwritingRequestBody, OcrClient, RecognizeHandwritingRequest

pytestmark = pytest.mark.fidelity


def make_client(emulator: Emulator, secret_key: str | None = None) -> OcrClient:
    settings = emulator.config.huawei
    credentials = BasicCredentials(
        settings.access_key, secret_key or settings.secret_key, settings.project_id
    )
    # with_endpoint takes a full URL: an http:// one is used as is (the SDK only adds https:// to bare hosts).
    return OcrClient.new_builder().with_credentials(credentials).with_endpoint(emulator.base_url).build()


def handwriting_request(name: str) -> RecognizeHandwritingRequest:
    image = base64.b64encode(samples.read_bytes(name)).decode()
    return RecognizeHandwritingRequest(body=HandwritingRequestBody(image=image, char_set="general"))


def test_recognize_handwriting_with_an_ak_sk_signature(ocr_emulator: Emulator) -> None:
    response = make_client(ocr_emulator).recognize_handwriting(handwriting_request("glory.png"))

    sample = samples.get("glory.png")
    assert response.result.words_block_count == len(sample.lines)
    assert [block.words for block in response.result.words_block_list] == [line.text for line in sample.lines]
    assert response.result.words_block_list[0].location[0] == list(sample.lines[0].box[:2])


def test_the_emulator_rejects_the_sdk_signature_made_with_a_wrong_secret(ocr_emulator: Emulator) -> None:
    with pytest.raises(ClientRequestException) as caught:
        make_client(ocr_emulator, secret_key="wrong-secret").recognize_handwriting(
            handwriting_request("note.png")
        )

    assert caught.value.status_code == 401
    assert caught.value.error_code == "APIG.0301"
    assert caught.value.request_id

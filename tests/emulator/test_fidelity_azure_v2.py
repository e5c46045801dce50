"""The official Azure SDK 0.4.0 (Computer Vision v2.0), pointed at the emulator, completes its calls."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pytest
from azure.cognitiveservices.vision.computervision import ComputerVisionClient
from azure.cognitiveservices.vision.computervision.models import (
    ComputerVisionErrorException,
    TextOperationStatusCodes,
)
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, Fault
from msrest.authentication import CognitiveServicesCredentials

pytestmark = pytest.mark.fidelity

PENDING = (TextOperationStatusCodes.not_started, TextOperationStatusCodes.running)


@pytest.fixture
def client(ocr_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> ComputerVisionClient:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return ComputerVisionClient(ocr_emulator.base_url, CognitiveServicesCredentials("emulator-key"))


def poll(get: Callable[[str], object], operation_id: str) -> object:
    deadline = time.monotonic() + 10
    while True:
        result = get(operation_id)
        if getattr(result, "status", None) not in PENDING:
            return result
        assert time.monotonic() < deadline, "the operation never finished"
        time.sleep(0.02)


def operation_id(raw: object) -> str:
    location: str = raw.headers["Operation-Location"]  # type: ignore[attr-defined]
    return location.rsplit("/", 1)[1]


def test_batch_read_file_by_url_then_get_read_operation_result(
    client: ComputerVisionClient, ocr_emulator: Emulator
) -> None:
    raw = client.batch_read_file(ocr_emulator.sample_url("glory.png"), raw=True)

    result = poll(client.get_read_operation_result, operation_id(raw))

    assert result.status == TextOperationStatusCodes.succeeded  # type: ignore[attr-defined]
    [page] = result.recognition_results  # type: ignore[attr-defined]
    sample = samples.get("glory.png")
    assert (page.width, page.height, page.unit) == (sample.width, sample.height, "pixel")
    assert [line.text for line in page.lines] == [line.text for line in sample.lines]
    assert page.lines[0].words[0].bounding_box == list(sample.lines[0].words[0].box)


def test_batch_read_file_in_stream(client: ComputerVisionClient) -> None:
    raw = client.batch_read_file_in_stream(io.BytesIO(samples.read_bytes("note.png")), raw=True)

    result = poll(client.get_read_operation_result, operation_id(raw))

    lines = result.recognition_results[0].lines  # type: ignore[attr-defined]
    assert [line.text for line in lines] == ["Meet me by the old oak tree", "at half past nine"]


def test_recognize_text_then_get_text_operation_result(
    client: ComputerVisionClient, ocr_emulator: Emulator
) -> None:
    raw = client.recognize_text(ocr_emulator.sample_url("shopping-list.png"), "Handwritten", raw=True)

    result = poll(client.get_text_operation_result, operation_id(raw))

    assert result.status == TextOperationStatusCodes.succeeded  # type: ignore[attr-defined]
    assert [line.text for line in result.recognition_result.lines] == [  # type: ignore[attr-defined]
        line.text for line in samples.get("shopping-list.png").lines
    ]


def test_a_failed_operation_reads_as_failed(client: ComputerVisionClient, ocr_emulator: Emulator) -> None:
    ocr_emulator.faults.push("azure", Fault.failed_operation())
    raw = client.batch_read_file(ocr_emulator.sample_url("note.png"), raw=True)

    result = poll(client.get_read_operation_result, operation_id(raw))

    assert result.status == TextOperationStatusCodes.failed  # type: ignore[attr-defined]


def test_service_errors_raise_the_sdk_exception(client: ComputerVisionClient) -> None:
    with pytest.raises(ComputerVisionErrorException) as caught:
        client.batch_read_file_in_stream(io.BytesIO(b"not an image"), raw=True)

    assert caught.value.response.status_code == 400
    assert caught.value.error.code == "InvalidImageFormat"

"""The facades' new methods end to end: real sockets, the emulator (the ``ocr_emulator`` fixture users
get), sync and async. Each method is called as a user would and its result checked against the
bundled samples' true transcripts."""

from __future__ import annotations

import warnings

import pytest
from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult
from azure_vision_v2_client.models.read_operation_result import ReadOperationResult as V2ReadOperationResult
from azure_vision_v3_client.models.read_operation_result import ReadOperationResult
from handwriting_ocr import samples
from handwriting_ocr.clients import (
    AsyncAzureVisionClient,
    AsyncTencentOcrClient,
    AsyncTencentOcrV3Client,
    AzureVisionClient,
    TencentOcrClient,
    TencentOcrV3Client,
)
from handwriting_ocr.documents import Document
from handwriting_ocr.emulator import Emulator, Fault

# The reusable plugin's fixtures, as users enable them (re-exported so pytest finds them here).
from handwriting_ocr.emulator.pytest_plugin import _ocr_emulator_session, ocr_emulator, ocr_emulator_config
from handwriting_ocr.errors import AuthenticationError, InvalidInputError, OcrTimeoutError
from handwriting_ocr.polling import AsyncLROPoller, LROPoller
from tencent_ocr_v3_client.models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse

from tests.wrapper.test_clients__support import MODES, Mode, settle, settle_object

__all__ = ["_ocr_emulator_session", "ocr_emulator", "ocr_emulator_config"]

NOTE = "note.png"
GLORY = "glory.png"


def text_of(name: str) -> str:
    return samples.get(name).text + "\n"


def azure(emu: Emulator, mode: Mode, **kwargs: object) -> AzureVisionClient | AsyncAzureVisionClient:
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    if "token_provider" in kwargs:
        return cls(emu.base_url, **kwargs)  # type: ignore[arg-type]
    return cls.from_env(emu.environment(), **kwargs)  # type: ignore[arg-type]


def tencent_v3(emu: Emulator, mode: Mode, **env: str) -> TencentOcrV3Client | AsyncTencentOcrV3Client:
    cls = TencentOcrV3Client if mode == "sync" else AsyncTencentOcrV3Client
    return cls.from_env({**emu.environment(), **env}, endpoint=emu.base_url)


async def close(client: object) -> None:
    if isinstance(client, AzureVisionClient | TencentOcrV3Client | TencentOcrClient):
        client.close()
    else:
        assert isinstance(client, AsyncAzureVisionClient | AsyncTencentOcrV3Client | AsyncTencentOcrClient)
        await client.aclose()


async def poller_result(poller: object, timeout: float | None = None) -> object:
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    return await settle(poller.result(timeout))


# --- Azure Read v3.2 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_read_v3_begin_read_read_and_recognize(mode: Mode, ocr_emulator: Emulator) -> None:
    client = azure(ocr_emulator, mode)
    image = samples.read_bytes(NOTE)
    poller = await settle_object(
        client.begin_read(image, language="en", reading_order="natural", model_version="latest")
    )
    result = await poller_result(poller)
    document = await settle(client.read(url=ocr_emulator.sample_url(GLORY), pages=[1]))
    recognized = await settle(client.recognize(image))
    await close(client)

    assert isinstance(result, ReadOperationResult)
    assert result.to_dict()["status"] == "succeeded"
    lines = result.to_dict()["analyzeResult"]["readResults"][0]["lines"]
    assert [line["text"] for line in lines] == [line.text for line in samples.get(NOTE).lines]
    assert {line["appearance"]["style"]["name"] for line in lines} == {"handwriting"}
    assert (document.shape, document.text) == ("azure-read-v3", text_of(GLORY))
    assert (recognized.shape, recognized.text) == ("azure-read-v3", text_of(NOTE))
    assert all(line.style is not None for page in recognized.pages for line in page.lines)
    # Every call went to v3.2; nothing to v2.0.
    assert ocr_emulator.stats.requests("azure_v2").received == 0
    assert ocr_emulator.stats.requests("azure_read_v3").served >= 6


@pytest.mark.parametrize("mode", MODES)
async def test_read_v3_timeout_then_resume_in_another_client(mode: Mode, ocr_emulator: Emulator) -> None:
    ocr_emulator.set_operation_duration(0.5)  # put back by the fixture
    first = azure(ocr_emulator, mode)
    with pytest.raises(OcrTimeoutError) as caught:
        await settle(first.read(samples.read_bytes(NOTE), timeout=0.0))
    await close(first)
    token = caught.value.continuation_token
    assert token is not None
    second = azure(ocr_emulator, mode)
    resumed = await poller_result(second.resume_read(token))
    generic = await poller_result(second.poller_from_continuation_token(token))
    await close(second)
    assert isinstance(resumed, ReadOperationResult) and isinstance(generic, ReadOperationResult)
    assert resumed.to_dict() == generic.to_dict()
    assert len(ocr_emulator.stats.operations()) == 1  # one operation, resumed twice


@pytest.mark.parametrize("mode", MODES)
async def test_two_step_recognition_for_the_batch_engine(mode: Mode, ocr_emulator: Emulator) -> None:
    submitter = azure(ocr_emulator, mode)
    poller = await settle_object(submitter._begin_recognition(samples.read_bytes(GLORY)))
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    token = poller.continuation_token()
    await close(submitter)
    finisher = azure(ocr_emulator, mode)
    document = await poller_result(finisher._resume_recognition(token))
    await close(finisher)
    assert isinstance(document, Document)
    assert (document.shape, document.text) == ("azure-read-v3", text_of(GLORY))
    assert len(ocr_emulator.stats.operations()) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_the_v2_read_under_its_explicit_name(mode: Mode, ocr_emulator: Emulator) -> None:
    client = azure(ocr_emulator, mode)
    poller = await settle_object(client.begin_read_v2(samples.read_bytes(NOTE)))
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    result = await poller_result(poller)
    resumed = await poller_result(client.resume_read_v2(poller.continuation_token()))
    document = await settle(client.read_v2(url=ocr_emulator.sample_url(NOTE)))
    await close(client)
    assert isinstance(result, V2ReadOperationResult) and isinstance(resumed, V2ReadOperationResult)
    assert (document.shape, document.text) == ("azure-read", text_of(NOTE))
    assert ocr_emulator.stats.requests("azure_read_v3").received == 0


# --- Azure Image Analysis 4.0 -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_analyze_image_with_the_key(mode: Mode, ocr_emulator: Emulator) -> None:
    client = azure(ocr_emulator, mode)
    result = await settle(
        client.analyze_image(
            samples.read_bytes(NOTE),
            features=["read", "caption", "tags", "smartCrops"],
            gender_neutral_caption=True,
            smartcrops_aspect_ratios=[1.0, 1.5],
        )
    )
    only_tags = await settle(client.analyze_image(url=ocr_emulator.sample_url(GLORY), features=["tags"]))
    await close(client)
    assert isinstance(result, ImageAnalysisResult) and isinstance(only_tags, ImageAnalysisResult)
    assert result.read_result and [line.text for line in result.read_result.blocks[0].lines] == [
        line.text for line in samples.get(NOTE).lines
    ]
    assert result.caption_result and result.tags_result and result.smart_crops_result
    assert len(result.smart_crops_result.values) == 2
    # Only what was asked for is computed.
    assert only_tags.tags_result and not only_tags.read_result and not only_tags.caption_result


@pytest.mark.parametrize("mode", MODES)
async def test_analyze_image_with_an_entra_token_provider(mode: Mode, ocr_emulator: Emulator) -> None:
    token = ocr_emulator.environment()["AZURE_VISION_TOKEN"]
    calls: list[int] = []

    def provider() -> str:
        calls.append(1)
        return token

    async def async_provider() -> str:
        calls.append(1)
        return token

    client = azure(ocr_emulator, mode, token_provider=provider if mode == "sync" else async_provider)
    result = await settle(client.analyze_image(samples.read_bytes(GLORY), features=["read"]))
    await close(client)
    assert isinstance(result, ImageAnalysisResult) and result.read_result
    assert [line.text for line in result.read_result.blocks[0].lines] == [
        line.text for line in samples.get(GLORY).lines
    ]
    assert calls == [1]

    wrong = azure(ocr_emulator, mode, token_provider=lambda: "not-a-token-the-emulator-issued")
    with pytest.raises(AuthenticationError) as caught:
        await settle(wrong.analyze_image(samples.read_bytes(GLORY), features=["read"]))
    await close(wrong)
    assert "not-a-token" not in str(caught.value)


# --- Tencent API 3.0 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_v3_recognize_handwriting_and_recognize(mode: Mode, ocr_emulator: Emulator) -> None:
    client = tencent_v3(ocr_emulator, mode)
    answer = await settle(client.recognize_handwriting(samples.read_bytes(NOTE), enable_word_polygon=True))
    from_url = await settle(client.recognize_handwriting(url=ocr_emulator.sample_url(GLORY), scene="only_hw"))
    one_line = await settle(client.recognize_handwriting(samples.read_bytes(NOTE), enable_detect_text=False))
    document = await settle(client.recognize(samples.read_bytes(GLORY)))
    await close(client)

    assert isinstance(answer, GeneralHandwritingOCRResponse) and answer.request_id
    detections = answer.to_dict()["TextDetections"]
    assert [d["DetectedText"] for d in detections] == [line.text for line in samples.get(NOTE).lines]
    assert all(d["WordPolygon"] for d in detections)  # asked for: one box per character
    assert [d["DetectedText"] for d in from_url.to_dict()["TextDetections"]] == [
        line.text for line in samples.get(GLORY).lines
    ]
    assert len(one_line.to_dict()["TextDetections"]) == 1
    assert (document.shape, document.text) == ("tencent-v3", text_of(GLORY))
    assert ocr_emulator.stats.requests("tencent_v3").served == 4
    assert ocr_emulator.stats.requests("tencent_legacy").received == 0


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_v3_blank_page_is_an_empty_result(mode: Mode, ocr_emulator: Emulator) -> None:
    client = tencent_v3(ocr_emulator, mode)
    typed = await settle(client.recognize_handwriting(url=ocr_emulator.sample_url("blank.png")))
    document = await settle(client.recognize(url=ocr_emulator.sample_url("blank.png")))
    await close(client)
    assert typed.text_detections == []
    assert typed.to_dict()["Error"]["Code"] == "FailedOperation.ImageNoText"
    assert document.text == "" and [len(page.lines) for page in document.pages] == [0]


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_v3_temporary_credentials_and_a_wrong_key(mode: Mode, ocr_emulator: Emulator) -> None:
    temporary = tencent_v3(ocr_emulator, mode, **ocr_emulator.temporary_tencent_environment())
    document = await settle(temporary.recognize(samples.read_bytes(NOTE)))
    await close(temporary)
    assert document.text == text_of(NOTE)

    wrong = tencent_v3(ocr_emulator, mode, TENCENTCLOUD_SECRET_KEY="not-the-secret-key")
    with pytest.raises(AuthenticationError) as caught:
        await settle(wrong.recognize(samples.read_bytes(NOTE)))
    await close(wrong)
    assert caught.value.code == "AuthFailure.SignatureFailure"
    assert "not-the-secret-key" not in str(caught.value) + repr(wrong)


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_v3_throttling_is_retried(mode: Mode, ocr_emulator: Emulator) -> None:
    ocr_emulator.faults.push("tencent_v3", Fault.rate_limit(), times=2)
    client = tencent_v3(ocr_emulator, mode)
    document = await settle(client.recognize(samples.read_bytes(NOTE)))
    await close(client)
    assert document.text == text_of(NOTE)
    counts = ocr_emulator.stats.requests("tencent_v3")
    assert (counts.faulted, counts.served) == (2, 1)


@pytest.mark.parametrize("mode", MODES)
async def test_tencent_v3_refuses_a_gif_before_sending(mode: Mode, ocr_emulator: Emulator) -> None:
    from tests.wrapper.test_clients__support import gif

    client = tencent_v3(ocr_emulator, mode)
    with pytest.raises(InvalidInputError, match="GIF"):
        await settle(client.recognize(gif()))
    await close(client)
    assert ocr_emulator.stats.requests("tencent_v3").received == 0


# --- the legacy Tencent client's renamed method -----------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_legacy_recognize_handwriting_and_the_deprecated_alias(
    mode: Mode, ocr_emulator: Emulator
) -> None:
    cls = TencentOcrClient if mode == "sync" else AsyncTencentOcrClient
    client = cls.from_env(ocr_emulator.environment(), endpoint=ocr_emulator.base_url)
    new = await settle(client.recognize_handwriting(samples.read_bytes(NOTE)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = await settle(client.handwriting(samples.read_bytes(NOTE)))
    await close(client)
    assert [w.category for w in caught] == [DeprecationWarning]
    assert new.code == old.code == 0
    assert new.to_dict()["data"]["items"] == old.to_dict()["data"]["items"]

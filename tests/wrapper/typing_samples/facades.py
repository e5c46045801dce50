"""Code that uses every facade method, as a user would; checked by ``test_typing_facades``.

Never run, only type-checked. Every ``assert_type`` pins the exact type mypy infers, and the test
also reveals each of these expressions to check that none of them is, or contains, ``Any``.
"""

from __future__ import annotations

from typing import assert_type

import azure_vision_v2_client
import huawei_ocr_client
import tencent_ocr_client
from azure_vision_v1_client.models import domain_model_results, image_analysis, ocr_result
from azure_vision_v1_client.models import text_operation_result as v1_text
from azure_vision_v2_client.models import read_operation_result, text_operation_result
from handwriting_ocr.clients import (
    AsyncAzureVisionClient,
    AsyncHuaweiOcrClient,
    AsyncTencentOcrClient,
    AzureVisionClient,
    HuaweiOcrClient,
    TencentOcrClient,
)
from handwriting_ocr.documents import Document
from handwriting_ocr.polling import AsyncLROPoller, LROPoller
from huawei_ocr_client.models import recognize_handwriting_response
from tencent_ocr_client.models import handwriting_response

IMAGE = b"..."


def azure_sync(client: AzureVisionClient) -> None:
    assert_type(AzureVisionClient.from_env(), AzureVisionClient)
    assert_type(client.begin_read(IMAGE), LROPoller[read_operation_result.ReadOperationResult])
    assert_type(client.begin_read(IMAGE).result(), read_operation_result.ReadOperationResult)
    assert_type(client.read("scan.png", timeout=30), Document)
    assert_type(
        client.begin_recognize_text(IMAGE, mode="Printed"),
        LROPoller[text_operation_result.TextOperationResult],
    )
    assert_type(client.recognize_text(url="https://example.com/a.png"), Document)
    assert_type(client.begin_recognize_handwriting_v1(IMAGE), LROPoller[v1_text.TextOperationResult])
    assert_type(client.recognize_handwriting_v1(IMAGE), Document)
    assert_type(client.ocr(IMAGE), ocr_result.OcrResult)
    assert_type(client.analyze(IMAGE, visual_features=["Tags"]), image_analysis.ImageAnalysis)
    assert_type(client.analyze_domain(IMAGE, model="landmarks"), domain_model_results.DomainModelResults)
    assert_type(client.generate_thumbnail(IMAGE, width=64, height=64), bytes)
    assert_type(client.recognize(IMAGE), Document)
    assert_type(client.resume_read("token"), LROPoller[read_operation_result.ReadOperationResult])
    assert_type(client.resume_recognize_text("token"), LROPoller[text_operation_result.TextOperationResult])
    assert_type(client.resume_recognize_handwriting_v1("token"), LROPoller[v1_text.TextOperationResult])
    assert_type(client.begin_read(IMAGE).continuation_token(), str)
    assert_type(client.begin_read(IMAGE).status(), str)
    assert_type(client.v2, azure_vision_v2_client.Client)


async def azure_async(client: AsyncAzureVisionClient) -> None:
    poller = await client.begin_read(IMAGE)
    assert_type(poller, AsyncLROPoller[read_operation_result.ReadOperationResult])
    assert_type(await poller.result(), read_operation_result.ReadOperationResult)
    assert_type(await client.read(IMAGE), Document)
    assert_type(
        await client.begin_recognize_text(IMAGE), AsyncLROPoller[text_operation_result.TextOperationResult]
    )
    assert_type(await client.recognize_text(IMAGE), Document)
    assert_type(
        await client.begin_recognize_handwriting_v1(IMAGE), AsyncLROPoller[v1_text.TextOperationResult]
    )
    assert_type(await client.recognize_handwriting_v1(IMAGE), Document)
    assert_type(await client.ocr(IMAGE), ocr_result.OcrResult)
    assert_type(await client.analyze(IMAGE), image_analysis.ImageAnalysis)
    assert_type(await client.analyze_domain(IMAGE), domain_model_results.DomainModelResults)
    assert_type(await client.generate_thumbnail(IMAGE, width=1, height=1), bytes)
    assert_type(await client.recognize(IMAGE), Document)
    assert_type(client.resume_read("token"), AsyncLROPoller[read_operation_result.ReadOperationResult])


def huawei_sync(client: HuaweiOcrClient) -> None:
    assert_type(HuaweiOcrClient.from_env(), HuaweiOcrClient)
    assert_type(
        client.recognize_handwriting(IMAGE, quick_mode=True, char_set="digit", detect_direction=True),
        recognize_handwriting_response.RecognizeHandwritingResponse,
    )
    assert_type(client.recognize(IMAGE), Document)
    assert_type(client.generated, huawei_ocr_client.Client)


async def huawei_async(client: AsyncHuaweiOcrClient) -> None:
    assert_type(
        await client.recognize_handwriting(url="https://example.com/a.png"),
        recognize_handwriting_response.RecognizeHandwritingResponse,
    )
    assert_type(await client.recognize(IMAGE), Document)


def tencent_sync(client: TencentOcrClient) -> None:
    assert_type(TencentOcrClient.from_env(), TencentOcrClient)
    assert_type(client.handwriting(IMAGE, mode="multipart"), handwriting_response.HandwritingResponse)
    assert_type(client.general(url="https://example.com/a.png"), handwriting_response.HandwritingResponse)
    assert_type(client.recognize(IMAGE), Document)
    assert_type(client.generated, tencent_ocr_client.Client)


async def tencent_async(client: AsyncTencentOcrClient) -> None:
    assert_type(await client.handwriting(IMAGE, mode="json"), handwriting_response.HandwritingResponse)
    assert_type(await client.general(IMAGE), handwriting_response.HandwritingResponse)
    assert_type(await client.recognize(IMAGE), Document)

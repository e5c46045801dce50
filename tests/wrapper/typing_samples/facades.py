"""Code that uses every facade method, as a user would; checked by ``test_typing_facades``.

Never run, only type-checked. Every ``assert_type`` pins the exact type mypy infers, and the test
also reveals each of these expressions to check that none of them is, or contains, ``Any``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import assert_type

import azure_image_analysis_client
import azure_vision_v2_client
import azure_vision_v3_client
import handwriting_ocr.convert as conversions
import huawei_ocr_client
import tencent_ocr_client
import tencent_ocr_v3_client
from azure_image_analysis_client.models import image_analysis_result
from azure_vision_v1_client.models import domain_model_results, image_analysis, ocr_result
from azure_vision_v1_client.models import text_operation_result as v1_text
from azure_vision_v2_client.models import read_operation_result, text_operation_result
from azure_vision_v3_client.models import read_operation_result as v3_read
from handwriting_ocr.clients import (
    AsyncAzureVisionClient,
    AsyncHuaweiOcrClient,
    AsyncTencentOcrClient,
    AsyncTencentOcrV3Client,
    AzureVisionClient,
    HuaweiOcrClient,
    TencentOcrClient,
    TencentOcrV3Client,
)
from handwriting_ocr.convert import convert, from_document, to_document
from handwriting_ocr.documents import Document, JsonValue, Line, Page, Word
from handwriting_ocr.export import (
    render_overlay,
    to_alto,
    to_hocr,
    to_json,
    to_page_xml,
    to_page_xml_pages,
    to_text,
)
from handwriting_ocr.polling import AsyncLROPoller, LROPoller
from huawei_ocr_client.models import recognize_handwriting_response
from tencent_ocr_client.models import handwriting_response
from tencent_ocr_v3_client.models import general_handwriting_ocr_response, tencent_cloud_error

IMAGE = b"..."


def azure_sync(client: AzureVisionClient) -> None:
    assert_type(AzureVisionClient.from_env(), AzureVisionClient)
    assert_type(AzureVisionClient.from_env(token_provider=lambda: "token"), AzureVisionClient)
    assert_type(AzureVisionClient("https://x", token_provider=lambda: "token"), AzureVisionClient)
    assert_type(client.begin_read(IMAGE), LROPoller[v3_read.ReadOperationResult])
    assert_type(
        client.begin_read(
            IMAGE, language="en", pages=[1, "3-5"], reading_order="natural", model_version="latest"
        ),
        LROPoller[v3_read.ReadOperationResult],
    )
    assert_type(client.begin_read(IMAGE).result(), v3_read.ReadOperationResult)
    assert_type(client.read("scan.png", timeout=30), Document)
    assert_type(client.read("scan.png", pages="1,3-5", reading_order="basic"), Document)
    assert_type(client.begin_read_v2(IMAGE), LROPoller[read_operation_result.ReadOperationResult])
    assert_type(client.begin_read_v2(IMAGE).result(), read_operation_result.ReadOperationResult)
    assert_type(client.read_v2("scan.png", timeout=30), Document)
    assert_type(
        client.analyze_image(IMAGE, features=["read", "caption"], gender_neutral_caption=True),
        image_analysis_result.ImageAnalysisResult,
    )
    assert_type(
        client.analyze_image(
            url="https://example.com/a.png", features=["smartCrops"], smartcrops_aspect_ratios=[1.0]
        ),
        image_analysis_result.ImageAnalysisResult,
    )
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
    assert_type(client.resume_read("token"), LROPoller[v3_read.ReadOperationResult])
    assert_type(client.resume_read_v2("token"), LROPoller[read_operation_result.ReadOperationResult])
    assert_type(client.resume_recognize_text("token"), LROPoller[text_operation_result.TextOperationResult])
    assert_type(client.resume_recognize_handwriting_v1("token"), LROPoller[v1_text.TextOperationResult])
    assert_type(client.begin_read(IMAGE).continuation_token(), str)
    assert_type(client.begin_read(IMAGE).status(), str)
    assert_type(client.v3, azure_vision_v3_client.Client)
    assert_type(client.image_analysis, azure_image_analysis_client.Client)
    assert_type(client.v2, azure_vision_v2_client.Client)
    assert_type(
        client.poller_from_continuation_token("token"),
        LROPoller[v3_read.ReadOperationResult]
        | LROPoller[read_operation_result.ReadOperationResult]
        | LROPoller[text_operation_result.TextOperationResult]
        | LROPoller[v1_text.TextOperationResult],
    )


async def azure_async(client: AsyncAzureVisionClient) -> None:
    async def token() -> str:
        return "token"

    assert_type(AsyncAzureVisionClient("https://x", token_provider=token), AsyncAzureVisionClient)
    assert_type(AsyncAzureVisionClient.from_env(token_provider=lambda: "token"), AsyncAzureVisionClient)
    poller = await client.begin_read(IMAGE)
    assert_type(poller, AsyncLROPoller[v3_read.ReadOperationResult])
    assert_type(await poller.result(), v3_read.ReadOperationResult)
    assert_type(await client.read(IMAGE, language="de"), Document)
    assert_type(await client.begin_read_v2(IMAGE), AsyncLROPoller[read_operation_result.ReadOperationResult])
    assert_type(await client.read_v2(IMAGE), Document)
    assert_type(
        await client.analyze_image(IMAGE, features=["read"], language="en", model_version="latest"),
        image_analysis_result.ImageAnalysisResult,
    )
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
    assert_type(client.resume_read("token"), AsyncLROPoller[v3_read.ReadOperationResult])
    assert_type(client.resume_read_v2("token"), AsyncLROPoller[read_operation_result.ReadOperationResult])
    assert_type(
        client.poller_from_continuation_token("token"),
        AsyncLROPoller[v3_read.ReadOperationResult]
        | AsyncLROPoller[read_operation_result.ReadOperationResult]
        | AsyncLROPoller[text_operation_result.TextOperationResult]
        | AsyncLROPoller[v1_text.TextOperationResult],
    )


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
    assert_type(
        client.recognize_handwriting(IMAGE, mode="multipart"), handwriting_response.HandwritingResponse
    )
    assert_type(client.handwriting(IMAGE, mode="multipart"), handwriting_response.HandwritingResponse)
    assert_type(client.general(url="https://example.com/a.png"), handwriting_response.HandwritingResponse)
    assert_type(client.recognize(IMAGE), Document)
    assert_type(client.generated, tencent_ocr_client.Client)


async def tencent_async(client: AsyncTencentOcrClient) -> None:
    assert_type(
        await client.recognize_handwriting(IMAGE, mode="json"), handwriting_response.HandwritingResponse
    )
    assert_type(await client.handwriting(IMAGE, mode="json"), handwriting_response.HandwritingResponse)
    assert_type(await client.general(IMAGE), handwriting_response.HandwritingResponse)
    assert_type(await client.recognize(IMAGE), Document)


def tencent_v3_sync(client: TencentOcrV3Client) -> None:
    assert_type(TencentOcrV3Client.from_env(), TencentOcrV3Client)
    assert_type(TencentOcrV3Client("AKID", "key", region="ap-guangzhou", token="t"), TencentOcrV3Client)
    answer = client.recognize_handwriting(IMAGE, scene="only_hw", enable_word_polygon=True)
    assert_type(answer, general_handwriting_ocr_response.GeneralHandwritingOCRResponse)
    assert_type(
        client.recognize_handwriting(url="https://example.com/a.png", enable_detect_text=False),
        general_handwriting_ocr_response.GeneralHandwritingOCRResponse,
    )
    assert_type(answer.request_id, str)
    assert_type(answer.error, tencent_cloud_error.TencentCloudError | tencent_ocr_v3_client.types.Unset)
    assert_type(client.recognize(IMAGE), Document)
    assert_type(client.region, str)
    assert_type(client.generated, tencent_ocr_v3_client.Client)


async def tencent_v3_async(client: AsyncTencentOcrV3Client) -> None:
    assert_type(
        await client.recognize_handwriting(IMAGE, scene="only_hw"),
        general_handwriting_ocr_response.GeneralHandwritingOCRResponse,
    )
    assert_type(await client.recognize(url="https://example.com/a.png"), Document)


def converting(
    doc: Document, raw: dict[str, object], model: read_operation_result.ReadOperationResult
) -> None:
    assert_type(to_document(raw, "tencent"), Document)
    assert_type(to_document(model, "azure-read"), Document)
    assert_type(from_document(doc, "huawei"), dict[str, JsonValue])
    assert_type(convert(raw, "azure-ocr", "azure-read"), dict[str, JsonValue])
    assert_type(conversions.to_azure_read(doc), dict[str, JsonValue])
    assert_type(conversions.to_azure_text(doc), dict[str, JsonValue])
    assert_type(conversions.to_azure_v1_text(doc), dict[str, JsonValue])
    assert_type(conversions.to_azure_ocr(doc), dict[str, JsonValue])
    assert_type(conversions.to_huawei(doc), dict[str, JsonValue])
    assert_type(conversions.to_tencent(doc), dict[str, JsonValue])
    assert_type(conversions.from_azure_read(raw), Document)
    assert_type(conversions.from_azure_ocr(raw, raw=model), Document)
    assert_type(conversions.from_huawei(raw), Document)
    assert_type(conversions.from_tencent(raw), Document)
    assert_type(to_document(raw, "azure-read-v3"), Document)
    assert_type(to_document(raw, "azure-image-analysis"), Document)
    assert_type(to_document(raw, "tencent-v3"), Document)
    assert_type(from_document(doc, "tencent-v3"), dict[str, JsonValue])


def documents(doc: Document) -> None:
    assert_type(doc.pages, tuple[Page, ...])
    assert_type(doc.pages[0].lines, tuple[Line, ...])
    assert_type(doc.pages[0].lines[0].words, tuple[Word, ...])
    assert_type(doc.text, str)
    assert_type(doc.to_dict(), dict[str, JsonValue])
    assert_type(Document.from_json(doc.to_json()), Document)
    assert_type(Document.from_dict(doc.to_dict()), Document)


def exporting(doc: Document) -> None:
    assert_type(to_text(doc), str)
    assert_type(to_json(doc), str)
    assert_type(to_alto(doc, image_name="scan.png"), str)
    assert_type(to_hocr(doc, image_name="scan.png"), str)
    assert_type(to_page_xml(doc, created=datetime.now(UTC)), str)
    assert_type(to_page_xml_pages(doc), list[str])
    assert_type(render_overlay(doc, IMAGE), bytes)

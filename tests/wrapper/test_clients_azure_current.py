"""AzureVisionClient / AsyncAzureVisionClient on the current APIs, against respx: Read v3.2 (submit,
options, polls, pollers, tokens, the batch engine's two steps) and Image Analysis 4.0 (features,
options, key and bearer-token credentials); requests compared byte for byte, bad input never sent."""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx
from azure_image_analysis_client.api.default import analyze_image as generated_analyze_image
from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult
from azure_image_analysis_client.models.image_url import ImageUrl as AnalysisImageUrl
from azure_image_analysis_client.models.known_visual_feature import KnownVisualFeature
from azure_vision_v2_client.models.read_operation_result import ReadOperationResult as V2ReadOperationResult
from azure_vision_v3_client.api.default import read as generated_read
from azure_vision_v3_client.models.image_url import ImageUrl as V3ImageUrl
from azure_vision_v3_client.models.read_operation_result import ReadOperationResult
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import (
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    MalformedResponseError,
    OcrTimeoutError,
    OperationFailedError,
    ServiceError,
)
from handwriting_ocr.polling import AsyncLROPoller, LROPoller
from handwriting_ocr.polling.token import decode_token
from handwriting_ocr.retries import RetryPolicy

from tests.wrapper.test_clients__support import (
    MODES,
    Mode,
    gif,
    jpeg,
    json_bytes,
    padded_png,
    png,
    settle,
    settle_object,
)

ENDPOINT = "https://westus.api.cognitive.microsoft.com"
V3 = f"{ENDPOINT}/vision/v3.2"
V2 = f"{ENDPOINT}/vision/v2.0"
ANALYZE = f"{ENDPOINT}/computervision/imageanalysis:analyze"
KEY = "0123456789abcdef0123456789abcdef"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-access-token"
OP = f"{V3}/read/analyzeResults/op-v3-1"
OP_V2 = f"{V2}/read/operations/op-v2-1"

LINE = {
    "boundingBox": [10, 10, 90, 10, 90, 30, 10, 30],
    "appearance": {"style": {"name": "handwriting", "confidence": 0.92}},
    "text": "Hello world",
    "words": [
        {"boundingBox": [10, 10, 45, 10, 45, 30, 10, 30], "text": "Hello", "confidence": 0.99},
        {"boundingBox": [50, 10, 90, 10, 90, 30, 50, 30], "text": "world", "confidence": 0.41},
    ],
}
DONE = {
    "status": "succeeded",
    "createdDateTime": "2024-05-01T10:00:00Z",
    "lastUpdatedDateTime": "2024-05-01T10:00:01Z",
    "analyzeResult": {
        "version": "3.2.0",
        "modelVersion": "2022-04-30",
        "readResults": [
            {"page": 1, "angle": 0.0, "width": 120, "height": 80, "unit": "pixel", "lines": [LINE]}
        ],
    },
}
V2_DONE = {"status": "Succeeded", "recognitionResults": [{"lines": []}]}
ANALYSIS = {
    "modelVersion": "2023-10-01",
    "metadata": {"width": 120, "height": 80},
    "readResult": {
        "blocks": [
            {
                "lines": [
                    {
                        "text": "Hello world",
                        "boundingPolygon": [
                            {"x": 10, "y": 10},
                            {"x": 90, "y": 10},
                            {"x": 90, "y": 30},
                            {"x": 10, "y": 30},
                        ],
                        "words": [
                            {
                                "text": "Hello",
                                "boundingPolygon": [
                                    {"x": 10, "y": 10},
                                    {"x": 45, "y": 10},
                                    {"x": 45, "y": 30},
                                    {"x": 10, "y": 30},
                                ],
                                "confidence": 0.99,
                            }
                        ],
                    }
                ]
            }
        ]
    },
    "captionResult": {"text": "a handwritten note", "confidence": 0.87},
}

FAST_RETRY = RetryPolicy(base_backoff=0.001, max_backoff=0.002, jitter=0.0)

Client = AzureVisionClient | AsyncAzureVisionClient


def make(mode: Mode, **kwargs: object) -> Client:
    options: dict[str, object] = {"retry": FAST_RETRY, **kwargs}
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    endpoint = options.pop("endpoint", ENDPOINT)
    if "token_provider" not in options and "auth" not in options:
        options.setdefault("key", KEY)
    return cls(endpoint, **options)  # type: ignore[arg-type]


async def close(client: Client) -> None:
    if isinstance(client, AzureVisionClient):
        client.close()
    else:
        await client.aclose()


async def result_of(poller: object, timeout: float | None = None) -> object:
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    return await settle(poller.result(timeout))


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def accepted(location: str = OP) -> httpx.Response:
    return httpx.Response(202, headers={"Operation-Location": location})


# --- Read v3.2: requests ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_begin_read_sends_the_bytes_to_read_v3(mode: Mode, router: respx.MockRouter) -> None:
    submit = router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    poll = router.get(OP).respond(200, json=DONE)
    v2 = router.post(f"{V2}/read/core/asyncBatchAnalyze")
    image = png()
    client = make(mode)
    poller = await settle_object(client.begin_read(image, polling_interval=0))
    result = await result_of(poller)
    await close(client)

    assert isinstance(result, ReadOperationResult)
    assert result.to_dict() == DONE
    request = submit.calls.last.request
    assert (request.method, str(request.url)) == ("POST", f"{V3}/read/analyze")  # no query: defaults
    assert request.headers["Ocp-Apim-Subscription-Key"] == KEY
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["Content-Length"] == str(len(image))
    assert request.content == image
    poll_request = poll.calls.last.request
    assert (poll_request.method, poll_request.content) == ("GET", b"")
    assert poll_request.headers["Ocp-Apim-Subscription-Key"] == KEY
    assert v2.call_count == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("pages", "sent"),
    [([1, "3-5", "7-", "-2"], "1%2C3-5%2C7-%2C-2"), ("2, 4-6", "2%2C4-6"), ((9,), "9")],
)
async def test_read_options_are_the_documented_query(
    mode: Mode, pages: object, sent: str, router: respx.MockRouter
) -> None:
    submit = router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    router.get(OP).respond(200, json=DONE)
    client = make(mode)
    document = await settle(
        client.read(
            url="https://images.example.com/scan.pdf?sig=s",
            language="de",
            pages=pages,  # type: ignore[arg-type]
            reading_order="natural",
            model_version="2022-04-30",
            polling_interval=0,
        )
    )
    await close(client)
    assert isinstance(document, Document)
    request = submit.calls.last.request
    assert str(request.url) == (
        f"{V3}/read/analyze?language=de&pages={sent}&readingOrder=natural&model-version=2022-04-30"
    )
    assert request.headers["Content-Type"] == "application/json"
    assert request.content == json_bytes({"url": "https://images.example.com/scan.pdf?sig=s"})


@pytest.mark.parametrize("mode", MODES)
async def test_read_waits_through_lower_case_statuses_and_throttling(
    mode: Mode, router: respx.MockRouter
) -> None:
    router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    poll = router.get(OP)
    poll.side_effect = [
        httpx.Response(200, json={"status": "notStarted"}),
        httpx.Response(200, json={"status": "running"}),
        httpx.Response(
            429, json={"error": {"code": "429", "message": "Rate limit"}}, headers={"Retry-After": "0"}
        ),
        httpx.Response(200, json=DONE),
    ]
    client = make(mode)
    document = await settle(client.read(jpeg(), polling_interval=0))
    await close(client)

    assert poll.call_count == 4
    assert document.shape == "azure-read-v3"
    assert document.raw == DONE  # the answer JSON, converted directly
    line = document.pages[0].lines[0]
    assert line.text == "Hello world"
    assert line.style is not None and (line.style.kind, line.style.confidence) == ("handwriting", 0.92)
    assert [word.confidence for word in line.words] == [0.99, 0.41]


@pytest.mark.parametrize("mode", MODES)
async def test_recognize_is_read_v3(mode: Mode, router: respx.MockRouter) -> None:
    v3 = router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    router.get(OP).respond(200, json=DONE)
    v2 = router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_V2))
    client = make(mode)
    document = await settle(client.recognize(png()))
    await close(client)
    assert (v3.call_count, v2.call_count) == (1, 0)
    assert document.shape == "azure-read-v3"
    assert document.text == "Hello world\n"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "answer",
    [
        {"status": "succeeded"},
        {"status": "succeeded", "analyzeResult": None},
        {"status": "succeeded", "analyzeResult": {"version": "3.2.0", "modelVersion": "latest"}},
        {"status": "succeeded", "analyzeResult": {"readResults": {"page": 1}}},
    ],
)
@pytest.mark.parametrize("form", ["model", "document"])
async def test_a_succeeded_answer_without_read_results_is_malformed(
    mode: Mode, answer: dict[str, object], form: str, router: respx.MockRouter
) -> None:
    router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    router.get(OP).respond(200, json=answer)
    client = make(mode)
    with pytest.raises(MalformedResponseError) as caught:
        if form == "model":
            await result_of(await settle_object(client.begin_read(png())))
        else:
            await settle(client.read(png()))
    await close(client)
    assert caught.value.provider == "azure"
    assert "readResults" in str(caught.value) or "analyzeResult" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
async def test_a_failed_operation_and_service_errors(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V3}/read/analyze")
    route.side_effect = [
        accepted(),
        httpx.Response(400, json={"error": {"code": "InvalidPageRange", "message": "Bad pages."}}),
        httpx.Response(500, json={"error": {"code": "InternalServerError", "message": "x"}}),
    ]
    router.get(OP).respond(200, json={"status": "failed"})
    client = make(mode)
    with pytest.raises(OperationFailedError) as failed:
        await settle(client.read(png()))
    with pytest.raises(BadRequestError) as bad:
        await settle(client.read(png(), pages="99"))
    with pytest.raises(ServiceError):
        await settle(client.read(png()))
    await close(client)
    assert failed.value.operation_id == "op-v3-1"
    assert bad.value.code == "InvalidPageRange"
    assert route.call_count == 3  # a 500 on a submit is not repeated: it may have started an operation


# --- Read v3.2: tokens and resuming -------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_timeout_then_resume_read_and_the_generic_resume(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    poll = router.get(OP)
    poll.side_effect = [httpx.Response(200, json={"status": "running"}), httpx.Response(200, json=DONE)]
    client = make(mode)
    with pytest.raises(OcrTimeoutError) as caught:
        await settle(client.read(png(), timeout=0))
    token = caught.value.continuation_token
    assert token is not None
    assert decode_token(token).kind == "azure-v3.2-read"
    resumed = client.resume_read(token)
    assert isinstance(await result_of(resumed), ReadOperationResult)
    poll.side_effect = [httpx.Response(200, json=DONE)]
    generic = client.poller_from_continuation_token(token)
    assert isinstance(await result_of(generic), ReadOperationResult)
    await close(client)


@pytest.mark.parametrize("mode", MODES)
async def test_v2_and_v3_tokens_are_not_interchangeable(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_V2))
    v2_poll = router.get(OP_V2).respond(200, json=V2_DONE)
    client = make(mode)
    v3_poller = await settle_object(client.begin_read(png()))
    v2_poller = await settle_object(client.begin_read_v2(png()))
    assert isinstance(v3_poller, LROPoller | AsyncLROPoller)
    assert isinstance(v2_poller, LROPoller | AsyncLROPoller)
    v3_token, v2_token = v3_poller.continuation_token(), v2_poller.continuation_token()
    calls = len(router.calls)
    with pytest.raises(InvalidInputError, match=r"not 'azure-v3\.2-read'"):
        client.resume_read(v2_token)
    with pytest.raises(InvalidInputError, match="not 'azure-v2-read'"):
        client.resume_read_v2(v3_token)
    with pytest.raises(InvalidInputError):
        client._resume_recognition(v2_token)
    assert len(router.calls) == calls  # refused before any request
    generic = client.poller_from_continuation_token(v2_token)
    assert isinstance(await result_of(generic), V2ReadOperationResult)
    assert v2_poll.call_count == 1
    await close(client)


def test_a_v3_token_from_another_endpoint_is_refused(router: respx.MockRouter) -> None:
    router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    with AzureVisionClient(ENDPOINT, KEY) as first:
        token = first.begin_read(png()).continuation_token()
    route = router.route()
    with AzureVisionClient("https://other.example.com", KEY) as other:
        with pytest.raises(InvalidInputError):
            other.resume_read(token)
        with pytest.raises(InvalidInputError):
            other._resume_recognition(token)
    assert route.call_count == 0


# --- the batch engine's two steps ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", ["bytes", "path", "file", "url"])
async def test_begin_recognition_then_resume_recognition_elsewhere(
    mode: Mode, kind: str, router: respx.MockRouter, tmp_path: Path
) -> None:
    submit = router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    poll = router.get(OP).respond(200, json=DONE)
    image = png()
    path = tmp_path / "scan.png"
    path.write_bytes(image)
    given: object = {
        "bytes": image,
        "path": path,
        "file": path.open("rb"),
        "url": "https://images.example.com/scan.png",
    }[kind]
    first = make(mode)
    if isinstance(first, AzureVisionClient):
        poller: object = first._begin_recognition(given)  # type: ignore[arg-type]
    else:
        poller = await first._begin_recognition(given)  # type: ignore[arg-type]
    await close(first)
    if kind == "file":
        given.close()  # type: ignore[attr-defined]
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    assert (submit.call_count, poll.call_count) == (1, 0)  # submitted, not waited for
    token = poller.continuation_token()
    assert decode_token(token).kind == "azure-v3.2-read"
    if kind == "url":
        assert submit.calls.last.request.content == json_bytes({"url": "https://images.example.com/scan.png"})
    else:
        assert submit.calls.last.request.content == image

    # Another worker (another client) finishes it: nothing is sent until result().
    second = make(mode)
    resumed = second._resume_recognition(token)
    assert poll.call_count == 0
    document = await result_of(resumed)
    await close(second)
    assert isinstance(document, Document)
    assert document.shape == "azure-read-v3"
    assert document.raw == DONE
    assert poll.call_count == 1 and submit.call_count == 1


def test_two_step_methods_have_the_contracted_shape() -> None:
    # The batch engine relies on: async _begin_recognition on the async client, plain elsewhere.
    assert not inspect.iscoroutinefunction(AzureVisionClient._begin_recognition)
    assert inspect.iscoroutinefunction(AsyncAzureVisionClient._begin_recognition)
    assert not inspect.iscoroutinefunction(AzureVisionClient._resume_recognition)
    assert not inspect.iscoroutinefunction(AsyncAzureVisionClient._resume_recognition)


# --- Image Analysis 4.0 ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_analyze_image_sends_the_features_and_options(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(ANALYZE).respond(200, json=ANALYSIS)
    image = png()
    client = make(mode)
    result = await settle(
        client.analyze_image(
            image,
            features=["read", "caption", "read", KnownVisualFeature.SMART_CROPS],
            language="en",
            gender_neutral_caption=True,
            smartcrops_aspect_ratios=[0.75, 1.5],
            model_version="latest",
        )
    )
    plain = await settle(client.analyze_image(url="https://images.example.com/a.png", features=["tags"]))
    await close(client)

    assert isinstance(result, ImageAnalysisResult)
    assert result.to_dict() == ANALYSIS
    assert isinstance(plain, ImageAnalysisResult)
    first, second = (call.request for call in route.calls)
    assert str(first.url) == (
        f"{ANALYZE}?api-version=2023-10-01&features=read%2Ccaption%2CsmartCrops&language=en"
        "&gender-neutral-caption=true&smartcrops-aspect-ratios=0.75%2C1.5&model-version=latest"
    )
    assert first.headers["Content-Type"] == "application/octet-stream"
    assert first.content == image
    assert first.headers["Ocp-Apim-Subscription-Key"] == KEY
    assert str(second.url) == f"{ANALYZE}?api-version=2023-10-01&features=tags"
    assert second.content == json_bytes({"url": "https://images.example.com/a.png"})
    assert second.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("mode", MODES)
async def test_analyze_image_errors_are_mapped(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(ANALYZE)
    route.side_effect = [
        httpx.Response(
            400,
            json={
                "error": {
                    "code": "InvalidRequest",
                    "message": "Image too small.",
                    "innererror": {"code": "InvalidImageSize"},
                }
            },
            headers={"x-ms-error-code": "InvalidRequest", "apim-request-id": "req-7"},
        ),
        httpx.Response(401, json={"error": {"code": "401", "message": "Access denied."}}),
        httpx.Response(200, json={"metadata": {"width": 1, "height": 1}, "readResult": "nope"}),
    ]
    client = make(mode)
    with pytest.raises(BadRequestError) as bad:
        await settle(client.analyze_image(png(), features=["read"]))
    with pytest.raises(AuthenticationError):
        await settle(client.analyze_image(png(), features=["read"]))
    with pytest.raises(MalformedResponseError):
        await settle(client.analyze_image(png(), features=["read"]))
    await close(client)
    assert (bad.value.code, bad.value.request_id, bad.value.status_code) == ("InvalidRequest", "req-7", 400)


@pytest.mark.parametrize("mode", MODES)
async def test_image_analysis_with_a_token_provider(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(ANALYZE)
    route.side_effect = [
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(200, json=ANALYSIS),
    ]
    calls: list[str] = []

    def provider() -> str:
        calls.append("sync")
        return TOKEN

    async def async_provider() -> str:
        calls.append("async")
        return TOKEN

    client = make(mode, token_provider=provider if mode == "sync" else async_provider)
    result = await settle(client.analyze_image(png(), features=["read"]))
    await close(client)
    assert isinstance(result, ImageAnalysisResult)
    assert calls == [mode, mode]  # asked for every request sent, the retry included: nothing cached
    for call in route.calls:
        assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert "Ocp-Apim-Subscription-Key" not in call.request.headers
    assert TOKEN not in repr(client)


async def test_the_async_client_also_takes_a_plain_token_provider(router: respx.MockRouter) -> None:
    route = router.post(ANALYZE).respond(200, json=ANALYSIS)
    async with AsyncAzureVisionClient(ENDPOINT, token_provider=lambda: TOKEN) as client:
        await client.analyze_image(png(), features=["read"])
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_credentials_exactly_one_form() -> None:
    async def async_provider() -> str:
        return TOKEN

    with pytest.raises(InvalidInputError, match="exactly one credential"):
        AzureVisionClient(ENDPOINT)
    with pytest.raises(InvalidInputError, match="key and token_provider"):
        AzureVisionClient(ENDPOINT, KEY, token_provider=lambda: TOKEN)
    with pytest.raises(InvalidInputError, match="got auth and token_provider"):
        AzureVisionClient(ENDPOINT, token_provider=lambda: TOKEN, auth=httpx.BasicAuth("u", "p"))
    with pytest.raises(InvalidInputError, match="AsyncAzureVisionClient") as caught:
        AzureVisionClient(ENDPOINT, token_provider=async_provider)  # type: ignore[arg-type]
    assert caught.value.field == "token_provider"
    with pytest.raises(InvalidInputError):
        AzureVisionClient(ENDPOINT, token_provider="not callable")  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
def test_from_env_with_a_token_provider_needs_no_key(mode: Mode) -> None:
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    client = cls.from_env(
        {"AZURE_VISION_ENDPOINT": "https://vision.example.com"}, token_provider=lambda: TOKEN
    )
    assert "AzureBearerTokenAuth" in repr(client)
    with pytest.raises(InvalidInputError) as caught:
        cls.from_env({"AZURE_VISION_ENDPOINT": "https://vision.example.com"})
    assert caught.value.field == "AZURE_VISION_KEY"


def test_a_sync_client_does_not_type_check_with_an_async_token_provider(tmp_path: Path) -> None:
    from mypy import api

    sample = tmp_path / "sample.py"
    sample.write_text(
        "from handwriting_ocr.clients import AsyncAzureVisionClient, AzureVisionClient\n"
        "async def token() -> str:\n"
        "    return 't'\n"
        "AsyncAzureVisionClient('https://x', token_provider=token)\n"
        "AzureVisionClient('https://x', token_provider=token)\n",
        "utf-8",
    )
    root = Path(__file__).resolve().parents[2]
    out, _err, status = api.run(["--strict", "--config-file", str(root / "pyproject.toml"), str(sample)])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1 and len(errors) == 1, out
    assert "sample.py:5:" in errors[0] and "token_provider" in errors[0]


# --- the generated clients ------------------------------------------------------------------------


def test_generated_v3_and_image_analysis_clients_share_the_credential(router: respx.MockRouter) -> None:
    read_route = router.post(f"{V3}/read/analyze").mock(return_value=accepted())
    analyze_route = router.post(ANALYZE).respond(200, json=ANALYSIS)
    with AzureVisionClient(ENDPOINT, KEY) as client:
        submitted = generated_read.sync_detailed(
            client=client.v3, body=V3ImageUrl(url="https://images.example.com/a.png"), language="fr"
        )
        analyzed = generated_analyze_image.sync_detailed(
            client=client.image_analysis,
            body=AnalysisImageUrl(url="https://images.example.com/a.png"),
            features=[KnownVisualFeature.READ],
        )
    assert submitted.status_code == 202 and submitted.headers["Operation-Location"] == OP
    assert isinstance(analyzed.parsed, ImageAnalysisResult)
    assert str(read_route.calls.last.request.url) == f"{V3}/read/analyze?language=fr"
    for route in (read_route, analyze_route):
        assert route.calls.last.request.headers["Ocp-Apim-Subscription-Key"] == KEY


# --- bad input: refused before any request ---------------------------------------------------------

NAN = math.nan

BAD_INPUTS: list[tuple[str, dict[str, object], str]] = [
    ("begin_read", {"image": gif()}, "GIF"),
    ("begin_read", {"image": png(40, 100)}, "at least 50"),
    ("begin_read", {"image": padded_png(1000, 10001, 100)}, "10000"),
    ("begin_read", {"image": b""}, "empty"),
    ("begin_read", {"url": "ftp://images.example.com/a.png"}, "http"),
    ("begin_read", {"image": png(), "url": "https://images.example.com/a.png"}, "not both"),
    ("begin_read", {}, "no image"),
    ("begin_read", {"image": png(), "pages": "0"}, "pages"),
    ("begin_read", {"image": png(), "pages": ["1", "a-b"]}, "pages"),
    ("begin_read", {"image": png(), "pages": []}, "pages"),
    ("begin_read", {"image": png(), "pages": [True]}, "pages"),
    ("begin_read", {"image": png(), "reading_order": "zigzag"}, "reading_order"),
    ("begin_read", {"image": png(), "language": " "}, "language"),
    ("begin_read", {"image": png(), "model_version": "a,b"}, "model_version"),
    ("read", {"image": png(), "pages": "3-x"}, "pages"),
    ("recognize", {"image": gif()}, "GIF"),
    ("analyze_image", {"image": png(), "features": []}, "features is empty"),
    ("analyze_image", {"image": png(), "features": ["ocr"]}, "not a visual feature"),
    ("analyze_image", {"image": png(), "features": ["Read"]}, "not a visual feature"),
    ("analyze_image", {"image": padded_png(20 * 1024 * 1024 + 1), "features": ["read"]}, "20 MB"),
    ("analyze_image", {"image": png(40, 100), "features": ["read"]}, "at least 50"),
    ("analyze_image", {"image": padded_png(1000, 16001, 100), "features": ["read"]}, "16000"),
    ("analyze_image", {"image": b"%PDF-1.7\n", "features": ["read"]}, "PDF"),
    (
        "analyze_image",
        {"image": png(), "features": ["smartCrops"], "smartcrops_aspect_ratios": [2.5]},
        "0.75",
    ),
    (
        "analyze_image",
        {"image": png(), "features": ["smartCrops"], "smartcrops_aspect_ratios": [NAN]},
        "ratio",
    ),
    ("analyze_image", {"image": png(), "features": ["smartCrops"], "smartcrops_aspect_ratios": []}, "empty"),
    ("analyze_image", {"image": png(), "features": ["caption"], "gender_neutral_caption": "yes"}, "True"),
]


@pytest.mark.parametrize(("method", "kwargs", "words"), BAD_INPUTS)
@pytest.mark.parametrize("mode", MODES)
async def test_bad_input_sends_nothing(
    mode: Mode, method: str, kwargs: dict[str, object], words: str, router: respx.MockRouter
) -> None:
    route = router.route()
    client = make(mode)
    with pytest.raises(InvalidInputError) as caught:
        await settle_object(getattr(client, method)(**kwargs))
    await close(client)
    assert words in str(caught.value)
    assert route.call_count == 0


@pytest.mark.parametrize("mode", MODES)
async def test_a_file_over_the_read_v3_limit_is_refused_unread(
    mode: Mode, router: respx.MockRouter, tmp_path: Path
) -> None:
    # 500 MB + 1 byte, sparse: the size is checked from the file system before anything is read.
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.truncate(500 * 1024 * 1024 + 1)
    route = router.route()
    client = make(mode)
    with pytest.raises(InvalidInputError, match="500 MB"):
        await settle_object(client.begin_read(big))
    await close(client)
    assert route.call_count == 0

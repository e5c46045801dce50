"""AzureVisionClient / AsyncAzureVisionClient against respx: the legacy v2.0/v1.0 operations, pollers,
retries, env. (Read v3.2 and Image Analysis 4.0: ``test_clients_azure_current.py``.)"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx
from azure_vision_v1_client.models.domain_model_results import DomainModelResults
from azure_vision_v1_client.models.image_analysis import ImageAnalysis
from azure_vision_v1_client.models.ocr_result import OcrResult
from azure_vision_v1_client.models.text_operation_result import TextOperationResult as V1TextOperationResult
from azure_vision_v2_client.api.default import batch_read_file
from azure_vision_v2_client.models.image_url import ImageUrl
from azure_vision_v2_client.models.read_operation_result import ReadOperationResult
from azure_vision_v2_client.models.text_operation_result import TextOperationResult
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import (
    AuthenticationError,
    BadRequestError,
    ConnectionFailedError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    OcrTimeoutError,
    OperationFailedError,
    ServiceError,
)
from handwriting_ocr.polling import AsyncLROPoller, LROPoller
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
V2 = f"{ENDPOINT}/vision/v2.0"
V1 = f"{ENDPOINT}/vision/v1.0"
KEY = "0123456789abcdef0123456789abcdef"
OP_READ = f"{V2}/read/operations/op-read-1"
OP_TEXT = f"{V2}/textOperations/op-text-1"
OP_V1 = f"{V1}/textOperations/op-v1-1"

LINE = {
    "boundingBox": [10, 10, 90, 10, 90, 30, 10, 30],
    "text": "Hello world",
    "words": [
        {"boundingBox": [10, 10, 45, 10, 45, 30, 10, 30], "text": "Hello"},
        {"boundingBox": [50, 10, 90, 10, 90, 30, 50, 30], "text": "world", "confidence": "Low"},
    ],
}
READ_DONE = {
    "status": "Succeeded",
    "recognitionResults": [
        {"page": 1, "clockwiseOrientation": 0.0, "width": 120, "height": 80, "unit": "pixel", "lines": [LINE]}
    ],
}
TEXT_DONE = {"status": "Succeeded", "recognitionResult": {"lines": [LINE]}}
V1_LINE = {
    "boundingBox": [10, 10, 90, 10, 90, 30, 10, 30],
    "text": "Hello world",
    "words": [{"boundingBox": [10, 10, 45, 10, 45, 30, 10, 30], "text": "Hello"}],
}
V1_DONE = {"status": "Succeeded", "recognitionResult": {"lines": [V1_LINE]}}

FAST_RETRY = RetryPolicy(base_backoff=0.001, max_backoff=0.002, jitter=0.0)

Client = AzureVisionClient | AsyncAzureVisionClient


def make(mode: Mode, **kwargs: object) -> Client:
    options: dict[str, object] = {"retry": FAST_RETRY, **kwargs}
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    endpoint = options.pop("endpoint", ENDPOINT)
    return cls(endpoint, KEY, **options)  # type: ignore[arg-type]


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


def accepted(location: str) -> httpx.Response:
    return httpx.Response(202, headers={"Operation-Location": location})


# --- v2.0 Read ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_begin_read_bytes_exact_requests(mode: Mode, router: respx.MockRouter) -> None:
    submit = router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ).respond(200, json=READ_DONE)
    image = png()
    client = make(mode)
    poller = await settle_object(client.begin_read_v2(image, polling_interval=0))
    result = await result_of(poller)
    await close(client)

    assert isinstance(result, ReadOperationResult)
    assert result.to_dict() == READ_DONE
    request = submit.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{V2}/read/core/asyncBatchAnalyze"
    assert request.headers["Ocp-Apim-Subscription-Key"] == KEY
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["Content-Length"] == str(len(image))
    assert request.content == image
    poll_request = poll.calls.last.request
    assert poll_request.method == "GET"
    assert poll_request.headers["Ocp-Apim-Subscription-Key"] == KEY
    assert poll_request.content == b""


@pytest.mark.parametrize("mode", MODES)
async def test_read_full_flow_to_document(mode: Mode, router: respx.MockRouter) -> None:
    submit = router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ)
    poll.side_effect = [
        httpx.Response(200, json={"status": "NotStarted"}),
        httpx.Response(200, json={"status": "Running"}),
        httpx.Response(
            429, json={"error": {"code": "429", "message": "Rate limit"}}, headers={"Retry-After": "0"}
        ),
        httpx.Response(200, json=READ_DONE),
    ]
    client = make(mode)
    document = await settle(client.read_v2(url="https://images.example.com/note.png", polling_interval=0))
    await close(client)

    assert isinstance(document, Document)
    assert [line.text for page in document.pages for line in page.lines] == ["Hello world"]
    assert submit.call_count == 1
    assert submit.calls.last.request.content == json_bytes({"url": "https://images.example.com/note.png"})
    assert submit.calls.last.request.headers["Content-Type"] == "application/json"
    assert poll.call_count == 4


@pytest.mark.parametrize("mode", MODES)
async def test_read_v2_is_the_v2_read_shape(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    router.get(OP_READ).respond(200, json=READ_DONE)
    client = make(mode)
    document = await settle(client.read_v2(png()))
    await close(client)
    assert document.shape == "azure-read"
    assert document.pages[0].lines[0].words[1].confidence is not None


@pytest.mark.parametrize("mode", MODES)
async def test_read_converts_the_answer_json_and_keeps_it_as_raw(
    mode: Mode, router: respx.MockRouter
) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    router.get(OP_READ).respond(200, json=READ_DONE)
    client = make(mode)
    document = await settle(client.read_v2(png()))
    await close(client)
    # The waiting form converts the JSON directly (no typed model round trip): raw is the answer.
    assert document.raw == READ_DONE
    assert document.to_dict() == Document.from_dict(document.to_dict()).to_dict()


@pytest.mark.parametrize("mode", MODES)
async def test_read_with_a_malformed_succeeded_answer_is_a_malformed_response(
    mode: Mode, router: respx.MockRouter
) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    router.get(OP_READ).respond(200, json={"status": "Succeeded", "recognitionResults": [{"lines": 7}]})
    client = make(mode)
    with pytest.raises(MalformedResponseError) as caught:
        await settle(client.read_v2(png()))
    await close(client)
    assert caught.value.provider == "azure"
    assert "expected shape" in str(caught.value)


@pytest.mark.parametrize("mode", MODES)
async def test_operation_failed(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    router.get(OP_READ).respond(200, json={"status": "Failed", "recognitionResults": []})
    client = make(mode)
    with pytest.raises(OperationFailedError):
        await settle(client.read_v2(png()))
    await close(client)


@pytest.mark.parametrize("mode", MODES)
async def test_timeout_and_resume_from_token(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ)
    poll.side_effect = [httpx.Response(200, json={"status": "Running"}), httpx.Response(200, json=READ_DONE)]
    client = make(mode)
    with pytest.raises(OcrTimeoutError) as caught:
        await settle(client.read_v2(png(), timeout=0))
    token = caught.value.continuation_token
    assert token is not None
    resumed = client.resume_read_v2(token)
    assert isinstance(await result_of(resumed), ReadOperationResult)
    # The generic resume picks the parser from the token's kind.
    poll.side_effect = [httpx.Response(200, json=READ_DONE)]
    generic = client.poller_from_continuation_token(token)
    assert isinstance(await result_of(generic), ReadOperationResult)
    await close(client)


def test_token_from_another_endpoint_is_refused(router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    with AzureVisionClient(ENDPOINT, KEY) as first:
        token = first.begin_read_v2(png()).continuation_token()
    route = router.route()
    with AzureVisionClient("https://other.example.com", KEY) as other, pytest.raises(InvalidInputError):
        other.resume_read_v2(token)
    with AzureVisionClient(ENDPOINT, KEY) as same, pytest.raises(InvalidInputError):
        same.resume_recognize_text(token)  # wrong kind
    assert route.call_count == 0


# --- v2.0 RecognizeText -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text_mode", ["Handwritten", "Printed"])
async def test_recognize_text_modes(mode: Mode, text_mode: str, router: respx.MockRouter) -> None:
    submit = router.post(f"{V2}/recognizeText").mock(return_value=accepted(OP_TEXT))
    router.get(OP_TEXT).respond(200, json=TEXT_DONE)
    image = jpeg()
    client = make(mode)
    poller = await settle_object(client.begin_recognize_text(image, mode=text_mode))  # type: ignore[arg-type]
    result = await result_of(poller)
    document = await settle(client.recognize_text(image, mode=text_mode))  # type: ignore[arg-type]
    await close(client)
    assert isinstance(result, TextOperationResult)
    assert result.to_dict() == TEXT_DONE
    assert document.pages[0].lines[0].text == "Hello world"
    request = submit.calls.last.request
    assert str(request.url) == f"{V2}/recognizeText?mode={text_mode}"
    assert request.content == image
    assert request.headers["Ocp-Apim-Subscription-Key"] == KEY


# --- v1.0 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_v1_handwriting(mode: Mode, router: respx.MockRouter) -> None:
    submit = router.post(f"{V1}/recognizeText").mock(return_value=accepted(OP_V1))
    poll = router.get(OP_V1)
    poll.side_effect = [
        httpx.Response(200, json={"status": "Not Started"}),
        httpx.Response(200, json=V1_DONE),
    ]
    client = make(mode)
    poller = await settle_object(
        client.begin_recognize_handwriting_v1(url="https://images.example.com/a.png", polling_interval=0)
    )
    result = await result_of(poller)
    await close(client)
    assert isinstance(result, V1TextOperationResult)
    assert result.to_dict() == V1_DONE
    request = submit.calls.last.request
    assert str(request.url) == f"{V1}/recognizeText?handwriting=true&detectHandwriting=true"
    assert request.content == json_bytes({"url": "https://images.example.com/a.png"})


@pytest.mark.parametrize("mode", MODES)
async def test_v1_handwriting_document_and_resume(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V1}/recognizeText").mock(return_value=accepted(OP_V1))
    router.get(OP_V1).respond(200, json=V1_DONE)
    client = make(mode)
    document = await settle(client.recognize_handwriting_v1(png()))
    poller = await settle_object(client.begin_recognize_handwriting_v1(png()))
    assert isinstance(poller, LROPoller | AsyncLROPoller)
    resumed = client.poller_from_continuation_token(poller.continuation_token())
    assert isinstance(await result_of(resumed), V1TextOperationResult)
    await close(client)
    assert document.pages[0].lines[0].text == "Hello world"


OCR_ANSWER = {
    "language": "en",
    "textAngle": 0.0,
    "orientation": "Up",
    "regions": [
        {
            "boundingBox": "1,2,30,10",
            "lines": [{"boundingBox": "1,2,30,10", "words": [{"boundingBox": "1,2,30,10", "text": "Hi"}]}],
        }
    ],
}


@pytest.mark.parametrize("mode", MODES)
async def test_ocr(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V1}/ocr").respond(200, json=OCR_ANSWER)
    image = png()
    client = make(mode)
    result = await settle(client.ocr(image))
    await settle(client.ocr(image, language="de", detect_orientation=False))
    await close(client)
    assert isinstance(result, OcrResult)
    assert result.to_dict() == OCR_ANSWER
    first, second = (call.request for call in route.calls)
    assert str(first.url) == f"{V1}/ocr?language=unk&detectOrientation=true"
    assert str(second.url) == f"{V1}/ocr?language=de&detectOrientation=false"
    assert first.content == image
    assert first.headers["Content-Type"] == "application/octet-stream"


ANALYSIS = {
    "description": {"tags": ["text"], "captions": [{"text": "a note", "confidence": 0.9}]},
    "tags": [{"name": "text", "confidence": 0.99}],
    "requestId": "r-1",
    "metadata": {"width": 120, "height": 80, "format": "Png"},
}


@pytest.mark.parametrize("mode", MODES)
async def test_analyze(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V1}/analyze").respond(200, json=ANALYSIS)
    client = make(mode)
    result = await settle(
        client.analyze(
            url="https://images.example.com/a.jpg",
            visual_features=["Description", "Tags"],
            details="Landmarks",
            language="en",
        )
    )
    await settle(client.analyze(png()))
    await close(client)
    assert isinstance(result, ImageAnalysis)
    assert result.to_dict() == ANALYSIS
    first, second = (call.request for call in route.calls)
    assert str(first.url) == f"{V1}/analyze?visualFeatures=Description%2CTags&details=Landmarks&language=en"
    assert first.content == json_bytes({"url": "https://images.example.com/a.jpg"})
    assert str(second.url) == f"{V1}/analyze"  # nothing chosen, nothing sent


DOMAIN = {"result": {"landmarks": [{"name": "Eiffel Tower", "confidence": 0.98}]}, "requestId": "r-2"}


@pytest.mark.parametrize("mode", MODES)
async def test_analyze_domain(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V1}/models/celebrities/analyze").respond(200, json=DOMAIN)
    client = make(mode)
    result = await settle(client.analyze_domain(png(), model="celebrities", language="es"))
    await close(client)
    assert isinstance(result, DomainModelResults)
    assert result.to_dict() == DOMAIN
    assert str(route.calls.last.request.url) == f"{V1}/models/celebrities/analyze?language=es"


@pytest.mark.parametrize("mode", MODES)
async def test_generate_thumbnail(mode: Mode, router: respx.MockRouter) -> None:
    thumbnail = jpeg(100, 50)
    route = router.post(f"{V1}/generateThumbnail").respond(
        200, content=thumbnail, headers={"Content-Type": "image/jpeg"}
    )
    client = make(mode)
    data = await settle(client.generate_thumbnail(png(), width=100, height=50, smart_cropping=True))
    await close(client)
    assert data == thumbnail
    assert (
        str(route.calls.last.request.url) == f"{V1}/generateThumbnail?width=100&height=50&smartCropping=true"
    )


# --- errors and retries ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_errors_are_mapped(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V1}/ocr").respond(
        401, json={"error": {"code": "401", "message": "Access denied due to invalid subscription key."}}
    )
    router.post(f"{V2}/recognizeText").respond(
        400, json={"code": "InvalidImageSize", "message": "Image is too small.", "requestId": "req-9"}
    )
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    router.get(OP_READ).respond(404, json={"code": "NotFound", "message": "Operation expired."})
    client = make(mode)
    with pytest.raises(AuthenticationError):
        await settle(client.ocr(png()))
    with pytest.raises(BadRequestError) as bad:
        await settle_object(client.begin_recognize_text(png()))
    with pytest.raises(NotFoundError):
        await settle(client.read_v2(png()))
    await close(client)
    assert (bad.value.code, bad.value.request_id) == ("InvalidImageSize", "req-9")


@pytest.mark.parametrize("mode", MODES)
async def test_sync_call_retried_after_429(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V1}/ocr")
    route.side_effect = [
        httpx.Response(
            429, json={"error": {"code": "429", "message": "Rate limit"}}, headers={"Retry-After": "0"}
        ),
        httpx.Response(200, json=OCR_ANSWER),
    ]
    client = make(mode)
    result = await settle(client.ocr(png()))
    await close(client)
    assert result.language == "en"
    assert route.call_count == 2
    first, second = (call.request for call in route.calls)
    assert first.content == second.content


@pytest.mark.parametrize("mode", MODES)
async def test_submit_not_repeated_after_500(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V2}/read/core/asyncBatchAnalyze").respond(
        500, json={"code": "InternalServerError", "message": "x"}
    )
    client = make(mode)
    with pytest.raises(ServiceError):
        await settle_object(client.begin_read_v2(png()))
    await close(client)
    assert route.call_count == 1


@pytest.mark.parametrize("mode", MODES)
async def test_submit_repeated_after_429(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post(f"{V2}/read/core/asyncBatchAnalyze")
    route.side_effect = [httpx.Response(429, headers={"Retry-After": "0"}), accepted(OP_READ)]
    router.get(OP_READ).respond(200, json=READ_DONE)
    client = make(mode)
    assert isinstance(await settle(client.read_v2(png())), Document)
    await close(client)
    assert route.call_count == 2


# --- construction -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_from_env_and_endpoint_override(mode: Mode, router: respx.MockRouter) -> None:
    route = router.post("http://127.0.0.1:8300/vision/v1.0/ocr").respond(200, json=OCR_ANSWER)
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    client = cls.from_env({"AZURE_VISION_ENDPOINT": "http://127.0.0.1:8300/", "AZURE_VISION_KEY": "env-key"})
    assert client.endpoint == "http://127.0.0.1:8300"
    await settle(client.ocr(png()))
    await close(client)
    assert route.calls.last.request.headers["Ocp-Apim-Subscription-Key"] == "env-key"


def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch, router: respx.MockRouter) -> None:
    monkeypatch.setenv("AZURE_VISION_ENDPOINT", "https://westeurope.api.cognitive.microsoft.com")
    monkeypatch.setenv("AZURE_VISION_KEY", "k-env")
    route = router.post("https://westeurope.api.cognitive.microsoft.com/vision/v1.0/ocr").respond(
        200, json=OCR_ANSWER
    )
    with AzureVisionClient.from_env() as client:
        client.ocr(png())
    assert route.calls.last.request.headers["Ocp-Apim-Subscription-Key"] == "k-env"


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"AZURE_VISION_KEY": "k"}, "AZURE_VISION_ENDPOINT"),
        ({"AZURE_VISION_ENDPOINT": "https://h"}, "AZURE_VISION_KEY"),
    ],
)
@pytest.mark.parametrize("mode", MODES)
def test_from_env_missing_variable_is_named(mode: Mode, env: dict[str, str], missing: str) -> None:
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    with pytest.raises(InvalidInputError) as caught:
        cls.from_env(env)
    assert caught.value.field == missing


@pytest.mark.parametrize(
    "endpoint", ["https://h.example.com/vision/v2.0", "ftp://h", "https://u:p@h.example.com"]
)
def test_endpoint_must_be_scheme_host_port(endpoint: str) -> None:
    with pytest.raises(InvalidInputError):
        AzureVisionClient(endpoint, KEY)


@pytest.mark.parametrize("mode", MODES)
async def test_callers_http_client(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ).respond(200, json=READ_DONE)
    if mode == "sync":
        own = httpx.Client(headers={"X-App": "notes"})
        with AzureVisionClient(ENDPOINT, KEY, http_client=own) as client:
            client.read_v2(png())
        assert not own.is_closed
        own.close()
    else:
        aown = httpx.AsyncClient(headers={"X-App": "notes"})
        async with AsyncAzureVisionClient(ENDPOINT, KEY, http_client=aown) as aclient:
            await aclient.read_v2(png())
        assert not aown.is_closed
        await aown.aclose()
    # Polls go through the caller's client too, with the key.
    request = poll.calls.last.request
    assert (request.headers["X-App"], request.headers["Ocp-Apim-Subscription-Key"]) == ("notes", KEY)


def test_callers_transport() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url} {request.headers['Ocp-Apim-Subscription-Key']}")
        if request.method == "POST":
            return accepted(OP_READ)
        return httpx.Response(200, json=READ_DONE)

    with AzureVisionClient(ENDPOINT, KEY, transport=httpx.MockTransport(handler)) as client:
        client.read_v2(png())
    assert seen == [f"POST {V2}/read/core/asyncBatchAnalyze {KEY}", f"GET {OP_READ} {KEY}"]


def test_generated_clients_share_the_key(router: respx.MockRouter) -> None:
    route = router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    with AzureVisionClient(ENDPOINT, KEY) as client:
        response = batch_read_file.sync_detailed(
            client=client.v2, body=ImageUrl(url="https://images.example.com/a.png")
        )
        assert client.v1._base_url == V1
    assert response.status_code == 202
    assert response.headers["Operation-Location"] == OP_READ
    assert route.calls.last.request.headers["Ocp-Apim-Subscription-Key"] == KEY


async def test_async_generated_client_shares_the_key(router: respx.MockRouter) -> None:
    route = router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    async with AsyncAzureVisionClient(ENDPOINT, KEY) as client:
        response = await batch_read_file.asyncio_detailed(
            client=client.v2, body=ImageUrl(url="https://images.example.com/a.png")
        )
    assert response.status_code == 202
    assert route.calls.last.request.headers["Ocp-Apim-Subscription-Key"] == KEY


def test_key_or_auth_exactly_one_and_hidden() -> None:
    with pytest.raises(InvalidInputError):
        AzureVisionClient(ENDPOINT)
    with pytest.raises(InvalidInputError):
        AzureVisionClient(ENDPOINT, KEY, auth=httpx.BasicAuth("u", "p"))
    client = AzureVisionClient(ENDPOINT, KEY)
    assert KEY not in repr(client)
    client.close()


# --- bad input: refused before any request -------------------------------------------------------------

BAD_INPUTS: list[tuple[str, dict[str, object], str]] = [
    ("begin_read_v2", {"image": padded_png(20 * 1024 * 1024 + 1)}, "20 MB"),
    ("begin_read_v2", {"image": gif()}, "GIF"),
    ("begin_read_v2", {"image": png(40, 100)}, "at least 50"),
    ("begin_read_v2", {"image": padded_png(1000, 10001, 100)}, "10000"),
    ("begin_read_v2", {"image": b""}, "empty"),
    ("begin_read_v2", {"image": b"plain text, not an image"}, "not recognised"),
    ("begin_read_v2", {"url": "ftp://images.example.com/a.png"}, "http"),
    ("begin_read_v2", {"image": png(), "url": "https://images.example.com/a.png"}, "not both"),
    ("begin_read_v2", {}, "no image"),
    ("begin_recognize_text", {"image": padded_png(4 * 1024 * 1024 + 1)}, "4 MB"),
    ("begin_recognize_text", {"image": padded_png(1000, 4201, 100)}, "4200"),
    ("begin_recognize_text", {"image": png(), "mode": "Cursive"}, "mode"),
    ("begin_recognize_handwriting_v1", {"image": padded_png(4 * 1024 * 1024 + 1)}, "4 MB"),
    ("ocr", {"image": padded_png(1000, 3201, 100)}, "3200"),
    ("ocr", {"image": "relative/missing.png"}, "not found"),
    ("analyze", {"image": png(), "visual_features": ["Tags", ""]}, "visual_features"),
    ("analyze_domain", {"image": png(), "model": "cars"}, "model"),
    ("generate_thumbnail", {"image": png(), "width": 0, "height": 10}, "width"),
    ("generate_thumbnail", {"image": png(), "width": 10, "height": 1024}, "height"),
]


@pytest.mark.parametrize(("method", "kwargs", "words"), BAD_INPUTS)
@pytest.mark.parametrize("mode", MODES)
async def test_bad_input_sends_nothing(
    mode: Mode, method: str, kwargs: dict[str, object], words: str, router: respx.MockRouter
) -> None:
    route = router.route()
    client = make(mode)
    if method == "generate_thumbnail":
        kwargs = {"width": 10, "height": 10, **kwargs}
    with pytest.raises(InvalidInputError) as caught:
        await settle(getattr(client, method)(**kwargs))
    await close(client)
    assert words in str(caught.value)
    assert route.call_count == 0


@pytest.mark.parametrize("mode", MODES)
async def test_poll_survives_a_dropped_connection(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ)
    poll.side_effect = [httpx.ConnectError("connection reset"), httpx.Response(200, json=READ_DONE)]
    client = make(mode)
    document = await settle(client.read_v2(png(), polling_interval=0))
    await close(client)
    assert document.pages[0].lines[0].text == "Hello world"
    assert poll.call_count == 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("own_client", [False, True])
async def test_poll_that_never_reconnects_raises_connection_failed(
    mode: Mode, own_client: bool, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With our client and with the caller's, polls go through the facade's one request path: a
    # dropped connection is retried by its policy (3 attempts here), then reported as a typed error
    # that still reaches the operation (its id and continuation token), never httpx's own exception.
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(return_value=accepted(OP_READ))
    poll = router.get(OP_READ).mock(side_effect=httpx.ConnectError("connection reset"))
    options: dict[str, object] = {}
    if own_client:
        options["http_client"] = httpx.Client() if mode == "sync" else httpx.AsyncClient()
    client = make(mode, **options)
    with pytest.raises(ConnectionFailedError, match="connection reset") as caught:
        await settle(client.read_v2(png(), polling_interval=0))
    await close(client)
    assert not isinstance(caught.value, httpx.HTTPError)
    assert poll.call_count == 3  # FAST_RETRY's max_attempts
    assert caught.value.operation_id == "op-read-1"
    token = caught.value.continuation_token
    assert token is not None and "op-read-1" in token
    own = options.get("http_client")
    if isinstance(own, httpx.Client):
        own.close()
    elif isinstance(own, httpx.AsyncClient):
        await own.aclose()


@pytest.mark.parametrize("mode", MODES)
async def test_generated_client_sees_typed_connection_errors(mode: Mode, router: respx.MockRouter) -> None:
    router.post(f"{V2}/read/core/asyncBatchAnalyze").mock(side_effect=httpx.ConnectError("refused"))
    client = make(mode)
    body = ImageUrl(url="https://images.example.com/a.png")
    with pytest.raises(ConnectionFailedError):
        if isinstance(client, AzureVisionClient):
            batch_read_file.sync_detailed(client=client.v2, body=body)
        else:
            await batch_read_file.asyncio_detailed(client=client.v2, body=body)
    await close(client)

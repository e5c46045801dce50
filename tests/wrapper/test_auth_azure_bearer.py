"""AzureBearerTokenAuth: ``Authorization: Bearer`` from a caller's token provider, sync and async; the
provider asked for every request (nothing cached); tokens never in a repr or an error."""

from __future__ import annotations

import functools
import gc
import warnings
from collections.abc import Callable

import httpx
import pytest
import respx
from azure_image_analysis_client import Client as ImageAnalysisClient
from azure_image_analysis_client.api.default import analyze_image
from azure_image_analysis_client.models import ImageAnalysisResult, ImageUrl, KnownVisualFeature
from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth import AzureBearerTokenAuth
from handwriting_ocr.auth.azure import COGNITIVE_SERVICES_SCOPE, KEY_HEADER
from handwriting_ocr.errors import InvalidInputError

from tests.conformance.expectations import AZURE_IMAGE_ANALYSIS
from tests.conformance.openapi_wire import request_errors
from tests.wrapper.conftest_auth import MODES, Mode, send

ENDPOINT = "https://contoso-vision.cognitiveservices.azure.com/computervision"
ANALYZE = f"{ENDPOINT}/imageanalysis:analyze"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzIn0.c2lnbmF0dXJl"
RESULT = {"modelVersion": "2023-10-01", "metadata": {"width": 10, "height": 10}, "readResult": {"blocks": []}}


class CountingProvider:
    """A sync provider handing out a new token on every call (as a provider renewing tokens would)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"{TOKEN}.{self.calls}"


class AsyncCountingProvider:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        return f"{TOKEN}.async{self.calls}"


def _client(auth: httpx.Auth, requests: list[httpx.Request]) -> ImageAnalysisClient:
    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, json=RESULT)

    return ImageAnalysisClient(
        base_url=ENDPOINT, httpx_args={"auth": auth, "transport": httpx.MockTransport(handler)}
    )


def test_the_generated_client_sends_the_token_and_the_spec_accepts_it() -> None:
    provider = CountingProvider()
    requests: list[httpx.Request] = []
    client = _client(AzureBearerTokenAuth(provider), requests)
    response = analyze_image.sync_detailed(
        client=client, body=ImageUrl(url="https://example.com/note.png"), features=[KnownVisualFeature.READ]
    )

    assert isinstance(response.parsed, ImageAnalysisResult)
    (sent,) = requests
    assert sent.headers.get_list("Authorization") == [f"Bearer {TOKEN}.1"]
    assert KEY_HEADER not in sent.headers
    # The spec's `entra_token` security scheme is what makes this request valid without a key.
    assert request_errors(AZURE_IMAGE_ANALYSIS.spec_file, sent) == []


async def test_the_generated_async_client_awaits_an_async_provider() -> None:
    provider = AsyncCountingProvider()
    requests: list[httpx.Request] = []
    client = _client(AzureBearerTokenAuth(provider), requests)
    for _ in range(2):
        await analyze_image.asyncio_detailed(
            client=client,
            body=ImageUrl(url="https://example.com/note.png"),
            features=[KnownVisualFeature.READ],
        )
    assert [request.headers["Authorization"] for request in requests] == [
        f"Bearer {TOKEN}.async1",
        f"Bearer {TOKEN}.async2",
    ]
    assert provider.calls == 2


@pytest.mark.parametrize("mode", MODES)
async def test_the_provider_is_asked_for_every_request(mode: Mode) -> None:
    """No caching: each request carries what the provider says now."""
    provider = CountingProvider()
    auth = AzureBearerTokenAuth(provider)
    with respx.mock() as router:
        route = router.post(ANALYZE).respond(200, json=RESULT)
        for _ in range(3):
            await send(mode, auth, "POST", ANALYZE, content=b"{}", params={"features": "read"})
    assert provider.calls == 3
    assert [call.request.headers["Authorization"] for call in route.calls] == [
        f"Bearer {TOKEN}.1",
        f"Bearer {TOKEN}.2",
        f"Bearer {TOKEN}.3",
    ]


@pytest.mark.parametrize("mode", MODES)
async def test_a_failing_provider_fails_that_request_only(mode: Mode) -> None:
    outcomes: list[Callable[[], str]] = [
        lambda: (_ for _ in ()).throw(RuntimeError("identity endpoint unreachable")),
        lambda: TOKEN,
    ]

    def provider() -> str:
        return outcomes.pop(0)()

    auth = AzureBearerTokenAuth(provider)
    with respx.mock() as router:
        route = router.post(ANALYZE).respond(200, json=RESULT)
        with pytest.raises(RuntimeError, match="unreachable"):
            await send(mode, auth, "POST", ANALYZE, content=b"{}")
        assert route.call_count == 0
        await send(mode, auth, "POST", ANALYZE, content=b"{}")
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("mode", MODES)
async def test_a_secret_token_is_revealed_only_into_the_header(mode: Mode) -> None:
    auth = AzureBearerTokenAuth(lambda: Secret(TOKEN))
    with respx.mock() as router:
        route = router.post(ANALYZE).respond(200, json=RESULT)
        await send(mode, auth, "POST", ANALYZE, content=b"{}")
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_a_sync_client_refuses_an_async_provider_without_a_stray_coroutine() -> None:
    provider = AsyncCountingProvider()
    refused: list[tuple[str | None, str]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with respx.mock(assert_all_called=False) as router:
            route = router.post(ANALYZE).respond(200, json=RESULT)
            with httpx.Client() as client:
                try:
                    client.post(ANALYZE, content=b"{}", auth=AzureBearerTokenAuth(provider))
                except InvalidInputError as error:
                    refused.append((error.field, str(error)))
        # The error's traceback held the auth flow's frame; with it gone, an unclosed coroutine would
        # be finalised here and warn "never awaited".
        gc.collect()
    assert route.call_count == 0
    assert len(refused) == 1 and refused[0][0] == "token_provider" and "asynchronous" in refused[0][1]
    assert not [w for w in caught if "never awaited" in str(w.message)]


async def test_an_async_client_accepts_a_sync_provider() -> None:
    provider = CountingProvider()
    with respx.mock() as router:
        route = router.post(ANALYZE).respond(200, json=RESULT)
        async with httpx.AsyncClient() as client:
            await client.post(ANALYZE, content=b"{}", auth=AzureBearerTokenAuth(provider))
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}.1"


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "NoneType"),
        (12345, "int"),
        (f"Bearer {TOKEN}", "bare token"),
        (f"bearer {TOKEN}", "bare token"),
        (f"{TOKEN} extra", "not a valid token"),
        (f"{TOKEN}\r\nX-Injected: 1", "not a valid token"),
        (f"{TOKEN}é", "not a valid token"),
    ],
    ids=["empty", "blank", "none", "int", "prefixed", "prefixed-lower", "space", "crlf", "non-ascii"],
)
@pytest.mark.parametrize("mode", MODES)
async def test_an_unusable_token_is_refused_without_quoting_it(
    mode: Mode, returned: object, message: str
) -> None:
    auth = AzureBearerTokenAuth(lambda: returned)  # type: ignore[arg-type,return-value]
    with respx.mock(assert_all_called=False) as router:
        route = router.post(ANALYZE).respond(200, json=RESULT)
        with pytest.raises(InvalidInputError, match=message) as raised:
            await send(mode, auth, "POST", ANALYZE, content=b"{}")
    assert route.call_count == 0
    assert raised.value.field == "token" and raised.value.provider == "azure"
    assert TOKEN not in str(raised.value)


def test_repr_never_shows_a_token_even_one_the_provider_closes_over() -> None:
    def fixed(token: str) -> str:
        return token

    auth = AzureBearerTokenAuth(functools.partial(fixed, TOKEN))
    assert TOKEN not in repr(auth)
    assert repr(auth) == "AzureBearerTokenAuth(token_provider=<partial>)"
    assert TOKEN not in repr(AzureBearerTokenAuth(CountingProvider()))


def test_a_provider_must_be_callable() -> None:
    with pytest.raises(InvalidInputError) as raised:
        AzureBearerTokenAuth(TOKEN)  # type: ignore[arg-type]
    assert raised.value.field == "token_provider"
    assert TOKEN not in str(raised.value)


def test_the_scope_for_entra_tokens() -> None:
    assert COGNITIVE_SERVICES_SCOPE == "https://cognitiveservices.azure.com/.default"

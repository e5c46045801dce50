"""The facades' shared HTTP pipeline: the connection pool it makes, and the request URLs it builds."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx
from handwriting_ocr._bounded import AsyncBoundedTransport, BoundedTransport
from handwriting_ocr.clients._http import DEFAULT_LIMITS, AsyncPipeline, RequestSpec, SyncPipeline
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient
from handwriting_ocr.pacing import LocalLimiter
from handwriting_ocr.retries import RetryPolicy

ENDPOINT = "https://ocr.cn-north-4.myhuaweicloud.com"


def _pool_limits(transport: httpx.HTTPTransport | httpx.AsyncHTTPTransport) -> tuple[int, int]:
    # httpx keeps the limits only in its httpcore pool (private attributes, read here for the test).
    pool = transport._pool
    return pool._max_connections, pool._max_keepalive_connections


def test_default_limits_keep_a_batch_of_32_alive() -> None:
    assert DEFAULT_LIMITS.max_connections == 100
    assert DEFAULT_LIMITS.max_keepalive_connections == 100


def test_the_facades_own_transports_use_the_default_limits() -> None:
    with HuaweiOcrClient(project_id="p1", token="t", endpoint=ENDPOINT) as client:
        sync_transport = client.http_client._transport
        assert isinstance(sync_transport, BoundedTransport)
        assert isinstance(sync_transport.inner, httpx.HTTPTransport)
        assert _pool_limits(sync_transport.inner) == (100, 100)


async def test_the_async_facades_own_transport_uses_the_default_limits() -> None:
    async with AsyncHuaweiOcrClient(project_id="p1", token="t", endpoint=ENDPOINT) as client:
        transport = client.http_client._transport
        assert isinstance(transport, AsyncBoundedTransport)
        assert isinstance(transport.inner, httpx.AsyncHTTPTransport)
        assert _pool_limits(transport.inner) == (100, 100)


def test_a_callers_transport_keeps_its_own_limits() -> None:
    mine = httpx.HTTPTransport(limits=httpx.Limits(max_connections=7, max_keepalive_connections=3))
    with HuaweiOcrClient(project_id="p1", token="t", endpoint=ENDPOINT, transport=mine) as client:
        transport = client.http_client._transport
        assert isinstance(transport, BoundedTransport)
        assert transport.inner is mine
        assert _pool_limits(mine) == (7, 3)


# --- request URLs ---------------------------------------------------------------------------------


@pytest.fixture
def pipeline() -> Iterator[SyncPipeline]:
    pipe = SyncPipeline(
        auth=httpx.Auth(),
        provider="azure",
        timeout="default",
        http_client=None,
        transport=None,
        retry=RetryPolicy(),
        limiter=LocalLimiter(),
    )
    yield pipe
    pipe.close()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"language": "unk", "detectOrientation": True},
        {"language": "zh-Hans", "q": "a b&c=d/é"},
        {"visualFeatures": ["Categories", "Tags"]},  # unhashable: built every time, not cached
    ],
)
def test_request_urls_are_what_httpx_builds_from_params(
    pipeline: SyncPipeline, params: dict[str, object]
) -> None:
    url = "https://westeurope.api.cognitive.microsoft.com/vision/v1.0/ocr"
    spec = RequestSpec(method="POST", url=url, params=params)
    expected = httpx.Request("POST", url, params=params).url  # type: ignore[arg-type]

    first = pipeline.build(spec)
    second = pipeline.build(spec)

    assert first.url == expected
    assert str(first.url) == str(expected)
    assert second.url == expected


def test_parsed_urls_are_reused(pipeline: SyncPipeline) -> None:
    spec = RequestSpec(method="GET", url=f"{ENDPOINT}/v2/p1/ocr/handwriting", params={"a": "1"})
    assert pipeline.build(spec).url == pipeline.build(spec).url
    assert pipeline._url(spec) is pipeline._url(spec)
    assert len(pipeline._urls) == 1


def test_the_url_cache_is_bounded(pipeline: SyncPipeline) -> None:
    for index in range(200):
        spec = RequestSpec(method="GET", url=f"{ENDPOINT}/x", params={"page": str(index)})
        assert str(pipeline.build(spec).url) == f"{ENDPOINT}/x?page={index}"
    assert len(pipeline._urls) <= 64


async def test_async_requests_reach_the_same_url() -> None:
    pipe = AsyncPipeline(
        auth=httpx.Auth(),
        provider="huawei",
        timeout="default",
        http_client=None,
        transport=None,
        retry=RetryPolicy(),
        limiter=LocalLimiter(),
    )
    spec = RequestSpec(method="GET", url=f"{ENDPOINT}/v2/p1/ocr/handwriting", params={"x": "1 2"})
    with respx.mock:
        route = respx.get(f"{ENDPOINT}/v2/p1/ocr/handwriting", params={"x": "1 2"}).respond(200)
        response = await pipe.request(spec)
    await pipe.aclose()
    assert response.status_code == 200
    assert str(route.calls.last.request.url) == f"{ENDPOINT}/v2/p1/ocr/handwriting?x=1+2"

"""Run a generated operation against a respx-mocked provider and capture what went over the wire."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import respx

from .generated_access import (
    GeneratedResponse,
    asyncio_detailed,
    client_class,
    operation_module,
    sync_detailed,
)
from .request_cases import Reply, RequestCase


@dataclass(frozen=True)
class Exchange:
    request: httpx.Request  # exactly what the generated client sent
    response: httpx.Response  # exactly what the mock answered
    result: GeneratedResponse  # what the generated client made of it


def _client(case: RequestCase, transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> object:
    # The mock goes in as the httpx transport, through the generated Client's own ``httpx_args``: the
    # generated code still builds its httpx client itself, but no TLS context is created per test.
    return client_class(case.spec.package)(
        base_url=case.spec.base_url, headers=dict(case.spec.auth_headers), httpx_args={"transport": transport}
    )


def _router(reply: Reply) -> tuple[respx.MockRouter, respx.Route]:
    # Used as a transport, not a context manager: the calls are asserted in _exchange instead.
    router = respx.MockRouter()
    # A catch-all route: where the request went is asserted afterwards, not used to pick the reply.
    route = router.route().mock(side_effect=lambda request: reply.build())
    return router, route


def _exchange(route: respx.Route, result: GeneratedResponse) -> Exchange:
    assert route.call_count == 1, f"expected exactly one request, got {route.call_count}"
    call = route.calls.last
    return Exchange(call.request, call.response, result)


def call_sync(case: RequestCase, reply: Reply | None = None) -> Exchange:
    router, route = _router(reply or case.reply)
    module = operation_module(case.spec.package, case.operation.module_name)
    client = _client(case, httpx.MockTransport(router.handler))
    return _exchange(route, sync_detailed(module)(client=client, **case.arguments()))


async def call_async(case: RequestCase, reply: Reply | None = None) -> Exchange:
    router, route = _router(reply or case.reply)
    module = operation_module(case.spec.package, case.operation.module_name)
    client = _client(case, httpx.MockTransport(router.async_handler))
    return _exchange(route, await asyncio_detailed(module)(client=client, **case.arguments()))

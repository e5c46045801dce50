"""Every operation, with every request content type, sends what its spec describes — byte for byte.

Each case calls the generated client (sync and async) against a respx mock, then checks the captured
``httpx.Request`` twice: with openapi-core against the spec (server, path, method, path and query
parameters, security header, content type, body schema) and against the exact expected bytes. The mocked
success reply is validated against the spec too, and what the generated client made of it is checked.
"""

from __future__ import annotations

import json

import pytest

from .case_registry import ALL_CASES
from .expectations import ALL_SPECS, JSON, OCTET, SpecExpectation
from .generated_access import file_class, model_class
from .mock_calls import Exchange, call_async, call_sync
from .openapi_wire import request_errors, response_errors
from .request_cases import RequestCase
from .spec_access import media_essence


def _case_id(case: RequestCase) -> str:
    return case.test_id


def check_exchange(case: RequestCase, exchange: Exchange) -> None:
    request, response, result = exchange.request, exchange.response, exchange.result
    operation = case.operation

    # The wire, exactly.
    assert request.method == operation.method.upper()
    assert str(request.url) == case.expected_url
    assert request.headers.get("content-type") == case.expected_content_type
    assert request.content == case.expected_body
    if case.expected_body:
        # A length, not chunked transfer encoding: no provider documents accepting chunked uploads
        # (a guess that they may not), and a length lets a server reject an oversize image early.
        assert request.headers.get("content-length") == str(len(case.expected_body))
        assert "transfer-encoding" not in request.headers
    for name, value in case.spec.auth_headers.items():
        assert request.headers.get(name) == value
    for name, value in case.expected_headers:
        assert request.headers.get_list(name) == [value], name

    # The same request and the mocked reply, judged by the spec.
    assert request_errors(case.spec.spec_file, request) == []
    assert response_errors(case.spec.spec_file, request, response) == []

    # What the generated client gives back.
    assert result.status_code == operation.success_status
    for header in operation.response_headers:
        assert result.headers[header] == response.headers[header]
    if operation.success_model is not None:
        model = model_class(case.spec.package, operation.success_model)
        assert isinstance(result.parsed, model)
        assert result.parsed.to_dict() == json.loads(response.content)
    elif OCTET in operation.success_content_types:
        # A binary download comes back as a File with the exact bytes served.
        assert isinstance(result.parsed, file_class(case.spec.package))
        payload = getattr(result.parsed, "payload", None)
        assert payload is not None
        assert payload.read() == response.content
        assert result.content == response.content
        assert media_essence(result.headers["content-type"]) in operation.success_content_types
    elif JSON not in operation.success_content_types:
        assert result.content == b""


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_sync_request(case: RequestCase) -> None:
    check_exchange(case, call_sync(case))


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
async def test_async_request(case: RequestCase) -> None:
    check_exchange(case, await call_async(case))


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_cases_cover_every_operation_and_content_type(spec: SpecExpectation) -> None:
    """The guard that keeps this file honest: one case per (operation, request content type)."""
    expected = {
        (operation.operation_id, content_type)
        for operation in spec.operations
        for content_type in (operation.request_content_types or (None,))
    }
    covered = {(case.operation_id, case.content_type) for case in ALL_CASES if case.spec is spec}
    assert covered == expected

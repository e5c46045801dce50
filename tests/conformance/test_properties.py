"""Beyond the examples: any body the spec allows parses through the generated code and round-trips.

For every distinct JSON response schema of every spec, Hypothesis draws bodies valid against it (with
unknown extra fields, odd text, ints and floats where numbers go), openapi-core confirms they are valid,
and the operation's own generated parsing must return a model whose ``to_dict()`` gives the body back.
"""

from __future__ import annotations

import json
import types

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .case_registry import cases_of
from .expectations import ALL_SPECS, SpecExpectation
from .generated_access import GeneratedModel, client_class, operation_module
from .openapi_wire import response_errors
from .request_cases import RequestCase
from .schema_strategies import from_schema
from .spec_access import find_operation, load_spec, response_content, responses


def _targets() -> list[tuple[SpecExpectation, str, int, object]]:
    """(spec, operation id, status, schema) for each distinct response schema, on its first use."""
    found = []
    for spec in ALL_SPECS:
        document = load_spec(spec.spec_file)
        seen: set[str] = set()
        for expected in spec.operations:
            operation = find_operation(document, expected.method, expected.path)
            assert operation is not None
            for status, response in responses(document, operation).items():
                media = response_content(response, f"{expected.label} {status}").get("application/json")
                if media is None:
                    continue
                schema = media["schema"]
                key = json.dumps(schema, sort_keys=True)
                if key not in seen and status.isdigit():
                    seen.add(key)
                    found.append((spec, expected.operation_id, int(status), schema))
    return found


TARGETS = _targets()


def _sent_request(case: RequestCase) -> httpx.Request:
    """The request the case sends (rebuilt from its expectations: response validation needs one)."""
    headers = dict(case.spec.auth_headers)
    if case.expected_content_type:
        headers["Content-Type"] = case.expected_content_type
    return httpx.Request(
        case.operation.method.upper(), case.expected_url, content=case.expected_body, headers=headers
    )


def _parse(module: types.ModuleType, client: object, response: httpx.Response) -> object:
    """The operation's own parsing, as ``sync_detailed`` runs it (without a transport round trip)."""
    parsed: object = module._parse_response(client=client, response=response)
    return parsed


@pytest.mark.parametrize(
    ("spec", "operation_id", "status", "schema"),
    TARGETS,
    ids=[f"{spec.package}-{op}-{status}" for spec, op, status, _ in TARGETS],
)
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_valid_body_round_trips(
    spec: SpecExpectation, operation_id: str, status: int, schema: object, data: st.DataObject
) -> None:
    body = data.draw(from_schema(load_spec(spec.spec_file), schema), label="body")
    case = cases_of(spec.package, operation_id)[0]
    headers = [("Content-Type", "application/json")]
    if status == case.operation.success_status:
        headers += [h for h in case.reply.headers if h[0].lower() != "content-type"]
    request = _sent_request(case)
    response = httpx.Response(status, headers=headers, content=json.dumps(body).encode(), request=request)

    # The drawn body is valid (a check on the strategies: otherwise the property proves nothing).
    assert response_errors(spec.spec_file, request, response) == []
    module = operation_module(spec.package, case.operation.module_name)
    parsed = _parse(module, client_class(spec.package)(base_url=spec.base_url), response)
    assert isinstance(parsed, GeneratedModel)
    assert parsed.to_dict() == body

"""Each spec in ``specs/`` is valid OpenAPI and holds everything the manifest says it must.

Deleting an operation, a request or response content type, a query or path parameter, a required
response header, a named schema or an example from a spec makes one of these tests fail.
"""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from .expectations import ALL_SPECS, OperationExpectation, SpecExpectation
from .spec_access import (
    as_object,
    find_operation,
    iter_examples,
    iter_operations,
    load_spec,
    media_examples,
    parameters,
    request_content,
    resolve,
    response_content,
    responses,
)

OPERATIONS = [(spec, operation) for spec in ALL_SPECS for operation in spec.operations]


def _operation_id(value: object) -> str:
    if isinstance(value, SpecExpectation):
        return value.package
    if isinstance(value, OperationExpectation):
        return value.operation_id
    return str(value)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_operation_id)
def test_spec_is_valid_openapi(spec: SpecExpectation) -> None:
    validate(dict(load_spec(spec.spec_file)))


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_operation_id)
def test_spec_has_exactly_the_manifest_operations(spec: SpecExpectation) -> None:
    """Both directions: a dropped operation fails, and so does one the manifest (and so the request
    conformance cases) does not cover yet."""
    document = load_spec(spec.spec_file)
    in_spec = {(operation.method, operation.path) for operation in iter_operations(document)}
    in_manifest = {(operation.method, operation.path) for operation in spec.operations}
    assert in_spec == in_manifest


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_operation_id)
def test_spec_has_the_named_schemas(spec: SpecExpectation) -> None:
    document = load_spec(spec.spec_file)
    schemas = as_object(as_object(document.get("components", {}), "components").get("schemas", {}), "schemas")
    missing = [name for name in spec.models if name not in schemas]
    assert not missing, f"{spec.spec_file}: components.schemas lacks {missing}"


@pytest.mark.parametrize(("spec", "expected"), OPERATIONS, ids=_operation_id)
def test_operation_is_declared_as_expected(spec: SpecExpectation, expected: OperationExpectation) -> None:
    document = load_spec(spec.spec_file)
    operation = find_operation(document, expected.method, expected.path)
    assert operation is not None, f"{spec.spec_file}: {expected.label} is missing"
    assert operation.operation_id == expected.operation_id

    # Request content types: exactly the expected ones (parameters such as charset do not count).
    assert set(request_content(document, operation)) == set(expected.request_content_types)

    # Success response, its media types and its schema's name.
    all_responses = responses(document, operation)
    success = all_responses.get(str(expected.success_status))
    assert success is not None, f"{expected.label}: no {expected.success_status} response"
    content = response_content(success, f"{expected.label} {expected.success_status}")
    assert set(content) == set(expected.success_content_types)
    if expected.success_model is not None:
        schema = as_object(content["application/json"].get("schema"), f"{expected.label} schema")
        assert schema.get("$ref") == f"#/components/schemas/{expected.success_model}"

    # Required response headers of the success response.
    headers = {
        name.lower(): resolve(document, header, name)
        for name, header in as_object(success.get("headers", {}), f"{expected.label} headers").items()
    }
    for header in expected.response_headers:
        assert header.lower() in headers, f"{expected.label}: response header {header} not declared"
        assert headers[header.lower()].get("required") is True, f"{expected.label}: {header} must be required"

    # Query and path parameters.
    declared_parameters = {(str(p["in"]), str(p["name"])): p for p in parameters(document, operation)}
    for query in expected.query:
        parameter = declared_parameters.get(("query", query.name))
        assert parameter is not None, f"{expected.label}: query parameter {query.name!r} missing"
        assert bool(parameter.get("required", False)) is query.required, (
            f"{expected.label}: {query.name} required?"
        )
    for name in expected.path_params:
        parameter = declared_parameters.get(("path", name))
        assert parameter is not None and parameter.get("required") is True, f"{expected.label}: path {name}"


@pytest.mark.parametrize(("spec", "expected"), OPERATIONS, ids=_operation_id)
def test_operation_keeps_its_examples(spec: SpecExpectation, expected: OperationExpectation) -> None:
    document = load_spec(spec.spec_file)
    operation = find_operation(document, expected.method, expected.path)
    assert operation is not None, f"{spec.spec_file}: {expected.label} is missing"
    request_examples = sum(
        len(media_examples(document, media, expected.label))
        for media in request_content(document, operation).values()
    )
    response_examples = sum(
        len(media_examples(document, media, expected.label))
        for status, response in responses(document, operation).items()
        for media in response_content(response, f"{expected.label} {status}").values()
    )
    assert request_examples >= expected.min_request_examples
    assert response_examples >= expected.min_response_examples


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_operation_id)
def test_spec_keeps_its_examples(spec: SpecExpectation) -> None:
    examples = list(iter_examples(load_spec(spec.spec_file)))
    assert len(examples) >= spec.min_examples
    # Every example has a distinct identity, so the example tests run each one separately.
    ids = [example.test_id for example in examples]
    assert len(ids) == len(set(ids))

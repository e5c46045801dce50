"""Checks of one spec document against the manifest; each raises AssertionError on the first gap.

They take the parsed document as an argument (rather than a file name) so that the guard tests can
run them on deliberately damaged copies and prove that every kind of deletion is caught.
"""

from __future__ import annotations

from .expectations import OperationExpectation, SpecExpectation
from .spec_access import (
    JsonObject,
    as_object,
    find_operation,
    iter_examples,
    iter_operations,
    media_examples,
    parameters,
    request_content,
    resolve,
    response_content,
    responses,
)


def check_operation_set(document: JsonObject, spec: SpecExpectation) -> None:
    """Both directions: a dropped operation fails, and so does one the manifest (and therefore the
    request conformance cases) does not cover yet."""
    in_spec = {(operation.method, operation.path) for operation in iter_operations(document)}
    in_manifest = {(operation.method, operation.path) for operation in spec.operations}
    assert in_spec == in_manifest, f"{spec.spec_file}: operations differ from the manifest"


def check_named_schemas(document: JsonObject, spec: SpecExpectation) -> None:
    components = as_object(document.get("components", {}), "components")
    schemas = as_object(components.get("schemas", {}), "components.schemas")
    missing = [name for name in spec.models if name not in schemas]
    assert not missing, f"{spec.spec_file}: components.schemas lacks {missing}"


def check_model_links(document: JsonObject, spec: SpecExpectation) -> None:
    schemas = as_object(as_object(document.get("components", {}), "components").get("schemas", {}), "schemas")
    for link in spec.links:
        model = as_object(schemas.get(link.model, {}), link.model)
        prop = as_object(as_object(model.get("properties", {}), link.model).get(link.field, {}), link.field)
        node = as_object(prop.get("items", {}), link.field) if link.many else prop
        assert node.get("$ref") == f"#/components/schemas/{link.target}", f"{link} not declared"


def check_operation(document: JsonObject, spec: SpecExpectation, expected: OperationExpectation) -> None:
    operation = find_operation(document, expected.method, expected.path)
    assert operation is not None, f"{spec.spec_file}: {expected.label} is missing"
    assert operation.operation_id == expected.operation_id

    # Request content types: exactly the expected ones (parameters such as charset do not count).
    declared_types = set(request_content(document, operation))
    assert declared_types == set(expected.request_content_types), (
        f"{expected.label}: request {declared_types}"
    )

    # Success response, its media types and its schema's name.
    all_responses = responses(document, operation)
    success = all_responses.get(str(expected.success_status))
    assert success is not None, f"{expected.label}: no {expected.success_status} response"
    content = response_content(success, f"{expected.label} {expected.success_status}")
    assert set(content) == set(expected.success_content_types), f"{expected.label}: success {set(content)}"
    if expected.success_model is not None:
        schema = as_object(content["application/json"].get("schema"), f"{expected.label} schema")
        assert schema.get("$ref") == f"#/components/schemas/{expected.success_model}"

    # Error responses: a JSON body schema for each status every provider documents or sends.
    for status in spec.error_statuses:
        error = all_responses.get(status)
        assert error is not None, f"{expected.label}: no {status} response"
        error_content = response_content(error, f"{expected.label} {status}")
        assert "application/json" in error_content, f"{expected.label}: {status} has no JSON body"
        assert "schema" in error_content["application/json"], f"{expected.label}: {status} has no schema"

    # Required response headers of the success response.
    headers = {
        name.lower(): resolve(document, header, name)
        for name, header in as_object(success.get("headers", {}), f"{expected.label} headers").items()
    }
    for header in expected.response_headers:
        assert header.lower() in headers, f"{expected.label}: response header {header} not declared"
        assert headers[header.lower()].get("required") is True, f"{expected.label}: {header} must be required"

    # Query and path parameters.
    declared = {(str(p["in"]), str(p["name"])): p for p in parameters(document, operation)}
    for query in expected.query:
        parameter = declared.get(("query", query.name))
        assert parameter is not None, f"{expected.label}: query parameter {query.name!r} missing"
        required = bool(parameter.get("required", False))
        assert required is query.required, f"{expected.label}: {query.name} required={required}"
    for name in expected.path_params:
        parameter = declared.get(("path", name))
        assert parameter is not None and parameter.get("required") is True, f"{expected.label}: path {name}"
    for header_param in expected.header_params:
        parameter = declared.get(("header", header_param.name))
        assert parameter is not None, f"{expected.label}: header parameter {header_param.name!r} missing"
        required = bool(parameter.get("required", False))
        assert required is header_param.required, f"{expected.label}: {header_param.name} required={required}"


def count_examples(document: JsonObject, expected: OperationExpectation) -> tuple[int, int, int]:
    """(request, success response, error response) examples of one operation."""
    operation = find_operation(document, expected.method, expected.path)
    assert operation is not None, f"{expected.label} is missing"
    request = sum(
        len(media_examples(document, media, expected.label))
        for media in request_content(document, operation).values()
    )
    success = error = 0
    for status, response in responses(document, operation).items():
        for media in response_content(response, f"{expected.label} {status}").values():
            found = len(media_examples(document, media, f"{expected.label} {status}"))
            if status == str(expected.success_status):
                success += found
            else:
                error += found
    return request, success, error


def check_operation_examples(document: JsonObject, expected: OperationExpectation) -> None:
    request, success, error = count_examples(document, expected)
    assert request >= expected.min_request_examples, f"{expected.label}: {request} request examples"
    assert success >= expected.min_success_examples, f"{expected.label}: {success} success examples"
    assert error >= expected.min_error_examples, f"{expected.label}: {error} error examples"


def check_spec_examples(document: JsonObject, spec: SpecExpectation) -> None:
    examples = list(iter_examples(document))
    assert len(examples) >= spec.min_examples, f"{spec.spec_file}: {len(examples)} examples"
    # Every example has a distinct identity, so the example tests run each one separately.
    ids = [example.test_id for example in examples]
    assert len(ids) == len(set(ids)), f"{spec.spec_file}: duplicate example ids"


def check_examples(document: JsonObject, spec: SpecExpectation) -> None:
    for operation in spec.operations:
        check_operation_examples(document, operation)
    check_spec_examples(document, spec)


def check_spec(document: JsonObject, spec: SpecExpectation) -> None:
    """Everything above, for one spec."""
    check_operation_set(document, spec)
    check_named_schemas(document, spec)
    check_model_links(document, spec)
    for operation in spec.operations:
        check_operation(document, spec, operation)
    check_examples(document, spec)

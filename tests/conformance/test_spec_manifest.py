"""Each spec in ``specs/`` is valid OpenAPI and holds everything the manifest says it must.

Deleting an operation, a request or response content type, a query or path parameter, a required
response header, an error response, a named schema or an example from a spec fails one of these tests
(``test_guards.py`` proves it by damaging copies of the specs).
"""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from .expectations import ALL_SPECS, OperationExpectation, SpecExpectation
from .spec_access import load_spec
from .spec_checks import (
    check_model_links,
    check_named_schemas,
    check_operation,
    check_operation_examples,
    check_operation_set,
    check_spec_examples,
)

OPERATIONS = [(spec, operation) for spec in ALL_SPECS for operation in spec.operations]


def _id(value: object) -> str:
    if isinstance(value, SpecExpectation):
        return value.package
    if isinstance(value, OperationExpectation):
        return value.operation_id
    return str(value)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_spec_is_valid_openapi(spec: SpecExpectation) -> None:
    validate(dict(load_spec(spec.spec_file)))


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_spec_has_exactly_the_manifest_operations(spec: SpecExpectation) -> None:
    check_operation_set(load_spec(spec.spec_file), spec)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_spec_has_the_named_schemas(spec: SpecExpectation) -> None:
    check_named_schemas(load_spec(spec.spec_file), spec)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_spec_nests_the_models_as_expected(spec: SpecExpectation) -> None:
    check_model_links(load_spec(spec.spec_file), spec)


@pytest.mark.parametrize(("spec", "expected"), OPERATIONS, ids=_id)
def test_operation_is_declared_as_expected(spec: SpecExpectation, expected: OperationExpectation) -> None:
    check_operation(load_spec(spec.spec_file), spec, expected)


@pytest.mark.parametrize(("spec", "expected"), OPERATIONS, ids=_id)
def test_operation_keeps_its_examples(spec: SpecExpectation, expected: OperationExpectation) -> None:
    check_operation_examples(load_spec(spec.spec_file), expected)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_spec_keeps_its_examples(spec: SpecExpectation) -> None:
    check_spec_examples(load_spec(spec.spec_file), spec)

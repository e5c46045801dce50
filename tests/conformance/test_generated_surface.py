"""Each generated package exposes every operation and model of the manifest, with the right signatures.

Deleting an operation module, a model, or a body content type from ``generated/`` (or the generator
dropping one: it only warns) fails here without calling anything (``test_guards.py`` proves it).
"""

from __future__ import annotations

import pytest

from .expectations import ALL_SPECS, OperationExpectation, SpecExpectation
from .surface_checks import (
    check_body_types,
    check_functions_and_parameters,
    check_model_links,
    check_models,
    check_operation_modules,
    check_return_type,
)

OPERATIONS = [(spec, operation) for spec in ALL_SPECS for operation in spec.operations]


def _id(value: object) -> str:
    if isinstance(value, SpecExpectation):
        return value.package
    if isinstance(value, OperationExpectation):
        return value.operation_id
    return str(value)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_package_has_exactly_the_manifest_operations(spec: SpecExpectation) -> None:
    check_operation_modules(spec.package, spec)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_package_has_the_named_models(spec: SpecExpectation) -> None:
    check_models(spec.package, spec)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_models_nest_as_expected(spec: SpecExpectation) -> None:
    check_model_links(spec.package, spec)


@pytest.mark.parametrize(("spec", "operation"), OPERATIONS, ids=_id)
def test_operation_functions_and_parameters(spec: SpecExpectation, operation: OperationExpectation) -> None:
    check_functions_and_parameters(spec.package, operation)


@pytest.mark.parametrize(("spec", "operation"), OPERATIONS, ids=_id)
def test_body_accepts_every_request_content_type(
    spec: SpecExpectation, operation: OperationExpectation
) -> None:
    """E.g. the Azure submit functions take a JSON model or a File; Tencent a JSON or a form model."""
    check_body_types(spec.package, operation)


@pytest.mark.parametrize(("spec", "operation"), OPERATIONS, ids=_id)
def test_return_type_names_the_success_body(spec: SpecExpectation, operation: OperationExpectation) -> None:
    check_return_type(spec.package, operation)

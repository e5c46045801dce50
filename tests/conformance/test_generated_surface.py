"""Each generated package exposes every operation and model of the manifest, with the right signatures.

Deleting an operation module, a model, or a content type from ``generated/`` (or the generator dropping
one: it only warns) fails here, without calling anything.
"""

from __future__ import annotations

import inspect
import typing

import pytest

from .expectations import ALL_SPECS, JSON, MULTIPART, OCTET, OperationExpectation, SpecExpectation, snake_case
from .generated_access import (
    asyncio_detailed,
    file_class,
    is_model_class,
    model_class,
    models_module,
    operation_module,
    operation_modules,
    sync_detailed,
    type_hints,
    union_members,
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
    assert set(operation_modules(spec.package)) == {operation.module_name for operation in spec.operations}


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_id)
def test_package_has_the_named_models(spec: SpecExpectation) -> None:
    exported = set(getattr(models_module(spec.package), "__all__", ()))
    for name in spec.models:
        assert is_model_class(model_class(spec.package, name)), f"{spec.package}.models.{name} is not a model"
        assert name in exported, f"{spec.package}.models does not export {name}"


@pytest.mark.parametrize(("spec", "operation"), OPERATIONS, ids=_id)
def test_operation_functions_and_parameters(spec: SpecExpectation, operation: OperationExpectation) -> None:
    module = operation_module(spec.package, operation.module_name)
    sync_function = sync_detailed(module)
    async_function = asyncio_detailed(module)
    sync_parameters = inspect.signature(sync_function).parameters
    assert list(sync_parameters) == list(inspect.signature(async_function).parameters)

    assert sync_parameters["client"].kind is inspect.Parameter.KEYWORD_ONLY
    for name in operation.path_params:
        assert snake_case(name) in sync_parameters, f"{operation.label}: no path parameter {name}"
    for query in operation.query:
        parameter = sync_parameters.get(snake_case(query.name))
        assert parameter is not None, f"{operation.label}: no query parameter {query.name}"
        # Optional query parameters must be optional in Python too, required ones required.
        assert (parameter.default is inspect.Parameter.empty) is query.required, (
            f"{operation.label}: {query.name}"
        )
    if not operation.request_content_types:
        assert "body" not in sync_parameters


@pytest.mark.parametrize(
    ("spec", "operation"), [(s, o) for s, o in OPERATIONS if o.request_content_types], ids=_id
)
def test_body_accepts_every_request_content_type(
    spec: SpecExpectation, operation: OperationExpectation
) -> None:
    """E.g. the Azure submit functions accept both a JSON model and a File; Tencent a JSON and a form model."""
    module = operation_module(spec.package, operation.module_name)
    parameter = inspect.signature(sync_detailed(module)).parameters["body"]
    assert parameter.default is inspect.Parameter.empty, f"{operation.label}: the body is required"
    members = union_members(type_hints(sync_detailed(module))["body"])
    models = [member for member in members if is_model_class(member)]
    form_models = [model for model in models if hasattr(model, "to_multipart")]
    json_models = [model for model in models if not hasattr(model, "to_multipart")]

    assert (file_class(spec.package) in members) is (OCTET in operation.request_content_types)
    assert len(json_models) == (1 if JSON in operation.request_content_types else 0)
    assert len(form_models) == (1 if MULTIPART in operation.request_content_types else 0)
    assert len(members) == len(operation.request_content_types), f"{operation.label}: body is {members}"


@pytest.mark.parametrize(("spec", "operation"), OPERATIONS, ids=_id)
def test_return_type_names_the_success_body(spec: SpecExpectation, operation: OperationExpectation) -> None:
    module = operation_module(spec.package, operation.module_name)
    returned = type_hints(sync_detailed(module))["return"]
    # Response[T]: the generic's one argument is the union of every documented body.
    arguments = typing.get_args(returned)
    assert typing.get_origin(returned) is not None and len(arguments) == 1, f"{returned}"
    members = union_members(arguments[0])
    if operation.success_model is not None:
        assert model_class(spec.package, operation.success_model) in members
    if OCTET in operation.success_content_types:
        assert file_class(spec.package) in members

"""Checks of one generated package against the manifest; each raises AssertionError on the first gap.

The package is named by argument (not taken from the manifest) so that the guard tests can point the
same checks at a damaged copy of a generated package and prove that each deletion is caught.
"""

from __future__ import annotations

import inspect
import typing

from .expectations import JSON, MULTIPART, OCTET, OperationExpectation, SpecExpectation, snake_case
from .generated_access import (
    asyncio_detailed,
    file_class,
    is_model_class,
    model_class,
    models_module,
    operation_module,
    operation_module_names,
    sync_detailed,
    type_hints,
    union_members,
)


def check_operation_modules(package: str, spec: SpecExpectation) -> None:
    found = set(operation_module_names(package))
    expected = {operation.module_name for operation in spec.operations}
    assert found == expected, f"{package}: operation modules {sorted(found)} != {sorted(expected)}"


def check_models(package: str, spec: SpecExpectation) -> None:
    exported = set(getattr(models_module(package), "__all__", ()))
    for name in spec.models:
        assert is_model_class(model_class(package, name)), f"{package}.models.{name} is not a model"
        assert name in exported, f"{package}.models does not export {name}"


def _flatten(annotation: object) -> set[object]:
    """Every type named anywhere in an annotation: ``list[A] | Unset`` -> {list, A, Unset}."""
    found: set[object] = {typing.get_origin(annotation) or annotation}
    for argument in typing.get_args(annotation):
        found |= _flatten(argument)
    return found


def check_model_links(package: str, spec: SpecExpectation) -> None:
    namespace = vars(models_module(package))  # the nested models are imported only for type checkers
    for link in spec.links:
        model = model_class(package, link.model)
        hints = typing.get_type_hints(model, localns=namespace)
        field = snake_case(link.field)
        assert field in hints, f"{package}: {link.model} has no field {field}"
        named = _flatten(hints[field])
        assert model_class(package, link.target) in named, (
            f"{package}: {link.model}.{field} is {hints[field]}"
        )
        assert (list in named) is link.many, f"{package}: {link.model}.{field} is {hints[field]}"


def check_functions_and_parameters(package: str, operation: OperationExpectation) -> None:
    module = operation_module(package, operation.module_name)
    sync_parameters = inspect.signature(sync_detailed(module)).parameters
    async_parameters = inspect.signature(asyncio_detailed(module)).parameters
    assert list(sync_parameters) == list(async_parameters), f"{operation.label}: sync and async differ"

    assert sync_parameters["client"].kind is inspect.Parameter.KEYWORD_ONLY
    for name in operation.path_params:
        assert snake_case(name) in sync_parameters, f"{operation.label}: no path parameter {name}"
    for query in operation.query:
        parameter = sync_parameters.get(snake_case(query.name))
        assert parameter is not None, f"{operation.label}: no query parameter {query.name}"
        # Optional query parameters must be optional in Python too, required ones required, except
        # the fixed ones (one allowed value), which the function fills in.
        required = parameter.default is inspect.Parameter.empty
        assert required is (query.required and not query.fixed), f"{operation.label}: {query.name}"
    for header in operation.header_params:
        parameter = sync_parameters.get(snake_case(header.name))
        assert parameter is not None, f"{operation.label}: no header parameter {header.name}"
        required = parameter.default is inspect.Parameter.empty
        assert required is (header.required and not header.fixed), f"{operation.label}: {header.name}"
    if not operation.request_content_types:
        assert "body" not in sync_parameters, f"{operation.label}: unexpected body"


def check_body_types(package: str, operation: OperationExpectation) -> None:
    """One body type per request content type: a JSON model, a File, a form model (``to_multipart``)."""
    if not operation.request_content_types:
        return
    function = sync_detailed(operation_module(package, operation.module_name))
    parameter = inspect.signature(function).parameters.get("body")
    assert parameter is not None, f"{operation.label}: no body parameter"
    assert parameter.default is inspect.Parameter.empty, f"{operation.label}: the body is required"
    members = union_members(type_hints(function)["body"])
    models = [member for member in members if is_model_class(member)]
    form_models = [model for model in models if hasattr(model, "to_multipart")]
    json_models = [model for model in models if not hasattr(model, "to_multipart")]

    wants = operation.request_content_types
    assert (file_class(package) in members) is (OCTET in wants), f"{operation.label}: File in {members}?"
    assert len(json_models) == (JSON in wants), f"{operation.label}: JSON models {json_models}"
    assert len(form_models) == (MULTIPART in wants), f"{operation.label}: form models {form_models}"
    assert len(members) == len(wants), f"{operation.label}: body is {members}"


def check_return_type(package: str, operation: OperationExpectation) -> None:
    function = sync_detailed(operation_module(package, operation.module_name))
    returned = type_hints(function)["return"]
    # Response[T]: the generic's one argument is the union of every documented body.
    arguments = typing.get_args(returned)
    assert typing.get_origin(returned) is not None and len(arguments) == 1, f"{operation.label}: {returned}"
    members = union_members(arguments[0])
    if operation.success_model is not None:
        model = model_class(package, operation.success_model)
        assert model in members, f"{operation.label}: {model.__name__} not in {members}"
    if OCTET in operation.success_content_types:
        assert file_class(package) in members, f"{operation.label}: File not in {members}"


def check_package(package: str, spec: SpecExpectation) -> None:
    """Everything above, for one package."""
    check_operation_modules(package, spec)
    check_models(package, spec)
    check_model_links(package, spec)
    for operation in spec.operations:
        check_functions_and_parameters(package, operation)
        check_body_types(package, operation)
        check_return_type(package, operation)

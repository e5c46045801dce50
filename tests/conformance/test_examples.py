"""Every example in every spec goes through the generated code unchanged, and conforms to its spec.

Response examples are served by a respx mock to the generated ``sync_detailed`` (so the operation's own
parsing picks the model), validated by openapi-core, and must come back unchanged from
``to_dict()`` and from a fresh ``from_dict(x).to_dict()``. JSON request examples are parsed into the
generated body model, sent, and must go out as the same JSON and pass request validation; multipart
examples go through the generated form model and must come back part for part.
"""

from __future__ import annotations

import dataclasses
import json
from typing import cast

import pytest

from .case_registry import cases_of
from .expectations import ALL_SPECS, MULTIPART, SpecExpectation
from .generated_access import (
    GeneratedModel,
    from_dict,
    is_model_class,
    operation_module,
    sync_detailed,
    type_hints,
    union_members,
)
from .mock_calls import call_sync
from .openapi_wire import request_body, request_errors, response_errors
from .request_cases import Reply, RequestCase
from .spec_access import (
    SpecExample,
    as_object,
    binary_properties,
    find_operation,
    iter_examples,
    load_spec,
    media_essence,
    request_content,
    responses,
)

EXAMPLES = [(spec, example) for spec in ALL_SPECS for example in iter_examples(load_spec(spec.spec_file))]
REQUEST_EXAMPLES = [(spec, example) for spec, example in EXAMPLES if example.direction == "request"]
RESPONSE_EXAMPLES = [(spec, example) for spec, example in EXAMPLES if example.direction == "response"]


def _example_id(value: object) -> str:
    if isinstance(value, SpecExpectation):
        return value.package
    if isinstance(value, SpecExample):
        return value.test_id
    return str(value)


def _status_for(spec: SpecExpectation, example: SpecExample) -> int:
    """A concrete status code for a response key (``default`` and ``4XX`` are not codes): one the
    operation does not declare explicitly, so the generated code takes its ``default``/range branch."""
    assert example.status is not None
    if example.status.isdigit():
        return int(example.status)
    operation = find_operation(load_spec(spec.spec_file), example.method, example.path)
    assert operation is not None
    declared = set(responses(load_spec(spec.spec_file), operation))
    candidates = {"default": (418, 422, 451), "4XX": (400, 418, 422), "5XX": (500, 502, 504)}[example.status]
    return next(code for code in candidates if str(code) not in declared)


def _case_for(spec: SpecExpectation, operation_id: str) -> RequestCase:
    cases = cases_of(spec.package, operation_id)
    assert cases, f"no request case for {operation_id}: add one to the provider's cases module"
    return cases[0]


def _model_for(models: list[type[GeneratedModel]], *, form_model: bool) -> type[GeneratedModel]:
    """The JSON or the form body model of a body union (form models are those with ``to_multipart``)."""
    matching = [model for model in models if hasattr(model, "to_multipart") is form_model]
    assert len(matching) == 1, f"expected one {'form' if form_model else 'JSON'} body model in {models}"
    return matching[0]


@pytest.mark.parametrize(("spec", "example"), RESPONSE_EXAMPLES, ids=_example_id)
def test_response_example_round_trips(spec: SpecExpectation, example: SpecExample) -> None:
    assert example.content_type == "application/json", (
        f"{example.test_id}: only JSON examples are served here"
    )
    case = _case_for(spec, example.operation_id)
    status = _status_for(spec, example)
    # Success examples keep the headers the success reply must carry (Operation-Location...).
    headers = case.reply.headers if status == case.operation.success_status else ()
    content_type = (("Content-Type", example.content_type),)
    headers = content_type + tuple(h for h in headers if h[0].lower() != "content-type")
    reply = Reply(status, headers, json.dumps(example.value, ensure_ascii=False).encode("utf-8"))

    exchange = call_sync(case, reply)

    assert response_errors(spec.spec_file, exchange.request, exchange.response) == []
    parsed = exchange.result.parsed
    assert isinstance(parsed, GeneratedModel), f"{example.test_id}: parsed into {type(parsed).__name__}"
    assert parsed.to_dict() == example.value
    value = as_object(example.value, example.test_id)
    assert from_dict(type(parsed), value).to_dict() == example.value


@pytest.mark.parametrize(("spec", "example"), REQUEST_EXAMPLES, ids=_example_id)
def test_request_example_round_trips(spec: SpecExpectation, example: SpecExample) -> None:
    case = next(
        c for c in cases_of(spec.package, example.operation_id) if c.content_type == example.content_type
    )
    module = operation_module(spec.package, case.operation.module_name)
    body_types = union_members(type_hints(sync_detailed(module))["body"])
    models = [cast(type[GeneratedModel], t) for t in body_types if is_model_class(t)]
    value = as_object(example.value, example.test_id)

    if example.content_type == MULTIPART:
        # A form example writes its file part as text; the form model carries it as bytes.
        operation = find_operation(load_spec(spec.spec_file), example.method, example.path)
        assert operation is not None
        media = request_content(load_spec(spec.spec_file), operation)[MULTIPART]
        files = binary_properties(load_spec(spec.spec_file), media, example.test_id)
        assert files, f"{example.test_id}: a form without a file part"
        form = {k: v.encode("utf-8") if k in files and isinstance(v, str) else v for k, v in value.items()}
        body = from_dict(_model_for(models, form_model=True), form)
    else:
        body = from_dict(_model_for(models, form_model=False), value)
        assert body.to_dict() == example.value

    arguments = case.arguments
    with_example = dataclasses.replace(case, arguments=lambda: {**arguments(), "body": body})
    exchange = call_sync(with_example)

    assert media_essence(exchange.request.headers["content-type"]) == example.content_type
    assert request_errors(spec.spec_file, exchange.request) == []
    if example.content_type == MULTIPART:
        # The parts as the spec reads them back (openapi-core decodes the form): field for field.
        assert request_body(spec.spec_file, exchange.request) == form
    else:
        # The JSON on the wire, not a decoded view of it (which would add the schema's defaults).
        assert json.loads(exchange.request.content) == example.value

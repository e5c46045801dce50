"""Forward compatibility: what providers add later must not break parsing, and must not be lost.

Unknown fields are added at every level of every response example, and every value the spec types as a
provider enum is replaced by a value no spec lists; the result must pass the spec (openapi-core) and come
back unchanged through the generated code. Then the Azure status strings are checked by name.
"""

from __future__ import annotations

import json

import pytest
from azure_vision_v1_client.models import KnownOperationStatus as V1Status
from azure_vision_v1_client.models import TextOperationResult as V1TextOperationResult
from azure_vision_v2_client.models import KnownOperationStatus, ReadOperationResult, TextOperationResult
from azure_vision_v3_client.models import KnownOperationStatus as V3Status
from azure_vision_v3_client.models import KnownTextStyle, Style
from azure_vision_v3_client.models import ReadOperationResult as V3ReadOperationResult

from .case_registry import cases_of
from .expectations import ALL_SPECS, SpecExpectation
from .generated_access import GeneratedModel
from .mock_calls import call_sync
from .openapi_wire import response_errors
from .request_cases import Reply
from .spec_access import (
    JsonObject,
    SpecExample,
    as_list,
    as_object,
    find_operation,
    iter_examples,
    load_spec,
    resolve,
    response_content,
    responses,
)

FUTURE_FIELD = "fieldAddedIn2031"
FUTURE_VALUE = "ValueAddedIn2031"


def with_unknown_fields(value: object) -> object:
    """A copy of ``value`` with an extra field (holding nested data) in every object."""
    if isinstance(value, dict):
        extended = {key: with_unknown_fields(item) for key, item in value.items()}
        extended[FUTURE_FIELD] = {"nested": [1, "two", None], "flag": True}
        return extended
    if isinstance(value, list):
        return [with_unknown_fields(item) for item in value]
    return value


def _is_enum(document: JsonObject, schema: JsonObject) -> bool:
    return "enum" in resolve(document, schema, "enum")


def with_future_enum_values(document: JsonObject, schema: object, value: object) -> tuple[object, int]:
    """A copy of ``value`` where every string the schema types as an enum (closed, or extensible as
    ``anyOf: [KnownX, string]``) is a value no spec lists; and how many were replaced."""
    node = resolve(document, schema, "schema")
    alternatives = as_list(node.get("anyOf", node.get("oneOf", [])), "anyOf")
    branches = [resolve(document, branch, "branch") for branch in alternatives]
    if isinstance(value, str) and (_is_enum(document, node) or any(_is_enum(document, b) for b in branches)):
        return FUTURE_VALUE, 1
    if isinstance(value, dict):
        properties = as_object(node.get("properties", {}), "properties")
        replaced, count = {}, 0
        for key, item in value.items():
            if key in properties:
                replaced[key], found = with_future_enum_values(document, properties[key], item)
                count += found
            else:
                replaced[key] = item
        # An anyOf of objects (the Azure error bodies): the branch that has the fields.
        for branch in branches:
            if count == 0 and "properties" in branch:
                candidate, found = with_future_enum_values(document, branch, value)
                if found:
                    return candidate, found
        return replaced, count
    if isinstance(value, list) and "items" in node:
        items = [with_future_enum_values(document, node["items"], item) for item in value]
        return [item for item, _ in items], sum(found for _, found in items)
    return value, 0


def _response_schema(document: JsonObject, example: SpecExample) -> object:
    operation = find_operation(document, example.method, example.path)
    assert operation is not None and example.status is not None
    media = response_content(responses(document, operation)[example.status], example.test_id)
    return media[example.content_type]["schema"]


def _serve(spec: SpecExpectation, example: SpecExample, body: object) -> GeneratedModel:
    """Serve ``body`` as ``example``'s response through the generated client; check it and return it."""
    case = cases_of(spec.package, example.operation_id)[0]
    assert example.status is not None and example.status.isdigit()
    status = int(example.status)
    headers = case.reply.headers if status == case.operation.success_status else ()
    reply = Reply(
        status,
        (("Content-Type", "application/json"), *[h for h in headers if h[0].lower() != "content-type"]),
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
    )
    exchange = call_sync(case, reply)
    assert response_errors(spec.spec_file, exchange.request, exchange.response) == [], example.test_id
    parsed = exchange.result.parsed
    assert isinstance(parsed, GeneratedModel), example.test_id
    return parsed


def _distinct_response_examples(spec: SpecExpectation) -> list[SpecExample]:
    """One of each response example (a shared error example is served once, on its first status)."""
    seen: set[tuple[str, str]] = set()
    found = []
    for example in iter_examples(load_spec(spec.spec_file)):
        key = (example.operation_id, example.name)
        if example.direction == "response" and key not in seen:
            seen.add(key)
            found.append(example)
    return found


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_unknown_fields_are_kept_at_every_level(spec: SpecExpectation) -> None:
    for example in _distinct_response_examples(spec):
        extended = with_unknown_fields(example.value)
        parsed = _serve(spec, example, extended)
        assert parsed.to_dict() == extended, example.test_id


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_new_enum_values_parse_and_round_trip(spec: SpecExpectation) -> None:
    document = load_spec(spec.spec_file)
    replaced_total = 0
    for example in _distinct_response_examples(spec):
        changed, replaced = with_future_enum_values(
            document, _response_schema(document, example), example.value
        )
        if not replaced:
            continue
        replaced_total += replaced
        parsed = _serve(spec, example, changed)
        assert parsed.to_dict() == changed, example.test_id
    if spec.package in {
        "azure_vision_v2_client",
        "azure_vision_v1_client",
        "huawei_ocr_client",
        "azure_vision_v3_client",
    }:
        # These responses do carry provider enums (statuses, units, confidences, genders, block types,
        # line styles).
        assert replaced_total > 0, f"{spec.package}: no enum value found to replace"


def test_azure_v2_statuses_known_and_unknown() -> None:
    """Both spellings of the first state are known; a status added later stays a plain string."""
    assert ReadOperationResult.from_dict({"status": "NotStarted"}).status is KnownOperationStatus.NOT_STARTED
    assert (
        ReadOperationResult.from_dict({"status": "Not Started"}).status
        is KnownOperationStatus.NOT_STARTED_WITH_SPACE
    )
    for model in (ReadOperationResult, TextOperationResult):
        paused = model.from_dict({"status": "Paused", "recognitionResults": []})
        assert paused.status == "Paused" and not isinstance(paused.status, KnownOperationStatus)
        assert paused.to_dict()["status"] == "Paused"
    assert TextOperationResult.from_dict({"status": "Succeeded"}).status is KnownOperationStatus.SUCCEEDED


def test_azure_v1_statuses_known_and_unknown() -> None:
    assert (
        V1TextOperationResult.from_dict({"status": "Not Started"}).status is V1Status.NOT_STARTED_WITH_SPACE
    )
    paused = V1TextOperationResult.from_dict({"status": "Paused"})
    assert paused.status == "Paused" and not isinstance(paused.status, V1Status)
    assert paused.to_dict() == {"status": "Paused"}


def test_azure_v3_statuses_and_styles_known_and_unknown() -> None:
    """v3.2's statuses are lower case: the v2.0 spelling is not one of them and stays a plain string."""
    for value, known in (
        ("notStarted", V3Status.NOT_STARTED),
        ("running", V3Status.RUNNING),
        ("failed", V3Status.FAILED),
        ("succeeded", V3Status.SUCCEEDED),
    ):
        assert V3ReadOperationResult.from_dict({"status": value}).status is known
    capitalised = V3ReadOperationResult.from_dict({"status": "Succeeded"})
    assert capitalised.status == "Succeeded" and not isinstance(capitalised.status, V3Status)
    assert Style.from_dict({"name": "handwriting", "confidence": 0.9}).name is KnownTextStyle.HANDWRITING
    stamped = Style.from_dict({"name": "stamp", "confidence": 0.5})
    assert stamped.name == "stamp" and not isinstance(stamped.name, KnownTextStyle)
    assert stamped.to_dict() == {"name": "stamp", "confidence": 0.5}

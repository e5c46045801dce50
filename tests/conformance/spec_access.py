"""Read-only access to the hand-written OpenAPI documents in ``specs/``.

The conformance tests look at the specs as plain JSON-like data (what PyYAML gives) rather than through
a library model, so that what they check is exactly what is written in the file. Only local ``$ref``s
(``#/components/...``) are resolved: the specs are single self-contained files.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = ROOT / "specs"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

JsonObject = Mapping[str, object]


def as_object(value: object, where: str) -> JsonObject:
    """Narrow a YAML node to a mapping, failing the test with the node's location if it is not one."""
    assert isinstance(value, Mapping), f"{where}: expected a mapping, got {type(value).__name__}"
    return value


def as_list(value: object, where: str) -> list[object]:
    assert isinstance(value, list), f"{where}: expected a list, got {type(value).__name__}"
    return value


@functools.cache
def load_spec(file_name: str) -> JsonObject:
    """Parse one spec file (cached: the files do not change during a test run)."""
    path = SPECS_DIR / file_name
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return as_object(document, file_name)


def resolve(spec: JsonObject, node: object, where: str) -> JsonObject:
    """Follow local ``$ref`` chains until a concrete mapping is reached."""
    seen: set[str] = set()
    current = as_object(node, where)
    while "$ref" in current:
        ref = current["$ref"]
        assert isinstance(ref, str) and ref.startswith("#/"), (
            f"{where}: only local refs are supported: {ref!r}"
        )
        assert ref not in seen, f"{where}: $ref cycle at {ref}"
        seen.add(ref)
        target: object = spec
        for part in ref[2:].split("/"):
            target = as_object(target, ref)[part.replace("~1", "/").replace("~0", "~")]
        current = as_object(target, ref)
    return current


def media_essence(content_type: str) -> str:
    """``application/json;charset=UTF-8`` -> ``application/json`` (parameters do not name a new type)."""
    return content_type.split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class SpecOperation:
    method: str
    path: str
    node: JsonObject

    @property
    def operation_id(self) -> str:
        value = self.node.get("operationId")
        assert isinstance(value, str), f"{self.method.upper()} {self.path}: no operationId"
        return value


def iter_operations(spec: JsonObject) -> Iterator[SpecOperation]:
    paths = as_object(spec.get("paths", {}), "paths")
    for path, item in paths.items():
        item_node = resolve(spec, item, f"paths.{path}")
        for method in HTTP_METHODS:
            if method in item_node:
                yield SpecOperation(method, path, as_object(item_node[method], f"{method} {path}"))


def find_operation(spec: JsonObject, method: str, path: str) -> SpecOperation | None:
    for operation in iter_operations(spec):
        if operation.method == method and operation.path == path:
            return operation
    return None


def parameters(spec: JsonObject, operation: SpecOperation) -> list[JsonObject]:
    """Path-item and operation parameters together, refs resolved (operation-level ones win)."""
    paths = as_object(spec["paths"], "paths")
    item = resolve(spec, paths[operation.path], operation.path)
    merged: dict[tuple[str, str], JsonObject] = {}
    for source in (item.get("parameters", []), operation.node.get("parameters", [])):
        for raw in as_list(source, f"{operation.path} parameters"):
            parameter = resolve(spec, raw, f"{operation.path} parameter")
            merged[(str(parameter["in"]), str(parameter["name"]))] = parameter
    return list(merged.values())


def request_content(spec: JsonObject, operation: SpecOperation) -> dict[str, JsonObject]:
    """Request media types of an operation, keyed by their essence (``application/json``...)."""
    if "requestBody" not in operation.node:
        return {}
    body = resolve(spec, operation.node["requestBody"], f"{operation.path} requestBody")
    content = as_object(body.get("content", {}), f"{operation.path} requestBody.content")
    return {media_essence(name): as_object(media, name) for name, media in content.items()}


def responses(spec: JsonObject, operation: SpecOperation) -> dict[str, JsonObject]:
    """Responses keyed by status (``"200"``, ``"default"``, ``"4XX"``), refs resolved."""
    raw = as_object(operation.node.get("responses", {}), f"{operation.path} responses")
    return {str(status): resolve(spec, node, f"{operation.path} {status}") for status, node in raw.items()}


def response_content(response: JsonObject, where: str) -> dict[str, JsonObject]:
    content = as_object(response.get("content", {}), f"{where} content")
    return {media_essence(name): as_object(media, name) for name, media in content.items()}


@dataclass(frozen=True)
class SpecExample:
    """One example value found in a spec, with where it came from."""

    method: str
    path: str
    operation_id: str
    direction: str  # "request" or "response"
    status: str | None  # response status key, None for request examples
    content_type: str  # essence
    name: str
    value: object

    @property
    def test_id(self) -> str:
        status = f"-{self.status}" if self.status else ""
        return f"{self.operation_id}-{self.direction}{status}-{self.content_type}-{self.name}"


def media_examples(spec: JsonObject, media: JsonObject, where: str) -> list[tuple[str, object]]:
    """The examples of one media type object: ``example`` and every entry of ``examples``."""
    found: list[tuple[str, object]] = []
    if "example" in media:
        found.append(("example", media["example"]))
    for name, raw in as_object(media.get("examples", {}), f"{where} examples").items():
        example = resolve(spec, raw, f"{where} examples.{name}")
        assert "value" in example, (
            f"{where} examples.{name}: no inline value (externalValue is not used here)"
        )
        found.append((name, example["value"]))
    return found


def iter_examples(spec: JsonObject) -> Iterator[SpecExample]:
    """Every request and response example of every operation of a spec."""
    for operation in iter_operations(spec):
        where = f"{operation.method.upper()} {operation.path}"
        for content_type, media in request_content(spec, operation).items():
            for name, value in media_examples(spec, media, f"{where} request {content_type}"):
                yield SpecExample(
                    operation.method,
                    operation.path,
                    operation.operation_id,
                    "request",
                    None,
                    content_type,
                    name,
                    value,
                )
        for status, response in responses(spec, operation).items():
            for content_type, media in response_content(response, f"{where} {status}").items():
                for name, value in media_examples(spec, media, f"{where} {status} {content_type}"):
                    yield SpecExample(
                        operation.method,
                        operation.path,
                        operation.operation_id,
                        "response",
                        status,
                        content_type,
                        name,
                        value,
                    )


def binary_properties(spec: JsonObject, media: JsonObject, where: str) -> set[str]:
    """Properties of a (form) body schema that are files: ``type: string, format: binary``."""
    schema = resolve(spec, media.get("schema", {}), f"{where} schema")
    properties = as_object(schema.get("properties", {}), f"{where} properties")
    return {name for name, node in properties.items() if resolve(spec, node, name).get("format") == "binary"}

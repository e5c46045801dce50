"""Hypothesis strategies that draw JSON values valid against a spec's schema.

Only the schema vocabulary the specs use is supported (objects, arrays, strings, numbers, booleans,
enums, ``anyOf``/``oneOf``, local ``$ref``s, item counts and numeric bounds); anything else fails loudly
rather than drawing values the schema would reject. Unknown extra fields are drawn too, since the specs
promise to accept and keep them.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .spec_access import JsonObject, as_list, as_object, resolve

MAX_DEPTH = 16  # far deeper than any response body: a guard against a recursive schema
_SUPPORTED = {
    "type",
    "properties",
    "required",
    "items",
    "enum",
    "anyOf",
    "oneOf",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "description",
    "default",
    "example",
    "format",
    "title",
    "additionalProperties",
    "nullable",
    "deprecated",
}
# Beyond this depth only required properties are drawn: the Azure error schemas are recursive
# (``details`` of errors, ``innererror`` of inner errors), and a recursive optional property must stop.
OPTIONAL_DEPTH = 10

# Text that stresses encoders: non-ASCII, quotes, escapes, control characters.
_text = st.text(st.characters(codec="utf-8"), max_size=12)
_unknown_key = st.sampled_from(["fieldAddedLater", "x-new", "nouveau_champ", "新字段"])
_json_leaf = st.none() | st.booleans() | st.integers(-(2**31), 2**31) | _text


def from_schema(document: JsonObject, schema: object, depth: int = 0) -> st.SearchStrategy[object]:
    """A strategy for values valid against ``schema`` (a node of ``document``)."""
    node = resolve(document, schema, "schema")
    unsupported = {key for key in node if key not in _SUPPORTED and not key.startswith("x-")}
    assert not unsupported, f"schema keywords not supported by the test strategies: {unsupported}"
    assert depth < MAX_DEPTH, "schema nesting deeper than expected"
    if node.get("nullable") is True:
        without_null = {key: value for key, value in node.items() if key != "nullable"}
        return st.none() | from_schema(document, without_null, depth)
    if "enum" in node:
        return st.sampled_from(as_list(node["enum"], "enum"))
    for combinator in ("anyOf", "oneOf"):
        if combinator in node:
            branches = as_list(node[combinator], combinator)
            return st.one_of([from_schema(document, branch, depth + 1) for branch in branches])
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return _object(document, node, depth)
    if kind == "array":
        low = int(str(node.get("minItems", 0)))
        high = int(str(node.get("maxItems", low + 3)))  # a few items are enough to exercise a list
        return st.lists(
            from_schema(document, node["items"], depth + 1), min_size=low, max_size=min(high, low + 3)
        )
    if kind == "string":
        return _text
    if kind == "integer":
        minimum, maximum = node.get("minimum"), node.get("maximum")
        return st.integers(
            min_value=int(str(minimum)) if minimum is not None else -(2**31),
            max_value=int(str(maximum)) if maximum is not None else 2**31,
        )
    if kind == "number":
        # JSON numbers: integers as well as floats (the seeds send both for boxes and sizes).
        return st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"schema without a supported type: {dict(node)}")


def _object(document: JsonObject, node: JsonObject, depth: int) -> st.SearchStrategy[object]:
    assert node.get("additionalProperties", True) is not False, "closed objects break forward compatibility"
    properties = as_object(node.get("properties", {}), "properties")
    required = {str(name) for name in as_list(node.get("required", []), "required")}
    # Strategies are built only for the properties that can be drawn at this depth (building them all
    # would recurse without end through a recursive schema).
    drawable = [name for name in properties if name in required or depth < OPTIONAL_DEPTH]
    fields = {name: from_schema(document, properties[name], depth + 1) for name in drawable}
    optional = sorted(set(fields) - required)

    @st.composite
    def draw_object(draw: st.DrawFn) -> object:
        value = {name: draw(fields[name]) for name in sorted(required)}
        for name in draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []:
            value[name] = draw(fields[name])
        if draw(st.booleans()):
            key = draw(_unknown_key)
            if key not in properties:
                value[key] = draw(_json_leaf)
        return value

    return draw_object()

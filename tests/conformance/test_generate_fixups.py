"""The post-generation repairs of ``scripts/_generate_fixups.py``: what they change, and what they must not.

The repairs are pure text transformations, so they are checked on small sources written here in the
generator's spelling. The comma-separated query repair lists its parameters by wire name; the first
test keeps that list equal to the specs' ``explode: false`` array query parameters, so a new csv
parameter in a spec cannot go out as a repeated parameter unnoticed.
"""

from __future__ import annotations

import importlib.util
import sys
import types

import pytest

from .expectations import ALL_SPECS
from .spec_access import ROOT, iter_operations, load_spec, parameters, resolve


def _load_fixups() -> types.ModuleType:
    """scripts/ is not a package: load the module from its file, as scripts/generate does."""
    path = ROOT / "scripts" / "_generate_fixups.py"
    spec = importlib.util.spec_from_file_location("_generate_fixups", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("_generate_fixups", module)
    spec.loader.exec_module(module)
    return module


FIXUPS = _load_fixups()


def _csv_query_parameters() -> set[str]:
    found: set[str] = set()
    for spec in ALL_SPECS:
        document = load_spec(spec.spec_file)
        for operation in iter_operations(document):
            for parameter in parameters(document, operation):
                schema = resolve(document, parameter.get("schema", {}), str(parameter["name"]))
                if parameter["in"] == "query" and schema.get("type") == "array":
                    # OpenAPI's default for query parameters is style form, explode true (repeated).
                    assert parameter.get("explode") is False, f"{spec.spec_file}: {parameter['name']} repeats"
                    found.add(str(parameter["name"]))
    return found


def test_the_csv_repair_lists_exactly_the_specs_csv_parameters() -> None:
    assert set(FIXUPS.COMMA_SEPARATED_QUERY_PARAMETERS) == _csv_query_parameters()


REQUIRED_LIST = """\
    json_features = []
    for features_item_data in features:
        json_features.append(features_item_data)


    params["features"] = json_features

    params["language"] = language
"""

OPTIONAL_LIST = """\
    json_pages: list[str] | Unset = UNSET
    if not isinstance(pages, Unset):
        json_pages = pages


    params["pages"] = json_pages
"""


def test_a_required_list_is_joined() -> None:
    repaired = FIXUPS.join_comma_separated_query(REQUIRED_LIST)
    assert '    params["features"] = ",".join(str(item) for item in json_features)\n' in repaired
    assert '    params["language"] = language\n' in repaired  # not a listed parameter: untouched
    namespace: dict[str, object] = {"features": ["read", "caption"], "language": "en"}
    exec("params = {}\n" + "\n".join(line[4:] for line in repaired.splitlines()), namespace)
    assert namespace["params"] == {"features": "read,caption", "language": "en"}


def test_an_optional_list_is_joined_only_when_given() -> None:
    repaired = FIXUPS.join_comma_separated_query(OPTIONAL_LIST)
    code = "\n".join(line[4:] for line in repaired.splitlines())

    class Unset:
        pass

    for pages, expected in ((["1", "3-5"], "1,3-5"), ([2.5, 1], "2.5,1")):
        namespace: dict[str, object] = {"pages": pages, "Unset": Unset, "UNSET": Unset()}
        exec("params = {}\n" + code, namespace)
        assert namespace["params"] == {"pages": expected}
    unset = Unset()
    namespace = {"pages": unset, "Unset": Unset, "UNSET": unset}
    exec("params = {}\n" + code, namespace)
    assert namespace["params"] == {"pages": unset}  # left for the generated filter to drop


def test_the_csv_repair_is_idempotent_and_refuses_a_shape_it_does_not_know() -> None:
    once = FIXUPS.join_comma_separated_query(OPTIONAL_LIST)
    assert FIXUPS.join_comma_separated_query(once) == once
    scalar = '    json_features = features.value\n    params["features"] = json_features\n'
    with pytest.raises(FIXUPS.RepairError):
        FIXUPS.join_comma_separated_query(scalar)


def test_required_multi_content_body_repair() -> None:
    required = "def f(\n    *,\n    body: ImageUrl | File | Unset = UNSET,\n) -> None: ..."
    assert "body: ImageUrl | File," in FIXUPS.require_multi_content_body(required)
    optional = required + "\n    if not isinstance(body, Unset):\n        pass"
    assert FIXUPS.require_multi_content_body(optional) == optional


def test_octet_stream_payload_is_sent_as_bytes() -> None:
    source = '    if isinstance(body, File):\n        _kwargs["content"] = body.payload\n'
    assert '_kwargs["content"] = body.payload.read()' in FIXUPS.send_payload_bytes(source)

"""The "done when" guard: removing anything from a spec or from generated code fails the suite.

These tests damage copies — never the real files — one deletion at a time, and run the same checks the
structural tests run on the real specs and packages. Each kind of deletion is one test that tries every
instance of it (every operation, every content type, every example...), and names any that slipped by.
"""

from __future__ import annotations

import copy
import itertools
import re
import shutil
import sys
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from pathlib import Path
from typing import cast

import pytest

from .expectations import ALL_SPECS, SpecExpectation
from .generated_access import operation_module
from .spec_access import (
    ROOT,
    JsonObject,
    SpecExample,
    find_operation,
    iter_examples,
    load_spec,
    request_content,
    resolve,
    response_content,
    responses,
)
from .spec_checks import check_examples, check_spec
from .surface_checks import check_body_types, check_models, check_operation_modules, check_package

Document = dict[str, object]
Mutation = tuple[str, Callable[[Document], None]]


def _mutable(node: object) -> MutableMapping[str, object]:
    """The parsed YAML is made of dicts; the read-only Mapping view is only for the checks."""
    assert isinstance(node, dict)
    return cast(MutableMapping[str, object], node)


def _media_key(content: MutableMapping[str, object], essence: str) -> str:
    """The key as written (``application/json;charset=UTF-8``) for a media type essence."""
    return next(key for key in content if key.split(";", 1)[0].strip().lower() == essence)


def _operation_node(document: JsonObject, method: str, path: str) -> MutableMapping[str, object]:
    paths = _mutable(document["paths"])
    return _mutable(_mutable(paths[path])[method])


# --- spec mutations: (what is removed, a function removing it from a copy of the document) ---------------
#
# Each kind is a generator of partials over one small deletion function, so every mutation says exactly
# which operation, media type, status, parameter or example it removes.


def _drop_operation(document: Document, method: str, path: str) -> None:
    del _mutable(_mutable(document["paths"])[path])[method]


def _drop_request_media(document: Document, method: str, path: str, essence: str) -> None:
    body = resolve(document, _operation_node(document, method, path)["requestBody"], path)
    content = _mutable(body["content"])
    del content[_media_key(content, essence)]


def _response_node(document: Document, method: str, path: str, status: str) -> MutableMapping[str, object]:
    return _mutable(
        resolve(document, _mutable(_operation_node(document, method, path)["responses"])[status], path)
    )


def _drop_response_media(document: Document, method: str, path: str, status: str, essence: str) -> None:
    content = _mutable(_response_node(document, method, path, status)["content"])
    del content[_media_key(content, essence)]


def _drop_response(document: Document, method: str, path: str, status: str) -> None:
    del _mutable(_operation_node(document, method, path)["responses"])[status]


def _drop_response_header(document: Document, method: str, path: str, status: str, header: str) -> None:
    del _mutable(_response_node(document, method, path, status)["headers"])[header]


def _drop_parameter(document: Document, method: str, path: str, name: str) -> None:
    # Wherever it is declared: on the operation or on the path item.
    for holder in (_operation_node(document, method, path), _mutable(_mutable(document["paths"])[path])):
        listed = holder.get("parameters")
        if isinstance(listed, list):
            holder["parameters"] = [p for p in listed if resolve(document, p, name).get("name") != name]


def _drop_schema(document: Document, name: str) -> None:
    del _mutable(_mutable(document["components"])["schemas"])[name]


def _drop_example(document: Document, example: SpecExample) -> None:
    operation = find_operation(document, example.method, example.path)
    assert operation is not None
    if example.direction == "request":
        media = request_content(document, operation)[example.content_type]
    else:
        assert example.status is not None
        response = responses(document, operation)[example.status]
        media = response_content(response, example.status)[example.content_type]
    if example.name == "example":
        del _mutable(media)["example"]
    else:
        del _mutable(_mutable(media)["examples"])[example.name]


def drop_operations(spec: SpecExpectation) -> Iterator[Mutation]:
    for op in spec.operations:
        yield op.label, partial(_drop_operation, method=op.method, path=op.path)


def drop_request_content_types(spec: SpecExpectation) -> Iterator[Mutation]:
    for op in spec.operations:
        for essence in op.request_content_types:
            yield (
                f"{op.label} request {essence}",
                partial(_drop_request_media, method=op.method, path=op.path, essence=essence),
            )


def drop_success_content_types(spec: SpecExpectation) -> Iterator[Mutation]:
    for op in spec.operations:
        status = str(op.success_status)
        for essence in op.success_content_types:
            drop = partial(
                _drop_response_media, method=op.method, path=op.path, status=status, essence=essence
            )
            yield f"{op.label} {status} {essence}", drop


def drop_error_responses(spec: SpecExpectation) -> Iterator[Mutation]:
    for op, status in itertools.product(spec.operations, spec.error_statuses):
        yield f"{op.label} {status}", partial(_drop_response, method=op.method, path=op.path, status=status)


def drop_parameters_and_headers(spec: SpecExpectation) -> Iterator[Mutation]:
    for op in spec.operations:
        names = [query.name for query in op.query] + list(op.path_params)
        for name in names + [header.name for header in op.header_params]:
            yield (
                f"{op.label} parameter {name}",
                partial(_drop_parameter, method=op.method, path=op.path, name=name),
            )
        for header in op.response_headers:
            status = str(op.success_status)
            drop = partial(
                _drop_response_header, method=op.method, path=op.path, status=status, header=header
            )
            yield f"{op.label} header {header}", drop


def drop_named_schemas(spec: SpecExpectation) -> Iterator[Mutation]:
    for name in spec.models:
        yield f"schema {name}", partial(_drop_schema, name=name)


def drop_examples(spec: SpecExpectation) -> Iterator[Mutation]:
    for example in iter_examples(load_spec(spec.spec_file)):
        yield example.test_id, partial(_drop_example, example=example)


SpecCheck = Callable[[JsonObject, SpecExpectation], None]

# Each kind of deletion, and the check that must catch it (everything, except for the many examples,
# where the example counts alone are checked to keep this fast).
SPEC_MUTATIONS: dict[str, tuple[Callable[[SpecExpectation], Iterator[Mutation]], SpecCheck]] = {
    "operation": (drop_operations, check_spec),
    "request-content-type": (drop_request_content_types, check_spec),
    "success-content-type": (drop_success_content_types, check_spec),
    "error-response": (drop_error_responses, check_spec),
    "parameter-or-header": (drop_parameters_and_headers, check_spec),
    "schema": (drop_named_schemas, check_spec),
    "example": (drop_examples, check_examples),
}


@pytest.mark.parametrize("kind", SPEC_MUTATIONS)
@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_every_deletion_from_a_spec_is_caught(spec: SpecExpectation, kind: str) -> None:
    mutations, check = SPEC_MUTATIONS[kind]
    original = load_spec(spec.spec_file)
    check(original, spec)  # the undamaged spec passes, so a failure below is the deletion's
    missed = []
    tried = 0
    for label, mutate in mutations(spec):
        damaged: Document = copy.deepcopy(dict(original))
        mutate(damaged)
        tried += 1
        try:
            check(damaged, spec)
        except AssertionError:
            continue
        missed.append(label)
    assert tried > 0 or kind == "parameter-or-header"  # Tencent's API has no parameters or headers
    assert not missed, f"deleting these from {spec.spec_file} went unnoticed: {missed}"


# --- generated-code mutations, on a copy of the package under another name --------------------------------

_mutant_counter = itertools.count()


def _copy_package(spec: SpecExpectation, tmp_path: Path) -> tuple[str, Path]:
    """Copy generated/<package> to tmp_path under a fresh name. The generated code imports itself only
    relatively, so the copy is a complete, independent package."""
    name = f"mutant{next(_mutant_counter)}_{spec.package}"
    target = tmp_path / name
    shutil.copytree(ROOT / "generated" / spec.package, target)
    return name, target


def _forget(name: str) -> None:
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]


def _assert_caught(
    spec: SpecExpectation,
    tmp_path: Path,
    label: str,
    damage: Callable[[Path], None],
    check: Callable[[str], None],
) -> None:
    """Copy the package, damage the copy, and require ``check`` (given the copy's name) to fail."""
    name, root = _copy_package(spec, tmp_path)
    damage(root)
    sys.path.insert(0, str(tmp_path))
    try:
        check(name)
    except (AssertionError, ImportError, NameError, SyntaxError):
        return  # caught, as it must be
    finally:
        sys.path.remove(str(tmp_path))
        _forget(name)
    pytest.fail(f"{spec.package}: {label} went unnoticed")


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_a_copy_of_the_package_passes(spec: SpecExpectation, tmp_path: Path) -> None:
    """Control for the tests below: the undamaged copy passes, so their failures are the damage's."""
    name, _ = _copy_package(spec, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        check_package(name, spec)
    finally:
        sys.path.remove(str(tmp_path))
        _forget(name)


def _unlink(root: Path, relative: Path) -> None:
    (root / relative).unlink()


def _replace_text(root: Path, relative: Path, old: str, new: str) -> None:
    target = root / relative
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{relative}: nothing to replace"
    target.write_text(text.replace(old, new), encoding="utf-8")


def _drop_model_export(root: Path, model: str) -> None:
    """Remove a model from ``models/__init__.py`` (its import and its ``__all__`` entry)."""
    init = root / "models" / "__init__.py"
    lines = init.read_text(encoding="utf-8").splitlines(keepends=True)
    init.write_text("".join(line for line in lines if not re.search(rf"\b{model}\b", line)), encoding="utf-8")


def _module_path(spec: SpecExpectation, module_name: str) -> Path:
    """Where an operation module lives, relative to its package folder."""
    source = Path(str(operation_module(spec.package, module_name).__file__))
    return source.relative_to(ROOT / "generated" / spec.package)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_deleting_a_generated_operation_is_caught(spec: SpecExpectation, tmp_path: Path) -> None:
    for operation in spec.operations:
        relative = _module_path(spec, operation.module_name)
        damage = partial(_unlink, relative=relative)
        _assert_caught(
            spec, tmp_path, f"deleting {relative}", damage, partial(check_operation_modules, spec=spec)
        )


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_dropping_a_body_content_type_is_caught(spec: SpecExpectation, tmp_path: Path) -> None:
    for operation in spec.operations:
        if len(operation.request_content_types) < 2:
            continue
        relative = _module_path(spec, operation.module_name)
        source = (ROOT / "generated" / spec.package / relative).read_text(encoding="utf-8")
        # The body parameter line, e.g. "    body: ImageUrl | File,", the same in every function.
        signature = re.search(r"^    body: (.+),$", source, re.MULTILINE)
        assert signature is not None, f"{relative}: no body parameter line"
        members = signature.group(1).split(" | ")
        for member in members:
            kept = " | ".join(m for m in members if m != member)
            damage = partial(
                _replace_text, relative=relative, old=signature.group(0), new=f"    body: {kept},"
            )
            check = partial(check_body_types, operation=operation)
            _assert_caught(spec, tmp_path, f"{relative}: body without {member}", damage, check)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda spec: spec.package)
def test_deleting_a_generated_model_is_caught(spec: SpecExpectation, tmp_path: Path) -> None:
    for model in spec.models:
        damage = partial(_drop_model_export, model=model)
        _assert_caught(spec, tmp_path, f"models without {model}", damage, partial(check_models, spec=spec))

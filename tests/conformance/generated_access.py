"""Typed, dynamic access to the generated client packages in ``generated/``.

The structural tests must run against whatever the generator produced, so they find operation modules
and model classes by name at run time; these helpers keep that reflection in one place and give the
results the narrow types the tests rely on.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import types
import typing
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import Protocol, cast, runtime_checkable


class GeneratedResponse(Protocol):
    """The generator's ``types.Response[T]``, as the tests read it."""

    @property
    def status_code(self) -> HTTPStatus: ...

    @property
    def content(self) -> bytes: ...

    @property
    def headers(self) -> MutableMapping[str, str]: ...

    @property
    def parsed(self) -> object: ...


@runtime_checkable
class GeneratedModel(Protocol):
    """Every generated attrs model: ``to_dict``, ``from_dict`` and the kept unknown fields."""

    additional_properties: dict[str, object]

    def to_dict(self) -> dict[str, object]: ...


SyncCall = Callable[..., GeneratedResponse]
AsyncCall = Callable[..., Awaitable[GeneratedResponse]]


@functools.cache
def operation_module_names(package: str) -> dict[str, str]:
    """Every module under ``<package>.api`` (short name -> dotted name), the tag folder not mattering.

    Only the ``api`` packages are imported to list them, not the operation modules themselves, so a
    check about one operation imports one module.
    """
    api = importlib.import_module(f"{package}.api")
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(api.__path__, prefix=f"{package}.api."):
        if info.ispkg:
            continue
        short = info.name.rsplit(".", 1)[1]
        assert short not in found, f"{package}: two operation modules named {short}"
        found[short] = info.name
    return found


def operation_module(package: str, module_name: str) -> types.ModuleType:
    names = operation_module_names(package)
    assert module_name in names, (
        f"{package}: no generated operation module {module_name!r} (have {sorted(names)})"
    )
    return importlib.import_module(names[module_name])


def sync_detailed(module: types.ModuleType) -> SyncCall:
    function = getattr(module, "sync_detailed", None)
    assert callable(function), f"{module.__name__}: no sync_detailed()"
    return cast(SyncCall, function)


def asyncio_detailed(module: types.ModuleType) -> AsyncCall:
    function = getattr(module, "asyncio_detailed", None)
    assert function is not None and inspect.iscoroutinefunction(function), (
        f"{module.__name__}: no async asyncio_detailed()"
    )
    return cast(AsyncCall, function)


def client_class(package: str) -> Callable[..., object]:
    """The generated unauthenticated ``Client`` (auth is the wrapper's business, not the spec's)."""
    module = importlib.import_module(package)
    cls = getattr(module, "Client", None)
    assert isinstance(cls, type), f"{package}: no Client class"
    return cast(Callable[..., object], cls)


def models_module(package: str) -> types.ModuleType:
    return importlib.import_module(f"{package}.models")


def is_model_class(candidate: object) -> bool:
    """A generated attrs model class (as opposed to File, Unset or an enum)."""
    return (
        isinstance(candidate, type)
        and callable(getattr(candidate, "from_dict", None))
        and callable(getattr(candidate, "to_dict", None))
    )


def model_class(package: str, name: str) -> type[GeneratedModel]:
    cls = getattr(models_module(package), name, None)
    assert isinstance(cls, type), f"{package}.models has no class {name}"
    return cast(type[GeneratedModel], cls)


def from_dict(cls: type[GeneratedModel], data: Mapping[str, object]) -> GeneratedModel:
    """``cls.from_dict(data)``: a classmethod the Protocol cannot spell for every model."""
    parse = getattr(cls, "from_dict", None)
    assert callable(parse), f"{cls.__name__} has no from_dict"
    result = parse(data)
    assert isinstance(result, cls)
    return result


def file_class(package: str) -> type:
    cls = getattr(importlib.import_module(f"{package}.types"), "File", None)
    assert isinstance(cls, type), f"{package}.types has no File"
    return cls


def union_members(annotation: object) -> tuple[object, ...]:
    """``A | B | Unset`` -> ``(A, B, Unset)``; a plain type -> ``(type,)``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return typing.get_args(annotation)
    return (annotation,)


def type_hints(function: Callable[..., object]) -> dict[str, object]:
    """Resolved annotations of a generated function (fails the test if they do not resolve)."""
    return dict(typing.get_type_hints(function))

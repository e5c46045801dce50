"""Lazy public names for a package (PEP 562), so importing it costs only what is used.

A package lists each public name with the module that defines it and does::

    __getattr__, __dir__ = lazy_exports(__name__, _LAZY)

keeping ``if TYPE_CHECKING:`` imports of the same names, so type checkers see them as usual.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, table: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` for ``package``, whose names ``table`` maps to modules."""

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        # Cached on the package, so the next lookup does not come here.
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *table})

    return __getattr__, __dir__

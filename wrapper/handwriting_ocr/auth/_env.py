"""Reading credentials from environment variables, with errors that name the variable, never its value."""

from __future__ import annotations

import os
from collections.abc import Mapping

from handwriting_ocr.errors import InvalidInputError, Provider


def environment(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def optional_env(environ: Mapping[str, str], name: str) -> str | None:
    """The variable's value with surrounding blanks removed, or None when unset or blank."""
    value = environ.get(name, "").strip()
    return value or None


def required_env(environ: Mapping[str, str], name: str, *, provider: Provider) -> str:
    value = optional_env(environ, name)
    if value is None:
        raise InvalidInputError(
            f"environment variable {name} is not set (or is empty)", provider=provider, field=name
        )
    return value

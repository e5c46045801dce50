"""Keeping credentials out of ``repr``, error messages and logs.

:class:`Secret` holds a credential; its ``repr``/``str`` never show the value, only
:meth:`Secret.reveal` does. :func:`redact_headers` masks every credential-bearing header before a
request or response is logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

MASK: Final = "***"

#: Header names (lower-case) whose values are credentials, tokens or signatures.
SENSITIVE_HEADERS: Final = frozenset(
    {
        "authorization",
        "ocp-apim-subscription-key",
        "x-auth-token",
        "x-subject-token",
        "proxy-authorization",
        "cookie",
        "set-cookie",
    }
)


class Secret:
    """A credential whose value is only reachable through :meth:`reveal`."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        # Refuse to pickle: a pickled secret would land in caches and queues in clear text.
        raise TypeError("Secret values cannot be pickled")


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """A copy of ``headers`` with every credential-bearing value replaced by ``***``."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {name: (MASK if name.lower() in SENSITIVE_HEADERS else value) for name, value in items}


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of each non-empty secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text

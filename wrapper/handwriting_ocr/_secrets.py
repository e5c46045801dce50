"""Keeping credentials out of ``repr``, error messages and logs.

:class:`Secret` holds a credential; its ``repr``/``str`` never show the value, only
:meth:`Secret.reveal` does. :func:`redact_headers` masks every credential-bearing header before a
request or response is logged.

Every ``Secret`` made in the process (a key, an AK/SK pair, an IAM password and the tokens IAM
issues, a Tencent SecretKey and the signatures computed from it) is also remembered here, so that
:func:`mask_known_secrets` can take its value out of any text: every error's message (the
:class:`~handwriting_ocr.errors.OcrError` constructor calls it, so a credential a server echoes back
never reaches ``str``, ``repr`` or ``args``), and every record of the loggers the SDK's requests pass
through (:class:`SecretFilter`, installed by :func:`install_log_filter`).
"""

from __future__ import annotations

import collections
import logging
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import Final

MASK: Final = "***"
#: Values shorter than this are not masked in text (they would mask ordinary words and numbers).
MIN_MASKED_CHARS: Final = 6
#: Values of Secrets no longer alive are still masked for a while (a rotated token echoed late).
_RECENT_VALUES: Final = 256

_lock = threading.Lock()
_live: weakref.WeakSet[Secret] = weakref.WeakSet()
_recent: collections.deque[str] = collections.deque(maxlen=_RECENT_VALUES)

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

    __slots__ = ("__weakref__", "_value")

    def __init__(self, value: str) -> None:
        self._value = value
        if len(value) >= MIN_MASKED_CHARS:
            with _lock:
                _live.add(self)
                _recent.append(value)

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


def known_secret_values() -> list[str]:
    """Every credential value this process holds or held lately, longest first."""
    with _lock:
        values = {secret._value for secret in _live} | set(_recent)
    return sorted((v for v in values if len(v) >= MIN_MASKED_CHARS), key=len, reverse=True)


def mask_known_secrets(text: str) -> str:
    """``text`` with every known credential value (see :func:`known_secret_values`) replaced by ``***``."""
    if not text:
        return text
    for value in known_secret_values():
        if value in text:
            text = text.replace(value, MASK)
    return text


class SecretFilter(logging.Filter):
    """Masks known credential values in a record's message and arguments (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: leave it to logging
            return True
        masked = mask_known_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


#: The loggers an SDK request's records come from: ours, httpx's and httpcore's (whose DEBUG trace
#: prints response headers such as IAM's X-Subject-Token). A logger's filters do not apply to the
#: records of its children, so each one is listed.
WATCHED_LOGGERS: Final = (
    "handwriting_ocr",
    "handwriting_ocr.http",
    "handwriting_ocr.retries",
    "handwriting_ocr.batch",
    "handwriting_ocr.distributed",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
_filter = SecretFilter()
_installed = False


def install_log_filter() -> None:
    """Attach :class:`SecretFilter` to every logger in :data:`WATCHED_LOGGERS` (once; cheap after)."""
    global _installed
    if _installed:
        return
    for name in WATCHED_LOGGERS:
        logger = logging.getLogger(name)
        if _filter not in logger.filters:
            logger.addFilter(_filter)
    _installed = True

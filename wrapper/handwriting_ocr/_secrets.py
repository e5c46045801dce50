"""Keeping credentials out of ``repr``, error messages and logs.

:class:`Secret` holds a credential; its ``repr``/``str`` never show the value, only
:meth:`Secret.reveal` does. :func:`redact_headers` masks every credential-bearing header before a
request or response is logged.

Every ``Secret`` made in the process (a key, an AK/SK pair, an IAM password and the tokens IAM
issues, a Tencent SecretKey and the legacy signatures computed from it) is remembered here, and so
is every credential a facade actually sends or is sent: the pipeline hands the credential headers
of each request its auth signs (and of each answer, such as IAM's ``X-Subject-Token``) to
:func:`remember_credentials`, which covers the values no ``Secret`` holds (an AK/SK or TC3
signature computed per request, a bearer token from a caller's provider) in one place, whatever
the auth. :func:`mask_known_secrets` takes all of them out of any text: every error's message (the
:class:`~handwriting_ocr.errors.OcrError` constructor calls it, so a credential a server echoes back
never reaches ``str``, ``repr`` or ``args``), and every record of the loggers the SDK's requests pass
through (:class:`SecretFilter`, installed by :func:`install_log_filter`), where the values of
credential headers are also masked by name (httpcore's trace prints response headers before any
code of ours has seen them).
"""

from __future__ import annotations

import collections
import logging
import re
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import Final
from urllib.parse import quote

MASK: Final = "***"
#: Values shorter than this are not masked in text (they would mask ordinary words and numbers).
MIN_MASKED_CHARS: Final = 6
#: Values of Secrets no longer alive are still masked for a while (a rotated token echoed late).
_RECENT_VALUES: Final = 256

_lock = threading.Lock()
_live: weakref.WeakSet[Secret] = weakref.WeakSet()
#: Values remembered lately, oldest first (an LRU set: a key sent on every request stays one entry).
_recent: collections.OrderedDict[str, None] = collections.OrderedDict()
#: Bumped whenever a new value is remembered; :func:`known_secret_values` rebuilds its list then.
_version = 0
_known: tuple[int, list[str]] = (-1, [])

#: Header names (lower-case) whose values are credentials, tokens or signatures.
SENSITIVE_HEADERS: Final = frozenset(
    {
        "authorization",
        "ocp-apim-subscription-key",
        "x-auth-token",
        "x-subject-token",
        "x-security-token",
        "x-tc-token",
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
                _remember_locked(value)
        # An auth used with a caller's own httpx client never meets a facade's pipeline: the first
        # credential made installs the log filter too (a flag check after that).
        install_log_filter()

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


def _remember_locked(value: str) -> None:
    global _version
    if value in _recent:
        _recent.move_to_end(value)
        return
    _version += 1
    _recent[value] = None
    if len(_recent) > _RECENT_VALUES:
        _recent.popitem(last=False)


def remember(value: str) -> None:
    """Mask ``value`` from now on (for a while: the last :data:`_RECENT_VALUES` values are kept)."""
    value = value.strip()
    if len(value) >= MIN_MASKED_CHARS:
        with _lock:
            _remember_locked(value)


#: ``Signature=<value>`` inside an Authorization header (Huawei SDK-HMAC-SHA256, Tencent TC3).
_SIGNATURE_PART: Final = re.compile(r"(?i)\bsignature=([^,\s]+)")
#: ``<scheme> <credential>`` (Bearer and the like): the credential alone, as a server may echo it.
_SCHEME_AND_VALUE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*\s+([^\s,=]+={0,2})$")


def credential_parts(value: str) -> list[str]:
    """A credential header's value and the parts of it a server might echo on their own."""
    parts = [value.strip()]
    parts += _SIGNATURE_PART.findall(value)
    scheme = _SCHEME_AND_VALUE.match(value.strip())
    if scheme is not None:
        parts.append(scheme.group(1))
    return [part for part in parts if len(part) >= MIN_MASKED_CHARS]


def remember_credentials(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
    """Remember the credential-bearing values among ``headers`` (see :data:`SENSITIVE_HEADERS`).

    Called by the pipeline for every request its auth signs and every answer it gets, so that the
    values no :class:`Secret` holds (signatures computed per request, tokens from a caller's
    provider) are masked like the others.
    """
    items = headers.items() if isinstance(headers, Mapping) else headers
    _remember_all(
        [
            part
            for name, value in items
            if name.lower() in SENSITIVE_HEADERS
            for part in credential_parts(value)
        ]
    )


#: :data:`SENSITIVE_HEADERS` as the bytes httpx keeps header names in.
_SENSITIVE_RAW: Final = frozenset(name.encode("ascii") for name in SENSITIVE_HEADERS)


def remember_raw_credentials(raw: Iterable[tuple[bytes, bytes]]) -> None:
    """:func:`remember_credentials` over ``httpx.Headers.raw``: only the sensitive values are decoded
    (the pipeline calls it on every request and answer; decoding every header costs more)."""
    _remember_all(
        [
            part
            for name, value in raw
            if name.lower() in _SENSITIVE_RAW
            for part in credential_parts(_header_text(value))
        ]
    )


def _header_text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _remember_all(found: list[str]) -> None:
    if found:
        with _lock:
            for part in found:
                _remember_locked(part)


def known_secret_values() -> list[str]:
    """Every credential value this process holds or held lately, longest first.

    A value that percent-encoding changes (a base64 signature) is listed in its encoded form too:
    gateways echo URLs and form fields encoded.
    """
    global _known
    with _lock:
        version, known = _known
        if version == _version:
            return known
        values = {secret._value for secret in _live} | set(_recent)
        current = _version
    variants = {quote(v, safe="") for v in values} | {quote(v) for v in values}
    known = sorted((v for v in values | variants if len(v) >= MIN_MASKED_CHARS), key=len, reverse=True)
    with _lock:
        if _version == current:
            _known = (current, known)
    return known


def mask_known_secrets(text: str) -> str:
    """``text`` with every known credential value (see :func:`known_secret_values`) replaced by ``***``."""
    if not text:
        return text
    known = known_secret_values()
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    if ELLIPSIS in text:
        text = _mask_cut_values(text, known)
    return text


#: What :func:`handwriting_ocr.error_mapping.clean_text` ends a shortened text with.
ELLIPSIS: Final = "…"
#: The shortest start of a credential masked where a shortened text cuts it off.
_MIN_CUT_CHARS: Final = 4


def _mask_cut_values(text: str, known: Iterable[str]) -> str:
    """Mask the start of a credential that a shortened text cut off just before its ``…``.

    Messages quote provider text shortened to a few hundred characters; a credential the server
    echoed may straddle the cut, and its first half is no less secret than the whole.
    """
    pieces = text.split(ELLIPSIS)
    for index, piece in enumerate(pieces[:-1]):
        for value in known:
            for length in range(min(len(value) - 1, len(piece)), _MIN_CUT_CHARS - 1, -1):
                if piece.endswith(value[:length]):
                    piece = piece[:-length] + MASK
                    break
        pieces[index] = piece
    return ELLIPSIS.join(pieces)


_HEADER_NAMES: Final = "|".join(sorted(re.escape(name) for name in SENSITIVE_HEADERS))
#: A credential header's value where a log message prints headers as pairs: httpcore's trace
#: ``(b'X-Subject-Token', b'...')``, a dict's ``'Authorization': '...'``.
_HEADER_PAIR: Final = re.compile(
    rf"""(?i)(b?(['"])(?:{_HEADER_NAMES})\2\s*[,:]\s*b?)(['"])((?:\\.|(?!\3).)*)\3"""
)
#: ... or as lines: ``Authorization: ...``.
_HEADER_LINE: Final = re.compile(rf"(?im)^(\s*(?:{_HEADER_NAMES})\s*:\s*)(\S.*)$")


def mask_header_values(text: str) -> str:
    """``text`` with the values of credential headers printed in it (as pairs or lines) masked."""
    if not any(name in text.lower() for name in SENSITIVE_HEADERS):
        return text
    text = _HEADER_PAIR.sub(lambda m: f"{m.group(1)}{m.group(3)}{MASK}{m.group(3)}", text)
    return _HEADER_LINE.sub(lambda m: f"{m.group(1)}{MASK}", text)


def mask_log_text(text: str) -> str:
    """What :class:`SecretFilter` does to a record's text: header values, then known values."""
    return mask_known_secrets(mask_header_values(text))


class SecretFilter(logging.Filter):
    """Masks credentials in a record's message, arguments and exception text (the record is kept)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: leave it to logging
            return True
        masked = mask_log_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # The traceback a handler would print (exception messages from httpx or a server).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_log_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_log_text(record.stack_info)
        return True


#: The loggers an SDK request's records come from: ours, httpx's and httpcore's (whose DEBUG trace
#: prints response headers such as IAM's X-Subject-Token), and hpack's (HTTP/2 header encoding, for
#: a caller's transport with ``http2=True``). A logger's filters do not apply to the records of its
#: children, so each one is listed (tests/hardening checks every logger a request's records come from).
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
    "hpack",
    "hpack.hpack",
    "hpack.table",
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

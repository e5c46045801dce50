"""What counts as a usable number, and as a JSON value that can be kept: the one place where the
parsing side of every conversion (provider results and the Document JSON) decides it.

* A **number** is an ``int`` or ``float`` (never a ``bool``) that is finite as a float: NaN, ±Infinity
  (which Python's ``json`` module accepts) and integers beyond the float range (``10**400``, which
  would raise ``OverflowError`` in the first arithmetic) are malformed input. Every coordinate, size,
  angle and confidence the converters interpret goes through :func:`is_finite_number` or
  :func:`all_finite_numbers`, so a Document holds only finite numbers and every export and cross-shape
  conversion can compute with them.
* A **kept value** (what a converter stores verbatim in ``extras`` so that the same-shape round trip
  is exact) must be writable again as JSON by the standard library: dicts with string keys, lists,
  strings, numbers, booleans and null, nested at most :data:`MAX_KEPT_DEPTH` deep, with integers
  short enough for ``json.dumps`` and floats finite (NaN and Infinity are not JSON: kept, they would
  make ``Document.to_json()`` write text other JSON readers refuse). A provider answer nested 100,000
  deep would otherwise be accepted and make ``Document.to_json()`` raise ``RecursionError`` much later.

Text is not changed when it is read. A lone surrogate (``"\\ud800"`` is a legal JSON escape but no
character) stays in the Document as the provider sent it, so same-shape round trips stay exact; the
exports, which must produce text that encodes as UTF-8, deal with it through :data:`LONE_SURROGATE`:
the Document JSON writes it back as its ``\\uXXXX`` escape (lossless for any text parsed from JSON;
a high and a low surrogate side by side, which only a string built in Python can hold, read back as
the one character they encode), plain text and the XML formats write U+FFFD, the replacement
character.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from typing import TypeGuard

__all__ = [
    "LONE_SURROGATE",
    "MAX_KEPT_DEPTH",
    "all_finite_numbers",
    "escape_lone_surrogates",
    "is_finite_number",
    "kept_value_problem",
    "replace_lone_surrogates",
]

#: A UTF-16 surrogate code point on its own. In a Python string every code point in this range is
#: unpaired (a JSON pair such as ``"\\ud83d\\ude00"`` decodes to one character), and none can be
#: encoded as UTF-8.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: How deep a value kept verbatim in ``extras`` may be nested (real provider answers are under 10).
MAX_KEPT_DEPTH = 64

_NUMBER_TYPES = frozenset({int, float})
_LARGEST_INT = int(sys.float_info.max)
# json.dumps refuses integers longer than sys.get_int_max_str_digits() digits (4300 by default);
# 14,000 bits is about 4,214 decimal digits.
_MAX_KEPT_INT_BITS = 14_000
_SCALARS = frozenset({str, bool, type(None)})


def is_finite_number(value: object) -> TypeGuard[float]:
    """An ``int`` or ``float`` (not a ``bool``) that is finite as a float."""
    kind = type(value)
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind is int:
        return -_LARGEST_INT <= value <= _LARGEST_INT  # type: ignore[operator]
    return False


def all_finite_numbers(values: Sequence[object]) -> bool:
    """Every value passes :func:`is_finite_number` (checked in C for the usual case: this is on the
    path of every word of every result)."""
    if not _NUMBER_TYPES.issuperset(map(type, values)):
        return False
    try:
        # NaN or an infinity makes the sum non-finite; an integer beyond float range raises.
        return math.isfinite(math.fsum(values))  # type: ignore[arg-type]
    except (OverflowError, ValueError):
        # Also raised when finite values sum beyond the float range: decide one by one.
        return all(map(is_finite_number, values))


def kept_value_problem(value: object) -> str | None:
    """What ``value`` must be to be kept verbatim (see the module docstring), or None if it can be.

    Iterative, so that a value nested deeper than the interpreter's recursion limit is reported
    instead of exhausting the stack.
    """
    if type(value) in _SCALARS:
        return None
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if type(item) in _SCALARS or isinstance(item, str | bool):
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                return "a finite number (NaN and Infinity are not JSON)"
        elif isinstance(item, int):
            if item.bit_length() > _MAX_KEPT_INT_BITS:
                return "an integer short enough to write as JSON"
        elif depth >= MAX_KEPT_DEPTH:
            return f"a JSON value nested at most {MAX_KEPT_DEPTH} deep"
        elif isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    return "a JSON value (object keys are strings)"
                stack.append((child, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1) for child in item)
        else:
            return f"a JSON value, not {type(item).__name__}"
    return None


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (for plain text and XML)."""
    return text if text.isascii() else LONE_SURROGATE.sub("\ufffd", text)


def escape_lone_surrogates(json_text: str) -> str:
    """JSON text with every lone surrogate written as its ``\\uXXXX`` escape: the same JSON value,
    now encodable as UTF-8 (a raw surrogate can only occur inside a string literal)."""
    if json_text.isascii():
        return json_text
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)

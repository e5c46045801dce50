"""Shared pieces of the converters: input coercion, typed errors, the bookkeeping for lossless
round trips, and number helpers.

Converters walk provider JSON, which is untyped by nature; they work on ``Any`` internally and hand
out only the typed Document model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeGuard, TypeVar, cast

from handwriting_ocr.documents.model import Document, Extras, JsonValue, Line, Page, Polygon, Shape
from handwriting_ocr.errors import InvalidInputError, Provider

__all__ = [
    "ABSENT",
    "ProviderResult",
    "SupportsToDict",
    "absent_keys",
    "all_lines",
    "as_mapping",
    "fail",
    "guard",
    "is_number",
    "list_or_absent",
    "mean",
    "object_or_absent",
    "points_from_flat",
    "unknown_keys",
]

#: Extras key listing the provider keys that were missing from the original although the Document
#: has a (derived) value for them, so that the round trip leaves them out again. Provider keys never
#: start with an underscore.
ABSENT = "_absent"

T = TypeVar("T")


class SupportsToDict(Protocol):
    """Anything with ``to_dict()`` returning provider JSON: the generated attrs models."""

    def to_dict(self) -> Mapping[str, object]: ...


#: A provider result as the converters accept it: parsed JSON or a generated model.
ProviderResult = Mapping[str, object] | SupportsToDict

_PROVIDER_OF_SHAPE: dict[str, Provider] = {
    "azure-read": "azure",
    "azure-text": "azure",
    "azure-v1-text": "azure",
    "azure-ocr": "azure",
    "huawei": "huawei",
    "tencent": "tencent",
}


def object_or_absent(
    container: Mapping[str, Any], key: str, extras: dict[str, JsonValue], shape: Shape
) -> Mapping[str, Any] | None:
    """``container[key]``, checked to be an object; None when the key is missing, which is noted in
    ``extras`` (as the only absent key so far) so that the round trip leaves it out again."""
    if key not in container:
        extras[ABSENT] = [key]
        return None
    value = container[key]
    if not isinstance(value, Mapping):
        raise fail(shape, key, "an object")
    return cast("Mapping[str, Any]", value)


def list_or_absent(
    container: Mapping[str, Any], key: str, extras: dict[str, JsonValue], shape: Shape, path: str
) -> list[Any]:
    """``container[key]``, checked to be a list (``path`` names it in errors); a missing key reads as
    empty and is noted in ``extras`` (as the only absent key so far), like :func:`object_or_absent`."""
    if key not in container:
        extras[ABSENT] = [key]
        return []
    value = container[key]
    if type(value) is not list:
        raise fail(shape, path, "a list")
    return value


def fail(shape: Shape, path: str, expected: str) -> InvalidInputError:
    """The typed error for a result that does not have the shape it claims."""
    return InvalidInputError(
        f"not a valid {shape} result: {path} must be {expected}",
        provider=_PROVIDER_OF_SHAPE[shape],
        field=path,
    )


def as_mapping(result: object, shape: Shape) -> Mapping[str, Any]:
    """The result as provider JSON: a mapping as is, a generated model through its ``to_dict()``."""
    if isinstance(result, Mapping):
        return cast("Mapping[str, Any]", result)
    to_dict = getattr(result, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, Mapping):
            return cast("Mapping[str, Any]", data)
    raise fail(shape, "result", "a JSON object (a mapping) or a model with to_dict()")


def guard(shape: Shape, convert: Callable[[], T]) -> T:
    """Run a conversion, turning any stray lookup or type failure into the typed error.

    The converters check what they read as they go; this catches what slips through (a number where a
    list was expected deep inside, for example) so that no raw KeyError/TypeError reaches the caller.
    """
    try:
        return convert()
    except InvalidInputError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise InvalidInputError(
            f"not a valid {shape} result ({type(exc).__name__}: {exc})",
            provider=_PROVIDER_OF_SHAPE[shape],
            field="result",
        ) from None


def is_number(value: object) -> TypeGuard[float]:
    """A finite JSON number (bools are not numbers here)."""
    return (type(value) is int or type(value) is float) and math.isfinite(value)


_NUMBER_TYPES = frozenset({int, float})


def points_from_flat(values: object, shape: Shape, path: str) -> Polygon:
    """``[x1, y1, x2, y2, ...]`` as points, numbers untouched (an int stays an int)."""
    if type(values) is not list or len(values) % 2:
        raise fail(shape, path, "a list of an even count of numbers")
    # issuperset(map(type, ...)) runs in C: this is on the path of every word.
    if not _NUMBER_TYPES.issuperset(map(type, values)):
        raise fail(shape, path, "a list of numbers")
    if len(values) == 8:
        x0, y0, x1, y1, x2, y2, x3, y3 = values
        return ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    return tuple(zip(values[0::2], values[1::2], strict=True))


def unknown_keys(data: Mapping[str, Any], known: frozenset[str]) -> dict[str, JsonValue]:
    """The entries of ``data`` the converter has no field for, kept verbatim."""
    return {k: v for k, v in data.items() if k not in known}


def absent_keys(extras: Extras | None) -> Iterable[object]:
    """The keys recorded as missing from the original element (see :data:`ABSENT`)."""
    if not extras:
        return ()
    value = extras.get(ABSENT)
    return value if isinstance(value, list) else ()


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values, or None if there are none or any is unknown."""
    total = 0.0
    count = 0
    for v in values:
        if v is None:
            return None
        total += v
        count += 1
    return total / count if count else None


def all_lines(doc: Document) -> tuple[Page | None, list[Line]]:
    """For single-image shapes: the first page (for its page data) and the lines of every page."""
    if not doc.pages:
        return None, []
    if len(doc.pages) == 1:
        return doc.pages[0], list(doc.pages[0].lines)
    return doc.pages[0], [line for page in doc.pages for line in page.lines]


def line_confidence(line: Line) -> float | None:
    """A line's confidence, or else the mean of its words' (None if any is unknown)."""
    if line.confidence is not None:
        return line.confidence
    return mean(w.confidence for w in line.words) if line.words else None

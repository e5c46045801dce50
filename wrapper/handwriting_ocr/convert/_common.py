"""Shared pieces of the converters: input coercion, typed errors, the bookkeeping for lossless
round trips, and number helpers.

Converters walk provider JSON, which is untyped by nature; they work on ``Any`` internally and hand
out only the typed Document model.

Errors: every converter raises :class:`~handwriting_ocr.errors.InvalidInputError` (``field`` names
the bad element, ``provider`` the provider of the shape) for a result that is not of its shape,
including numbers that are not finite (NaN, Infinity, integers beyond the float range, see
:mod:`handwriting_ocr.documents._values`) and values too deep or too odd to keep. The result is the
caller's data here; the facades, which convert a provider's answer, re-raise it as
:class:`~handwriting_ocr.errors.MalformedResponseError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeGuard, TypeVar, cast

from handwriting_ocr.documents._values import all_finite_numbers, is_finite_number, kept_value_problem
from handwriting_ocr.documents.geometry import content_extent, rectangle, union_box
from handwriting_ocr.documents.model import Document, Extras, JsonValue, Line, Page, Polygon, Shape
from handwriting_ocr.errors import InvalidInputError, Provider

__all__ = [
    "ABSENT",
    "FINITE_NUMBER",
    "FINITE_NUMBERS",
    "ProviderResult",
    "SupportsToDict",
    "absent_keys",
    "all_lines",
    "as_mapping",
    "clamp_unit",
    "confidence_in",
    "confidence_out",
    "fail",
    "guard",
    "integer",
    "is_number",
    "keep",
    "list_or_absent",
    "mean",
    "object_or_absent",
    "pixel_size",
    "points_from_flat",
    "quadrilateral",
    "same_json",
    "unknown_keys",
    "xy_points_in",
    "xy_points_out",
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
    "azure-read-v3": "azure",
    "azure-image-analysis": "azure",
    "tencent-v3": "tencent",
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
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
        ArithmeticError,
        RecursionError,
    ) as exc:
        raise InvalidInputError(
            f"not a valid {shape} result ({type(exc).__name__}: {exc})",
            provider=_PROVIDER_OF_SHAPE[shape],
            field="result",
        ) from None


def is_number(value: object) -> TypeGuard[float]:
    """A finite JSON number (bools are not numbers here; see :func:`is_finite_number`)."""
    return is_finite_number(value)


def points_from_flat(values: object, shape: Shape, path: str) -> Polygon:
    """``[x1, y1, x2, y2, ...]`` as points, numbers untouched (an int stays an int)."""
    if type(values) is not list or len(values) % 2:
        raise fail(shape, path, "a list of an even count of numbers")
    if not all_finite_numbers(values):
        raise fail(shape, path, FINITE_NUMBERS)
    if len(values) == 8:
        x0, y0, x1, y1, x2, y2, x3, y3 = values
        return ((x0, y0), (x1, y1), (x2, y2), (x3, y3))
    return tuple(zip(values[0::2], values[1::2], strict=True))


#: What a number field must be (the error text of every converter).
FINITE_NUMBERS = "a list of finite numbers (not NaN or Infinity, within the float range)"
FINITE_NUMBER = "a finite number (not NaN or Infinity, within the float range)"


def keep(value: object, shape: Shape, path: str) -> JsonValue:
    """``value``, to be kept verbatim in extras, once checked to be writable again as JSON (see
    :func:`~handwriting_ocr.documents._values.kept_value_problem`)."""
    problem = kept_value_problem(value)
    if problem is not None:
        raise fail(shape, path, problem)
    return value  # type: ignore[return-value]


def unknown_keys(
    data: Mapping[str, Any], known: frozenset[str], shape: Shape, path: str = ""
) -> dict[str, JsonValue]:
    """The entries of ``data`` the converter has no field for, kept verbatim (``path`` is where
    ``data`` is, for errors)."""
    out: dict[str, JsonValue] = {}
    for key, value in data.items():
        if key not in known:
            where = f"{path}.{key}" if path else str(key)
            if type(key) is not str:
                raise fail(shape, where, "a key that is a string")
            out[key] = keep(value, shape, where)
    return out


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


def same_json(a: object, b: object) -> bool:
    """Equal and of the same JSON types (1 and 1.0 differ here, and so do 0.0 and -0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)  # -0.0 is written as such
    return a == b


def clamp_unit(value: float) -> float:
    """``value`` limited to 0..1 (the value itself, type and all, when it is already inside)."""
    return min(max(value, 0), 1)


def confidence_in(raw: object, shape: Shape, path: str) -> float:
    """A 0..1 confidence the provider sends as a number: clamped into 0..1 (compare with ``raw`` to
    know whether the original must be kept for the round trip)."""
    if not is_finite_number(raw):
        raise fail(shape, path, "a number from 0 to 1")
    return clamp_unit(raw)


def confidence_out(value: float, kept: object) -> JsonValue:
    """A confidence written back: the kept original when it still reads as ``value``, else ``value``."""
    if is_finite_number(kept) and clamp_unit(kept) == value:
        return kept
    return value


def integer(value: float) -> int:
    """A coordinate as an integer (targets whose coordinates are integer pixels)."""
    return value if type(value) is int else round(value)


def quadrilateral(polygon: Polygon) -> Polygon:
    """The polygon if it has 4 points, else its bounding rectangle (an all-zero one if it is empty):
    the outline of targets that hold exactly four points."""
    if len(polygon) == 4:
        return polygon
    box = union_box([polygon])
    return rectangle(box) if box is not None else ((0, 0), (0, 0), (0, 0), (0, 0))


def xy_points_in(value: object, x_key: str, y_key: str, shape: Shape, path: str) -> tuple[Polygon, bool]:
    """A list of ``{x_key: x, y_key: y}`` objects as points, and whether writing the points back gives
    the original (False when a point object has other keys: the caller keeps the original)."""
    if type(value) is not list:
        raise fail(shape, path, f"a list of {{{x_key}, {y_key}}} points")
    points = []
    exact = True
    for i, point in enumerate(value):
        if not isinstance(point, Mapping) or x_key not in point or y_key not in point:
            raise fail(shape, f"{path}[{i}]", f"a {{{x_key}, {y_key}}} point")
        x, y = point[x_key], point[y_key]
        if not (is_finite_number(x) and is_finite_number(y)):
            raise fail(shape, f"{path}[{i}]", f"a {{{x_key}, {y_key}}} point of finite numbers")
        if len(point) != 2:
            exact = False
        points.append((x, y))
    return tuple(points), exact


def xy_points_out(polygon: Polygon, x_key: str, y_key: str, *, pixels: bool) -> list[JsonValue]:
    """Points as ``{x_key: x, y_key: y}`` objects; with ``pixels``, as the four points of
    :func:`quadrilateral` rounded to non-negative integers (targets in integer image pixels)."""
    if not pixels:
        return [{x_key: x, y_key: y} for x, y in polygon]
    return [{x_key: max(integer(x), 0), y_key: max(integer(y), 0)} for x, y in quadrilateral(polygon)]


def pixel_size(page: Page | None) -> tuple[int, int]:
    """A page's width and height as whole numbers of at least 1, for targets that require a size: the
    page's own (rounded up), else the extent of its content plus one (as the exports do)."""
    if page is None:
        return 1, 1
    if page.width is not None and page.height is not None and page.width > 0 and page.height > 0:
        return max(math.ceil(page.width), 1), max(math.ceil(page.height), 1)
    max_x, max_y = content_extent(page)
    return max(math.ceil(max_x), 0) + 1, max(math.ceil(max_y), 0) + 1

"""What every export needs: reading order, and page geometry as non-negative integers.

Reading order: lines top to bottom in rows, left to right within a row. Two lines share a row when
the second's vertical centre lies inside the first's vertical extent and they do not overlap
horizontally (side-by-side columns or fragments of one line). Providers do not always send lines in
reading order (seed 000's Azure example lists its second line last).

Integer geometry: XML formats want pixel coordinates as non-negative integers inside the page.
Points are rounded and clamped to ``[0, width-1] x [0, height-1]``. Pages in inches (Azure Read on
PDF) are scaled to pixels at ``dpi``. A page without a size (Huawei, Tencent, Azure OCR and v1 text
never send one) takes the extent of its content: the largest coordinate, rounded up, plus one. A page
side is at most :data:`MAX_PIXELS` (PAGE's ``imageWidth`` is a 32-bit ``int``); the arithmetic is
done so that any float, however large, ends inside the page instead of overflowing.
"""

from __future__ import annotations

import math
import re

import attrs

from handwriting_ocr.documents.geometry import bounding_box, content_extent, export_words, line_polygon
from handwriting_ocr.documents.model import Line, Page, Polygon, Word

__all__ = [
    "DEFAULT_DPI",
    "MAX_PIXELS",
    "PageFrame",
    "line_words",
    "page_frame",
    "reading_order",
    "style_token",
    "unit_interval",
    "word_confidence_percent",
]

#: Pixels per inch assumed when a page is measured in inches.
DEFAULT_DPI = 300
#: The largest page side an export writes, in pixels.
MAX_PIXELS = 2**31 - 1


def _bounded(value: float, high: int) -> int:
    """``value`` rounded to an integer in ``[0, high]``, clamped as a float first (so that an infinity
    or a number too large for ``round`` cannot raise; NaN, which no parsed Document holds, gives 0)."""
    if not value > 0:
        return 0
    if value >= high:
        return high
    return min(round(value), high)


def _bounded_ceil(value: float) -> int:
    if not value > 0:
        return 0
    return MAX_PIXELS if value >= MAX_PIXELS else math.ceil(value)


def _vertical_extent(line: Line) -> tuple[float, float, float, float] | None:
    polygon = line_polygon(line)
    return bounding_box(polygon) if polygon else None


def reading_order(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """The lines in reading order (lines without any outline keep their place at the end)."""
    placed: list[tuple[tuple[float, float, float, float], Line]] = []
    unplaced: list[Line] = []
    for line in lines:
        box = _vertical_extent(line)
        if box is None:
            unplaced.append(line)
        else:
            placed.append((box, line))
    placed.sort(key=lambda item: (item[0][1] + item[0][3]) / 2)
    rows: list[list[tuple[tuple[float, float, float, float], Line]]] = []
    for box, line in placed:
        centre = (box[1] + box[3]) / 2
        if rows:
            row = rows[-1]
            first = row[0][0]
            overlaps = any(box[0] < other[2] and other[0] < box[2] for other, _ in row)
            if first[1] <= centre <= first[3] and not overlaps:
                row.append((box, line))
                continue
        rows.append([(box, line)])
    ordered = [line for row in rows for _, line in sorted(row, key=lambda item: item[0][0])]
    return ordered + unplaced


def word_confidence_percent(confidence: float) -> int:
    """A 0..1 confidence as a whole percentage (hOCR's ``x_wconf``)."""
    return _bounded(confidence * 100, 100)


def unit_interval(confidence: float) -> str:
    """A confidence clamped to 0..1, written with at most 4 significant digits (ALTO ``WC``, PAGE
    ``conf``)."""
    value = confidence if confidence > 0 else 0.0  # also NaN -> 0
    return f"{min(value, 1.0):.4g}"


@attrs.frozen(slots=True)
class PageFrame:
    """A page's integer pixel geometry for one export."""

    width: int
    height: int
    scale: float

    def point(self, x: float, y: float) -> tuple[int, int]:
        return _bounded(x * self.scale, self.width - 1), _bounded(y * self.scale, self.height - 1)

    def points(self, polygon: Polygon) -> list[tuple[int, int]]:
        return [self.point(x, y) for x, y in polygon]

    def box(self, polygon: Polygon) -> tuple[int, int, int, int]:
        """``(left, top, right, bottom)`` of the clamped polygon; the whole page if it is empty."""
        if not polygon:
            return (0, 0, self.width - 1, self.height - 1)
        pts = self.points(polygon)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return (min(xs), min(ys), max(xs), max(ys))


def page_frame(page: Page, dpi: int = DEFAULT_DPI) -> PageFrame:
    """The integer geometry of a page (see the module docstring for the rules)."""
    scale = float(dpi) if page.unit == "inch" else 1.0
    if page.width is not None and page.height is not None and page.width > 0 and page.height > 0:
        width = _bounded_ceil(page.width * scale)
        height = _bounded_ceil(page.height * scale)
    else:
        max_x, max_y = content_extent(page)
        width = min(_bounded_ceil(max_x * scale) + 1, MAX_PIXELS)
        height = min(_bounded_ceil(max_y * scale) + 1, MAX_PIXELS)
    return PageFrame(max(width, 1), max(height, 1), scale)


def line_words(line: Line) -> tuple[Word, ...]:
    """The words an export writes for a line (see :func:`~handwriting_ocr.documents.geometry.export_words`)."""
    return export_words(line)


_NOT_TOKEN = re.compile(r"[^A-Za-z0-9_-]")


def style_token(kind: str) -> str:
    """A line style's name as one token that every format's syntax can hold (``"handwriting"`` stays
    as it is; other characters of a newer name become ``_``)."""
    return _NOT_TOKEN.sub("_", kind) or "_"

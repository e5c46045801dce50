"""Small geometry helpers shared by the converters and the exporters."""

from __future__ import annotations

import math
from collections.abc import Iterable

from handwriting_ocr.documents.model import Line, Page, Polygon, Word

__all__ = [
    "Box",
    "bounding_box",
    "content_extent",
    "export_words",
    "integer_box",
    "line_polygon",
    "rectangle",
    "union_box",
]

#: An axis-aligned box ``(left, top, right, bottom)``.
Box = tuple[float, float, float, float]


def bounding_box(polygon: Polygon) -> Box:
    """The smallest axis-aligned box around a non-empty polygon."""
    xs = [p[0] for p in polygon]
    ys = [p[1] for p in polygon]
    return (min(xs), min(ys), max(xs), max(ys))


def union_box(polygons: Iterable[Polygon]) -> Box | None:
    """The box around every point of the (non-empty) polygons, or None if there are none."""
    boxes = [bounding_box(p) for p in polygons if p]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def rectangle(box: Box) -> Polygon:
    """A box as a 4-point polygon, clockwise from the top-left corner (Azure's point order)."""
    left, top, right, bottom = box
    return ((left, top), (right, top), (right, bottom), (left, bottom))


def integer_box(box: Box) -> tuple[int, int, int, int]:
    """The smallest integer box that contains ``box`` (floor the near edges, ceil the far ones)."""
    return (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))


def line_polygon(line: Line) -> Polygon:
    """The line's outline; for a line sent without one, the box around its words (or empty)."""
    if line.polygon:
        return line.polygon
    box = union_box(w.polygon for w in line.words if w.polygon)
    return () if box is None else rectangle(box)


def export_words(line: Line) -> tuple[Word, ...]:
    """The words of a line as formats that need a box per word see them.

    When every word has an outline, those words. Otherwise (Huawei blocks have no words, Tencent's
    characters have no boxes) one word spanning the whole line, with the line's text and confidence.
    A line with no text and no words has no words.
    """
    words = line.words
    if words and all(w.polygon for w in words):
        return words
    if not line.text and not words:
        return ()
    return (Word(text=line.text, polygon=line_polygon(line), confidence=line.confidence),)


def content_extent(page: Page) -> tuple[float, float]:
    """The largest x and y of any line or word outline on the page (0 for a page without any): the
    size of a page whose provider does not say, less one."""
    max_x: float = 0
    max_y: float = 0
    for line in page.lines:
        polygons: list[Polygon] = [line.polygon, *(w.polygon for w in line.words if w.polygon)]
        for polygon in polygons:
            for x, y in polygon:
                if x > max_x:
                    max_x = x
                if y > max_y:
                    max_y = y
    return max_x, max_y

"""The overlay picture, checked pixel by pixel on seed 000's example drawn on a blank 3200x3200 page."""

from __future__ import annotations

import io
import sys

import pytest
from handwriting_ocr.documents import Document, Polygon
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.export import MissingDependencyError, render_overlay
from handwriting_ocr.export.overlay import DEFAULT_LINE_COLOR
from PIL import Image

from tests.documents.seeds import seed_document

WHITE = (255, 255, 255)


def _blank(size: int = 3200) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), WHITE).save(out, format="PNG")
    return out.getvalue()


def _render(doc: Document, image: bytes) -> Image.Image:
    png = render_overlay(doc, image)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    return picture


def _edge_midpoints(polygon: Polygon, scale: float = 1.0) -> list[tuple[int, int]]:
    """The middle of the right and bottom edges (away from the text, which starts top-left)."""
    (_, _), (x1, y1), (x2, y2), (x3, y3) = polygon
    right = ((x1 + x2) / 2 * scale, (y1 + y2) / 2 * scale)
    bottom = ((x2 + x3) / 2 * scale, (y2 + y3) / 2 * scale)
    return [(round(x), round(y)) for x, y in (right, bottom)]


def _near(
    picture: Image.Image, point: tuple[int, int], colour: tuple[int, int, int], radius: int = 2
) -> bool:
    x, y = point
    return any(
        picture.getpixel((x + dx, y + dy)) == colour
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    )


def test_every_line_polygon_is_drawn_where_it_must_be() -> None:
    doc = seed_document("azure-read")
    picture = _render(doc, _blank())
    assert picture.size == (3200, 3200)
    for line in doc.pages[0].lines:
        for point in _edge_midpoints(line.polygon):
            assert _near(picture, point, DEFAULT_LINE_COLOR), (line.text, point)
    # Far from every polygon and every text the page stays blank.
    for point in [(100, 100), (3100, 3100), (1000, 2500), (3100, 700)]:
        assert picture.getpixel(point) == WHITE


def test_the_text_is_drawn_at_the_first_point() -> None:
    doc = seed_document("azure-read")
    picture = _render(doc, _blank())
    x0, y0 = doc.pages[0].lines[0].polygon[0]
    region = picture.crop((x0, y0 + 4, x0 + 400, y0 + 60))
    colours = region.getcolors(maxcolors=1 << 16) or []
    assert any(colour == (0, 0, 0) for _, colour in colours)


def test_coordinates_scale_to_a_resized_image() -> None:
    doc = seed_document("azure-read")
    picture = _render(doc, _blank(1600))
    for line in doc.pages[0].lines:
        for point in _edge_midpoints(line.polygon, scale=0.5):
            assert _near(picture, point, DEFAULT_LINE_COLOR), (line.text, point)


def test_bad_image_and_missing_page_raise_invalid_input() -> None:
    doc = seed_document("azure-read")
    with pytest.raises(InvalidInputError):
        render_overlay(doc, b"not an image")
    with pytest.raises(InvalidInputError):
        render_overlay(doc, _blank(100), page=2)


def test_missing_pillow_raises_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(MissingDependencyError) as caught:
        render_overlay(seed_document("huawei"), b"")
    assert "images" in str(caught.value)

"""An overlay picture: every line polygon and its text drawn on the source image (as seed 001 does
with matplotlib), returned as PNG bytes.

Needs Pillow, the optional ``images`` extra (``pip install handwriting-ocr[images]``); it is imported
only when a picture is drawn. When the page has a size, coordinates are scaled from the page to the
image, so results in inches (Azure Read on PDF) and resized images line up too.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

from handwriting_ocr.documents.geometry import line_polygon
from handwriting_ocr.documents.model import Document
from handwriting_ocr.errors import InvalidInputError, OcrError

if TYPE_CHECKING:
    from PIL import Image, ImageFont

__all__ = ["DEFAULT_LINE_COLOR", "DEFAULT_TEXT_COLOR", "MissingDependencyError", "render_overlay"]

#: Polygon outline colour (seed 001 draws in matplotlib's yellow ``'y'``).
DEFAULT_LINE_COLOR = (191, 191, 0)
DEFAULT_TEXT_COLOR = (0, 0, 0)

RGB = tuple[int, int, int]


class MissingDependencyError(OcrError):
    """An optional dependency needed for this feature is not installed."""


def _require_pillow() -> None:
    try:
        import PIL  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            "overlay pictures need Pillow: pip install 'handwriting-ocr[images]'"
        ) from None


def _open(image: bytes | str | os.PathLike[str] | Image.Image) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    if isinstance(image, Image.Image):
        return image.convert("RGB")
    try:
        if isinstance(image, bytes | bytearray):
            opened = Image.open(io.BytesIO(image))
        else:
            opened = Image.open(os.fspath(image))
        return opened.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InvalidInputError(f"cannot read the image: {exc}", field="image") from None


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except (TypeError, AttributeError, OSError):  # Pillow without FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def render_overlay(
    doc: Document,
    image: bytes | str | os.PathLike[str] | Image.Image,
    *,
    page: int = 1,
    line_color: RGB = DEFAULT_LINE_COLOR,
    text_color: RGB = DEFAULT_TEXT_COLOR,
    line_width: int | None = None,
    font_size: int | None = None,
) -> bytes:
    """Draw page ``page``'s line polygons and texts on ``image`` (bytes, a path, or a Pillow image)
    and return the picture as PNG bytes.

    The text starts at each polygon's first point, as in seed 001. ``line_width`` defaults to a
    four-hundredth of the image height (at least 2 pixels), ``font_size`` to a fortieth (at least 12).
    """
    _require_pillow()
    from PIL import ImageDraw

    if not 1 <= page <= len(doc.pages):
        raise InvalidInputError(
            f"page {page} does not exist; the document has {len(doc.pages)}", field="page"
        )
    picture = _open(image)
    target = doc.pages[page - 1]
    sx = picture.width / target.width if target.width else 1.0
    sy = picture.height / target.height if target.height else 1.0
    draw = ImageDraw.Draw(picture)
    font = _font(font_size or max(12, picture.height // 40))
    lines = [(line, [(x * sx, y * sy) for x, y in line_polygon(line)]) for line in target.lines]
    width = line_width or max(2, picture.height // 400)
    for _, points in lines:
        if len(points) >= 2:
            draw.polygon(points, outline=line_color, width=width)
    for line, points in lines:
        if points and line.text:
            draw.text(points[0], line.text, fill=text_color, font=font)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()

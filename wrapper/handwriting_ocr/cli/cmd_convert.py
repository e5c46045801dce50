"""``handwriting-ocr convert FILE --from SHAPE --to TARGET``: one provider's JSON to another shape or
an export format, through the Document."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast, get_args

import click

from handwriting_ocr.cli.errors import EXIT_FAILED, EXIT_OK, CommandError, describe_error
from handwriting_ocr.cli.files import write_atomic
from handwriting_ocr.cli.formats import OutputFormat, render
from handwriting_ocr.cli.shapes import check_declared_shape

if TYPE_CHECKING:
    from handwriting_ocr.documents import Document, Shape

__all__ = ["SHAPE_NAMES", "SOURCES", "TARGETS", "convert", "convert_text"]

# Spelled out rather than imported so that loading the command does not load the converters.
_SHAPES: Final = (
    "azure-read-v3",
    "azure-image-analysis",
    "azure-read",
    "azure-text",
    "azure-v1-text",
    "azure-ocr",
    "huawei",
    "tencent-v3",
    "tencent",
)
#: Every result shape (tests check it against ``documents.SHAPES``).
SHAPE_NAMES: Final = _SHAPES
#: ``json`` as a source is the Document JSON (``recognize --format json``).
SOURCES: Final = (*_SHAPES, "json")
TARGETS: Final = (*_SHAPES, "json", "text", "hocr", "alto", "page")


def _read_input(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {file}: {exc.strerror or type(exc).__name__}", EXIT_FAILED) from None


def _parse_json(file: str, raw: bytes) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{file} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", EXIT_FAILED
        ) from None
    except UnicodeDecodeError:
        raise CommandError(
            f"{file} is not valid JSON: not UTF-8, UTF-16 or UTF-32 text", EXIT_FAILED
        ) from None


def _document(data: object, source: str) -> Document:
    from handwriting_ocr.convert import to_document
    from handwriting_ocr.documents import Document

    if source == "json":
        return Document.from_dict(cast("dict[str, object]", data))
    return to_document(cast("dict[str, object]", data), cast("Shape", source))


def convert_text(data: object, source: str, target: str, *, image_name: str = "image") -> str:
    """``data`` (parsed JSON of shape ``source``) as ``target``; an OcrError if it is not that shape."""
    document = _document(data, source)
    if target in _SHAPES:
        from handwriting_ocr.convert import from_document

        converted = from_document(document, cast("Shape", target))
        return json.dumps(converted, ensure_ascii=False, indent=2) + "\n"
    files = render(document, cast("OutputFormat", target), image_name=image_name)
    if len(files) != 1:
        from handwriting_ocr.errors import InvalidInputError

        raise InvalidInputError(f"the document has {len(files)} pages and PAGE XML holds one")
    return files[0].text


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--from", "source", type=click.Choice(SOURCES), required=True, help="Shape of FILE.")
@click.option(
    "--to", "target", type=click.Choice(TARGETS), required=True, help="A result shape or an export."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
@click.option(
    "--image-name",
    default="image",
    show_default=True,
    help="Image file name recorded by hOCR, ALTO and PAGE XML.",
)
def convert(file: str, source: str, target: str, output: Path | None, image_name: str) -> int:
    """Convert a provider's JSON result (FILE, or - for stdin) to another provider's shape or to
    json (the Document), text, hocr, alto or page (PAGE XML).

    Shapes: azure-read-v3 (Read v3.2), azure-image-analysis (Image Analysis 4.0), azure-read (v2.0
    Read), azure-text (v2.0 RecognizeText), azure-v1-text (v1.0 RecognizeText), azure-ocr (v1.0
    OCR), huawei, tencent-v3 (Tencent API 3.0 GeneralHandwritingOCR), tencent (Tencent legacy OCR).
    A shape holds what it can: converting to the shape a result came from gives it back exactly.
    """
    from handwriting_ocr.errors import OcrError

    label = "<stdin>" if file == "-" else file
    data = _parse_json(label, _read_input(file))
    check_declared_shape(label, data, source)
    try:
        text = convert_text(data, source, target, image_name=image_name)
    except OcrError as exc:
        raise CommandError(f"{label}: {describe_error(exc).message}", EXIT_FAILED) from None
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror or exc}", EXIT_FAILED) from None
    return EXIT_OK


assert set(get_args(OutputFormat)) - {"raw"} <= set(TARGETS)

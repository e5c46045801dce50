"""``python -m handwriting_ocr.cli``: the same as the ``handwriting-ocr`` command."""

from handwriting_ocr.cli import run

run()

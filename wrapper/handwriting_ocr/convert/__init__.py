"""Conversion between provider results and the cross-provider :class:`~handwriting_ocr.documents.Document`.

``to_document(result, shape)`` reads any of the nine result shapes (:data:`~handwriting_ocr.documents.Shape`),
given as parsed JSON or as a generated model (anything with ``to_dict()``); ``from_document(doc, shape)``
writes a Document as that shape's JSON. Converting to the shape a Document came from gives the
original result back exactly; converting to another shape gives that shape with what it can hold.
The rules for each shape are in its module's docstring and in the README.

Errors: :class:`~handwriting_ocr.errors.InvalidInputError` for a result that is not of the given shape
(``field`` names the element: ``analyzeResult.readResults[0].lines[2].boundingBox``), for numbers that
are NaN, Infinity or beyond the float range, and for values nested too deeply to keep; no
``KeyError``, ``TypeError``, ``OverflowError`` or ``RecursionError`` comes out. The facades convert a
provider's answer and report the same failure as :class:`~handwriting_ocr.errors.MalformedResponseError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from handwriting_ocr.convert._common import ProviderResult, SupportsToDict, as_mapping
from handwriting_ocr.convert.azure import (
    from_azure_read,
    from_azure_text,
    from_azure_v1_text,
    to_azure_read,
    to_azure_text,
    to_azure_v1_text,
)
from handwriting_ocr.convert.azure_image_analysis import from_azure_image_analysis, to_azure_image_analysis
from handwriting_ocr.convert.azure_ocr import from_azure_ocr, to_azure_ocr
from handwriting_ocr.convert.azure_v3 import from_azure_read_v3, to_azure_read_v3
from handwriting_ocr.convert.huawei import from_huawei, to_huawei
from handwriting_ocr.convert.tencent import from_tencent, to_tencent
from handwriting_ocr.convert.tencent_v3 import from_tencent_v3, to_tencent_v3
from handwriting_ocr.documents.model import SHAPES, Document, JsonValue, Shape
from handwriting_ocr.errors import InvalidInputError

__all__ = [
    "SHAPES",
    "ProviderResult",
    "Shape",
    "SupportsToDict",
    "convert",
    "from_azure_image_analysis",
    "from_azure_ocr",
    "from_azure_read",
    "from_azure_read_v3",
    "from_azure_text",
    "from_azure_v1_text",
    "from_document",
    "from_huawei",
    "from_tencent",
    "from_tencent_v3",
    "to_azure_image_analysis",
    "to_azure_ocr",
    "to_azure_read",
    "to_azure_read_v3",
    "to_azure_text",
    "to_azure_v1_text",
    "to_document",
    "to_huawei",
    "to_tencent",
    "to_tencent_v3",
]


class _Reader(Protocol):
    def __call__(self, data: Mapping[str, object], *, raw: object = None) -> Document: ...


_READERS: dict[str, _Reader] = {
    "azure-read": from_azure_read,
    "azure-text": from_azure_text,
    "azure-v1-text": from_azure_v1_text,
    "azure-ocr": from_azure_ocr,
    "huawei": from_huawei,
    "tencent": from_tencent,
    "azure-read-v3": from_azure_read_v3,
    "azure-image-analysis": from_azure_image_analysis,
    "tencent-v3": from_tencent_v3,
}
_WRITERS: dict[str, Callable[[Document], dict[str, JsonValue]]] = {
    "azure-read": to_azure_read,
    "azure-text": to_azure_text,
    "azure-v1-text": to_azure_v1_text,
    "azure-ocr": to_azure_ocr,
    "huawei": to_huawei,
    "tencent": to_tencent,
    "azure-read-v3": to_azure_read_v3,
    "azure-image-analysis": to_azure_image_analysis,
    "tencent-v3": to_tencent_v3,
}


def _check_shape(shape: object) -> Shape:
    if shape not in SHAPES:
        raise InvalidInputError(
            f"unknown result shape {shape!r}; expected one of {', '.join(SHAPES)}", field="shape"
        )
    return shape


def to_document(result: ProviderResult, shape: Shape) -> Document:
    """Convert a provider result of the given shape to a Document.

    ``result`` is the parsed JSON body (a mapping) or a generated model; the Document keeps it as
    ``raw``. Raises :class:`~handwriting_ocr.errors.InvalidInputError` if it is not of that shape.
    """
    checked = _check_shape(shape)
    data = as_mapping(result, checked)
    return _READERS[checked](data, raw=result)


def from_document(doc: Document, shape: Shape) -> dict[str, JsonValue]:
    """The Document as the given provider shape's JSON (a fresh dict, ready for ``json.dumps``).

    Values are typed as :data:`~handwriting_ocr.documents.JsonValue`; narrow with ``isinstance``
    (or parse it into the provider's generated model with ``from_dict``) to walk into it.
    """
    checked = _check_shape(shape)
    if not isinstance(doc, Document):
        raise InvalidInputError("from_document needs a Document", field="doc")
    try:
        return _WRITERS[checked](doc)
    except (TypeError, ValueError, AttributeError, IndexError, KeyError, ArithmeticError) as exc:
        # Only a Document built by hand with values of the wrong types gets here (parsed ones are
        # checked): report it as the caller's data, not as a crash.
        raise InvalidInputError(
            f"the Document cannot be written as {checked} ({type(exc).__name__}: {exc})", field="doc"
        ) from None


def convert(result: ProviderResult, source: Shape, target: Shape) -> dict[str, JsonValue]:
    """One provider shape to another, through a Document (``handwriting-ocr convert --from --to``)."""
    return from_document(to_document(result, source), target)

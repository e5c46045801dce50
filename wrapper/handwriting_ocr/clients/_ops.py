"""The I/O-free shape of one facade operation, shared by every provider's request builders.

An operation is split into what to send (:class:`RequestSpec`) and what to make of the answer (a
handler from ``httpx.Response`` to the typed result). The sync and async facades only send the spec
and call the handler, so both behave identically by construction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from handwriting_ocr.clients._http import RequestSpec
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError, Provider

if TYPE_CHECKING:
    from handwriting_ocr.documents import Document, Shape
    from handwriting_ocr.polling.core import ParseResult

__all__ = ["Call", "Submit"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """A request and the handler that turns its answer into ``T`` (or raises the mapped error)."""

    spec: RequestSpec
    handle: Callable[[httpx.Response], T]


@dataclass(frozen=True, slots=True)
class Submit(Generic[T]):
    """A request that starts an Azure long-running operation, and how to read its final result.

    ``kind`` names the operation in continuation tokens, so a token resumes with the right parser.
    """

    spec: RequestSpec
    kind: str
    parse: ParseResult[T]
    #: Raises MalformedResponseError when a ``Succeeded`` answer lacks its result (see ``requiring``).
    check: Callable[[Mapping[str, object]], None] | None = None

    def to_document(self, shape: Shape) -> Submit[Document]:
        """The same operation, with its final answer converted straight from JSON to a Document.

        The waiting forms (``read()``, ``recognize_text()``...) return only a Document: building the
        typed model first and turning it back into a dict for the conversion doubled the work on a
        large result (BENCHMARKS.md, parse and convert). The Document's ``raw`` is then the JSON.
        """
        parse = partial(_document_from_answer, shape=shape, check=self.check)
        return Submit(spec=self.spec, kind=self.kind, parse=parse, check=self.check)


def _document_from_answer(
    answer: Mapping[str, object], *, shape: Shape, check: Callable[[Mapping[str, object]], None] | None
) -> Document:
    if check is not None:
        check(answer)
    return document_from_answer(answer, shape, provider="azure")


def document_from_answer(answer: object, shape: Shape, *, provider: Provider) -> Document:
    """``to_document`` of a provider's answer: bad data there is the service's fault, not the caller's,
    so conversion errors become :class:`MalformedResponseError` (the one place this is decided)."""
    from handwriting_ocr.convert import to_document
    from handwriting_ocr.error_mapping import PARSE_ERRORS

    try:
        return to_document(answer, shape)  # type: ignore[arg-type]
    except InvalidInputError as error:
        raise MalformedResponseError(
            f"the answer does not have the expected shape ({shape} result): {error.message}",
            provider=provider,
        ) from None
    except PARSE_ERRORS as error:  # KeyError, ValueError, RecursionError, OverflowError... never raw
        raise MalformedResponseError(
            f"the answer does not have the expected shape ({shape} result; {type(error).__name__})",
            provider=provider,
        ) from None

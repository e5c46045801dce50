"""The I/O-free shape of one facade operation, shared by every provider's request builders.

An operation is split into what to send (:class:`RequestSpec`) and what to make of the answer (a
handler from ``httpx.Response`` to the typed result). The sync and async facades only send the spec
and call the handler, so both behave identically by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from handwriting_ocr.clients._http import RequestSpec

if TYPE_CHECKING:
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

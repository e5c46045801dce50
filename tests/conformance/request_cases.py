"""The shape of one request-conformance case, and the registry of all of them.

A case is one call of one generated operation with one request content type: the keyword arguments
to pass, the exact bytes that must go over the wire, and the success reply the mocked server gives.
Per-provider modules (``cases_*.py``) build the arguments from the generated models; the tests in
``test_requests.py`` run every case the same way, sync and async.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from .expectations import OperationExpectation, SpecExpectation


@dataclass(frozen=True)
class Reply:
    """What the mocked provider answers (built fresh for every call: httpx responses are single use)."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    content: bytes = b""

    def build(self) -> httpx.Response:
        return httpx.Response(self.status, headers=list(self.headers), content=self.content)

    @classmethod
    def json(cls, status: int, body: object, *extra_headers: tuple[str, str]) -> Reply:
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return cls(status, (("Content-Type", "application/json"), *extra_headers), content)


@dataclass(frozen=True)
class RequestCase:
    spec: SpecExpectation
    operation_id: str
    content_type: str | None  # request media type essence, None for body-less operations
    # Keyword arguments for the generated function besides ``client`` (fresh each call: a File's
    # payload is a stream that is read once).
    arguments: Callable[[], dict[str, object]]
    expected_url: str  # full URL including the query string, exactly as sent
    expected_content_type: str | None  # the whole Content-Type header, boundary included
    expected_body: bytes
    reply: Reply
    variant: str = ""  # tells cases of the same operation and content type apart
    # Request headers the generated function itself must send (header parameters), exactly.
    expected_headers: tuple[tuple[str, str], ...] = ()

    @property
    def operation(self) -> OperationExpectation:
        return self.spec.operation(self.operation_id)

    @property
    def test_id(self) -> str:
        parts = [self.spec.package, self.operation_id, self.content_type or "no-body"]
        if self.variant:
            parts.append(self.variant)
        return "-".join(parts)

"""Adapters that let openapi-core validate real ``httpx`` traffic against a spec.

openapi-core ships adapters for requests, werkzeug, aiohttp... but not for httpx, so these two small
classes implement its ``Request`` and ``Response`` protocols over ``httpx.Request``/``httpx.Response``.
They expose the bytes exactly as they went over the (mocked) wire: no re-encoding, so a body the
generated client encoded wrongly is seen wrongly.
"""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urlsplit

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from .spec_access import load_spec


class HttpxOpenAPIRequest:
    """openapi-core's ``Request`` protocol over an ``httpx.Request`` that has been sent."""

    def __init__(self, request: httpx.Request) -> None:
        self._request = request
        query = parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=Headers(list(request.headers.multi_items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return f"{self._request.url.scheme}://{self._request.url.netloc.decode('ascii')}"

    @property
    def path(self) -> str:
        return self._request.url.path

    @property
    def method(self) -> str:
        return self._request.method.lower()

    @property
    def body(self) -> bytes | None:
        content = self._request.content
        return content if content else None

    @property
    def content_type(self) -> str:
        return str(self._request.headers.get("content-type", ""))


class HttpxOpenAPIResponse:
    """openapi-core's ``Response`` protocol over an ``httpx.Response``."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def content_type(self) -> str:
        return str(self._response.headers.get("content-type", ""))

    @property
    def headers(self) -> Headers:
        return Headers(list(self._response.headers.multi_items()))

    @property
    def data(self) -> bytes | None:
        content = self._response.content
        return content if content else None


def _is_absolute_uri(value: object) -> bool:
    """JSON Schema's ``uri`` format (an absolute URI), which openapi-core has no checker for."""
    if not isinstance(value, str):
        return True  # formats only constrain strings
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


# Formats the specs use that openapi-core does not know; without these it reports "formatter not
# found" instead of validating the value.
_CONFIG = Config(
    extra_format_validators={"uri": _is_absolute_uri},
    extra_format_unmarshallers={"uri": str},
)


@functools.cache
def openapi_for(spec_file: str) -> OpenAPI:
    """The openapi-core validator of one spec (built once: building it parses and checks the spec)."""
    return OpenAPI.from_dict(dict(load_spec(spec_file)), config=_CONFIG)


def request_errors(spec_file: str, request: httpx.Request) -> list[str]:
    """Everything openapi-core finds wrong with a request: path, method, parameters, headers, body."""
    # Validation only (not unmarshalling): the same checks, an order of magnitude faster.
    return [
        _describe(error) for error in openapi_for(spec_file).iter_request_errors(HttpxOpenAPIRequest(request))
    ]


def request_body(spec_file: str, request: httpx.Request) -> object:
    """The request body as openapi-core decodes it (a multipart form becomes a dict of its parts)."""
    result = openapi_for(spec_file).unmarshal_request(HttpxOpenAPIRequest(request))
    assert not result.errors, [_describe(error) for error in result.errors]
    return result.body


def response_errors(spec_file: str, request: httpx.Request, response: httpx.Response) -> list[str]:
    """Everything openapi-core finds wrong with a response to ``request``: status, headers, body."""
    errors = openapi_for(spec_file).iter_response_errors(
        HttpxOpenAPIRequest(request), HttpxOpenAPIResponse(response)
    )
    return [_describe(error) for error in errors]


def _describe(error: Exception) -> str:
    """openapi-core nests the schema errors under ``__cause__``/``schema_errors``; show all of them."""
    parts = [repr(error)]
    cause = error.__cause__
    while cause is not None:
        parts.append(repr(cause))
        for schema_error in getattr(cause, "schema_errors", ()):
            parts.append(f"  schema: {getattr(schema_error, 'message', schema_error)}")
        cause = cause.__cause__
    return "\n".join(parts)

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.handwriting_response import HandwritingResponse
from ...models.ocr_multipart_request import OcrMultipartRequest
from ...models.ocr_request import OcrRequest
from ...types import Response


def _get_kwargs(
    *,
    body: OcrRequest | OcrMultipartRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/ocr/handwriting",
    }

    if isinstance(body, OcrRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, OcrMultipartRequest):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HandwritingResponse | None:
    if response.status_code == 200:
        response_200 = HandwritingResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HandwritingResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = HandwritingResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HandwritingResponse.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = HandwritingResponse.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = HandwritingResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = HandwritingResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = HandwritingResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HandwritingResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OcrRequest | OcrMultipartRequest,
) -> Response[HandwritingResponse]:
    """Recognize handwritten text (legacy handwriting OCR).

     Returns the recognized lines (`items`) with axis-aligned boxes; `words` are the single
    characters of a line, without boxes. Request body at most 6 MB; no animated GIF. If both
    `url` and `image` are given, `url` wins.

    Args:
        body (OcrRequest): JSON request. Give `url` or `image`; `url` wins when both are given.
        body (OcrMultipartRequest): multipart/form-data request; `image` is the file part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandwritingResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: OcrRequest | OcrMultipartRequest,
) -> HandwritingResponse | None:
    """Recognize handwritten text (legacy handwriting OCR).

     Returns the recognized lines (`items`) with axis-aligned boxes; `words` are the single
    characters of a line, without boxes. Request body at most 6 MB; no animated GIF. If both
    `url` and `image` are given, `url` wins.

    Args:
        body (OcrRequest): JSON request. Give `url` or `image`; `url` wins when both are given.
        body (OcrMultipartRequest): multipart/form-data request; `image` is the file part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandwritingResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OcrRequest | OcrMultipartRequest,
) -> Response[HandwritingResponse]:
    """Recognize handwritten text (legacy handwriting OCR).

     Returns the recognized lines (`items`) with axis-aligned boxes; `words` are the single
    characters of a line, without boxes. Request body at most 6 MB; no animated GIF. If both
    `url` and `image` are given, `url` wins.

    Args:
        body (OcrRequest): JSON request. Give `url` or `image`; `url` wins when both are given.
        body (OcrMultipartRequest): multipart/form-data request; `image` is the file part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HandwritingResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OcrRequest | OcrMultipartRequest,
) -> HandwritingResponse | None:
    """Recognize handwritten text (legacy handwriting OCR).

     Returns the recognized lines (`items`) with axis-aligned boxes; `words` are the single
    characters of a line, without boxes. Request body at most 6 MB; no animated GIF. If both
    `url` and `image` are given, `url` wins.

    Args:
        body (OcrRequest): JSON request. Give `url` or `image`; `url` wins when both are given.
        body (OcrMultipartRequest): multipart/form-data request; `image` is the file part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HandwritingResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

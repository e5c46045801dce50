from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.computer_vision_error import ComputerVisionError
from ...models.computer_vision_error_envelope import ComputerVisionErrorEnvelope
from ...models.image_url import ImageUrl
from ...types import File, Response


def _get_kwargs(
    *,
    body: ImageUrl | File,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/read/core/asyncBatchAnalyze",
    }

    if isinstance(body, ImageUrl):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, File):
        _kwargs["content"] = body.payload.read()
        headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ComputerVisionError | ComputerVisionErrorEnvelope | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:

        def _parse_response_404(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 415:

        def _parse_response_415(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_415 = _parse_response_415(response.json())

        return response_415

    if response.status_code == 429:

        def _parse_response_429(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:

        def _parse_response_500(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_500 = _parse_response_500(response.json())

        return response_500

    if response.status_code == 503:

        def _parse_response_503(data: object) -> ComputerVisionError | ComputerVisionErrorEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorEnvelope.from_dict(data)

            return componentsschemas_error_body_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ComputerVisionError | ComputerVisionErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
) -> Response[Any | ComputerVisionError | ComputerVisionErrorEnvelope]:
    """Submit an image or document for asynchronous Read (BatchReadFile).

     Starts the Read operation on an image (JPEG, PNG, BMP, PDF or TIFF; under 20 MB;
    50x50 to 10000x10000 px). The service answers 202 without a body; the
    `Operation-Location` response header holds the full URL of the result
    (GET /read/operations/{operationId}), valid for 48 hours. Seeds 000 and 001 call this
    the `Operation-Content` header in their prose: a typo, the code reads `Operation-Location`.

    Args:
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ComputerVisionError | ComputerVisionErrorEnvelope]
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
    body: ImageUrl | File,
) -> Any | ComputerVisionError | ComputerVisionErrorEnvelope | None:
    """Submit an image or document for asynchronous Read (BatchReadFile).

     Starts the Read operation on an image (JPEG, PNG, BMP, PDF or TIFF; under 20 MB;
    50x50 to 10000x10000 px). The service answers 202 without a body; the
    `Operation-Location` response header holds the full URL of the result
    (GET /read/operations/{operationId}), valid for 48 hours. Seeds 000 and 001 call this
    the `Operation-Content` header in their prose: a typo, the code reads `Operation-Location`.

    Args:
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ComputerVisionError | ComputerVisionErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
) -> Response[Any | ComputerVisionError | ComputerVisionErrorEnvelope]:
    """Submit an image or document for asynchronous Read (BatchReadFile).

     Starts the Read operation on an image (JPEG, PNG, BMP, PDF or TIFF; under 20 MB;
    50x50 to 10000x10000 px). The service answers 202 without a body; the
    `Operation-Location` response header holds the full URL of the result
    (GET /read/operations/{operationId}), valid for 48 hours. Seeds 000 and 001 call this
    the `Operation-Content` header in their prose: a typo, the code reads `Operation-Location`.

    Args:
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ComputerVisionError | ComputerVisionErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
) -> Any | ComputerVisionError | ComputerVisionErrorEnvelope | None:
    """Submit an image or document for asynchronous Read (BatchReadFile).

     Starts the Read operation on an image (JPEG, PNG, BMP, PDF or TIFF; under 20 MB;
    50x50 to 10000x10000 px). The service answers 202 without a body; the
    `Operation-Location` response header holds the full URL of the result
    (GET /read/operations/{operationId}), valid for 48 hours. Seeds 000 and 001 call this
    the `Operation-Content` header in their prose: a typo, the code reads `Operation-Location`.

    Args:
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ComputerVisionError | ComputerVisionErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed

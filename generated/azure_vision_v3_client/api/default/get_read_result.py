from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.computer_vision_error_response import ComputerVisionErrorResponse
from ...models.computer_vision_ocr_error import ComputerVisionOcrError
from ...models.read_operation_result import ReadOperationResult
from ...types import Response


def _get_kwargs(
    operation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/read/analyzeResults/{operation_id}".format(
            operation_id=quote(str(operation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult | None:
    if response.status_code == 200:
        response_200 = ReadOperationResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:

        def _parse_response_401(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:

        def _parse_response_403(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:

        def _parse_response_404(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 429:

        def _parse_response_429(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if response.status_code == 500:

        def _parse_response_500(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_500 = _parse_response_500(response.json())

        return response_500

    if response.status_code == 503:

        def _parse_response_503(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_body_type_0 = ComputerVisionOcrError.from_dict(data)

                return componentsschemas_error_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_body_type_1 = ComputerVisionErrorResponse.from_dict(data)

            return componentsschemas_error_body_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult]:
    """Get the status and result of a Read operation.

     Polls a Read operation started by `read`. Poll until `status` is `succeeded` or `failed`
    (the docs advise every 1-2 seconds; honour `Retry-After` if the service sends one). Once
    the operation has succeeded, `analyzeResult.readResults` holds one ReadResult per page.

    Args:
        operation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult]
    """

    kwargs = _get_kwargs(
        operation_id=operation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult | None:
    """Get the status and result of a Read operation.

     Polls a Read operation started by `read`. Poll until `status` is `succeeded` or `failed`
    (the docs advise every 1-2 seconds; honour `Retry-After` if the service sends one). Once
    the operation has succeeded, `analyzeResult.readResults` holds one ReadResult per page.

    Args:
        operation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult
    """

    return sync_detailed(
        operation_id=operation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult]:
    """Get the status and result of a Read operation.

     Polls a Read operation started by `read`. Poll until `status` is `succeeded` or `failed`
    (the docs advise every 1-2 seconds; honour `Retry-After` if the service sends one). Once
    the operation has succeeded, `analyzeResult.readResults` holds one ReadResult per page.

    Args:
        operation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult]
    """

    kwargs = _get_kwargs(
        operation_id=operation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    operation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult | None:
    """Get the status and result of a Read operation.

     Polls a Read operation started by `read`. Poll until `status` is `succeeded` or `failed`
    (the docs advise every 1-2 seconds; honour `Retry-After` if the service sends one). Once
    the operation has succeeded, `analyzeResult.readResults` holds one ReadResult per page.

    Args:
        operation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputerVisionErrorResponse | ComputerVisionOcrError | ReadOperationResult
    """

    return (
        await asyncio_detailed(
            operation_id=operation_id,
            client=client,
        )
    ).parsed

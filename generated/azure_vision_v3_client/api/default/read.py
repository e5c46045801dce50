from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.computer_vision_error_response import ComputerVisionErrorResponse
from ...models.computer_vision_ocr_error import ComputerVisionOcrError
from ...models.image_url import ImageUrl
from ...models.known_reading_order import KnownReadingOrder
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: ImageUrl | File,
    language: str | Unset = UNSET,
    pages: list[str] | Unset = UNSET,
    reading_order: KnownReadingOrder | str | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["language"] = language

    json_pages: list[str] | Unset = UNSET
    if not isinstance(pages, Unset):
        json_pages = pages

    params["pages"] = (
        json_pages if isinstance(json_pages, Unset) else ",".join(str(item) for item in json_pages)
    )

    json_reading_order: str | Unset
    if isinstance(reading_order, Unset):
        json_reading_order = UNSET
    elif isinstance(reading_order, KnownReadingOrder):
        json_reading_order = reading_order.value
    else:
        json_reading_order = reading_order
    params["readingOrder"] = json_reading_order

    params["model-version"] = model_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/read/analyze",
        "params": params,
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
) -> Any | ComputerVisionErrorResponse | ComputerVisionOcrError | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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

    if response.status_code == 415:

        def _parse_response_415(data: object) -> ComputerVisionErrorResponse | ComputerVisionOcrError:
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

        response_415 = _parse_response_415(response.json())

        return response_415

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
) -> Response[Any | ComputerVisionErrorResponse | ComputerVisionOcrError]:
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
    language: str | Unset = UNSET,
    pages: list[str] | Unset = UNSET,
    reading_order: KnownReadingOrder | str | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Response[Any | ComputerVisionErrorResponse | ComputerVisionOcrError]:
    """Submit an image or document for asynchronous Read.

     Starts the Read operation on an image or document (JPEG, PNG, BMP, PDF or TIFF; at most
    500 MB on paid tiers, 4 MB on the free tier; 50x50 to 10000x10000 px; PDF at most 2000
    pages). The service answers 202 without a body; the `Operation-Location` response header
    holds the full URL of the result (GET /read/analyzeResults/{operationId}); operation ids
    expire after 48 hours.

    The official definition models the raw-bytes form as a second operation on
    `/read/analyze?overload=stream`; the service itself reads the Content-Type, so both forms
    are one operation on one path here.

    Args:
        language (str | Unset):
        pages (list[str] | Unset):
        reading_order (KnownReadingOrder | str | Unset): Extensible reading order of the result's
            lines.
        model_version (str | Unset):
        body (ImageUrl): An image or document given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ComputerVisionErrorResponse | ComputerVisionOcrError]
    """

    kwargs = _get_kwargs(
        body=body,
        language=language,
        pages=pages,
        reading_order=reading_order,
        model_version=model_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    language: str | Unset = UNSET,
    pages: list[str] | Unset = UNSET,
    reading_order: KnownReadingOrder | str | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Any | ComputerVisionErrorResponse | ComputerVisionOcrError | None:
    """Submit an image or document for asynchronous Read.

     Starts the Read operation on an image or document (JPEG, PNG, BMP, PDF or TIFF; at most
    500 MB on paid tiers, 4 MB on the free tier; 50x50 to 10000x10000 px; PDF at most 2000
    pages). The service answers 202 without a body; the `Operation-Location` response header
    holds the full URL of the result (GET /read/analyzeResults/{operationId}); operation ids
    expire after 48 hours.

    The official definition models the raw-bytes form as a second operation on
    `/read/analyze?overload=stream`; the service itself reads the Content-Type, so both forms
    are one operation on one path here.

    Args:
        language (str | Unset):
        pages (list[str] | Unset):
        reading_order (KnownReadingOrder | str | Unset): Extensible reading order of the result's
            lines.
        model_version (str | Unset):
        body (ImageUrl): An image or document given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ComputerVisionErrorResponse | ComputerVisionOcrError
    """

    return sync_detailed(
        client=client,
        body=body,
        language=language,
        pages=pages,
        reading_order=reading_order,
        model_version=model_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    language: str | Unset = UNSET,
    pages: list[str] | Unset = UNSET,
    reading_order: KnownReadingOrder | str | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Response[Any | ComputerVisionErrorResponse | ComputerVisionOcrError]:
    """Submit an image or document for asynchronous Read.

     Starts the Read operation on an image or document (JPEG, PNG, BMP, PDF or TIFF; at most
    500 MB on paid tiers, 4 MB on the free tier; 50x50 to 10000x10000 px; PDF at most 2000
    pages). The service answers 202 without a body; the `Operation-Location` response header
    holds the full URL of the result (GET /read/analyzeResults/{operationId}); operation ids
    expire after 48 hours.

    The official definition models the raw-bytes form as a second operation on
    `/read/analyze?overload=stream`; the service itself reads the Content-Type, so both forms
    are one operation on one path here.

    Args:
        language (str | Unset):
        pages (list[str] | Unset):
        reading_order (KnownReadingOrder | str | Unset): Extensible reading order of the result's
            lines.
        model_version (str | Unset):
        body (ImageUrl): An image or document given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ComputerVisionErrorResponse | ComputerVisionOcrError]
    """

    kwargs = _get_kwargs(
        body=body,
        language=language,
        pages=pages,
        reading_order=reading_order,
        model_version=model_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    language: str | Unset = UNSET,
    pages: list[str] | Unset = UNSET,
    reading_order: KnownReadingOrder | str | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Any | ComputerVisionErrorResponse | ComputerVisionOcrError | None:
    """Submit an image or document for asynchronous Read.

     Starts the Read operation on an image or document (JPEG, PNG, BMP, PDF or TIFF; at most
    500 MB on paid tiers, 4 MB on the free tier; 50x50 to 10000x10000 px; PDF at most 2000
    pages). The service answers 202 without a body; the `Operation-Location` response header
    holds the full URL of the result (GET /read/analyzeResults/{operationId}); operation ids
    expire after 48 hours.

    The official definition models the raw-bytes form as a second operation on
    `/read/analyze?overload=stream`; the service itself reads the Content-Type, so both forms
    are one operation on one path here.

    Args:
        language (str | Unset):
        pages (list[str] | Unset):
        reading_order (KnownReadingOrder | str | Unset): Extensible reading order of the result's
            lines.
        model_version (str | Unset):
        body (ImageUrl): An image or document given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ComputerVisionErrorResponse | ComputerVisionOcrError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            language=language,
            pages=pages,
            reading_order=reading_order,
            model_version=model_version,
        )
    ).parsed

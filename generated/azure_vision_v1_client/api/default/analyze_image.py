from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.computer_vision_error import ComputerVisionError
from ...models.computer_vision_error_envelope import ComputerVisionErrorEnvelope
from ...models.image_analysis import ImageAnalysis
from ...models.image_url import ImageUrl
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: ImageUrl | File,
    visual_features: str | Unset = UNSET,
    details: str | Unset = UNSET,
    language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["visualFeatures"] = visual_features

    params["details"] = details

    params["language"] = language

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/analyze",
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
) -> ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis | None:
    if response.status_code == 200:
        response_200 = ImageAnalysis.from_dict(response.json())

        return response_200

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
) -> Response[ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis]:
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
    visual_features: str | Unset = UNSET,
    details: str | Unset = UNSET,
    language: str | Unset = UNSET,
) -> Response[ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis]:
    """Extract a rich set of visual features from an image (AnalyzeImage).

     Returns the visual features selected by `visualFeatures` (and `details`). JPEG, PNG, GIF or
    BMP; under 4 MB; larger than 50x50 px.

    Args:
        visual_features (str | Unset):
        details (str | Unset):
        language (str | Unset):
        body (ImageUrl):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis]
    """

    kwargs = _get_kwargs(
        body=body,
        visual_features=visual_features,
        details=details,
        language=language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    visual_features: str | Unset = UNSET,
    details: str | Unset = UNSET,
    language: str | Unset = UNSET,
) -> ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis | None:
    """Extract a rich set of visual features from an image (AnalyzeImage).

     Returns the visual features selected by `visualFeatures` (and `details`). JPEG, PNG, GIF or
    BMP; under 4 MB; larger than 50x50 px.

    Args:
        visual_features (str | Unset):
        details (str | Unset):
        language (str | Unset):
        body (ImageUrl):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis
    """

    return sync_detailed(
        client=client,
        body=body,
        visual_features=visual_features,
        details=details,
        language=language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    visual_features: str | Unset = UNSET,
    details: str | Unset = UNSET,
    language: str | Unset = UNSET,
) -> Response[ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis]:
    """Extract a rich set of visual features from an image (AnalyzeImage).

     Returns the visual features selected by `visualFeatures` (and `details`). JPEG, PNG, GIF or
    BMP; under 4 MB; larger than 50x50 px.

    Args:
        visual_features (str | Unset):
        details (str | Unset):
        language (str | Unset):
        body (ImageUrl):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis]
    """

    kwargs = _get_kwargs(
        body=body,
        visual_features=visual_features,
        details=details,
        language=language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    visual_features: str | Unset = UNSET,
    details: str | Unset = UNSET,
    language: str | Unset = UNSET,
) -> ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis | None:
    """Extract a rich set of visual features from an image (AnalyzeImage).

     Returns the visual features selected by `visualFeatures` (and `details`). JPEG, PNG, GIF or
    BMP; under 4 MB; larger than 50x50 px.

    Args:
        visual_features (str | Unset):
        details (str | Unset):
        language (str | Unset):
        body (ImageUrl):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComputerVisionError | ComputerVisionErrorEnvelope | ImageAnalysis
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            visual_features=visual_features,
            details=details,
            language=language,
        )
    ).parsed

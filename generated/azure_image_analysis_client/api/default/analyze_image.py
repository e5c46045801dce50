from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analyze_image_api_version import AnalyzeImageApiVersion
from ...models.error_response import ErrorResponse
from ...models.image_analysis_result import ImageAnalysisResult
from ...models.image_url import ImageUrl
from ...models.known_visual_feature import KnownVisualFeature
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: ImageUrl | File,
    api_version: AnalyzeImageApiVersion = AnalyzeImageApiVersion.V2023_10_01,
    features: list[KnownVisualFeature | str],
    language: str | Unset = UNSET,
    gender_neutral_caption: bool | Unset = UNSET,
    smartcrops_aspect_ratios: list[float] | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_api_version = api_version.value
    params["api-version"] = json_api_version

    json_features = []
    for features_item_data in features:
        features_item: str
        if isinstance(features_item_data, KnownVisualFeature):
            features_item = features_item_data.value
        else:
            features_item = features_item_data
        json_features.append(features_item)

    params["features"] = ",".join(str(item) for item in json_features)

    params["language"] = language

    params["gender-neutral-caption"] = gender_neutral_caption

    json_smartcrops_aspect_ratios: list[float] | Unset = UNSET
    if not isinstance(smartcrops_aspect_ratios, Unset):
        json_smartcrops_aspect_ratios = smartcrops_aspect_ratios

    params["smartcrops-aspect-ratios"] = (
        json_smartcrops_aspect_ratios
        if isinstance(json_smartcrops_aspect_ratios, Unset)
        else ",".join(str(item) for item in json_smartcrops_aspect_ratios)
    )

    params["model-version"] = model_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/imageanalysis:analyze",
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
) -> ErrorResponse | ImageAnalysisResult | None:
    if response.status_code == 200:
        response_200 = ImageAnalysisResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ImageAnalysisResult]:
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
    api_version: AnalyzeImageApiVersion = AnalyzeImageApiVersion.V2023_10_01,
    features: list[KnownVisualFeature | str],
    language: str | Unset = UNSET,
    gender_neutral_caption: bool | Unset = UNSET,
    smartcrops_aspect_ratios: list[float] | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Response[ErrorResponse | ImageAnalysisResult]:
    """Analyze an image for the requested visual features (synchronous).

     Returns the requested features in one answer (200). Images: JPEG, PNG, GIF, BMP, WEBP,
    ICO, TIFF or MPO; under 20 MB; 50x50 to 16000x16000 px. Only the `read` feature is
    available in every region; the others depend on the region.

    Args:
        api_version (AnalyzeImageApiVersion):  Default: AnalyzeImageApiVersion.V2023_10_01.
        features (list[KnownVisualFeature | str]):
        language (str | Unset):
        gender_neutral_caption (bool | Unset):
        smartcrops_aspect_ratios (list[float] | Unset):
        model_version (str | Unset):
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImageAnalysisResult]
    """

    kwargs = _get_kwargs(
        body=body,
        api_version=api_version,
        features=features,
        language=language,
        gender_neutral_caption=gender_neutral_caption,
        smartcrops_aspect_ratios=smartcrops_aspect_ratios,
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
    api_version: AnalyzeImageApiVersion = AnalyzeImageApiVersion.V2023_10_01,
    features: list[KnownVisualFeature | str],
    language: str | Unset = UNSET,
    gender_neutral_caption: bool | Unset = UNSET,
    smartcrops_aspect_ratios: list[float] | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> ErrorResponse | ImageAnalysisResult | None:
    """Analyze an image for the requested visual features (synchronous).

     Returns the requested features in one answer (200). Images: JPEG, PNG, GIF, BMP, WEBP,
    ICO, TIFF or MPO; under 20 MB; 50x50 to 16000x16000 px. Only the `read` feature is
    available in every region; the others depend on the region.

    Args:
        api_version (AnalyzeImageApiVersion):  Default: AnalyzeImageApiVersion.V2023_10_01.
        features (list[KnownVisualFeature | str]):
        language (str | Unset):
        gender_neutral_caption (bool | Unset):
        smartcrops_aspect_ratios (list[float] | Unset):
        model_version (str | Unset):
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImageAnalysisResult
    """

    return sync_detailed(
        client=client,
        body=body,
        api_version=api_version,
        features=features,
        language=language,
        gender_neutral_caption=gender_neutral_caption,
        smartcrops_aspect_ratios=smartcrops_aspect_ratios,
        model_version=model_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    api_version: AnalyzeImageApiVersion = AnalyzeImageApiVersion.V2023_10_01,
    features: list[KnownVisualFeature | str],
    language: str | Unset = UNSET,
    gender_neutral_caption: bool | Unset = UNSET,
    smartcrops_aspect_ratios: list[float] | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> Response[ErrorResponse | ImageAnalysisResult]:
    """Analyze an image for the requested visual features (synchronous).

     Returns the requested features in one answer (200). Images: JPEG, PNG, GIF, BMP, WEBP,
    ICO, TIFF or MPO; under 20 MB; 50x50 to 16000x16000 px. Only the `read` feature is
    available in every region; the others depend on the region.

    Args:
        api_version (AnalyzeImageApiVersion):  Default: AnalyzeImageApiVersion.V2023_10_01.
        features (list[KnownVisualFeature | str]):
        language (str | Unset):
        gender_neutral_caption (bool | Unset):
        smartcrops_aspect_ratios (list[float] | Unset):
        model_version (str | Unset):
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImageAnalysisResult]
    """

    kwargs = _get_kwargs(
        body=body,
        api_version=api_version,
        features=features,
        language=language,
        gender_neutral_caption=gender_neutral_caption,
        smartcrops_aspect_ratios=smartcrops_aspect_ratios,
        model_version=model_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImageUrl | File,
    api_version: AnalyzeImageApiVersion = AnalyzeImageApiVersion.V2023_10_01,
    features: list[KnownVisualFeature | str],
    language: str | Unset = UNSET,
    gender_neutral_caption: bool | Unset = UNSET,
    smartcrops_aspect_ratios: list[float] | Unset = UNSET,
    model_version: str | Unset = UNSET,
) -> ErrorResponse | ImageAnalysisResult | None:
    """Analyze an image for the requested visual features (synchronous).

     Returns the requested features in one answer (200). Images: JPEG, PNG, GIF, BMP, WEBP,
    ICO, TIFF or MPO; under 20 MB; 50x50 to 16000x16000 px. Only the `read` feature is
    available in every region; the others depend on the region.

    Args:
        api_version (AnalyzeImageApiVersion):  Default: AnalyzeImageApiVersion.V2023_10_01.
        features (list[KnownVisualFeature | str]):
        language (str | Unset):
        gender_neutral_caption (bool | Unset):
        smartcrops_aspect_ratios (list[float] | Unset):
        model_version (str | Unset):
        body (ImageUrl): An image given by URL.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImageAnalysisResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            api_version=api_version,
            features=features,
            language=language,
            gender_neutral_caption=gender_neutral_caption,
            smartcrops_aspect_ratios=smartcrops_aspect_ratios,
            model_version=model_version,
        )
    ).parsed

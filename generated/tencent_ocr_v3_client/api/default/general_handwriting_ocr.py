from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.general_handwriting_ocr_request import GeneralHandwritingOCRRequest
from ...models.general_handwriting_ocr_response_envelope import GeneralHandwritingOCRResponseEnvelope
from ...models.general_handwriting_ocr_xtc_action import GeneralHandwritingOcrXTCAction
from ...models.general_handwriting_ocr_xtc_version import GeneralHandwritingOcrXTCVersion
from ...models.known_language import KnownLanguage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: GeneralHandwritingOCRRequest,
    x_tc_action: GeneralHandwritingOcrXTCAction = GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR,
    x_tc_version: GeneralHandwritingOcrXTCVersion = GeneralHandwritingOcrXTCVersion.V2018_11_19,
    x_tc_language: KnownLanguage | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-TC-Action"] = str(x_tc_action)

    headers["X-TC-Version"] = str(x_tc_version)

    if not isinstance(x_tc_language, Unset):
        headers["X-TC-Language"] = x_tc_language

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GeneralHandwritingOCRResponseEnvelope | None:
    if response.status_code == 200:
        response_200 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = GeneralHandwritingOCRResponseEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GeneralHandwritingOCRResponseEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GeneralHandwritingOCRRequest,
    x_tc_action: GeneralHandwritingOcrXTCAction = GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR,
    x_tc_version: GeneralHandwritingOcrXTCVersion = GeneralHandwritingOcrXTCVersion.V2018_11_19,
    x_tc_language: KnownLanguage | str | Unset = UNSET,
) -> Response[GeneralHandwritingOCRResponseEnvelope]:
    """Recognize handwritten (and printed) text in an image.

     Returns the recognized lines with four-point polygons, their confidence (0 to 100) and,
    with `EnableWordPolygon`, the polygon of every character. Give `ImageUrl` or `ImageBase64`
    (PNG, JPG or JPEG; at most 10 MB after base64; a URL must download within 3 seconds); the
    URL wins when both are given. Default quota: 10 requests per second per account.

    Args:
        x_tc_action (GeneralHandwritingOcrXTCAction):  Default:
            GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR.
        x_tc_version (GeneralHandwritingOcrXTCVersion):  Default:
            GeneralHandwritingOcrXTCVersion.V2018_11_19.
        x_tc_language (KnownLanguage | str | Unset): Extensible language of error messages.
        body (GeneralHandwritingOCRRequest): Give `ImageUrl` or `ImageBase64`; the URL wins when
            both are given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GeneralHandwritingOCRResponseEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tc_action=x_tc_action,
        x_tc_version=x_tc_version,
        x_tc_language=x_tc_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: GeneralHandwritingOCRRequest,
    x_tc_action: GeneralHandwritingOcrXTCAction = GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR,
    x_tc_version: GeneralHandwritingOcrXTCVersion = GeneralHandwritingOcrXTCVersion.V2018_11_19,
    x_tc_language: KnownLanguage | str | Unset = UNSET,
) -> GeneralHandwritingOCRResponseEnvelope | None:
    """Recognize handwritten (and printed) text in an image.

     Returns the recognized lines with four-point polygons, their confidence (0 to 100) and,
    with `EnableWordPolygon`, the polygon of every character. Give `ImageUrl` or `ImageBase64`
    (PNG, JPG or JPEG; at most 10 MB after base64; a URL must download within 3 seconds); the
    URL wins when both are given. Default quota: 10 requests per second per account.

    Args:
        x_tc_action (GeneralHandwritingOcrXTCAction):  Default:
            GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR.
        x_tc_version (GeneralHandwritingOcrXTCVersion):  Default:
            GeneralHandwritingOcrXTCVersion.V2018_11_19.
        x_tc_language (KnownLanguage | str | Unset): Extensible language of error messages.
        body (GeneralHandwritingOCRRequest): Give `ImageUrl` or `ImageBase64`; the URL wins when
            both are given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GeneralHandwritingOCRResponseEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        x_tc_action=x_tc_action,
        x_tc_version=x_tc_version,
        x_tc_language=x_tc_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GeneralHandwritingOCRRequest,
    x_tc_action: GeneralHandwritingOcrXTCAction = GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR,
    x_tc_version: GeneralHandwritingOcrXTCVersion = GeneralHandwritingOcrXTCVersion.V2018_11_19,
    x_tc_language: KnownLanguage | str | Unset = UNSET,
) -> Response[GeneralHandwritingOCRResponseEnvelope]:
    """Recognize handwritten (and printed) text in an image.

     Returns the recognized lines with four-point polygons, their confidence (0 to 100) and,
    with `EnableWordPolygon`, the polygon of every character. Give `ImageUrl` or `ImageBase64`
    (PNG, JPG or JPEG; at most 10 MB after base64; a URL must download within 3 seconds); the
    URL wins when both are given. Default quota: 10 requests per second per account.

    Args:
        x_tc_action (GeneralHandwritingOcrXTCAction):  Default:
            GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR.
        x_tc_version (GeneralHandwritingOcrXTCVersion):  Default:
            GeneralHandwritingOcrXTCVersion.V2018_11_19.
        x_tc_language (KnownLanguage | str | Unset): Extensible language of error messages.
        body (GeneralHandwritingOCRRequest): Give `ImageUrl` or `ImageBase64`; the URL wins when
            both are given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GeneralHandwritingOCRResponseEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        x_tc_action=x_tc_action,
        x_tc_version=x_tc_version,
        x_tc_language=x_tc_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GeneralHandwritingOCRRequest,
    x_tc_action: GeneralHandwritingOcrXTCAction = GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR,
    x_tc_version: GeneralHandwritingOcrXTCVersion = GeneralHandwritingOcrXTCVersion.V2018_11_19,
    x_tc_language: KnownLanguage | str | Unset = UNSET,
) -> GeneralHandwritingOCRResponseEnvelope | None:
    """Recognize handwritten (and printed) text in an image.

     Returns the recognized lines with four-point polygons, their confidence (0 to 100) and,
    with `EnableWordPolygon`, the polygon of every character. Give `ImageUrl` or `ImageBase64`
    (PNG, JPG or JPEG; at most 10 MB after base64; a URL must download within 3 seconds); the
    URL wins when both are given. Default quota: 10 requests per second per account.

    Args:
        x_tc_action (GeneralHandwritingOcrXTCAction):  Default:
            GeneralHandwritingOcrXTCAction.GENERAL_HANDWRITING_OCR.
        x_tc_version (GeneralHandwritingOcrXTCVersion):  Default:
            GeneralHandwritingOcrXTCVersion.V2018_11_19.
        x_tc_language (KnownLanguage | str | Unset): Extensible language of error messages.
        body (GeneralHandwritingOCRRequest): Give `ImageUrl` or `ImageBase64`; the URL wins when
            both are given.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GeneralHandwritingOCRResponseEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_tc_action=x_tc_action,
            x_tc_version=x_tc_version,
            x_tc_language=x_tc_language,
        )
    ).parsed

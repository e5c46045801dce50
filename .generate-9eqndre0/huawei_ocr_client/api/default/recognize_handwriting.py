from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.handwriting_request_body import HandwritingRequestBody
from ...models.huawei_error_response import HuaweiErrorResponse
from ...models.recognize_handwriting_response import RecognizeHandwritingResponse
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    project_id: str,
    *,
    body: HandwritingRequestBody,
    x_auth_token: str | Unset = UNSET,
    enterprise_project_id: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_auth_token, Unset):
        headers["X-Auth-Token"] = x_auth_token

    if not isinstance(enterprise_project_id, Unset):
        headers["Enterprise-Project-Id"] = enterprise_project_id



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/{project_id}/ocr/handwriting".format(project_id=quote(str(project_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json;charset=UTF-8"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HuaweiErrorResponse | RecognizeHandwritingResponse | None:
    if response.status_code == 200:
        response_200 = RecognizeHandwritingResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = HuaweiErrorResponse.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = HuaweiErrorResponse.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = HuaweiErrorResponse.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = HuaweiErrorResponse.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = HuaweiErrorResponse.from_dict(response.json())



        return response_413

    if response.status_code == 429:
        response_429 = HuaweiErrorResponse.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = HuaweiErrorResponse.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = HuaweiErrorResponse.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HuaweiErrorResponse | RecognizeHandwritingResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HandwritingRequestBody,
    x_auth_token: str | Unset = UNSET,
    enterprise_project_id: str | Unset = UNSET,

) -> Response[HuaweiErrorResponse | RecognizeHandwritingResponse]:
    """ Recognize handwritten (and printed) text in an image.

     Recognizes handwritten and printed text and returns the text blocks, left to right and
    top to bottom. Give exactly one of `image` (base64, at most 10 MB; shortest side at least
    8 px - the 2025 documentation says 15 - longest side at most 8192 px; JPEG, PNG, BMP, TIFF)
    or `url`.

    The request's `Content-Type` is `application/json;charset=UTF-8` (the reference page's
    examples send plain `application/json`; both are accepted).

    Args:
        project_id (str):
        x_auth_token (str | Unset):
        enterprise_project_id (str | Unset):
        body (HandwritingRequestBody): Give exactly one of `image` or `url` (if both are given the
            service uses one; do not rely on which).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HuaweiErrorResponse | RecognizeHandwritingResponse]
     """


    kwargs = _get_kwargs(
        project_id=project_id,
body=body,
x_auth_token=x_auth_token,
enterprise_project_id=enterprise_project_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HandwritingRequestBody,
    x_auth_token: str | Unset = UNSET,
    enterprise_project_id: str | Unset = UNSET,

) -> HuaweiErrorResponse | RecognizeHandwritingResponse | None:
    """ Recognize handwritten (and printed) text in an image.

     Recognizes handwritten and printed text and returns the text blocks, left to right and
    top to bottom. Give exactly one of `image` (base64, at most 10 MB; shortest side at least
    8 px - the 2025 documentation says 15 - longest side at most 8192 px; JPEG, PNG, BMP, TIFF)
    or `url`.

    The request's `Content-Type` is `application/json;charset=UTF-8` (the reference page's
    examples send plain `application/json`; both are accepted).

    Args:
        project_id (str):
        x_auth_token (str | Unset):
        enterprise_project_id (str | Unset):
        body (HandwritingRequestBody): Give exactly one of `image` or `url` (if both are given the
            service uses one; do not rely on which).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HuaweiErrorResponse | RecognizeHandwritingResponse
     """


    return sync_detailed(
        project_id=project_id,
client=client,
body=body,
x_auth_token=x_auth_token,
enterprise_project_id=enterprise_project_id,

    ).parsed

async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HandwritingRequestBody,
    x_auth_token: str | Unset = UNSET,
    enterprise_project_id: str | Unset = UNSET,

) -> Response[HuaweiErrorResponse | RecognizeHandwritingResponse]:
    """ Recognize handwritten (and printed) text in an image.

     Recognizes handwritten and printed text and returns the text blocks, left to right and
    top to bottom. Give exactly one of `image` (base64, at most 10 MB; shortest side at least
    8 px - the 2025 documentation says 15 - longest side at most 8192 px; JPEG, PNG, BMP, TIFF)
    or `url`.

    The request's `Content-Type` is `application/json;charset=UTF-8` (the reference page's
    examples send plain `application/json`; both are accepted).

    Args:
        project_id (str):
        x_auth_token (str | Unset):
        enterprise_project_id (str | Unset):
        body (HandwritingRequestBody): Give exactly one of `image` or `url` (if both are given the
            service uses one; do not rely on which).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HuaweiErrorResponse | RecognizeHandwritingResponse]
     """


    kwargs = _get_kwargs(
        project_id=project_id,
body=body,
x_auth_token=x_auth_token,
enterprise_project_id=enterprise_project_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HandwritingRequestBody,
    x_auth_token: str | Unset = UNSET,
    enterprise_project_id: str | Unset = UNSET,

) -> HuaweiErrorResponse | RecognizeHandwritingResponse | None:
    """ Recognize handwritten (and printed) text in an image.

     Recognizes handwritten and printed text and returns the text blocks, left to right and
    top to bottom. Give exactly one of `image` (base64, at most 10 MB; shortest side at least
    8 px - the 2025 documentation says 15 - longest side at most 8192 px; JPEG, PNG, BMP, TIFF)
    or `url`.

    The request's `Content-Type` is `application/json;charset=UTF-8` (the reference page's
    examples send plain `application/json`; both are accepted).

    Args:
        project_id (str):
        x_auth_token (str | Unset):
        enterprise_project_id (str | Unset):
        body (HandwritingRequestBody): Give exactly one of `image` or `url` (if both are given the
            service uses one; do not rely on which).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HuaweiErrorResponse | RecognizeHandwritingResponse
     """


    return (await asyncio_detailed(
        project_id=project_id,
client=client,
body=body,
x_auth_token=x_auth_token,
enterprise_project_id=enterprise_project_id,

    )).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.iam_error_response import IamErrorResponse
from ...models.keystone_create_user_token_by_password_request_body import (
    KeystoneCreateUserTokenByPasswordRequestBody,
)
from ...models.keystone_create_user_token_by_password_response import (
    KeystoneCreateUserTokenByPasswordResponse,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: KeystoneCreateUserTokenByPasswordRequestBody,
    nocatalog: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["nocatalog"] = nocatalog

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/auth/tokens",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json;charset=UTF-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse | None:
    if response.status_code == 201:
        response_201 = KeystoneCreateUserTokenByPasswordResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = IamErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = IamErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = IamErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = IamErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = IamErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = IamErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = IamErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KeystoneCreateUserTokenByPasswordRequestBody,
    nocatalog: bool | Unset = UNSET,
) -> Response[IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse]:
    """Obtain an IAM user token with a user name and password.

     Answers 201 with the token in the `X-Subject-Token` response header (never in the body) and
    the token's metadata in the body. Scope the token to the project of the OCR region (its
    name is the region id, e.g. `cn-north-4`).

    Args:
        nocatalog (bool | Unset):
        body (KeystoneCreateUserTokenByPasswordRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        nocatalog=nocatalog,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: KeystoneCreateUserTokenByPasswordRequestBody,
    nocatalog: bool | Unset = UNSET,
) -> IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse | None:
    """Obtain an IAM user token with a user name and password.

     Answers 201 with the token in the `X-Subject-Token` response header (never in the body) and
    the token's metadata in the body. Scope the token to the project of the OCR region (its
    name is the region id, e.g. `cn-north-4`).

    Args:
        nocatalog (bool | Unset):
        body (KeystoneCreateUserTokenByPasswordRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        nocatalog=nocatalog,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: KeystoneCreateUserTokenByPasswordRequestBody,
    nocatalog: bool | Unset = UNSET,
) -> Response[IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse]:
    """Obtain an IAM user token with a user name and password.

     Answers 201 with the token in the `X-Subject-Token` response header (never in the body) and
    the token's metadata in the body. Scope the token to the project of the OCR region (its
    name is the region id, e.g. `cn-north-4`).

    Args:
        nocatalog (bool | Unset):
        body (KeystoneCreateUserTokenByPasswordRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        nocatalog=nocatalog,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: KeystoneCreateUserTokenByPasswordRequestBody,
    nocatalog: bool | Unset = UNSET,
) -> IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse | None:
    """Obtain an IAM user token with a user name and password.

     Answers 201 with the token in the `X-Subject-Token` response header (never in the body) and
    the token's metadata in the body. Scope the token to the project of the OCR region (its
    name is the region id, e.g. `cn-north-4`).

    Args:
        nocatalog (bool | Unset):
        body (KeystoneCreateUserTokenByPasswordRequestBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IamErrorResponse | KeystoneCreateUserTokenByPasswordResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            nocatalog=nocatalog,
        )
    ).parsed

"""Static credentials: Azure's subscription key header and a given Huawei token, sync and async."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import respx
from handwriting_ocr._secrets import Secret
from handwriting_ocr.auth import AzureKeyAuth, HuaweiTokenAuth
from handwriting_ocr.errors import InvalidInputError

from tests.wrapper.conftest_auth import MODES, Mode, send

AZURE_KEY = "0123456789abcdef0123456789abcdef"
AZURE_URL = "https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/recognizeText?mode=Handwritten"
HUAWEI_TOKEN = "MIINRwYJKoZIhvcNAQcCoIINODCCDTQCAQExDTALBglghkgBZQMEAgEwgguVBgkqhkiG"
HUAWEI_URL = "https://ocr.cn-north-4.myhuaweicloud.com/v2/p/ocr/handwriting"


@pytest.mark.parametrize("mode", MODES)
async def test_azure_key_is_sent_in_the_subscription_key_header(mode: Mode) -> None:
    image = b"\x89PNG\r\n\x1a\n-image-bytes"
    with respx.mock() as router:
        route = router.post(AZURE_URL).respond(202, headers={"Operation-Location": "https://x/op/1"})
        response = await send(
            mode,
            AzureKeyAuth(AZURE_KEY),
            "POST",
            AZURE_URL,
            content=image,
            headers={"Content-Type": "application/octet-stream"},
        )
    assert response.status_code == 202
    sent = route.calls.last.request
    assert sent.headers.get_list("Ocp-Apim-Subscription-Key") == [AZURE_KEY]
    assert "Authorization" not in sent.headers
    assert sent.content == image


@pytest.mark.parametrize("mode", MODES)
async def test_given_huawei_token_is_sent_in_x_auth_token(mode: Mode) -> None:
    with respx.mock() as router:
        route = router.post(HUAWEI_URL).respond(200, json={"result": {}})
        await send(mode, HuaweiTokenAuth(Secret(HUAWEI_TOKEN)), "POST", HUAWEI_URL, content=b"{}")
    sent = route.calls.last.request
    assert sent.headers.get_list("X-Auth-Token") == [HUAWEI_TOKEN]
    assert "Authorization" not in sent.headers


@pytest.mark.parametrize("mode", MODES)
async def test_a_401_with_a_given_token_is_returned_without_retry(mode: Mode) -> None:
    with respx.mock() as router:
        route = router.post(HUAWEI_URL).respond(401, json={"error_code": "APIG.0301", "error_msg": "expired"})
        response = await send(mode, HuaweiTokenAuth(HUAWEI_TOKEN), "POST", HUAWEI_URL)
    assert response.status_code == 401
    assert route.call_count == 1


def test_auth_on_the_client_applies_to_every_request() -> None:
    with respx.mock() as router, httpx.Client(auth=AzureKeyAuth(AZURE_KEY)) as client:
        route = router.get(url__startswith="https://westcentralus.api.cognitive.microsoft.com/").respond(200)
        client.get("https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/operations/1")
        client.get("https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/operations/2")
    assert [call.request.headers["Ocp-Apim-Subscription-Key"] for call in route.calls] == [AZURE_KEY] * 2


def test_reprs_show_no_credential() -> None:
    assert AZURE_KEY not in repr(AzureKeyAuth(AZURE_KEY))
    assert AZURE_KEY not in str(AzureKeyAuth(AZURE_KEY))
    assert HUAWEI_TOKEN not in repr(HuaweiTokenAuth(HUAWEI_TOKEN))
    assert repr(AzureKeyAuth(AZURE_KEY)) == "AzureKeyAuth(key=Secret('***'))"


@pytest.mark.parametrize("make", [AzureKeyAuth, HuaweiTokenAuth])
def test_empty_credentials_are_rejected(make: Callable[[str], httpx.Auth]) -> None:
    with pytest.raises(InvalidInputError):
        make("  ")

"""The providers' published signing vectors, through the pure signing modules and the auth classes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime

import httpx
import pytest
import respx
from handwriting_ocr.auth import HuaweiSignatureAuth
from handwriting_ocr.signing import huawei as huawei_signing
from handwriting_ocr.signing import tencent as tencent_signing

from tests.wrapper.conftest_auth import MODES, FakeClock, Mode, send

# Huawei API Gateway's published example (API-FACTS section 3).
HW_AK = "QTWAOYTTINDUT2QVKYUC"
HW_SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
HW_URL = "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"
HW_DATE = "20191115T033655Z"
HW_SIGNATURE = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
HW_AUTHORIZATION = (
    f"SDK-HMAC-SHA256 Access={HW_AK}, SignedHeaders=content-type;host;x-sdk-date, Signature={HW_SIGNATURE}"
)

# Tencent's published example (API-FACTS section 4).
TC_SECRET_KEY = "nwOKDouy5JctNOlnere4gkVoOUz5EYAb"
TC_ORIGINAL = "a=1252821871&b=tencentyun&k=AKIDgaoOYh2kOmJfWVdH4lpfxScG2zPLPGoK&e=1438669115&t=1436077115&r=11162&u=0&f="
TC_SIGNATURE = (
    "p2Y5iIYyBmQNfUvPe3e1sxEN/rZhPTEyNTI4MjE4NzEmYj10ZW5jZW50eXVuJms9QUtJRGdhb09ZaDJrT21KZldWZEg0bHBmeFNj"
    "RzJ6UExQR29LJmU9MTQzODY2OTExNSZ0PTE0MzYwNzcxMTUmcj0xMTE2MiZ1PTAmZj0="
)


def test_huawei_pure_signer_reproduces_the_published_signature() -> None:
    url = httpx.URL(HW_URL)
    authorization = huawei_signing.sign(
        access_key=HW_AK,
        secret_key=HW_SK,
        method="GET",
        path=url.path,
        query=url.params.multi_items(),
        headers={"Content-Type": "application/json", "Host": url.host, "X-Sdk-Date": HW_DATE},
        body=b"",
    )
    assert authorization == HW_AUTHORIZATION


@pytest.mark.parametrize("mode", MODES)
async def test_huawei_auth_class_reproduces_the_published_signature(mode: Mode) -> None:
    # The vector's moment, on the injected clock: the auth class must add exactly that X-Sdk-Date.
    clock = FakeClock(datetime(2019, 11, 15, 3, 36, 55, tzinfo=UTC).timestamp())
    auth = HuaweiSignatureAuth(HW_AK, HW_SK, clock=clock)
    with respx.mock(assert_all_called=True) as router:
        route = router.get(HW_URL).respond(200, json={})
        await send(mode, auth, "GET", HW_URL, headers={"Content-Type": "application/json"})
    sent = route.calls.last.request
    assert sent.headers["X-Sdk-Date"] == HW_DATE
    assert sent.headers["Host"] == "service.region.example.com"
    # httpx's own Accept/Accept-Encoding/Connection/User-Agent are left unsigned, so the header is
    # byte-for-byte the published one.
    assert sent.headers["Authorization"] == HW_AUTHORIZATION


def test_tencent_pure_signer_reproduces_the_published_signature() -> None:
    assert tencent_signing.sign_original(TC_SECRET_KEY, TC_ORIGINAL) == TC_SIGNATURE
    assert tencent_signing.verify(TC_SIGNATURE, TC_SECRET_KEY)
    assert not tencent_signing.verify(TC_SIGNATURE, TC_SECRET_KEY[:-1] + "c")


def test_tencent_published_signature_decodes_to_its_fields() -> None:
    parts = tencent_signing.decode(TC_SIGNATURE)
    assert parts is not None
    digest, original = parts
    assert original == TC_ORIGINAL
    assert digest == hmac.new(TC_SECRET_KEY.encode(), TC_ORIGINAL.encode(), hashlib.sha1).digest()
    fields = tencent_signing.parse_original(original)
    assert fields == tencent_signing.SignatureFields(
        appid="1252821871",
        bucket="tencentyun",
        secret_id="AKIDgaoOYh2kOmJfWVdH4lpfxScG2zPLPGoK",
        expires_at=1438669115,
        signed_at=1436077115,
        nonce="11162",
        extra=(("u", "0"), ("f", "")),
    )
    # Independent of the module: the signature is base64(20-byte HMAC-SHA1 || original).
    assert base64.b64decode(TC_SIGNATURE)[20:] == TC_ORIGINAL.encode()

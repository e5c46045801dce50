"""``httpx.Auth`` classes for every provider; usable with any httpx client, sync or async.

- :class:`AzureKeyAuth` - ``Ocp-Apim-Subscription-Key``.
- :class:`AzureBearerTokenAuth` - ``Authorization: Bearer`` from a token provider (Entra ID).
- :class:`HuaweiTokenAuth` - a token you hold, in ``X-Auth-Token``.
- :class:`HuaweiPasswordAuth` - IAM tokens fetched with a password, cached and renewed.
- :class:`HuaweiSignatureAuth` - AK/SK ``SDK-HMAC-SHA256`` request signing.
- :class:`TencentSignatureAuth` - the reusable Tencent signature, renewed before it expires.
- :class:`TencentTC3Auth` - Tencent Cloud API 3.0 ``TC3-HMAC-SHA256`` request signing.
- :func:`huawei_auth_from_env` - whichever Huawei method the environment configures.

Credentials are held in :class:`handwriting_ocr._secrets.Secret`; no ``repr`` shows them.

The names load lazily (PEP 562), so an Azure client never imports the Huawei IAM machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handwriting_ocr._lazy import lazy_exports

if TYPE_CHECKING:
    from handwriting_ocr.auth._clock import Clock as Clock
    from handwriting_ocr.auth.azure import AzureBearerTokenAuth as AzureBearerTokenAuth
    from handwriting_ocr.auth.azure import AzureKeyAuth as AzureKeyAuth
    from handwriting_ocr.auth.huawei import HuaweiAuth as HuaweiAuth
    from handwriting_ocr.auth.huawei import HuaweiSignatureAuth as HuaweiSignatureAuth
    from handwriting_ocr.auth.huawei import HuaweiTokenAuth as HuaweiTokenAuth
    from handwriting_ocr.auth.huawei import huawei_auth_from_env as huawei_auth_from_env
    from handwriting_ocr.auth.huawei_iam import HuaweiPasswordAuth as HuaweiPasswordAuth
    from handwriting_ocr.auth.tencent import TencentSignatureAuth as TencentSignatureAuth
    from handwriting_ocr.auth.tencent_v3 import TencentTC3Auth as TencentTC3Auth

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "AzureBearerTokenAuth": "handwriting_ocr.auth.azure",
    "AzureKeyAuth": "handwriting_ocr.auth.azure",
    "Clock": "handwriting_ocr.auth._clock",
    "HuaweiAuth": "handwriting_ocr.auth.huawei",
    "HuaweiPasswordAuth": "handwriting_ocr.auth.huawei_iam",
    "HuaweiSignatureAuth": "handwriting_ocr.auth.huawei",
    "HuaweiTokenAuth": "handwriting_ocr.auth.huawei",
    "TencentSignatureAuth": "handwriting_ocr.auth.tencent",
    "TencentTC3Auth": "handwriting_ocr.auth.tencent_v3",
    "huawei_auth_from_env": "handwriting_ocr.auth.huawei",
}

__all__ = [
    "AzureBearerTokenAuth",
    "AzureKeyAuth",
    "Clock",
    "HuaweiAuth",
    "HuaweiPasswordAuth",
    "HuaweiSignatureAuth",
    "HuaweiTokenAuth",
    "TencentSignatureAuth",
    "TencentTC3Auth",
    "huawei_auth_from_env",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

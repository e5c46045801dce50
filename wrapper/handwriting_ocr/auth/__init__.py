"""``httpx.Auth`` classes for every provider; usable with any httpx client, sync or async.

- :class:`AzureKeyAuth` - ``Ocp-Apim-Subscription-Key``.
- :class:`HuaweiTokenAuth` - a token you hold, in ``X-Auth-Token``.
- :class:`HuaweiPasswordAuth` - IAM tokens fetched with a password, cached and renewed.
- :class:`HuaweiSignatureAuth` - AK/SK ``SDK-HMAC-SHA256`` request signing.
- :class:`TencentSignatureAuth` - the reusable Tencent signature, renewed before it expires.
- :func:`huawei_auth_from_env` - whichever Huawei method the environment configures.

Credentials are held in :class:`handwriting_ocr._secrets.Secret`; no ``repr`` shows them.
"""

from __future__ import annotations

from handwriting_ocr.auth._clock import Clock
from handwriting_ocr.auth.azure import AzureKeyAuth
from handwriting_ocr.auth.huawei import HuaweiAuth, HuaweiSignatureAuth, HuaweiTokenAuth, huawei_auth_from_env
from handwriting_ocr.auth.huawei_iam import HuaweiPasswordAuth
from handwriting_ocr.auth.tencent import TencentSignatureAuth

__all__ = [
    "AzureKeyAuth",
    "Clock",
    "HuaweiAuth",
    "HuaweiPasswordAuth",
    "HuaweiSignatureAuth",
    "HuaweiTokenAuth",
    "TencentSignatureAuth",
    "huawei_auth_from_env",
]

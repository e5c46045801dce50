"""Where each provider lives, and reading settings from the environment.

An *endpoint* here is only scheme, host and port (``https://example.com:8443``): the clients append
each API's own path (``/vision/v2.0``, ``/v2/{project_id}/ocr/handwriting``...), so one override
serves every API of a provider, the local emulator included.
"""

from __future__ import annotations

from typing import Final

import httpx

from handwriting_ocr.errors import InvalidInputError, Provider

__all__ = [
    "AZURE_ANALYSIS_ROOT",
    "AZURE_V1_ROOT",
    "AZURE_V2_ROOT",
    "AZURE_V3_ROOT",
    "DEFAULT_HUAWEI_REGION",
    "DEFAULT_TIMEOUT",
    "TENCENT_ENDPOINT",
    "TENCENT_V3_ENDPOINT",
    "huawei_iam_endpoint",
    "huawei_ocr_endpoint",
    "normalize_endpoint",
]

#: Path of each Azure Computer Vision API under the resource's endpoint.
AZURE_V2_ROOT: Final = "/vision/v2.0"
AZURE_V1_ROOT: Final = "/vision/v1.0"
AZURE_V3_ROOT: Final = "/vision/v3.2"
AZURE_ANALYSIS_ROOT: Final = "/computervision"

DEFAULT_HUAWEI_REGION: Final = "cn-north-4"
TENCENT_ENDPOINT: Final = "https://recognition.image.myqcloud.com"
#: Tencent Cloud API 3.0's global host (regional hosts are ``ocr.{region}.tencentcloudapi.com``).
TENCENT_V3_ENDPOINT: Final = "https://ocr.tencentcloudapi.com"

#: Seconds for connect, read, write and pool waits of one HTTP attempt. OCR of a large page can take
#: several seconds server-side, so httpx's 5 s default is too tight for the synchronous calls.
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)


def huawei_ocr_endpoint(region: str) -> str:
    return f"https://ocr.{_region(region)}.myhuaweicloud.com"


def huawei_iam_endpoint(region: str) -> str:
    return f"https://iam.{_region(region)}.myhuaweicloud.com"


def _region(region: str) -> str:
    # The region becomes part of a host name: refuse anything that would change which host that is.
    if not region or not all(ch.isalnum() or ch == "-" for ch in region):
        raise InvalidInputError(f"invalid region {region!r}", field="region")
    return region


def normalize_endpoint(value: str, *, field: str = "endpoint", provider: Provider | None = None) -> str:
    """``scheme://host[:port]`` from a user's endpoint setting.

    The scheme is required: ``http://`` or ``https://``. A value without one (``127.0.0.1:8765``,
    ``westeurope.api.cognitive.microsoft.com``) is refused with a message showing both spellings,
    because guessing is wrong either way: a guessed ``https://`` fails against the local emulator
    with an SSL error far from its cause, and a guessed ``http://`` would send credentials in clear.
    A trailing ``/`` is dropped. Anything with a path, query or fragment is refused rather than
    silently mangled: the clients add the API path themselves.
    """
    text = value.strip()
    if not text:
        raise InvalidInputError(f"{field} is empty", provider=provider, field=field)
    if "://" not in text:
        raise InvalidInputError(
            f"{field} {value!r} has no scheme: write https://{text} (or http://{text} for a local "
            "server such as the emulator)",
            provider=provider,
            field=field,
        )
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise InvalidInputError(
            f"{field} is not a valid URL: {exc}", provider=provider, field=field
        ) from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidInputError(
            f"{field} must be an http(s) URL with a host, got {value!r}", provider=provider, field=field
        )
    if url.path not in ("", "/") or url.query or url.fragment or url.userinfo:
        raise InvalidInputError(
            f"{field} must be only scheme, host and port (the client appends the API path), got {value!r}",
            provider=provider,
            field=field,
        )
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{host}{port}"

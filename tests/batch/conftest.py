"""Clients of every provider pointed at an emulator, and distinct images for batches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from handwriting_ocr import samples
from handwriting_ocr.clients.azure import AsyncAzureVisionClient, AzureVisionClient
from handwriting_ocr.clients.huawei import AsyncHuaweiOcrClient, HuaweiOcrClient
from handwriting_ocr.clients.tencent import AsyncTencentOcrClient, TencentOcrClient
from handwriting_ocr.clients.tencent_v3 import AsyncTencentOcrV3Client, TencentOcrV3Client
from handwriting_ocr.emulator import Emulator
from handwriting_ocr.pacing import RateLimitSetting

Mode = Literal["sync", "async"]
SyncClient = AzureVisionClient | HuaweiOcrClient | TencentOcrClient | TencentOcrV3Client
AsyncClient = AsyncAzureVisionClient | AsyncHuaweiOcrClient | AsyncTencentOcrClient | AsyncTencentOcrV3Client


def images(count: int, name: str = "glory.png") -> list[bytes]:
    """``count`` distinct valid images: one sample with a different trailer each (PNG ignores it)."""
    data = samples.read_bytes(name)
    return [data + b"\0" * n for n in range(count)]


def huawei(emu: Emulator, mode: Mode, rate_limit: RateLimitSetting = None) -> SyncClient | AsyncClient:
    c = emu.config.huawei
    cls = HuaweiOcrClient if mode == "sync" else AsyncHuaweiOcrClient
    return cls(
        project_id=c.project_id,
        access_key=c.access_key,
        secret_key=c.secret_key,
        endpoint=emu.base_url,
        rate_limit=rate_limit,
    )


def tencent(emu: Emulator, mode: Mode, rate_limit: RateLimitSetting = None) -> SyncClient | AsyncClient:
    account = emu.config.tencent.accounts[0]
    cls = TencentOcrClient if mode == "sync" else AsyncTencentOcrClient
    return cls(
        account.appid, account.secret_id, account.secret_key, endpoint=emu.base_url, rate_limit=rate_limit
    )


def tencent_v3(emu: Emulator, mode: Mode, rate_limit: RateLimitSetting = None) -> SyncClient | AsyncClient:
    env = emu.environment()
    cls = TencentOcrV3Client if mode == "sync" else AsyncTencentOcrV3Client
    return cls(
        env["TENCENTCLOUD_SECRET_ID"],
        env["TENCENTCLOUD_SECRET_KEY"],
        region=env["TENCENTCLOUD_REGION"],
        endpoint=emu.base_url,
        rate_limit=rate_limit,
    )


def azure(emu: Emulator, mode: Mode, rate_limit: RateLimitSetting = None) -> SyncClient | AsyncClient:
    cls = AzureVisionClient if mode == "sync" else AsyncAzureVisionClient
    return cls(emu.base_url, emu.config.azure.keys[0], rate_limit=rate_limit)


Factory = Callable[[Emulator, Mode, RateLimitSetting], SyncClient | AsyncClient]

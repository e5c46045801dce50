"""Helpers shared by the emulator tests: a fake clock and request signing for Huawei and Tencent (both APIs)."""

from __future__ import annotations

import io
import json
import struct
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from handwriting_ocr.emulator import Emulator, EmulatorConfig
from handwriting_ocr.signing import huawei as huawei_signing
from handwriting_ocr.signing import tc3
from handwriting_ocr.signing import tencent as tencent_signing

AZURE_KEY = "emulator-key"
DEFAULTS = EmulatorConfig()
HUAWEI = DEFAULTS.huawei
TENCENT = DEFAULTS.tencent.accounts[0]

#: The make_emulator fixture: starts an emulator on the test's fake clock.
EmulatorFactory = Callable[..., Emulator]


class FakeClock:
    """Seconds since the epoch that only move when the test says so."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def png(width: int, height: int, shade: int = 128) -> bytes:
    """A valid greyscale PNG of the given size, different per shade."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = (b"\x00" + bytes([shade]) * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (250, 250, 250)).save(out, format="JPEG")
    return out.getvalue()


# -- Huawei ---------------------------------------------------------------------------------------------


def huawei_signed(
    emu: Emulator,
    body: object,
    *,
    clock_now: float,
    access_key: str = HUAWEI.access_key,
    secret_key: str = HUAWEI.secret_key,
    project_id: str = HUAWEI.project_id,
    date_offset: float = 0.0,
) -> httpx.Request:
    """A POST to the OCR endpoint signed with SDK-HMAC-SHA256, as a client would send it."""
    path = f"/v2/{project_id}/ocr/handwriting"
    content = json.dumps(body).encode()
    date = huawei_signing.sdk_date(datetime.fromtimestamp(clock_now + date_offset, UTC))
    headers = {
        "Host": f"127.0.0.1:{emu.port}",
        "Content-Type": "application/json;charset=UTF-8",
        "X-Sdk-Date": date,
    }
    headers["Authorization"] = huawei_signing.sign(
        access_key=access_key,
        secret_key=secret_key,
        method="POST",
        path=path,
        query=[],
        headers=headers,
        body=content,
    )
    return httpx.Request("POST", emu.base_url + path, headers=headers, content=content)


def huawei_token_request(
    user: str = "emulator-user", password: str = "emulator-password"
) -> dict[str, object]:
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {"domain": {"name": "emulator-domain"}, "name": user, "password": password}
                },
            },
            "scope": {"project": {"name": "cn-north-4"}},
        }
    }


# -- Tencent --------------------------------------------------------------------------------------------


def tencent_signature(
    *,
    now: float,
    appid: str = TENCENT.appid,
    bucket: str = "",
    secret_id: str = TENCENT.secret_id,
    secret_key: str = TENCENT.secret_key,
    lifetime: int = 3600,
) -> str:
    return tencent_signing.sign(
        appid=appid,
        bucket=bucket,
        secret_id=secret_id,
        secret_key=secret_key,
        expires_at=int(now) + lifetime,
        signed_at=int(now),
        nonce="1234567",
    )


# -- Tencent API 3.0 ------------------------------------------------------------------------------------

TC3_ACTION_HEADERS = {"X-TC-Action": "GeneralHandwritingOCR", "X-TC-Version": "2018-11-19"}


def tc3_request(
    emu: Emulator,
    body: object,
    *,
    now: float,
    secret_id: str = TENCENT.secret_id,
    secret_key: str = TENCENT.secret_key,
    timestamp_offset: int = 0,
    content_type: str = tc3.JSON_CONTENT_TYPE,
    headers: dict[str, str] | None = None,
    raw_body: bytes | None = None,
) -> httpx.Request:
    """A ``POST /`` signed with TC3-HMAC-SHA256 as a client would send it (``content-type;host``)."""
    content = raw_body if raw_body is not None else json.dumps(body).encode()
    timestamp = int(now) + timestamp_offset
    host = f"127.0.0.1:{emu.port}"
    sent = {
        "Host": host,
        "Content-Type": content_type,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Region": "ap-guangzhou",
        **TC3_ACTION_HEADERS,
        **(headers or {}),
    }
    sent["Authorization"] = tc3.tc3_authorization(
        secret_id=secret_id,
        secret_key=secret_key,
        timestamp=timestamp,
        service="ocr",
        host=host,
        content_type=content_type,
        payload=content,
    )
    return httpx.Request("POST", emu.base_url + "/", headers=sent, content=content)

"""What an emulator run accepts and how it behaves: credentials, timings, run-wide faults.

Every default is a public, documented test value (never a real credential); the secret ones are kept
out of ``repr`` all the same, so a config printed in a test log shows no keys.
"""

from __future__ import annotations

import attrs

from handwriting_ocr.emulator.faults import FaultRule


@attrs.frozen
class AzureSettings:
    #: Values accepted in ``Ocp-Apim-Subscription-Key``.
    keys: tuple[str, ...] = attrs.field(default=("emulator-key",), repr=False)


@attrs.frozen
class HuaweiUser:
    """An IAM user that may ask ``POST /v3/auth/tokens`` for a token (password method)."""

    domain: str = "emulator-domain"
    name: str = "emulator-user"
    password: str = attrs.field(default="emulator-password", repr=False)


@attrs.frozen
class HuaweiSettings:
    access_key: str = "EMULATORACCESSKEY000"
    secret_key: str = attrs.field(default="emulator-secret-key", repr=False)
    project_id: str = "0123456789abcdef0123456789abcdef"
    region: str = "cn-north-4"
    users: tuple[HuaweiUser, ...] = (HuaweiUser(),)
    #: Lifetime of an issued token, in seconds (the real IAM: 24 h).
    token_ttl: float = 24 * 3600.0
    #: Largest accepted difference between ``X-Sdk-Date`` and the emulator's clock (APIG: 15 min).
    max_clock_skew: float = 15 * 60.0
    #: False answers every OCR call with 403 ModelArts.4204 (service not subscribed in the region).
    subscribed: bool = True


@attrs.frozen
class TencentAccount:
    appid: str = "1250000000"
    secret_id: str = "AKIDemulatorSecretId0000000000000000"
    secret_key: str = attrs.field(default="emulatorSecretKey00000000000000", repr=False)


@attrs.frozen
class TencentSettings:
    accounts: tuple[TencentAccount, ...] = (TencentAccount(),)
    #: Reject a second use of the same signature with code 13. The real service documents code 13
    #: for replays but accepts a multi-effective signature many times, so this is off by default.
    reject_replay: bool = False


@attrs.frozen
class EmulatorConfig:
    azure: AzureSettings = AzureSettings()
    huawei: HuaweiSettings = HuaweiSettings()
    tencent: TencentSettings = TencentSettings()
    #: Seconds an Azure asynchronous operation takes: NotStarted for the first third, then Running,
    #: then Succeeded (or Failed). 0 makes every operation finish at once.
    processing_time: float = 0.2
    #: Seconds after which an operation id is forgotten (the real service: 48 h) -> 404.
    operation_ttl: float = 48 * 3600.0
    #: Faults applied for the whole run (see :class:`FaultRule`).
    fault_rules: tuple[FaultRule, ...] = ()
    #: Requests with a larger body are refused with 413 before any provider logic.
    max_body_bytes: int = 64 * 1024 * 1024

"""What an emulator run accepts and how it behaves: credentials, timings, quotas, run-wide faults.

Every default is a public, documented test value (never a real credential); the secret ones are kept
out of ``repr`` all the same, so a config printed in a test log shows no keys.
"""

from __future__ import annotations

import attrs

from handwriting_ocr.emulator.durations import Duration, to_duration
from handwriting_ocr.emulator.faults import FaultRule
from handwriting_ocr.emulator.quota import Quota, QuotaGroup, to_provider_quotas, to_quota


@attrs.frozen
class AzureSettings:
    #: Values accepted in ``Ocp-Apim-Subscription-Key`` (every Azure API).
    keys: tuple[str, ...] = attrs.field(default=("emulator-key",), repr=False)
    #: Values accepted in ``Authorization: Bearer <token>`` by Image Analysis 4.0 (what an Entra ID
    #: token provider would hand the client; the emulator does not decode them).
    bearer_tokens: tuple[str, ...] = attrs.field(default=("emulator-entra-token",), repr=False)


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
class TencentTemporaryKey:
    """A temporary API 3.0 credential (as STS issues): valid only with its ``X-TC-Token``."""

    #: The appid of the account it belongs to (it shares that account's quota).
    appid: str = "1250000000"
    secret_id: str = "AKIDemulatorTemporaryId000000000000"
    secret_key: str = attrs.field(default="emulatorTemporaryKey0000000000000", repr=False)
    token: str = attrs.field(default="emulator-session-token", repr=False)


#: Regions the API 3.0 OCR endpoint accepts in ``X-TC-Region`` (the OCR regions the official SDK
#: documents; an assumption that the list is complete).
TENCENT_OCR_REGIONS = (
    "ap-beijing",
    "ap-guangzhou",
    "ap-hongkong",
    "ap-seoul",
    "ap-shanghai",
    "ap-singapore",
    "ap-tokyo",
    "eu-frankfurt",
    "na-toronto",
)


@attrs.frozen
class TencentSettings:
    accounts: tuple[TencentAccount, ...] = (TencentAccount(),)
    #: Reject a second use of the same signature with code 13. The real service documents code 13
    #: for replays but accepts a multi-effective signature many times, so this is off by default.
    reject_replay: bool = False
    #: API 3.0: temporary credentials accepted with their session token.
    temporary_keys: tuple[TencentTemporaryKey, ...] = (TencentTemporaryKey(),)
    #: API 3.0: the region the emulator advertises (``TENCENTCLOUD_REGION`` in its environment).
    region: str = "ap-guangzhou"
    #: API 3.0: the regions accepted in ``X-TC-Region``.
    regions: tuple[str, ...] = TENCENT_OCR_REGIONS
    #: API 3.0: largest accepted difference between ``X-TC-Timestamp`` and the emulator's clock.
    max_clock_skew: float = 300.0


@attrs.frozen
class EmulatorConfig:
    azure: AzureSettings = AzureSettings()
    huawei: HuaweiSettings = HuaweiSettings()
    tencent: TencentSettings = TencentSettings()
    #: Seconds an Azure asynchronous operation takes: NotStarted for the first third, then Running,
    #: then Succeeded (or Failed). 0 makes every operation finish at once. ``operation_duration``,
    #: when given, takes precedence.
    processing_time: float = 0.2
    #: How long each Azure operation takes: a :class:`Duration` (``Duration.uniform(1, 5, seed=7)``),
    #: a number of seconds, or its text form (``"1-5"``). None: ``processing_time``, fixed.
    operation_duration: Duration | None = attrs.field(default=None, converter=to_duration)
    #: A request quota for every provider, one token bucket per credential (see
    #: :mod:`handwriting_ocr.emulator.quota`): a :class:`Quota` or its text (``"10/s"``). None: no quota.
    quota: Quota | None = attrs.field(default=None, converter=to_quota)
    #: Per-provider quotas (``{"azure": "20/min", "huawei": None}``) that replace ``quota`` for those
    #: providers; the keys are ``azure``, ``huawei``, ``tencent`` (legacy) and ``tencent_v3``.
    provider_quotas: tuple[tuple[QuotaGroup, Quota | None], ...] = attrs.field(
        default=(), converter=to_provider_quotas
    )
    #: Seconds after which an operation id is forgotten (the real service: 48 h) -> 404.
    operation_ttl: float = 48 * 3600.0
    #: Faults applied for the whole run (see :class:`FaultRule`).
    fault_rules: tuple[FaultRule, ...] = ()
    #: Requests with a larger body are refused with 413 before any provider logic.
    max_body_bytes: int = 64 * 1024 * 1024

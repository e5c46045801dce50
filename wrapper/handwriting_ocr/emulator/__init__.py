"""A local server that speaks every operation of the Azure Computer Vision v1.0/v2.0, Azure Read v3.2,
Azure Image Analysis 4.0, Huawei Cloud OCR (+ IAM), Tencent Cloud legacy OCR and Tencent Cloud API 3.0
``GeneralHandwritingOCR`` APIs, for demos, tests and users' own tests.

::

    from handwriting_ocr.emulator import Duration, Emulator, EmulatorConfig, Fault

    config = EmulatorConfig(quota="10/s", operation_duration=Duration.uniform(1, 5, seed=7))
    with Emulator(config) as emu:
        emu.faults.push("azure", Fault.rate_limit(retry_after=1))
        ...  # point any client at emu.base_url
        emu.stats.requests("azure_read_v3").throttled

``serve(host, port, config)`` runs it in the foreground (the ``handwriting-ocr emulator`` command), and
``handwriting_ocr.emulator.pytest_plugin`` provides an ``ocr_emulator`` pytest fixture.
Not imported by ``import handwriting_ocr``: load it only where it is used.
"""

from __future__ import annotations

from handwriting_ocr.emulator.config import (
    AzureSettings,
    EmulatorConfig,
    HuaweiSettings,
    HuaweiUser,
    TencentAccount,
    TencentSettings,
    TencentTemporaryKey,
)
from handwriting_ocr.emulator.durations import Duration, DurationSyntaxError
from handwriting_ocr.emulator.faults import (
    FAULT_HEADER,
    Fault,
    FaultQueue,
    FaultRule,
    FaultSyntaxError,
    Provider,
)
from handwriting_ocr.emulator.quota import Quota, QuotaGroup, QuotaSyntaxError
from handwriting_ocr.emulator.server import Emulator, PortInUseError, serve
from handwriting_ocr.emulator.stats import (
    Api,
    EmulatorStats,
    OperationRecord,
    RequestCounts,
    input_fingerprint,
)
from handwriting_ocr.emulator.transcripts import blank_image

__all__ = [
    "FAULT_HEADER",
    "Api",
    "AzureSettings",
    "Duration",
    "DurationSyntaxError",
    "Emulator",
    "EmulatorConfig",
    "EmulatorStats",
    "Fault",
    "FaultQueue",
    "FaultRule",
    "FaultSyntaxError",
    "HuaweiSettings",
    "HuaweiUser",
    "OperationRecord",
    "PortInUseError",
    "Provider",
    "Quota",
    "QuotaGroup",
    "QuotaSyntaxError",
    "RequestCounts",
    "TencentAccount",
    "TencentSettings",
    "TencentTemporaryKey",
    "blank_image",
    "input_fingerprint",
    "serve",
]

"""A local server that speaks every operation of the Azure Computer Vision v1.0/v2.0, Huawei Cloud OCR
(+ IAM) and Tencent Cloud legacy OCR APIs, for demos, tests and users' own tests.

::

    from handwriting_ocr.emulator import Emulator, EmulatorConfig, Fault

    with Emulator(EmulatorConfig(processing_time=0.1)) as emu:
        emu.faults.push("azure", Fault.rate_limit(retry_after=1))
        ...  # point any client at emu.base_url

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
)
from handwriting_ocr.emulator.faults import (
    FAULT_HEADER,
    Fault,
    FaultQueue,
    FaultRule,
    FaultSyntaxError,
    Provider,
)
from handwriting_ocr.emulator.server import Emulator, serve

__all__ = [
    "FAULT_HEADER",
    "AzureSettings",
    "Emulator",
    "EmulatorConfig",
    "Fault",
    "FaultQueue",
    "FaultRule",
    "FaultSyntaxError",
    "HuaweiSettings",
    "HuaweiUser",
    "Provider",
    "TencentAccount",
    "TencentSettings",
    "serve",
]

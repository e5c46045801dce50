"""A pytest plugin with an ``ocr_emulator`` fixture: the emulator on a free loopback port.

Enable it in your ``conftest.py``::

    pytest_plugins = ["handwriting_ocr.emulator.pytest_plugin"]

    def test_reads(ocr_emulator):
        client = httpx.Client(base_url=ocr_emulator.azure_v2_url, ...)

One emulator serves the whole test session (starting it takes milliseconds, but tests that share it
stay independent: queued faults are cleared after each test). Override ``ocr_emulator_config`` in
your own conftest to change credentials, processing time or run-wide faults.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.server import Emulator


@pytest.fixture(scope="session")
def ocr_emulator_config() -> EmulatorConfig:
    """The configuration of the session's emulator; override it to change it."""
    return EmulatorConfig(processing_time=0.05)


@pytest.fixture(scope="session")
def _ocr_emulator_session(ocr_emulator_config: EmulatorConfig) -> Iterator[Emulator]:
    with Emulator(ocr_emulator_config) as emulator:
        yield emulator


@pytest.fixture
def ocr_emulator(_ocr_emulator_session: Emulator) -> Iterator[Emulator]:
    """The running emulator; faults queued during the test are dropped afterwards."""
    yield _ocr_emulator_session
    _ocr_emulator_session.faults.clear()

"""Fixtures for the emulator tests: real servers on 127.0.0.1, a controllable clock, signed requests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from handwriting_ocr.emulator import Emulator, EmulatorConfig

# The reusable plugin's fixtures, re-exported so these tests use exactly what users get.
from handwriting_ocr.emulator.pytest_plugin import (
    _ocr_emulator_session,
    ocr_emulator,
    ocr_emulator_config,
    ocr_emulator_env,
)

from tests.emulator.helpers import EmulatorFactory, FakeClock

__all__ = ["_ocr_emulator_session", "ocr_emulator", "ocr_emulator_config", "ocr_emulator_env"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_emulator(clock: FakeClock) -> Iterator[EmulatorFactory]:
    """Start emulators driven by the test's :class:`FakeClock`; all are stopped afterwards."""
    started: list[Emulator] = []

    def make(config: EmulatorConfig | None = None) -> Emulator:
        emulator = Emulator(config, clock=clock).start()
        started.append(emulator)
        return emulator

    yield make
    for emulator in started:
        assert emulator.internal_errors == 0, "the emulator hit a bug of its own (answered 500)"
        emulator.stop()


@pytest.fixture
def emu(make_emulator: EmulatorFactory) -> Emulator:
    """An emulator on the fake clock with a 3-second processing time."""
    return make_emulator(EmulatorConfig(processing_time=3.0))


@pytest.fixture
def http(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url, timeout=10) as client:
        yield client

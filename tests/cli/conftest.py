"""Fixtures for the CLI tests: one emulator on 127.0.0.1 for the module, its environment, samples."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.cli.cmd_emulator import emulator_environment
from handwriting_ocr.emulator import Emulator, EmulatorConfig

from tests.cli.helpers import PROVIDER_VARIABLE_PREFIXES, PROXY_VARIABLES, clean_environment


@pytest.fixture(scope="module")
def _cli_emulator() -> Iterator[Emulator]:
    # A short processing time keeps the Azure operations quick without making them instant.
    with Emulator(EmulatorConfig(processing_time=0.05)) as emulator:
        yield emulator


@pytest.fixture
def emu(_cli_emulator: Emulator) -> Iterator[Emulator]:
    """The running emulator; faults a test queued are dropped afterwards, and no request may hit a
    bug of the emulator itself."""
    yield _cli_emulator
    _cli_emulator.faults.clear()
    assert _cli_emulator.internal_errors == 0


@pytest.fixture
def emu_env(emu: Emulator) -> dict[str, str]:
    """A subprocess environment whose credentials and endpoint are the emulator's."""
    return clean_environment(emulator_environment(emu))


@pytest.fixture
def in_process_env(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The same settings applied to this process's os.environ, for ``main([...])`` calls."""
    for name in list(os.environ):
        if name.startswith(PROVIDER_VARIABLE_PREFIXES) or name in PROXY_VARIABLES:
            monkeypatch.delenv(name)
    settings = emulator_environment(emu)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return settings


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """The bundled samples copied to files, as a user would have them."""
    folder = tmp_path / "images"
    folder.mkdir()
    for name in samples.names():
        (folder / name).write_bytes(samples.read_bytes(name))
    return folder

"""A pytest plugin with an ``ocr_emulator`` fixture: the emulator on a free loopback port.

Enable it in your ``conftest.py``::

    pytest_plugins = ["handwriting_ocr.emulator.pytest_plugin"]

    def test_reads(ocr_emulator):
        client = httpx.Client(base_url=ocr_emulator.azure_v2_url, ...)

One emulator serves the whole test session (starting it takes milliseconds, but tests that share it
stay independent: its counters are reset before each test, and queued faults, quotas and operation
durations a test changed are put back after it).

Configuring it, from the broadest to the narrowest:

- command line or ini file, for the session: ``--ocr-emulator-quota 10/s``,
  ``--ocr-emulator-operation-duration 1-5``, ``--ocr-emulator-seed 7`` (ini:
  ``ocr_emulator_quota``, ``ocr_emulator_operation_duration``, ``ocr_emulator_seed``);
- override the ``ocr_emulator_config`` fixture in your conftest to build any :class:`EmulatorConfig`
  (the options above then no longer apply);
- mark one test: ``@pytest.mark.ocr_emulator(quota="5/s", operation_duration="1-5", seed=7)``;
- from inside a test: ``ocr_emulator.set_quota("5/s")``, ``ocr_emulator.set_operation_duration(2.0)``.

``ocr_emulator_env`` additionally sets the environment variables that point every provider's client
at the emulator (``AZURE_VISION_ENDPOINT``, ``TENCENTCLOUD_REGION``, ...) for the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.durations import Duration
from handwriting_ocr.emulator.server import Emulator

_OPTIONS = (
    ("quota", "a request quota for every provider and credential, e.g. 10/s, 20/min, 10/s:burst=20"),
    ("operation_duration", "seconds an Azure operation takes: SECONDS or LOW-HIGH (uniform draws)"),
    ("seed", "seed for the LOW-HIGH operation durations (same seed, same sequence)"),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ocr-emulator", "handwriting-ocr emulator")
    for name, help_text in _OPTIONS:
        group.addoption(
            f"--ocr-emulator-{name.replace('_', '-')}", dest=f"ocr_emulator_{name}", help=help_text
        )
        parser.addini(f"ocr_emulator_{name}", help_text)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ocr_emulator(quota=None, operation_duration=None, seed=None): settings of the ocr_emulator "
        "fixture for this test only",
    )


def _setting(config: pytest.Config, name: str) -> str | None:
    value = config.getoption(f"ocr_emulator_{name}", default=None)
    if value is None:
        try:
            value = config.getini(f"ocr_emulator_{name}")
        except ValueError:  # the plugin's hooks were not registered (fixtures imported directly)
            value = None
    return str(value) if value not in (None, "", []) else None


@pytest.fixture(scope="session")
def ocr_emulator_config(pytestconfig: pytest.Config) -> EmulatorConfig:
    """The configuration of the session's emulator; override it to change it."""
    quota = _setting(pytestconfig, "quota")
    duration = _setting(pytestconfig, "operation_duration")
    seed = _setting(pytestconfig, "seed")
    return EmulatorConfig(
        processing_time=0.05,
        quota=quota,
        operation_duration=Duration.parse(duration, seed=int(seed) if seed else None) if duration else None,
    )


@pytest.fixture(scope="session")
def _ocr_emulator_session(ocr_emulator_config: EmulatorConfig) -> Iterator[Emulator]:
    with Emulator(ocr_emulator_config) as emulator:
        yield emulator


@pytest.fixture
def ocr_emulator(_ocr_emulator_session: Emulator, request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """The running emulator, counters reset; changes a test makes to it are undone afterwards."""
    emulator = _ocr_emulator_session
    emulator.stats.reset()
    marker = request.node.get_closest_marker("ocr_emulator")
    if marker is not None:
        options = dict(marker.kwargs)
        if "quota" in options:
            emulator.set_quota(options["quota"])
        if options.get("operation_duration") is not None:
            seed = options.get("seed")
            duration = options["operation_duration"]
            if isinstance(duration, str):
                duration = Duration.parse(duration, seed=seed)
            emulator.set_operation_duration(duration)
    try:
        yield emulator
    finally:
        emulator.faults.clear()
        emulator.reset_settings()


@pytest.fixture
def ocr_emulator_env(ocr_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The variables pointing each provider's client at the emulator, set for this test."""
    environment = ocr_emulator.environment()
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost,::1")
    return environment

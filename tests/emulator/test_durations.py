"""Azure operation durations: fixed or drawn per operation from a seeded range, and the lifecycle they drive."""

from __future__ import annotations

import random

import httpx
import pytest
from handwriting_ocr.emulator import Duration, DurationSyntaxError, EmulatorConfig

from tests.emulator.helpers import AZURE_KEY, EmulatorFactory, FakeClock, png

OCTET = {"Ocp-Apim-Subscription-Key": AZURE_KEY, "Content-Type": "application/octet-stream"}
KEY = {"Ocp-Apim-Subscription-Key": AZURE_KEY}


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("2.5", Duration.fixed(2.5)),
        ("0", Duration.fixed(0)),
        ("1-5", Duration(1.0, 5.0)),
        (" 1 - 5 ", Duration(1.0, 5.0)),
    ],
)
def test_duration_text_forms(text: str, duration: Duration) -> None:
    assert Duration.parse(text) == duration


@pytest.mark.parametrize("text", ["5-1", "abc", "-1", "1-", "", "1-5-9"])
def test_bad_duration_texts_are_typed_errors(text: str) -> None:
    with pytest.raises(DurationSyntaxError):
        Duration.parse(text)


def test_seeded_draws_repeat_and_stay_in_range() -> None:
    first = Duration.uniform(1, 5, seed=7).sampler()
    second = Duration.uniform(1, 5, seed=7).sampler()
    other = Duration.uniform(1, 5, seed=8).sampler()

    draws = [first.draw() for _ in range(50)]

    assert draws == [second.draw() for _ in range(50)]
    assert draws != [other.draw() for _ in range(50)]
    assert all(1 <= d <= 5 for d in draws)
    assert max(draws) - min(draws) > 2  # really spread over the range
    expected = random.Random(7)
    assert draws[:3] == [expected.uniform(1, 5) for _ in range(3)]


def test_config_accepts_numbers_texts_and_durations() -> None:
    assert EmulatorConfig(operation_duration=2).operation_duration == Duration.fixed(2)
    assert EmulatorConfig(operation_duration="1-5").operation_duration == Duration(1.0, 5.0)
    assert EmulatorConfig().operation_duration is None


def submit(http: httpx.Client) -> str:
    response = http.post("/vision/v3.2/read/analyze", headers=OCTET, content=png(64, 64))
    assert response.status_code == 202
    return response.headers["Operation-Location"]


def test_each_operation_takes_its_drawn_duration(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    emu = make_emulator(EmulatorConfig(operation_duration=Duration.uniform(1.0, 5.0, seed=7)))
    with httpx.Client(base_url=emu.base_url) as http:
        locations = [submit(http) for _ in range(4)]
        records = emu.stats.operations()
        expected = random.Random(7)
        durations = [expected.uniform(1.0, 5.0) for _ in range(4)]
        assert [r.duration for r in records] == pytest.approx(durations)

        longest = max(range(4), key=lambda i: durations[i])
        clock.advance(durations[longest] - 0.01)
        before = http.get(locations[longest], headers=KEY).json()["status"]
        clock.advance(0.02)
        after = http.get(locations[longest], headers=KEY).json()["status"]

    assert (before, after) == ("running", "succeeded")


def test_the_same_seed_gives_the_same_durations_in_another_emulator(
    make_emulator: EmulatorFactory,
) -> None:
    def durations() -> list[float]:
        emu = make_emulator(EmulatorConfig(operation_duration=Duration.uniform(0.5, 2.0, seed=3)))
        with httpx.Client(base_url=emu.base_url) as http:
            for _ in range(5):
                submit(http)
        return [record.duration for record in emu.stats.operations()]

    assert durations() == durations()


def test_processing_time_still_sets_a_fixed_duration_and_operation_duration_wins(
    make_emulator: EmulatorFactory,
) -> None:
    old_style = make_emulator(EmulatorConfig(processing_time=3.0))
    both = make_emulator(EmulatorConfig(processing_time=3.0, operation_duration=1.5))
    for emu, seconds in ((old_style, 3.0), (both, 1.5)):
        with httpx.Client(base_url=emu.base_url) as http:
            submit(http)
        assert [record.duration for record in emu.stats.operations()] == [seconds]


def test_set_operation_duration_applies_to_new_operations(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    emu = make_emulator(EmulatorConfig(processing_time=3.0))
    with httpx.Client(base_url=emu.base_url) as http:
        slow = submit(http)
        emu.set_operation_duration("0.5")
        fast = submit(http)
        clock.advance(1)
        states = [http.get(url, headers=KEY).json()["status"] for url in (slow, fast)]
        emu.reset_settings()
        submit(http)

    assert states == ["running", "succeeded"]
    assert [record.duration for record in emu.stats.operations()] == [3.0, 0.5, 3.0]

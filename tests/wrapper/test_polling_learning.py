"""The poll learner on its own: what it keeps from an operation and where its plans poll.

Pure arithmetic, no clock: an operation of a given duration is "polled" along a plan, and the wait
(from completion to the poll that sees it) and the polls are compared with the one-second loop of the
providers' samples (polls at 0, 1, 2, ... s), which a learned plan must beat.
"""

from __future__ import annotations

import math

import pytest
from handwriting_ocr.polling.learning import MAX_SAMPLES, PollLearner, PollPlan

#: Durations spread evenly over 1-5 s (a typical page's Read operation).
ONE_TO_FIVE = [1.0 + 4.0 * (i + 0.5) / 400 for i in range(400)]


def polled(plan: PollPlan, duration: float) -> tuple[float, int]:
    """(wait after completion, polls) of an operation of ``duration`` seconds polled along ``plan``."""
    polls, last, elapsed = 0, None, 0.0
    while True:
        when = plan.next_poll(polls, last, elapsed)
        polls += 1
        last = elapsed = when
        if when >= duration:
            return when - duration, polls


def loop(duration: float) -> tuple[float, int]:
    return math.floor(duration) + 1.0 - duration, math.floor(duration) + 2


def means(plan: PollPlan, durations: list[float]) -> tuple[float, float]:
    """Mean wait, and mean polls as a multiple of the loop's, over ``durations``."""
    waits, polls = zip(*(polled(plan, d) for d in durations), strict=True)
    loop_polls = sum(loop(d)[1] for d in durations)
    return sum(waits) / len(durations), sum(polls) / loop_polls


def taught(*intervals: tuple[float, float]) -> PollLearner:
    learner = PollLearner()
    for after, by in intervals:
        learner.observe("read", after=after, by=by)
    return learner


def test_an_observation_is_the_interval_the_operation_finished_in() -> None:
    learner = taught((1.0, 2.0), (0.0, 0.4))
    # Seen done at the first poll: finished in (0, 0.4]; the lower end is taken as a quarter of it.
    assert learner.samples("read") == ((1.0, 2.0), (0.1, 0.4))


@pytest.mark.parametrize(
    ("after", "by"), [(math.nan, 1.0), (0.5, math.inf), (0.0, 0.0), (1.0, -1.0), (-math.inf, 2.0)]
)
def test_nonsense_observations_are_ignored(after: float, by: float) -> None:
    assert taught((after, by)).samples("read") == ()
    assert not taught((after, by)).plan("read").learned


def test_only_the_latest_observations_are_kept() -> None:
    learner = taught(*[(1.0, 1.2)] * MAX_SAMPLES, (3.0, 3.2))
    samples = learner.samples("read")
    assert len(samples) == MAX_SAMPLES and samples[-1] == (3.0, 3.2)


def test_kinds_are_learned_apart() -> None:
    learner = taught((4.0, 4.2), (4.1, 4.3))
    assert learner.plan("read").learned
    assert not learner.plan("recognize_text").learned


def test_after_two_long_operations_shorter_ones_wait_less_than_the_loop_makes_them() -> None:
    # Two operations near 4.5 s say little about the next ones: the plan must still find an
    # operation of 1-5 s sooner than the loop does, not leave the short ones waiting for the polls
    # placed around 4.5 s.
    plan = taught((4.0, 4.4), (4.6, 5.0)).plan("read")
    wait, polls = means(plan, ONE_TO_FIVE)
    loop_wait = sum(loop(d)[0] for d in ONE_TO_FIVE) / len(ONE_TO_FIVE)
    assert wait < 0.7 * loop_wait
    assert polls <= 1.5


def test_after_two_short_operations_longer_ones_are_still_found_within_a_second() -> None:
    plan = taught((1.0, 1.4), (1.4, 1.8)).plan("read")
    assert all(polled(plan, d)[0] <= 1.0 for d in ONE_TO_FIVE)


def test_operations_of_one_duration_are_polled_less_than_the_loop_polls_them() -> None:
    learner = taught(*[(4.9, 5.05)] * 24)
    wait, polls = polled(learner.plan("read"), 5.0)
    assert wait <= 0.15
    assert polls < loop(5.0)[1]


def test_spread_durations_are_found_in_a_third_of_the_loops_wait_within_its_budget() -> None:
    # 64 operations seen along a plan of polls about 0.25 s apart, durations spread over 1-5 s.
    learner = taught(*[(d - 0.25, d) for d in ONE_TO_FIVE[3::6][:MAX_SAMPLES]])
    wait, polls = means(learner.plan("read"), ONE_TO_FIVE)
    assert wait <= 0.5 / 3
    assert polls <= 1.5

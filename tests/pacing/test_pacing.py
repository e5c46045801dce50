"""The limiter's parts without I/O: the token bucket, the adaptive rate, the limiter on a fake clock."""

from __future__ import annotations

import math
import threading

import pytest
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.pacing import Limiter, LocalLimiter, Permit, RateLimit, as_limiter
from handwriting_ocr.pacing.adaptive import DECREASE, RAMP_START, RECOVERY, AdaptiveRate
from handwriting_ocr.pacing.bucket import TokenBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


# --- the bucket --------------------------------------------------------------------------------------


def test_reservations_are_spaced_at_the_rate_first_come_first_served() -> None:
    bucket = TokenBucket(10.0)
    assert [round(bucket.reserve(0.0) or 0, 6) for _ in range(4)] == [0.0, 0.1, 0.2, 0.3]


def test_a_burst_goes_at_once_then_the_rate_applies() -> None:
    bucket = TokenBucket(10.0, burst=3)
    assert [round(bucket.reserve(0.0) or 0, 6) for _ in range(5)] == [0.0, 0.0, 0.0, 0.1, 0.2]


def test_an_idle_bucket_refills_up_to_its_burst_only() -> None:
    bucket = TokenBucket(10.0, burst=2)
    for _ in range(2):
        bucket.reserve(0.0)
    assert [round(bucket.reserve(60.0) or 0, 6) for _ in range(3)] == [0.0, 0.0, 0.1]


def test_a_wait_longer_than_allowed_reserves_nothing() -> None:
    bucket = TokenBucket(1.0)
    assert bucket.reserve(0.0) == 0.0
    assert bucket.reserve(0.0, max_wait=0.5) is None
    assert bucket.reserve(0.0, max_wait=1.0) == pytest.approx(1.0)


def test_restart_holds_everything_back_and_spends_the_burst() -> None:
    bucket = TokenBucket(10.0, burst=5)
    bucket.restart_at(2.0)
    waits = [round(bucket.reserve(0.0) or 0, 6) for _ in range(3)]
    assert waits == [2.0, 2.1, 2.2]  # after a pause: one at a time, not a burst


def test_changing_the_rate_keeps_reservations_and_spaces_the_next_ones_anew() -> None:
    bucket = TokenBucket(10.0)
    bucket.reserve(0.0)
    bucket.configure(2.0)
    assert bucket.reserve(0.0) == pytest.approx(0.1)
    assert bucket.reserve(0.0) == pytest.approx(0.6)


@pytest.mark.parametrize(("rate", "burst"), [(0.0, 1.0), (-1.0, 1.0), (math.inf, 1.0), (1.0, 0.5)])
def test_nonsense_settings_are_refused(rate: float, burst: float) -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate, burst)


# --- the adaptive rate -------------------------------------------------------------------------------


def test_a_learned_rate_ramps_only_while_requests_wait() -> None:
    control = AdaptiveRate(ceiling=None, now=0.0)
    assert control.rate == RAMP_START
    assert control.tick(1.0, waiting=False) == RAMP_START  # idle: no reason to grow
    assert control.tick(1.1, waiting=True) == pytest.approx(2 * RAMP_START)
    assert control.learning


def test_a_throttle_lowers_the_rate_to_a_fraction_of_what_was_accepted() -> None:
    control = AdaptiveRate(ceiling=None, now=0.0)
    for step in range(40):  # 20 accepted per second for two seconds
        control.accepted(step * 0.05)
    control.throttled(2.0)
    assert control.rate == pytest.approx(DECREASE * 20.0, rel=0.06)
    assert not control.learning


def test_nothing_accepted_lately_halves_the_rate() -> None:
    control = AdaptiveRate(ceiling=10.0, now=0.0)
    control.throttled(50.0)
    assert control.rate == pytest.approx(5.0)


def test_recovery_is_slow_and_stops_at_the_configured_rate() -> None:
    control = AdaptiveRate(ceiling=10.0, now=0.0)
    control.throttled(0.0)  # nothing accepted: 5/s
    control.tick(0.0, waiting=True)
    assert control.tick(10.0, waiting=True) == pytest.approx(5.0 * (1 + RECOVERY) ** 10)
    assert control.tick(1000.0, waiting=True) == 10.0


# --- the limiter -------------------------------------------------------------------------------------


def limiter(rate: RateLimit | float | None, clock: FakeClock) -> LocalLimiter:
    return LocalLimiter(rate, clock=clock, sleep=clock.sleep, async_sleep=clock.async_sleep)


def test_a_configured_limiter_paces_at_its_rate() -> None:
    clock = FakeClock()
    pace = limiter(4.0, clock)
    permits = [pace.acquire() for _ in range(5)]
    assert all(isinstance(p, Permit) for p in permits)
    assert clock.slept == [0.25, 0.25, 0.25, 0.25]


def test_a_limiter_refuses_a_slot_beyond_the_timeout() -> None:
    clock = FakeClock()
    pace = limiter(1.0, clock)
    assert pace.acquire() is not None
    assert pace.acquire(timeout=0.5) is None
    assert clock.slept == []


def test_retry_after_pauses_every_waiter() -> None:
    clock = FakeClock()
    pace = limiter(RateLimit(100.0, burst=10), clock)
    first = pace.acquire()
    assert first is not None
    pace.on_throttled(first, 2.0)
    assert pace.acquire() is not None
    assert clock.slept and sum(clock.slept) >= 2.0 - 1e-9


def test_a_pause_is_capped() -> None:
    clock = FakeClock()
    pace = limiter(100.0, clock)
    permit = pace.acquire()
    assert permit is not None
    pace.on_throttled(permit, 3600.0)
    pace.acquire()
    assert sum(clock.slept) <= 60.0 + 0.1


def test_a_throttle_from_an_older_regime_does_not_lower_the_rate_again() -> None:
    clock = FakeClock()
    pace = limiter(10.0, clock)
    old = [pace.acquire() for _ in range(5)]
    assert all(p is not None for p in old)
    pace.on_throttled(old[0], None)  # type: ignore[arg-type]
    lowered = pace.rate
    for permit in old[1:]:
        pace.on_throttled(permit, None)  # type: ignore[arg-type]
    assert pace.rate == lowered < 10.0


async def test_the_async_form_waits_on_the_event_loop() -> None:
    clock = FakeClock()
    pace = limiter(2.0, clock)
    assert await pace.acquire_async() is not None
    assert await pace.acquire_async() is not None
    assert clock.slept == [0.5]
    permit = await pace.acquire_async()
    assert permit is not None
    await pace.on_throttled_async(permit, 1.0)


def test_one_limiter_shared_by_threads_keeps_the_rate() -> None:
    pace = LocalLimiter(RateLimit(200.0))
    granted: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(10):
            permit = pace.acquire()
            assert permit is not None
            with lock:
                granted.append(permit.granted_at)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    granted.sort()
    # 40 permits at 200/s: the last one no sooner than 39 intervals after the first.
    assert granted[-1] - granted[0] >= 39 / 200.0 - 0.01


def test_as_limiter_reads_every_setting() -> None:
    assert isinstance(as_limiter(None), LocalLimiter)
    five, per_minute = as_limiter(5), as_limiter("20/min")
    assert isinstance(five, LocalLimiter) and isinstance(per_minute, LocalLimiter)
    assert five.configured == RateLimit(5.0)
    assert per_minute.configured == RateLimit(20 / 60)
    shared = LocalLimiter(RateLimit(3.0))
    assert as_limiter(shared) is shared
    assert isinstance(shared, Limiter)
    for bad in (True, "fast", object()):
        with pytest.raises(InvalidInputError, match=r"rate_limit|rate limit"):
            as_limiter(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "rate"), [("10/s", 10.0), ("20/min", 20 / 60), ("1000/hour", 1000 / 3600), ("2.5 / second", 2.5)]
)
def test_rate_limit_parse(text: str, rate: float) -> None:
    assert RateLimit.parse(text).rate == pytest.approx(rate)


def test_rate_limit_refuses_nonsense() -> None:
    with pytest.raises(InvalidInputError):
        RateLimit(0)
    with pytest.raises(InvalidInputError):
        RateLimit(10, burst=0)
    with pytest.raises(InvalidInputError):
        RateLimit(float("nan"))


def test_repr_says_how_the_limiter_paces() -> None:
    assert "learned" in repr(LocalLimiter())
    assert "configured 10/s" in repr(LocalLimiter(10))

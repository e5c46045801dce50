"""The Lua bucket against the local bucket's arithmetic, on a real redis-server.

The script is given the time (``now``) instead of reading Redis's clock, so the same sequence of
operations can be run through :class:`~handwriting_ocr.pacing.bucket.TokenBucket` (and the recovery
step of :class:`~handwriting_ocr.pacing.adaptive.AdaptiveRate`, as ``LocalLimiter`` combines them) and
through the script, and every reservation compared exactly.
"""

from __future__ import annotations

import itertools
from typing import Any, Final

import pytest
from handwriting_ocr.pacing.adaptive import MIN_RATE, AdaptiveRate
from handwriting_ocr.pacing.bucket import TokenBucket
from handwriting_ocr.pacing.limiter import MAX_PAUSE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.distributed.conftest import RedisServer

T0: Final = 1_700_000_000.25  # a wall-clock-sized time, as Redis's TIME gives
_keys = itertools.count()


class Script:
    """The bucket script called directly, with an explicit clock."""

    def __init__(self, server: RedisServer) -> None:
        import redis
        from handwriting_ocr.distributed._lua import BUCKET_SCRIPT

        self.client = redis.Redis.from_url(server.url)
        self.script = self.client.register_script(BUCKET_SCRIPT)
        self.key = f"test:bucket:{next(_keys)}"

    def call(
        self,
        op: str,
        now: float | None,
        rate: float,
        burst: float = 1.0,
        *,
        max_wait: float | None = None,
        regime: int = -1,
        at: float | None = None,
        decrease: float = 1.0,
        recovery: float = 0.0,
    ) -> tuple[str, int, float]:
        args = [
            op,
            "" if now is None else repr(now),
            repr(rate),
            repr(burst),
            "" if max_wait is None else repr(max_wait),
            str(regime),
            "" if at is None else repr(at),
            repr(decrease),
            repr(recovery),
            repr(MAX_PAUSE),
            repr(MIN_RATE),
            "3600000",
        ]
        answer: Any = self.script(keys=[self.key], args=args)
        code, epoch, current = (part.decode() for part in answer)
        return code, int(float(epoch)), float(current)

    def reserve(self, now: float, rate: float, burst: float, max_wait: float | None) -> float | None:
        code, _epoch, _rate = self.call("reserve", now, rate, burst, max_wait=max_wait)
        return None if code == "none" else float(code)

    def field(self, name: str) -> float | None:
        raw = self.client.hget(self.key, name)
        return None if raw is None else float(raw)


@pytest.fixture
def script(redis_server: RedisServer) -> Script:
    return Script(redis_server)


# --- the same reservations as TokenBucket ---------------------------------------------------------------

Step = tuple[str, float, float, float, float | None]

steps = st.lists(
    st.one_of(
        # reserve after dt seconds, with or without a max_wait
        st.tuples(
            st.just("reserve"),
            st.floats(0, 0.3),
            st.just(0.0),
            st.just(0.0),
            st.one_of(st.none(), st.floats(0, 0.5)),
        ),
        # a new configured rate and burst
        st.tuples(st.just("configure"), st.floats(0, 0.1), st.floats(0.5, 50), st.floats(1, 8), st.none()),
        # restart at (pause until) now + delta
        st.tuples(st.just("restart"), st.floats(0, 0.1), st.floats(0, 2), st.just(0.0), st.none()),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start_rate=st.floats(0.5, 50), start_burst=st.floats(1, 8), sequence=steps)
def test_the_script_reserves_exactly_as_the_local_bucket(
    script: Script, start_rate: float, start_burst: float, sequence: list[Step]
) -> None:
    script.key = f"test:bucket:{next(_keys)}"
    bucket = TokenBucket(start_rate, start_burst)
    rate, burst, now = start_rate, start_burst, T0
    for op, dt, a, b, max_wait in sequence:
        now += dt
        if op == "reserve":
            expected = bucket.reserve(now, max_wait=max_wait)
            assert script.reserve(now, rate, burst, max_wait) == expected
        elif op == "configure":
            rate, burst = a, b
            bucket.configure(rate, burst)
        else:
            bucket.restart_at(now + a)
            script.call("restart", now, rate, burst, at=now + a)
    # And the state left behind is the same next arrival time.
    follow = now + 0.01
    assert script.reserve(follow, rate, burst, None) == bucket.reserve(follow)


def test_a_waiter_is_told_its_wait_up_front_first_come_first_served(script: Script) -> None:
    # (Times of 1.7e9 s hold about 0.25 microseconds of precision, hence approx.)
    waits = [script.reserve(T0, 20.0, 1.0, None) for _ in range(5)]
    assert waits == pytest.approx([0.0, 0.05, 0.1, 0.15, 0.2], abs=1e-6)
    # A burst of 3 lets three go at once, then one per interval.
    script.key = "test:bucket:burst"
    burst = [script.reserve(T0, 10.0, 3.0, None) for _ in range(5)]
    assert burst == pytest.approx([0.0, 0.0, 0.0, 0.1, 0.2], abs=1e-6)


def test_a_wait_beyond_max_wait_reserves_nothing(script: Script) -> None:
    assert script.reserve(T0, 2.0, 1.0, None) == 0.0
    tat = script.field("tat")
    assert script.reserve(T0, 2.0, 1.0, 0.1) is None  # would wait 0.5 s
    assert script.field("tat") == tat
    assert script.reserve(T0, 2.0, 1.0, 0.5) == 0.5


def test_recovery_grows_the_rate_as_the_local_limiter_does(script: Script) -> None:
    """After a decrease, reservations (with the recovery step) match LocalLimiter's ``_reserve``:
    AdaptiveRate.tick while requests wait, the bucket reconfigured, then the reservation."""
    ceiling, recovery = 20.0, 0.02
    # Throttle (fresh, regime 0): the script lowers the rate by 0.9 and restarts one interval later.
    code, epoch, lowered = script.call("throttle", T0, ceiling, regime=0, decrease=0.9, recovery=recovery)
    assert (code, epoch, lowered) == ("ok", 1, ceiling * 0.9)
    control = AdaptiveRate(ceiling=ceiling, now=T0)
    control.rate = lowered
    bucket = TokenBucket(lowered, 1.0)
    bucket.restart_at(T0 + 1.0 / lowered)
    now = T0
    for _ in range(200):
        now += 0.04
        rate = control.tick(now, waiting=bucket.next_wait(now) > 0)
        if rate != bucket.rate:
            bucket.configure(rate)
        expected = bucket.reserve(now)
        code, _epoch, shared = script.call("reserve", now, ceiling, recovery=recovery)
        assert float(code) == expected
        assert shared == control.rate
    assert lowered < control.rate <= ceiling  # it did recover, not past the ceiling


# --- throttles: the shared pause and the once-per-regime decrease ----------------------------------------


def test_a_retry_after_pauses_the_bucket_for_everyone(script: Script) -> None:
    script.reserve(T0, 20.0, 1.0, None)
    code, epoch, _ = script.call("throttle", T0, 20.0, regime=0, at=2.0)
    assert (code, epoch) == ("ok", 1)
    assert script.field("paused") == T0 + 2.0
    assert script.reserve(T0 + 0.5, 20.0, 1.0, None) == pytest.approx(1.5)
    # A pause is capped at MAX_PAUSE.
    script.call("throttle", T0, 20.0, regime=1, at=3600.0)
    assert script.field("paused") == T0 + MAX_PAUSE


def test_a_throttle_lowers_the_rate_once_per_regime(script: Script) -> None:
    _, epoch, rate = script.call("reserve", T0, 20.0)
    assert (epoch, rate) == (0, 20.0)
    first = script.call("throttle", T0 + 0.1, 20.0, regime=0, decrease=0.9)
    assert first == ("ok", 1, 18.0)
    # Another worker's request paced under the same (now old) regime: nothing new.
    assert script.call("throttle", T0 + 0.11, 20.0, regime=0, decrease=0.9) == ("stale", 1, 18.0)
    # ... unless it brings a longer pause: the pause moves, the rate stays.
    code, epoch, rate = script.call("throttle", T0 + 0.12, 20.0, regime=0, at=1.0, decrease=0.9)
    assert (code, epoch, rate) == ("ok", 2, 18.0)
    # A throttle under the current regime lowers it again.
    assert script.call("throttle", T0 + 0.2, 20.0, regime=2, decrease=0.9)[2] == pytest.approx(16.2)


def test_a_new_configured_rate_replaces_the_shared_one(script: Script) -> None:
    script.call("throttle", T0, 20.0, regime=0, decrease=0.5)
    assert script.call("reserve", T0 + 5, 20.0)[2] == 10.0
    assert script.call("reserve", T0 + 5, 30.0)[2] == 30.0
    assert script.field("ceiling") == 30.0


def test_the_bucket_expires_when_idle_and_unknown_operations_fail(script: Script) -> None:
    import redis

    script.call("reserve", None, 5.0)  # Redis's own clock
    ttl = script.client.pttl(script.key)
    assert 3_500_000 < ttl <= 3_600_000
    with pytest.raises(redis.ResponseError, match="unknown bucket operation"):
        script.call("bogus", T0, 5.0)

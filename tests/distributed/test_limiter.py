"""RedisLimiter on a real redis-server: one bucket for several limiters (workers), the shared pause and
decrease, and local pacing while Redis is away (said once in the log), then sharing again."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest
from handwriting_ocr.distributed import RedisLimiter, bucket_key, mask_redis_url
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.pacing import Limiter, Permit, RateLimit

from tests.distributed.conftest import RedisServer

LOGGER = "handwriting_ocr.distributed"


def fallback_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == LOGGER
        and record.levelno == logging.WARNING
        and "unreachable" in record.getMessage()
    ]


def test_it_is_a_limiter_and_checks_its_settings(redis_server: RedisServer) -> None:
    limiter = RedisLimiter(redis_server.url, "20/s", key="k")
    assert isinstance(limiter, Limiter)
    assert limiter.configured == RateLimit(20.0)
    assert limiter.redis_key == "handwriting-ocr:bucket:k"
    for bad in (
        {"key": ""},
        {"key": "a b"},
        {"key": "k", "fallback_share": 0},
        {"key": "k", "decrease": 1.5},
    ):
        with pytest.raises(InvalidInputError):
            RedisLimiter(redis_server.url, 20, **bad)


def test_two_limiters_on_one_key_share_one_rate(redis_server: RedisServer) -> None:
    """Two workers each asking for 20 requests at 20/s: together they take 2 s, not 1 s, and the
    grants are spaced one interval apart, whoever asked."""
    key = bucket_key("huawei", "https://ocr.example.com", "project-1")
    first = RedisLimiter(redis_server.url, 20, key=key)
    second = RedisLimiter(redis_server.url, 20, key=key)
    granted: list[float] = []
    lock = threading.Lock()

    def worker(limiter: RedisLimiter) -> None:
        for _ in range(20):
            permit = limiter.acquire()
            assert permit is not None
            with lock:
                granted.append(time.monotonic())

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(limiter,)) for limiter in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert elapsed >= 39 / 20 - 0.05, elapsed
    gaps = sorted(b - a for a, b in zip(sorted(granted), sorted(granted)[1:], strict=False))
    assert gaps[len(gaps) // 2] == pytest.approx(0.05, abs=0.02)  # median spacing: one interval
    assert first.stats.shared == second.stats.shared == 20
    assert first.stats.local == second.stats.local == 0


def test_waits_are_told_up_front_and_served_in_order(redis_server: RedisServer) -> None:
    slept: list[float] = []
    clock = [1000.0]
    limiter = RedisLimiter(
        redis_server.url,
        RateLimit(4.0),
        key="told",
        now=lambda: clock[0],
        clock=lambda: clock[0],
        sleep=slept.append,
    )
    permits = [limiter.acquire() for _ in range(4)]
    assert all(isinstance(permit, Permit) for permit in permits)
    assert slept == pytest.approx([0.25, 0.5, 0.75])  # one sleep each, no polling
    # A timeout shorter than the wait reserves nothing.
    assert limiter.acquire(timeout=0.5) is None
    assert limiter.acquire(timeout=1.0) is not None


def test_a_retry_after_from_one_worker_pauses_every_worker(redis_server: RedisServer) -> None:
    one = RedisLimiter(redis_server.url, 5, key="pause")
    other = RedisLimiter(redis_server.url, 5, key="pause")
    permit = one.acquire()
    assert permit is not None
    # The other worker's request holds a reservation 0.2 s ahead when the throttle arrives.
    got: list[float] = []

    def wait_for_permit() -> None:
        other.acquire()
        got.append(time.monotonic())

    waiter = threading.Thread(target=wait_for_permit)
    waiter.start()
    time.sleep(0.05)
    throttled_at = time.monotonic()
    one.on_throttled(permit, 1.0)
    waiter.join()
    # It went after the pause, not at its reserved slot: it queued again behind the pause.
    assert got[0] - throttled_at >= 0.95, got[0] - throttled_at
    assert got[0] - throttled_at < 1.5
    started = time.monotonic()
    assert other.acquire() is not None
    assert time.monotonic() - started < 0.5  # the pause is over: about one interval (0.2 s)
    assert one.stats.applied == 1


def test_a_throttle_lowers_the_shared_rate_once_per_regime(redis_server: RedisServer) -> None:
    one = RedisLimiter(redis_server.url, 20, key="decrease")
    other = RedisLimiter(redis_server.url, 20, key="decrease")
    first, second = one.acquire(), other.acquire()
    assert first is not None and second is not None and first.regime == second.regime == 0
    one.on_throttled(first, None)
    other.on_throttled(second, None)  # paced under the same regime: says nothing new
    state = one.state()
    assert state is not None and state["rate"] == pytest.approx(18.0) and state["epoch"] == 1
    assert (one.stats.applied, other.stats.applied) == (1, 0)
    later = other.acquire()
    assert later is not None and later.regime == 1


def test_the_async_path_shares_the_same_bucket(redis_server: RedisServer) -> None:
    limiter = RedisLimiter(redis_server.url, 40, key="async")
    sync_twin = RedisLimiter(redis_server.url, 40, key="async")

    async def run() -> float:
        started = time.monotonic()
        permits = await asyncio.gather(*(limiter.acquire_async() for _ in range(20)))
        assert all(permit is not None for permit in permits)
        last = permits[-1]
        assert last is not None
        await limiter.on_throttled_async(last, 0.5)
        await limiter.aclose()
        return time.monotonic() - started

    for _ in range(20):
        sync_twin.acquire()
    elapsed = asyncio.run(run())
    assert elapsed >= 19 / 40, elapsed  # queued behind the sync twin's 20
    state = sync_twin.state()
    assert state is not None and state["epoch"] == 1 and "paused" in state


def test_without_redis_it_paces_locally_says_so_once_and_shares_again(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    limiter = RedisLimiter(
        redis_server.url, 20, key="outage", fallback_share=0.25, reconnect_interval=0.5, socket_timeout=0.2
    )
    assert limiter.acquire() is not None and limiter.shared
    redis_server.stop()
    started = time.monotonic()
    permits = [limiter.acquire() for _ in range(6)]
    elapsed = time.monotonic() - started
    assert all(permit is not None for permit in permits)
    assert not limiter.shared
    assert limiter.stats.local == 6
    # Local pacing at a quarter of 20/s: 5/s, so six requests take at least a second.
    assert elapsed >= 0.95, elapsed
    # A throttle while Redis is away pauses local pacing (and raises nothing).
    last = permits[-1]
    assert last is not None
    limiter.on_throttled(last, 0.2)
    warnings = fallback_warnings(caplog)
    assert len(warnings) == 1, warnings
    assert "pacing locally at 5/s" in warnings[0] and mask_redis_url(redis_server.url) in warnings[0]
    # Redis comes back: within the reconnect interval the limiter shares again.
    redis_server.start()
    deadline = time.monotonic() + 5
    while not limiter.shared and time.monotonic() < deadline:
        assert limiter.acquire() is not None
    assert limiter.shared
    shared_before = limiter.stats.shared
    assert limiter.acquire() is not None
    assert limiter.stats.shared == shared_before + 1
    assert limiter.state() is not None
    assert len(fallback_warnings(caplog)) == 1
    assert any("reachable again" in record.getMessage() for record in caplog.records)


def test_async_fallback_and_a_reservation_redis_cannot_confirm(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Waiters already holding a reservation when Redis goes away are paced locally, not lost."""
    caplog.set_level(logging.WARNING, logger=LOGGER)
    limiter = RedisLimiter(redis_server.url, 10, key="async-outage", fallback_share=0.5, socket_timeout=0.2)

    async def run() -> list[Permit | None]:
        tasks = [asyncio.create_task(limiter.acquire_async()) for _ in range(12)]
        await asyncio.sleep(0.3)
        redis_server.stop()
        return await asyncio.gather(*tasks)

    permits = asyncio.run(run())
    assert all(permit is not None for permit in permits)
    assert limiter.stats.shared + limiter.stats.local == 12
    assert limiter.stats.local >= 5
    assert len(fallback_warnings(caplog)) == 1


def test_a_password_in_the_redis_url_never_shows(tmp_path: object, redis_server: RedisServer) -> None:
    import redis

    password = "s3cret-redis-password"
    redis.Redis.from_url(redis_server.url).config_set("requirepass", password)
    url = f"redis://:{password}@127.0.0.1:{redis_server.port}/0"
    limiter = RedisLimiter(url, 20, key="masked", socket_timeout=0.2)
    assert limiter.acquire() is not None and limiter.shared
    assert password not in repr(limiter) and "***@127.0.0.1" in repr(limiter)
    wrong = RedisLimiter(f"redis://:wrong-{password}@127.0.0.1:{redis_server.port}/0", 20, key="m2")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    logging.getLogger(LOGGER).addHandler(handler)
    try:
        assert wrong.acquire() is not None  # refused by Redis: paced locally
    finally:
        logging.getLogger(LOGGER).removeHandler(handler)
    assert not wrong.shared
    text = " ".join(record.getMessage() for record in records)
    assert "unreachable" in text and password not in text
    assert (
        mask_redis_url("redis://user:pw@host:6379/0?password=x&db=1")
        == "redis://***@host:6379/0?password=***&db=1"
    )

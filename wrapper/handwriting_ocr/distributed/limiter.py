"""A limiter whose token bucket lives in Redis: one quota shared by every worker on every machine.

::

    limiter = RedisLimiter("redis://redis-host:6379/0", RateLimit(20), key="azure-westeurope-main",
                           fallback_share=1 / 8)
    client = AsyncAzureVisionClient.from_env(rate_limit=limiter)

It implements :class:`~handwriting_ocr.pacing.Limiter`, so any facade takes it as ``rate_limit=``.
What is shared, per bucket ``key`` (name the credential/endpoint, never a secret; see
:func:`handwriting_ocr.distributed.bucket_key`):

* **The bucket** (GCRA, the arithmetic of :mod:`handwriting_ocr.pacing.bucket`): every
  :meth:`~RedisLimiter.acquire` reserves the next slot in one atomic script and is told its wait up
  front, so waiters on all workers are served first come, first served, and none polls Redis.
* **The pause**: a ``Retry-After`` one worker receives moves a shared "back off until" time and
  restarts the bucket behind it; every waiter on every worker queues again behind the pause.
* **The rate decrease**: a throttle of a request paced under the current regime (epoch) lowers the
  shared rate by ``decrease`` (0.9 by default), once per regime however many workers report it, and the
  rate grows back by ``recovery`` of itself per second while requests wait, up to the configured rate.
  The local limiter anchors its decrease to the rate the provider accepted lately; sharing that
  measure would cost a Redis write per accepted request, so the shared decrease is a plain fraction
  of the current rate (``decrease=1`` turns it off and keeps only the pause).

Cost per request: one round trip (the reservation), plus one short read (the epoch) for a request
that had to wait, to learn whether a pause or a decrease came meanwhile. Accepted answers cost
nothing; a throttle costs one more script call.

**When Redis cannot be reached** (stopped, network cut, timeouts): the limiter paces locally with a
:class:`~handwriting_ocr.pacing.LocalLimiter` at ``rate * fallback_share`` (give the share of the
quota this process may use, e.g. 1 / number of workers), says so once in the log (logger
``handwriting_ocr.distributed``), retries Redis every ``reconnect_interval`` seconds, and shares again
once it answers. No request fails because of Redis: a reservation Redis can no longer confirm is
taken again locally.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Final

import attrs

from handwriting_ocr.distributed._lua import BUCKET_SCRIPT
from handwriting_ocr.distributed._redis import DEFAULT_PREFIX, UNAVAILABLE, RedisLink, link_for
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.pacing import MAX_PAUSE, LocalLimiter, Permit, RateLimit
from handwriting_ocr.pacing.adaptive import DECREASE, MIN_RATE, RECOVERY

__all__ = ["BUCKET_TTL", "LimiterStats", "RedisLimiter"]

#: An idle bucket is forgotten by Redis after this many seconds (the next request starts it afresh).
BUCKET_TTL: Final = 3600.0


@attrs.define
class LimiterStats:
    """What one :class:`RedisLimiter` did (this process only)."""

    #: Permits granted by the shared bucket, and by local pacing while Redis was away.
    shared: int = 0
    local: int = 0
    #: Redis calls on the acquire path (reservations and epoch reads) and the seconds they took:
    #: the latency the shared limiter adds to a request (``round_trip_seconds / round_trips``).
    round_trips: int = 0
    round_trip_seconds: float = 0.0
    #: Throttles reported, and how many of them lowered the shared rate or moved the pause.
    throttles: int = 0
    applied: int = 0

    def merge(self, other: LimiterStats) -> LimiterStats:
        return LimiterStats(
            self.shared + other.shared,
            self.local + other.local,
            self.round_trips + other.round_trips,
            self.round_trip_seconds + other.round_trip_seconds,
            self.throttles + other.throttles,
            self.applied + other.applied,
        )


def _rate_limit(rate: RateLimit | float | str) -> RateLimit:
    if isinstance(rate, RateLimit):
        return rate
    if isinstance(rate, str):
        return RateLimit.parse(rate)
    if isinstance(rate, bool) or not isinstance(rate, int | float):
        raise InvalidInputError(
            "rate must be requests per second, a RateLimit or text like '20/s'", field="rate"
        )
    return RateLimit(rate)


def _fraction(name: str, value: float, *, low: float, high: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (low < value <= high):
        raise InvalidInputError(f"{name} must be a number in ({low:g}, {high:g}], got {value!r}", field=name)
    return float(value)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _epoch_of(value: object) -> int | None:
    """The bucket's epoch as read from Redis (None: the bucket is gone, e.g. Redis restarted)."""
    if isinstance(value, bytes | str):
        return int(float(_text(value)))
    return None


class RedisLimiter:
    """The shared limiter; see the module docstring. Safe to share between threads and event loops.

    ``rate``: the quota to share (requests per second, a :class:`RateLimit`, or ``"20/s"``).
    ``key``: the bucket's name (one per credential/endpoint whose quota is shared).
    ``fallback_share``: the fraction of ``rate`` this process paces at while Redis is unreachable.
    ``decrease`` / ``recovery``: the shared rate's decrease on a throttle and growth per second.
    ``socket_timeout``: how long a Redis call may take before Redis counts as unreachable.
    ``now``: for tests only, a clock for the script (seconds); by default Redis's own ``TIME``.
    """

    def __init__(
        self,
        url: str,
        rate: RateLimit | float | str,
        *,
        key: str,
        fallback_share: float = 1.0,
        decrease: float = DECREASE,
        recovery: float = RECOVERY,
        reconnect_interval: float = 5.0,
        socket_timeout: float = 0.5,
        prefix: str = DEFAULT_PREFIX,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] | None = None,
        now: Callable[[], float] | None = None,
    ) -> None:
        if not isinstance(key, str) or not key or any(ch.isspace() for ch in key):
            raise InvalidInputError("key must be a non-empty name without spaces", field="key")
        self.configured = _rate_limit(rate)
        self.fallback_share = _fraction("fallback_share", fallback_share, low=0.0)
        self.decrease = _fraction("decrease", decrease, low=0.0)
        if isinstance(recovery, bool) or not isinstance(recovery, int | float) or not 0 <= recovery < 1:
            raise InvalidInputError(f"recovery must be in [0, 1), got {recovery!r}", field="recovery")
        self.recovery = float(recovery)
        self.key = key
        self._redis_key = f"{prefix}:bucket:{key}"
        self._link: RedisLink = link_for(
            url, socket_timeout=socket_timeout, reconnect_interval=reconnect_interval
        )
        fallback_rate = self.configured.rate * self.fallback_share
        self._link.fallback_note = (
            f"pacing locally at {fallback_rate:.3g}/s ({self.fallback_share:.3g} of {self.configured.rate:g}/s)"
            " meanwhile"
        )
        self._clock = clock
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._now = now
        self._lock = threading.Lock()
        self._fallback = LocalLimiter(
            RateLimit(fallback_rate, 1.0), clock=clock, sleep=sleep, async_sleep=async_sleep
        )
        self.stats = LimiterStats()

    # --- facts -------------------------------------------------------------------------------------------

    @property
    def shared(self) -> bool:
        """True while Redis is reachable (requests are paced by the shared bucket)."""
        return self._link.up

    @property
    def link(self) -> RedisLink:
        return self._link

    @property
    def redis_key(self) -> str:
        """The Redis key of the bucket (``<prefix>:bucket:<key>``)."""
        return self._redis_key

    # --- the script ----------------------------------------------------------------------------------------

    def _args(
        self,
        op: str,
        *,
        max_wait: float | None = None,
        regime: int = -1,
        retry_after: float | None = None,
    ) -> list[str]:
        return [
            op,
            "" if self._now is None else repr(float(self._now())),
            repr(self.configured.rate),
            repr(self.configured.burst),
            "" if max_wait is None else repr(max(0.0, float(max_wait))),
            str(regime),
            "" if retry_after is None else repr(float(retry_after)),
            repr(self.decrease),
            repr(self.recovery),
            repr(MAX_PAUSE),
            repr(MIN_RATE),
            str(int(BUCKET_TTL * 1000)),
        ]

    def _run(self, args: list[str]) -> Sequence[bytes | str] | object:
        script = self._link.script(BUCKET_SCRIPT)
        return self._link.call(lambda: script(keys=[self._redis_key], args=args))

    async def _arun(self, args: list[str]) -> Sequence[bytes | str] | object:
        script = self._link.async_script(BUCKET_SCRIPT)

        async def call() -> object:
            return await script(keys=[self._redis_key], args=args)

        return await self._link.acall(call)

    def _read_epoch(self) -> object:
        return self._link.sync_client().hget(self._redis_key, "epoch")

    async def _read_epoch_async(self) -> object:
        return await self._link.async_client().hget(self._redis_key, "epoch")

    @staticmethod
    def _parse(answer: object) -> tuple[str, int, float]:
        assert isinstance(answer, list | tuple) and len(answer) == 3, answer
        code, epoch, rate = (_text(part) for part in answer)
        return code, int(float(epoch)), float(rate)

    def _timed(self, started: float) -> None:
        elapsed = time.perf_counter() - started
        with self._lock:
            self.stats.round_trips += 1
            self.stats.round_trip_seconds += elapsed

    def _count(self, *, shared: bool) -> None:
        with self._lock:
            if shared:
                self.stats.shared += 1
            else:
                self.stats.local += 1

    # --- local pacing while Redis is away ---------------------------------------------------------------

    @staticmethod
    def _local_permit(permit: Permit) -> Permit:
        # Local permits carry a negative regime, so their throttles go back to the local limiter.
        return Permit(permit.granted_at, -1 - permit.regime)

    @staticmethod
    def _is_local(permit: Permit) -> bool:
        return permit.regime < 0

    def _remaining(self, deadline: float | None) -> float | None:
        return None if deadline is None else max(0.0, deadline - self._clock())

    def _local(self, deadline: float | None) -> Permit | None:
        permit = self._fallback.acquire(self._remaining(deadline))
        if permit is None:
            return None
        self._count(shared=False)
        return self._local_permit(permit)

    async def _local_async(self, deadline: float | None) -> Permit | None:
        permit = await self._fallback.acquire_async(self._remaining(deadline))
        if permit is None:
            return None
        self._count(shared=False)
        return self._local_permit(permit)

    # --- Limiter ---------------------------------------------------------------------------------------

    def acquire(self, timeout: float | None = None) -> Permit | None:
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            started = time.perf_counter()
            answer = self._run(self._args("reserve", max_wait=self._remaining(deadline)))
            if answer is UNAVAILABLE:
                return self._local(deadline)
            self._timed(started)
            code, epoch, _rate = self._parse(answer)
            if code == "none":
                return None
            wait = float(code)
            if wait > 0:
                self._sleep(wait)
                started = time.perf_counter()
                current = self._link.call(self._read_epoch)
                if current is UNAVAILABLE:
                    return self._local(deadline)  # cannot confirm the slot: pace this one locally
                self._timed(started)
                if _epoch_of(current) not in (None, epoch):
                    continue  # a pause or a decrease came while waiting: queue again
            self._count(shared=True)
            return Permit(self._clock(), epoch)

    async def acquire_async(self, timeout: float | None = None) -> Permit | None:
        import asyncio

        sleep = self._async_sleep or asyncio.sleep
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            started = time.perf_counter()
            answer = await self._arun(self._args("reserve", max_wait=self._remaining(deadline)))
            if answer is UNAVAILABLE:
                return await self._local_async(deadline)
            self._timed(started)
            code, epoch, _rate = self._parse(answer)
            if code == "none":
                return None
            wait = float(code)
            if wait > 0:
                await sleep(wait)
                started = time.perf_counter()
                current = await self._link.acall(self._read_epoch_async)
                if current is UNAVAILABLE:
                    return await self._local_async(deadline)
                self._timed(started)
                if _epoch_of(current) not in (None, epoch):
                    continue
            self._count(shared=True)
            return Permit(self._clock(), epoch)

    def on_accepted(self, permit: Permit) -> None:
        if self._is_local(permit):
            self._fallback.on_accepted(self._local_permit(permit))

    def _throttle_locally(self, permit: Permit, retry_after: float | None) -> None:
        if self._is_local(permit):
            self._fallback.on_throttled(self._local_permit(permit), retry_after)
        else:
            # A shared permit whose throttle cannot be shared: its Retry-After still pauses this process.
            self._fallback.on_throttled(Permit(permit.granted_at, -1), retry_after)

    def _applied(self, answer: object) -> None:
        code, _epoch, _rate = self._parse(answer)
        with self._lock:
            self.stats.throttles += 1
            if code == "ok":
                self.stats.applied += 1

    def on_throttled(self, permit: Permit, retry_after: float | None) -> None:
        if not self._is_local(permit):
            answer = self._run(self._args("throttle", regime=permit.regime, retry_after=retry_after))
            if answer is not UNAVAILABLE:
                self._applied(answer)
                return
        with self._lock:
            self.stats.throttles += 1
        self._throttle_locally(permit, retry_after)

    async def on_throttled_async(self, permit: Permit, retry_after: float | None) -> None:
        if not self._is_local(permit):
            answer = await self._arun(self._args("throttle", regime=permit.regime, retry_after=retry_after))
            if answer is not UNAVAILABLE:
                self._applied(answer)
                return
        with self._lock:
            self.stats.throttles += 1
        self._throttle_locally(permit, retry_after)

    # --- extras ----------------------------------------------------------------------------------------

    def pause(self, seconds: float) -> bool:
        """Hold back every worker's requests for ``seconds`` (at most ``MAX_PAUSE``), as a
        ``Retry-After`` would; False if Redis could not be reached (then only this process pauses)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
            raise InvalidInputError("seconds must be a finite number", field="seconds")
        answer = self._run(self._args("throttle", regime=-1, retry_after=float(seconds)))
        if answer is UNAVAILABLE:
            self._fallback.on_throttled(Permit(self._clock(), -1), float(seconds))
            return False
        return True

    def state(self) -> dict[str, float] | None:
        """The shared bucket's fields as numbers (None if Redis cannot be reached), for tests and tools."""
        client = self._link.sync_client()
        answer = self._link.call(lambda: client.hgetall(self._redis_key))
        if answer is UNAVAILABLE:
            return None
        assert isinstance(answer, dict)
        return {_text(name): float(_text(value)) for name, value in answer.items()}

    def close(self) -> None:
        """Close this process's sync connection to Redis (a later call opens a new one)."""
        self._link.close()

    async def aclose(self) -> None:
        """Close the running loop's async connection to Redis."""
        await self._link.aclose()

    def __repr__(self) -> str:
        return (
            f"RedisLimiter({self._link.shown!r}, key={self.key!r}, {self.configured.rate:g}/s, "
            f"{'shared' if self.shared else f'local at {self._fallback.rate:.3g}/s'})"
        )

"""The limiter interface every facade sends through, and the in-process limiter.

A facade asks its limiter for a :class:`Permit` before every request it sends (submits, polls, the
generated clients' calls, retries) and reports how the provider answered: throttled (with the
``Retry-After`` it gave, if any) or accepted. That is the whole interface (:class:`Limiter`); a
limiter shared by several facades paces them together, and the Redis limiter of
``handwriting_ocr.distributed`` puts the same interface in front of a store shared by processes.

:class:`LocalLimiter` is the default: a :class:`~handwriting_ocr.pacing.bucket.TokenBucket` whose
rate an :class:`~handwriting_ocr.pacing.adaptive.AdaptiveRate` sets, behind a lock, usable from
threads and event loops alike (nothing here blocks while holding the lock).
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Awaitable, Callable, Generator
from typing import Final, Protocol, runtime_checkable

import attrs

from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.pacing.adaptive import RAMP_BURST, AdaptiveRate
from handwriting_ocr.pacing.bucket import TokenBucket

__all__ = ["MAX_PAUSE", "Limiter", "LocalLimiter", "Permit", "RateLimit", "RateLimitSetting", "as_limiter"]

#: The longest pause one ``Retry-After`` may impose on a limiter's other requests (seconds). The
#: throttled request itself is governed by the retry policy, which gives up on longer waits.
MAX_PAUSE: Final = 60.0

_RATE_TEXT: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(s|sec|second|m|min|minute|h|hour)\s*$", re.I)
_PER: Final = {"s": 1.0, "sec": 1.0, "second": 1.0, "m": 60.0, "min": 60.0, "minute": 60.0}


def _positive(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not (value > 0 and math.isfinite(value)):
        raise InvalidInputError(f"RateLimit.{attribute.name} must be a positive number, got {value!r}")


@attrs.frozen
class RateLimit:
    """A provider quota to stay under: ``rate`` requests per second, bursts of up to ``burst``.

    The default burst of 1 spreads requests evenly, which leaves the provider's own burst allowance
    for the jitter of the network. ``RateLimit.parse("20/min")`` reads the form quotas are written in.
    """

    rate: float = attrs.field(validator=_positive, converter=float)
    burst: float = attrs.field(default=1.0, validator=_positive, converter=float)

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """``"10/s"``, ``"20/min"``, ``"1000/hour"`` (also ``second``, ``minute``, ``h``)."""
        match = _RATE_TEXT.match(text)
        if match is None:
            raise InvalidInputError(
                f"a rate limit is written like '10/s' or '20/min', not {text!r}", field="rate_limit"
            )
        count, unit = float(match.group(1)), match.group(2).lower()
        seconds = _PER.get(unit, 3600.0)
        return cls(count / seconds)


@attrs.frozen
class Permit:
    """Leave to send one request, granted at ``granted_at`` (the limiter's monotonic clock).

    ``regime`` identifies the pacing it was granted under (a limiter's own bookkeeping): a throttle
    of a request paced under an earlier rate or pause says nothing new about the current one.
    """

    granted_at: float
    regime: int = 0


@runtime_checkable
class Limiter(Protocol):
    """What a facade needs from a limiter. Implementations must be safe to share between threads
    and event loops; the sync methods are used by blocking facades, the ``_async`` ones by asyncio
    facades (they may do I/O, e.g. to a shared store)."""

    def acquire(self, timeout: float | None = None) -> Permit | None:
        """Block until one request may be sent; None if that is not within ``timeout`` seconds."""
        ...

    async def acquire_async(self, timeout: float | None = None) -> Permit | None:
        """The asyncio form of :meth:`acquire`."""
        ...

    def on_accepted(self, permit: Permit) -> None:
        """The request sent under ``permit`` was answered without throttling."""
        ...

    def on_throttled(self, permit: Permit, retry_after: float | None) -> None:
        """The request sent under ``permit`` was throttled; ``retry_after`` is the server's, if any."""
        ...

    async def on_throttled_async(self, permit: Permit, retry_after: float | None) -> None:
        """The asyncio form of :meth:`on_throttled`."""
        ...


#: What the facades' ``rate_limit=`` accepts: requests per second, a :class:`RateLimit`, a
#: limiter to share, or None (learn the rate from throttling).
RateLimitSetting = float | RateLimit | Limiter | None


class LocalLimiter:
    """The in-process limiter: a configured rate (``RateLimit`` or requests/s), or None to learn one.

    With a configured rate the limiter never sends faster; after a throttle it slows down and
    recovers to that rate gradually. Without one it learns a sustainable rate from throttling
    alone (see :mod:`handwriting_ocr.pacing.adaptive`). A ``Retry-After`` pauses every request
    of the limiter (at most :data:`MAX_PAUSE` seconds), not only the throttled one.
    """

    def __init__(
        self,
        rate_limit: RateLimit | float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        limit = RateLimit(rate_limit) if isinstance(rate_limit, int | float) else rate_limit
        self._clock = clock
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._lock = threading.Lock()
        now = clock()
        self._control = AdaptiveRate(ceiling=None if limit is None else limit.rate, now=now)
        self._bucket = TokenBucket(self._control.rate, RAMP_BURST if limit is None else limit.burst)
        self._paused_until = -math.inf
        #: Bumped by every pause and every decrease: waiters holding an older reservation take a new
        #: one (so a lower rate applies at once, not after the queue reserved at the old rate), and
        #: throttles of requests paced under an older regime do not lower the rate again.
        self._epoch = 0
        self.throttles = 0

    @property
    def rate(self) -> float:
        """The rate requests are paced at now (requests per second)."""
        return self._bucket.rate

    @property
    def configured(self) -> RateLimit | None:
        ceiling = self._control.ceiling
        return None if ceiling is None else RateLimit(ceiling, self._bucket.burst)

    # --- the decision, under the lock ---------------------------------------------------------------

    def _reserve(self, timeout: float | None) -> tuple[float, int] | None:
        with self._lock:
            now = self._clock()
            # Demand: this request would have to wait at the current rate.
            rate = self._control.tick(now, waiting=self._bucket.next_wait(now) > 0)
            if rate != self._bucket.rate:
                self._bucket.configure(rate)
            wait = self._bucket.reserve(now, max_wait=timeout)
            return None if wait is None else (wait, self._epoch)

    def _current(self, epoch: int) -> bool:
        with self._lock:
            return epoch == self._epoch

    def _permit(self, epoch: int) -> Permit:
        return Permit(self._clock(), epoch)

    # --- Limiter -------------------------------------------------------------------------------------

    def _steps(self, timeout: float | None) -> Generator[float, None, Permit | None]:
        """The waiting, as a generator the sync and async shells drive: it yields each wait (the
        shell sleeps that long) and returns the permit, or None when no slot comes in time."""
        deadline = None if timeout is None else self._clock() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - self._clock())
            reserved = self._reserve(remaining)
            if reserved is None:
                return None
            wait, epoch = reserved
            if wait > 0:
                yield wait
            if self._current(epoch):
                return self._permit(epoch)
            # A throttle paused or slowed the limiter while this request waited: queue again.

    def acquire(self, timeout: float | None = None) -> Permit | None:
        steps = self._steps(timeout)
        try:
            while True:
                self._sleep(next(steps))
        except StopIteration as done:
            permit: Permit | None = done.value
            return permit

    async def acquire_async(self, timeout: float | None = None) -> Permit | None:
        import asyncio

        sleep = self._async_sleep or asyncio.sleep
        steps = self._steps(timeout)
        try:
            while True:
                await sleep(next(steps))
        except StopIteration as done:
            permit: Permit | None = done.value
            return permit

    def on_accepted(self, permit: Permit) -> None:
        with self._lock:
            self._control.accepted(self._clock())

    def on_throttled(self, permit: Permit, retry_after: float | None) -> None:
        with self._lock:
            now = self._clock()
            self.throttles += 1
            fresh = permit.regime == self._epoch
            pause = now + min(retry_after, MAX_PAUSE) if retry_after is not None and retry_after > 0 else None
            if not fresh and (pause is None or pause <= self._paused_until):
                return  # paced under an older regime, and no longer pause asked for: nothing new
            if fresh:
                self._control.throttled(now)
                # A learned rate paces evenly from now on: the provider's burst is already spent.
                self._bucket.configure(self._control.rate, 1.0 if self._control.ceiling is None else None)
            if pause is not None and pause > self._paused_until:
                self._paused_until = pause
            # Everyone waiting queues again behind the pause, at the (lower) rate.
            self._bucket.restart_at(max(now + 1.0 / self._bucket.rate, self._paused_until))
            self._epoch += 1

    async def on_throttled_async(self, permit: Permit, retry_after: float | None) -> None:
        self.on_throttled(permit, retry_after)

    def __repr__(self) -> str:
        mode = "learned" if self._control.ceiling is None else f"configured {self._control.ceiling:g}/s"
        return f"LocalLimiter({mode}, pacing at {self.rate:.3g}/s)"


def as_limiter(setting: RateLimitSetting | str) -> Limiter:
    """The limiter for a facade's ``rate_limit=`` argument (a new :class:`LocalLimiter` unless one is given)."""
    if setting is None:
        return LocalLimiter()
    if isinstance(setting, str):
        return LocalLimiter(RateLimit.parse(setting))
    if isinstance(setting, RateLimit):
        return LocalLimiter(setting)
    if isinstance(setting, bool):
        raise InvalidInputError("rate_limit must be a number, a RateLimit or a Limiter", field="rate_limit")
    if isinstance(setting, int | float):
        return LocalLimiter(RateLimit(setting))
    if isinstance(setting, Limiter):
        return setting
    raise InvalidInputError(
        f"rate_limit must be a number, a RateLimit or a Limiter, not {type(setting).__name__}",
        field="rate_limit",
    )

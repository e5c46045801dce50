"""A token bucket that hands out *reservations*: the I/O-free core of every limiter here.

It is the Generic Cell Rate Algorithm (GCRA), the usual way to keep a token bucket as one number:
the theoretical arrival time (TAT) of the next request at the configured rate. A request that may
go at once moves the TAT on by one interval; a request that must wait is given the moment it may
go, and the TAT moves on all the same. Waiting requests are therefore served in the order they
asked (first come, first served), each knows its wait up front, and nobody polls the bucket.

Why not a library's bucket: the well-kept candidate (pyrate-limiter 4.x, which has GCRA in memory
and in Redis) admits or refuses a request; a refused caller sleeps and competes again, so waiters
are not served in order and cannot be told their wait before they commit to it. Its rates are
integer counts per integer-millisecond interval fixed when the bucket is made, while the adaptive
controller here changes the rate continuously. The algorithm itself is a handful of lines; the
Redis twin (``handwriting_ocr.distributed``) runs the same arithmetic in one Lua script.
"""

from __future__ import annotations

import math

__all__ = ["TokenBucket"]


class TokenBucket:
    """``rate`` requests per second with bursts of up to ``burst`` requests; not thread-safe.

    Times are seconds on one monotonic clock, passed in by the caller (this class reads no clock).
    """

    __slots__ = ("_burst", "_interval", "_tat")

    def __init__(self, rate: float, burst: float = 1.0) -> None:
        self._interval = 0.0
        self._burst = 1.0
        self._tat = -math.inf
        self.configure(rate, burst)

    @property
    def rate(self) -> float:
        return 1.0 / self._interval

    @property
    def burst(self) -> float:
        return self._burst

    def configure(self, rate: float, burst: float | None = None) -> None:
        """Change the rate (and burst); reservations already handed out keep their times."""
        if not (rate > 0 and math.isfinite(rate)):
            raise ValueError(f"rate must be a positive number, got {rate!r}")
        if burst is not None:
            if not (burst >= 1 and math.isfinite(burst)):
                raise ValueError(f"burst must be at least 1, got {burst!r}")
            self._burst = float(burst)
        self._interval = 1.0 / rate

    def reserve(self, now: float, *, max_wait: float | None = None) -> float | None:
        """Reserve the next slot: seconds from ``now`` until the request may be sent.

        Returns None, reserving nothing, when the wait would exceed ``max_wait``.
        """
        tat = max(self._tat, now)
        # GCRA: a request conforms once now >= TAT - tolerance (the burst's worth of intervals).
        wait = max(0.0, tat - self._tolerance() - now)
        if max_wait is not None and wait > max_wait:
            return None
        self._tat = tat + self._interval
        return wait

    def restart_at(self, until: float) -> None:
        """Send nothing before ``until`` (a server's ``Retry-After``), then one request at a time.

        Reservations handed out so far are forgotten: whoever holds one must reserve again (the
        limiter's waiters do). The burst allowance is used up by the pause: after a throttle the
        bucket restarts at its rate, not with a burst that would be throttled again.
        """
        self._tat = until + self._tolerance()

    def _tolerance(self) -> float:
        return (self._burst - 1.0) * self._interval

    def next_wait(self, now: float) -> float:
        """Seconds the next request would wait if it reserved now (nothing is reserved)."""
        return max(0.0, max(self._tat, now) - self._tolerance() - now)

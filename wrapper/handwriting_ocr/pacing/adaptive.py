"""How fast to send: the rate a limiter paces at, decided from what the provider answers.

No I/O and no clock of its own: every method takes the current (monotonic) time. The rules:

* **Learning from nothing** (no rate configured): start at :data:`RAMP_START` requests/s with a
  burst of :data:`RAMP_BURST`, and double every :data:`RAMP_DOUBLING` seconds in which requests had
  to wait for the limiter, until the first throttle. A service without a quota is soon paced far
  above what any caller sends (and a caller sending one request at a time over a real network never
  waits at all); a quota is met while few requests are in flight, so the first throttle costs one
  or two requests, not the caller's whole concurrency at once (which is what starting without a
  limit costs: 22 of 32 requests throttled against a 10 requests/s quota).
* **Decrease** on a throttle: to :data:`DECREASE` times the rate the provider actually accepted over
  the last :data:`WINDOW` seconds (when the quota is the bottleneck, the accepted rate *is* the
  quota), and never above that fraction of the current rate. Only once per congestion episode: a
  throttled request that was paced under an earlier rate says nothing new (the rule TCP applies once
  per round trip), so a burst of throttles in flight does not cut the rate to nothing. (The limiter
  decides which throttles are fresh; see ``LocalLimiter``.)
* **Recovery**: while requests are waiting for the limiter (the rate, not the caller, is the
  bottleneck), the rate grows by :data:`RECOVERY` of itself per second, up to the configured rate
  if there is one. A provider's bucket hides an overshoot until its burst is spent, so the probe is
  slow: at 10 requests/s it finds the quota again within about ten seconds of a decrease, and the
  next throttle comes tens of seconds later.

This is AIMD with two changes that matter for quotas: the decrease is anchored to the measured
accepted rate instead of halving (halving would average 75% of the quota), and the increase is
multiplicative-slow instead of one request per round trip (rates here are a few per second, round
trips tens of milliseconds).
"""

from __future__ import annotations

import math
from typing import Final

__all__ = ["DECREASE", "RAMP_BURST", "RAMP_DOUBLING", "RAMP_START", "RECOVERY", "WINDOW", "AdaptiveRate"]

#: Requests per second a client without a configured rate starts at, and its burst.
RAMP_START: Final = 50.0
RAMP_BURST: Final = 10.0
#: Seconds of waiting demand after which the starting rate doubles (until the first throttle).
RAMP_DOUBLING: Final = 0.1
#: The learned rate never ramps beyond this (requests per second): pacing is then a no-op.
RAMP_LIMIT: Final = 10_000.0
#: After a throttle: this fraction of the accepted rate.
DECREASE: Final = 0.9
#: Growth per second while the limiter is the bottleneck, as a fraction of the rate.
RECOVERY: Final = 0.02
#: Seconds of accepted requests the decrease looks back on (at least 1 s of history is assumed).
WINDOW: Final = 2.0
#: The slowest rate a controller will ask for (one request per 100 s).
MIN_RATE: Final = 0.01
_BIN: Final = 0.1  # accepted requests are counted in bins of this many seconds
_BINS: Final = int(WINDOW / _BIN)


class AdaptiveRate:
    """The current rate and the rules above; not thread-safe (the limiter holds a lock)."""

    __slots__ = (
        "_bins",
        "_bins_start",
        "_ceiling",
        "_first_seen",
        "_last_tick",
        "_ramping",
        "rate",
    )

    def __init__(self, *, ceiling: float | None, now: float) -> None:
        #: The configured rate (never exceeded), or None when the rate is learned.
        self._ceiling = ceiling
        self.rate = ceiling if ceiling is not None else RAMP_START
        self._ramping = ceiling is None
        self._last_tick = now
        self._first_seen = now
        self._bins = [0] * _BINS
        self._bins_start = math.floor(now / _BIN)

    @property
    def ceiling(self) -> float | None:
        return self._ceiling

    @property
    def learning(self) -> bool:
        """True until the first throttle of a client without a configured rate."""
        return self._ramping

    def tick(self, now: float, *, waiting: bool) -> float:
        """Advance to ``now``; ``waiting`` says requests are queued on the limiter. Returns the rate."""
        elapsed = max(0.0, now - self._last_tick)
        self._last_tick = now
        if waiting and elapsed > 0:
            if self._ramping:
                self.rate = min(RAMP_LIMIT, self.rate * 2.0 ** (elapsed / RAMP_DOUBLING))
            else:
                grown = self.rate * (1.0 + RECOVERY) ** elapsed
                self.rate = grown if self._ceiling is None else min(self._ceiling, grown)
        return self.rate

    def accepted(self, now: float) -> None:
        """A request was answered without throttling."""
        self._advance_bins(now)
        self._bins[math.floor(now / _BIN) % _BINS] += 1

    def throttled(self, now: float) -> None:
        """A request paced at the current rate was throttled: lower the rate."""
        self._advance_bins(now)
        window = min(WINDOW, now - self._first_seen)
        measured = sum(self._bins) / max(window, 1.0)
        # Nothing accepted lately (another client took the whole quota): halve.
        target = DECREASE * min(self.rate, measured) if measured > 0 else self.rate / 2.0
        self.rate = max(MIN_RATE, target)
        self._ramping = False

    def _advance_bins(self, now: float) -> None:
        current = math.floor(now / _BIN)
        stale = current - self._bins_start - _BINS + 1
        if stale <= 0:
            return
        if stale >= _BINS:
            self._bins = [0] * _BINS
        else:
            for index in range(self._bins_start, self._bins_start + stale):
                self._bins[index % _BINS] = 0
        self._bins_start += stale

"""When to poll: a schedule learned from the operations a client has already seen.

Each facade keeps a :class:`PollLearner`. Every operation that finishes tells it, per operation kind,
when the operation completed (between the last poll that saw it pending and the poll that saw it
done). From those durations it estimates their distribution and plans the polls of the next
operation around the expected completion.

**The plan.** Polling is an inspection problem: a poll costs a request (and quota), and a finished
operation waits until the next poll sees it. For the estimated distribution of durations, the plan
is the set of poll times that minimises ``expected wait + price * expected polls``, found exactly by
dynamic programming over candidate times placed at the distribution's quantiles (dense where
operations finish). Where durations are spread, polls come denser late in the range, where an
operation still running is most likely about to finish (for a smooth distribution the optimal
density is ``sqrt(f / (2 * price * S))``, Keller 1974); a poll most operations never reach costs
little. The price is chosen by bisection so that the expected wait is :data:`TARGET_WAIT`, unless
that would cost more than :data:`POLL_BUDGET` times the polls of the plain one-second loop of the
providers' samples, in which case the budget wins.

**The estimate.** Durations are smoothed with a log-normal kernel (operations vary by a factor more
than by a number of seconds). With few observations the kernel is wide, so the plan covers more
than what was seen; it narrows as observations accumulate. The most recent :data:`MAX_SAMPLES`
per kind are kept.

**Before anything is known**, the plan *is* the one-second loop (polls at 0, 1, 2, ... s after the
submit), so the first operation of a fresh client costs no more polls and no more time than the
samples' loop. Past the end of a learned plan, polls continue every second as well.

No I/O, no clock: times are seconds since the submit was accepted, passed in by the poller.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import deque
from collections.abc import Sequence
from typing import Final

__all__ = ["MAX_SAMPLES", "POLL_BUDGET", "TARGET_WAIT", "PollLearner", "PollPlan"]

#: Expected seconds between completion and the poll that sees it, that a learned plan aims for.
TARGET_WAIT: Final = 0.08
#: A learned plan's expected polls may be at most this multiple of the one-second loop's (the target
#: is 1.5x; the estimate is wider than the true distribution, which the margin absorbs).
POLL_BUDGET: Final = 1.45
#: Seconds between polls before anything is learned, and past the end of a learned plan.
LOOP_INTERVAL: Final = 1.0
#: Polls are never planned closer together than this (seconds).
MIN_GAP: Final = 0.05
#: Observations kept per operation kind.
MAX_SAMPLES: Final = 64
#: Kernel width (in log-duration) bounds: one observation says little; measurements jitter.
_WIDE: Final = 0.35
_NARROW: Final = 0.04
_GRID: Final = 400
#: Candidate poll times the dynamic programme chooses among (at the distribution's quantiles).
_CANDIDATES: Final = 100
#: Plans are recomputed after every observation while few are known, then after every this many.
_REPLAN_EVERY: Final = 8


class PollPlan:
    """Planned poll times (seconds after the submit was accepted), then one poll per second."""

    __slots__ = ("times",)

    def __init__(self, times: Sequence[float] = ()) -> None:
        self.times = tuple(times)

    def next_poll(self, polls_done: int, since_last: float | None, elapsed: float) -> float:
        """When (seconds after acceptance) to send the next poll, after ``polls_done`` polls.

        ``since_last`` is the time of the last poll (None before the first).
        """
        if polls_done < len(self.times):
            return max(self.times[polls_done], elapsed if since_last is None else since_last + MIN_GAP)
        if since_last is None:
            return elapsed
        return since_last + LOOP_INTERVAL

    @property
    def learned(self) -> bool:
        return bool(self.times)


#: The plan of a kind nothing is known about: the one-second loop, first poll at once.
COLD_PLAN: Final = PollPlan()


def _phi(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


class _Distribution:
    """Durations smoothed with a log-normal kernel, tabulated on a grid."""

    def __init__(self, durations: Sequence[float]) -> None:
        logs = [math.log(max(d, 1e-3)) for d in durations]
        count = len(logs)
        mean = sum(logs) / count
        spread = math.sqrt(sum((x - mean) ** 2 for x in logs) / (count - 1)) if count > 1 else _WIDE
        # Silverman's rule of thumb, kept within sensible bounds.
        width = min(_WIDE, max(_NARROW, 1.06 * spread * count ** (-0.2)))
        low = min(logs) - 4 * width
        high = max(logs) + 4 * width
        step = (high - low) / _GRID
        self.times: list[float] = []
        self.mass: list[float] = []  # probability that the duration falls in each grid cell
        for index in range(_GRID):
            x = low + (index + 0.5) * step
            density = sum(_phi((x - mu) / width) for mu in logs) / (count * width)
            self.times.append(math.exp(x))
            self.mass.append(density * step)
        total = sum(self.mass)
        self.mass = [m / total for m in self.mass]

    def candidates(self) -> tuple[list[float], list[float], list[float]]:
        """Candidate poll times at the quantiles, with the mass and first moment of durations up to each."""
        cumulative: list[float] = []
        moment: list[float] = []
        mass_so_far = moment_so_far = 0.0
        for time, mass in zip(self.times, self.mass, strict=True):
            mass_so_far += mass
            moment_so_far += mass * time
            cumulative.append(mass_so_far)
            moment.append(moment_so_far)
        picked: list[int] = []
        for k in range(_CANDIDATES):
            quantile = 5e-4 + (1.0 - 1e-3) * k / (_CANDIDATES - 1)
            index = min(len(cumulative) - 1, bisect.bisect_left(cumulative, quantile))
            if not picked or index > picked[-1]:
                picked.append(index)
        return (
            [self.times[i] for i in picked],
            [cumulative[i] for i in picked],
            [moment[i] for i in picked],
        )

    def plan(self, price: float) -> list[float]:
        """The poll times minimising expected wait + ``price`` * expected polls (exact, by DP)."""
        times, done, moment = self.candidates()
        count = len(times)
        # cost[i]: the least expected cost of the polls after a poll at times[i]; after[i]: the next.
        cost = [0.0] * count
        after: list[int | None] = [None] * count
        for i in range(count - 2, -1, -1):
            running = 1.0 - done[i]  # the next poll is sent only if the operation is still running
            if running <= 1e-9:
                continue
            best, choice = math.inf, None
            for j in range(i + 1, count):
                # Operations finishing in (times[i], times[j]] wait until times[j].
                waited = times[j] * (done[j] - done[i]) - (moment[j] - moment[i])
                value = price * running + waited + cost[j]
                if value < best:
                    best, choice = value, j
            cost[i], after[i] = best, choice
        first, best = 0, math.inf
        for j in range(count):
            value = price + times[j] * done[j] - moment[j] + cost[j]
            if value < best:
                first, best = j, value
        polls = [times[first]]
        step = after[first]
        while step is not None:
            if times[step] - polls[-1] >= MIN_GAP:
                polls.append(times[step])
            step = after[step]
        return polls

    def score(self, polls: Sequence[float]) -> tuple[float, float]:
        """Expected (wait after completion, polls) of a plan (polls at 0 s counted as the loop's)."""
        wait = 0.0
        count = 0.0
        plan = PollPlan(polls)
        for time, mass in zip(self.times, self.mass, strict=True):
            index = bisect.bisect_left(polls, time)
            if index < len(polls):
                wait += mass * (polls[index] - time)
                count += mass * (index + 1)
            else:
                last = polls[-1] if polls else 0.0
                extra = math.ceil((time - last) / LOOP_INTERVAL)
                wait += mass * (last + extra * LOOP_INTERVAL - time)
                count += mass * (len(polls) + extra)
        del plan
        return wait, count

    def loop_polls(self) -> float:
        """Expected polls of the one-second loop (polls at 0, 1, 2, ... s) for these durations."""
        return sum(
            mass * (math.floor(time / LOOP_INTERVAL) + 2)
            for time, mass in zip(self.times, self.mass, strict=True)
        )


def _best_plan(durations: Sequence[float]) -> list[float]:
    distribution = _Distribution(durations)
    budget = POLL_BUDGET * distribution.loop_polls()
    # Bisection on log(price): a smaller price means more polls and a shorter wait.
    low, high = -10.0, 2.0
    best: list[float] | None = None
    for _ in range(22):
        middle = (low + high) / 2
        polls = distribution.plan(math.exp(middle))
        wait, count = distribution.score(polls)
        if count > budget:
            low = middle  # too many polls: raise the price
        elif wait > TARGET_WAIT:
            high = middle  # within budget, waiting too long: lower the price
            best = polls
        else:
            low = middle  # good enough: see whether fewer polls still meet the target
            best = polls
    return best if best is not None else distribution.plan(math.exp(high))


class PollLearner:
    """Per operation kind, the durations seen and the current plan; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: dict[str, deque[float]] = {}
        self._plans: dict[str, PollPlan] = {}
        self._seen: dict[str, int] = {}

    def plan(self, kind: str) -> PollPlan:
        with self._lock:
            plan = self._plans.get(kind)
        if plan is not None:
            return plan
        with self._lock:
            samples = list(self._samples.get(kind, ()))
        plan = PollPlan(_best_plan(samples)) if samples else COLD_PLAN
        with self._lock:
            self._plans[kind] = plan
        return plan

    def observe(self, kind: str, *, after: float, by: float) -> None:
        """An operation of ``kind`` finished between ``after`` and ``by`` seconds after acceptance."""
        if not (math.isfinite(after) and math.isfinite(by)) or by < 0:
            return
        estimate = max(0.0, (max(after, 0.0) + by) / 2.0)
        with self._lock:
            samples = self._samples.setdefault(kind, deque(maxlen=MAX_SAMPLES))
            samples.append(estimate)
            self._seen[kind] = self._seen.get(kind, 0) + 1
            # A plan costs a few tens of milliseconds to make: once it rests on many observations,
            # one more changes it little, so it is remade only now and then.
            seen = self._seen[kind]
            if seen <= 2 * _REPLAN_EVERY or seen % _REPLAN_EVERY == 0:
                self._plans.pop(kind, None)

    def samples(self, kind: str) -> tuple[float, ...]:
        with self._lock:
            return tuple(self._samples.get(kind, ()))

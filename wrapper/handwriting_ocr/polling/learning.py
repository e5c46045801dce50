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

**The estimate.** A poller never sees a duration, only that the operation finished between the last
poll that saw it running and the poll that saw it done; each observation is that interval, spread
evenly over it (taking its middle would cluster the estimate at the middles of the plan's own gaps
and feed the plan back into itself). Durations are smoothed with a log-normal kernel (operations vary
by a factor more than by a number of seconds), at Silverman's width within bounds, and mixed with a
broad log-normal around what was seen, of weight ``exp(-n / PRIOR_DECAY)`` after ``n``
observations: after one or two operations the plan still covers durations a few times shorter or
longer than those (without it, an operation outside the two seen waited longer than the one-second
loop makes it wait), and after a dozen or two the prior is gone, so that operations that all take
about the same time are polled as sparsely as the observations allow. The most recent
:data:`MAX_SAMPLES` per kind are kept.

**Before anything is known**, the plan *is* the one-second loop (polls at 0, 1, 2, ... s after the
submit), so the first operation of a fresh client costs no more polls and no more time than the
samples' loop. Past the end of a learned plan, polls continue every second as well, and after its
first poll no two of a plan's polls are more than a second apart.

No I/O, no clock: times are seconds since the submit was accepted, passed in by the poller.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import deque
from collections.abc import Sequence
from typing import Final

__all__ = ["MAX_SAMPLES", "POLL_BUDGET", "PRIOR_DECAY", "TARGET_WAIT", "PollLearner", "PollPlan"]

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
#: The broad prior beside the observations: the observations over which its weight falls by a factor
#: e, and its least width (log units). Chosen by simulation (scripts/bench/polling_sim.py: waves of
#: 16 operations after two warm-ups): on 1-5 s operations the first wave's mean wait halves at the
#: same polls; on operations of one fixed duration the polls stay below the loop's.
PRIOR_DECAY: Final = 3.0
_PRIOR_WIDTH: Final = 0.6
#: An operation seen done at the first poll finished in (0, by]; a log-scale estimate needs a lower
#: end above 0, taken as this share of ``by`` (a guess: nothing says how much shorter it was).
_FIRST_POLL_LOW: Final = 0.25
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


def _cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


#: One observation: the operation finished after ``low`` and by ``high`` seconds (0 < low <= high).
Interval = tuple[float, float]


class _Distribution:
    """Observed intervals, smoothed and mixed with a broad prior, tabulated on a log-spaced grid."""

    def __init__(self, intervals: Sequence[Interval]) -> None:
        spans = [(math.log(max(low, 1e-3)), math.log(max(high, 1e-3))) for low, high in intervals]
        middles = [(low + high) / 2 for low, high in spans]
        count = len(spans)
        mean = sum(middles) / count
        spread = math.sqrt(sum((x - mean) ** 2 for x in middles) / (count - 1)) if count > 1 else _WIDE
        # Silverman's rule of thumb, kept within sensible bounds.
        width = min(_WIDE, max(_NARROW, 1.06 * spread * count ** (-0.2)))
        prior_width = max(_PRIOR_WIDTH, spread)
        prior_share = math.exp(-count / PRIOR_DECAY)
        low = min(min(s[0] for s in spans) - 4 * width, mean - 3 * prior_width)
        high = max(max(s[1] for s in spans) + 4 * width, mean + 3 * prior_width)
        step = (high - low) / _GRID
        self.times: list[float] = []
        self.mass: list[float] = []  # probability that the duration falls in each grid cell
        for index in range(_GRID):
            x = low + (index + 0.5) * step
            observed = 0.0
            for start, end in spans:
                if end - start < 1e-6:
                    observed += _phi((x - start) / width) / width
                else:  # the kernel convolved with the interval, spread evenly (in log time)
                    observed += (_cdf((x - start) / width) - _cdf((x - end) / width)) / (end - start)
            prior = _phi((x - mean) / prior_width) / prior_width
            density = (1.0 - prior_share) * observed / count + prior_share * prior
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
            # In the tail, where few operations still run, the optimum spaces polls widely; an
            # operation that did run that long should not wait longer than the loop would make it.
            while times[step] - polls[-1] > LOOP_INTERVAL:
                polls.append(polls[-1] + LOOP_INTERVAL)
            if times[step] - polls[-1] >= MIN_GAP:
                polls.append(times[step])
            step = after[step]
        return polls

    def score(self, polls: Sequence[float]) -> tuple[float, float]:
        """Expected (wait after completion, polls) of a plan (polls at 0 s counted as the loop's)."""
        wait = 0.0
        count = 0.0
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
        return wait, count

    def loop_polls(self) -> float:
        """Expected polls of the one-second loop (polls at 0, 1, 2, ... s) for these durations."""
        return sum(
            mass * (math.floor(time / LOOP_INTERVAL) + 2)
            for time, mass in zip(self.times, self.mass, strict=True)
        )


def _best_plan(intervals: Sequence[Interval]) -> list[float]:
    distribution = _Distribution(intervals)
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
    """Per operation kind, the completion intervals seen and the current plan; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._samples: dict[str, deque[Interval]] = {}
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
        if not (math.isfinite(after) and math.isfinite(by)) or by <= 0:
            return
        low = min(by, max(after, _FIRST_POLL_LOW * by))
        with self._lock:
            samples = self._samples.setdefault(kind, deque(maxlen=MAX_SAMPLES))
            samples.append((low, by))
            self._seen[kind] = self._seen.get(kind, 0) + 1
            # A plan costs a few tens of milliseconds to make: once it rests on many observations,
            # one more changes it little, so it is remade only now and then.
            seen = self._seen[kind]
            if seen <= 2 * _REPLAN_EVERY or seen % _REPLAN_EVERY == 0:
                self._plans.pop(kind, None)

    def samples(self, kind: str) -> tuple[Interval, ...]:
        with self._lock:
            return tuple(self._samples.get(kind, ()))

"""polling_sim: the poll learner on simulated operations, without a clock or a server.

Where ``polling`` measures one seeded run against the emulator (16 operations a wave, so a wave's
mean moves by tens of milliseconds with the draws), this replays the same protocol many times in
arithmetic: a fresh :class:`~handwriting_ocr.polling.learning.PollLearner`, a cold operation and a
warm-up operation one after the other, then waves of :data:`WAVE` operations that share the plan
made before the wave, each wave's operations taught to the learner when the wave is over. An
operation of duration ``d`` is polled along its plan (``PollPlan.next_poll``) until a poll at or
after ``d``; its wait is that poll's time minus ``d``, its polls are counted, and the 1 s loop's are
``floor(d) + 2`` (polls at 0, 1, 2, ... s). Round trips are zero, so waits are lower than on a socket
by the round trip (2-3 ms on loopback).

Two ways of teaching, side by side:

* ``intervals``: what a poller knows: the operation finished between the last poll that saw it
  running and the one that saw it done;
* ``exact``: the durations themselves (a zero-width interval): how much the learner loses by knowing
  only intervals.

Usage: python -m scripts.bench.polling_sim [--quick | --full] [--json PATH]
"""

from __future__ import annotations

import math
import random
import statistics
from typing import Final

from handwriting_ocr.polling.learning import PollLearner, PollPlan

from scripts.bench.common import Figures, Table, fmt, main_for, table

NAME: Final = "polling_sim"
WAVE: Final = 16
#: Duration settings: label -> (low, high, waves after the two warm-ups).
SETTINGS: Final[dict[str, tuple[float, float, int]]] = {
    "1-5 s (mixed)": (1.0, 5.0, 8),
    "0.5 s": (0.5, 0.5, 3),
    "2 s": (2.0, 2.0, 3),
    "5 s": (5.0, 5.0, 3),
    "10 s": (10.0, 10.0, 3),
    "5-15 s": (5.0, 15.0, 8),
}
TEACHING: Final = ("intervals", "exact")


def polled(plan: PollPlan, duration: float) -> tuple[float, int, float]:
    """(wait, polls, time of the last poll that saw it running) for one operation."""
    polls, last, running_at = 0, None, 0.0
    while True:
        when = plan.next_poll(polls, last, 0.0 if last is None else last)
        polls += 1
        if when >= duration:
            return when - duration, polls, running_at
        last = running_at = when


def one_client(
    seed: int, low: float, high: float, waves: int, teaching: str
) -> list[tuple[int, float, int, int]]:
    """(wave, wait, polls, loop polls) of every measured operation of one fresh client."""
    rng = random.Random(seed)
    learner = PollLearner()

    def teach(duration: float, running_at: float, seen_at: float) -> None:
        if teaching == "exact":
            learner.observe("read", after=duration, by=duration)
        else:
            learner.observe("read", after=running_at, by=seen_at)

    for _ in range(2):  # the cold operation and the warm-up
        duration = rng.uniform(low, high)
        wait, _polls, running_at = polled(learner.plan("read"), duration)
        teach(duration, running_at, duration + wait)
    measured: list[tuple[int, float, int, int]] = []
    for wave in range(waves):
        plan = learner.plan("read")
        finished = []
        for _ in range(WAVE):
            duration = rng.uniform(low, high)
            wait, polls, running_at = polled(plan, duration)
            measured.append((wave, wait, polls, math.floor(duration) + 2))
            finished.append((duration, running_at, duration + wait))
        for duration, running_at, seen_at in finished:
            teach(duration, running_at, seen_at)
    return measured


def run(quick: bool) -> Figures:
    clients = 12 if quick else 40
    results: dict[str, dict[str, object]] = {}
    for label, (low, high, waves) in SETTINGS.items():
        for teaching in TEACHING:
            rows = [row for seed in range(clients) for row in one_client(seed, low, high, waves, teaching)]
            per_wave = [
                statistics.mean(wait for wave, wait, _p, _l in rows if wave == index) * 1000
                for index in range(waves)
            ]
            results[f"{label} | {teaching}"] = {
                "setting": label,
                "teaching": teaching,
                "operations": len(rows),
                "wait_ms": statistics.mean(row[1] for row in rows) * 1000,
                "polls_vs_loop": sum(row[2] for row in rows) / sum(row[3] for row in rows),
                "per_wave_ms": per_wave,
            }
    return {"clients": clients, "wave": WAVE, "results": results}


def tables(figures: Figures) -> list[Table]:
    rows = []
    for item in figures["results"].values():
        waves = item["per_wave_ms"]
        rows.append(
            (
                item["setting"],
                item["teaching"],
                str(item["operations"]),
                fmt(item["wait_ms"], 0),
                fmt(item["polls_vs_loop"], 2, unit="x"),
                fmt(waves[0], 0),
                fmt(statistics.mean(waves[1:]), 0) if len(waves) > 1 else "",
            )
        )
    return [
        table(
            f"polling_sim: the learner over {figures['clients']} fresh clients each, waves of "
            f"{figures['wave']} after a cold and a warm-up operation (no round trips)",
            (
                "Durations",
                "Taught",
                "Operations",
                "Wait, mean ms",
                "Polls vs 1 s loop",
                "Wave 1, ms",
                "Later waves, ms",
            ),
            rows,
            "Taught: intervals (what a poller knows) or exact durations (what it would know at best).",
            text=2,
        )
    ]


def main() -> int:
    return main_for(NAME, run, tables, "The poll learner on simulated operations.")


if __name__ == "__main__":
    raise SystemExit(main())

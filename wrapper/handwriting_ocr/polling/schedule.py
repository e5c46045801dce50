"""How long a poller waits before each poll: the caller's interval, else Retry-After, else backoff.

The default schedule is tuned for two facts. Azure's own docs advise polling every 1-2 s, and most
Read operations on small images finish within a second or two; but a finished (or nearly finished)
operation must reach the caller quickly (target: within 150 ms). So:

* the first poll goes out immediately after the submit answer (unless the caller set an interval or
  the submit answer carried ``Retry-After``);
* then 0.1 s, 0.2 s, 0.4 s, 0.8 s, 1.6 s, and 2.0 s from there on (polls at t = 0, 0.1, 0.3, 0.7,
  1.5, 3.1, 5.1, 7.1, ... s).

No jitter: each poller's schedule is anchored at its own submit time, so pollers only fall into step
when their submits already were, and a deterministic schedule is what the tests pin down.

Throttling (429/503) is the one case where the caller's interval does not win outright: the poller
then waits at least as long as the server asked (or the backoff, without ``Retry-After``), since
polling sooner would only be throttled again.
"""

from __future__ import annotations

from collections.abc import Mapping

from handwriting_ocr._retry_after import retry_after_from_headers

__all__ = ["FIRST_BACKOFF", "MAX_BACKOFF", "backoff_delay", "first_poll_delay", "next_poll_delay"]

#: Wait after the first pending answer when neither the caller nor the server chose an interval.
FIRST_BACKOFF = 0.1
#: The backoff doubles up to this; Azure advises polling every 1-2 s.
MAX_BACKOFF = 2.0


def backoff_delay(pending_answers: int) -> float:
    """The default wait after the ``pending_answers``-th answer that was not final (1-based)."""
    if pending_answers <= 0:
        return 0.0
    # Clamp the exponent: 2**1000 is fine as an int but the float conversion would overflow.
    return min(FIRST_BACKOFF * 2.0 ** min(pending_answers - 1, 32), MAX_BACKOFF)


def first_poll_delay(
    *, interval: float | None, submit_headers: Mapping[str, str] | None, wall_now: float
) -> float:
    """Wait before the first poll: the caller's interval, else the submit answer's Retry-After, else 0."""
    if interval is not None:
        return interval
    if submit_headers is not None:
        server = retry_after_from_headers(submit_headers, now=wall_now)
        if server is not None:
            return server
    return 0.0


def next_poll_delay(
    *,
    interval: float | None,
    headers: Mapping[str, str],
    pending_answers: int,
    throttled: bool,
    wall_now: float,
) -> float:
    """Wait before the next poll, after an answer that was not final.

    ``throttled`` is true for 429/503 answers and failed connections; ``pending_answers`` counts the
    answers so far that were not final, this one included.
    """
    server = retry_after_from_headers(headers, now=wall_now)
    if throttled:
        floor = server if server is not None else backoff_delay(pending_answers)
        return max(interval or 0.0, floor)
    if interval is not None:
        return interval
    if server is not None:
        return server
    return backoff_delay(pending_answers)

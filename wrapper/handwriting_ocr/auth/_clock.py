"""The clock the auth classes read, injectable so tests can move time without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

#: Returns the current time as Unix seconds (``time.time`` by default).
Clock = Callable[[], float]

system_clock: Clock = time.time


def as_seconds(value: timedelta | float) -> float:
    """A duration given as a ``timedelta`` or as seconds, in seconds."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)

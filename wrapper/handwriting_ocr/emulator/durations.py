"""How long an Azure asynchronous operation takes on the emulator: a fixed time, or one drawn per operation.

::

    Duration.fixed(0.5)                  # every operation takes 0.5 s
    Duration.uniform(1.0, 5.0, seed=7)   # each takes 1-5 s, the same sequence for the same seed
    Duration.parse("1-5", seed=7)        # the command line's form ("2.5" is a fixed time)

With a seed the n-th operation created gets the n-th draw of ``random.Random(seed)``: a run that creates
operations in the same order sees the same durations. Without one every run differs. An operation is
``NotStarted`` for the first third of its duration, then ``Running``, then done.
"""

from __future__ import annotations

import math
import random
import re
import threading
from typing import Final

import attrs

from handwriting_ocr.errors import InvalidInputError

_NUMBER: Final = r"\d+(?:\.\d+)?"
_SYNTAX: Final = re.compile(rf"\s*(?P<low>{_NUMBER})\s*(?:-\s*(?P<high>{_NUMBER})\s*)?")


class DurationSyntaxError(InvalidInputError):
    """An operation duration text :meth:`Duration.parse` does not understand."""


@attrs.frozen
class Duration:
    """Operation durations, uniform over ``[low, high]`` seconds (``low == high``: fixed)."""

    low: float
    high: float
    seed: int | None = None

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high) and 0 <= self.low <= self.high):
            raise InvalidInputError(
                f"an operation duration needs 0 <= low <= high (got {self.low}-{self.high})",
                field="operation_duration",
            )

    @classmethod
    def fixed(cls, seconds: float) -> Duration:
        return cls(float(seconds), float(seconds))

    @classmethod
    def uniform(cls, low: float, high: float, *, seed: int | None = None) -> Duration:
        return cls(float(low), float(high), seed)

    @classmethod
    def parse(cls, text: str, *, seed: int | None = None) -> Duration:
        """``"2.5"`` (fixed) or ``"1-5"`` (uniform from 1 to 5 seconds)."""
        match = _SYNTAX.fullmatch(text)
        if match is None:
            raise DurationSyntaxError(
                f"bad operation duration {text!r}: expected SECONDS or LOW-HIGH (e.g. 0.5 or 1-5)",
                field="operation_duration",
            )
        low = float(match.group("low"))
        high = float(match.group("high")) if match.group("high") is not None else low
        try:
            return cls(low, high, seed)
        except InvalidInputError as exc:
            raise DurationSyntaxError(
                f"bad operation duration {text!r}: {exc}", field="operation_duration"
            ) from None

    @property
    def is_fixed(self) -> bool:
        return self.low == self.high

    def sampler(self) -> DurationSampler:
        return DurationSampler(self)

    def __str__(self) -> str:
        if self.is_fixed:
            return f"{self.low:g} s"
        seed = f", seed {self.seed}" if self.seed is not None else ""
        return f"{self.low:g}-{self.high:g} s{seed}"


class DurationSampler:
    """Draws operation durations; thread-safe, in creation order."""

    def __init__(self, duration: Duration) -> None:
        self.duration = duration
        self._random = random.Random(duration.seed)
        self._lock = threading.Lock()

    def draw(self) -> float:
        if self.duration.is_fixed:
            return self.duration.low
        with self._lock:
            return self._random.uniform(self.duration.low, self.duration.high)


def to_duration(value: Duration | float | str | None) -> Duration | None:
    """attrs converter: a :class:`Duration`, a number of seconds, its text form, or None."""
    if value is None or isinstance(value, Duration):
        return value
    if isinstance(value, str):
        return Duration.parse(value)
    return Duration.fixed(value)

"""Parsing ``Retry-After`` (delta-seconds or an HTTP date), shared by retries and pollers."""

from __future__ import annotations

import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

#: The longest ``Retry-After`` reported as it is (a year); anything longer is reported as this. What a
#: client actually waits is its retry policy's business (``RetryPolicy.max_retry_after``).
MAX_RETRY_AFTER = 365 * 24 * 3600.0


def parse_retry_after(
    value: str | None, *, now: float | None = None, cap: float = MAX_RETRY_AFTER
) -> float | None:
    """Seconds to wait according to a ``Retry-After`` value, clamped to ``[0, cap]``; None if absent or bad.

    A value of 0, a negative one or a date in the past reads as 0: the retry policy applies its
    floor (``RetryPolicy.min_retry_after``), so such answers cannot make a client spin.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), cap)  # also turns inf into the cap


def retry_after_from_headers(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """``Retry-After`` (or the ``retry-after-ms`` some gateways send) from response headers, in seconds."""
    lowered = {name.lower(): value for name, value in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            seconds = float(millis) / 1000.0
        except ValueError:
            pass
        else:
            if seconds == seconds:  # not NaN
                return min(max(seconds, 0.0), MAX_RETRY_AFTER)
    return parse_retry_after(lowered.get("retry-after"), now=now)

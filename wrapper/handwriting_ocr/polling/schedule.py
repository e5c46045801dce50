"""When the first poll goes out: the caller's interval, else the submit answer's ``Retry-After``,
else whatever the learned plan says (see :mod:`handwriting_ocr.polling.learning`; before anything is
learned, at once)."""

from __future__ import annotations

from collections.abc import Mapping

from handwriting_ocr._retry_after import retry_after_from_headers

__all__ = ["first_poll_delay"]


def first_poll_delay(
    *, interval: float | None, submit_headers: Mapping[str, str] | None, wall_now: float
) -> float:
    """Seconds before the first poll: the caller's interval, else the submit's Retry-After, else 0
    (0 lets the plan decide)."""
    if interval is not None:
        return interval
    if submit_headers is not None:
        server = retry_after_from_headers(submit_headers, now=wall_now)
        if server is not None:
            return server
    return 0.0

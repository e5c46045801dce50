"""Pacing requests under a provider quota: the limiter every facade sends through.

``rate_limit=`` on every facade takes requests per second, a :class:`RateLimit` (rate and burst, or
``RateLimit.parse("20/min")``), a :class:`Limiter` to share between facades, or None (the default:
the client learns a sustainable rate from throttling). See :mod:`handwriting_ocr.pacing.limiter`.
"""

from __future__ import annotations

from handwriting_ocr.pacing.limiter import (
    MAX_PAUSE,
    Limiter,
    LocalLimiter,
    Permit,
    RateLimit,
    RateLimitSetting,
    as_limiter,
)

__all__ = ["MAX_PAUSE", "Limiter", "LocalLimiter", "Permit", "RateLimit", "RateLimitSetting", "as_limiter"]

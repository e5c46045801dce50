"""A thread-safe cache for one expiring credential (an IAM token, a reusable signature).

The lock guards only reads and writes of the cached pair and is never held during I/O, so the same
cache serves threads and event loops without blocking a loop for longer than a dictionary update.
"""

from __future__ import annotations

import threading

from handwriting_ocr._secrets import Secret


class ExpiringSecretCache:
    """Holds one credential and the Unix time it expires; hands it out until ``margin`` before then,
    or until the ``keep_until`` given with it, whichever is later."""

    def __init__(self, *, renew_margin: float) -> None:
        self._renew_margin = renew_margin
        self._lock = threading.Lock()
        self._value: Secret | None = None
        self._expires_at = 0.0
        self._keep_until = 0.0

    @property
    def renew_margin(self) -> float:
        return self._renew_margin

    def get(self, now: float) -> Secret | None:
        """The cached credential if it stays valid for more than the renewal margin (or ``now`` is
        before its ``keep_until``), else None."""
        with self._lock:
            if self._value is not None and now < max(self._expires_at - self._renew_margin, self._keep_until):
                return self._value
            return None

    def put(self, value: Secret, expires_at: float, *, keep_until: float = 0.0) -> None:
        """Cache ``value``, which expires at ``expires_at``.

        ``keep_until`` is a floor: the value is handed out until then even if the renewal margin
        (or an expiry already past) says otherwise. It lets a caller bound how often it fetches.
        """
        with self._lock:
            self._value = value
            self._expires_at = expires_at
            self._keep_until = keep_until

    def invalidate(self, value: Secret) -> None:
        """Forget ``value`` if it is still the cached one.

        Comparing first means that when many requests fail with the same stale credential, only the
        first drops it, and a fresh credential stored meanwhile by another request survives.
        """
        with self._lock:
            if self._value == value:
                self._value = None
                self._expires_at = 0.0
                self._keep_until = 0.0

    def expires_at(self) -> float | None:
        with self._lock:
            return self._expires_at if self._value is not None else None

    def __repr__(self) -> str:
        expires = self.expires_at()
        state = "empty" if expires is None else f"expires_at={expires:.0f}"
        return f"ExpiringSecretCache({state}, renew_margin={self._renew_margin:g})"

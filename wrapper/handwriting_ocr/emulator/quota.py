"""Per-credential request quotas: a token bucket per (provider, credential), as the providers' gateways keep.

A :class:`Quota` is a rate (``10/s``, ``20/min``, ``1000/h``) and a burst (the bucket's capacity; by
default one second's worth of the rate, at least 1). Every request that names a credential the
emulator knows takes one token from that credential's bucket *before* any provider logic runs; when
the bucket is empty the provider's own throttling answer goes back (Azure 429 with ``Retry-After``,
Huawei 429 ``APIG.0308``, Tencent legacy code 15, Tencent API 3.0 ``RequestLimitExceeded``) and the
request is not served. Polls of Azure operations count like any other request, as at the providers.

Which credential a request counts against (see each service's ``quota_key``):

- ``azure``: the subscription key (or Image Analysis bearer token) sent, one bucket per key; every Azure
  API on the emulator (v1.0, v2.0, Read v3.2, Image Analysis 4.0) draws from it.
- ``huawei``: the project in the OCR path (the project of the token or AK/SK that signs the call).
  The IAM token endpoint has no quota here.
- ``tencent``: the legacy API's appid (taken from the signature).
- ``tencent_v3``: the account owning the TC3 ``SecretId`` (permanent or temporary key alike).

Requests whose credential the emulator does not know go through unthrottled: they are refused by
the provider logic (401 and friends) as before.

Syntax accepted by :meth:`Quota.parse` (and ``handwriting-ocr emulator --quota``)::

    10/s            10 requests per second, burst 10
    20/min          20 requests per minute, burst 1
    10/s:burst=20   10 per second, up to 20 at once after an idle second or two
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Mapping
from typing import Final, Literal

import attrs

from handwriting_ocr.errors import InvalidInputError

#: The quota families: one bucket per (group, credential).
QuotaGroup = Literal["azure", "huawei", "tencent", "tencent_v3"]
QUOTA_GROUPS: Final[tuple[QuotaGroup, ...]] = ("azure", "huawei", "tencent", "tencent_v3")

Period = Literal["second", "minute", "hour"]
_SECONDS: Final[dict[Period, float]] = {"second": 1.0, "minute": 60.0, "hour": 3600.0}
_UNITS: Final[dict[str, Period]] = {
    "s": "second",
    "sec": "second",
    "second": "second",
    "min": "minute",
    "minute": "minute",
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
}
_SYNTAX: Final = re.compile(
    r"\s*(?P<requests>\d+(?:\.\d+)?)\s*/\s*(?P<unit>[a-z]+)\s*(?::\s*burst\s*=\s*(?P<burst>\d+))?\s*",
    re.IGNORECASE,
)


class QuotaSyntaxError(InvalidInputError):
    """A quota text :meth:`Quota.parse` does not understand."""


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not (value > 0 and math.isfinite(value)):
        raise InvalidInputError(f"a quota needs a positive, finite {attribute.name}", field=attribute.name)


def _burst(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 1:
        raise InvalidInputError("a quota's burst is at least 1", field="burst")


@attrs.frozen
class Quota:
    """``requests`` per ``per`` for each credential, with a bucket of ``capacity`` tokens."""

    requests: float = attrs.field(validator=_positive)
    per: Period = "second"
    #: The bucket's capacity; None means one second's worth of the rate, at least 1.
    burst: int | None = attrs.field(default=None, validator=_burst)

    @classmethod
    def per_second(cls, requests: float, *, burst: int | None = None) -> Quota:
        return cls(requests, "second", burst)

    @classmethod
    def per_minute(cls, requests: float, *, burst: int | None = None) -> Quota:
        return cls(requests, "minute", burst)

    @classmethod
    def parse(cls, text: str, *, burst: int | None = None) -> Quota:
        """``"10/s"``, ``"20/min"``, ``"1000/h"``, ``"10/s:burst=20"``; ``burst`` fills in a burst the text lacks."""
        match = _SYNTAX.fullmatch(text)
        period = _UNITS.get(match.group("unit").lower()) if match else None
        if match is None or period is None:
            raise QuotaSyntaxError(
                f"bad quota {text!r}: expected RATE/UNIT with UNIT s, min or h, "
                "optionally followed by :burst=N (e.g. 10/s, 20/min, 10/s:burst=20)",
                field="quota",
            )
        written = match.group("burst")
        if written is not None and burst is not None and int(written) != burst:
            raise QuotaSyntaxError(f"quota {text!r} already gives a burst of {written}", field="quota")
        try:
            return cls(float(match.group("requests")), period, int(written) if written else burst)
        except InvalidInputError as exc:
            raise QuotaSyntaxError(f"bad quota {text!r}: {exc}", field="quota") from None

    @property
    def rate(self) -> float:
        """Tokens added per second."""
        return self.requests / _SECONDS[self.per]

    @property
    def capacity(self) -> int:
        """The burst: how many requests an idle credential may send at once."""
        return self.burst if self.burst is not None else max(1, int(self.rate))

    def __str__(self) -> str:
        amount = int(self.requests) if float(self.requests).is_integer() else self.requests
        unit = {"second": "s", "minute": "min", "hour": "h"}[self.per]
        return f"{amount}/{unit}:burst={self.capacity}"


def to_quota(value: Quota | str | None) -> Quota | None:
    """attrs converter: a :class:`Quota`, its text form, or None (no quota)."""
    return Quota.parse(value) if isinstance(value, str) else value


def to_provider_quotas(
    value: Mapping[QuotaGroup, Quota | str | None] | tuple[tuple[QuotaGroup, Quota | None], ...],
) -> tuple[tuple[QuotaGroup, Quota | None], ...]:
    """attrs converter: per-provider quotas as a sorted tuple of pairs (hashable, comparable)."""
    pairs = value.items() if isinstance(value, Mapping) else value
    result: dict[QuotaGroup, Quota | None] = {}
    for group, quota in pairs:
        if group not in QUOTA_GROUPS:
            raise InvalidInputError(
                f"unknown quota provider {group!r}; expected one of {', '.join(QUOTA_GROUPS)}",
                field="provider_quotas",
            )
        result[group] = to_quota(quota)
    return tuple(sorted(result.items()))


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "updated")

    def __init__(self, quota: Quota, now: float) -> None:
        self.rate = quota.rate
        self.capacity = float(quota.capacity)
        self.tokens = self.capacity
        self.updated = now


class QuotaBook:
    """The buckets of one emulator. Thread-safe; one short critical section per request.

    :meth:`acquire` answers 0.0 when the request may go on (a token was taken), else the seconds until
    the next token. A refused request takes no token.
    """

    def __init__(
        self,
        default: Quota | None,
        overrides: tuple[tuple[QuotaGroup, Quota | None], ...],
        clock: Callable[[], float],
    ) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[tuple[QuotaGroup, str], _Bucket] = {}
        self._quotas: dict[QuotaGroup, Quota | None] = dict.fromkeys(QUOTA_GROUPS, default)
        self._quotas.update(overrides)

    @property
    def active(self) -> bool:
        """Whether any provider has a quota (when not, requests skip the quota check entirely)."""
        return any(quota is not None for quota in self._quotas.values())

    def quota(self, group: QuotaGroup) -> Quota | None:
        return self._quotas[group]

    def limits(self, group: QuotaGroup) -> bool:
        return self._quotas[group] is not None

    def acquire(self, group: QuotaGroup, credential: str) -> float:
        quota = self._quotas[group]
        if quota is None:
            return 0.0
        now = self._clock()
        key = (group, credential)
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(quota, now)
            else:
                # A clock that steps back (wall time adjusted) refills nothing rather than draining.
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(bucket.capacity, bucket.tokens + elapsed * bucket.rate)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / bucket.rate

    def tokens(self, group: QuotaGroup, credential: str) -> float | None:
        """Tokens left in a credential's bucket now (None if it has no quota), for tests."""
        quota = self._quotas[group]
        if quota is None:
            return None
        with self._lock:
            bucket = self._buckets.get((group, credential))
            if bucket is None:
                return float(quota.capacity)
            elapsed = max(0.0, self._clock() - bucket.updated)
            return min(bucket.capacity, bucket.tokens + elapsed * bucket.rate)


def retry_after_seconds(wait: float) -> int:
    """A wait as Azure's ``Retry-After``: whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(wait - 1e-9))

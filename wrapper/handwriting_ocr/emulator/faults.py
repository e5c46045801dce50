"""Fault injection: what can go wrong, and the three ways to ask for it.

1. Per request, with a header: ``X-Emulator-Fault: 429;retry-after=2`` (see :meth:`Fault.parse`).
2. Per request, from the test: ``emu.faults.push("azure", Fault.rate_limit(retry_after=1))`` queues a
   fault for the next request(s) to that provider.
3. Per run: ``EmulatorConfig(fault_rules=(FaultRule(Fault.server_error(503), every=3),))``.

The header wins over the queue, and the queue over the run's rules. Each provider answers a fault
in its own dialect (Azure's gateway envelope, Huawei's ``error_code``, Tencent's body ``code``).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Final, Literal

import attrs

from handwriting_ocr.errors import InvalidInputError

#: The providers faults are addressed to. ``huawei_iam`` is the token endpoint, kept apart from
#: ``huawei`` (OCR) so a test can fail one without the other; ``tencent`` is the legacy OCR API and
#: ``tencent_v3`` the API 3.0 one. ``azure`` covers every Azure API (v1.0, v2.0, Read v3.2, Image
#: Analysis 4.0), each answering in its own envelope.
Provider = Literal["azure", "huawei", "huawei_iam", "tencent", "tencent_v3"]
PROVIDERS: Final[tuple[Provider, ...]] = ("azure", "huawei", "huawei_iam", "tencent", "tencent_v3")

FaultKind = Literal[
    "rate_limit",  # 429 (Tencent: code 15), with or without Retry-After
    "server_error",  # a 5xx in the provider's error envelope
    "html_error",  # a 5xx with an HTML page, as a proxy or load balancer sends
    "truncated_json",  # the normal answer with its body cut in half
    "slow",  # the normal answer, after a delay
    "failed_operation",  # Azure: the operation ends Failed; Huawei/Tencent: recognition fails
    "expired_credentials",  # Tencent code 9 (v3: AuthFailure.SignatureExpire), Huawei 401 APIG.0301, Azure 401
]

FAULT_HEADER: Final = "X-Emulator-Fault"


class FaultSyntaxError(InvalidInputError):
    """An ``X-Emulator-Fault`` header the emulator does not understand."""


@attrs.frozen
class Fault:
    kind: FaultKind
    status: int = 0
    #: The Retry-After header value to send (seconds or an HTTP date), or None for no header.
    retry_after: str | None = None
    delay: float = 0.0

    @classmethod
    def rate_limit(cls, retry_after: float | str | None = None) -> Fault:
        value = None if retry_after is None else _retry_after_text(retry_after)
        return cls("rate_limit", status=429, retry_after=value)

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        if not 500 <= status <= 599:
            raise InvalidInputError("a server error has a 5xx status", field="status")
        return cls("server_error", status=status)

    @classmethod
    def unavailable(cls, retry_after: float | str | None = None) -> Fault:
        value = None if retry_after is None else _retry_after_text(retry_after)
        return cls("server_error", status=503, retry_after=value)

    @classmethod
    def html_error(cls, status: int = 502) -> Fault:
        return cls("html_error", status=status)

    @classmethod
    def truncated_json(cls) -> Fault:
        return cls("truncated_json")

    @classmethod
    def slow(cls, delay: float) -> Fault:
        return cls("slow", delay=delay)

    @classmethod
    def failed_operation(cls) -> Fault:
        return cls("failed_operation")

    @classmethod
    def expired_credentials(cls) -> Fault:
        return cls("expired_credentials", status=401)

    @classmethod
    def parse(cls, text: str) -> Fault:
        """A fault from its header form.

        ``429`` or ``rate-limit`` (``;retry-after=N`` optional), ``500``/``503``/any 5xx
        (``;retry-after=N`` optional), ``html`` (``;status=N``, default 502), ``truncated-json``,
        ``slow;delay=SECONDS``, ``failed-operation``, ``expired-credentials``.
        """
        name, *raw_params = (part.strip() for part in text.split(";"))
        params: dict[str, str] = {}
        for raw in raw_params:
            key, sep, value = raw.partition("=")
            if not sep:
                raise FaultSyntaxError(f"fault parameter without a value: {raw!r}")
            params[key.strip().lower()] = value.strip()
        name = name.lower()
        try:
            if name in ("429", "rate-limit"):
                return cls.rate_limit(params.get("retry-after"))
            if name.isdigit() and 500 <= int(name) <= 599:
                fault = cls.server_error(int(name))
                return attrs.evolve(fault, retry_after=params.get("retry-after"))
            if name == "html":
                return cls.html_error(int(params.get("status", "502")))
            if name == "truncated-json":
                return cls.truncated_json()
            if name == "slow":
                return cls.slow(float(params["delay"]))
            if name == "failed-operation":
                return cls.failed_operation()
            if name == "expired-credentials":
                return cls.expired_credentials()
        except (KeyError, ValueError, InvalidInputError) as exc:
            raise FaultSyntaxError(f"bad parameters for fault {name!r}: {exc}") from None
        raise FaultSyntaxError(f"unknown fault {name!r}")


def _retry_after_text(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


@attrs.frozen
class FaultRule:
    """A run-wide fault: applied to every ``every``-th request of ``provider`` (or of all providers)."""

    fault: Fault
    provider: Provider | None = None
    every: int = attrs.field(default=1, validator=attrs.validators.ge(1))

    def applies(self, provider: Provider, count: int) -> bool:
        return (self.provider is None or self.provider == provider) and count % self.every == 0


class FaultQueue:
    """Faults queued by a test for the next requests to each provider. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[Provider, deque[Fault]] = {p: deque() for p in PROVIDERS}

    def push(self, provider: Provider, fault: Fault, times: int = 1) -> None:
        """Answer the next ``times`` requests to ``provider`` with ``fault``."""
        if provider not in self._queues:
            raise InvalidInputError(
                f"unknown provider {provider!r}; expected one of {', '.join(PROVIDERS)}", field="provider"
            )
        with self._lock:
            self._queues[provider].extend([fault] * times)

    def pending(self, provider: Provider) -> int:
        with self._lock:
            return len(self._queues[provider])

    def clear(self) -> None:
        with self._lock:
            for queue in self._queues.values():
                queue.clear()

    def take(self, provider: Provider) -> Fault | None:
        with self._lock:
            queue = self._queues[provider]
            return queue.popleft() if queue else None

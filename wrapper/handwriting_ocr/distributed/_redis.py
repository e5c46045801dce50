"""One Redis server as this process sees it: its clients, and whether it can be reached right now.

The limiter and the journal of a process share a :class:`RedisLink` per server (see :func:`link_for`),
so that an outage noticed by one is known to the other at once, is said **once** in the log
(logger ``handwriting_ocr.distributed``), and is probed by one call at a time every
``reconnect_interval`` seconds until Redis answers again. Every call to Redis goes through
:meth:`RedisLink.call` / :meth:`RedisLink.acall`, which answer :data:`UNAVAILABLE` instead of raising
when Redis cannot be used: callers then do their local fallback.

Redis URLs may carry a password (``redis://:secret@host:6379/0``): :func:`mask_redis_url` is what logs,
errors and ``repr`` show.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from handwriting_ocr._secrets import MASK, install_log_filter, redact_text

if TYPE_CHECKING:
    import redis
    import redis.asyncio
    from redis.commands.core import AsyncScript, Script

__all__ = [
    "DEFAULT_PREFIX",
    "LOGGER",
    "UNAVAILABLE",
    "RedisLink",
    "link_for",
    "mask_redis_url",
    "require_redis",
]

LOGGER: Final = logging.getLogger("handwriting_ocr.distributed")
#: Every key this package writes starts with this (``<prefix>:bucket:...``, ``<prefix>:journal:...``).
DEFAULT_PREFIX: Final = "handwriting-ocr"

T = TypeVar("T")


class _Unavailable:
    """What :meth:`RedisLink.call` answers when Redis cannot be used (down, or not yet due for a retry)."""

    _instance: _Unavailable | None = None

    def __new__(cls) -> _Unavailable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNAVAILABLE"

    def __bool__(self) -> bool:
        return False


UNAVAILABLE: Final = _Unavailable()

_SENSITIVE_QUERY: Final = frozenset({"password", "pass", "passwd", "auth", "token"})


def mask_redis_url(url: str) -> str:
    """``url`` without its credentials: ``redis://:secret@host:6379/0`` -> ``redis://***@host:6379/0``.

    Any user information is masked whole (a lone ``redis://secret@host`` is a password to some
    clients), and so are password-like query parameters (``?password=...``).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<a Redis URL that does not parse>"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = MASK + "@" + netloc.rsplit("@", 1)[1]
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(name, MASK if name.lower() in _SENSITIVE_QUERY else value) for name, value in pairs], safe="*"
        )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _url_secrets(url: str) -> list[str]:
    """The credential parts of ``url`` (to take out of any error text that might echo them)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    found = [value for value in (parts.password, parts.username) if value]
    found += [value for name, value in parse_qsl(parts.query) if name.lower() in _SENSITIVE_QUERY and value]
    return found


def require_redis() -> None:
    """Raise ``MissingDependencyError`` naming the extra when redis-py is not installed."""
    try:
        import redis  # noqa: F401
    except ImportError:
        from handwriting_ocr.export.overlay import MissingDependencyError

        raise MissingDependencyError(
            "the shared limiter and journal need redis-py: pip install 'handwriting-ocr[distributed]'"
        ) from None


def _no_retries_sync() -> Any:
    # redis-py retries a failed call 10 times with growing backoff by default; here an unreachable
    # Redis must be noticed within one socket timeout (the fallback is the retry). One immediate
    # retry covers a pooled connection that went stale while Redis restarted.
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 1)


def _no_retries_async() -> Any:
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    return Retry(NoBackoff(), 1)


class RedisLink:
    """Clients for one Redis URL in this process, and its reachability (see the module docstring).

    Thread-safe. Async clients are made per event loop (a redis.asyncio connection belongs to the
    loop that opened it).
    """

    def __init__(
        self,
        url: str,
        *,
        socket_timeout: float = 0.5,
        reconnect_interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        require_redis()
        if not isinstance(url, str) or not url:
            from handwriting_ocr.errors import InvalidInputError

            raise InvalidInputError("a Redis URL is needed (redis://host:6379/0)", field="redis")
        self._url = url
        #: The URL as logs and errors show it (no password).
        self.shown = mask_redis_url(url)
        self._secrets = _url_secrets(url)
        self.socket_timeout = socket_timeout
        self.reconnect_interval = reconnect_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._sync: redis.Redis | None = None
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, redis.asyncio.Redis] = (
            weakref.WeakKeyDictionary()
        )
        self._sync_scripts: dict[str, Script] = {}
        self._async_scripts: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, AsyncScript]] = (
            weakref.WeakKeyDictionary()
        )
        self._down_since: float | None = None
        self._retry_at = 0.0
        self._probing = False
        self._remote_announced = False
        #: What this process does while Redis is away, for the one log line (set by the limiter).
        self.fallback_note = "the shared limiter and journal wait for it"
        #: Outages announced so far (one log line each).
        self.outages = 0
        #: Calls that failed because Redis could not be reached.
        self.failures = 0

    # --- clients ---------------------------------------------------------------------------------------

    def sync_client(self) -> redis.Redis:
        with self._lock:
            if self._sync is None:
                import redis

                self._sync = redis.Redis.from_url(
                    self._url,
                    socket_timeout=self.socket_timeout,
                    socket_connect_timeout=self.socket_timeout,
                    retry=_no_retries_sync(),
                    health_check_interval=0,
                )
            return self._sync

    def async_client(self) -> redis.asyncio.Redis:
        loop = asyncio.get_running_loop()
        with self._lock:
            client = self._async.get(loop)
            if client is None:
                import redis.asyncio

                client = redis.asyncio.Redis.from_url(
                    self._url,
                    socket_timeout=self.socket_timeout,
                    socket_connect_timeout=self.socket_timeout,
                    retry=_no_retries_async(),
                    health_check_interval=0,
                )
                self._async[loop] = client
            return client

    def script(self, source: str) -> Script:
        """A registered Lua script on the sync client (EVALSHA, loading it again after a restart)."""
        client = self.sync_client()
        with self._lock:
            script = self._sync_scripts.get(source)
            if script is None:
                script = self._sync_scripts[source] = client.register_script(source)
            return script

    def async_script(self, source: str) -> AsyncScript:
        client = self.async_client()
        loop = asyncio.get_running_loop()
        with self._lock:
            scripts = self._async_scripts.setdefault(loop, {})
            script = scripts.get(source)
            if script is None:
                script = scripts[source] = client.register_script(source)
            return script

    # --- reachability ------------------------------------------------------------------------------------

    @property
    def up(self) -> bool:
        """False from the first failed call until a later call succeeds."""
        with self._lock:
            return self._down_since is None

    def _may_call(self) -> bool:
        with self._lock:
            if self._down_since is None:
                return True
            if self._probing or self._clock() < self._retry_at:
                return False
            self._probing = True  # this caller's call is the reconnection attempt
            return True

    def _succeeded(self) -> None:
        with self._lock:
            self._probing = False
            if self._down_since is None:
                return
            down_for = self._clock() - self._down_since
            self._down_since = None
            self._remote_announced = False
        LOGGER.info("Redis at %s is reachable again after %.1f s: sharing resumes", self.shown, down_for)

    def _failed(self, error: BaseException) -> None:
        with self._lock:
            self._probing = False
            self.failures += 1
            now = self._clock()
            self._retry_at = now + self.reconnect_interval
            if self._down_since is not None:
                return
            self._down_since = now
            if self._remote_announced:
                return  # said already, from a worker's report
            self.outages += 1
            note = self.fallback_note
        detail = redact_text(f"{type(error).__name__}: {error}", self._secrets)
        install_log_filter()
        LOGGER.warning(
            "Redis at %s is unreachable (%s): %s; trying to reconnect every %g s",
            self.shown,
            detail,
            note,
            self.reconnect_interval,
        )

    def forget_remote_outage(self) -> None:
        """A new run starts: a worker's report of an outage is said again (see :meth:`report_outage`)."""
        with self._lock:
            self._remote_announced = False

    def report_outage(self, where: str) -> bool:
        """Say that Redis was unreachable from ``where`` (a worker), unless this process already said
        so for the current outage; True if it was said now."""
        with self._lock:
            if self._down_since is not None or self._remote_announced:
                return False
            self._remote_announced = True
            self.outages += 1
            note = self.fallback_note
        install_log_filter()
        LOGGER.warning(
            "Redis at %s was unreachable from %s: %s; they reconnect every %g s",
            self.shown,
            where,
            note,
            self.reconnect_interval,
        )
        return True

    def call(self, operation: Callable[[], T]) -> T | _Unavailable:
        """``operation()`` against Redis, or :data:`UNAVAILABLE` if Redis is down (then nothing is sent
        unless a reconnection attempt is due) or the call fails to reach it."""
        import redis

        if not self._may_call():
            return UNAVAILABLE
        try:
            result = operation()
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return UNAVAILABLE
        except BaseException:
            with self._lock:
                self._probing = False
            raise
        self._succeeded()
        return result

    async def acall(self, operation: Callable[[], Awaitable[T]]) -> T | _Unavailable:
        """The asyncio form of :meth:`call`."""
        import redis

        if not self._may_call():
            return UNAVAILABLE
        try:
            result = await operation()
        except (redis.RedisError, OSError) as error:
            self._failed(error)
            return UNAVAILABLE
        except BaseException:
            with self._lock:
                self._probing = False
            raise
        self._succeeded()
        return result

    # --- closing -----------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the sync client (async clients are closed by :meth:`aclose` on their loop)."""
        with self._lock:
            client, self._sync = self._sync, None
            self._sync_scripts.clear()
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close the running loop's async client."""
        loop = asyncio.get_running_loop()
        with self._lock:
            client = self._async.pop(loop, None)
            self._async_scripts.pop(loop, None)
        if client is not None:
            await client.aclose()

    def __repr__(self) -> str:
        return f"RedisLink({self.shown!r}, {'up' if self.up else 'down'})"


_links: dict[tuple[str, float, float], RedisLink] = {}
_links_lock = threading.Lock()


def link_for(url: str, *, socket_timeout: float = 0.5, reconnect_interval: float = 5.0) -> RedisLink:
    """This process's :class:`RedisLink` for ``url`` (one per URL and settings, shared)."""
    key = (url, float(socket_timeout), float(reconnect_interval))
    with _links_lock:
        link = _links.get(key)
        if link is None:
            link = _links[key] = RedisLink(
                url, socket_timeout=socket_timeout, reconnect_interval=reconnect_interval
            )
        return link

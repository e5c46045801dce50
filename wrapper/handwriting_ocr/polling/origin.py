"""Same-origin checks for ``Operation-Location``: credentials must never go to another host.

The poll requests go through the caller's client, whose auth attaches the subscription key to every
request. A submit answer (or a tampered continuation token) naming another scheme, host or port
would make the client send that key there, so such a location is refused before any request.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

__all__ = ["Origin", "absolute_location", "origin_of"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


class Origin(NamedTuple):
    """Scheme, host and port of a URL, normalised (lower case, default port filled in)."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if _DEFAULT_PORTS.get(self.scheme) == self.port:
            return f"{self.scheme}://{host}"
        return f"{self.scheme}://{host}:{self.port}"


def origin_of(url: str) -> Origin | None:
    """The origin of an absolute http(s) URL, or None if it has none we can trust.

    URLs with user info are refused as well: httpx would turn ``user:pass@`` into an
    Authorization header of its own.
    """
    if any(ch in url for ch in "\\\r\n\t\x00"):
        # Parsers disagree on these (WHATWG treats "\" as "/"); never guess which host is meant.
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return None
    return Origin(scheme, parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS[scheme])


def absolute_location(location: str) -> str | None:
    """``Operation-Location`` if it is an absolute http(s) URL with a host (what Azure sends), else None.

    A relative location is refused rather than resolved against the submit URL: the services
    document a full URL, so anything else is a sign of a proxy or a fault, not something to guess at.
    """
    text = location.strip()
    return text if origin_of(text) is not None else None

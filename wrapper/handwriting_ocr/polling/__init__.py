"""Polling Azure's asynchronous operations (Read, RecognizeText): sync and async pollers over one
I/O-free core.

- :func:`poller_from_submit` / :func:`async_poller_from_submit` turn a submit answer (202 with
  ``Operation-Location``) into an :class:`LROPoller` / :class:`AsyncLROPoller`;
- ``result(timeout)``, ``wait(timeout)``, ``status()``, ``done()``, ``continuation_token()`` and
  ``from_continuation_token(...)`` follow the Azure SDK guidelines' poller shape;
- :mod:`.core` decides everything, :mod:`.learning` plans when to poll from the operations already
  seen, :mod:`.origin` keeps credentials on the endpoint's own origin, :mod:`.token` reads and
  writes continuation tokens;
- polls are sent through the facade's request path (limiter, retries); a poller made by hand over a
  plain httpx client gets the same retry loop (:func:`client_sender`).

The names load lazily (PEP 562): the sync poller does not import asyncio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handwriting_ocr._lazy import lazy_exports

if TYPE_CHECKING:
    from handwriting_ocr.polling._base import async_client_sender as async_client_sender
    from handwriting_ocr.polling._base import client_sender as client_sender
    from handwriting_ocr.polling.aio import AsyncLROPoller as AsyncLROPoller
    from handwriting_ocr.polling.aio import async_poller_from_submit as async_poller_from_submit
    from handwriting_ocr.polling.core import ParseResult as ParseResult
    from handwriting_ocr.polling.core import PollingCore as PollingCore
    from handwriting_ocr.polling.sync import LROPoller as LROPoller
    from handwriting_ocr.polling.sync import poller_from_submit as poller_from_submit

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "AsyncLROPoller": "handwriting_ocr.polling.aio",
    "client_sender": "handwriting_ocr.polling._base",
    "async_client_sender": "handwriting_ocr.polling._base",
    "async_poller_from_submit": "handwriting_ocr.polling.aio",
    "ParseResult": "handwriting_ocr.polling.core",
    "PollingCore": "handwriting_ocr.polling.core",
    "LROPoller": "handwriting_ocr.polling.sync",
    "poller_from_submit": "handwriting_ocr.polling.sync",
}

__all__ = [
    "AsyncLROPoller",
    "LROPoller",
    "ParseResult",
    "PollingCore",
    "async_client_sender",
    "async_poller_from_submit",
    "client_sender",
    "poller_from_submit",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

"""Polling Azure's asynchronous operations (Read, RecognizeText): sync and async pollers over one
I/O-free core.

- :func:`poller_from_submit` / :func:`async_poller_from_submit` turn a submit answer (202 with
  ``Operation-Location``) into an :class:`LROPoller` / :class:`AsyncLROPoller`;
- ``result(timeout)``, ``wait(timeout)``, ``status()``, ``done()``, ``continuation_token()`` and
  ``from_continuation_token(...)`` follow the Azure SDK guidelines' poller shape;
- :mod:`.core` decides everything, :mod:`.schedule` says how long to wait, :mod:`.origin` keeps
  credentials on the endpoint's own origin, :mod:`.token` reads and writes continuation tokens.
"""

from __future__ import annotations

from handwriting_ocr.polling.aio import AsyncLROPoller, async_poller_from_submit
from handwriting_ocr.polling.core import ParseResult, PollingCore
from handwriting_ocr.polling.sync import LROPoller, poller_from_submit

__all__ = [
    "AsyncLROPoller",
    "LROPoller",
    "ParseResult",
    "PollingCore",
    "async_poller_from_submit",
    "poller_from_submit",
]

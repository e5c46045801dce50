"""The README blocks' network: every HTTP request to a host that is not loopback goes to the emulator.

Put on ``PYTHONPATH`` (with ``README_TEST_EMULATOR=http://127.0.0.1:<port>``) for the processes a
README block starts: the block itself, pytest, the ``handwriting-ocr`` command. Python imports
``sitecustomize`` at start-up, so the routing is in place before the block's first line, and no
block can reach the real network whatever it names (``https://westeurope.api.cognitive...``).

Only the connection changes: the request keeps its ``Host`` header (the emulator builds its URLs
from it, and Huawei's AK/SK signature covers it), and once the answer is in, the request's URL is
put back, so the client sees the exchange it meant to have. The emulator answers in plain HTTP, so
the ``Operation-Location`` it builds (``http://<host>/...``) is given back the scheme and port the
client used: the poller then stays on the endpoint's own origin, as with the real service.

Without ``README_TEST_EMULATOR`` this module does nothing.
"""

from __future__ import annotations

import os

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def _install(target: str) -> None:
    import httpx

    emulator = httpx.URL(target)

    def redirect(request: httpx.Request) -> httpx.URL | None:
        """Point ``request`` at the emulator; the URL it was meant for, or None if left alone."""
        url = request.url
        if url.host in _LOOPBACK:
            return None
        request.url = url.copy_with(scheme=emulator.scheme, host=emulator.host, port=emulator.port)
        return url

    def restore(request: httpx.Request, response: httpx.Response, meant: httpx.URL) -> None:
        request.url = meant
        built = f"http://{request.headers.get('host', '')}"
        location = response.headers.get("operation-location")
        if location is not None and location.startswith(built):
            origin = f"{meant.scheme}://{meant.netloc.decode('ascii')}"
            response.headers["Operation-Location"] = origin + location[len(built) :]

    sync_send = httpx.HTTPTransport.handle_request
    async_send = httpx.AsyncHTTPTransport.handle_async_request

    def handle_request(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        origin = redirect(request)
        response = sync_send(self, request)
        if origin is not None:
            restore(request, response, origin)
        return response

    async def handle_async_request(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        origin = redirect(request)
        response = await async_send(self, request)
        if origin is not None:
            restore(request, response, origin)
        return response

    httpx.HTTPTransport.handle_request = handle_request  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request = handle_async_request  # type: ignore[method-assign]


_target = os.environ.get("README_TEST_EMULATOR")
if _target:
    _install(_target)

"""Running the emulator: in-process (:class:`Emulator`, a context manager) or blocking (:func:`serve`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType

from handwriting_ocr.emulator.app import EmulatorApp
from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.faults import FaultQueue
from handwriting_ocr.emulator.http import EmulatorHTTPServer
from handwriting_ocr.errors import InvalidInputError


class Emulator:
    """The emulator on a loopback port, served from a background thread.

    ::

        with Emulator() as emu:                       # port 0: a free port is picked
            client = httpx.Client(base_url=emu.base_url)
            emu.faults.push("azure", Fault.rate_limit(retry_after=1))

    ``clock`` (seconds since the epoch, default :func:`time.time`) drives operation progress,
    operation and token expiry and signature expiry, so tests can move time without sleeping.
    """

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.faults = FaultQueue()
        self.app = EmulatorApp(self.config, self.faults, clock or time.time)
        self._host, self._port = host, port
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------------

    def start(self) -> Emulator:
        if self._server is not None:
            return self
        try:
            self._server = EmulatorHTTPServer((self._host, self._port), self.app, self.config.max_body_bytes)
        except OSError as exc:
            raise InvalidInputError(f"cannot listen on {self._host}:{self._port}: {exc.strerror}") from None
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="ocr-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.close_open_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- addresses ------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise InvalidInputError(
                "the emulator is not running; call start() or use it as a context manager"
            )
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: the Azure endpoint, the Huawei IAM/OCR endpoint and the Tencent host."""
        host = self._host if ":" not in self._host else f"[{self._host}]"
        return f"http://{host}:{self.port}"

    @property
    def azure_v1_url(self) -> str:
        return f"{self.base_url}/vision/v1.0"

    @property
    def azure_v2_url(self) -> str:
        return f"{self.base_url}/vision/v2.0"

    @property
    def huawei_iam_url(self) -> str:
        return f"{self.base_url}/v3/auth/tokens"

    @property
    def huawei_ocr_url(self) -> str:
        return f"{self.base_url}/v2/{self.config.huawei.project_id}/ocr/handwriting"

    @property
    def tencent_handwriting_url(self) -> str:
        return f"{self.base_url}/ocr/handwriting"

    def sample_url(self, name: str) -> str:
        """The URL that serves bundled sample ``name``; as a URL input it reads as that sample."""
        return f"{self.base_url}/samples/{name}"

    # -- test controls --------------------------------------------------------------------------------

    def expire_huawei_tokens(self) -> None:
        """Expire every token issued so far (the next OCR call with one gets 401 APIG.0301)."""
        self.app.huawei.expire_tokens()

    @property
    def internal_errors(self) -> int:
        """How many requests hit a bug in the emulator itself (answered 500): tests assert 0."""
        return self._server.errors if self._server is not None else 0


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    config: EmulatorConfig | None = None,
    *,
    ready: Callable[[Emulator], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Run the emulator until ``stop`` is set or the process is interrupted (Ctrl-C).

    ``ready`` is called once the socket listens (e.g. to print ``emulator.base_url``).
    """
    emulator = Emulator(config, host=host, port=port).start()
    try:
        if ready is not None:
            ready(emulator)
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()

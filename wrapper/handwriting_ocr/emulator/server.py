"""Running the emulator: in-process (:class:`Emulator`, a context manager) or blocking (:func:`serve`)."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType

from handwriting_ocr.emulator.app import EmulatorApp, default_duration
from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.durations import Duration, to_duration
from handwriting_ocr.emulator.faults import FaultQueue
from handwriting_ocr.emulator.http import EmulatorHTTPServer
from handwriting_ocr.emulator.quota import Quota, QuotaGroup, to_provider_quotas, to_quota
from handwriting_ocr.emulator.stats import EmulatorStats
from handwriting_ocr.errors import InvalidInputError


class PortInUseError(InvalidInputError):
    """The emulator's port is taken by another process (pick another, or port 0 for any free one)."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(f"port {port} on {host} is in use (choose another port, or 0 for any free port)")
        self.host, self.port = host, port


class Emulator:
    """The emulator on a loopback port, served from a background thread.

    ::

        with Emulator() as emu:                       # port 0: a free port is picked
            client = httpx.Client(base_url=emu.base_url)
            emu.faults.push("azure", Fault.rate_limit(retry_after=1))

    ``clock`` (seconds since the epoch, default :func:`time.time`) drives operation progress,
    operation and token expiry, signature expiry and quota refills, so tests can move time without
    sleeping. ``stats`` counts what it served; ``set_quota``/``set_operation_duration`` change a
    running emulator (``reset_settings`` goes back to the configuration's).
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
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(self._host, self._port) from None
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
    def azure_read_v3_url(self) -> str:
        """Read v3.2's base (``.../read/analyze``); SDKs take ``base_url`` as their endpoint."""
        return f"{self.base_url}/vision/v3.2"

    @property
    def azure_image_analysis_url(self) -> str:
        """Image Analysis 4.0's base (``.../imageanalysis:analyze``)."""
        return f"{self.base_url}/computervision"

    @property
    def tencent_handwriting_url(self) -> str:
        return f"{self.base_url}/ocr/handwriting"

    @property
    def tencent_v3_host(self) -> str:
        """``host:port`` for Tencent API 3.0 clients (e.g. ``HttpProfile(endpoint=..., protocol="http")``)."""
        return self.base_url.removeprefix("http://")

    @property
    def tencent_v3_url(self) -> str:
        """Tencent API 3.0's endpoint: ``POST /``, told apart by its ``X-TC-Action`` header."""
        return f"{self.base_url}/"

    @property
    def tencent_region(self) -> str:
        return self.config.tencent.region

    def sample_url(self, name: str) -> str:
        """The URL that serves bundled sample ``name``; as a URL input it reads as that sample.

        ``blank.png`` is served too: a white page with no text on it.
        """
        return f"{self.base_url}/samples/{name}"

    def environment(self) -> dict[str, str]:
        """Environment variables pointing each provider's clients at this emulator, with the test
        credentials it accepts (public emulator values). Huawei uses AK/SK signing."""
        config = self.config
        tencent = config.tencent.accounts[0]
        environment = {
            "AZURE_VISION_ENDPOINT": self.base_url,
            "AZURE_VISION_KEY": config.azure.keys[0],
            "HUAWEICLOUD_REGION": config.huawei.region,
            "HUAWEICLOUD_PROJECT_ID": config.huawei.project_id,
            "HUAWEICLOUD_SDK_AK": config.huawei.access_key,
            "HUAWEICLOUD_SDK_SK": config.huawei.secret_key,
            "HUAWEICLOUD_IAM_ENDPOINT": self.base_url,
            "TENCENT_APPID": tencent.appid,
            "TENCENTCLOUD_SECRET_ID": tencent.secret_id,
            "TENCENTCLOUD_SECRET_KEY": tencent.secret_key,
            "TENCENTCLOUD_REGION": config.tencent.region,
        }
        if config.azure.bearer_tokens:
            # An Entra ID token Image Analysis accepts (a name of the emulator's choosing).
            environment["AZURE_VISION_TOKEN"] = config.azure.bearer_tokens[0]
        return environment

    def temporary_tencent_environment(self) -> dict[str, str]:
        """The Tencent API 3.0 variables for the emulator's temporary key (with its session token)."""
        keys = self.config.tencent.temporary_keys
        if not keys:
            return {}
        return {
            "TENCENTCLOUD_SECRET_ID": keys[0].secret_id,
            "TENCENTCLOUD_SECRET_KEY": keys[0].secret_key,
            "TENCENTCLOUD_SESSION_TOKEN": keys[0].token,
        }

    # -- test controls --------------------------------------------------------------------------------

    @property
    def stats(self) -> EmulatorStats:
        """Request counts per API and Azure operation records (see :mod:`.stats`)."""
        return self.app.stats

    def set_quota(
        self,
        quota: Quota | str | None,
        *,
        providers: Mapping[QuotaGroup, Quota | str | None] | None = None,
    ) -> None:
        """Apply a quota (and per-provider ones) from now on, with fresh full buckets."""
        self.app.set_quotas(to_quota(quota), to_provider_quotas(providers or {}))

    def set_operation_duration(self, duration: Duration | float | str) -> None:
        """Azure operations created from now on take ``duration`` (seeded draws start again)."""
        chosen = to_duration(duration)
        assert chosen is not None
        self.app.set_operation_duration(chosen)

    def reset_settings(self) -> None:
        """The configuration's quotas (fresh buckets) and operation duration again."""
        self.app.set_quotas(self.config.quota, self.config.provider_quotas)
        self.app.set_operation_duration(default_duration(self.config))

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

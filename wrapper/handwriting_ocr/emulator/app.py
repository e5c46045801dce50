"""Dispatch: which API a request is for, its quota, which fault (if any) applies, and the final answer.

Routing, on the one origin the emulator serves:

============================================  ======================  ==========  ==============
request                                       API (stats)             provider    quota group
============================================  ======================  ==========  ==============
``/vision/v1.0/...``                          ``azure_v1``            azure       azure
``/vision/v2.0/...``                          ``azure_v2``            azure       azure
``/vision/v3.2/...``                          ``azure_read_v3``       azure       azure
``/computervision/...``                       ``azure_image_analysis``  azure     azure
``/v3/auth/...``                              ``huawei_iam``          huawei_iam  (none)
``/v2/...``                                   ``huawei_ocr``          huawei      huawei
``/ocr/...``                                  ``tencent_legacy``      tencent     tencent
``POST /`` (with ``X-TC-Action``)             ``tencent_v3``          tencent_v3  tencent_v3
anything else                                 the emulator's own pages (``GET /``, ``/samples/...``)
============================================  ======================  ==========  ==============

Per request, in order: the quota (a throttled request goes no further), then the fault (header,
queue, run-wide rule), then the provider logic. Each request is counted once in :class:`EmulatorStats`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Final

import attrs

from handwriting_ocr import samples
from handwriting_ocr.emulator import transcripts
from handwriting_ocr.emulator.azure import AzureService
from handwriting_ocr.emulator.azure_read_v3 import ReadV3Service
from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.durations import Duration
from handwriting_ocr.emulator.faults import FAULT_HEADER, Fault, FaultQueue, FaultSyntaxError, Provider
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.huawei import HuaweiService
from handwriting_ocr.emulator.image_analysis import ImageAnalysisService
from handwriting_ocr.emulator.operations import OperationStore
from handwriting_ocr.emulator.quota import QUOTA_GROUPS, Quota, QuotaBook, QuotaGroup
from handwriting_ocr.emulator.stats import Api, EmulatorStats
from handwriting_ocr.emulator.tencent import TencentService
from handwriting_ocr.emulator.tencent_v3 import TencentV3Service

_HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>{status} {reason}</title></head>"
    "<body><h1>{status} {reason}</h1><hr><center>nginx</center></body></html>\n"
)
_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@attrs.frozen
class Route:
    api: Api
    provider: Provider
    quota_group: QuotaGroup | None


_AZURE_VERSIONS: Final[dict[str, Api]] = {"v1.0": "azure_v1", "v2.0": "azure_v2", "v3.2": "azure_read_v3"}
_ROUTES: Final[dict[Api, Route]] = {
    "azure_v1": Route("azure_v1", "azure", "azure"),
    "azure_v2": Route("azure_v2", "azure", "azure"),
    "azure_read_v3": Route("azure_read_v3", "azure", "azure"),
    "azure_image_analysis": Route("azure_image_analysis", "azure", "azure"),
    "huawei_iam": Route("huawei_iam", "huawei_iam", None),
    "huawei_ocr": Route("huawei_ocr", "huawei", "huawei"),
    "tencent_legacy": Route("tencent_legacy", "tencent", "tencent"),
    "tencent_v3": Route("tencent_v3", "tencent_v3", "tencent_v3"),
}


def default_duration(config: EmulatorConfig) -> Duration:
    return config.operation_duration or Duration.fixed(config.processing_time)


class EmulatorApp:
    """The whole emulator as a function from :class:`Request` to :class:`Response`."""

    def __init__(self, config: EmulatorConfig, faults: FaultQueue, clock: Callable[[], float]) -> None:
        self.config = config
        self.faults = faults
        self.clock = clock
        self.stats = EmulatorStats()
        self.operations = OperationStore(clock, default_duration(config), config.operation_ttl, self.stats)
        self.quotas = QuotaBook(config.quota, config.provider_quotas, clock)
        self.azure = AzureService(config.azure, self.operations)
        self.read_v3 = ReadV3Service(self.azure, self.operations)
        self.image_analysis = ImageAnalysisService(self.azure)
        self.huawei = HuaweiService(config.huawei, clock)
        self.tencent = TencentService(config.tencent, clock)
        self.tencent_v3 = TencentV3Service(config.tencent, clock)
        self._counts: dict[Provider, int] = {}
        self._count_lock = threading.Lock()

    # -- runtime settings -----------------------------------------------------------------------------

    def set_quotas(
        self, quota: Quota | None, overrides: tuple[tuple[QuotaGroup, Quota | None], ...] = ()
    ) -> None:
        """Replace every quota (fresh, full buckets)."""
        self.quotas = QuotaBook(quota, overrides, self.clock)

    def set_operation_duration(self, duration: Duration) -> None:
        self.operations.duration = duration

    # -- routing --------------------------------------------------------------------------------------

    def route(self, request: Request) -> Route | None:
        path = request.path.lower()
        if path.startswith("/vision/"):
            # An unknown version is still Azure's (the gateway answers 404); counted as v2.0.
            return _ROUTES[_AZURE_VERSIONS.get(path[8:].split("/", 1)[0], "azure_v2")]
        if path.startswith("/computervision/"):
            return _ROUTES["azure_image_analysis"]
        if path.startswith("/v3/auth/"):
            return _ROUTES["huawei_iam"]
        if path.startswith("/v2/"):
            return _ROUTES["huawei_ocr"]
        if path.startswith("/ocr/"):
            return _ROUTES["tencent_legacy"]
        if path == "/" and request.method == "POST":
            return _ROUTES["tencent_v3"]
        return None

    def provider_of(self, request: Request) -> Provider | None:
        route = self.route(request)
        return route.provider if route is not None else None

    # -- the request ----------------------------------------------------------------------------------

    def __call__(self, request: Request) -> Response:
        route = self.route(request)
        if route is None:
            return self._own_routes(request)
        quotas = self.quotas
        if route.quota_group is not None and quotas.active:
            key = self._quota_key(route, request)
            wait = quotas.acquire(route.quota_group, key) if key is not None else 0.0
            if wait > 0.0:
                self.stats.count(route.api, "throttled")
                return self._throttled(route, wait)
        try:
            fault = self._fault_for(route.provider, request)
        except FaultSyntaxError as exc:
            self.stats.count(route.api, "faulted")
            return json_response(400, {"emulator_error": str(exc)})
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        if fault is not None and fault.kind == "html_error":
            self.stats.count(route.api, "faulted")
            page = _HTML_PAGE.format(status=fault.status, reason=_REASONS.get(fault.status, "Error"))
            return Response(fault.status, page.encode(), "text/html")
        if fault is not None and fault.kind in ("rate_limit", "server_error", "expired_credentials"):
            self.stats.count(route.api, "faulted")
            return self._fault_response(route, fault)
        self.stats.count(route.api, "served")
        response = self._serve(route, request, fault)
        if fault is not None and fault.kind == "truncated_json":
            body = response.body
            # Cut a JSON body in half; an empty one (a 202) becomes the start of an object.
            return Response(
                response.status,
                body[: len(body) // 2] if body else b'{"',
                response.content_type,
                response.headers,
            )
        return response

    def _quota_key(self, route: Route, request: Request) -> str | None:
        if route.provider == "azure":
            return self.azure.quota_key(request)
        if route.provider == "huawei":
            return self.huawei.quota_key(request)
        if route.provider == "tencent":
            return self.tencent.quota_key(request)
        return self.tencent_v3.quota_key(request)

    def _throttled(self, route: Route, wait: float) -> Response:
        if route.provider == "azure":
            return self.azure.throttled(wait)
        if route.provider == "huawei":
            return self.huawei.throttled(wait)
        if route.provider == "tencent":
            return self.tencent.throttled(wait)
        return self.tencent_v3.throttled(wait)

    def _serve(self, route: Route, request: Request, fault: Fault | None) -> Response:
        api = route.api
        if api in ("azure_v1", "azure_v2"):
            return self.azure.handle(request, fault)
        if api == "azure_read_v3":
            return self.read_v3.handle(request, fault)
        if api == "azure_image_analysis":
            return self.image_analysis.handle(request, fault)
        if api == "huawei_iam":
            return self.huawei.handle_iam(request, fault)
        if api == "huawei_ocr":
            return self.huawei.handle_ocr(request, fault)
        if api == "tencent_legacy":
            return self.tencent.handle(request, fault)
        return self.tencent_v3.handle(request, fault)

    def _fault_response(self, route: Route, fault: Fault) -> Response:
        api = route.api
        if api in ("azure_v1", "azure_v2"):
            return self.azure.fault_response(fault)
        if api == "azure_read_v3":
            return self.read_v3.fault_response(fault)
        if api == "azure_image_analysis":
            return self.image_analysis.fault_response(fault)
        if api in ("huawei_ocr", "huawei_iam"):
            return self.huawei.fault_response(fault, iam=api == "huawei_iam")
        if api == "tencent_legacy":
            return self.tencent.fault_response(fault)
        return self.tencent_v3.fault_response(fault)

    def _fault_for(self, provider: Provider, request: Request) -> Fault | None:
        """The header's fault, else the next queued one, else a matching run-wide rule."""
        with self._count_lock:
            count = self._counts[provider] = self._counts.get(provider, 0) + 1
        header = request.header(FAULT_HEADER)
        if header:
            return Fault.parse(header)
        queued = self.faults.take(provider)
        if queued is not None:
            return queued
        return next((rule.fault for rule in self.config.fault_rules if rule.applies(provider, count)), None)

    # -- the emulator's own pages ---------------------------------------------------------------------

    def _own_routes(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if request.method in ("GET", "HEAD") and path.startswith("/samples/"):
            name = path.removeprefix("/samples/")
            if name in samples.names():
                return Response(200, samples.read_bytes(name), samples.get(name).media_type)
            if name == transcripts.BLANK_NAME:
                return Response(200, transcripts.blank_image(), "image/png")
        if request.method in ("GET", "HEAD") and path in ("", "/samples"):
            return json_response(200, self.index(request.origin))
        return Response(404, b"Not Found", "text/plain")

    def index(self, origin: str) -> dict[str, object]:
        host = origin.removeprefix("http://")
        return {
            "emulator": "handwriting-ocr",
            "endpoints": {
                "azure_v1": f"{origin}/vision/v1.0",
                "azure_v2": f"{origin}/vision/v2.0",
                "azure_read_v3": f"{origin}/vision/v3.2",
                "azure_image_analysis": f"{origin}/computervision",
                "huawei_iam": f"{origin}/v3/auth/tokens",
                "huawei_ocr": f"{origin}/v2/{self.config.huawei.project_id}/ocr/handwriting",
                "tencent": f"{origin}/ocr/handwriting",
                "tencent_v3": f"{origin}/",
            },
            "notes": {
                "azure_image_analysis": "POST /computervision/imageanalysis:analyze?api-version=2023-10-01",
                "tencent_v3": (
                    f"POST / with X-TC-Action: GeneralHandwritingOCR (TC3 host {host}, "
                    f"region {self.config.tencent.region})"
                ),
            },
            "quotas": {group: _text(self.quotas.quota(group)) for group in QUOTA_GROUPS},
            "operation_duration": str(self.operations.duration),
            "samples": [f"{origin}/samples/{name}" for name in samples.names()],
            "blank_sample": f"{origin}/samples/{transcripts.BLANK_NAME}",
        }


def _text(quota: Quota | None) -> str | None:
    return str(quota) if quota is not None else None

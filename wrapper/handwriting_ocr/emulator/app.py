"""Dispatch: which provider a request is for, which fault (if any) applies, and the final answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from handwriting_ocr import samples
from handwriting_ocr.emulator.azure import AzureService
from handwriting_ocr.emulator.config import EmulatorConfig
from handwriting_ocr.emulator.faults import FAULT_HEADER, Fault, FaultQueue, FaultSyntaxError, Provider
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.huawei import HuaweiService
from handwriting_ocr.emulator.operations import OperationStore
from handwriting_ocr.emulator.tencent import TencentService

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


class EmulatorApp:
    """The whole emulator as a function from :class:`Request` to :class:`Response`."""

    def __init__(self, config: EmulatorConfig, faults: FaultQueue, clock: Callable[[], float]) -> None:
        self.config = config
        self.faults = faults
        self.operations = OperationStore(clock, config.processing_time, config.operation_ttl)
        self.azure = AzureService(config.azure, self.operations)
        self.huawei = HuaweiService(config.huawei, clock)
        self.tencent = TencentService(config.tencent, clock)
        self._counts: dict[Provider, int] = {}
        self._count_lock = threading.Lock()

    def provider_of(self, request: Request) -> Provider | None:
        path = request.path.lower()
        if path.startswith("/vision/"):
            return "azure"
        if path.startswith("/v3/auth/"):
            return "huawei_iam"
        if path.startswith("/v2/"):
            return "huawei"
        if path.startswith("/ocr/"):
            return "tencent"
        return None

    def __call__(self, request: Request) -> Response:
        provider = self.provider_of(request)
        if provider is None:
            return self._own_routes(request)
        try:
            fault = self._fault_for(provider, request)
        except FaultSyntaxError as exc:
            return json_response(400, {"emulator_error": str(exc)})
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        if fault is not None and fault.kind == "html_error":
            page = _HTML_PAGE.format(status=fault.status, reason=_REASONS.get(fault.status, "Error"))
            return Response(fault.status, page.encode(), "text/html")
        if fault is not None and fault.kind in ("rate_limit", "server_error", "expired_credentials"):
            return self._fault_response(provider, fault)
        response = self._serve(provider, request, fault)
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

    def _serve(self, provider: Provider, request: Request, fault: Fault | None) -> Response:
        if provider == "azure":
            return self.azure.handle(request, fault)
        if provider == "huawei_iam":
            return self.huawei.handle_iam(request, fault)
        if provider == "huawei":
            return self.huawei.handle_ocr(request, fault)
        return self.tencent.handle(request, fault)

    def _fault_response(self, provider: Provider, fault: Fault) -> Response:
        if provider == "azure":
            return self.azure.fault_response(fault)
        if provider in ("huawei", "huawei_iam"):
            return self.huawei.fault_response(fault, iam=provider == "huawei_iam")
        return self.tencent.fault_response(fault)

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

    def _own_routes(self, request: Request) -> Response:
        path = request.path.rstrip("/")
        if request.method in ("GET", "HEAD") and path.startswith("/samples/"):
            name = path.removeprefix("/samples/")
            if name in samples.names():
                return Response(200, samples.read_bytes(name), samples.get(name).media_type)
        if request.method in ("GET", "HEAD") and path in ("", "/samples"):
            origin = request.origin
            return json_response(
                200,
                {
                    "emulator": "handwriting-ocr",
                    "endpoints": {
                        "azure_v1": f"{origin}/vision/v1.0",
                        "azure_v2": f"{origin}/vision/v2.0",
                        "huawei_iam": f"{origin}/v3/auth/tokens",
                        "huawei_ocr": f"{origin}/v2/{self.config.huawei.project_id}/ocr/handwriting",
                        "tencent": f"{origin}/ocr/handwriting",
                    },
                    "samples": [f"{origin}/samples/{name}" for name in samples.names()],
                },
            )
        return Response(404, b"Not Found", "text/plain")

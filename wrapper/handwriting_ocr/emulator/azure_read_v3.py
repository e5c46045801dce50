"""Azure Read v3.2 (``/vision/v3.2/read/analyze`` and ``/read/analyzeResults/{id}``) on the emulator.

The v2.0 Read's successor (API-FACTS 6a): the same key and gateway, a 202 with ``Operation-Location``,
then polls that answer lower-case statuses (``notStarted``, ``running``, ``succeeded``, ``failed``) with
``createdDateTime``/``lastUpdatedDateTime``, and on success ``analyzeResult.readResults`` whose lines
carry ``appearance.style`` (handwriting or other) and whose words carry numeric confidences. Errors
are ``{"error": {"code", "message"}}``.

The query is checked before the image, in this order: ``language`` (one of the documented codes,
else ``NotSupportedLanguage``), ``pages`` (a comma list of ``n``, ``n-m``, ``n-`` and ``-m``, pages
from 1, else ``InvalidPageRange``), ``readingOrder`` (``basic`` or ``natural``, else
``InvalidReadingOrder``), ``model-version`` (``latest``, ``latest-preview`` or a published model
date, else ``BadArgument``). The check order and the codes for a bad model version, an unreadable
JSON body and a bad image dimension are the emulator's guesses.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Final

import attrs

from handwriting_ocr.emulator.azure import (
    READ_V3_LIMITS,
    REQUEST_ID_HEADER,
    AzureService,
    ImageProblem,
    Reject,
    load_image,
)
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.operations import Operation, OperationStore, Status
from handwriting_ocr.emulator.transcripts import Line, Transcript

VERSION: Final = "v3.2"
RESULT_SCHEMA_VERSION: Final = "3.2.0"

#: The language codes the v3.2 reference lists for ``language``.
LANGUAGES: Final = frozenset(
    [
        "af",
        "ast",
        "bi",
        "br",
        "ca",
        "ceb",
        "ch",
        "co",
        "crh",
        "cs",
        "csb",
        "da",
        "de",
        "en",
        "es",
        "et",
        "eu",
        "fi",
        "fil",
        "fj",
        "fr",
        "fur",
        "fy",
        "ga",
        "gd",
        "gil",
        "gl",
        "gv",
        "hni",
        "hsb",
        "ht",
        "hu",
        "ia",
        "id",
        "it",
        "iu",
        "ja",
        "jv",
        "kaa",
        "kac",
        "kea",
        "kha",
        "kl",
        "ko",
        "ku",
        "kw",
        "lb",
        "ms",
        "mww",
        "nap",
        "nl",
        "no",
        "oc",
        "pl",
        "pt",
        "quc",
        "rm",
        "sco",
        "sl",
        "sq",
        "sv",
        "sw",
        "tet",
        "tr",
        "tt",
        "uz",
        "vo",
        "wae",
        "yua",
        "za",
        "zh-Hans",
        "zh-Hant",
        "zu",
    ]
)
#: Published Read model versions (documentation's table) and what ``latest`` resolves to.
MODEL_VERSIONS: Final = frozenset(
    {"2022-04-30", "2022-01-30", "2021-09-30", "2021-04-12", "2022-01-30-preview", "2021-09-30-preview"}
)
LATEST_MODEL: Final = "2022-04-30"
LATEST_PREVIEW_MODEL: Final = "2022-01-30-preview"
_MODEL_PATTERN: Final = re.compile(r"(latest|\d{4}-\d{2}-\d{2})(-preview)?")
# "n", "n-m", "n-" or "-m" (the reference's pattern for one item of ``pages``).
_PAGE_ITEM: Final = re.compile(r"(\d*)(-?)(\d*)")
_ROUTES: Final = (
    ("POST", re.compile(r"/vision/v3\.2/read/analyze/?", re.IGNORECASE)),
    ("GET", re.compile(r"/vision/v3\.2/read/analyzeresults/([^/]+)/?", re.IGNORECASE)),
)

_STATUS: Final[dict[Status, str]] = {
    "NotStarted": "notStarted",
    "Running": "running",
    "Succeeded": "succeeded",
    "Failed": "failed",
}

# How each refused input reads in v3.2 (guesses where the reference names no code: see module doc).
_IMAGE_CODES: Final[dict[str, tuple[int, str, str]]] = {
    "json": (400, "BadArgument", "The request body is not a JSON object with a 'url'."),
    "url": (400, "InvalidImageUrl", "The image URL is not a valid absolute http(s) URL."),
    "download": (400, "FailedToDownloadImage", "The image could not be downloaded from the URL."),
    "media_type": (415, "UnsupportedMediaType", "Send application/json or application/octet-stream."),
    "empty": (400, "InvalidImageSize", "The image is empty."),
    "too_large": (400, "InvalidImageSize", "The image is larger than the service accepts."),
    "format": (400, "InvalidImageFormat", "The input is not a JPEG, PNG, BMP, PDF or TIFF image."),
    "dimensions": (400, "InvalidImageDimension", "Each side of the image must be 50 to 10000 pixels."),
}


@attrs.frozen
class ReadOptions:
    language: str | None
    #: Selected page ranges as (first, last) with None for an open end; None selects every page.
    pages: tuple[tuple[int | None, int | None], ...] | None
    model_version: str

    def selects(self, page: int) -> bool:
        if self.pages is None:
            return True
        return any(
            (first is None or first <= page) and (last is None or page <= last) for first, last in self.pages
        )


class ReadV3Service:
    def __init__(self, azure: AzureService, operations: OperationStore) -> None:
        self._azure = azure
        self._operations = operations

    def handle(self, request: Request, fault: Fault | None) -> Response:
        request_id = str(uuid.uuid4())
        route = None
        for method, pattern in _ROUTES:
            found = pattern.fullmatch(request.path)
            if found and method == request.method:
                route = found
                break
        if route is None:
            return self._azure.gateway_error(404, "Resource not found", request_id)
        refused = self._azure.authenticate(request, request_id)
        if refused is not None:
            return refused
        try:
            if request.method == "POST":
                response = self._analyze(request, fault)
            else:
                response = self._result(route.group(1), fault)
        except Reject as reject:
            response = self.error(reject.status, reject.code, reject.message)
        return response.with_headers((REQUEST_ID_HEADER, request_id))

    def error(self, status: int, code: str, message: str) -> Response:
        return json_response(status, {"error": {"code": code, "message": message}})

    def fault_response(self, fault: Fault) -> Response:
        if fault.kind in ("rate_limit", "expired_credentials"):
            return self._azure.fault_response(fault)  # the gateway's answers, as for v2.0
        retry = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
        # Guess: the codes a 5xx carries (the reference documents only the envelope).
        code = "ServiceUnavailable" if fault.status == 503 else "InternalServerError"
        message = (
            "The service is temporarily unavailable." if fault.status == 503 else "Internal server error."
        )
        return self.error(fault.status, code, message).with_headers(
            (REQUEST_ID_HEADER, str(uuid.uuid4())), *retry
        )

    # -- POST /read/analyze ---------------------------------------------------------------------------

    def _analyze(self, request: Request, fault: Fault | None) -> Response:
        options = _options(request)
        try:
            image = load_image(request, READ_V3_LIMITS)
        except ImageProblem as problem:
            status, code, message = _IMAGE_CODES[problem.kind]
            raise Reject(status, code, message) from None
        operation = self._operations.create(
            "analyze",
            VERSION,
            image.transcript,
            fingerprint=image.fingerprint,
            fails=fault is not None and fault.kind == "failed_operation",
            options=options,
        )
        location = f"{request.origin}/vision/{VERSION}/read/analyzeResults/{operation.id}"
        return Response(202, headers=(("Operation-Location", location),))

    # -- GET /read/analyzeResults/{id} ----------------------------------------------------------------

    def _result(self, operation_id: str, fault: Fault | None) -> Response:
        if fault is not None and fault.kind == "failed_operation":
            self._operations.fail(operation_id)
        operation = self._operations.get(operation_id, "analyze", VERSION)
        if operation is None:
            # Guess: the service's code for an unknown or expired id.
            raise Reject(404, "NotFound", "There is no operation with this id, or it has expired.")
        status = self._operations.status(operation)
        payload: dict[str, object] = {
            "status": _STATUS[status],
            "createdDateTime": _iso(operation.created_at),
            "lastUpdatedDateTime": _iso(operation.last_change(status)),
        }
        if status == "Succeeded":
            payload["analyzeResult"] = _analyze_result(operation)
        return json_response(200, payload)


def _options(request: Request) -> ReadOptions:
    language = request.query_value("language")
    if language is not None and language not in LANGUAGES:
        raise Reject(400, "NotSupportedLanguage", f"The language '{language}' is not supported by Read.")
    pages = request.query_value("pages")
    ranges = _page_ranges(pages) if pages is not None else None
    order = request.query_value("readingOrder")
    # Guess: the service may compare case-sensitively; the emulator accepts any case.
    if order is not None and order.lower() not in ("basic", "natural"):
        raise Reject(400, "InvalidReadingOrder", "readingOrder must be 'basic' or 'natural'.")
    model = request.query_value("model-version") or request.query_value("modelVersion") or "latest"
    if not _MODEL_PATTERN.fullmatch(model) or (
        model not in ("latest", "latest-preview") and model not in MODEL_VERSIONS
    ):
        raise Reject(400, "BadArgument", f"The model version '{model}' is not available.")
    return ReadOptions(language, ranges, model)


def _page_ranges(text: str) -> tuple[tuple[int | None, int | None], ...]:
    ranges: list[tuple[int | None, int | None]] = []
    for item in text.split(","):
        found = _PAGE_ITEM.fullmatch(item.strip())
        if found is None or not (found.group(1) or found.group(3)):
            raise Reject(400, "InvalidPageRange", f"The page range '{item}' is not valid.")
        first_text, dash, last_text = found.groups()
        first = int(first_text) if first_text else None
        last = int(last_text) if last_text else None
        if not dash:
            last = first  # "n": one page
        if (first is not None and first < 1) or (last is not None and last < 1):
            raise Reject(400, "InvalidPageRange", "Page numbers start at 1.")
        if first is not None and last is not None and first > last:
            raise Reject(400, "InvalidPageRange", f"The page range '{item}' runs backwards.")
        ranges.append((first, last))
    return tuple(ranges)


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _analyze_result(operation: Operation) -> dict[str, object]:
    options = operation.options
    assert isinstance(options, ReadOptions)
    model = {"latest": LATEST_MODEL, "latest-preview": LATEST_PREVIEW_MODEL}.get(
        options.model_version, options.model_version
    )
    pages = [_page(operation.transcript, options)] if options.selects(1) else []
    return {"version": RESULT_SCHEMA_VERSION, "modelVersion": model, "readResults": pages}


def _page(transcript: Transcript, options: ReadOptions) -> dict[str, object]:
    page: dict[str, object] = {
        "page": 1,
        "angle": 0,
        "width": transcript.width,
        "height": transcript.height,
        "unit": "pixel",
    }
    if options.language is not None:
        page["language"] = options.language
    page["lines"] = [_line(line) for line in transcript.lines]
    return page


def _line(line: Line) -> dict[str, object]:
    return {
        "boundingBox": list(line.box),
        "text": line.text,
        "appearance": {"style": {"name": line.style, "confidence": line.style_confidence}},
        "words": [
            {"boundingBox": list(word.box), "text": word.text, "confidence": word.confidence}
            for word in line.words
        ],
    }

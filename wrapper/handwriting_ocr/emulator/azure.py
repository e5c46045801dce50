"""Azure Computer Vision v1.0 and v2.0, as the emulator serves them, and what every Azure API shares.

Paths are matched case-insensitively (the service does; seed 003 calls ``/RecognizeText``). The key is
checked on every call, the gateway's ``{"error": {...}}`` envelope answers 401/404/429, and the
service's flat ``ComputerVisionError`` answers everything else. Every response carries
``apim-request-id``; error bodies repeat it as ``requestId``.

Read v3.2 (:mod:`.azure_read_v3`) and Image Analysis 4.0 (:mod:`.image_analysis`) reuse the key check,
the gateway envelope, the quota answer and the image loading from here, with their own error bodies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Callable
from typing import Final, Literal

import attrs

from handwriting_ocr.emulator import transcripts
from handwriting_ocr.emulator.config import AzureSettings
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.operations import Operation, OperationStore, Status
from handwriting_ocr.emulator.quota import retry_after_seconds
from handwriting_ocr.emulator.thumbnails import thumbnail
from handwriting_ocr.emulator.transcripts import Line, Transcript
from handwriting_ocr.validation.image_info import ImageFormat, ImageInfo
from handwriting_ocr.validation.image_info import describe_image as sniff

KEY_HEADER: Final = "Ocp-Apim-Subscription-Key"
REQUEST_ID_HEADER: Final = "apim-request-id"
MB: Final = 1024 * 1024


@attrs.frozen
class Limits:
    max_bytes: int
    min_side: int
    max_side: int | None
    formats: frozenset[ImageFormat]
    max_pixels: int | None = None


# From the service documentation (API-FACTS sections 1, 2 and 6).
READ_LIMITS: Final = Limits(20 * MB, 50, 10000, frozenset({"jpeg", "png", "bmp", "pdf", "tiff"}))
#: Read v3.2, paid tier (the free tier's 4 MB is not modelled).
READ_V3_LIMITS: Final = Limits(500 * MB, 50, 10000, frozenset({"jpeg", "png", "bmp", "pdf", "tiff"}))
#: Image Analysis 4.0: 20 MB and 50-16000 px as the service's own error messages state; ICO and MPO,
#: also accepted by the service, are not recognised by the emulator's header sniffing.
IMAGE_ANALYSIS_LIMITS: Final = Limits(
    20 * MB, 50, 16000, frozenset({"jpeg", "png", "gif", "bmp", "webp", "tiff"})
)
RECOGNIZE_LIMITS: Final = Limits(4 * MB, 50, 4200, frozenset({"jpeg", "png", "bmp"}))
ANALYZE_LIMITS: Final = Limits(4 * MB, 50, None, frozenset({"jpeg", "png", "gif", "bmp"}))
OCR_LIMITS: Final = Limits(4 * MB, 40, 3200, frozenset({"jpeg", "png", "gif", "bmp"}), 10_000_000)

VISUAL_FEATURES: Final = {
    f.lower(): f for f in ("ImageType", "Faces", "Adult", "Categories", "Color", "Tags", "Description")
}
DETAILS: Final = {d.lower(): d for d in ("Celebrities", "Landmarks")}
ANALYZE_LANGUAGES: Final = frozenset({"en", "es", "ja", "pt", "zh"})
OCR_LANGUAGES: Final = frozenset(
    {
        "unk",
        "zh-Hans",
        "zh-Hant",
        "cs",
        "da",
        "nl",
        "en",
        "fi",
        "fr",
        "de",
        "el",
        "hu",
        "it",
        "ja",
        "ko",
        "nb",
        "pl",
        "pt",
        "ru",
        "es",
        "sv",
        "tr",
        "ar",
        "ro",
        "sr-Cyrl",
        "sr-Latn",
        "sk",
    }
)


@attrs.frozen
class LoadedImage:
    transcript: Transcript
    data: bytes | None
    info: ImageInfo | None
    #: :func:`~handwriting_ocr.emulator.stats.input_fingerprint` of the input (bytes or URL).
    fingerprint: str


class Reject(Exception):
    """Raised inside a handler to answer with the API's error body (v1/v2: ``ComputerVisionError``)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


ImageProblemKind = Literal[
    "json", "url", "download", "media_type", "empty", "too_large", "format", "dimensions"
]


class ImageProblem(Reject):
    """An input the service refuses, with the v1/v2 code; ``kind`` lets later APIs pick their own."""

    def __init__(self, kind: ImageProblemKind, status: int, code: str, message: str) -> None:
        super().__init__(status, code, message)
        self.kind = kind


Handler = Callable[[Request, str, str, Fault | None], Response]


class AzureService:
    def __init__(self, settings: AzureSettings, operations: OperationStore) -> None:
        self._settings = settings
        self._operations = operations
        # (method, version, lower-cased path pattern) -> handler(request, request_id, operation id or model)
        self._routes: list[tuple[str, str, re.Pattern[str], Handler]] = [
            ("POST", "v2.0", re.compile(r"/read/core/asyncbatchanalyze"), self._batch_read),
            ("GET", "v2.0", re.compile(r"/read/operations/([^/]+)"), self._read_result),
            ("POST", "v2.0", re.compile(r"/recognizetext"), self._recognize_text_v2),
            ("GET", "v2.0", re.compile(r"/textoperations/([^/]+)"), self._text_result_v2),
            ("POST", "v1.0", re.compile(r"/analyze"), self._analyze),
            ("POST", "v1.0", re.compile(r"/models/([^/]+)/analyze"), self._analyze_by_domain),
            ("POST", "v1.0", re.compile(r"/generatethumbnail"), self._thumbnail),
            ("POST", "v1.0", re.compile(r"/ocr"), self._ocr),
            ("POST", "v1.0", re.compile(r"/recognizetext"), self._recognize_text_v1),
            ("GET", "v1.0", re.compile(r"/textoperations/([^/]+)"), self._text_result_v1),
        ]

    # -- entry points ---------------------------------------------------------------------------------

    def handle(self, request: Request, fault: Fault | None) -> Response:
        request_id = str(uuid.uuid4())
        match = re.fullmatch(r"/vision/(v[12]\.0)(/.*)", request.path, flags=re.IGNORECASE)
        route = None
        if match:
            version, rest = match.group(1).lower(), match.group(2).rstrip("/").lower()
            for method, route_version, pattern, handler in self._routes:
                found = pattern.fullmatch(rest)
                if found and route_version == version and method == request.method:
                    route = (handler, found.group(1) if found.groups() else "")
                    break
        if route is None:
            return self.gateway_error(404, "Resource not found", request_id)
        refused = self.authenticate(request, request_id)
        if refused is not None:
            return refused
        handler, argument = route
        try:
            response = handler(request, request_id, argument, fault)
        except Reject as reject:
            response = self.error(reject.status, reject.code, reject.message, request_id)
        if response.header(REQUEST_ID_HEADER) is None:  # error envelopes already carry it
            response = response.with_headers((REQUEST_ID_HEADER, request_id))
        return response

    def authenticate(self, request: Request, request_id: str, *, bearer: bool = False) -> Response | None:
        """None when the request carries an accepted key (or, with ``bearer``, token), else the 401."""
        key = request.header(KEY_HEADER)
        if not key and bearer:
            scheme, _, token = (request.header("Authorization") or "").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                if _known(token.strip(), self._settings.bearer_tokens):
                    return None
                # Guess: the gateway's wording for a token it does not accept.
                return self.gateway_error(
                    401, "Access denied due to an invalid or expired bearer token.", request_id
                )
        if not key:
            return self.gateway_error(
                401,
                "Access denied due to missing subscription key. "
                "Make sure to include subscription key when making requests to an API.",
                request_id,
            )
        if not _known(key, self._settings.keys):
            return self._invalid_key(request_id)
        return None

    def quota_key(self, request: Request) -> str | None:
        """The credential a request counts against: a known key or bearer token (else None)."""
        key = request.header(KEY_HEADER)
        if key is not None:
            return "key:" + key if key in self._settings.keys else None
        scheme, _, token = (request.header("Authorization") or "").partition(" ")
        token = token.strip()
        if scheme.lower() == "bearer" and token in self._settings.bearer_tokens:
            return "bearer:" + token
        return None

    def throttled(self, wait: float) -> Response:
        """The gateway's answer beyond the quota: 429, ``Retry-After`` in whole seconds (at least 1)."""
        seconds = retry_after_seconds(wait)
        return self.gateway_error(
            429, f"Rate limit is exceeded. Try again in {seconds} seconds.", str(uuid.uuid4())
        ).with_headers(("Retry-After", str(seconds)))

    def fault_response(self, fault: Fault) -> Response:
        request_id = str(uuid.uuid4())
        retry = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
        if fault.kind == "rate_limit":
            wait = fault.retry_after if fault.retry_after and fault.retry_after.isdigit() else "1"
            message = f"Rate limit is exceeded. Try again in {wait} seconds."
            return self.gateway_error(429, message, request_id).with_headers(*retry)
        if fault.kind == "expired_credentials":
            return self._invalid_key(request_id)
        # server_error. The code names are a guess: the service documents only the envelope.
        code = "ServiceUnavailable" if fault.status == 503 else "InternalServerError"
        message = (
            "The service is temporarily unavailable." if fault.status == 503 else "Internal server error."
        )
        return self.error(fault.status, code, message, request_id).with_headers(*retry)

    # -- envelopes ------------------------------------------------------------------------------------

    def error(self, status: int, code: str, message: str, request_id: str) -> Response:
        return json_response(
            status, {"code": code, "message": message, "requestId": request_id}
        ).with_headers((REQUEST_ID_HEADER, request_id))

    def gateway_error(self, status: int, message: str, request_id: str) -> Response:
        return json_response(status, {"error": {"code": str(status), "message": message}}).with_headers(
            (REQUEST_ID_HEADER, request_id)
        )

    def _invalid_key(self, request_id: str) -> Response:
        return self.gateway_error(
            401,
            "Access denied due to invalid subscription key or wrong API endpoint. "
            "Make sure to provide a valid key for an active subscription and use a correct regional API endpoint "
            "for your resource.",
            request_id,
        )

    # -- image input ----------------------------------------------------------------------------------

    def _load_image(self, request: Request, limits: Limits) -> LoadedImage:
        return load_image(request, limits)

    # -- v2.0 -----------------------------------------------------------------------------------------

    def _accepted(self, request: Request, operation: Operation, path: str) -> Response:
        location = f"{request.origin}/vision/{operation.version}/{path}/{operation.id}"
        return Response(202, headers=(("Operation-Location", location),))

    def _batch_read(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        image = self._load_image(request, READ_LIMITS)
        operation = self._operations.create(
            "read", "v2.0", image.transcript, fingerprint=image.fingerprint, fails=_fails(fault)
        )
        return self._accepted(request, operation, "read/operations")

    def _recognize_text_v2(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        mode = request.query_value("mode")
        if mode is None or mode.lower() not in ("handwritten", "printed"):
            # Guess: the service's exact code and text for a missing/unknown mode are undocumented.
            raise Reject(400, "BadArgument", "Mode is required and must be 'Handwritten' or 'Printed'.")
        image = self._load_image(request, RECOGNIZE_LIMITS)
        operation = self._operations.create(
            "text", "v2.0", image.transcript, fingerprint=image.fingerprint, fails=_fails(fault)
        )
        return self._accepted(request, operation, "textOperations")

    def _find(self, operation_id: str, kind: str, version: str, fault: Fault | None) -> Operation:
        if _fails(fault):
            self._operations.fail(operation_id)
        operation = self._operations.get(operation_id, "read" if kind == "read" else "text", version)
        if operation is None:
            # Guess: the service's answer for an unknown or expired id is not documented in detail.
            raise Reject(404, "NotFound", "The operation was not found or has expired.")
        return operation

    def _read_result(
        self, request: Request, request_id: str, operation_id: str, fault: Fault | None
    ) -> Response:
        operation = self._find(operation_id, "read", "v2.0", fault)
        status = self._operations.status(operation)
        payload: dict[str, object] = {"status": status}
        if status == "Succeeded":
            payload["recognitionResults"] = [_page_v2(operation.transcript)]
        return json_response(200, payload)

    def _text_result_v2(
        self, request: Request, request_id: str, operation_id: str, fault: Fault | None
    ) -> Response:
        operation = self._find(operation_id, "text", "v2.0", fault)
        status = self._operations.status(operation)
        payload: dict[str, object] = {"status": status}
        if status == "Succeeded":
            payload["recognitionResult"] = _page_v2(operation.transcript)
        return json_response(200, payload)

    # -- v1.0 -----------------------------------------------------------------------------------------

    def _recognize_text_v1(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        # Seed 003 and the docs send `handwriting`, the official spec `detectHandwriting`: both mean it.
        for name in ("handwriting", "detectHandwriting"):
            value = request.query_value(name)
            if value is not None and value.lower() not in ("true", "false"):
                raise Reject(400, "BadArgument", f"Invalid value for parameter '{name}'.")
        image = self._load_image(request, RECOGNIZE_LIMITS)
        operation = self._operations.create(
            "text", "v1.0", image.transcript, fingerprint=image.fingerprint, fails=_fails(fault)
        )
        return self._accepted(request, operation, "textOperations")

    def _text_result_v1(
        self, request: Request, request_id: str, operation_id: str, fault: Fault | None
    ) -> Response:
        operation = self._find(operation_id, "text", "v1.0", fault)
        status = self._operations.status(operation)
        payload: dict[str, object] = {"status": _V1_STATUS[status]}
        if status == "Succeeded":
            payload["recognitionResult"] = {
                "lines": [_line(line, with_confidence=False) for line in operation.transcript.lines]
            }
        return json_response(200, payload)

    def _analyze(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        features = _csv(request.query_value("visualFeatures"), VISUAL_FEATURES, "visualFeatures") or [
            "Categories"
        ]
        details = _csv(request.query_value("details"), DETAILS, "details")
        _language(request, ANALYZE_LANGUAGES)
        image = self._load_image(request, ANALYZE_LIMITS)
        return json_response(200, _analysis(image, features, details, request_id))

    def _analyze_by_domain(
        self, request: Request, request_id: str, model: str, fault: Fault | None
    ) -> Response:
        if model not in ("celebrities", "landmarks"):
            raise Reject(400, "BadArgument", f"Model '{model}' is not supported.")
        _language(request, ANALYZE_LANGUAGES)
        image = self._load_image(request, ANALYZE_LIMITS)
        return json_response(
            200, {"result": {model: []}, "requestId": request_id, "metadata": _metadata(image)}
        )

    def _thumbnail(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        size: list[int] = []
        for name in ("width", "height"):
            raw = request.query_value(name)
            if raw is None or not raw.isdigit() or not 1 <= int(raw) <= 1023:
                raise Reject(
                    400, "InvalidThumbnailSize", f"Parameter '{name}' must be an integer from 1 to 1023."
                )
            size.append(int(raw))
        smart = (request.query_value("smartCropping") or "false").lower()
        if smart not in ("true", "false"):
            raise Reject(400, "BadArgument", "Invalid value for parameter 'smartCropping'.")
        image = self._load_image(request, ANALYZE_LIMITS)
        body, media_type = thumbnail(image.data, size[0], size[1], smart == "true")
        return Response(200, body, media_type)

    def _ocr(self, request: Request, request_id: str, _: str, fault: Fault | None) -> Response:
        language = _language(request, OCR_LANGUAGES) or "unk"
        orientation = (request.query_value("detectOrientation") or "false").lower()
        if orientation not in ("true", "false"):
            raise Reject(400, "BadArgument", "Invalid value for parameter 'detectOrientation'.")
        image = self._load_image(request, OCR_LIMITS)
        lines = image.transcript.lines
        region = {
            "boundingBox": _xywh(_union(lines)),
            "lines": [
                {
                    "boundingBox": _xywh(line.box),
                    "words": [{"boundingBox": _xywh(w.box), "text": w.text} for w in line.words],
                }
                for line in lines
            ],
        }
        return json_response(
            200,
            {
                "language": "en" if language == "unk" else language,
                "textAngle": 0.0,
                "orientation": "Up" if orientation == "true" else "NotDetected",
                "regions": [region] if lines else [],
            },
        )


_V1_STATUS: Final[dict[Status, str]] = {
    "NotStarted": "Not Started",  # v1.0 spells it with a space (the 0.1.0 SDK's enum does too)
    "Running": "Running",
    "Succeeded": "Succeeded",
    "Failed": "Failed",
}


def _fails(fault: Fault | None) -> bool:
    return fault is not None and fault.kind == "failed_operation"


def _known(value: str, accepted: tuple[str, ...]) -> bool:
    return any(hmac.compare_digest(value.encode(), known.encode()) for known in accepted)


def load_image(request: Request, limits: Limits) -> LoadedImage:
    """The image of an Azure request: JSON ``{"url"}`` or the raw bytes, validated against ``limits``.

    Raises :class:`ImageProblem` with the v1/v2 code; other APIs translate it by ``kind``.
    """
    if request.media_type == "application/json":
        return _load_url(request.body)
    if request.media_type in ("application/octet-stream", "") or request.media_type.startswith("image/"):
        return _load_bytes(request.body, limits)
    raise ImageProblem("media_type", 415, "BadArgument", f"Unsupported media type: {request.media_type}.")


def _load_url(body: bytes) -> LoadedImage:
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise ImageProblem("json", 400, "BadArgument", "JSON format error.") from None
    url = payload.get("url") if isinstance(payload, dict) else None
    if not isinstance(url, str) or not transcripts.url_is_valid(url):
        raise ImageProblem("url", 400, "InvalidImageUrl", "Image URL is badly formatted.")
    if transcripts.is_unreachable(url):
        raise ImageProblem(
            "download", 400, "InvalidImageUrl", "Failed to download image from the specified URL."
        )
    name = transcripts.sample_for_url(url)
    data = transcripts.image_bytes(name) if name else None
    return LoadedImage(transcripts.for_url(url), data, sniff(data) if data else None, "url:" + url)


def _load_bytes(data: bytes, limits: Limits) -> LoadedImage:
    if not data:
        raise ImageProblem("empty", 400, "InvalidImageSize", "Image size is too small.")
    if len(data) > limits.max_bytes:
        raise ImageProblem("too_large", 400, "InvalidImageSize", "Image size is too big.")
    info = sniff(data)
    if info is None or info.format not in limits.formats:
        raise ImageProblem("format", 400, "InvalidImageFormat", "Input data is not a valid image.")
    if info.format != "pdf" and (info.width is None or info.height is None):
        raise ImageProblem("format", 400, "InvalidImageFormat", "Input data is not a valid image.")
    if info.width is not None and info.height is not None:
        sides = (info.width, info.height)
        if min(sides) < limits.min_side or (limits.max_side is not None and max(sides) > limits.max_side):
            raise ImageProblem("dimensions", 400, "InvalidImageSize", "Image dimensions are out of range.")
        if limits.max_pixels is not None and info.width * info.height > limits.max_pixels:
            raise ImageProblem("dimensions", 400, "InvalidImageSize", "Image size is too big.")
    digest = hashlib.sha256(data).hexdigest()
    transcript = transcripts.for_image(data, info.width, info.height, digest=digest)
    return LoadedImage(transcript, data, info, "sha256:" + digest)


def _line(line: Line, *, with_confidence: bool) -> dict[str, object]:
    words: list[dict[str, object]] = []
    for word in line.words:
        entry: dict[str, object] = {"boundingBox": list(word.box), "text": word.text}
        if with_confidence and word.confidence < 0.6:
            entry["confidence"] = "Low"  # as in the seeds: only low-confidence words are marked
        words.append(entry)
    return {"boundingBox": list(line.box), "text": line.text, "words": words}


def _page_v2(transcript: Transcript) -> dict[str, object]:
    return {
        "page": 1,
        "clockwiseOrientation": 0.0,
        "width": transcript.width,
        "height": transcript.height,
        "unit": "pixel",
        "lines": [_line(line, with_confidence=True) for line in transcript.lines],
    }


def _csv(raw: str | None, known: dict[str, str], name: str) -> list[str]:
    if not raw:
        return []
    values: list[str] = []
    for item in raw.split(","):
        canonical = known.get(item.strip().lower())
        if canonical is None:
            raise Reject(400, "BadArgument", f"Invalid value '{item.strip()}' for parameter '{name}'.")
        values.append(canonical)
    return values


def _language(request: Request, known: frozenset[str]) -> str | None:
    language = request.query_value("language")
    if language is not None and language not in known:
        raise Reject(400, "NotSupportedLanguage", f"Language '{language}' is not supported.")
    return language


def _union(lines: tuple[Line, ...]) -> tuple[int, ...]:
    if not lines:
        return (0, 0, 0, 0, 0, 0, 0, 0)
    xs = [v for line in lines for v in line.box[0::2]]
    ys = [v for line in lines for v in line.box[1::2]]
    return (min(xs), min(ys), max(xs), min(ys), max(xs), max(ys), min(xs), max(ys))


def _xywh(box: tuple[int, ...]) -> str:
    xs, ys = box[0::2], box[1::2]
    return f"{min(xs)},{min(ys)},{max(xs) - min(xs)},{max(ys) - min(ys)}"


def _metadata(image: LoadedImage) -> dict[str, object]:
    info = image.info
    fmt = info.format.capitalize() if info else "Jpeg"
    return {"width": image.transcript.width, "height": image.transcript.height, "format": fmt}


def _analysis(
    image: LoadedImage, features: list[str], details: list[str], request_id: str
) -> dict[str, object]:
    """A fixed, plausible ImageAnalysis of a page of handwriting; only the requested features."""
    words = [w.text.lower() for line in image.transcript.lines for w in line.words]
    result: dict[str, object] = {"requestId": request_id, "metadata": _metadata(image)}
    if "Categories" in features:
        category: dict[str, object] = {"name": "text_", "score": 0.9}
        if details:
            category["detail"] = {d.lower(): [] for d in details}
        result["categories"] = [category]
    if "Tags" in features:
        result["tags"] = [{"name": "text", "confidence": 0.99}, {"name": "handwriting", "confidence": 0.95}]
    if "Description" in features:
        result["description"] = {
            "tags": ["text", "handwriting", *words[:3]],
            "captions": [
                {"text": "a close up of a piece of paper with handwritten text", "confidence": 0.87}
            ],
        }
    if "Faces" in features:
        result["faces"] = []
    if "Adult" in features:
        result["adult"] = {
            "isAdultContent": False,
            "isRacyContent": False,
            "adultScore": 0.01,
            "racyScore": 0.01,
        }
    if "Color" in features:
        result["color"] = {
            "dominantColorForeground": "Black",
            "dominantColorBackground": "White",
            "dominantColors": ["White", "Black"],
            "accentColor": "3C3C3C",
            "isBWImg": True,
        }
    if "ImageType" in features:
        result["imageType"] = {"clipArtType": 0, "lineDrawingType": 1}
    return result

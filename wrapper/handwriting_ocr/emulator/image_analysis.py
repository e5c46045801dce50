"""Azure Image Analysis 4.0 (``POST /computervision/imageanalysis:analyze``) on the emulator.

Synchronous (API-FACTS 6b): the answer is the ``ImageAnalysisResult`` itself, with ``readResult.blocks``
(one block of lines, each with a four-point ``boundingPolygon`` and words with confidences) and, when
asked, plausible deterministic caption, dense captions, tags, objects, smart crops and people results.
It accepts ``Ocp-Apim-Subscription-Key`` or ``Authorization: Bearer <token>`` (tokens from
``AzureSettings.bearer_tokens``).

Errors are ``{"error": {"code", "message", "innererror"?: {"code", "message"}}}`` with the outer code
repeated in the ``x-ms-error-code`` header: ``InvalidRequest`` outside, the precise reason
(``InvalidImageSize``, ``InvalidImageFormat``, ``InvalidImageUrl``, ``NotSupportedLanguage``...)
inside, as the service answers. The codes for a missing or unknown ``api-version``
(``MissingApiVersionParameter``, ``UnsupportedApiVersionValue``) follow the Azure REST API
guidelines; the inner codes for a bad feature, model version or aspect ratio are guesses.
"""

from __future__ import annotations

import re
import uuid
from typing import Final

from handwriting_ocr.emulator.azure import (
    IMAGE_ANALYSIS_LIMITS,
    REQUEST_ID_HEADER,
    AzureService,
    ImageProblem,
    LoadedImage,
    load_image,
)
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.transcripts import Line

API_VERSIONS: Final = frozenset({"2023-10-01"})
MODEL_VERSION: Final = "2023-10-01"
ERROR_CODE_HEADER: Final = "x-ms-error-code"
#: Feature names as the service spells them, by lower-case name.
FEATURES: Final = {
    name.lower(): name
    for name in ("read", "caption", "denseCaptions", "tags", "objects", "smartCrops", "people")
}
#: Smart-crop aspect ratios (width / height) the service accepts.
MIN_ASPECT, MAX_ASPECT = 0.75, 1.8
_PATH: Final = re.compile(r"/computervision/imageanalysis:analyze/?", re.IGNORECASE)
_LANGUAGE: Final = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")

_IMAGE_CODES: Final[dict[str, tuple[int, str | None, str]]] = {
    "json": (400, "BadArgument", "The request body is not a JSON object with a 'url'."),
    "url": (400, "InvalidImageUrl", "The image URL is not a valid absolute http(s) URL."),
    "download": (400, "InvalidImageUrl", "The image could not be downloaded from the URL."),
    "media_type": (415, "UnsupportedMediaType", "Send application/json or application/octet-stream."),
    # No inner code for a byte size out of range: that is how the service answers it.
    "empty": (400, None, "The image must hold between 1 byte and 20 MB."),
    "too_large": (400, None, "The image must hold between 1 byte and 20 MB."),
    "format": (400, "InvalidImageFormat", "The input is not an image format Image Analysis reads."),
    "dimensions": (400, "InvalidImageSize", "Each side of the image must be 50 to 16000 pixels."),
}


class _Refuse(Exception):
    def __init__(self, status: int, code: str, message: str, inner: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.inner = status, code, message, inner


class ImageAnalysisService:
    def __init__(self, azure: AzureService) -> None:
        self._azure = azure

    def handle(self, request: Request, fault: Fault | None) -> Response:
        request_id = str(uuid.uuid4())
        if request.method != "POST" or not _PATH.fullmatch(request.path):
            return self._azure.gateway_error(404, "Resource not found", request_id)
        refused = self._azure.authenticate(request, request_id, bearer=True)
        if refused is not None:
            return refused
        try:
            response = self._analyze(request, fault)
        except _Refuse as refuse:
            response = self.error(refuse.status, refuse.code, refuse.message, refuse.inner)
        return response.with_headers((REQUEST_ID_HEADER, request_id))

    def error(self, status: int, code: str, message: str, inner: str | None = None) -> Response:
        error: dict[str, object] = {"code": code, "message": message}
        if inner is not None:
            error["innererror"] = {"code": inner, "message": message}
        return json_response(status, {"error": error}, ((ERROR_CODE_HEADER, code),))

    def fault_response(self, fault: Fault) -> Response:
        if fault.kind in ("rate_limit", "expired_credentials"):
            return self._azure.fault_response(fault)
        retry = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
        code = "ServiceUnavailable" if fault.status == 503 else "InternalServerError"
        message = (
            "The service is temporarily unavailable." if fault.status == 503 else "Internal server error."
        )
        return self.error(fault.status, code, message).with_headers(
            (REQUEST_ID_HEADER, str(uuid.uuid4())), *retry
        )

    def _analyze(self, request: Request, fault: Fault | None) -> Response:
        version = request.query_value("api-version")
        if not version:
            raise _Refuse(
                400,
                "MissingApiVersionParameter",
                "The api-version query parameter (for example api-version=2023-10-01) is required.",
            )
        if version not in API_VERSIONS:
            raise _Refuse(
                400,
                "UnsupportedApiVersionValue",
                f"The api-version '{version}' is not supported; use one of: {', '.join(sorted(API_VERSIONS))}.",
            )
        features = _features(request.query_value("features"))
        language = request.query_value("language") or "en"
        if not _LANGUAGE.fullmatch(language):
            raise _Refuse(
                400, "InvalidRequest", f"'{language}' is not a language code.", "NotSupportedLanguage"
            )
        if language.lower() != "en" and ({"caption", "denseCaptions"} & set(features)):
            raise _Refuse(
                400,
                "InvalidRequest",
                f"Captions are not available in language '{language}'.",
                "NotSupportedLanguage",
            )
        neutral = request.query_value("gender-neutral-caption")
        if neutral is not None and neutral.lower() not in ("true", "false"):
            raise _Refuse(
                400, "InvalidRequest", "gender-neutral-caption must be true or false.", "BadArgument"
            )
        ratios = _aspect_ratios(request.query_value("smartcrops-aspect-ratios"))
        model = request.query_value("model-version") or "latest"
        if model not in ("latest", MODEL_VERSION):
            raise _Refuse(
                400, "InvalidRequest", f"The model version '{model}' is not available.", "InvalidModel"
            )
        try:
            image = load_image(request, IMAGE_ANALYSIS_LIMITS)
        except ImageProblem as problem:
            status, inner, message = _IMAGE_CODES[problem.kind]
            raise _Refuse(status, "InvalidRequest", message, inner) from None
        if fault is not None and fault.kind == "failed_operation":
            raise _Refuse(500, "InternalServerError", "The analysis failed.")
        return json_response(200, _result(image, features, ratios))


def _features(raw: str | None) -> list[str]:
    names = [item.strip() for item in (raw or "").split(",") if item.strip()]
    if not names:
        raise _Refuse(
            400,
            "InvalidRequest",
            "Name at least one visual feature in the 'features' query parameter (or a 'model-name').",
            "BadArgument",
        )
    features: list[str] = []
    for name in names:
        canonical = FEATURES.get(name.lower())
        if canonical is None:
            raise _Refuse(
                400, "InvalidRequest", f"'{name}' is not a visual feature.", "NotSupportedVisualFeature"
            )
        if canonical not in features:
            features.append(canonical)
    return features


def _aspect_ratios(raw: str | None) -> list[float]:
    if raw is None:
        return []
    ratios: list[float] = []
    for item in raw.split(","):
        try:
            ratio = float(item)
        except ValueError:
            ratio = float("nan")
        if not MIN_ASPECT <= ratio <= MAX_ASPECT:
            raise _Refuse(
                400,
                "InvalidRequest",
                f"Each smart-crop aspect ratio must be a number from {MIN_ASPECT} to {MAX_ASPECT}; got '{item}'.",
                "BadArgument",
            )
        ratios.append(ratio)
    return ratios


def _points(box: tuple[int, ...]) -> list[dict[str, int]]:
    return [{"x": box[i], "y": box[i + 1]} for i in range(0, 8, 2)]


def _rectangle(box: tuple[int, ...]) -> dict[str, int]:
    xs, ys = box[0::2], box[1::2]
    return {"x": min(xs), "y": min(ys), "w": max(xs) - min(xs), "h": max(ys) - min(ys)}


def _line(line: Line) -> dict[str, object]:
    return {
        "text": line.text,
        "boundingPolygon": _points(line.box),
        "words": [
            {"text": word.text, "boundingPolygon": _points(word.box), "confidence": word.confidence}
            for word in line.words
        ],
    }


def _crop(width: int, height: int, ratio: float) -> dict[str, object]:
    """The largest centred box of aspect ``ratio`` inside the image (the service looks for the subject)."""
    if width / height > ratio:
        h, w = height, max(1, min(width, round(height * ratio)))
    else:
        w, h = width, max(1, min(height, round(width / ratio)))
    box = {"x": (width - w) // 2, "y": (height - h) // 2, "w": w, "h": h}
    return {"aspectRatio": round(ratio, 2), "boundingBox": box}


def _result(image: LoadedImage, features: list[str], ratios: list[float]) -> dict[str, object]:
    transcript = image.transcript
    width, height = transcript.width, transcript.height
    lines = transcript.lines
    result: dict[str, object] = {
        "modelVersion": MODEL_VERSION,
        "metadata": {"width": width, "height": height},
    }
    caption = "a close up of handwritten text on paper" if lines else "a blank white surface"
    if "caption" in features:
        result["captionResult"] = {"text": caption, "confidence": 0.8123}
    if "denseCaptions" in features:
        whole = {
            "text": caption,
            "confidence": 0.8123,
            "boundingBox": {"x": 0, "y": 0, "w": width, "h": height},
        }
        regions = [
            {
                "text": "handwritten words on a white page",
                "confidence": 0.7011,
                "boundingBox": _rectangle(line.box),
            }
            for line in lines[:9]
        ]
        result["denseCaptionsResult"] = {"values": [whole, *regions]}
    if "tags" in features:
        tags = (
            [("text", 0.9934), ("handwriting", 0.9561), ("paper", 0.8342)] if lines else [("white", 0.9712)]
        )
        result["tagsResult"] = {"values": [{"name": name, "confidence": conf} for name, conf in tags]}
    if "objects" in features:
        result["objectsResult"] = {"values": []}
    if "people" in features:
        result["peopleResult"] = {"values": []}
    if "smartCrops" in features:
        chosen = ratios or [min(MAX_ASPECT, max(MIN_ASPECT, width / height))]
        result["smartCropsResult"] = {"values": [_crop(width, height, ratio) for ratio in chosen]}
    if "read" in features:
        result["readResult"] = {"blocks": [{"lines": [_line(line) for line in lines]}] if lines else []}
    return result

"""Tencent Cloud API 3.0 ``GeneralHandwritingOCR`` (version 2018-11-19) on the emulator.

The real service lives at ``https://ocr.tencentcloudapi.com/``; the emulator serves it on ``POST /``
of its one origin and tells it apart from the other APIs by the ``X-TC-Action`` header (every API 3.0
call carries one). Point a client at the emulator's ``host:port`` (e.g. the official SDK's
``HttpProfile(endpoint="127.0.0.1:8765", protocol="http")``).

Every answer is HTTP 200 with ``Content-Type: application/json`` and either
``{"Response": {"TextDetections": [...], "Angel", "Angle", "RequestId"}}`` or
``{"Response": {"Error": {"Code", "Message"}, "RequestId"}}``, as the service answers.

Checks, in this order (the order is the emulator's choice; the codes are the service's):

1. ``X-TC-Action``, ``X-TC-Version``, ``X-TC-Timestamp`` present (``MissingParameter``), the action
   known (``InvalidAction``), the version ``2018-11-19`` (``NoSuchVersion``), ``X-TC-Region`` if sent
   one of the OCR regions (``UnsupportedRegion``), the timestamp an integer (``InvalidParameter``).
2. The ``TC3-HMAC-SHA256`` ``Authorization``: well formed and signing at least ``content-type;host``
   (``AuthFailure.InvalidAuthorization``), a known ``SecretId`` (``AuthFailure.SecretIdNotFound``),
   a timestamp within 5 minutes of the emulator's clock (``AuthFailure.SignatureExpire``), the
   session token of a temporary key (``AuthFailure.TokenFailure``), then the signature itself,
   recomputed with :mod:`handwriting_ocr.signing.tc3` over the request as received
   (``AuthFailure.SignatureFailure``). ``X-TC-Content-SHA256: UNSIGNED-PAYLOAD`` is honoured.
3. The JSON body: no unknown fields (``UnknownParameter``), the documented types (``InvalidParameter``),
   ``Scene`` empty or ``only_hw`` (``InvalidParameterValue.InvalidParameterValueLimit``); then the
   image: ``ImageUrl`` wins over ``ImageBase64`` (a bundled sample's URL reads as that sample, a URL
   with ``unreachable`` gives ``FailedOperation.DownLoadError``), ``ImageBase64`` at most 10 MB
   (``LimitExceeded.TooLargeFileError``) and a decodable PNG or JPEG
   (``FailedOperation.ImageDecodeFailed``).
4. Recognition: no text at all (the blank image) gives ``FailedOperation.ImageNoText``; with
   ``Scene=only_hw`` printed lines are dropped, and nothing left gives
   ``FailedOperation.ImageNoHandWrite``. ``EnableDetectText=false`` reads the image as one line;
   ``EnableWordPolygon=true`` adds ``WordPolygon``, one quadrilateral per character (the documented
   "单字" unit; how a word's box is split among its letters is the emulator's).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from typing import Final

import attrs

from handwriting_ocr.emulator import transcripts
from handwriting_ocr.emulator.config import TencentSettings
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response
from handwriting_ocr.emulator.transcripts import Line, Transcript
from handwriting_ocr.signing import tc3
from handwriting_ocr.validation.image_info import describe_image as sniff

ACTION: Final = "GeneralHandwritingOCR"
VERSION: Final = "2018-11-19"
SERVICE: Final = "ocr"
MAX_BASE64: Final = 10 * 1024 * 1024
#: Exactly what the service sends: the official SDK compares the header with this literal value.
CONTENT_TYPE: Final = "application/json"
FIELDS: Final = frozenset({"ImageBase64", "ImageUrl", "Scene", "EnableWordPolygon", "EnableDetectText"})
_UNSIGNED_PAYLOAD_DIGEST: Final = hashlib.sha256(b"UNSIGNED-PAYLOAD").hexdigest()


class _Refuse(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@attrs.frozen
class _Key:
    appid: str
    secret_key: str
    token: str | None


class TencentV3Service:
    def __init__(self, settings: TencentSettings, clock: Callable[[], float]) -> None:
        self._settings = settings
        self._clock = clock
        keys = {a.secret_id: _Key(a.appid, a.secret_key, None) for a in settings.accounts}
        keys.update({t.secret_id: _Key(t.appid, t.secret_key, t.token) for t in settings.temporary_keys})
        self._keys = keys

    # -- envelopes ------------------------------------------------------------------------------------

    def answer(self, payload: dict[str, object], status: int = 200) -> Response:
        payload["RequestId"] = str(uuid.uuid4())
        body = json.dumps({"Response": payload}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(status, body, CONTENT_TYPE)

    def error(self, code: str, message: str, status: int = 200) -> Response:
        return self.answer({"Error": {"Code": code, "Message": message}}, status)

    def quota_key(self, request: Request) -> str | None:
        """The account (appid) owning the ``SecretId`` in the Authorization header, else None."""
        authorization = request.header("Authorization") or ""
        start = authorization.find("Credential=")
        if start < 0:
            return None
        secret_id = authorization[start + 11 :].split("/", 1)[0]
        key = self._keys.get(secret_id)
        return key.appid if key is not None else None

    def throttled(self, wait: float) -> Response:
        return self.error(
            "RequestLimitExceeded",
            "The request rate of this account exceeds the action's frequency limit; slow down.",
        )

    def fault_response(self, fault: Fault) -> Response:
        if fault.kind == "rate_limit":
            response = self.throttled(0.0)
        elif fault.kind == "expired_credentials":
            response = self.error("AuthFailure.SignatureExpire", "The signature has expired.")
        else:
            # Guess: a 5xx from the front end still carries the API 3.0 envelope.
            response = self.error("InternalError", "Internal error.", fault.status)
        if fault.retry_after is not None:
            response = response.with_headers(("Retry-After", fault.retry_after))
        return response

    # -- the call -------------------------------------------------------------------------------------

    def handle(self, request: Request, fault: Fault | None) -> Response:
        try:
            timestamp = self._check_headers(request)
            self._authenticate(request, timestamp)
            payload = self._parse_body(request)
            transcript = self._image(payload)
            if fault is not None and fault.kind == "failed_operation":
                raise _Refuse("FailedOperation.UnKnowError", "Recognition failed.")
            return self.answer(_recognize(transcript, payload))
        except _Refuse as refuse:
            return self.error(refuse.code, refuse.message)

    def _check_headers(self, request: Request) -> int:
        if request.method != "POST":
            raise _Refuse("UnsupportedProtocol", "Only POST requests are served here.")
        action = request.header("X-TC-Action")
        version = request.header("X-TC-Version")
        timestamp = request.header("X-TC-Timestamp")
        for name, value in (("Action", action), ("Version", version), ("Timestamp", timestamp)):
            if not value:
                raise _Refuse("MissingParameter", f"The request lacks the required parameter `{name}`.")
        if action != ACTION:
            raise _Refuse("InvalidAction", f"The action `{action}` does not exist.")
        if version != VERSION:
            raise _Refuse("NoSuchVersion", f"The version `{version}` of this API does not exist.")
        region = request.header("X-TC-Region")
        if region and region not in self._settings.regions:
            raise _Refuse("UnsupportedRegion", f"The action is not available in region `{region}`.")
        assert timestamp is not None
        if not timestamp.isdigit():
            raise _Refuse("InvalidParameter", "X-TC-Timestamp must be a Unix time in seconds.")
        return int(timestamp)

    def _authenticate(self, request: Request, timestamp: int) -> None:
        header = request.header("Authorization")
        parsed = tc3.parse_tc3_authorization(header) if header else None
        if parsed is None or not {"content-type", "host"} <= set(parsed.signed_headers):
            raise _Refuse(
                "AuthFailure.InvalidAuthorization", "The Authorization header is not a valid TC3 signature."
            )
        key = self._keys.get(parsed.secret_id)
        if key is None:
            raise _Refuse("AuthFailure.SecretIdNotFound", "The SecretId does not exist.")
        if abs(timestamp - self._clock()) > self._settings.max_clock_skew:
            raise _Refuse(
                "AuthFailure.SignatureExpire",
                "The signature has expired: X-TC-Timestamp is more than 5 minutes from the server's time.",
            )
        token = request.header("X-TC-Token")
        if (key.token is None and token) or (
            key.token is not None and not (token and hmac.compare_digest(token, key.token))
        ):
            raise _Refuse("AuthFailure.TokenFailure", "The session token is missing or does not match.")
        unsigned = (request.header("X-TC-Content-SHA256") or "") == "UNSIGNED-PAYLOAD"
        extra = {
            name: request.header(name) or ""
            for name in parsed.signed_headers
            if name not in ("content-type", "host")
        }
        valid = parsed.service == SERVICE and tc3.verify_tc3_signature(
            parsed,
            secret_key=key.secret_key,
            timestamp=timestamp,
            host=request.header("Host") or "",
            content_type=request.header("Content-Type") or "",
            payload=_UNSIGNED_PAYLOAD_DIGEST if unsigned else request.body,
            method=request.method,
            canonical_uri=request.raw_path or "/",
            canonical_query="",
            extra_headers=extra,
        )
        if not valid:
            raise _Refuse("AuthFailure.SignatureFailure", "The signature does not match the request.")

    def _parse_body(self, request: Request) -> dict[str, object]:
        if request.media_type != "application/json":
            # Guess: the code for a body that is not JSON (multipart is for other actions).
            raise _Refuse("InvalidParameter", "The request body must be application/json.")
        try:
            payload = json.loads(request.body or b"{}")
        except (UnicodeDecodeError, ValueError):
            raise _Refuse("InvalidParameter", "The request body is not valid JSON.") from None
        if not isinstance(payload, dict):
            raise _Refuse("InvalidParameter", "The request body must be a JSON object.")
        unknown = sorted(set(payload) - FIELDS)
        if unknown:
            raise _Refuse("UnknownParameter", f"The parameter `{unknown[0]}` is not recognised.")
        for name in ("ImageBase64", "ImageUrl", "Scene"):
            if name in payload and not isinstance(payload[name], str):
                raise _Refuse("InvalidParameter", f"The parameter `{name}` must be a string.")
        for name in ("EnableWordPolygon", "EnableDetectText"):
            if name in payload and not isinstance(payload[name], bool):
                raise _Refuse("InvalidParameter", f"The parameter `{name}` must be a boolean.")
        if payload.get("Scene", "") not in ("", "only_hw"):
            raise _Refuse(
                "InvalidParameterValue.InvalidParameterValueLimit", "Scene must be empty or `only_hw`."
            )
        return payload

    def _image(self, payload: dict[str, object]) -> Transcript:
        url, image = payload.get("ImageUrl"), payload.get("ImageBase64")
        if isinstance(url, str) and url:  # the URL wins when both are given (documented)
            if not transcripts.url_is_valid(url) or transcripts.is_unreachable(url):
                raise _Refuse("FailedOperation.DownLoadError", "The image could not be downloaded.")
            return transcripts.for_url(url)
        if not isinstance(image, str) or not image:
            # Guess: the code for a call with neither image field.
            raise _Refuse("InvalidParameterValue.InvalidParameterValueLimit", "Give ImageBase64 or ImageUrl.")
        if len(image) > MAX_BASE64:
            raise _Refuse("LimitExceeded.TooLargeFileError", "The image is larger than 10 MB after base64.")
        try:
            data = base64.b64decode(image, validate=True)
        except (binascii.Error, ValueError):
            raise _Refuse("FailedOperation.ImageDecodeFailed", "ImageBase64 is not valid base64.") from None
        info = sniff(data)
        if info is None or info.format not in ("png", "jpeg") or info.width is None or info.height is None:
            raise _Refuse("FailedOperation.ImageDecodeFailed", "The image is not a PNG or JPEG that decodes.")
        return transcripts.for_image(data, info.width, info.height)


def _quad(box: tuple[int, ...]) -> dict[str, dict[str, int]]:
    return {
        "LeftTop": {"X": box[0], "Y": box[1]},
        "RightTop": {"X": box[2], "Y": box[3]},
        "RightBottom": {"X": box[4], "Y": box[5]},
        "LeftBottom": {"X": box[6], "Y": box[7]},
    }


def _character_boxes(line: Line) -> list[tuple[int, ...]]:
    """One box per character of each word (spaces have none): the word's box cut into equal slices."""
    boxes: list[tuple[int, ...]] = []
    for word in line.words:
        left, top, right, bottom = word.box[0], word.box[1], word.box[4], word.box[5]
        count = len(word.text)
        for i in range(count):
            x0 = left + (right - left) * i // count
            x1 = left + (right - left) * (i + 1) // count
            boxes.append((x0, top, x1, top, x1, bottom, x0, bottom))
    return boxes


def _union(lines: tuple[Line, ...]) -> tuple[int, ...]:
    xs = [v for line in lines for v in line.box[0::2]]
    ys = [v for line in lines for v in line.box[1::2]]
    return (min(xs), min(ys), max(xs), min(ys), max(xs), max(ys), min(xs), max(ys))


def _recognize(transcript: Transcript, payload: dict[str, object]) -> dict[str, object]:
    lines = transcript.lines
    if not lines:
        raise _Refuse("FailedOperation.ImageNoText", "No text was found in the image.")
    if payload.get("Scene") == "only_hw":
        lines = tuple(line for line in lines if line.style == "handwriting")
        if not lines:
            raise _Refuse("FailedOperation.ImageNoHandWrite", "No handwriting was found in the image.")
    if payload.get("EnableDetectText") is False:
        words = tuple(word for line in lines for word in line.words)
        lines = (Line(" ".join(line.text for line in lines), _union(lines), words),)
    word_polygons = payload.get("EnableWordPolygon") is True
    detections: list[dict[str, object]] = []
    for line in lines:
        confidences = [word.confidence for word in line.words] or [1.0]
        detection: dict[str, object] = {
            "DetectedText": line.text,
            "Confidence": round(100 * sum(confidences) / len(confidences)),
            "Polygon": [{"X": line.box[i], "Y": line.box[i + 1]} for i in range(0, 8, 2)],
            # Guess: every line in one paragraph (the extension field's documented example shape).
            "AdvancedInfo": json.dumps({"Parag": {"ParagNo": 1}}, separators=(",", ":")),
        }
        if word_polygons:
            detection["WordPolygon"] = [_quad(box) for box in _character_boxes(line)]
        detections.append(detection)
    return {"TextDetections": detections, "Angel": 0.0, "Angle": 0.0}

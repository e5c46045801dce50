"""Tencent Cloud legacy OCR (``/ocr/handwriting``, ``/ocr/general``), as the emulator serves it.

Always HTTP 200 with ``{"code", "message", "data"}``, like the service. The ``Authorization``
signature is decoded and verified with :mod:`handwriting_ocr.signing.tencent`, in this order:
empty (4), malformed (5), unknown SecretId (11), unknown appid (10), appid and SecretId of different
accounts (12), HMAC (14), expired (9), replay (13, only if enabled), then the body's appid/bucket
against the signature's (6).
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import uuid
from collections.abc import Callable
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Final

import attrs

from handwriting_ocr.emulator import transcripts
from handwriting_ocr.emulator.config import TencentAccount, TencentSettings
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.transcripts import Transcript
from handwriting_ocr.signing import tencent as signing
from handwriting_ocr.validation.image_info import describe_image as sniff

MAX_BODY: Final = 6 * 1024 * 1024
PATHS: Final = frozenset({"/ocr/handwriting", "/ocr/general"})

MESSAGES: Final[dict[int, str]] = {
    0: "OK",
    4: "signature is empty",
    5: "signature is invalid",
    6: "appid or bucket does not match the signature",
    9: "signature expired",
    10: "appid does not exist",
    11: "secretid does not exist",
    12: "appid and secretid do not match",
    13: "replay attack",
    14: "signature verification failed",
    15: "too many requests, rate limited",
    21: "invalid parameter",
    23: "request body too large",
    213: "internal error",
    -1102: "image decode failed",
    -1300: "image is empty",
    -1301: "parameter is empty",
    -1308: "image download failed",
    -9011: "recognition failed",
}


class _Reject(Exception):
    def __init__(self, code: int, message: str | None = None) -> None:
        super().__init__(message or MESSAGES.get(code, "error"))
        self.code = code
        self.message = message or MESSAGES.get(code, "error")


@attrs.frozen
class _Body:
    appid: str | None
    bucket: str | None
    url: str | None
    image: bytes | None


class TencentService:
    def __init__(self, settings: TencentSettings, clock: Callable[[], float]) -> None:
        self._settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: set[str] = set()

    def envelope(
        self, code: int, message: str | None = None, data: dict[str, object] | None = None
    ) -> Response:
        session = uuid.uuid4().hex[:17]
        payload = {
            "code": code,
            "message": message or MESSAGES.get(code, "error"),
            "data": data if data is not None else {"session_id": session},
        }
        return json_response(200, payload)

    def handle(self, request: Request, fault: Fault | None) -> Response:
        if request.path.rstrip("/") not in PATHS or request.method != "POST":
            # The service's answer for unknown paths is not documented: a plain 404.
            return Response(404, b"Not Found", "text/plain")
        try:
            if len(request.body) > MAX_BODY:
                raise _Reject(23)
            _, fields = self._authenticate(request.header("Authorization"))
            body = self._parse_body(request)
            if body.appid is None:
                raise _Reject(-1301, "appid is empty")
            if body.appid != fields.appid or (body.bucket and body.bucket != fields.bucket):
                raise _Reject(6)
            transcript = self._recognize(body)
            if fault is not None and fault.kind == "failed_operation":
                raise _Reject(-9011)
        except _Reject as reject:
            return self.envelope(reject.code, reject.message)
        session = uuid.uuid4().hex[:17]
        items = [
            {
                "itemstring": line.text,
                "itemcoord": _xywh(line.box),
                "words": [{"character": char, "confidence": conf} for char, conf in _characters(line)],
                "coords": [],
                "candword": [],
            }
            for line in transcript.lines
        ]
        return self.envelope(0, "OK", {"session_id": session, "items": items})

    def quota_key(self, request: Request) -> str | None:
        """The appid a call counts against, read from its signature (not verified here), if known."""
        authorization = request.header("Authorization")
        decoded = signing.decode(authorization) if authorization else None
        fields = signing.parse_original(decoded[1]) if decoded else None
        if fields is None or not any(a.appid == fields.appid for a in self._settings.accounts):
            return None
        return fields.appid

    def throttled(self, wait: float) -> Response:
        """Code 15 in the usual HTTP 200 envelope."""
        return self.envelope(15)

    def fault_response(self, fault: Fault) -> Response:
        if fault.kind == "rate_limit":
            # Code 15 in the usual HTTP 200 envelope. Guess: the legacy service never documents a
            # Retry-After; the emulator adds one only when the fault asks for it.
            response = self.envelope(15)
            return (
                response.with_headers(("Retry-After", fault.retry_after)) if fault.retry_after else response
            )
        if fault.kind == "expired_credentials":
            return self.envelope(9)
        # A 5xx from the front end, still in the JSON envelope (code 213, internal error). Guess.
        response = attrs.evolve(self.envelope(213), status=fault.status)
        return response.with_headers(("Retry-After", fault.retry_after)) if fault.retry_after else response

    def _authenticate(self, authorization: str | None) -> tuple[TencentAccount, signing.SignatureFields]:
        if not authorization or not authorization.strip():
            raise _Reject(4)
        decoded = signing.decode(authorization)
        fields = signing.parse_original(decoded[1]) if decoded else None
        if decoded is None or fields is None:
            raise _Reject(5)
        accounts = self._settings.accounts
        by_secret_id = next((a for a in accounts if a.secret_id == fields.secret_id), None)
        if by_secret_id is None:
            raise _Reject(11)
        if not any(a.appid == fields.appid for a in accounts):
            raise _Reject(10)
        if by_secret_id.appid != fields.appid:
            raise _Reject(12)
        if not signing.verify(authorization, by_secret_id.secret_key):
            raise _Reject(14)
        if fields.expires_at <= self._clock():
            raise _Reject(9)
        if self._settings.reject_replay:
            with self._lock:
                if authorization in self._seen:
                    raise _Reject(13)
                self._seen.add(authorization)
        return by_secret_id, fields

    def _parse_body(self, request: Request) -> _Body:
        if request.media_type == "application/json":
            try:
                payload = json.loads(request.body)
            except (UnicodeDecodeError, ValueError):
                raise _Reject(21, "request body is not valid JSON") from None
            if not isinstance(payload, dict):
                raise _Reject(21, "request body must be a JSON object")
            image_text = payload.get("image")
            image: bytes | None = None
            if image_text is not None:
                if not isinstance(image_text, str):
                    raise _Reject(21, "image must be a base64 string")
                try:
                    image = base64.b64decode(image_text, validate=True)
                except (binascii.Error, ValueError):
                    raise _Reject(-1102) from None
            return _Body(
                _text(payload.get("appid")), _text(payload.get("bucket")), _text(payload.get("url")), image
            )
        if request.media_type == "multipart/form-data":
            return self._parse_multipart(request)
        raise _Reject(21, "content-type must be application/json or multipart/form-data")

    def _parse_multipart(self, request: Request) -> _Body:
        parts = _multipart_parts(request.header("content-type") or "", request.body)
        text = {k: v.decode("utf-8", "replace").strip() for k, v in parts.items() if k != "image"}
        return _Body(text.get("appid"), text.get("bucket"), text.get("url"), parts.get("image"))

    def _recognize(self, body: _Body) -> Transcript:
        if body.url:  # url wins over image when both are given (documented)
            if not transcripts.url_is_valid(body.url):
                raise _Reject(21, "url is invalid")
            if transcripts.is_unreachable(body.url):
                raise _Reject(-1308)
            return transcripts.for_url(body.url)
        if not body.image:
            raise _Reject(-1300)
        info = sniff(body.image)
        if info is None or info.format == "pdf" or info.width is None or info.height is None:
            raise _Reject(-1102)
        return transcripts.for_image(body.image, info.width, info.height)


def _multipart_parts(content_type: str, body: bytes) -> dict[str, bytes]:
    """The named parts of a ``multipart/form-data`` body (RFC 7578), each part's bytes as sent.

    Why not ``email.parser`` on the whole body: it splits the (binary, often large) image into lines
    and decodes each one, several milliseconds of server CPU per request. Here the body is cut on its
    boundary, and only each part's few header lines go through the stdlib's header parser (which
    handles quoting in ``Content-Disposition``). RFC 7578 deprecates Content-Transfer-Encoding in
    form data, so part bodies are taken as they are.
    """
    holder = Message()
    holder["Content-Type"] = content_type
    boundary = holder.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise _Reject(21, "malformed multipart body")
    try:
        delimiter = b"\r\n--" + boundary.encode("latin-1")
    except UnicodeEncodeError:
        raise _Reject(21, "malformed multipart body") from None
    # Each delimiter follows a line break (the first may open the body): chunks[0] is the preamble,
    # and the closing delimiter's chunk starts with "--".
    chunks = (b"\r\n" + body).split(delimiter)
    parts: dict[str, bytes] = {}
    closed = False
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            closed = True
            break
        head, separator, payload = chunk.partition(b"\r\n\r\n")
        if not separator or not head.startswith(b"\r\n"):
            raise _Reject(21, "malformed multipart body")
        headers = BytesHeaderParser(policy=compat32).parsebytes(head[2:] + b"\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        if isinstance(name, str):
            parts[name] = payload
    if not closed:
        raise _Reject(21, "malformed multipart body")
    return parts


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _xywh(box: tuple[int, ...]) -> dict[str, int]:
    xs, ys = box[0::2], box[1::2]
    return {"x": min(xs), "y": min(ys), "width": max(xs) - min(xs), "height": max(ys) - min(ys)}


def _characters(line: transcripts.Line) -> list[tuple[str, float]]:
    # Tencent's "words" are single characters without boxes; spaces are not reported.
    return [(char, word.confidence) for word in line.words for char in word.text]

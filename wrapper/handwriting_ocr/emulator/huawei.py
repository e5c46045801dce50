"""Huawei Cloud IAM (password tokens) and OCR handwriting, as the emulator serves them.

OCR calls authenticate with a token this emulator's IAM issued (``X-Auth-Token``, checked for expiry
and project) or with an ``SDK-HMAC-SHA256`` signature recomputed with
:mod:`handwriting_ocr.signing.huawei` (``X-Sdk-Date`` must be within the allowed clock skew). Every
response carries ``X-Request-Id``; OCR errors use ``{"error_code", "error_msg"}`` and IAM errors
``{"error": {"code", "message", "title"}}``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final

from handwriting_ocr.emulator import transcripts
from handwriting_ocr.emulator.config import HuaweiSettings
from handwriting_ocr.emulator.faults import Fault
from handwriting_ocr.emulator.http import Request, Response, json_response
from handwriting_ocr.emulator.transcripts import Transcript
from handwriting_ocr.signing import huawei as signing
from handwriting_ocr.validation.image_info import describe_image as sniff

REQUEST_ID_HEADER: Final = "X-Request-Id"
MAX_BASE64: Final = 10 * 1024 * 1024
CHAR_SETS: Final = frozenset({"digit", "letter", "digit_letter", "general"})
_OCR_PATH: Final = re.compile(r"/v2/([^/]+)/ocr/handwriting/?")


class _Reject(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "000Z"


class HuaweiService:
    def __init__(self, settings: HuaweiSettings, clock: Callable[[], float]) -> None:
        self._settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[float, str]] = {}  # token -> (expires_at, project id)

    def is_iam(self, request: Request) -> bool:
        return request.path.rstrip("/") == "/v3/auth/tokens"

    # -- IAM ------------------------------------------------------------------------------------------

    def handle_iam(self, request: Request, fault: Fault | None) -> Response:
        request_id = uuid.uuid4().hex
        if request.method != "POST":
            return self._iam_error(405, "Method not allowed.", request_id)
        try:
            payload = json.loads(request.body)
            identity = payload["auth"]["identity"]
            if "password" not in identity.get("methods", []):
                raise KeyError("methods")
            user = identity["password"]["user"]
            domain, name, password = user["domain"]["name"], user["name"], user["password"]
            scope = payload["auth"].get("scope", {}).get("project", {})
            project_name = scope.get("name") or self._settings.region
        except (KeyError, TypeError, AttributeError, UnicodeDecodeError, ValueError):
            return self._iam_error(400, "The request body is invalid.", request_id)
        known = any(
            u.domain == domain
            and u.name == name
            and hmac.compare_digest(u.password.encode(), str(password).encode())
            for u in self._settings.users
        )
        if not known:
            return self._iam_error(401, "The username or password is wrong.", request_id)
        if project_name != self._settings.region:
            # Guess: IAM's exact answer for a project name that does not exist.
            return self._iam_error(400, f"Project '{project_name}' does not exist.", request_id)
        token = "MII" + secrets.token_urlsafe(48)
        issued = self._clock()
        expires = issued + self._settings.token_ttl
        with self._lock:
            self._tokens = {t: v for t, v in self._tokens.items() if v[0] > issued}
            self._tokens[token] = (expires, self._settings.project_id)
        body = {
            "token": {
                "expires_at": _iso(expires),
                "issued_at": _iso(issued),
                "methods": ["password"],
                "project": {
                    "id": self._settings.project_id,
                    "name": project_name,
                    "domain": {"id": hashlib.md5(domain.encode()).hexdigest(), "name": domain},
                },
                "user": {
                    "id": hashlib.md5(f"{domain}/{name}".encode()).hexdigest(),
                    "name": name,
                    "domain": {"id": hashlib.md5(domain.encode()).hexdigest(), "name": domain},
                },
                "catalog": [],
                "roles": [{"id": "0", "name": "op_service"}],
            }
        }
        return json_response(201, body, (("X-Subject-Token", token), (REQUEST_ID_HEADER, request_id)))

    def _iam_error(self, status: int, message: str, request_id: str) -> Response:
        titles = {
            400: "Bad Request",
            401: "Unauthorized",
            405: "Method Not Allowed",
            429: "Too Many Requests",
        }
        return json_response(
            status,
            {"error": {"code": str(status), "message": message, "title": titles.get(status, "Error")}},
            ((REQUEST_ID_HEADER, request_id),),
        )

    def expire_tokens(self) -> None:
        """Make every issued token expired (as if 24 h had passed): the next OCR call gets 401."""
        with self._lock:
            self._tokens = {t: (0.0, p) for t, (_, p) in self._tokens.items()}

    # -- OCR ------------------------------------------------------------------------------------------

    def handle_ocr(self, request: Request, fault: Fault | None) -> Response:
        request_id = uuid.uuid4().hex
        try:
            match = _OCR_PATH.fullmatch(request.path)
            if match is None or request.method != "POST":
                # Guess: APIG's answer for an unknown API.
                raise _Reject(
                    404, "APIG.0101", "The API does not exist or has not been published in the environment."
                )
            self._authenticate(request, match.group(1))
            if not self._settings.subscribed:
                raise _Reject(403, "ModelArts.4204", "The service has not been subscribed in this region.")
            transcript = self._recognize(request)
            if fault is not None and fault.kind == "failed_operation":
                raise _Reject(500, "AIS.0105", "Recognition failed.")
            blocks = [
                {
                    "words": line.text,
                    "confidence": round(sum(w.confidence for w in line.words) / max(1, len(line.words)), 4),
                    "location": [[line.box[i], line.box[i + 1]] for i in range(0, 8, 2)],
                    "type": "text",
                }
                for line in _reading_order(transcript)
            ]
            response = json_response(
                200, {"result": {"words_block_count": len(blocks), "words_block_list": blocks}}
            )
        except _Reject as reject:
            response = self.ocr_error(reject.status, reject.code, reject.message)
        return response.with_headers((REQUEST_ID_HEADER, request_id))

    def quota_key(self, request: Request) -> str | None:
        """The project an OCR call counts against (the path's, if it is the emulator's project).

        Token and AK/SK callers alike name their project in the path, so this needs no signature
        work; a call for another project is left to authentication, which refuses it.
        """
        match = _OCR_PATH.fullmatch(request.path)
        if match is None or match.group(1) != self._settings.project_id:
            return None
        return match.group(1)

    def throttled(self, wait: float) -> Response:
        """APIG flow control beyond the quota: 429 ``APIG.0308``, without ``Retry-After``."""
        response = self.ocr_error(429, "APIG.0308", "The request is throttled due to flow control.")
        return response.with_headers((REQUEST_ID_HEADER, uuid.uuid4().hex))

    def ocr_error(self, status: int, code: str, message: str) -> Response:
        return json_response(status, {"error_code": code, "error_msg": message})

    def fault_response(self, fault: Fault, *, iam: bool) -> Response:
        request_id = uuid.uuid4().hex
        retry = (("Retry-After", fault.retry_after),) if fault.retry_after is not None else ()
        if iam:
            messages = {429: "The request is throttled.", 401: "The token has expired."}
            response = self._iam_error(
                fault.status, messages.get(fault.status, "Internal server error."), request_id
            )
            return response.with_headers(*retry)
        if fault.kind == "rate_limit":
            response = self.ocr_error(429, "APIG.0308", "The request is throttled due to flow control.")
        elif fault.kind == "expired_credentials":
            response = self.ocr_error(
                401, "APIG.0301", "Incorrect IAM authentication information: token expired."
            )
        else:
            # Guess: the code a 5xx carries; AIS.0105 is the documented "recognition failed".
            response = self.ocr_error(fault.status, "AIS.0105", "Internal service error.")
        return response.with_headers((REQUEST_ID_HEADER, request_id), *retry)

    def _authenticate(self, request: Request, project_id: str) -> None:
        token = request.header("X-Auth-Token")
        if token is not None:
            with self._lock:
                entry = self._tokens.get(token)
            if entry is None:
                raise _Reject(
                    401, "APIG.0301", "Incorrect IAM authentication information: decrypt token fail."
                )
            expires_at, token_project = entry
            if expires_at <= self._clock():
                raise _Reject(401, "APIG.0301", "Incorrect IAM authentication information: token expired.")
            if token_project != project_id:
                # Guess: the real gateway's wording for a token of another project.
                raise _Reject(
                    401, "APIG.0301", "Incorrect IAM authentication information: project id mismatch."
                )
            return
        authorization = request.header("Authorization")
        if authorization is None:
            raise _Reject(401, "APIG.0301", "Incorrect IAM authentication information: no credentials.")
        self._verify_signature(request, authorization)
        if project_id != self._settings.project_id:
            raise _Reject(401, "APIG.0301", "Incorrect IAM authentication information: project id mismatch.")

    def _verify_signature(self, request: Request, authorization: str) -> None:
        parsed = signing.parse_authorization(authorization)
        fail = "Incorrect IAM authentication information: verify aksk signature fail."
        if parsed is None:
            raise _Reject(401, "APIG.0301", fail)
        access_key, signed_headers, signature = parsed
        if access_key != self._settings.access_key:
            raise _Reject(401, "APIG.0301", "Incorrect IAM authentication information: ak not found.")
        date_text = request.header(signing.DATE_HEADER) or ""
        date = signing.parse_sdk_date(date_text)
        if date is None:
            raise _Reject(401, "APIG.0301", fail)
        if abs(date.timestamp() - self._clock()) > self._settings.max_clock_skew:
            raise _Reject(401, "APIG.0301", "Incorrect IAM authentication information: request expired.")
        if "host" not in signed_headers:
            raise _Reject(401, "APIG.0301", fail)
        canonical = signing.canonical_request(
            request.method, request.raw_path, request.query, request.headers, request.body, signed_headers
        )
        content_hash = request.header("X-Sdk-Content-Sha256")
        if content_hash == "UNSIGNED-PAYLOAD":
            # The official SDK does not hash non-JSON bodies; it signs this marker instead.
            canonical = canonical.rsplit("\n", 1)[0] + "\nUNSIGNED-PAYLOAD"
        expected = signing.signature(self._settings.secret_key, signing.string_to_sign(canonical, date_text))
        if not hmac.compare_digest(expected, signature):
            raise _Reject(401, "APIG.0301", fail)

    def _recognize(self, request: Request) -> Transcript:
        try:
            payload = json.loads(request.body)
        except (UnicodeDecodeError, ValueError):
            raise _Reject(400, "AIS.0101", "The request body is not valid JSON.") from None
        if not isinstance(payload, dict):
            raise _Reject(400, "AIS.0101", "The request body must be a JSON object.")
        char_set = payload.get("char_set", "general")
        if char_set not in CHAR_SETS:
            raise _Reject(400, "AIS.0101", "The parameter char_set is invalid.")
        for flag in ("quick_mode", "detect_direction"):
            if flag in payload and not isinstance(payload[flag], bool):
                raise _Reject(400, "AIS.0101", f"The parameter {flag} must be a boolean.")
        image, url = payload.get("image"), payload.get("url")
        if bool(image) == bool(url):
            raise _Reject(400, "AIS.0101", "Exactly one of the parameters image and url must be given.")
        if url:
            if not isinstance(url, str) or not transcripts.url_is_valid(url):
                raise _Reject(400, "AIS.0101", "The parameter url is invalid.")
            if transcripts.is_unreachable(url):
                # Guess: the documented list has no dedicated download-failure code.
                raise _Reject(400, "AIS.0101", "The image cannot be downloaded from the url.")
            return transcripts.for_url(url)
        if not isinstance(image, str):
            raise _Reject(400, "AIS.0101", "The parameter image must be a base64 string.")
        if len(image) > MAX_BASE64:
            raise _Reject(400, "AIS.0103", "The image size exceeds the limit of 10 MB.")
        try:
            data = base64.b64decode(image, validate=True)
        except (binascii.Error, ValueError):
            raise _Reject(400, "AIS.0101", "The parameter image is not valid base64.") from None
        info = sniff(data)
        if info is None or info.format not in ("jpeg", "png", "bmp", "tiff"):
            raise _Reject(400, "AIS.0102", "The image format is not supported.")
        if info.width is None or info.height is None:
            raise _Reject(400, "AIS.0102", "The image cannot be decoded.")
        if min(info.width, info.height) < 8 or max(info.width, info.height) > 8192:
            raise _Reject(400, "AIS.0103", "The image size is out of range.")
        return transcripts.for_image(data, info.width, info.height)


def _reading_order(transcript: Transcript) -> list[transcripts.Line]:
    # Blocks go top-to-bottom, then left-to-right (the documented order).
    return sorted(transcript.lines, key=lambda line: (min(line.box[1::2]), min(line.box[0::2])))

"""Request-conformance cases for ``tencent_ocr_client`` (Tencent Cloud legacy OCR)."""

from __future__ import annotations

import io

from tencent_ocr_client.models import OcrMultipartRequest, OcrRequest
from tencent_ocr_client.types import File

from .expectations import TENCENT_OCR
from .request_cases import Reply, RequestCase

BASE = TENCENT_OCR.base_url
APPID = "1252821871"
BUCKET = "tencentyun"
IMAGE_URL = "http://test-1254540501.cosgz.myqcloud.com/%E6%89%8B%E5%86%99%E4%BD%93.jpg"
# Binary file content, including CR LF and bytes that are not UTF-8: the file part must carry them as is.
IMAGE_BYTES = b"\xff\xd8\xff\xdb\x00C\x00\r\n--not-a-boundary\r\n" + bytes(range(128, 256))
RESULT = {
    "code": 0,
    "message": "OK",
    "data": {
        "session_id": "10000011386698236",
        "items": [
            {
                "itemcoord": {"x": 37, "y": 22, "width": 221, "height": 40},
                "itemstring": "只要",
                "coords": [],
                "words": [{"character": "只", "confidence": 0.99}, {"character": "要", "confidence": 87.5}],
                "candword": [],
            }
        ],
    },
}


def _json_url() -> dict[str, object]:
    return {"body": OcrRequest(appid=APPID, bucket=BUCKET, url=IMAGE_URL)}


def _multipart_named_file() -> dict[str, object]:
    image = File(payload=io.BytesIO(IMAGE_BYTES), file_name="test.jpg", mime_type="image/jpeg")
    return {"body": OcrMultipartRequest(appid=APPID, image=image, bucket=BUCKET)}


def _multipart_bare_file() -> dict[str, object]:
    return {"body": OcrMultipartRequest(appid=APPID, image=File(payload=io.BytesIO(IMAGE_BYTES)))}


def _part(headers: str, content: bytes) -> bytes:
    return b"--+++\r\n" + headers.encode("ascii") + b"\r\n\r\n" + content + b"\r\n"


# The generator's fixed boundary `+++`; text fields go as text/plain parts, required fields first.
MULTIPART_NAMED = (
    _part('Content-Disposition: form-data; name="appid"\r\nContent-Type: text/plain', APPID.encode())
    + _part(
        'Content-Disposition: form-data; name="image"; filename="test.jpg"\r\nContent-Type: image/jpeg',
        IMAGE_BYTES,
    )
    + _part('Content-Disposition: form-data; name="bucket"\r\nContent-Type: text/plain', BUCKET.encode())
    + b"--+++--\r\n"
)
# A File without a name goes out as a part with neither filename nor Content-Type (httpx's rule for
# a file tuple whose name is None). Seed 004's example sends a named file part, so callers (the
# wrapper) should always name the file; this case pins what happens when they do not.
MULTIPART_BARE = (
    _part('Content-Disposition: form-data; name="appid"\r\nContent-Type: text/plain', APPID.encode())
    + _part('Content-Disposition: form-data; name="image"', IMAGE_BYTES)
    + b"--+++--\r\n"
)
JSON_BODY = f'{{"appid":"{APPID}","bucket":"{BUCKET}","url":"{IMAGE_URL}"}}'.encode()
MULTIPART_TYPE = "multipart/form-data; boundary=+++"


def _cases(operation_id: str, path: str) -> tuple[RequestCase, ...]:
    url = f"{BASE}{path}"
    reply = Reply.json(200, RESULT)
    return (
        RequestCase(
            TENCENT_OCR,
            operation_id,
            "application/json",
            _json_url,
            expected_url=url,
            expected_content_type="application/json",
            expected_body=JSON_BODY,
            reply=reply,
        ),
        RequestCase(
            TENCENT_OCR,
            operation_id,
            "multipart/form-data",
            _multipart_named_file,
            expected_url=url,
            expected_content_type=MULTIPART_TYPE,
            expected_body=MULTIPART_NAMED,
            reply=reply,
            variant="named-file",
        ),
        RequestCase(
            TENCENT_OCR,
            operation_id,
            "multipart/form-data",
            _multipart_bare_file,
            expected_url=url,
            expected_content_type=MULTIPART_TYPE,
            expected_body=MULTIPART_BARE,
            reply=reply,
            variant="bare-file",
        ),
    )


CASES = (*_cases("recognizeHandwriting", "/ocr/handwriting"), *_cases("recognizeGeneral", "/ocr/general"))

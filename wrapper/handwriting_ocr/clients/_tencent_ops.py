"""Tencent Cloud legacy OCR (handwriting and general) without I/O: validate, build, read the answer.

Three body forms, all from the generated request models and ``_get_kwargs``: JSON with ``url``, JSON
with a base64 ``image``, or ``multipart/form-data`` with the raw image as the ``image`` part. The
answer is HTTP 200 even for errors: the body's ``code`` decides (``check_tencent_envelope``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final, Literal

import httpx

from handwriting_ocr.clients._http import RequestSpec
from handwriting_ocr.clients._json_body import Base64Text
from handwriting_ocr.clients._ops import Call
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    from tencent_ocr_client.models.handwriting_response import HandwritingResponse
    from tencent_ocr_client.types import Unset

    from handwriting_ocr.validation import ImageInput

__all__ = ["BodyMode", "TencentOperations"]

#: How the image travels: "json" (a URL, or base64 bytes) or "multipart" (raw bytes, no URL).
#: None picks JSON for URLs and multipart for bytes, which avoids base64's third more of body.
BodyMode = Literal["json", "multipart"]

# Same rule as the validation module: "scheme:" with two or more characters is a URL, not a path.
_URL_LIKE: Final = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.\-]+:")

_BuildKwargs = Callable[..., dict[str, Any]]


def _is_url_input(image: ImageInput | None, url: str | None) -> bool:
    return url is not None or (isinstance(image, str) and _URL_LIKE.match(image) is not None)


def _handle(response: httpx.Response) -> HandwritingResponse:
    from tencent_ocr_client.models.handwriting_response import HandwritingResponse

    from handwriting_ocr.error_mapping import check_tencent_envelope, model_from_data, require_shape

    envelope = check_tencent_envelope(response)
    # code 0 without data (or with data [] or items missing) has lost its result: malformed, not empty.
    require_shape("tencent", response, envelope, ("data", dict), ("data", "items", list))
    return model_from_data(
        "tencent", envelope, HandwritingResponse.from_dict, response=response, what="OCR answer"
    )


class TencentOperations:
    """Request builders for one endpoint, appid and bucket."""

    def __init__(self, *, endpoint: str, appid: str, bucket: str) -> None:
        self.endpoint = endpoint
        self.appid = appid
        self.bucket = bucket

    def _bucket(self) -> str | Unset:
        from tencent_ocr_client.types import UNSET

        # The bucket is legacy and optional; when sent it must equal the signature's b= field.
        return self.bucket if self.bucket else UNSET

    def _call(
        self, build: _BuildKwargs, image: ImageInput | None, url: str | None, mode: BodyMode | None
    ) -> Call[HandwritingResponse]:
        from tencent_ocr_client.models.ocr_multipart_request import OcrMultipartRequest
        from tencent_ocr_client.models.ocr_request import OcrRequest
        from tencent_ocr_client.types import File

        from handwriting_ocr.validation import TENCENT_JSON, TENCENT_MULTIPART, ImageBytes, validate_image

        if mode not in (None, "json", "multipart"):
            raise InvalidInputError(
                f"mode must be 'json' or 'multipart', not {mode!r}", provider="tencent", field="mode"
            )
        if mode is None:
            mode = "json" if _is_url_input(image, url) else "multipart"
        body: OcrRequest | OcrMultipartRequest
        if mode == "multipart":
            validated = validate_image(image, TENCENT_MULTIPART, url=url)
            assert isinstance(validated, ImageBytes)  # TENCENT_MULTIPART refuses URLs
            body = OcrMultipartRequest(
                appid=self.appid,
                image=File(
                    payload=BytesIO(validated.data),
                    file_name=f"image.{validated.extension}",
                    mime_type=validated.media_type,
                ),
                bucket=self._bucket(),
            )
        else:
            checked = validate_image(image, TENCENT_JSON, url=url)
            if isinstance(checked, ImageBytes):
                encoded = Base64Text.of(checked.data)  # in pieces, sent as they are
                body = OcrRequest(appid=self.appid, bucket=self._bucket(), image=encoded)
            else:
                body = OcrRequest(appid=self.appid, bucket=self._bucket(), url=checked.url)
        # Recognition has no lasting side effect; code 15 (throttled) is retried by the policy's
        # classify hook, and code 9 (expired signature) is re-signed by the auth.
        spec = RequestSpec.from_generated(build(body=body), base_url=self.endpoint, retry="safe")
        return Call(spec=spec, handle=_handle)

    def handwriting(
        self, image: ImageInput | None, url: str | None, mode: BodyMode | None
    ) -> Call[HandwritingResponse]:
        from tencent_ocr_client.api.default import recognize_handwriting

        return self._call(recognize_handwriting._get_kwargs, image, url, mode)

    def general(
        self, image: ImageInput | None, url: str | None, mode: BodyMode | None
    ) -> Call[HandwritingResponse]:
        from tencent_ocr_client.api.default import recognize_general

        return self._call(recognize_general._get_kwargs, image, url, mode)

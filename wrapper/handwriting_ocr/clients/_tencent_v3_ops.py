"""Tencent Cloud API 3.0 ``GeneralHandwritingOCR`` without I/O: validate, build, read the answer.

The body is the generated ``GeneralHandwritingOCRRequest`` (``ImageBase64`` or ``ImageUrl``, and the
options) and the request the generated ``general_handwriting_ocr._get_kwargs`` (``POST /`` with
``X-TC-Action`` and ``X-TC-Version``); :class:`~handwriting_ocr.auth.tencent_v3.TencentTC3Auth` adds
the timestamp, region and signature. Options left as None are not sent, so the service's defaults
apply.

Answers are HTTP 200 for results and errors alike: ``{"Response": {"TextDetections": [...], "Angle",
"RequestId"}}`` or ``{"Response": {"Error": {"Code", "Message"}, "RequestId"}}``. An ``Error`` raises
the mapped error (:func:`~handwriting_ocr.error_mapping.tencent_v3_error`), except the two that
mean "nothing to read":

``FailedOperation.ImageNoText`` and ``FailedOperation.ImageNoHandWrite`` (with ``Scene="only_hw"``)
    The image was read and holds no (handwritten) text. That is an answer, not a failure: a batch of
    scans with a few blank pages should not stop at them. The result is an empty one: no text
    detections, the service's ``Error`` kept beside them (``response.error`` on the typed model,
    the Document's extras) so a caller can still tell "nothing found" from an ordinary result.

An answer that is neither (no ``Response`` object, no ``TextDetections`` list and no ``Error``) is a
:class:`~handwriting_ocr.errors.MalformedResponseError`, never an empty success.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeAlias

import httpx

from handwriting_ocr._retry_after import retry_after_from_headers
from handwriting_ocr.clients._http import RequestSpec
from handwriting_ocr.clients._json_body import Base64Text
from handwriting_ocr.clients._ops import Call, document_from_answer
from handwriting_ocr.config import TENCENT_V3_ENDPOINT
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError

if TYPE_CHECKING:
    from tencent_ocr_v3_client.models.general_handwriting_ocr_request import GeneralHandwritingOCRRequest
    from tencent_ocr_v3_client.models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse
    from tencent_ocr_v3_client.models.known_scene import KnownScene
    from tencent_ocr_v3_client.types import Unset

    from handwriting_ocr.documents import Document
    from handwriting_ocr.validation import ImageInput

__all__ = ["NO_TEXT_CODES", "TENCENT_V3_ENDPOINT", "Scene", "TencentV3Operations", "checked_answer"]

#: Where API 3.0 lives (the service routes to the region in ``X-TC-Region``). Regional hosts such as
#: ``https://ocr.ap-guangzhou.tencentcloudapi.com`` work too, as ``endpoint=``.


#: ``only_hw`` (handwriting only), or another scene the service adds later (sent as given).
Scene: TypeAlias = "KnownScene | str"

#: Error codes meaning the image holds no (handwritten) text: an empty result, not an error.
NO_TEXT_CODES: Final = frozenset({"FailedOperation.ImageNoText", "FailedOperation.ImageNoHandWrite"})


def _flag(value: bool | None, field: str) -> bool | Unset:
    from tencent_ocr_v3_client.types import UNSET

    if value is None:
        return UNSET
    if not isinstance(value, bool):
        raise InvalidInputError(f"{field} must be True, False or None", provider="tencent", field=field)
    return value


def _scene(value: Scene | None) -> KnownScene | str | Unset:
    from tencent_ocr_v3_client.models.known_scene import KnownScene
    from tencent_ocr_v3_client.types import UNSET

    if value is None:
        return UNSET
    if isinstance(value, KnownScene):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("scene must be a non-empty string", provider="tencent", field="scene")
    try:
        return KnownScene(value.strip())
    except ValueError:
        return value.strip()


def _request_id(response: httpx.Response, inner: dict[str, object] | None) -> str | None:
    from handwriting_ocr.error_mapping import clean_text, request_id_from_headers

    value = inner.get("RequestId") if inner is not None else None
    if isinstance(value, str) and value.strip():
        return clean_text(value, 100)
    return request_id_from_headers(response.headers)


def _error_of(inner: dict[str, object]) -> tuple[str, str] | None:
    """``(Code, Message)`` of an answer's ``Error``; None without one. A malformed one raises."""
    if "Error" not in inner:
        return None
    error = inner["Error"]
    code = error.get("Code") if isinstance(error, dict) else None
    if not isinstance(code, str) or not code.strip():
        raise MalformedResponseError(
            'the answer has an "Error" without a "Code" string', provider="tencent", status_code=200
        )
    message = error.get("Message") if isinstance(error, dict) else None
    return code.strip(), message if isinstance(message, str) else ""


def checked_answer(response: httpx.Response) -> dict[str, object]:
    """The answer ``{"Response": {...}}`` holding a ``TextDetections`` list, or the error it stands for.

    An HTTP error status (a gateway in front of the service) is mapped by the API 3.0 envelope when
    it carries one, else by the status. For :data:`NO_TEXT_CODES` the answer is returned with an
    empty ``TextDetections`` added and its ``Error`` kept (a new dict: the decoded JSON is shared).
    """
    from handwriting_ocr.error_mapping import (
        error_from_response,
        json_object_or_none,
        read_json_object,
        require_shape,
        tencent_v3_error,
    )

    if response.status_code >= 400:
        document = json_object_or_none(response)
        inner = document.get("Response") if document is not None else None
        if isinstance(inner, dict):
            try:
                error = _error_of(inner)
            except MalformedResponseError:
                error = None
            if error is not None:
                raise tencent_v3_error(
                    *error,
                    request_id=_request_id(response, inner),
                    status_code=response.status_code,
                    retry_after=retry_after_from_headers(response.headers),
                )
        raise error_from_response("tencent", response)
    document = read_json_object("tencent", response)
    require_shape("tencent", response, document, ("Response", dict))
    inner = document["Response"]
    assert isinstance(inner, dict)  # checked by require_shape
    error = _error_of(inner)
    if error is not None:
        code, message = error
        if code not in NO_TEXT_CODES:
            raise tencent_v3_error(
                code,
                message,
                request_id=_request_id(response, inner),
                status_code=response.status_code,
                retry_after=retry_after_from_headers(response.headers),
            )
        return {**document, "Response": {**inner, "TextDetections": []}}
    require_shape("tencent", response, document, ("Response", "TextDetections", list))
    return document


def _handle_model(response: httpx.Response) -> GeneralHandwritingOCRResponse:
    from tencent_ocr_v3_client.models.general_handwriting_ocr_response import GeneralHandwritingOCRResponse

    from handwriting_ocr.error_mapping import model_from_data

    answer = checked_answer(response)
    return model_from_data(
        "tencent",
        answer["Response"],
        GeneralHandwritingOCRResponse.from_dict,
        response=response,
        what="GeneralHandwritingOCR answer",
    )


def _handle_document(response: httpx.Response) -> Document:
    # The answer JSON straight to a Document (no typed-model round trip), as Azure's read() does.
    return document_from_answer(checked_answer(response), "tencent-v3", provider="tencent")


class TencentV3Operations:
    """Request builders for one API 3.0 endpoint."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def _spec(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        scene: Scene | None,
        enable_word_polygon: bool | None,
        enable_detect_text: bool | None,
    ) -> RequestSpec:
        from tencent_ocr_v3_client.api.default import general_handwriting_ocr
        from tencent_ocr_v3_client.models.general_handwriting_ocr_request import (
            GeneralHandwritingOCRRequest,
        )

        from handwriting_ocr.validation import ImageBytes, validate_image
        from handwriting_ocr.validation.limits import TENCENT_V3

        body: GeneralHandwritingOCRRequest = GeneralHandwritingOCRRequest(
            scene=_scene(scene),
            enable_word_polygon=_flag(enable_word_polygon, "enable_word_polygon"),
            enable_detect_text=_flag(enable_detect_text, "enable_detect_text"),
        )
        validated = validate_image(image, TENCENT_V3, url=url)
        if isinstance(validated, ImageBytes):
            # Base64Text: the base64 in pieces, sent as they are (never joined into one more copy).
            body.image_base_64 = Base64Text.of(validated.data)
        else:
            body.image_url = validated.url
        kwargs = general_handwriting_ocr._get_kwargs(body=body)
        # Recognition has no lasting side effect: RequestLimitExceeded is retried by the policy's
        # classify hook (classify_tencent_v3); every attempt is signed afresh by the auth.
        return RequestSpec.from_generated(kwargs, base_url=self.endpoint, retry="safe")

    def recognize_handwriting(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        scene: Scene | None,
        enable_word_polygon: bool | None,
        enable_detect_text: bool | None,
    ) -> Call[GeneralHandwritingOCRResponse]:
        spec = self._spec(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return Call(spec=spec, handle=_handle_model)

    def recognize(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        scene: Scene | None,
        enable_word_polygon: bool | None,
        enable_detect_text: bool | None,
    ) -> Call[Document]:
        spec = self._spec(
            image,
            url,
            scene=scene,
            enable_word_polygon=enable_word_polygon,
            enable_detect_text=enable_detect_text,
        )
        return Call(spec=spec, handle=_handle_document)

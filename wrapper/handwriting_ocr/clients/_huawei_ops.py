"""Huawei Cloud OCR handwriting without I/O: validate, build the request, read the answer.

The body comes from the generated ``HandwritingRequestBody`` and the request from the generated
``recognize_handwriting._get_kwargs``. Options left as None are not sent, so the service applies its
own defaults (``quick_mode=false``, ``char_set=general``, ``detect_direction=false``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import httpx

from handwriting_ocr.clients._http import RequestSpec
from handwriting_ocr.clients._json_body import Base64Text
from handwriting_ocr.clients._ops import Call
from handwriting_ocr.errors import InvalidInputError

if TYPE_CHECKING:
    from huawei_ocr_client.models.known_char_set import KnownCharSet
    from huawei_ocr_client.models.recognize_handwriting_response import RecognizeHandwritingResponse
    from huawei_ocr_client.types import Unset

    from handwriting_ocr.validation import ImageInput

__all__ = ["CharSet", "HuaweiOperations"]

#: ``digit``, ``letter``, ``digit_letter`` or ``general``; other strings are passed through, since
#: the service may add sets (the generated model keeps them as plain strings).
CharSet: TypeAlias = "KnownCharSet | str"


def _project_path_segment(project_id: str) -> str:
    if not project_id.strip():
        raise InvalidInputError("project_id is empty", provider="huawei", field="project_id")
    return project_id.strip()


def _flag(value: bool | None, field: str) -> bool | Unset:
    from huawei_ocr_client.types import UNSET

    if value is None:
        return UNSET
    if not isinstance(value, bool):
        raise InvalidInputError(f"{field} must be True, False or None", provider="huawei", field=field)
    return value


def _char_set(value: CharSet | None) -> KnownCharSet | str | Unset:
    from huawei_ocr_client.models.known_char_set import KnownCharSet
    from huawei_ocr_client.types import UNSET

    if value is None:
        return UNSET
    if isinstance(value, KnownCharSet):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("char_set must be a non-empty string", provider="huawei", field="char_set")
    try:
        return KnownCharSet(value)
    except ValueError:
        return value


def _handle(response: httpx.Response) -> RecognizeHandwritingResponse:
    from huawei_ocr_client.models.recognize_handwriting_response import RecognizeHandwritingResponse

    from handwriting_ocr.error_mapping import (
        error_from_response,
        model_from_data,
        raise_for_status,
        read_json_object,
        require_shape,
    )

    raise_for_status("huawei", response)
    document = read_json_object("huawei", response)
    if "error_code" in document or "error_msg" in document:
        # An error envelope on a 2xx status (seen behind gateways): the error it names, never an
        # empty success (a code we do not know maps to MalformedResponseError).
        raise error_from_response("huawei", response)
    # Only a well-formed result may be empty: {"result": {"words_block_list": [...]}}.
    require_shape("huawei", response, document, ("result", dict), ("result", "words_block_list", list))
    return model_from_data(
        "huawei",
        document,
        RecognizeHandwritingResponse.from_dict,
        response=response,
        what="handwriting answer",
    )


class HuaweiOperations:
    """Request builders for one OCR endpoint and project."""

    def __init__(self, *, endpoint: str, project_id: str) -> None:
        self.endpoint = endpoint
        self.project_id = _project_path_segment(project_id)

    def handwriting(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        quick_mode: bool | None,
        char_set: CharSet | None,
        detect_direction: bool | None,
    ) -> Call[RecognizeHandwritingResponse]:
        from huawei_ocr_client.api.default import recognize_handwriting
        from huawei_ocr_client.models.handwriting_request_body import HandwritingRequestBody

        from handwriting_ocr.validation import HUAWEI_HANDWRITING, ImageBytes, validate_image

        quick = _flag(quick_mode, "quick_mode")
        chars = _char_set(char_set)
        direction = _flag(detect_direction, "detect_direction")
        validated = validate_image(image, HUAWEI_HANDWRITING, url=url)
        body = HandwritingRequestBody(quick_mode=quick, char_set=chars, detect_direction=direction)
        if isinstance(validated, ImageBytes):
            # Base64Text: the base64 in pieces, sent as they are (never joined into one more copy).
            body.image = Base64Text.of(validated.data)
        else:
            body.url = validated.url
        kwargs = recognize_handwriting._get_kwargs(self.project_id, body=body)
        # Recognition has no lasting side effect: repeating it costs at most another billed call.
        spec = RequestSpec.from_generated(kwargs, base_url=self.endpoint, retry="safe")
        return Call(spec=spec, handle=_handle)

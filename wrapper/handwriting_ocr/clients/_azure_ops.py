"""Azure Computer Vision operations without I/O: validate the image, build the request, read the answer.

Request bodies and query strings come from the generated operation modules' ``_get_kwargs`` so that
what goes on the wire is exactly what the specs describe. Each generated module (and the validation
code) is imported by the first operation that needs it, so a client that only reads never loads the
v1.0 package, and importing the facade stays cheap. Each request is marked for the retry
transport: submits that start an operation are ``"submit"`` (never repeated once the server may have
accepted them), the synchronous v1.0 calls ``"safe"``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

import httpx

from handwriting_ocr.clients._http import MAX_ANSWER_BYTES, RequestSpec
from handwriting_ocr.clients._ops import Call, Submit
from handwriting_ocr.config import AZURE_V1_ROOT, AZURE_V2_ROOT
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError

if TYPE_CHECKING:
    from azure_vision_v1_client.models.domain_model_results import DomainModelResults
    from azure_vision_v1_client.models.image_analysis import ImageAnalysis
    from azure_vision_v1_client.models.image_url import ImageUrl as V1ImageUrl
    from azure_vision_v1_client.models.ocr_result import OcrResult
    from azure_vision_v1_client.models.text_operation_result import (
        TextOperationResult as V1TextOperationResult,
    )
    from azure_vision_v1_client.types import File as V1File
    from azure_vision_v2_client.models.image_url import ImageUrl as V2ImageUrl
    from azure_vision_v2_client.models.read_operation_result import ReadOperationResult
    from azure_vision_v2_client.models.text_operation_result import TextOperationResult
    from azure_vision_v2_client.models.text_recognition_mode import TextRecognitionMode
    from azure_vision_v2_client.types import File as V2File

    from handwriting_ocr.polling.core import ParseResult
    from handwriting_ocr.validation import ImageInput, ValidatedImage

__all__ = [
    "KIND_READ",
    "KIND_RECOGNIZE_TEXT",
    "KIND_RECOGNIZE_TEXT_V1",
    "AzureOperations",
    "DomainModel",
    "RecognitionMode",
]

T = TypeVar("T")

RecognitionMode = Literal["Handwritten", "Printed"]
DomainModel = Literal["celebrities", "landmarks"]

#: Operation kinds written into continuation tokens.
KIND_READ = "azure-v2-read"
KIND_RECOGNIZE_TEXT = "azure-v2-recognize-text"
KIND_RECOGNIZE_TEXT_V1 = "azure-v1-recognize-text"


def _v2_body(image: ValidatedImage) -> V2ImageUrl | V2File:
    from azure_vision_v2_client.models.image_url import ImageUrl as V2ImageUrl
    from azure_vision_v2_client.types import File as V2File

    from handwriting_ocr.validation import ImageBytes

    if isinstance(image, ImageBytes):
        return V2File(payload=BytesIO(image.data))
    return V2ImageUrl(url=image.url)


def _v1_body(image: ValidatedImage) -> V1ImageUrl | V1File:
    from azure_vision_v1_client.models.image_url import ImageUrl as V1ImageUrl
    from azure_vision_v1_client.types import File as V1File

    from handwriting_ocr.validation import ImageBytes

    if isinstance(image, ImageBytes):
        return V1File(payload=BytesIO(image.data))
    return V1ImageUrl(url=image.url)


def _handler(parse: Callable[[dict[str, object]], T], what: str) -> Callable[[httpx.Response], T]:
    def handle(response: httpx.Response) -> T:
        from handwriting_ocr.error_mapping import parse_model, raise_for_status

        raise_for_status("azure", response)
        return parse_model("azure", response, parse, what=what)

    return handle


def _thumbnail(response: httpx.Response) -> bytes:
    from handwriting_ocr.error_mapping import raise_for_status

    raise_for_status("azure", response)
    return response.content


def _thumbnail_side(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1023:
        raise InvalidInputError(f"{field} must be an integer from 1 to 1023", provider="azure", field=field)
    return value


def _mode(mode: str) -> TextRecognitionMode:
    from azure_vision_v2_client.models.text_recognition_mode import TextRecognitionMode

    try:
        return TextRecognitionMode(mode)
    except ValueError:
        raise InvalidInputError(
            f"mode must be 'Handwritten' or 'Printed', not {mode!r}", provider="azure", field="mode"
        ) from None


def csv_param(values: Sequence[str] | str | None, *, field: str) -> str | None:
    """A comma-separated query value from a list (or an already joined string)."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    cleaned = [item.strip() for item in items]
    if not all(isinstance(item, str) and item and "," not in item for item in cleaned):
        raise InvalidInputError(
            f"{field} must be non-empty names without commas", provider="azure", field=field
        )
    return ",".join(cleaned)


Check = Callable[[Mapping[str, object]], None]


def result_check(field: str, kind: type[list[object]] | type[dict[str, object]]) -> Check:
    """A check that a ``Succeeded`` answer holds its result ``field`` (a list or an object).

    The specs make the result optional (a pending answer has none), so a generated ``from_dict``
    would turn ``{"status": "Succeeded"}`` into a result without text: an empty success where the
    result was lost. Such an answer is malformed instead (the poller reports it so).
    """
    what = "a list" if kind is list else "an object"

    def check(document: Mapping[str, object]) -> None:
        if not isinstance(document.get(field), kind):
            raise MalformedResponseError(
                f'the Succeeded answer has no "{field}" ({what}): the result is missing', provider="azure"
            )

    return check


def checked(check: Check, parse: ParseResult[T]) -> ParseResult[T]:
    """``parse`` after ``check``."""

    def parse_checked(document: Mapping[str, object]) -> T:
        check(document)
        return parse(document)

    return parse_checked


READ_RESULT: Final = result_check("recognitionResults", list)
TEXT_RESULT: Final = result_check("recognitionResult", dict)


def read_parser() -> ParseResult[ReadOperationResult]:
    from azure_vision_v2_client.models.read_operation_result import ReadOperationResult

    return checked(READ_RESULT, ReadOperationResult.from_dict)


def recognize_text_parser() -> ParseResult[TextOperationResult]:
    from azure_vision_v2_client.models.text_operation_result import TextOperationResult

    return checked(TEXT_RESULT, TextOperationResult.from_dict)


def recognize_text_v1_parser() -> ParseResult[V1TextOperationResult]:
    from azure_vision_v1_client.models.text_operation_result import TextOperationResult

    return checked(TEXT_RESULT, TextOperationResult.from_dict)


class AzureOperations:
    """Request builders for one endpoint; the facades hold one and send what it builds."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.v2_base = endpoint + AZURE_V2_ROOT
        self.v1_base = endpoint + AZURE_V1_ROOT

    def base_for(self, kind: str) -> str:
        """The API base URL of an operation kind (polls go through that API's loopback client)."""
        return self.v1_base if kind == KIND_RECOGNIZE_TEXT_V1 else self.v2_base

    def _spec(
        self,
        kwargs: dict[str, Any],
        *,
        base: str,
        retry: Literal["safe", "submit"],
        answer: Literal["result", "submit", "thumbnail"] | None = None,
    ) -> RequestSpec:
        limit = MAX_ANSWER_BYTES[answer or ("submit" if retry == "submit" else "result")]
        return RequestSpec.from_generated(kwargs, base_url=base, retry=retry, max_body=limit)

    # --- v2.0 -----------------------------------------------------------------------------------

    def read(self, image: ImageInput | None, url: str | None) -> Submit[ReadOperationResult]:
        from azure_vision_v2_client.api.default import batch_read_file

        from handwriting_ocr.validation import AZURE_READ, validate_image

        body = _v2_body(validate_image(image, AZURE_READ, url=url))
        spec = self._spec(batch_read_file._get_kwargs(body=body), base=self.v2_base, retry="submit")
        return Submit(spec=spec, kind=KIND_READ, parse=read_parser(), check=READ_RESULT)

    def recognize_text(
        self, image: ImageInput | None, url: str | None, mode: RecognitionMode
    ) -> Submit[TextOperationResult]:
        from azure_vision_v2_client.api.default import recognize_text

        from handwriting_ocr.validation import AZURE_RECOGNIZE_TEXT, validate_image

        text_mode = _mode(mode)
        body = _v2_body(validate_image(image, AZURE_RECOGNIZE_TEXT, url=url))
        spec = self._spec(
            recognize_text._get_kwargs(body=body, mode=text_mode), base=self.v2_base, retry="submit"
        )
        return Submit(spec=spec, kind=KIND_RECOGNIZE_TEXT, parse=recognize_text_parser(), check=TEXT_RESULT)

    # --- v1.0 -----------------------------------------------------------------------------------

    def recognize_handwriting_v1(
        self, image: ImageInput | None, url: str | None
    ) -> Submit[V1TextOperationResult]:
        from azure_vision_v1_client.api.default import recognize_text as recognize_text_v1

        from handwriting_ocr.validation import AZURE_V1_RECOGNIZE_TEXT, validate_image

        body = _v1_body(validate_image(image, AZURE_V1_RECOGNIZE_TEXT, url=url))
        # The seed and the v1.0 docs send handwriting=true; the official v1.0 spec names the flag
        # detectHandwriting. Which one a given deployment reads is not documented, so both are sent
        # with the same value (a guess; an unknown query parameter is ignored by the service).
        kwargs = recognize_text_v1._get_kwargs(body=body, handwriting=True, detect_handwriting=True)
        spec = self._spec(kwargs, base=self.v1_base, retry="submit")
        return Submit(
            spec=spec, kind=KIND_RECOGNIZE_TEXT_V1, parse=recognize_text_v1_parser(), check=TEXT_RESULT
        )

    def ocr(
        self, image: ImageInput | None, url: str | None, *, language: str, detect_orientation: bool
    ) -> Call[OcrResult]:
        from azure_vision_v1_client.api.default import recognize_printed_text
        from azure_vision_v1_client.models.ocr_result import OcrResult

        from handwriting_ocr.validation import AZURE_V1_OCR, validate_image

        body = _v1_body(validate_image(image, AZURE_V1_OCR, url=url))
        kwargs = recognize_printed_text._get_kwargs(
            body=body, language=language, detect_orientation=detect_orientation
        )
        return Call(
            spec=self._spec(kwargs, base=self.v1_base, retry="safe"),
            handle=_handler(OcrResult.from_dict, "OCR result"),
        )

    def analyze(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        visual_features: Sequence[str] | str | None,
        details: Sequence[str] | str | None,
        language: str | None,
    ) -> Call[ImageAnalysis]:
        from azure_vision_v1_client.api.default import analyze_image
        from azure_vision_v1_client.models.image_analysis import ImageAnalysis
        from azure_vision_v1_client.types import UNSET

        from handwriting_ocr.validation import AZURE_V1_ANALYZE, validate_image

        features = csv_param(visual_features, field="visual_features")
        detail_names = csv_param(details, field="details")
        body = _v1_body(validate_image(image, AZURE_V1_ANALYZE, url=url))
        kwargs = analyze_image._get_kwargs(
            body=body,
            visual_features=UNSET if features is None else features,
            details=UNSET if detail_names is None else detail_names,
            language=UNSET if language is None else language,
        )
        return Call(
            spec=self._spec(kwargs, base=self.v1_base, retry="safe"),
            handle=_handler(ImageAnalysis.from_dict, "image analysis"),
        )

    def analyze_domain(
        self, image: ImageInput | None, url: str | None, *, model: DomainModel, language: str | None
    ) -> Call[DomainModelResults]:
        from azure_vision_v1_client.api.default import analyze_image_by_domain
        from azure_vision_v1_client.models.domain_model_results import DomainModelResults
        from azure_vision_v1_client.types import UNSET

        from handwriting_ocr.validation import AZURE_V1_ANALYZE, validate_image

        if model not in ("celebrities", "landmarks"):
            raise InvalidInputError(
                f"model must be 'celebrities' or 'landmarks', not {model!r}", provider="azure", field="model"
            )
        body = _v1_body(validate_image(image, AZURE_V1_ANALYZE, url=url))
        kwargs = analyze_image_by_domain._get_kwargs(
            model, body=body, language=UNSET if language is None else language
        )
        return Call(
            spec=self._spec(kwargs, base=self.v1_base, retry="safe"),
            handle=_handler(DomainModelResults.from_dict, "domain model result"),
        )

    def generate_thumbnail(
        self, image: ImageInput | None, url: str | None, *, width: int, height: int, smart_cropping: bool
    ) -> Call[bytes]:
        from azure_vision_v1_client.api.default import generate_thumbnail

        from handwriting_ocr.validation import AZURE_V1_THUMBNAIL, validate_image

        kwargs_size = (_thumbnail_side(width, "width"), _thumbnail_side(height, "height"))
        body = _v1_body(validate_image(image, AZURE_V1_THUMBNAIL, url=url))
        kwargs = generate_thumbnail._get_kwargs(
            body=body, width=kwargs_size[0], height=kwargs_size[1], smart_cropping=bool(smart_cropping)
        )
        return Call(
            spec=self._spec(kwargs, base=self.v1_base, retry="safe", answer="thumbnail"), handle=_thumbnail
        )

"""Azure's current APIs without I/O: Read v3.2 (long-running) and Image Analysis 4.0 (synchronous).

As in :mod:`._azure_ops`, request bodies and query strings come from the generated operations'
``_get_kwargs`` (``azure_vision_v3_client``, ``azure_image_analysis_client``), imported by the first
operation that needs them; options are checked here, before anything is sent, and options left as
None are not sent, so the service's defaults apply. The Read v3.2 submit is a ``"submit"`` request
(never repeated once the service may have accepted it); Image Analysis is ``"safe"``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import TYPE_CHECKING, Final, Literal, TypeAlias, get_args

from handwriting_ocr.clients._azure_ops import Check, checked
from handwriting_ocr.clients._http import MAX_ANSWER_BYTES, RequestSpec
from handwriting_ocr.clients._ops import Call, Submit
from handwriting_ocr.config import AZURE_ANALYSIS_ROOT, AZURE_V3_ROOT
from handwriting_ocr.errors import InvalidInputError, MalformedResponseError

if TYPE_CHECKING:
    import httpx
    from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult
    from azure_image_analysis_client.models.image_url import ImageUrl as AnalysisImageUrl
    from azure_image_analysis_client.models.known_visual_feature import KnownVisualFeature
    from azure_image_analysis_client.types import File as AnalysisFile
    from azure_vision_v3_client.models.image_url import ImageUrl as V3ImageUrl
    from azure_vision_v3_client.models.known_reading_order import KnownReadingOrder
    from azure_vision_v3_client.models.read_operation_result import ReadOperationResult
    from azure_vision_v3_client.types import File as V3File

    from handwriting_ocr.documents import Document
    from handwriting_ocr.polling.core import ParseResult
    from handwriting_ocr.validation import ImageInput, ValidatedImage

__all__ = [
    "AZURE_ANALYSIS_ROOT",
    "AZURE_V3_ROOT",
    "KIND_READ_V3",
    "READ_V3_RESULT",
    "VISUAL_FEATURES",
    "AzureCurrentOperations",
    "ReadingOrder",
    "VisualFeature",
    "read_v3_document_parser",
    "read_v3_parser",
]

#: Path of each current API under the resource's endpoint. (Beside ``AZURE_V2_ROOT`` in
#: ``handwriting_ocr.config`` is where they belong; kept here until that module takes them.)


#: The continuation-token kind of a Read v3.2 operation (v2.0 Read's is ``"azure-v2-read"``), so a
#: v2.0 token is never resumed with the v3.2 parser, nor the other way round.
KIND_READ_V3: Final = "azure-v3.2-read"

#: ``readingOrder`` of Read v3.2: ``basic`` (the service's default: left to right, top to bottom)
#: or ``natural`` (the order a person reads, e.g. columns; Latin languages only).
ReadingOrder: TypeAlias = Literal["basic", "natural"]

#: The features Image Analysis 4.0 computes, as the service spells them.
VisualFeature: TypeAlias = Literal[
    "caption", "denseCaptions", "objects", "people", "read", "smartCrops", "tags"
]
VISUAL_FEATURES: Final[tuple[VisualFeature, ...]] = get_args(VisualFeature)

#: ``pages`` items: ``3``, ``2-5``, ``7-`` (to the end) and ``-4`` (from the start).
_PAGE_RANGE: Final = re.compile(r"[1-9]\d*(-([1-9]\d*)?)?|-[1-9]\d*")
#: Smart-crop aspect ratios (width / height) Image Analysis accepts, inclusive (Microsoft's Image
#: Analysis 4.0 documentation, "between 0.75 and 1.80"; not in API-FACTS).
SMART_CROP_RATIOS: Final = (0.75, 1.8)


# --- checks on the answer ------------------------------------------------------------------------------


def _read_v3_check(document: Mapping[str, object]) -> None:
    """A ``succeeded`` Read v3.2 answer holds ``analyzeResult.readResults`` (a list).

    The spec makes ``analyzeResult`` optional (a pending answer has none), so without this check a
    success that lost its result would read as an empty one.
    """
    analyze = document.get("analyzeResult")
    pages = analyze.get("readResults") if isinstance(analyze, dict) else None
    if not isinstance(pages, list):
        where = '"analyzeResult.readResults" (a list)' if isinstance(analyze, dict) else '"analyzeResult"'
        raise MalformedResponseError(
            f"the succeeded answer has no {where}: the result is missing", provider="azure"
        )


READ_V3_RESULT: Final[Check] = _read_v3_check


def read_v3_parser() -> ParseResult[ReadOperationResult]:
    from azure_vision_v3_client.models.read_operation_result import ReadOperationResult

    return checked(READ_V3_RESULT, ReadOperationResult.from_dict)


def read_v3_document_parser() -> ParseResult[Document]:
    """The final answer straight to a Document of shape ``azure-read-v3`` (as ``Submit.to_document``
    makes it), for pollers resumed from a token, which have no Submit."""
    submit: Submit[Document] = _RESUME_TEMPLATE.to_document("azure-read-v3")
    return submit.parse


#: A Read v3.2 operation without a request, only to derive the Document parser from
#: ``Submit.to_document`` (the one definition of "check, then convert") when resuming.
_RESUME_TEMPLATE: Final[Submit[object]] = Submit(
    spec=RequestSpec(method="GET", url=""), kind=KIND_READ_V3, parse=dict, check=READ_V3_RESULT
)


# --- checks on the options -----------------------------------------------------------------------------


def _invalid(message: str, field: str) -> InvalidInputError:
    return InvalidInputError(message, provider="azure", field=field)


def _text_option(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or any(ch in value for ch in "&,#\r\n"):
        raise _invalid(f"{field} must be a non-empty name (no commas, '&' or '#')", field)
    return value.strip()


def _pages(pages: Sequence[int | str] | str | None) -> list[str] | None:
    """``pages`` as the list of ranges to send (the generated code joins them with commas)."""
    if pages is None:
        return None
    items: list[int | str] = [*pages.split(",")] if isinstance(pages, str) else list(pages)
    ranges: list[str] = []
    for item in items:
        text = str(item).strip() if isinstance(item, int | str) and not isinstance(item, bool) else None
        if text is None or not _PAGE_RANGE.fullmatch(text):
            raise _invalid(
                f"pages: {item!r} is not a page or a range (1, 2-5, 7- or -4; pages count from 1)", "pages"
            )
        ranges.append(text)
    if not ranges:
        raise _invalid("pages is empty: leave it out (None) to read every page", "pages")
    return ranges


def _reading_order(value: ReadingOrder | KnownReadingOrder | None) -> KnownReadingOrder | str | None:
    from azure_vision_v3_client.models.known_reading_order import KnownReadingOrder

    if value is None:
        return None
    if isinstance(value, KnownReadingOrder):
        return value
    try:
        return KnownReadingOrder(value)
    except ValueError:
        raise _invalid(
            f"reading_order must be 'basic' or 'natural', not {value!r}", "reading_order"
        ) from None


def _features(features: Sequence[VisualFeature | KnownVisualFeature] | str) -> list[KnownVisualFeature]:
    """The features to ask for: each one of :data:`VISUAL_FEATURES`, in the given order, without
    repeats. At least one: Image Analysis computes only what it is asked for."""
    from azure_image_analysis_client.models.known_visual_feature import KnownVisualFeature

    names: list[object] = [*features.split(",")] if isinstance(features, str) else list(features)
    chosen: list[KnownVisualFeature] = []
    for name in names:
        try:
            if not isinstance(name, str):
                raise ValueError(name)
            feature = KnownVisualFeature(name.strip())
        except ValueError:
            raise _invalid(
                f"features: {name!r} is not a visual feature; choose from {', '.join(VISUAL_FEATURES)}",
                "features",
            ) from None
        if feature not in chosen:
            chosen.append(feature)
    if not chosen:
        raise _invalid(
            f"features is empty: name at least one of {', '.join(VISUAL_FEATURES)} (e.g. ['read'])",
            "features",
        )
    return chosen


def _aspect_ratios(ratios: Sequence[float] | None) -> list[float] | None:
    if ratios is None:
        return None
    if isinstance(ratios, str | bytes):
        raise _invalid("smartcrops_aspect_ratios must be a list of numbers", "smartcrops_aspect_ratios")
    low, high = SMART_CROP_RATIOS
    values = list(ratios)
    for value in values:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise _invalid(
                f"smartcrops_aspect_ratios: {value!r} is not a ratio (width / height) from {low} to {high}",
                "smartcrops_aspect_ratios",
            )
    if not values:
        raise _invalid(
            "smartcrops_aspect_ratios is empty: leave it out (None) to let the service choose",
            "smartcrops_aspect_ratios",
        )
    return values


def _flag(value: bool | None, field: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise _invalid(f"{field} must be True, False or None", field)
    return value


# --- bodies --------------------------------------------------------------------------------------------


def _v3_body(image: ValidatedImage) -> V3ImageUrl | V3File:
    from azure_vision_v3_client.models.image_url import ImageUrl as V3ImageUrl
    from azure_vision_v3_client.types import File as V3File

    from handwriting_ocr.validation import ImageBytes

    if isinstance(image, ImageBytes):
        return V3File(payload=BytesIO(image.data))
    return V3ImageUrl(url=image.url)


def _analysis_body(image: ValidatedImage) -> AnalysisImageUrl | AnalysisFile:
    from azure_image_analysis_client.models.image_url import ImageUrl as AnalysisImageUrl
    from azure_image_analysis_client.types import File as AnalysisFile

    from handwriting_ocr.validation import ImageBytes

    if isinstance(image, ImageBytes):
        return AnalysisFile(payload=BytesIO(image.data))
    return AnalysisImageUrl(url=image.url)


def _analysis_handler(response: httpx.Response) -> ImageAnalysisResult:
    from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult

    from handwriting_ocr.error_mapping import parse_model, raise_for_status

    raise_for_status("azure", response)
    return parse_model("azure", response, ImageAnalysisResult.from_dict, what="image analysis result")


class AzureCurrentOperations:
    """Request builders for Read v3.2 and Image Analysis 4.0 on one endpoint."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.v3_base = endpoint + AZURE_V3_ROOT
        self.analysis_base = endpoint + AZURE_ANALYSIS_ROOT

    def read(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        language: str | None = None,
        pages: Sequence[int | str] | str | None = None,
        reading_order: ReadingOrder | KnownReadingOrder | None = None,
        model_version: str | None = None,
    ) -> Submit[ReadOperationResult]:
        """Read v3.2 ``POST /read/analyze``; the poller's result is the v3.2 ``ReadOperationResult``."""
        from azure_vision_v3_client.api.default import read
        from azure_vision_v3_client.types import UNSET

        from handwriting_ocr.validation import validate_image
        from handwriting_ocr.validation.limits import AZURE_READ_V3

        chosen_language = _text_option(language, "language")
        ranges = _pages(pages)
        order = _reading_order(reading_order)
        model = _text_option(model_version, "model_version")
        body = _v3_body(validate_image(image, AZURE_READ_V3, url=url))
        kwargs = read._get_kwargs(
            body=body,
            language=UNSET if chosen_language is None else chosen_language,
            pages=UNSET if ranges is None else ranges,
            reading_order=UNSET if order is None else order,
            model_version=UNSET if model is None else model,
        )
        spec = RequestSpec.from_generated(
            kwargs, base_url=self.v3_base, retry="submit", max_body=MAX_ANSWER_BYTES["submit"]
        )
        return Submit(spec=spec, kind=KIND_READ_V3, parse=read_v3_parser(), check=READ_V3_RESULT)

    def analyze_image(
        self,
        image: ImageInput | None,
        url: str | None,
        *,
        features: Sequence[VisualFeature | KnownVisualFeature] | str,
        language: str | None = None,
        gender_neutral_caption: bool | None = None,
        smartcrops_aspect_ratios: Sequence[float] | None = None,
        model_version: str | None = None,
    ) -> Call[ImageAnalysisResult]:
        """Image Analysis 4.0 ``POST /imageanalysis:analyze?api-version=2023-10-01``."""
        from azure_image_analysis_client.api.default import analyze_image
        from azure_image_analysis_client.types import UNSET

        from handwriting_ocr.validation import validate_image
        from handwriting_ocr.validation.limits import AZURE_IMAGE_ANALYSIS

        chosen = _features(features)
        chosen_language = _text_option(language, "language")
        neutral = _flag(gender_neutral_caption, "gender_neutral_caption")
        ratios = _aspect_ratios(smartcrops_aspect_ratios)
        model = _text_option(model_version, "model_version")
        body = _analysis_body(validate_image(image, AZURE_IMAGE_ANALYSIS, url=url))
        kwargs = analyze_image._get_kwargs(
            body=body,
            features=list(chosen),
            language=UNSET if chosen_language is None else chosen_language,
            gender_neutral_caption=UNSET if neutral is None else neutral,
            smartcrops_aspect_ratios=UNSET if ratios is None else ratios,
            model_version=UNSET if model is None else model,
        )
        spec = RequestSpec.from_generated(kwargs, base_url=self.analysis_base, retry="safe")
        return Call(spec=spec, handle=_analysis_handler)

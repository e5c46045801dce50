""" Contains all the data models used in inputs/outputs """

from .handwriting_items_response import HandwritingItemsResponse
from .handwriting_request_body import HandwritingRequestBody
from .handwriting_result import HandwritingResult
from .huawei_error_response import HuaweiErrorResponse
from .known_char_set import KnownCharSet
from .known_words_block_type import KnownWordsBlockType
from .recognize_handwriting_response import RecognizeHandwritingResponse

__all__ = (
    "HandwritingItemsResponse",
    "HandwritingRequestBody",
    "HandwritingResult",
    "HuaweiErrorResponse",
    "KnownCharSet",
    "KnownWordsBlockType",
    "RecognizeHandwritingResponse",
)

"""Contains all the data models used in inputs/outputs"""

from .candidate_word import CandidateWord
from .handwriting_response import HandwritingResponse
from .item_coord import ItemCoord
from .ocr_data import OcrData
from .ocr_item import OcrItem
from .ocr_multipart_request import OcrMultipartRequest
from .ocr_point import OcrPoint
from .ocr_request import OcrRequest
from .ocr_word import OcrWord

__all__ = (
    "CandidateWord",
    "HandwritingResponse",
    "ItemCoord",
    "OcrData",
    "OcrItem",
    "OcrMultipartRequest",
    "OcrPoint",
    "OcrRequest",
    "OcrWord",
)

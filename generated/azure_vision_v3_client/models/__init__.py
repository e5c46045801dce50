"""Contains all the data models used in inputs/outputs"""

from .analyze_result import AnalyzeResult
from .appearance import Appearance
from .computer_vision_error import ComputerVisionError
from .computer_vision_error_response import ComputerVisionErrorResponse
from .computer_vision_inner_error import ComputerVisionInnerError
from .computer_vision_ocr_error import ComputerVisionOcrError
from .image_url import ImageUrl
from .known_dimension_unit import KnownDimensionUnit
from .known_operation_status import KnownOperationStatus
from .known_reading_order import KnownReadingOrder
from .known_text_style import KnownTextStyle
from .line import Line
from .read_operation_result import ReadOperationResult
from .read_result import ReadResult
from .style import Style
from .word import Word

__all__ = (
    "AnalyzeResult",
    "Appearance",
    "ComputerVisionError",
    "ComputerVisionErrorResponse",
    "ComputerVisionInnerError",
    "ComputerVisionOcrError",
    "ImageUrl",
    "KnownDimensionUnit",
    "KnownOperationStatus",
    "KnownReadingOrder",
    "KnownTextStyle",
    "Line",
    "ReadOperationResult",
    "ReadResult",
    "Style",
    "Word",
)

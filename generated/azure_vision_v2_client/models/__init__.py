"""Contains all the data models used in inputs/outputs"""

from .computer_vision_error import ComputerVisionError
from .computer_vision_error_envelope import ComputerVisionErrorEnvelope
from .gateway_error import GatewayError
from .image_url import ImageUrl
from .known_dimension_unit import KnownDimensionUnit
from .known_operation_status import KnownOperationStatus
from .known_word_confidence import KnownWordConfidence
from .line import Line
from .read_operation_result import ReadOperationResult
from .text_operation_result import TextOperationResult
from .text_recognition_mode import TextRecognitionMode
from .text_recognition_result import TextRecognitionResult
from .word import Word

__all__ = (
    "ComputerVisionError",
    "ComputerVisionErrorEnvelope",
    "GatewayError",
    "ImageUrl",
    "KnownDimensionUnit",
    "KnownOperationStatus",
    "KnownWordConfidence",
    "Line",
    "ReadOperationResult",
    "TextOperationResult",
    "TextRecognitionMode",
    "TextRecognitionResult",
    "Word",
)

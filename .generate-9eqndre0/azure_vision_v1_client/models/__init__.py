""" Contains all the data models used in inputs/outputs """

from .adult_info import AdultInfo
from .category import Category
from .category_detail import CategoryDetail
from .celebrities_model import CelebritiesModel
from .color_info import ColorInfo
from .computer_vision_error import ComputerVisionError
from .computer_vision_error_envelope import ComputerVisionErrorEnvelope
from .domain_model_result import DomainModelResult
from .domain_model_results import DomainModelResults
from .face_description import FaceDescription
from .face_rectangle import FaceRectangle
from .gateway_error import GatewayError
from .image_analysis import ImageAnalysis
from .image_caption import ImageCaption
from .image_description_details import ImageDescriptionDetails
from .image_metadata import ImageMetadata
from .image_tag import ImageTag
from .image_type import ImageType
from .image_url import ImageUrl
from .known_gender import KnownGender
from .known_operation_status import KnownOperationStatus
from .landmarks_model import LandmarksModel
from .line import Line
from .ocr_line import OcrLine
from .ocr_region import OcrRegion
from .ocr_result import OcrResult
from .ocr_word import OcrWord
from .recognition_result import RecognitionResult
from .text_operation_result import TextOperationResult
from .word import Word

__all__ = (
    "AdultInfo",
    "Category",
    "CategoryDetail",
    "CelebritiesModel",
    "ColorInfo",
    "ComputerVisionError",
    "ComputerVisionErrorEnvelope",
    "DomainModelResult",
    "DomainModelResults",
    "FaceDescription",
    "FaceRectangle",
    "GatewayError",
    "ImageAnalysis",
    "ImageCaption",
    "ImageDescriptionDetails",
    "ImageMetadata",
    "ImageTag",
    "ImageType",
    "ImageUrl",
    "KnownGender",
    "KnownOperationStatus",
    "LandmarksModel",
    "Line",
    "OcrLine",
    "OcrRegion",
    "OcrResult",
    "OcrWord",
    "RecognitionResult",
    "TextOperationResult",
    "Word",
)

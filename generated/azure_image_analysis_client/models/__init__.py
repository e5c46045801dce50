"""Contains all the data models used in inputs/outputs"""

from .analyze_image_api_version import AnalyzeImageApiVersion
from .caption_result import CaptionResult
from .crop_region import CropRegion
from .dense_caption import DenseCaption
from .dense_captions_result import DenseCaptionsResult
from .detected_object import DetectedObject
from .detected_person import DetectedPerson
from .detected_tag import DetectedTag
from .detected_text_block import DetectedTextBlock
from .detected_text_line import DetectedTextLine
from .detected_text_word import DetectedTextWord
from .error import Error
from .error_response import ErrorResponse
from .image_analysis_result import ImageAnalysisResult
from .image_bounding_box import ImageBoundingBox
from .image_metadata import ImageMetadata
from .image_point import ImagePoint
from .image_url import ImageUrl
from .inner_error import InnerError
from .known_visual_feature import KnownVisualFeature
from .objects_result import ObjectsResult
from .people_result import PeopleResult
from .read_result import ReadResult
from .smart_crops_result import SmartCropsResult
from .tags_result import TagsResult

__all__ = (
    "AnalyzeImageApiVersion",
    "CaptionResult",
    "CropRegion",
    "DenseCaption",
    "DenseCaptionsResult",
    "DetectedObject",
    "DetectedPerson",
    "DetectedTag",
    "DetectedTextBlock",
    "DetectedTextLine",
    "DetectedTextWord",
    "Error",
    "ErrorResponse",
    "ImageAnalysisResult",
    "ImageBoundingBox",
    "ImageMetadata",
    "ImagePoint",
    "ImageUrl",
    "InnerError",
    "KnownVisualFeature",
    "ObjectsResult",
    "PeopleResult",
    "ReadResult",
    "SmartCropsResult",
    "TagsResult",
)

"""Contains all the data models used in inputs/outputs"""

from .coord import Coord
from .general_handwriting_ocr_request import GeneralHandwritingOCRRequest
from .general_handwriting_ocr_response import GeneralHandwritingOCRResponse
from .general_handwriting_ocr_response_envelope import GeneralHandwritingOCRResponseEnvelope
from .general_handwriting_ocr_xtc_action import GeneralHandwritingOcrXTCAction
from .general_handwriting_ocr_xtc_version import GeneralHandwritingOcrXTCVersion
from .known_language import KnownLanguage
from .known_scene import KnownScene
from .polygon import Polygon
from .tencent_cloud_error import TencentCloudError
from .text_general_handwriting import TextGeneralHandwriting

__all__ = (
    "Coord",
    "GeneralHandwritingOCRRequest",
    "GeneralHandwritingOCRResponse",
    "GeneralHandwritingOCRResponseEnvelope",
    "GeneralHandwritingOcrXTCAction",
    "GeneralHandwritingOcrXTCVersion",
    "KnownLanguage",
    "KnownScene",
    "Polygon",
    "TencentCloudError",
    "TextGeneralHandwriting",
)

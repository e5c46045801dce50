"""Input validation before any request: image normalisation, format sniffing and provider limits.

- :mod:`.image_info` — format from magic bytes, size in pixels from the header, GIF animation;
- :mod:`.limits` — each operation's documented limits as :class:`ProviderLimits` values;
- :mod:`.inputs` — bytes/path/file/URL to :class:`ImageBytes` or :class:`ImageUrl`, and the checks.
"""

from __future__ import annotations

from handwriting_ocr.validation.image_info import ImageFormat, ImageInfo, describe_image, sniff_format
from handwriting_ocr.validation.inputs import (
    ImageBytes,
    ImageInput,
    ImageUrl,
    ReadableBinary,
    ValidatedImage,
    check_body_size,
    check_image_bytes,
    check_url,
    load_image,
    looks_like_url,
    validate_image,
)
from handwriting_ocr.validation.limits import (
    AZURE_IMAGE_ANALYSIS,
    AZURE_READ,
    AZURE_READ_V3,
    AZURE_RECOGNIZE_TEXT,
    AZURE_V1_ANALYZE,
    AZURE_V1_OCR,
    AZURE_V1_RECOGNIZE_TEXT,
    AZURE_V1_THUMBNAIL,
    HUAWEI_HANDWRITING,
    TENCENT_JSON,
    TENCENT_MULTIPART,
    TENCENT_V3,
    ProviderLimits,
)

__all__ = [
    "AZURE_IMAGE_ANALYSIS",
    "AZURE_READ",
    "AZURE_READ_V3",
    "AZURE_RECOGNIZE_TEXT",
    "AZURE_V1_ANALYZE",
    "AZURE_V1_OCR",
    "AZURE_V1_RECOGNIZE_TEXT",
    "AZURE_V1_THUMBNAIL",
    "HUAWEI_HANDWRITING",
    "TENCENT_JSON",
    "TENCENT_MULTIPART",
    "TENCENT_V3",
    "ImageBytes",
    "ImageFormat",
    "ImageInfo",
    "ImageInput",
    "ImageUrl",
    "ProviderLimits",
    "ReadableBinary",
    "ValidatedImage",
    "check_body_size",
    "check_image_bytes",
    "check_url",
    "describe_image",
    "load_image",
    "looks_like_url",
    "sniff_format",
    "validate_image",
]

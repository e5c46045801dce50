"""Each provider operation's documented input limits, as data (API-FACTS sections 1-4 and 6).

Sizes are in MiB (the providers write "MB"; Azure's own error text says "4MB" for 4 x 1024 x 1024
bytes). Where the documents are vague, the comment says which reading was chosen.
"""

from __future__ import annotations

from typing import Final, Literal

import attrs

from handwriting_ocr.errors import Provider
from handwriting_ocr.validation.image_info import ImageFormat

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
    "MIB",
    "TENCENT_JSON",
    "TENCENT_MULTIPART",
    "TENCENT_V3",
    "ProviderLimits",
    "SizeMeasure",
]

MIB: Final = 1024 * 1024

#: How the size limit is measured: the raw image bytes, or the length of their base64 text.
SizeMeasure = Literal["raw", "base64"]


@attrs.frozen
class ProviderLimits:
    """What one operation accepts. ``operation`` names it in messages ("Azure Read")."""

    provider: Provider
    operation: str
    max_bytes: int
    formats: frozenset[ImageFormat]
    #: Each side must be at least this many pixels (None: no minimum documented).
    min_side: int | None = None
    #: Each side must be at most this many pixels.
    max_side: int | None = None
    #: Width x height at most this many pixels.
    max_pixels: int | None = None
    size_measure: SizeMeasure = "raw"
    #: Whether ``max_bytes`` bounds the image (as measured) or the whole request body.
    limit_of: Literal["image", "body"] = "image"
    #: Bytes the request adds around the image (JSON keys, multipart headers); only counted when
    #: ``limit_of`` is "body".
    body_overhead: int = 0
    allow_animated: bool = True
    accepts_url: bool = True

    def encoded_size(self, raw_size: int) -> int:
        """The size that counts against ``max_bytes`` for an image of ``raw_size`` bytes."""
        size = 4 * ((raw_size + 2) // 3) if self.size_measure == "base64" else raw_size
        return size + self.body_overhead if self.limit_of == "body" else size


_AZURE_V1_FORMATS: Final[frozenset[ImageFormat]] = frozenset({"jpeg", "png", "gif", "bmp"})

AZURE_READ: Final = ProviderLimits(
    provider="azure",
    operation="Azure Read",
    max_bytes=20 * MIB,
    formats=frozenset({"jpeg", "png", "bmp", "pdf", "tiff"}),
    min_side=50,
    max_side=10000,
)
AZURE_RECOGNIZE_TEXT: Final = ProviderLimits(
    provider="azure",
    operation="Azure RecognizeText",
    max_bytes=4 * MIB,
    formats=frozenset({"jpeg", "png", "bmp"}),
    min_side=50,
    max_side=4200,
)
# v1.0 documents "over 50x50"; read as "at least 50", like v2.0's "50x50 to ..." (a guess).
AZURE_V1_ANALYZE: Final = ProviderLimits(
    provider="azure",
    operation="Azure v1.0 Analyze",
    max_bytes=4 * MIB,
    formats=_AZURE_V1_FORMATS,
    min_side=50,
)
AZURE_V1_THUMBNAIL: Final = attrs.evolve(AZURE_V1_ANALYZE, operation="Azure v1.0 GenerateThumbnail")
AZURE_V1_OCR: Final = ProviderLimits(
    provider="azure",
    operation="Azure v1.0 OCR",
    max_bytes=4 * MIB,
    formats=_AZURE_V1_FORMATS,
    min_side=40,
    max_side=3200,
    max_pixels=10_000_000,
)
# v1.0 RecognizeText is documented only by its 4 MB limit; the v2.0 operation of the same name
# (JPEG/PNG/BMP, 50..4200 px) is its successor and is assumed to share the rest (a guess).
AZURE_V1_RECOGNIZE_TEXT: Final = attrs.evolve(AZURE_RECOGNIZE_TEXT, operation="Azure v1.0 RecognizeText")

# Huawei: "base64 ... cannot exceed 10 MB"; the shortest side is ">= 8 px" in the seed and 15 px in
# the 2025 documentation: 8 is enforced (the looser one) so that no image the service accepts is
# refused here.
HUAWEI_HANDWRITING: Final = ProviderLimits(
    provider="huawei",
    operation="Huawei OCR",
    max_bytes=10 * MIB,
    formats=frozenset({"jpeg", "png", "bmp", "tiff"}),
    min_side=8,
    max_side=8192,
    size_measure="base64",
)

# Tencent limits the whole request body to 6 MB and refuses animated GIFs. Formats are not listed in
# the seed; JPEG, PNG, BMP and (still) GIF are what the legacy service's console accepted (a guess).
# The overheads are upper bounds of what the facade adds: JSON keys with a 10-digit appid and a
# bucket name, or the multipart boundaries and part headers.
_TENCENT_FORMATS: Final[frozenset[ImageFormat]] = frozenset({"jpeg", "png", "bmp", "gif"})
TENCENT_JSON: Final = ProviderLimits(
    provider="tencent",
    operation="Tencent OCR",
    max_bytes=6 * MIB,
    formats=_TENCENT_FORMATS,
    size_measure="base64",
    limit_of="body",
    body_overhead=256,
    allow_animated=False,
)
# A multipart body carries the raw bytes, and only a file: no URL.
TENCENT_MULTIPART: Final = attrs.evolve(
    TENCENT_JSON, size_measure="raw", body_overhead=512, accepts_url=False
)

# --- the current-generation APIs (API-FACTS section 6) ------------------------------------------------

# Read v3.2: 500 MB on a paid (S1) resource, 4 MB on the free (F0) tier. The client cannot tell which
# tier a key belongs to, so the paid limit is enforced (no image the service accepts is refused
# here); a free-tier resource answers InvalidImageSize for a file between 4 and 500 MB. PDFs of more
# than 2,000 pages are left to the service (counting pages would mean parsing the PDF).
AZURE_READ_V3: Final = ProviderLimits(
    provider="azure",
    operation="Azure Read v3.2",
    max_bytes=500 * MIB,
    formats=frozenset({"jpeg", "png", "bmp", "pdf", "tiff"}),
    min_side=50,
    max_side=10000,
)
# Image Analysis 4.0: "less than 20 MB", "greater than 50 x 50 and less than 16,000 x 16,000 pixels"
# (Microsoft's Image Analysis 4.0 documentation; the service's own error text says "50 to 16000").
# The bounds are enforced inclusively, the looser reading. The service also reads ICO and MPO
# files, which the header sniffing here does not recognise: such a file is refused before sending
# (a known gap; pass it as a URL to let the service decide).
AZURE_IMAGE_ANALYSIS: Final = ProviderLimits(
    provider="azure",
    operation="Azure Image Analysis 4.0",
    max_bytes=20 * MIB,
    formats=frozenset({"jpeg", "png", "gif", "bmp", "webp", "tiff"}),
    min_side=50,
    max_side=16000,
)
# Tencent API 3.0 GeneralHandwritingOCR: PNG, JPG, JPEG ("GIF not supported yet"), at most 10 MB once
# base64-encoded (tencentcloud-sdk-python-ocr, GeneralHandwritingOCRRequest). No pixel limits are
# documented for this action.
TENCENT_V3: Final = ProviderLimits(
    provider="tencent",
    operation="Tencent OCR API 3.0 GeneralHandwritingOCR",
    max_bytes=10 * MIB,
    formats=frozenset({"jpeg", "png"}),
    size_measure="base64",
)

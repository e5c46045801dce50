"""Image inputs, checked before any request is sent.

A caller may pass the image as bytes (``bytes``, ``bytearray``, ``memoryview``), a path (``str`` or
``os.PathLike``), a binary file object, or an ``http(s)`` URL (as ``image`` or as ``url``). Everything
becomes either :class:`ImageBytes` (with the format sniffed from the magic bytes and, where the header
says, the size in pixels) or :class:`ImageUrl`, then is checked against the operation's
:class:`~handwriting_ocr.validation.limits.ProviderLimits`. Every rejection is an
:class:`~handwriting_ocr.errors.InvalidInputError` whose message says what is wrong and what the
operation accepts.

URLs are never echoed in messages or reprs beyond scheme, host and path: a signed storage URL carries
its credential in the query string.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from typing import Final, Protocol, TypeAlias

import attrs

from handwriting_ocr.errors import InvalidInputError, Provider
from handwriting_ocr.validation.image_info import FORMAT_NAMES, ImageFormat, describe_image
from handwriting_ocr.validation.limits import MIB, ProviderLimits

__all__ = [
    "ImageBytes",
    "ImageInput",
    "ImageUrl",
    "ReadableBinary",
    "ValidatedImage",
    "check_body_size",
    "check_image_bytes",
    "check_url",
    "load_image",
    "looks_like_url",
    "validate_image",
]


class ReadableBinary(Protocol):
    """A file object opened in binary mode (``open(path, "rb")``, ``io.BytesIO``...)."""

    def read(self) -> bytes: ...


ImageInput: TypeAlias = bytes | bytearray | memoryview | str | os.PathLike[str] | ReadableBinary

_MEDIA_TYPES: Final[dict[ImageFormat, str]] = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "pdf": "application/pdf",
    "webp": "image/webp",
}
# Order used when listing accepted formats in messages.
_FORMAT_ORDER: Final[tuple[ImageFormat, ...]] = ("jpeg", "png", "bmp", "gif", "tiff", "pdf", "webp")
# "scheme:" with at least two characters, so that a Windows path like C:\scan.png stays a path.
_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")
_UNSAFE_URL_CHARS: Final = re.compile(r"[\x00-\x20\x7f]")


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is meant as a URL rather than a file path: it starts (after blanks) with a
    scheme (``name:``, two characters or more, so that ``C:\\scan.png`` stays a path) or with ``//``.

    This only says which of the two the text is; whether the URL is acceptable (absolute, http or
    https, with a host) is :func:`check_url`'s decision. The one rule for the Python API and the CLI.
    """
    stripped = text.strip()
    return _SCHEME.match(stripped) is not None or stripped.startswith("//")


def _describe_data(data: bytes) -> str:
    return f"<{len(data)} bytes>"


@attrs.frozen
class ImageBytes:
    """An image to upload, with what its header says about it."""

    data: bytes = attrs.field(repr=_describe_data)
    format: ImageFormat
    width: int | None = None
    height: int | None = None
    animated: bool = False

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self.format]

    @property
    def extension(self) -> str:
        """A file name extension for multipart uploads ("jpg", "png"...)."""
        return "jpg" if self.format == "jpeg" else "tif" if self.format == "tiff" else self.format


def _describe_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    hidden = "?…" if parts.query else ""
    return f"{parts.scheme}://{host}{parts.path}{hidden}"


@attrs.frozen
class ImageUrl:
    """An image the provider downloads itself. The repr hides the query string (signed URLs)."""

    url: str = attrs.field(repr=_describe_url)


ValidatedImage: TypeAlias = ImageBytes | ImageUrl


def _invalid(message: str, limits: ProviderLimits | None, field: str = "image") -> InvalidInputError:
    provider: Provider | None = limits.provider if limits is not None else None
    return InvalidInputError(message, provider=provider, field=field)


# --- normalisation ------------------------------------------------------------------------------------


def check_url(url: str, limits: ProviderLimits | None = None, *, field: str = "url") -> ImageUrl:
    """``url`` if it is an absolute http(s) URL with a host; InvalidInputError otherwise."""
    if not isinstance(url, str):
        raise _invalid(f"image URL must be a string, not {type(url).__name__}", limits, field)
    url = url.strip()
    if not url:
        raise _invalid("image URL is empty", limits, field)
    if _UNSAFE_URL_CHARS.search(url):
        raise _invalid("image URL contains spaces or control characters; percent-encode them", limits, field)
    match = _SCHEME.match(url)
    if match is None:
        raise _invalid("image URL must be absolute and start with http:// or https://", limits, field)
    scheme = match.group(0)[:-1].lower()
    if scheme not in ("http", "https"):
        raise _invalid(f"image URL must use http or https, not {scheme}:", limits, field)
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port  # raises ValueError on a port that is not a number in range
    except ValueError:
        raise _invalid("image URL is malformed (bad host or port)", limits, field) from None
    if not parts.hostname:
        raise _invalid("image URL has no host", limits, field)
    del port
    if limits is not None and not limits.accepts_url:
        raise _invalid(
            f"{limits.operation} does not accept an image URL here; pass the image bytes", limits, field
        )
    return ImageUrl(url)


def _read_path(path: str | os.PathLike[str], limits: ProviderLimits | None) -> bytes:
    shown = os.fspath(path)
    try:
        if limits is not None:
            # Refuse an oversized file before reading it into memory.
            _check_size(os.stat(path).st_size, limits)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise _invalid(f"image file not found: {shown}", limits) from None
    except IsADirectoryError:
        raise _invalid(f"image path is a directory, not a file: {shown}", limits) from None
    except PermissionError:
        raise _invalid(f"image file cannot be read (permission denied): {shown}", limits) from None
    except OSError as exc:
        raise _invalid(
            f"image file cannot be read ({exc.strerror or type(exc).__name__}): {shown}", limits
        ) from None


def _read_file_object(handle: ReadableBinary, limits: ProviderLimits | None) -> bytes:
    try:
        data: object = handle.read()
    except OSError as exc:
        raise _invalid(
            f"image file object cannot be read ({exc.strerror or type(exc).__name__})", limits
        ) from None
    if isinstance(data, str):
        raise _invalid("image file object is in text mode; open it with 'rb'", limits)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise _invalid(f"image file object's read() returned {type(data).__name__}, not bytes", limits)
    return bytes(data)


def _load(image: object, limits: ProviderLimits | None) -> bytes | ImageUrl:
    if isinstance(image, (bytes, bytearray, memoryview)):
        return bytes(image)
    if isinstance(image, str):
        if not image.strip():
            raise _invalid("image is an empty string: neither a file path nor a URL", limits)
        if looks_like_url(image):
            return check_url(image, limits, field="image")
        return _read_path(image, limits)
    if isinstance(image, os.PathLike):
        return _read_path(image, limits)
    if callable(getattr(image, "read", None)):
        return _read_file_object(image, limits)  # type: ignore[arg-type]
    raise _invalid(
        f"image must be bytes, a file path, an http(s) URL or a binary file object, not {type(image).__name__}",
        limits,
    )


def _source(image: object, url: str | None, limits: ProviderLimits | None) -> bytes | ImageUrl:
    if image is not None and url is not None:
        raise _invalid("pass either an image or a URL, not both", limits)
    if url is not None:
        return check_url(url, limits)
    if image is None:
        raise _invalid("no image given: pass the image (bytes, path or file) or a URL", limits)
    return _load(image, limits)


def load_image(image: ImageInput | None = None, *, url: str | None = None) -> ValidatedImage:
    """Normalise an input without any provider's limits (format must still be recognised)."""
    loaded = _source(image, url, None)
    if isinstance(loaded, ImageUrl):
        return loaded
    return _describe(loaded, None)


# --- limits -----------------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / MIB:.1f} MB"


def _accepted(limits: ProviderLimits) -> str:
    return ", ".join(FORMAT_NAMES[kind] for kind in _FORMAT_ORDER if kind in limits.formats)


def _check_size(raw_size: int, limits: ProviderLimits) -> None:
    measured = limits.encoded_size(raw_size)
    if measured <= limits.max_bytes:
        return
    limit = f"{limits.max_bytes / MIB:g} MB"
    if limits.limit_of == "body":
        how = "with base64" if limits.size_measure == "base64" else "as multipart"
        raise _invalid(
            f"image is {_mb(raw_size)}, a request body of {_mb(measured)} {how}; "
            f"{limits.operation} accepts a body of at most {limit}",
            limits,
        )
    if limits.size_measure == "base64":
        raise _invalid(
            f"image is {_mb(raw_size)} ({_mb(measured)} as base64); "
            f"{limits.operation} accepts at most {limit} of base64",
            limits,
        )
    raise _invalid(f"image is {_mb(raw_size)}; {limits.operation} accepts at most {limit}", limits)


def check_body_size(body_size: int, limits: ProviderLimits) -> None:
    """For a facade that built the request body: InvalidInputError if it exceeds a body limit."""
    if limits.limit_of == "body" and body_size > limits.max_bytes:
        raise _invalid(
            f"request body is {_mb(body_size)}; {limits.operation} accepts a body of at most "
            f"{limits.max_bytes / MIB:g} MB",
            limits,
        )


def _describe(data: bytes, limits: ProviderLimits | None) -> ImageBytes:
    if not data:
        raise _invalid("image is empty (0 bytes)", limits)
    info = describe_image(data)
    if info is None:
        accepted = f"; {limits.operation} accepts {_accepted(limits)}" if limits is not None else ""
        raise _invalid(f"image format not recognised (starts with 0x{data[:8].hex()}){accepted}", limits)
    return ImageBytes(data, info.format, info.width, info.height, info.animated)


def check_image_bytes(data: bytes, limits: ProviderLimits) -> ImageBytes:
    """``data`` as an :class:`ImageBytes` if ``limits`` accept it; InvalidInputError otherwise."""
    _check_size(len(data), limits)
    image = _describe(data, limits)
    name = FORMAT_NAMES[image.format]
    if image.format not in limits.formats:
        raise _invalid(f"image is a {name}; {limits.operation} accepts {_accepted(limits)}", limits)
    if image.animated and not limits.allow_animated:
        raise _invalid(f"image is an animated GIF; {limits.operation} does not accept animated GIFs", limits)
    width, height = image.width, image.height
    if width is not None and height is not None:
        size = f"image is {width}x{height} pixels"
        if limits.min_side is not None and min(width, height) < limits.min_side:
            raise _invalid(
                f"{size}; {limits.operation} needs each side to be at least {limits.min_side} pixels", limits
            )
        if limits.max_side is not None and max(width, height) > limits.max_side:
            raise _invalid(
                f"{size}; {limits.operation} accepts at most {limits.max_side} pixels per side", limits
            )
        if limits.max_pixels is not None and width * height > limits.max_pixels:
            raise _invalid(
                f"{size} ({width * height / 1e6:.1f} megapixels); {limits.operation} accepts at most "
                f"{limits.max_pixels / 1e6:g} megapixels",
                limits,
            )
    return image


def validate_image(
    image: ImageInput | None, limits: ProviderLimits, *, url: str | None = None
) -> ValidatedImage:
    """Normalise ``image`` (or ``url``) and check it against ``limits``; no request is sent.

    Exactly one of ``image`` and ``url`` must be given. A ``str`` image that starts with a URL
    scheme is a URL, anything else is a file path.
    """
    loaded = _source(image, url, limits)
    if isinstance(loaded, ImageUrl):
        return loaded
    return check_image_bytes(loaded, limits)

"""Input validation: normalising inputs, sniffing images, and each operation's limits."""

from __future__ import annotations

import io
import pathlib
import struct
from collections.abc import Callable

import httpx
import pytest
import respx
from handwriting_ocr.errors import InvalidInputError
from handwriting_ocr.validation import (
    AZURE_READ,
    AZURE_RECOGNIZE_TEXT,
    AZURE_V1_ANALYZE,
    AZURE_V1_OCR,
    HUAWEI_HANDWRITING,
    TENCENT_JSON,
    TENCENT_MULTIPART,
    ImageBytes,
    ImageInfo,
    ImageInput,
    ImageUrl,
    ProviderLimits,
    check_body_size,
    describe_image,
    load_image,
    sniff_format,
    validate_image,
)
from handwriting_ocr.validation import inputs as inputs_module
from handwriting_ocr.validation.limits import MIB
from PIL import Image

# --- image builders ----------------------------------------------------------------------------------


def pillow(fmt: str, width: int = 123, height: int = 45, **options: object) -> bytes:
    buffer = io.BytesIO()
    mode = "RGB" if fmt != "GIF" else "P"
    Image.new(mode, (width, height), 7 if mode == "P" else (10, 200, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def animated_gif(frames: int = 3, size: tuple[int, int] = (20, 30)) -> bytes:
    images = [Image.new("RGB", size, (i * 80, 0, 0)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """Just the signature and IHDR: enough for every check here, without allocating pixels."""
    ihdr = struct.pack(">II", width, height) + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\x00\x00\x00\x00"


def tiff_big_endian(width: int, height: int) -> bytes:
    entries = struct.pack(">HHIHH", 256, 3, 1, width, 0) + struct.pack(">HHII", 257, 4, 1, height)
    return b"MM\x00*" + struct.pack(">I", 8) + struct.pack(">H", 2) + entries + b"\x00\x00\x00\x00"


def bmp_header(width: int, height: int, *, core: bool = False) -> bytes:
    if core:  # OS/2 BITMAPCOREHEADER
        dib = struct.pack("<IHHHH", 12, width, height, 1, 24)
    else:
        dib = struct.pack("<IiiHH", 40, width, height, 1, 24) + bytes(24)
    return b"BM" + struct.pack("<IHHI", 14 + len(dib), 0, 0, 14 + len(dib)) + dib


def padded(head: bytes, size: int) -> bytes:
    return head + bytes(size - len(head))


# --- sniffing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (pillow("PNG"), ImageInfo("png", 123, 45)),
        (pillow("JPEG"), ImageInfo("jpeg", 123, 45)),
        (pillow("JPEG", progressive=True), ImageInfo("jpeg", 123, 45)),
        (pillow("BMP"), ImageInfo("bmp", 123, 45)),
        (pillow("GIF"), ImageInfo("gif", 123, 45, animated=False)),
        (pillow("TIFF"), ImageInfo("tiff", 123, 45)),
        (pillow("TIFF", compression="tiff_deflate"), ImageInfo("tiff", 123, 45)),
        (pillow("PDF"), ImageInfo("pdf")),
        (pillow("WEBP"), ImageInfo("webp")),
        (animated_gif(), ImageInfo("gif", 20, 30, animated=True)),
        (animated_gif(2), ImageInfo("gif", 20, 30, animated=True)),
        (tiff_big_endian(4000, 300), ImageInfo("tiff", 4000, 300)),
        (bmp_header(640, -480), ImageInfo("bmp", 640, 480)),
        (bmp_header(33, 44, core=True), ImageInfo("bmp", 33, 44)),
        (png_header(70000, 12), ImageInfo("png", 70000, 12)),
        (b"II+\x00\x08\x00\x00\x00" + bytes(16), ImageInfo("tiff")),  # BigTIFF: size left to the provider
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", ImageInfo("jpeg")),  # truncated before the frame header
        (b"\x89PNG\r\n\x1a\n", ImageInfo("png")),
        (b"\n%PDF-1.7\n", ImageInfo("pdf")),
    ],
)
def test_describe_image(data: bytes, expected: ImageInfo) -> None:
    assert describe_image(data) == expected


def test_jpeg_with_fill_bytes_and_segments_before_the_frame() -> None:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    com = b"\xff\xfe" + struct.pack(">H", 7) + b"hello"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 1080, 1920, 1) + bytes(3)
    data = b"\xff\xd8" + app0 + b"\xff" + com + sof0 + b"\xff\xda"
    assert describe_image(data) == ImageInfo("jpeg", 1920, 1080)


def test_jpeg_dht_marker_is_not_mistaken_for_a_frame() -> None:
    dht = b"\xff\xc4" + struct.pack(">H", 6) + b"\x00\x01\x02\x03"
    sof2 = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, 60, 70, 1) + bytes(3)
    assert describe_image(b"\xff\xd8" + dht + sof2) == ImageInfo("jpeg", 70, 60)


@pytest.mark.parametrize(
    "data", [b"", b"hello world", b"\x00" * 64, b"BM", b"GIF88a" + bytes(10), b"RIFF\0\0\0\0WAVE"]
)
def test_unknown_bytes_are_not_an_image(data: bytes) -> None:
    assert sniff_format(data) is None
    assert describe_image(data) is None


def test_corrupt_gif_stream_is_not_an_error() -> None:
    data = animated_gif()
    assert describe_image(data[:40]) == ImageInfo("gif", 20, 30, animated=False)


# --- normalising inputs ------------------------------------------------------------------------------

PNG = pillow("PNG", 60, 70)


@pytest.mark.parametrize(
    "make",
    [
        lambda path: PNG,
        lambda path: bytearray(PNG),
        lambda path: memoryview(PNG),
        lambda path: str(path),
        lambda path: path,
        lambda path: io.BytesIO(PNG),
    ],
    ids=["bytes", "bytearray", "memoryview", "str-path", "pathlike", "file-object"],
)
def test_every_input_kind_becomes_image_bytes(
    make: Callable[[pathlib.Path], ImageInput], tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "page.png"
    path.write_bytes(PNG)
    image = validate_image(make(path), AZURE_READ)
    assert image == ImageBytes(PNG, "png", 60, 70)
    assert isinstance(image, ImageBytes)
    assert (image.media_type, image.extension) == ("image/png", "png")


def test_open_binary_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(tiff_big_endian(800, 600))
    with path.open("rb") as handle:
        image = validate_image(handle, AZURE_READ)
    assert image == ImageBytes(tiff_big_endian(800, 600), "tiff", 800, 600)
    assert isinstance(image, ImageBytes)
    assert image.extension == "tif"


def test_repr_does_not_dump_the_bytes() -> None:
    image = load_image(PNG)
    assert (
        repr(image)
        == f"ImageBytes(data=<{len(PNG)} bytes>, format='png', width=60, height=70, animated=False)"
    )


def expect_invalid(
    image: object, limits: ProviderLimits | None = AZURE_READ, *, url: str | None = None
) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as caught:
        if limits is None:
            load_image(image, url=url)  # type: ignore[arg-type]
        else:
            validate_image(image, limits, url=url)  # type: ignore[arg-type]
    return caught.value


def test_both_image_and_url() -> None:
    error = expect_invalid(PNG, url="https://example.com/a.png")
    assert (error.message, error.field, error.provider) == (
        "pass either an image or a URL, not both",
        "image",
        "azure",
    )


def test_neither_image_nor_url() -> None:
    assert expect_invalid(None).message == "no image given: pass the image (bytes, path or file) or a URL"


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (b"", "image is empty (0 bytes)"),
        (bytearray(), "image is empty (0 bytes)"),
        (io.BytesIO(b""), "image is empty (0 bytes)"),
        ("", "image is an empty string: neither a file path nor a URL"),
        ("   ", "image is an empty string: neither a file path nor a URL"),
        (12345, "image must be bytes, a file path, an http(s) URL or a binary file object, not int"),
        (io.StringIO("text"), "image file object is in text mode; open it with 'rb'"),
    ],
)
def test_bad_inputs(image: object, message: str) -> None:
    for limits in (AZURE_READ, None):
        assert expect_invalid(image, limits).message == message


def test_file_object_that_fails_to_read() -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    assert expect_invalid(Broken()).message == "image file object cannot be read (Input/output error)"


def test_missing_path_is_named(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope" / "scan.png"
    for image in (missing, str(missing)):
        error = expect_invalid(image)
        assert (error.message, error.field) == (f"image file not found: {missing}", "image")


def test_windows_style_path_is_a_path_not_a_url() -> None:
    assert expect_invalid("C:\\scans\\page.png").message == "image file not found: C:\\scans\\page.png"


def test_directory_is_not_an_image(tmp_path: pathlib.Path) -> None:
    assert expect_invalid(tmp_path).message == f"image path is a directory, not a file: {tmp_path}"


def test_unreadable_file(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.png"
    path.write_bytes(PNG)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # chmod 0 does not stop root (CI containers often run as root): refuse the open itself.
    monkeypatch.setattr(inputs_module, "open", denied, raising=False)
    assert expect_invalid(path).message == f"image file cannot be read (permission denied): {path}"


def test_oversized_file_is_refused_before_it_is_read(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as handle:
        handle.write(png_header(100, 100))
        handle.truncate(21 * MIB)  # sparse: cheap on disk

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(inputs_module, "open", no_open, raising=False)
    assert expect_invalid(path).message == "image is 21.0 MB; Azure Read accepts at most 20 MB"


# --- URLs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/page.png",
        "http://example.com:8080/a/b.jpg?x=1",
        "HTTPS://EXAMPLE.COM/A.PNG",
        "https://[2001:db8::1]/a.png",
        "  https://example.com/trimmed.png ",
    ],
)
def test_good_urls(url: str) -> None:
    assert validate_image(None, AZURE_READ, url=url) == ImageUrl(url.strip())
    assert validate_image(url, HUAWEI_HANDWRITING) == ImageUrl(url.strip())


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/a.png", "image URL must use http or https, not ftp:"),
        ("file:///etc/passwd", "image URL must use http or https, not file:"),
        ("data:image/png;base64,iVBORw0KGgo=", "image URL must use http or https, not data:"),
        ("javascript:alert(1)", "image URL must use http or https, not javascript:"),
        ("images/page.png", "image URL must be absolute and start with http:// or https://"),
        ("//cdn.example.com/page.png", "image URL must be absolute and start with http:// or https://"),
        ("/page.png", "image URL must be absolute and start with http:// or https://"),
        ("https://", "image URL has no host"),
        ("https:///path-only", "image URL has no host"),
        ("http://example.com:99999/a.png", "image URL is malformed (bad host or port)"),
        ("http://example.com:port/a.png", "image URL is malformed (bad host or port)"),
        ("http://[::1/a.png", "image URL is malformed (bad host or port)"),
        (
            "https://example.com/my page.png",
            "image URL contains spaces or control characters; percent-encode them",
        ),
        (
            "https://example.com/a\npng",
            "image URL contains spaces or control characters; percent-encode them",
        ),
        ("", "image URL is empty"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    error = expect_invalid(None, url=url)
    assert (error.message, error.field) == (message, "url")


@pytest.mark.parametrize(
    "image", ["ftp://example.com/a.png", "javascript:alert(1)", "//cdn.example.com/a.png"]
)
def test_url_like_strings_given_as_image_are_checked_as_urls(image: str) -> None:
    error = expect_invalid(image)
    assert error.field == "image"
    assert error.message.startswith("image URL must")


def test_signed_url_query_is_never_shown() -> None:
    url = "https://acct.blob.core.windows.net/scans/p.png?sv=2020&sig=SECRETSIGNATURE%3D"
    image = validate_image(None, AZURE_READ, url=url)
    assert isinstance(image, ImageUrl)
    assert image.url == url
    assert "SECRETSIGNATURE" not in repr(image)
    assert repr(image) == "ImageUrl(url=https://acct.blob.core.windows.net/scans/p.png?…)"
    error = expect_invalid(None, TENCENT_MULTIPART, url=url)
    assert "SECRETSIGNATURE" not in error.message


def test_tencent_multipart_takes_no_url() -> None:
    error = expect_invalid(None, TENCENT_MULTIPART, url="https://example.com/a.png")
    assert (error.message, error.provider) == (
        "Tencent OCR does not accept an image URL here; pass the image bytes",
        "tencent",
    )
    assert validate_image(None, TENCENT_JSON, url="https://example.com/a.png") == ImageUrl(
        "https://example.com/a.png"
    )


# --- sizes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "size", "message"),
    [
        (AZURE_READ, int(21.3 * MIB), "image is 21.3 MB; Azure Read accepts at most 20 MB"),
        (AZURE_RECOGNIZE_TEXT, 4 * MIB + 1, "image is 4.0 MB; Azure RecognizeText accepts at most 4 MB"),
        (AZURE_V1_OCR, 5 * MIB, "image is 5.0 MB; Azure v1.0 OCR accepts at most 4 MB"),
        (
            HUAWEI_HANDWRITING,
            8 * MIB,
            "image is 8.0 MB (10.7 MB as base64); Huawei OCR accepts at most 10 MB of base64",
        ),
        (
            TENCENT_JSON,
            int(4.5 * MIB),
            "image is 4.5 MB, a request body of 6.0 MB with base64; Tencent OCR accepts a body of at most 6 MB",
        ),
        (
            TENCENT_MULTIPART,
            6 * MIB,
            "image is 6.0 MB, a request body of 6.0 MB as multipart; Tencent OCR accepts a body of at most 6 MB",
        ),
    ],
)
def test_too_large(limits: ProviderLimits, size: int, message: str) -> None:
    error = expect_invalid(padded(png_header(100, 100), size), limits)
    assert (error.message, error.provider, error.field) == (message, limits.provider, "image")


@pytest.mark.parametrize(
    ("limits", "largest"),
    [
        (AZURE_READ, 20 * MIB),
        (AZURE_RECOGNIZE_TEXT, 4 * MIB),
        (HUAWEI_HANDWRITING, 10 * MIB * 3 // 4),  # its base64 is exactly 10 MiB
        (TENCENT_JSON, (6 * MIB - 256) * 3 // 4),
        (TENCENT_MULTIPART, 6 * MIB - 512),
    ],
)
def test_size_boundaries(limits: ProviderLimits, largest: int) -> None:
    head = png_header(100, 100)
    assert isinstance(validate_image(padded(head, largest), limits), ImageBytes)
    with pytest.raises(InvalidInputError):
        validate_image(padded(head, largest + 1), limits)


def test_body_size_check_for_facades() -> None:
    check_body_size(6 * MIB, TENCENT_JSON)
    check_body_size(100 * MIB, AZURE_READ)  # Azure's limit is on the image, not the body
    with pytest.raises(
        InvalidInputError, match=r"^request body is 6\.0 MB; Tencent OCR accepts a body of at most 6 MB$"
    ):
        check_body_size(6 * MIB + 1, TENCENT_MULTIPART)


# --- formats, dimensions, animation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "limits", "message"),
    [
        (pillow("GIF"), AZURE_READ, "image is a GIF; Azure Read accepts JPEG, PNG, BMP, TIFF, PDF"),
        (pillow("TIFF"), AZURE_RECOGNIZE_TEXT, "image is a TIFF; Azure RecognizeText accepts JPEG, PNG, BMP"),
        (pillow("PDF"), HUAWEI_HANDWRITING, "image is a PDF; Huawei OCR accepts JPEG, PNG, BMP, TIFF"),
        (pillow("WEBP"), AZURE_V1_ANALYZE, "image is a WebP; Azure v1.0 Analyze accepts JPEG, PNG, BMP, GIF"),
        (pillow("TIFF"), TENCENT_JSON, "image is a TIFF; Tencent OCR accepts JPEG, PNG, BMP, GIF"),
        (
            b"\x00\x00\x00\x18ftypheic" + bytes(40),
            AZURE_READ,
            "image format not recognised (starts with 0x0000001866747970); Azure Read accepts JPEG, PNG, BMP, TIFF, PDF",
        ),
        (animated_gif(), TENCENT_JSON, "image is an animated GIF; Tencent OCR does not accept animated GIFs"),
        (
            animated_gif(),
            TENCENT_MULTIPART,
            "image is an animated GIF; Tencent OCR does not accept animated GIFs",
        ),
    ],
)
def test_format_rules(data: bytes, limits: ProviderLimits, message: str) -> None:
    assert expect_invalid(data, limits).message == message


def test_unrecognised_format_without_limits() -> None:
    assert (
        expect_invalid(b"hello world", None).message
        == "image format not recognised (starts with 0x68656c6c6f20776f)"
    )


@pytest.mark.parametrize(
    ("data", "limits"),
    [
        (pillow("GIF"), TENCENT_JSON),
        (animated_gif(size=(64, 64)), AZURE_V1_ANALYZE),
        (pillow("PDF"), AZURE_READ),
        (pillow("TIFF"), HUAWEI_HANDWRITING),
        (pillow("BMP", 50, 50), AZURE_RECOGNIZE_TEXT),
    ],
)
def test_accepted_formats(data: bytes, limits: ProviderLimits) -> None:
    assert isinstance(validate_image(data, limits), ImageBytes)


@pytest.mark.parametrize(
    ("width", "height", "limits", "message"),
    [
        (49, 100, AZURE_READ, "image is 49x100 pixels; Azure Read needs each side to be at least 50 pixels"),
        (10001, 50, AZURE_READ, "image is 10001x50 pixels; Azure Read accepts at most 10000 pixels per side"),
        (
            4201,
            600,
            AZURE_RECOGNIZE_TEXT,
            "image is 4201x600 pixels; Azure RecognizeText accepts at most 4200 pixels per side",
        ),
        (
            39,
            40,
            AZURE_V1_OCR,
            "image is 39x40 pixels; Azure v1.0 OCR needs each side to be at least 40 pixels",
        ),
        (
            3201,
            40,
            AZURE_V1_OCR,
            "image is 3201x40 pixels; Azure v1.0 OCR accepts at most 3200 pixels per side",
        ),
        (
            3200,
            3200,
            AZURE_V1_OCR,
            "image is 3200x3200 pixels (10.2 megapixels); Azure v1.0 OCR accepts at most 10 megapixels",
        ),
        (
            7,
            100,
            HUAWEI_HANDWRITING,
            "image is 7x100 pixels; Huawei OCR needs each side to be at least 8 pixels",
        ),
        (
            8193,
            100,
            HUAWEI_HANDWRITING,
            "image is 8193x100 pixels; Huawei OCR accepts at most 8192 pixels per side",
        ),
        (
            30,
            30,
            AZURE_V1_ANALYZE,
            "image is 30x30 pixels; Azure v1.0 Analyze needs each side to be at least 50 pixels",
        ),
    ],
)
def test_dimension_rules(width: int, height: int, limits: ProviderLimits, message: str) -> None:
    assert expect_invalid(png_header(width, height), limits).message == message


@pytest.mark.parametrize(
    ("width", "height", "limits"),
    [
        (50, 50, AZURE_READ),
        (10000, 10000, AZURE_READ),
        (4200, 4200, AZURE_RECOGNIZE_TEXT),
        (3162, 3162, AZURE_V1_OCR),
        (8, 8192, HUAWEI_HANDWRITING),
        (20000, 20000, AZURE_V1_ANALYZE),  # no documented maximum
        (1, 1, TENCENT_JSON),  # no documented minimum
    ],
)
def test_dimension_boundaries_are_accepted(width: int, height: int, limits: ProviderLimits) -> None:
    image = validate_image(png_header(width, height), limits)
    assert isinstance(image, ImageBytes)
    assert (image.width, image.height) == (width, height)


def test_unmeasurable_images_are_left_to_the_provider() -> None:
    truncated_jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)
    image = validate_image(truncated_jpeg, AZURE_V1_OCR)
    assert image == ImageBytes(truncated_jpeg, "jpeg", None, None)


# --- a facade-like call sends nothing for bad input -----------------------------------------------------


@respx.mock
@pytest.mark.parametrize(
    ("image", "url"),
    [
        (b"", None),
        (pillow("GIF"), None),
        (png_header(10, 10), None),
        (None, "ftp://example.com/a.png"),
        (PNG, "https://example.com/a.png"),
    ],
)
def test_nothing_is_sent_for_bad_input(image: bytes | None, url: str | None) -> None:
    endpoint = "https://westcentralus.api.cognitive.microsoft.com/vision/v2.0/read/core/asyncBatchAnalyze"
    route = respx.post(endpoint).mock(return_value=httpx.Response(202))

    def begin_read(image: bytes | None, url: str | None) -> None:
        checked = validate_image(image, AZURE_READ, url=url)
        with httpx.Client() as client:
            if isinstance(checked, ImageUrl):
                client.post(endpoint, json={"url": checked.url})
            else:
                client.post(
                    endpoint, content=checked.data, headers={"Content-Type": "application/octet-stream"}
                )

    with pytest.raises(InvalidInputError):
        begin_read(image, url)
    assert route.call_count == 0
    begin_read(PNG, None)
    assert route.call_count == 1
    assert route.calls.last.request.content == PNG

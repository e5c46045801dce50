"""Input parsing and output naming of ``recognize``: stable, collision-free, secret-free."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from handwriting_ocr.cli.errors import CommandError
from handwriting_ocr.cli.formats import SUFFIXES
from handwriting_ocr.cli.inputs import ImageSource, allocate_stems, parse_source, parse_sources
from handwriting_ocr.clients import TencentOcrClient
from handwriting_ocr.errors import InvalidInputError


def test_http_and_https_arguments_are_urls_everything_else_a_path() -> None:
    assert parse_source("https://example.com/a.png") == ImageSource(
        argument="https://example.com/a.png", url="https://example.com/a.png"
    )
    assert parse_source("HTTP://example.com/a.png").url == "HTTP://example.com/a.png"
    assert parse_source("scans/a.png").path == Path("scans/a.png")
    assert parse_source(r"C:\scans\a.png").url is None
    assert parse_source("./notes:v2.png").path == Path("notes:v2.png")


def _api_refusal(image: str) -> str:
    """What the Python API says about ``image``, before any request (the transport must not be used)."""

    def no_request(request: httpx.Request) -> httpx.Response:
        raise AssertionError("validation must refuse the image before any request")

    client = TencentOcrClient(
        appid="1250000000", secret_id="AKIDx", secret_key="k", transport=httpx.MockTransport(no_request)
    )
    with client, pytest.raises(InvalidInputError) as caught:
        client.recognize(image)
    return caught.value.message


@pytest.mark.parametrize(
    "argument",
    [
        "ftp://example.com/a.png",
        "file:///tmp/a.png",
        "gopher://example.com/x",
        "http://",
        "//example.com/a.png",
    ],
)
def test_urls_the_providers_cannot_take_are_refused_as_the_python_api_refuses_them(argument: str) -> None:
    with pytest.raises(CommandError) as caught:
        parse_source(argument)
    assert caught.value.exit_code == 2
    expected = _api_refusal(argument)
    assert caught.value.message.startswith(f"{argument}: {expected}"), (caught.value.message, expected)


def test_refusals_carry_a_hint_where_one_helps() -> None:
    with pytest.raises(CommandError) as caught:
        parse_source("file:///tmp/a.png")
    assert caught.value.message == (
        "file:///tmp/a.png: image URL must use http or https, not file: (give the file's path instead)"
    )
    with pytest.raises(CommandError) as caught:
        parse_source("notes:v2.png")
    assert caught.value.message.endswith("(for a file whose name contains ':', write ./notes:v2.png)")


def test_a_refused_url_shows_no_query_string_or_user_info() -> None:
    with pytest.raises(CommandError) as caught:
        parse_source("ftp://user:pw@example.com/a.png?sig=S3CRET")
    assert "S3CRET" not in caught.value.message and "pw" not in caught.value.message
    assert caught.value.message.startswith("ftp://example.com/a.png?…: ")


def test_a_dash_is_stdin_and_must_be_the_only_input() -> None:
    source = parse_source("-")
    assert source == ImageSource(argument="-", stdin=True)
    assert (source.display, source.file_name, allocate_stems([source])) == ("<stdin>", "stdin", ["stdin"])
    for arguments in (["-", "a.png"], ["a.png", "-"], ["-", "-"]):
        with pytest.raises(CommandError, match="must be the only IMAGE_OR_URL") as caught:
            parse_sources(arguments)
        assert caught.value.exit_code == 2


def test_url_display_hides_query_fragment_and_userinfo() -> None:
    source = parse_source("https://user:pw@store.example.com/c/scan.jpg?sig=SECRETSIG&se=2030#x")
    assert source.display == "https://store.example.com/c/scan.jpg?…"
    assert "SECRETSIG" not in source.display and "pw" not in source.display
    assert parse_source("https://example.com/scan.jpg").display == "https://example.com/scan.jpg"


def test_stems_come_from_file_names_and_url_paths() -> None:
    sources = [
        parse_source("a/letter.png"),
        parse_source("https://example.com/x/page%201.jpeg?sig=abc"),
        parse_source("https://example.com/"),
        parse_source("b/my.scan.v2.tif"),
        parse_source("c/手稿.png"),
    ]
    assert allocate_stems(sources) == ["letter", "page_1", "example_com", "my_scan_v2", "手稿"]


def test_duplicates_get_numbered_suffixes_in_argument_order() -> None:
    sources = [parse_source(p) for p in ("a/scan.png", "b/scan.png", "a/scan.png", "scan-2.jpg", "SCAN.gif")]
    stems = allocate_stems(sources)
    assert stems == ["scan", "scan-2", "scan-3", "scan-2-2", "SCAN-4"]
    assert len({s.lower() for s in stems}) == len(stems)
    # Stable: the same arguments give the same names on a rerun.
    assert allocate_stems(sources) == stems


def test_no_image_can_overwrite_the_summary() -> None:
    stems = allocate_stems([parse_source("summary.png"), parse_source("Summary.jpg")])
    assert stems == ["summary-2", "Summary-3"]


def test_stem_plus_suffix_never_collides_across_inputs() -> None:
    # Stems have no dots, and every suffix starts with one: two inputs cannot share an output file.
    sources = [parse_source(p) for p in ("x.p1.png", "x.png", "x.page.png", "x.alto.png", ".hidden")]
    stems = allocate_stems(sources)
    names = [stem + suffix for stem in stems for suffix in (*SUFFIXES.values(), ".p1.page.xml")]
    assert len(names) == len(set(names))
    assert all("." not in stem for stem in stems)

"""Input parsing and output naming of ``recognize``: stable, collision-free, secret-free."""

from __future__ import annotations

from pathlib import Path

from handwriting_ocr.cli.formats import SUFFIXES
from handwriting_ocr.cli.inputs import ImageSource, allocate_stems, parse_source


def test_http_and_https_arguments_are_urls_everything_else_a_path() -> None:
    assert parse_source("https://example.com/a.png") == ImageSource(
        argument="https://example.com/a.png", url="https://example.com/a.png"
    )
    assert parse_source("HTTP://example.com/a.png").url == "HTTP://example.com/a.png"
    assert parse_source("scans/a.png").path == Path("scans/a.png")
    assert parse_source("ftp://example.com/a.png").path == Path("ftp://example.com/a.png")
    assert parse_source(r"C:\scans\a.png").url is None


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

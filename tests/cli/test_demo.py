"""``handwriting-ocr demo``: end to end in a subprocess, offline, in a fresh folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.cli import main
from handwriting_ocr.documents import Document

from tests.cli.helpers import alto_lines, clean_environment, hocr_lines, page_lines, run_cli

RUNS = (
    "azure",
    "azure-v2",
    "azure-text",
    "azure-v1",
    "azure-ocr",
    "azure-image-analysis",
    "huawei-aksk",
    "huawei-iam",
    "tencent",
    "tencent-legacy",
)
EXPORTS = ("glory.json", "glory.txt", "glory.hocr.html", "glory.alto.xml", "glory.page.xml")


def test_demo_recognises_the_sample_with_every_provider(tmp_path: Path) -> None:
    # No credentials in the environment and no network: the demo brings its own emulator.
    done = run_cli(["demo"], clean_environment(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    expected = samples.get("glory.png")
    lines = [line.text for line in expected.lines]
    out = tmp_path / "demo-output"
    assert (out / "glory.png").read_bytes() == samples.read_bytes("glory.png")
    for run in RUNS:
        assert f"\n== {run}: " in done.stdout
        assert f"== {run}: " in done.stdout and "(matches the sample's transcript)" in done.stdout
        folder = out / run
        assert sorted(p.name for p in folder.iterdir()) == sorted([*EXPORTS, "glory.overlay.png"])
        assert (folder / "glory.txt").read_text("utf-8") == expected.text + "\n"
        assert Document.from_json((folder / "glory.json").read_text("utf-8")).text == expected.text + "\n"
        assert hocr_lines((folder / "glory.hocr.html").read_text("utf-8")) == lines
        assert alto_lines((folder / "glory.alto.xml").read_text("utf-8")) == lines
        assert page_lines((folder / "glory.page.xml").read_text("utf-8")) == lines
        assert (folder / "glory.overlay.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"overlay: demo-output/{run}/glory.overlay.png" in done.stdout
    # Each run prints the transcript.
    assert done.stdout.count(expected.text + "\n") == len(RUNS)
    assert done.stdout.rstrip().endswith(
        "10 runs: 10 succeeded (10 matching the transcript), 0 failed. Everything is in demo-output/"
    )


def test_demo_without_pillow_says_so_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("handwriting_ocr.cli.cmd_demo.pillow_available", lambda: False)
    out = tmp_path / "elsewhere"
    assert main(["demo", "--output", str(out), "--sample", "note.png"]) == 0
    captured = capsys.readouterr()
    assert "note: Pillow is not installed, so no overlay pictures" in captured.out
    assert samples.get("note.png").text in captured.out
    assert not list(out.rglob("*.overlay.png"))
    assert (out / "tencent" / "note.alto.xml").exists()
    assert (out / "tencent-legacy" / "note.alto.xml").exists()


def test_demo_with_an_unknown_sample_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--output", str(tmp_path), "--sample", "nope.png"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no bundled sample named 'nope.png'") and err.count("\n") == 1

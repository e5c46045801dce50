"""``convert``: provider JSON to other shapes and exports, and one-line errors for bad input."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.cli import main
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document, Shape

from tests.cli.helpers import alto_lines, assert_one_error_line, run_cli

SAMPLE = "note.png"


def _recognize_raw(provider: str, image: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["recognize", str(image), "-p", provider, "-f", "raw"]) == 0
    return capsys.readouterr().out


@pytest.fixture
def huawei_json(
    in_process_env: dict[str, str], sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A real Huawei answer (from the emulator) saved to a file."""
    path = tmp_path / "huawei.json"
    path.write_text(_recognize_raw("huawei", sample_dir / SAMPLE, capsys), "utf-8")
    return path


def test_huawei_to_every_other_shape_keeps_the_text(
    huawei_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = samples.get(SAMPLE).text + "\n"
    shapes: tuple[Shape, ...] = (
        "azure-read",
        "azure-text",
        "azure-v1-text",
        "azure-ocr",
        "tencent",
        "huawei",
    )
    for shape in shapes:
        assert main(["convert", str(huawei_json), "--from", "huawei", "--to", shape]) == 0
        captured = capsys.readouterr()
        assert captured.err == ""
        assert to_document(json.loads(captured.out), shape).text == expected


def test_converting_to_the_same_shape_gives_the_answer_back(
    huawei_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(huawei_json), "--from", "huawei", "--to", "huawei"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(huawei_json.read_text("utf-8"))


def test_exports_and_document_json_chain(
    huawei_json: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lines = [line.text for line in samples.get(SAMPLE).lines]
    assert main(["convert", str(huawei_json), "--from", "huawei", "--to", "text"]) == 0
    assert capsys.readouterr().out == "\n".join(lines) + "\n"

    document_json = tmp_path / "doc.json"
    assert (
        main(["convert", str(huawei_json), "--from", "huawei", "--to", "json", "-o", str(document_json)]) == 0
    )
    assert capsys.readouterr().out == ""
    assert Document.from_json(document_json.read_text("utf-8")).shape == "huawei"

    # The Document JSON from stdin, on to ALTO.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(document_json.read_bytes())))
    assert main(["convert", "-", "--from", "json", "--to", "alto", "--image-name", "scan.png"]) == 0
    alto = capsys.readouterr().out
    assert alto_lines(alto) == lines
    assert "<fileName>scan.png</fileName>" in alto


def test_wrong_shape_is_one_line_with_a_hint(huawei_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(huawei_json), "--from", "tencent", "--to", "text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, "does not look like a tencent result", "--from huawei")


def test_a_file_of_no_known_shape_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unrelated = tmp_path / "unrelated.json"
    unrelated.write_text('{"x": 1}', "utf-8")
    assert main(["convert", str(unrelated), "--from", "azure-read", "--to", "text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, "does not look like a azure-read result")


def test_an_azure_answer_still_running_converts_to_an_empty_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    running = tmp_path / "running.json"
    running.write_text('{"status": "Running"}', "utf-8")
    assert main(["convert", str(running), "--from", "azure-read", "--to", "text"]) == 0
    assert capsys.readouterr().out.strip() == ""


@pytest.mark.parametrize(
    ("content", "source", "fragments"),
    [
        ('{"result": ', "huawei", ("is not valid JSON", "line 1, column 12")),
        ("[1, 2]", "azure-read", ("a azure-read result is a JSON object, not an array",)),
        ('{"result": {"words_block_list": "nope"}}', "huawei", ("huawei",)),
        ('{"version": 1, "pages": 3}', "json", ()),
        (b"\xff\xfe\x00garbage", "tencent", ("is not valid JSON",)),
    ],
)
def test_bad_input_is_one_error_line_and_exit_1(
    content: str | bytes,
    source: str,
    fragments: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "input.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    assert main(["convert", str(path), "--from", source, "--to", "text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, str(path), *fragments)


def test_missing_file_and_unknown_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(tmp_path / "nope.json"), "--from", "huawei", "--to", "text"]) == 1
    assert_one_error_line(capsys.readouterr().err, "cannot read", "nope.json")
    assert main(["convert", str(tmp_path / "nope.json"), "--from", "huawei", "--to", "pdf"]) == 2
    assert_one_error_line(
        capsys.readouterr().err, "Invalid value for '--to'", "handwriting-ocr convert --help"
    )


def test_convert_in_a_subprocess(huawei_json: Path, tmp_path: Path) -> None:
    from tests.cli.helpers import clean_environment

    out = tmp_path / "read.json"
    done = run_cli(
        ["convert", str(huawei_json), "--from", "huawei", "--to", "azure-read", "--output", str(out)],
        clean_environment(),
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")
    assert (
        to_document(json.loads(out.read_text("utf-8")), "azure-read").text == samples.get(SAMPLE).text + "\n"
    )


def test_a_closed_stdout_pipe_is_not_a_traceback(huawei_json: Path) -> None:
    from tests.cli.helpers import clean_environment, cli_command

    process = subprocess.Popen(
        cli_command("convert", str(huawei_json), "--from", "huawei", "--to", "json"),
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # like `| head -0`: the reader is gone before anything is written
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err == b""

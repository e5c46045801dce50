"""The current APIs on the command line: the nine ``--provider`` choices against the emulator (real
subprocesses and sockets), ``convert`` between all nine result shapes, and the shape guard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from handwriting_ocr import samples
from handwriting_ocr.cli import main
from handwriting_ocr.cli.cmd_convert import SHAPE_NAMES
from handwriting_ocr.cli.providers import PROVIDERS
from handwriting_ocr.cli.shapes import likely_shapes
from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import SHAPES, Document, Shape
from handwriting_ocr.emulator import Emulator

from tests.cli.helpers import assert_one_error_line, run_cli

SAMPLE = "note.png"


def test_provider_names_say_which_api_and_cover_every_api() -> None:
    assert {name: info.shape for name, info in PROVIDERS.items()} == {
        "azure": "azure-read-v3",
        "azure-v2": "azure-read",
        "azure-text": "azure-text",
        "azure-v1": "azure-v1-text",
        "azure-ocr": "azure-ocr",
        "azure-image-analysis": "azure-image-analysis",
        "huawei": "huawei",
        "tencent": "tencent-v3",
        "tencent-legacy": "tencent",
    }
    # Every shape a provider answers in is a shape convert reads, and convert reads every shape.
    assert set(SHAPE_NAMES) == set(SHAPES)
    assert {info.shape for info in PROVIDERS.values()} == set(SHAPES)


# --- recognize, in a subprocess ------------------------------------------------------------------------


def test_azure_is_read_v3_and_its_raw_answer_says_which_lines_are_handwritten(
    sample_dir: Path, emu_env: dict[str, str], emu: Emulator
) -> None:
    emu.stats.reset()
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "azure", "-f", "raw"], emu_env)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "succeeded"
    lines = answer["analyzeResult"]["readResults"][0]["lines"]
    assert [line["appearance"]["style"]["name"] for line in lines] == ["handwriting"] * len(lines)
    # The request went to the v3.2 API, and nothing to v2.0.
    assert emu.stats.requests("azure_read_v3").served >= 2  # the submit and at least one poll
    assert emu.stats.requests("azure_v2").received == 0


def test_azure_json_document_carries_the_handwriting_style(sample_dir: Path, emu_env: dict[str, str]) -> None:
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "azure", "-f", "json"], emu_env)
    assert done.returncode == 0, done.stderr
    document = Document.from_json(done.stdout)
    assert document.shape == "azure-read-v3"
    styles = {line.style.kind for page in document.pages for line in page.lines if line.style is not None}
    assert styles == {"handwriting"}


def test_azure_image_analysis_reads_a_url(emu: Emulator, emu_env: dict[str, str]) -> None:
    done = run_cli(["recognize", emu.sample_url("glory.png"), "-p", "azure-image-analysis"], emu_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == samples.get("glory.png").text + "\n"


def test_tencent_is_api_3_and_legacy_is_the_legacy_api(
    sample_dir: Path, emu_env: dict[str, str], emu: Emulator
) -> None:
    image = str(sample_dir / SAMPLE)
    emu.stats.reset()
    current = run_cli(["recognize", image, "-p", "tencent", "-f", "raw"], emu_env)
    legacy = run_cli(["recognize", image, "-p", "tencent-legacy", "-f", "raw"], emu_env)
    assert current.returncode == legacy.returncode == 0, current.stderr + legacy.stderr
    assert "TextDetections" in json.loads(current.stdout)["Response"]
    assert json.loads(legacy.stdout)["code"] == 0
    expected = samples.get(SAMPLE).text + "\n"
    assert to_document(json.loads(current.stdout), "tencent-v3").text == expected
    assert to_document(json.loads(legacy.stdout), "tencent").text == expected
    assert (emu.stats.requests("tencent_v3").served, emu.stats.requests("tencent_legacy").served) == (1, 1)


def test_tencent_with_temporary_credentials(sample_dir: Path, emu_env: dict[str, str], emu: Emulator) -> None:
    env = {**emu_env, **emu.temporary_tencent_environment()}
    assert "TENCENTCLOUD_SESSION_TOKEN" in env
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "tencent"], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == samples.get(SAMPLE).text + "\n"


def test_tencent_image_without_text_is_an_empty_result_not_a_failure(
    emu: Emulator, emu_env: dict[str, str]
) -> None:
    # The emulator answers FailedOperation.ImageNoText for its blank page.
    done = run_cli(["recognize", emu.sample_url("blank.png"), "-p", "tencent", "-f", "json"], emu_env)
    assert done.returncode == 0, done.stderr
    document = Document.from_json(done.stdout)
    assert document.text == ""
    assert [len(page.lines) for page in document.pages] == [0]  # one page, read, without lines


def test_tencent_without_a_region_is_a_usage_error_naming_the_variable(
    sample_dir: Path, emu_env: dict[str, str]
) -> None:
    env = {k: v for k, v in emu_env.items() if k != "TENCENTCLOUD_REGION"}
    done = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "tencent"], env)
    assert done.returncode == 2
    assert_one_error_line(done.stderr, "TENCENTCLOUD_REGION")
    # The legacy API does not need it.
    legacy = run_cli(["recognize", str(sample_dir / SAMPLE), "-p", "tencent-legacy"], env)
    assert legacy.returncode == 0, legacy.stderr


def test_a_gif_is_refused_by_tencent_api_3_before_sending(
    emu: Emulator, emu_env: dict[str, str], tmp_path: Path
) -> None:
    from PIL import Image

    gif = tmp_path / "scan.gif"
    Image.new("RGB", (60, 60), (255, 255, 255)).save(gif, format="GIF")
    emu.stats.reset()
    done = run_cli(["recognize", str(gif), "-p", "tencent"], emu_env)
    assert done.returncode == 1
    assert_one_error_line(done.stderr, "scan.gif", "GIF")
    assert emu.stats.requests("tencent_v3").received == 0


# --- convert between all nine shapes ----------------------------------------------------------------


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[Shape, Path]:
    """One file per shape, each a real answer of that shape (the emulator's, through the SDK)."""
    from handwriting_ocr.clients import (
        AzureVisionClient,
        HuaweiOcrClient,
        TencentOcrClient,
        TencentOcrV3Client,
    )
    from handwriting_ocr.convert import from_document
    from handwriting_ocr.emulator import EmulatorConfig

    folder = tmp_path_factory.mktemp("answers")
    image = samples.read_bytes(SAMPLE)
    documents: dict[Shape, Document] = {}
    with Emulator(EmulatorConfig(processing_time=0.0)) as emu:
        env = emu.environment()
        with AzureVisionClient.from_env(env) as azure:
            documents["azure-read-v3"] = azure.read(image)
            documents["azure-read"] = azure.read_v2(image)
            documents["azure-text"] = azure.recognize_text(image)
            documents["azure-v1-text"] = azure.recognize_handwriting_v1(image)
            documents["azure-ocr"] = to_document(azure.ocr(image), "azure-ocr")
            analysis = azure.analyze_image(image, features=["read"])
            documents["azure-image-analysis"] = to_document(analysis, "azure-image-analysis")
        with HuaweiOcrClient.from_env(env, endpoint=emu.base_url) as huawei:
            documents["huawei"] = huawei.recognize(image)
        with TencentOcrV3Client.from_env(env, endpoint=emu.base_url) as tencent_v3:
            documents["tencent-v3"] = tencent_v3.recognize(image)
        with TencentOcrClient.from_env(env, endpoint=emu.base_url) as tencent:
            documents["tencent"] = tencent.recognize(image)
    assert set(documents) == set(SHAPES)
    paths: dict[Shape, Path] = {}
    for shape, document in documents.items():
        paths[shape] = folder / f"{shape}.json"
        paths[shape].write_text(json.dumps(from_document(document, shape)), "utf-8")
    return paths


@pytest.mark.parametrize("source", SHAPES)
def test_every_shape_converts_to_every_shape_keeping_the_text(
    source: Shape, answers: dict[Shape, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = samples.get(SAMPLE).text + "\n"
    for target in SHAPES:
        assert main(["convert", str(answers[source]), "--from", source, "--to", target]) == 0, target
        captured = capsys.readouterr()
        assert captured.err == ""
        converted = json.loads(captured.out)
        assert to_document(converted, target).text == expected, (source, target)
        if target == source:
            # The same shape gives the answer back exactly.
            assert converted == json.loads(answers[source].read_text("utf-8"))


@pytest.mark.parametrize("source", ["azure-read-v3", "azure-image-analysis", "tencent-v3"])
def test_new_shapes_convert_in_a_subprocess_to_exports(
    source: Shape, answers: dict[Shape, Path], emu_env: dict[str, str]
) -> None:
    done = run_cli(["convert", str(answers[source]), "--from", source, "--to", "text"], emu_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == samples.get(SAMPLE).text + "\n"


@pytest.mark.parametrize(
    ("actual", "declared"),
    [
        ("tencent-v3", "tencent"),
        ("tencent", "tencent-v3"),
        ("azure-read-v3", "azure-read"),
        ("azure-read", "azure-read-v3"),
        ("azure-image-analysis", "huawei"),
    ],
)
def test_a_file_of_another_shape_is_refused_with_a_hint(
    actual: Shape, declared: Shape, answers: dict[Shape, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(answers[actual]), "--from", declared, "--to", "text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, f"does not look like a {declared} result", f"--from {actual}")


def test_each_shape_is_recognised_by_its_own_keys(answers: dict[Shape, Path]) -> None:
    for shape, path in answers.items():
        found = likely_shapes(json.loads(path.read_text("utf-8")))
        assert shape in found, (shape, found)
    # The inner object of an API 3.0 answer (the official SDK's to_json_string()) is tencent-v3 too.
    inner = json.loads(answers["tencent-v3"].read_text("utf-8"))["Response"]
    assert likely_shapes(inner) == ["tencent-v3"]


# --- one URL rule for the Python API and the CLI -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_url"),
    [
        ("https://images.example.com/a.png", True),
        ("  http://images.example.com/a.png", True),
        ("//images.example.com/a.png", True),
        ("ftp://images.example.com/a.png", True),
        ("file:///tmp/a.png", True),
        ("C:\\scans\\a.png", False),  # a drive letter is not a scheme
        ("scans/a.png", False),
        ("./http:odd.png", False),
    ],
)
def test_the_cli_reads_arguments_with_the_public_url_rule(text: str, is_url: bool) -> None:
    from handwriting_ocr.cli.errors import CommandError
    from handwriting_ocr.cli.inputs import parse_source
    from handwriting_ocr.validation.inputs import __all__ as public
    from handwriting_ocr.validation.inputs import looks_like_url

    assert "looks_like_url" in public
    assert looks_like_url(text) is is_url
    if not is_url:
        assert parse_source(text).path == Path(text)
    elif text.strip().startswith(("http://", "https://")):
        assert parse_source(text).url == text.strip()
    else:
        with pytest.raises(CommandError):
            parse_source(text)


async def test_an_answer_that_does_not_convert_is_the_services_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    # A polygon point the document model cannot hold (NaN): MalformedResponseError, never the
    # caller's InvalidInputError (which the CLI would report as a bad input).
    from azure_image_analysis_client.models.image_analysis_result import ImageAnalysisResult
    from handwriting_ocr.cli.providers import open_recognizer
    from handwriting_ocr.clients.azure import AsyncAzureVisionClient
    from handwriting_ocr.errors import MalformedResponseError

    point = {"x": float("nan"), "y": 1}
    line = {"text": "x", "boundingPolygon": [point] * 4, "words": []}
    answer = ImageAnalysisResult.from_dict(
        {
            "modelVersion": "2023-10-01",
            "metadata": {"width": 10, "height": 10},
            "readResult": {"blocks": [{"lines": [line]}]},
        }
    )

    async def analyze_image(
        self: AsyncAzureVisionClient, *args: object, **kwargs: object
    ) -> ImageAnalysisResult:
        return answer

    monkeypatch.setattr(AsyncAzureVisionClient, "analyze_image", analyze_image)
    env = {"AZURE_VISION_ENDPOINT": "http://127.0.0.1:9", "AZURE_VISION_KEY": "k"}
    async with open_recognizer("azure-image-analysis", endpoint=None, environ=env) as recognize:
        with pytest.raises(MalformedResponseError, match="azure-image-analysis"):
            await recognize(samples.read_bytes(SAMPLE), None)

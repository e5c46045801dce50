"""The official Azure SDK 0.9.1 (Computer Vision v3.2), pointed at the emulator, reads the samples.

0.9.1 and 0.4.0 share one package name and only 0.4.0 is installed in the venv, so the 0.9.1 wheel is
fetched with ``pip download`` (once per run), unpacked, and driven from a subprocess with that folder
first on ``sys.path``; msrest and the other dependencies come from the venv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator

from tests.emulator.sdk_wheels import unpacked_wheel

pytestmark = pytest.mark.fidelity

WHEEL = "azure-cognitiveservices-vision-computervision==0.9.1"
SCRIPT = Path(__file__).with_name("azure_read_v3_sdk_script.py")


@pytest.fixture(scope="session")
def azure_sdk_0_9_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked 0.9.1 wheel; skipped only when the package registry cannot be reached."""
    return unpacked_wheel(WHEEL, tmp_path_factory)


def run_sdk(folder: Path, emulator: Emulator, sample: str, image_file: Path) -> dict[str, Any]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(folder),
            emulator.base_url,
            emulator.sample_url(sample),
            str(image_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    output: dict[str, Any] = json.loads(result.stdout)
    return output


def test_read_and_get_read_result(azure_sdk_0_9_1: Path, ocr_emulator: Emulator, tmp_path: Path) -> None:
    image_file = tmp_path / "note.png"
    image_file.write_bytes(samples.read_bytes("note.png"))

    output = run_sdk(azure_sdk_0_9_1, ocr_emulator, "glory.png", image_file)

    assert output["package_file"].startswith(str(azure_sdk_0_9_1))  # really 0.9.1, not the venv's 0.4.0
    assert output["version"] == "0.9.1"
    assert output["location"].startswith(f"{ocr_emulator.base_url}/vision/v3.2/read/analyzeResults/")
    assert output["statuses"][0] == "notStarted"
    assert output["statuses"][-1] == "succeeded"
    assert output["created"].endswith("Z")
    assert output["model_version"] == "2022-04-30"
    glory = samples.get("glory.png")
    assert output["page"] == [1, glory.width, glory.height, "pixel", 0]
    assert output["lines"] == [line.text for line in glory.lines]
    assert output["styles"] == ["handwriting"] * len(glory.lines)
    assert all(isinstance(c, float) and 0 < c <= 1 for c in output["word_confidences"])
    assert output["first_word_box"] == list(glory.lines[0].words[0].box)
    assert output["stream_lines"] == [line.text for line in samples.get("note.png").lines]
    assert output["stream_language"] == "en"
    assert output["error"]["status"] == 400
    assert output["error"]["body"]["error"]["code"] == "InvalidPageRange"
    # One operation per input: the refused call (pages=0) created none.
    assert ocr_emulator.stats.operations_for(ocr_emulator.sample_url("glory.png")) == 1
    assert ocr_emulator.stats.operations_for(samples.read_bytes("note.png")) == 1
    assert len(ocr_emulator.stats.operations()) == 2

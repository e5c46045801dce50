"""The official Azure SDK 0.1.0 (Computer Vision v1.0), pointed at the emulator, completes its calls.

0.1.0 and 0.4.0 share one package name and only 0.4.0 is installed in the venv, so the 0.1.0 wheel is
fetched with ``pip download`` (once per run), unpacked, and driven from a subprocess with that folder
first on ``sys.path``; msrest and the other dependencies come from the venv. Its
``recognize_printed_text`` is left out: that wheel types ``OcrResult.language`` as a model, so it
cannot parse any real OCR response.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator
from PIL import Image

from tests.emulator.sdk_wheels import unpacked_wheel

pytestmark = pytest.mark.fidelity

WHEEL = "azure-cognitiveservices-vision-computervision==0.1.0"
SCRIPT = Path(__file__).with_name("azure_v1_sdk_script.py")


@pytest.fixture(scope="session")
def azure_sdk_0_1_0(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked 0.1.0 wheel; skipped only when the package registry cannot be reached."""
    return unpacked_wheel(WHEEL, tmp_path_factory)


def run_sdk(folder: Path, emulator: Emulator, sample: str) -> dict[str, Any]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(folder), emulator.base_url, emulator.sample_url(sample)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    output: dict[str, Any] = json.loads(result.stdout)
    return output


def test_analyze_thumbnail_and_recognize_text(azure_sdk_0_1_0: Path, ocr_emulator: Emulator) -> None:
    output = run_sdk(azure_sdk_0_1_0, ocr_emulator, "glory.png")

    assert output["package_file"].startswith(str(azure_sdk_0_1_0))  # really 0.1.0, not the venv's 0.4.0
    sample = samples.get("glory.png")
    assert output["metadata"] == [sample.width, sample.height, "Png"]
    assert output["categories"] == ["text_"]
    assert output["tags"] == ["text", "handwriting"]
    assert output["caption"]
    assert output["is_bw"] is True
    with Image.open(io.BytesIO(base64.b64decode(output["thumbnail"]))) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (64, 48))  # as the script asked
    assert output["statuses"][0] == "Not Started"
    assert output["statuses"][-1] == "Succeeded"
    assert output["lines"] == [line.text for line in sample.lines]

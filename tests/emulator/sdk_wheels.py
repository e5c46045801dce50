"""Official SDK wheels that share a package name with the version the venv has: fetched and unpacked."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


def unpacked_wheel(requirement: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip download`` one exact wheel (no dependencies) and unpack it; the folder goes first on
    ``sys.path`` of a subprocess. Skips only when the package registry cannot be reached."""
    name = requirement.replace("==", "-")
    download = tmp_path_factory.mktemp(f"{name}-wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            requirement,
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(download),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    wheels = list(download.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"cannot download {requirement} (no package registry reachable?): {last}")
    folder = tmp_path_factory.mktemp(name)
    with zipfile.ZipFile(wheels[0]) as wheel:
        wheel.extractall(folder)
    return folder

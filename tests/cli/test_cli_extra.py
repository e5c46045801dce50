"""The command's dependencies (click, tqdm) are the ``cli`` extra: without them the ``handwriting-ocr``
entry point says in one line what to install, and the SDK itself never imports them.

Each test runs a fresh interpreter in which the modules are made unimportable by a meta-path finder
installed before anything else is imported, which is what an environment without the extra looks
like to the code.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tests.cli.helpers import clean_environment

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = """
import importlib.abc, sys

class _Missing(importlib.abc.MetaPathFinder):
    # Behaves like a module that is not installed: ModuleNotFoundError on import, None from find_spec.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _Missing())
"""


def entry_point() -> str:
    """The ``handwriting-ocr`` console script as pyproject.toml declares it (``module:function``)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]
    value = scripts["handwriting-ocr"]
    assert isinstance(value, str)
    return value


def run_python(code: str, *blocked: str) -> subprocess.CompletedProcess[str]:
    program = f"BLOCKED = {set(blocked)!r}\n" + BLOCKER + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", program],
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def console_script(*args: str) -> str:
    """What the installed ``handwriting-ocr`` script does: import the entry point and exit with it."""
    module, _, function = entry_point().partition(":")
    return f"""
import sys
sys.argv = ["handwriting-ocr", *{list(args)!r}]
from {module} import {function} as entry
sys.exit(entry())
"""


def assert_install_hint(done: subprocess.CompletedProcess[str], module: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    assert module in lines[0]
    assert "pip install 'handwriting-ocr[cli]'" in lines[0]


@pytest.mark.parametrize("module", ["click", "tqdm"])
@pytest.mark.parametrize("args", [(), ("--help",), ("convert", "x.json", "--from", "json", "--to", "text")])
def test_the_entry_point_names_the_extra_when_a_dependency_is_missing(
    module: str, args: tuple[str, ...]
) -> None:
    assert_install_hint(run_python(console_script(*args), module), module)


def test_python_dash_m_says_the_same() -> None:
    done = run_python(
        "import runpy; runpy.run_module('handwriting_ocr.cli', run_name='__main__')", "click", "tqdm"
    )
    assert_install_hint(done, "click")


def test_with_both_installed_the_entry_point_runs() -> None:
    done = run_python(console_script("--version"))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("handwriting-ocr ")


def test_the_sdk_works_without_click_and_tqdm() -> None:
    # Every public entry a service uses: the package, the facades (sync and async), conversions and
    # exports, the emulator and its pytest plugin, an actual call. None may import click or tqdm.
    done = run_python(
        """
        import asyncio, sys
        import handwriting_ocr
        from handwriting_ocr import (
            AsyncAzureVisionClient, AsyncHuaweiOcrClient, AsyncTencentOcrClient,
            AzureVisionClient, HuaweiOcrClient, TencentOcrClient, samples,
        )
        from handwriting_ocr import convert, export
        from handwriting_ocr.emulator import Emulator
        import handwriting_ocr.emulator.pytest_plugin

        image = samples.read_bytes("note.png")
        with Emulator() as emu:
            account = emu.config.tencent.accounts[0]
            with TencentOcrClient(
                appid=account.appid, secret_id=account.secret_id, secret_key=account.secret_key,
                endpoint=emu.base_url,
            ) as tencent:
                doc = tencent.recognize(image)
            with AzureVisionClient(emu.base_url, key=emu.config.azure.keys[0]) as azure:
                assert azure.read(image).text == doc.text

            async def read_async():
                async with AsyncAzureVisionClient(emu.base_url, key=emu.config.azure.keys[0]) as azure:
                    return await azure.read(image)

            assert asyncio.run(read_async()).text == doc.text
        export.to_hocr(doc, image_name="note.png")
        assert doc.text == samples.get("note.png").text + "\\n"
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("click", "tqdm"))
        print("loaded:", loaded)
        """,
        "click",
        "tqdm",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded: []"

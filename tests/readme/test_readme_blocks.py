"""Every fenced code block of README.md runs, or says in the README why it does not.

Blocks are found by :func:`tests.readme.markdown.parse_markdown`, so a block added to the README is
tested without touching this file. What happens to a block depends on its language and on the
``readme-test`` directives (HTML comments) right above it:

- ``python``: runs in a fresh interpreter (``tests/readme/runner.py``) with a top-level ``await``
  allowed, as in ``python -m asyncio``; a traceback points at README.md's own lines.
- ``sh`` / ``bash`` / ``shell``: runs with ``bash`` and ``set -eo pipefail``; ``handwriting-ocr``
  is this checkout's command. Processes the block leaves in the background are stopped afterwards.
- ``json``: must parse.
- ``<!-- readme-test: pytest -->``: the block is a test suite, split into files at lines
  ``# name.py``, and ``pytest`` must pass on it.
- ``<!-- readme-test: setup ... -->``: code (in the block's language) run first, for fragments that
  continue from prose (``data``, an open client, a result to convert). Keep it short.
- ``<!-- readme-test: clean-env -->``: the block runs without the emulator's variables, as in a new
  terminal: for blocks that set up their own (a block that starts an emulator and exports what it
  prints), so that a failure to do so is not hidden by the variables this module provides.
- ``<!-- readme-test: skip, reason -->``: not run (installing packages, output excerpts, commands
  that never return). Any other block, of any language, fails until it runs or is marked.

Conventions the blocks may rely on (so examples can stay realistic):

- **The emulator is the network.** Each block runs against an emulator started by this module: the
  ``from_env()`` variables and ``HANDWRITING_OCR_ENDPOINT`` point at it, and every HTTP request to a
  non-loopback host (``https://westeurope.api.cognitive.microsoft.com``, Huawei's and Tencent's
  hosts) is routed to it by ``tests/readme/sandbox/sitecustomize.py``. No block can reach the real
  network.
- **Placeholder credentials work**: the emulator also accepts the README's placeholders (Azure key
  ``...``; Huawei project ``...``, IAM domain ``acme``, user ``bot``, password ``...``; Tencent appid
  ``1250000000`` with ``AKID...`` / ``...``).
- **Image files exist**: each block runs in an empty folder holding the bundled samples
  (``glory.png``, ``note.png``, ``shopping-list.png``); any other relative image file name a block
  mentions (``form.jpg``, ``scans/a.png``; not in a URL) is created there as a copy of ``note.png``.
- **Port 8765**, the documented emulator port, stands for a free port picked for each block, so a
  block that starts ``handwriting-ocr emulator --port 8765`` never collides with anything.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal
from urllib.parse import urlsplit

import pytest
from handwriting_ocr import samples
from handwriting_ocr.cli.cmd_emulator import emulator_environment
from handwriting_ocr.emulator import (
    AzureSettings,
    Emulator,
    EmulatorConfig,
    HuaweiSettings,
    HuaweiUser,
    TencentAccount,
    TencentSettings,
)

from tests.cli.helpers import clean_environment
from tests.readme.markdown import Block, parse_markdown

ROOT: Final = Path(__file__).resolve().parents[2]
README: Final = ROOT / "README.md"
HERE: Final = Path(__file__).resolve().parent
SANDBOX: Final = HERE / "sandbox"
RUNNER: Final = HERE / "runner.py"

DOC_PORT: Final = "8765"
PYTHON_TIMEOUT: Final = 120.0
SHELL_TIMEOUT: Final = 120.0

SHELLS: Final = frozenset({"sh", "bash", "shell"})
PYTHONS: Final = frozenset({"python", "py", "python3"})

_IMAGE_NAME = re.compile(r"[\w./-]+\.(?:png|jpe?g|gif|bmp|tiff?|pdf|webp)\b", re.IGNORECASE)
_FILE_HEADER = re.compile(r"^# (?P<name>[\w./-]+\.py)\s*$")
#: Commands that install packages or make environments: never run by a test (network, minutes).
_INSTALLS = re.compile(
    r"\bpip3?\s+install\b|-m\s+pip\s+install\b|-m\s+venv\b|\bvirtualenv\b|\buv\s+(?:pip|add|sync|venv)\b"
)

PARSED = parse_markdown(README)

# Shell blocks need bash, and stopping what a block left running uses process groups.
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell and process groups")


def readme_emulator_config() -> EmulatorConfig:
    """The emulator's defaults (first, so ``emulator_environment`` uses them) plus the README's
    placeholder credentials."""
    default_huawei = HuaweiSettings()
    return EmulatorConfig(
        azure=AzureSettings(keys=(*AzureSettings().keys, "...")),
        huawei=HuaweiSettings(
            project_id="...",
            users=(*default_huawei.users, HuaweiUser("acme", "bot", "...")),
        ),
        tencent=TencentSettings(
            accounts=(*TencentSettings().accounts, TencentAccount("1250000000", "AKID...", "...")),
        ),
        processing_time=0.05,
    )


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(readme_emulator_config()) as emu:
        yield emu


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def mentioned_images(text: str) -> set[str]:
    """Relative image file names in ``text`` that are not part of a URL or an absolute path."""
    names = set()
    for match in _IMAGE_NAME.finditer(text):
        name = match.group(0)
        before = text[max(0, match.start() - 1) : match.start()]
        if "//" in name or name.startswith("/") or before in (":", "/", "$", "{"):
            continue
        names.add(name.removeprefix("./"))
    return names


def prepare_folder(folder: Path, block: Block) -> None:
    """The block's working folder: the bundled samples, and a copy of note.png for every other image
    file name the block (or its setup) mentions."""
    folder.mkdir(parents=True, exist_ok=True)
    bundled = set(samples.names())
    for name in bundled:
        (folder / name).write_bytes(samples.read_bytes(name))
    text = block.code + "".join(directive.body for directive in block.directives)
    for name in mentioned_images(text):
        target = folder / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            source = Path(name).name if Path(name).name in bundled else "note.png"
            target.write_bytes(samples.read_bytes(source))


def block_environment(emu: Emulator, bin_dir: Path, *, provider_variables: bool = True) -> dict[str, str]:
    env = clean_environment(emulator_environment(emu) if provider_variables else None)
    env["PYTHONPATH"] = os.pathsep.join([str(SANDBOX), env["PYTHONPATH"]])
    env["README_TEST_EMULATOR"] = emu.base_url
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    # A second line of defence behind plan(): pip never reaches an index from a README block.
    env["PIP_NO_INDEX"] = "1"
    return env


def command_shim(bin_dir: Path) -> None:
    """``handwriting-ocr`` on PATH running this checkout's code with this interpreter."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "handwriting-ocr"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m handwriting_ocr.cli "$@"\n', "utf-8")
    shim.chmod(0o755)


def at_line(text: str, line: int) -> str:
    """``text`` preceded by blank lines so that it starts on README line ``line``."""
    return "\n" * (line - 1) + text


def report(block: Block, what: str, done: subprocess.CompletedProcess[str]) -> str:
    return (
        f"{block.label}: {what} (exit status {done.returncode})\n"
        f"--- stdout ---\n{done.stdout[-6000:]}\n--- stderr ---\n{done.stderr[-6000:]}"
    )


def run_python(block: Block, code: str, env: dict[str, str], work: Path, harness: Path) -> None:
    files = []
    for number, setup in enumerate(block.setup()):
        path = harness / f"setup_{number}.py"
        path.write_text(at_line(setup.body, setup.body_line), "utf-8")
        files.append(str(path))
    main = harness / "block.py"
    main.write_text(at_line(code, block.code_line), "utf-8")
    done = subprocess.run(
        [sys.executable, str(RUNNER), str(README), *files, str(main)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=PYTHON_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(report(block, "the Python block failed", done), pytrace=False)


def run_shell(block: Block, code: str, env: dict[str, str], work: Path, harness: Path) -> None:
    script = harness / "block.sh"
    setup = "".join(directive.body for directive in block.setup())
    script.write_text(f"set -eo pipefail\n{setup}{code}", "utf-8")
    out, err = harness / "stdout", harness / "stderr"
    # Output goes to files, not pipes: a process the block leaves in the background (an emulator)
    # would hold a pipe open. The block gets its own session so that everything it started can be
    # stopped afterwards through its process group.
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            ["bash", str(script)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            returncode = process.wait(timeout=SHELL_TIMEOUT)
        except subprocess.TimeoutExpired:
            returncode = -1
        finally:
            _stop_group(process)
    done = subprocess.CompletedProcess(
        process.args, returncode, out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace")
    )
    if returncode != 0:
        what = "the shell block timed out" if returncode == -1 else "the shell block failed"
        pytest.fail(report(block, what, done), pytrace=False)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop whatever is left of the block's process group (SIGTERM, then SIGKILL)."""
    group = process.pid
    for sig, grace in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            continue
        break
    if process.poll() is None:
        process.kill()
    process.wait()


def split_files(code: str) -> dict[str, str]:
    """A pytest block's files: each starts at a ``# name.py`` line; no such line: one test module."""
    files: dict[str, list[str]] = {}
    current = "test_readme_block.py"
    for line in code.splitlines():
        header = _FILE_HEADER.match(line)
        if header is not None:
            current = header.group("name")
            files.setdefault(current, [])
            continue
        files.setdefault(current, []).append(line)
    return {name: "\n".join(lines).strip() + "\n" for name, lines in files.items() if "".join(lines).strip()}


def run_pytest(block: Block, code: str, env: dict[str, str], work: Path) -> None:
    suite = work / "suite"
    for name, text in split_files(code).items():
        target = suite / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(suite), str(suite)],
        cwd=suite,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=PYTHON_TIMEOUT,
        check=False,
    )
    if done.returncode != 0 or " passed" not in done.stdout:
        pytest.fail(report(block, "the pytest block did not pass", done), pytrace=False)


def test_the_readme_has_code_blocks_and_well_formed_directives() -> None:
    assert len(PARSED.blocks) >= 10, "README.md lost its code blocks, or the parser broke"
    assert PARSED.problems == (), "\n".join(PARSED.problems)


Action = Literal["skip", "fail", "json", "python", "shell", "pytest"]


def plan(block: Block) -> tuple[Action, str]:
    """What to do with ``block``, and the reason for a skip or the message of a failure."""
    skip = block.directive("skip")
    if skip is not None:
        return "skip", skip.argument
    language = block.language
    if language in SHELLS and _INSTALLS.search(block.code):
        return "fail", (
            f"{block.label}: the block installs packages or creates a virtualenv, which a test must not "
            "do; mark it right above the fence with <!-- readme-test: skip, installs packages -->"
        )
    if block.directive("pytest") is not None:
        return "pytest", ""
    if language in PYTHONS:
        return "python", ""
    if language in SHELLS:
        return "shell", ""
    if language == "json":
        return "json", ""
    return "fail", (
        f"{block.label}: no way to run a ```{language or '(no language)'} block. Make it runnable, or "
        "mark it right above the fence with <!-- readme-test: skip, <why it cannot run> -->"
    )


@pytest.mark.parametrize("block", PARSED.blocks, ids=lambda block: block.label)
def test_readme_block(block: Block, emulator: Emulator, tmp_path: Path) -> None:
    action, message = plan(block)
    if action == "skip":
        pytest.skip(f"{block.label}: {message}")
    if action == "fail":
        pytest.fail(message, pytrace=False)
    code = block.code.replace(DOC_PORT, str(free_port())) if DOC_PORT in block.code else block.code
    if action == "json":
        try:
            json.loads(code)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{block.label}: not valid JSON: {exc}", pytrace=False)
        return
    work, harness = tmp_path / "work", tmp_path / "harness"
    harness.mkdir()
    prepare_folder(work, block)
    command_shim(harness / "bin")
    env = block_environment(
        emulator, harness / "bin", provider_variables=block.directive("clean-env") is None
    )
    if action == "pytest":
        run_pytest(block, code, env, work)
    elif action == "python":
        run_python(block, code, env, work, harness)
    else:
        run_shell(block, code, env, work, harness)
    assert emulator.internal_errors == 0, "a README block hit a bug of the emulator"


# --- the emulator's "point the client at" table -------------------------------------------------------

_TABLE_HEADER = "| provider | point the client at |"
_ENDPOINT = re.compile(r"`(https?://[^`]+)`")


def emulator_table() -> list[tuple[str, str]]:
    """(provider cell, endpoint) for each row of the README's table of emulator endpoints."""
    lines = README.read_text("utf-8").splitlines()
    start = lines.index(_TABLE_HEADER)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        provider, where = (cell.strip() for cell in line.strip("|").split("|")[:2])
        found = _ENDPOINT.search(where)
        assert found is not None, f"no endpoint in the emulator table row {line!r}"
        rows.append((provider, found.group(1)))
    return rows


def test_every_endpoint_in_the_emulator_table_works_as_the_clients_endpoint(emulator: Emulator) -> None:
    # The table is prose, not a code block, but it tells users what to pass as endpoint=: each value
    # must be accepted as is and reach the emulator (8765 standing for this emulator's port).
    from handwriting_ocr import AzureVisionClient, HuaweiOcrClient, TencentOcrClient, TencentOcrV3Client
    from handwriting_ocr.documents import Document

    image = samples.read_bytes("note.png")
    expected = samples.get("note.png").text + "\n"
    rows = emulator_table()
    assert {provider.split()[0] for provider, _ in rows} == {"Azure", "Huawei", "Tencent"}
    config = emulator.config
    for provider, documented in rows:
        endpoint = documented.replace(DOC_PORT, str(emulator_port(emulator)))
        doc: Document
        if provider.startswith("Azure"):
            with AzureVisionClient(endpoint, key=config.azure.keys[0]) as azure:
                doc = azure.recognize(image)
                assert azure.recognize_handwriting_v1(image).text == expected
        elif provider.startswith("Huawei"):
            user = config.huawei.users[0]
            with HuaweiOcrClient(
                project_id=config.huawei.project_id,
                region=config.huawei.region,
                iam_domain=user.domain,
                iam_user=user.name,
                iam_password=user.password,
                endpoint=endpoint,
                iam_endpoint=endpoint,
            ) as huawei:
                doc = huawei.recognize(image)
        elif "legacy" not in provider:
            env = emulator.environment()
            with TencentOcrV3Client(
                env["TENCENTCLOUD_SECRET_ID"],
                env["TENCENTCLOUD_SECRET_KEY"],
                region=env["TENCENTCLOUD_REGION"],
                endpoint=endpoint,
            ) as tencent_v3:
                doc = tencent_v3.recognize(image)
        else:
            account = config.tencent.accounts[0]
            with TencentOcrClient(
                appid=account.appid,
                secret_id=account.secret_id,
                secret_key=account.secret_key,
                endpoint=endpoint,
            ) as tencent:
                doc = tencent.recognize(image)
                assert tencent.general(image).code == 0
        assert doc.text == expected, provider


def emulator_port(emu: Emulator) -> int:
    port = urlsplit(emu.base_url).port
    assert port is not None
    return port

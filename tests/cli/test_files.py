"""Files the command writes: whole or not at all, with the permissions an ordinary write gives."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from handwriting_ocr.cli.files import write_atomic

from tests.cli.helpers import clean_environment, cli_command

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")

#: The smallest Document JSON: ``convert --from json --to json`` writes it back.
EMPTY_DOCUMENT = {"version": 1, "provider": "tencent", "shape": "tencent", "pages": []}


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_027() -> Iterator[int]:
    previous = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(previous)


def test_a_new_file_gets_0666_minus_the_umask(tmp_path: Path, umask_027: int) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "text\n")
    assert target.read_text("utf-8") == "text\n"
    assert mode_of(target) == 0o666 & ~umask_027 == 0o640
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_a_permissive_umask_gives_a_world_readable_file(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.json", b"{}")
    finally:
        os.umask(previous)
    assert mode_of(tmp_path / "a.json") == 0o644


def test_replacing_a_file_keeps_its_permission_bits(tmp_path: Path, umask_027: int) -> None:
    target = tmp_path / "private.txt"
    target.write_text("old", "utf-8")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert (target.read_text("utf-8"), mode_of(target)) == ("new", 0o600)


def test_a_failed_write_leaves_neither_the_target_nor_a_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(tmp_path / "x.txt", "abc")
    assert list(tmp_path.iterdir()) == []


def test_the_command_writes_outputs_with_the_callers_umask(tmp_path: Path) -> None:
    # End to end: `convert --output` in a subprocess started with umask 022 gives a 0644 file, as
    # `cat answer.json > out.json` would (it was 0600 when the file went through mkstemp).
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(EMPTY_DOCUMENT), "utf-8")
    target = tmp_path / "out.json"
    done = subprocess.run(
        cli_command("convert", str(answer), "--from", "json", "--to", "json", "--output", str(target)),
        env=clean_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        umask=0o022,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text("utf-8"))["pages"] == []
    assert mode_of(target) == 0o644

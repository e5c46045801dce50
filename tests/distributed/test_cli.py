"""``handwriting-ocr recognize ... --scheduler ... --redis ... --rate-limit ...`` in a subprocess, against
the session's LocalCluster, a real redis-server and the emulator: the same output files, summary and
manifest as the single-machine batch, which can resume what the cluster run did and the other way
round."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from handwriting_ocr.cli.cmd_emulator import emulator_environment
from handwriting_ocr.emulator import Emulator, EmulatorConfig

from tests.cli.helpers import clean_environment, run_cli
from tests.distributed.conftest import RedisServer, images


def write_images(folder: Path, count: int, salt: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, data in enumerate(images(count, salt=salt)):
        path = folder / f"page-{number:02d}.png"
        path.write_bytes(data)
        names.append(str(path))
    return names


def test_a_cluster_batch_from_the_command_line(
    dask_client: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    files = write_images(tmp_path / "scans", 24, salt=9)
    out, manifest = tmp_path / "out", tmp_path / "run.jsonl"
    scheduler = dask_client.scheduler.address
    with Emulator(EmulatorConfig(quota="20/s", processing_time=0.0)) as emu:
        env = clean_environment(emulator_environment(emu))
        cluster = ["--scheduler", scheduler, "--redis", redis_server.url, "--rate-limit", "20/s"]
        command = ["recognize", *files, "-p", "huawei", "-o", str(out), "-j", "8", "--no-progress"]
        done = run_cli([*command, *cluster, "--manifest", str(manifest)], env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "24 image(s): 24 succeeded, 0 failed, 0 cancelled" in done.stderr
        summary = json.loads((out / "summary.json").read_text("utf-8"))
        assert summary["succeeded"] == 24 and [r["status"] for r in summary["results"]] == ["ok"] * 24
        assert sorted(p.name for p in out.glob("*.txt")) == [f"page-{n:02d}.txt" for n in range(24)]
        assert all((out / f"page-{n:02d}.txt").read_text("utf-8").strip() for n in range(24))
        records = [json.loads(line) for line in manifest.read_text("utf-8").splitlines()]
        assert len(records) == 24 and all(r["key"].startswith("cli:huawei|path:/") for r in records)
        served = emu.stats.requests("huawei_ocr").served
        assert served == 24

        # The single-machine batch reads the cluster's manifest: everything is done already...
        again = run_cli([*command, "--manifest", str(manifest)], env, timeout=120)
        assert again.returncode == 0, again.stderr
        assert "24 skipped (done before)" in again.stderr
        # ... and so does the cluster run; two new images are all that is sent.
        more = write_images(tmp_path / "more", 2, salt=10)
        command = ["recognize", *files, *more, "-p", "huawei", "-o", str(out), "--no-progress"]
        third = run_cli([*command, *cluster, "--manifest", str(manifest)], env, timeout=120)
        assert third.returncode == 0, third.stderr
        assert "26 image(s): 2 succeeded, 0 failed, 0 cancelled, 24 skipped" in third.stderr
        assert emu.stats.requests("huawei_ocr").served == served + 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:9", "--redis", "redis://127.0.0.1:9/0"], "--rate-limit"),
        (["--redis", "redis://127.0.0.1:9/0"], "goes with --scheduler"),
        (["--rate-limit", "fast"], "--rate-limit: a rate limit is written like"),
        (["--scheduler", "tcp://127.0.0.1:9", "-p", "azure-ocr"], "--scheduler runs azure, huawei"),
    ],
)
def test_cluster_options_are_checked_before_anything_runs(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    files = write_images(tmp_path / "scans", 2, salt=11)
    provider = [] if "-p" in extra else ["-p", "huawei"]
    with Emulator() as emu:
        done = run_cli(
            ["recognize", *files, *provider, "-o", str(tmp_path / "out"), *extra],
            clean_environment(emulator_environment(emu)),
        )
    assert done.returncode == 2, done.stderr
    assert message in done.stderr

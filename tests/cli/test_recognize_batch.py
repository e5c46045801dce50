"""``recognize`` on many images: files, summary, progress, exit status, fault injection, Ctrl-C.
Real subprocesses against the emulator on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, Fault

from tests.cli.helpers import cli_command, page_lines, run_cli


def _summary(folder: Path) -> dict[str, object]:
    data = json.loads((folder / "summary.json").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _results(summary: dict[str, object]) -> list[dict[str, object]]:
    results = summary["results"]
    assert isinstance(results, list)
    return results


def test_batch_writes_one_file_per_image_and_records_failures(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    bogus = sample_dir / "bogus.png"
    bogus.write_bytes(b"this is not an image")
    glory, note, shopping = (str(sample_dir / n) for n in ("glory.png", "note.png", "shopping-list.png"))
    inputs = [
        glory,
        str(bogus),  # refused before sending: not an image
        note,
        "http://127.0.0.1:9/unreachable/scan.png?sig=S3CRET",  # the provider cannot download it
        glory,  # the same file again: a second, distinct output
        emu.sample_url("shopping-list.png"),  # a URL: recognised, but no overlay
        shopping,
    ]
    out = tmp_path / "out"
    done = run_cli(
        ["recognize", *inputs, "-p", "azure", "-f", "page", "-o", str(out), "-j", "3", "--overlay"], emu_env
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    # The progress bar (tqdm, on stderr) reached the end.
    assert "7/7" in done.stderr
    assert f"7 image(s): 5 succeeded, 2 failed, 0 cancelled; results in {out}" in done.stderr
    error_lines = [
        line for line in done.stderr.replace("\r", "\n").splitlines() if line.startswith("error: ")
    ]
    assert len(error_lines) == 2, done.stderr
    assert any(line.startswith(f"error: {bogus}: ") for line in error_lines)
    assert any(line.startswith("error: http://127.0.0.1:9/unreachable/scan.png?…: ") for line in error_lines)
    assert "S3CRET" not in done.stderr

    summary = _summary(out)
    assert (summary["provider"], summary["format"]) == ("azure", "page")
    assert (summary["total"], summary["succeeded"], summary["failed"]) == (7, 5, 2)
    results = _results(summary)
    assert [r["input"] for r in results] == [
        glory,
        str(bogus),
        note,
        "http://127.0.0.1:9/unreachable/scan.png?…",
        glory,
        emu.sample_url("shopping-list.png"),
        shopping,
    ]
    assert [r["status"] for r in results] == ["ok", "error", "ok", "error", "ok", "ok", "ok"]
    assert results[0] == {
        "input": glory,
        "status": "ok",
        "files": ["glory.page.xml"],
        "overlay": "glory.overlay.png",
    }
    assert results[4]["files"] == ["glory-2.page.xml"]
    assert results[5]["files"] == ["shopping-list.page.xml"]
    assert "overlay" not in results[5] and "does not download" in str(results[5]["note"])
    assert results[6]["files"] == ["shopping-list-2.page.xml"]
    assert results[1]["error"] == {"type": "InvalidInputError", "message": results[1]["error"]["message"]}  # type: ignore[index]
    assert "S3CRET" not in json.dumps(summary)

    expected_files = {
        "summary.json",
        "glory.page.xml",
        "glory.overlay.png",
        "note.page.xml",
        "note.overlay.png",
        "glory-2.page.xml",
        "glory-2.overlay.png",
        "shopping-list.page.xml",
        "shopping-list-2.page.xml",
        "shopping-list-2.overlay.png",
    }
    assert {p.name for p in out.iterdir()} == expected_files
    for stem, sample in [
        ("glory", "glory.png"),
        ("note", "note.png"),
        ("shopping-list", "shopping-list.png"),
    ]:
        text = (out / f"{stem}.page.xml").read_text("utf-8")
        assert page_lines(text) == [line.text for line in samples.get(sample).lines]
        assert (out / f"{stem}.overlay.png").exists() == (stem != "shopping-list")  # that one came by URL


def test_injected_operation_failure_fails_one_image_only(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    emu.faults.push("azure", Fault.failed_operation())
    images = [str(sample_dir / n) for n in ("glory.png", "note.png", "shopping-list.png")]
    out = tmp_path / "out"
    done = run_cli(
        ["recognize", *images, "-p", "azure-text", "-f", "text", "-o", str(out), "-j", "2"], emu_env
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    results = _results(_summary(out))
    failed = [r for r in results if r["status"] == "error"]
    assert len(failed) == 1
    assert failed[0]["error"]["type"] == "OperationFailedError"  # type: ignore[index]
    for record in results:
        if record["status"] == "ok":
            files = record["files"]
            assert isinstance(files, list)
            sample = Path(str(record["input"])).name
            assert (out / files[0]).read_text("utf-8") == samples.get(sample).text + "\n"


def test_throttling_is_retried_and_the_batch_succeeds(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    # -p tencent is API 3.0: its throttling answer is HTTP 200 RequestLimitExceeded, retried as a 429.
    emu.faults.push("tencent_v3", Fault.rate_limit(retry_after=0))
    emu.faults.push("tencent_v3", Fault.server_error(503))
    images = [str(sample_dir / n) for n in ("glory.png", "note.png")]
    out = tmp_path / "out"
    done = run_cli(["recognize", *images, "-p", "tencent", "-f", "json", "-o", str(out)], emu_env)
    assert done.returncode == 0, done.stderr
    summary = _summary(out)
    assert (summary["succeeded"], summary["failed"]) == (2, 0)
    assert "2 image(s): 2 succeeded, 0 failed, 0 cancelled" in done.stderr


def test_expired_credentials_are_recorded_per_image(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    emu.faults.push("huawei", Fault.expired_credentials())
    images = [str(sample_dir / "glory.png"), str(sample_dir / "note.png")]
    out = tmp_path / "out"
    done = run_cli(
        ["recognize", *images, "-p", "huawei", "-o", str(out), "-j", "1", "--no-progress"], emu_env
    )
    assert done.returncode == 1
    assert "%|" not in done.stderr  # no progress bar
    results = _results(_summary(out))
    assert [r["status"] for r in results] == ["error", "ok"]
    assert results[0]["error"]["type"] == "AuthenticationError"  # type: ignore[index]
    assert "emulator-secret-key" not in done.stderr + json.dumps(results)


def test_one_image_with_output_writes_a_file_and_summary(
    sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "new" / "folder"
    done = run_cli(["recognize", str(sample_dir / "note.png"), "-p", "azure-ocr", "-o", str(out)], emu_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert (out / "note.txt").read_text("utf-8") == samples.get("note.png").text + "\n"
    assert _summary(out)["results"] == [
        {"input": str(sample_dir / "note.png"), "status": "ok", "files": ["note.txt"]}
    ]


def test_several_images_without_output_is_a_usage_error(sample_dir: Path, emu_env: dict[str, str]) -> None:
    done = run_cli(
        ["recognize", str(sample_dir / "glory.png"), str(sample_dir / "note.png"), "-p", "azure"], emu_env
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "error: several images need --output DIR (one file is written per image) "
        "(see 'handwriting-ocr recognize --help')"
    )


def _read_until(process: subprocess.Popen[bytes], marker: bytes, deadline: float) -> bytes:
    assert process.stderr is not None
    seen = b""
    while marker not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {marker!r}; stderr so far: {seen!r}")
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            raise AssertionError(f"stderr closed before {marker!r}: {seen!r}")
        seen += chunk
    return seen


def test_ctrl_c_still_writes_a_summary_listing_every_input(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    # Tencent answers synchronously; the slow faults hold the first two requests for 2 s each, so the
    # interrupt lands while two images are in flight and one has not started.
    emu.faults.push("tencent_v3", Fault.slow(2.0), times=2)  # -p tencent is API 3.0
    images = [str(sample_dir / n) for n in ("glory.png", "note.png", "shopping-list.png")]
    out = tmp_path / "out"
    process = subprocess.Popen(
        cli_command("recognize", *images, "-p", "tencent", "-o", str(out), "-j", "2"),
        env=emu_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        seen = _read_until(process, b"0/3", time.monotonic() + 30)
        time.sleep(0.3)  # let both workers send their request
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    stderr = (seen + rest).decode("utf-8")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().endswith("error: interrupted; unfinished images are recorded as cancelled")
    summary = _summary(out)
    results = _results(summary)
    assert [r["input"] for r in results] == images
    assert [r["status"] for r in results] == ["cancelled"] * 3
    # Cancelled images are counted as such, not as failures.
    assert (summary["failed"], summary["cancelled"], summary["succeeded"]) == (0, 3, 0)
    assert "3 image(s): 0 succeeded, 0 failed, 3 cancelled" in stderr


def test_a_run_resumed_from_its_manifest_does_only_what_is_missing_or_failed(
    emu: Emulator, sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    bogus = sample_dir / "bogus.png"
    bogus.write_bytes(b"this is not an image")
    images = [str(sample_dir / n) for n in ("glory.png", "note.png")] + [str(bogus)]
    out, manifest = tmp_path / "out", tmp_path / "run.jsonl"
    before = emu.stats.requests("huawei_ocr").served
    first = run_cli(
        ["recognize", *images, "-p", "huawei", "-o", str(out), "--manifest", str(manifest)], emu_env
    )
    assert first.returncode == 1  # bogus.png failed
    served = emu.stats.requests("huawei_ocr").served
    assert served == before + 2

    bogus.write_bytes(samples.read_bytes("note.png"))  # fixed: the rerun redoes only this one
    second = run_cli(
        ["recognize", *images, "-p", "huawei", "-o", str(out), "--manifest", str(manifest)], emu_env
    )
    assert second.returncode == 0, second.stderr
    assert emu.stats.requests("huawei_ocr").served == served + 1
    summary = _summary(out)
    assert [r["status"] for r in _results(summary)] == ["skipped", "skipped", "ok"]
    assert (summary["skipped"], summary["succeeded"]) == (2, 1)
    assert "3 image(s): 1 succeeded, 0 failed, 0 cancelled, 2 skipped (done before)" in second.stderr
    lines = [json.loads(line) for line in manifest.read_text("utf-8").splitlines()]
    assert [line["status"] for line in lines] == ["ok", "ok", "error", "ok"] or sorted(
        line["status"] for line in lines
    ) == ["error", "ok", "ok", "ok"]


def test_a_configured_rate_keeps_the_batch_under_the_quota(
    sample_dir: Path, emu_env: dict[str, str], tmp_path: Path
) -> None:
    from handwriting_ocr.emulator import EmulatorConfig

    images = [str(sample_dir / name) for name in ("glory.png", "note.png", "shopping-list.png")] * 8
    with Emulator(EmulatorConfig(quota="5/s")) as own:
        env = {**emu_env, "HANDWRITING_OCR_ENDPOINT": own.base_url}
        done = run_cli(
            [
                "recognize",
                *images,
                "-p",
                "huawei",
                "-o",
                str(tmp_path / "out"),
                "-j",
                "8",
                "--rate-limit",
                "5/s",
            ],
            env,
        )
        counts = own.stats.requests("huawei_ocr")
    assert done.returncode == 0, done.stderr
    assert counts.served == 24
    assert counts.throttled == 0  # paced at the quota from the first request: nothing to learn

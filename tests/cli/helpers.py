"""Running the command line in a subprocess, and reading what it wrote."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

import azure_vision_v1_client
import handwriting_ocr

#: Environment variables the CLI reads: never inherited from the developer's shell by a test.
PROVIDER_VARIABLE_PREFIXES = ("AZURE_VISION_", "HUAWEICLOUD_", "TENCENT", "HANDWRITING_OCR_")
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")

ALTO_NS = "{http://www.loc.gov/standards/alto/ns-v4#}"
PAGE_NS = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """os.environ without provider settings or proxies, plus ``extra``, with PYTHONPATH set so the
    subprocess imports the same ``handwriting_ocr`` and generated packages as the tests."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(PROVIDER_VARIABLE_PREFIXES) and name not in PROXY_VARIABLES
    }
    roots = [
        str(Path(handwriting_ocr.__file__).resolve().parents[1]),
        str(Path(azure_vision_v1_client.__file__).resolve().parents[1]),
    ]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(roots))
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env.update(extra or {})
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "handwriting_ocr.cli", *args]


def run_cli(
    args: Sequence[str], env: Mapping[str, str], *, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``python -m handwriting_ocr.cli ARGS`` with exactly ``env``; text output, UTF-8."""
    return subprocess.run(
        cli_command(*args),
        env={**env, "PYTHONIOENCODING": "utf-8"},
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def assert_one_error_line(stderr: str, *fragments: str) -> str:
    """stderr is exactly one ``error: ...`` line containing every fragment, and no traceback."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)
    return lines[0]


def hocr_lines(text: str) -> list[str]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{XHTML_NS}html"
    lines = []
    for span in root.iter(f"{XHTML_NS}span"):
        if span.get("class") == "ocr_line":
            words = [w.text or "" for w in span if w.get("class") == "ocrx_word"]
            lines.append(" ".join(words))
    return lines


def hocr_page_title(text: str) -> str:
    root = ET.fromstring(text.encode("utf-8"))
    pages = [div for div in root.iter(f"{XHTML_NS}div") if div.get("class") == "ocr_page"]
    assert len(pages) == 1
    return pages[0].get("title", "")


def alto_lines(text: str) -> list[str]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ALTO_NS}alto"
    return [
        " ".join(s.get("CONTENT", "") for s in line.iter(f"{ALTO_NS}String"))
        for line in root.iter(f"{ALTO_NS}TextLine")
    ]


def page_lines(text: str) -> list[str]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{PAGE_NS}PcGts"
    lines = []
    for line in root.iter(f"{PAGE_NS}TextLine"):
        unicode = line.find(f"{PAGE_NS}TextEquiv/{PAGE_NS}Unicode")
        assert unicode is not None
        lines.append(unicode.text or "")
    return lines

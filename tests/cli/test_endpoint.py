"""Endpoints need their scheme: ``127.0.0.1:8765`` is refused with a message showing both spellings,
instead of silently becoming ``https://`` and failing later with an SSL error."""

from __future__ import annotations

from pathlib import Path

import pytest
from handwriting_ocr.cli import main
from handwriting_ocr.config import normalize_endpoint
from handwriting_ocr.errors import InvalidInputError

from tests.cli.helpers import assert_one_error_line


@pytest.mark.parametrize(
    "value", ["127.0.0.1:8765", "localhost:8765", "westeurope.api.cognitive.microsoft.com", "[::1]:80"]
)
def test_an_endpoint_without_a_scheme_is_refused_with_both_spellings(value: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        normalize_endpoint(value, provider="azure")
    message = str(caught.value)
    assert "has no scheme" in message
    assert f"https://{value}" in message and f"http://{value}" in message
    assert caught.value.field == "endpoint"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://westeurope.api.cognitive.microsoft.com/", "https://westeurope.api.cognitive.microsoft.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("  HTTP://LocalHost:8765/ ", "http://localhost:8765"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_http_and_https_endpoints_are_still_accepted(value: str, expected: str) -> None:
    assert normalize_endpoint(value) == expected


@pytest.mark.parametrize("value", ["ftp://host", "https://host/vision/v2.0", "https://u:p@host", "  "])
def test_other_malformed_endpoints_stay_refused(value: str) -> None:
    with pytest.raises(InvalidInputError):
        normalize_endpoint(value)


@pytest.mark.parametrize("provider", ["azure", "huawei", "tencent"])
def test_the_cli_refuses_a_bare_host_port_in_one_line_and_exits_2(
    provider: str,
    in_process_env: dict[str, str],
    sample_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    image = str(sample_dir / "note.png")
    assert main(["recognize", image, "-p", provider, "--endpoint", "127.0.0.1:8765"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, "127.0.0.1:8765", "has no scheme", "http://127.0.0.1:8765")


def test_the_endpoint_variable_is_checked_the_same_way(
    in_process_env: dict[str, str],
    sample_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bare = in_process_env["HANDWRITING_OCR_ENDPOINT"].removeprefix("http://")
    monkeypatch.setenv("HANDWRITING_OCR_ENDPOINT", bare)
    assert main(["recognize", str(sample_dir / "note.png"), "-p", "tencent"]) == 2
    assert_one_error_line(capsys.readouterr().err, "has no scheme", f"http://{bare}")


def test_from_env_refuses_a_bare_azure_endpoint_variable() -> None:
    from handwriting_ocr.clients import AzureVisionClient

    env = {"AZURE_VISION_ENDPOINT": "127.0.0.1:8765", "AZURE_VISION_KEY": "k"}
    with pytest.raises(InvalidInputError, match="has no scheme"):
        AzureVisionClient.from_env(env)

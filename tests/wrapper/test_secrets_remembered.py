"""Credential values seen in the headers of requests and answers are remembered and masked after."""

from __future__ import annotations

import httpx
from handwriting_ocr._secrets import mask_known_secrets, remember_raw_credentials


def test_sensitive_header_values_are_remembered_from_raw_headers_in_any_case() -> None:
    headers = httpx.Headers(
        {
            "X-Subject-Token": "issued-token-2f1c9d8e7b6a5f4e3d2c1b0a",
            "Authorization": "TC3-HMAC-SHA256 Credential=AKIDexample/2026-12-02/ocr/tc3_request, "
            "SignedHeaders=content-type;host, Signature=9b1c4e0d7f3a2b6c8e5d1f0a3c7b9e2d4f6a8c0e",
            "X-Request-Id": "req-0000000000000000000000",
        }
    )
    remember_raw_credentials(headers.raw)
    text = mask_known_secrets(
        "server said issued-token-2f1c9d8e7b6a5f4e3d2c1b0a and "
        "9b1c4e0d7f3a2b6c8e5d1f0a3c7b9e2d4f6a8c0e; req-0000000000000000000000"
    )
    assert "issued-token-2f1c9d8e7b6a5f4e3d2c1b0a" not in text
    assert "9b1c4e0d7f3a2b6c8e5d1f0a3c7b9e2d4f6a8c0e" not in text
    assert "req-0000000000000000000000" in text  # not a credential header: left alone


def test_a_header_value_that_is_not_utf8_is_still_remembered() -> None:
    value = "t\xf6ken-value-3a9c1e5b7d2f4a6c".encode("latin-1")
    remember_raw_credentials([(b"x-auth-token", value)])
    assert "t\xf6ken-value-3a9c1e5b7d2f4a6c" not in mask_known_secrets(
        "echo: t\xf6ken-value-3a9c1e5b7d2f4a6c"
    )

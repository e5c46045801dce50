"""The distributed extra stays out of the core: nothing imports redis or Dask until it is used, a
missing extra is named, and a ClientSpec travels without showing its credentials."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest
from handwriting_ocr.distributed import ClientSpec, bucket_key
from handwriting_ocr.emulator import Emulator
from handwriting_ocr.errors import InvalidInputError

EXTRA = ["redis", "distributed", "dask", "tornado"]


def loaded_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {EXTRA!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_the_core_never_imports_the_extra() -> None:
    code = """
import handwriting_ocr, handwriting_ocr.batch, handwriting_ocr.pacing
from handwriting_ocr import AzureVisionClient, HuaweiOcrClient
from handwriting_ocr.batch import RunManifest, AsyncBatch
client = HuaweiOcrClient(project_id="p", token="t", endpoint="http://127.0.0.1:9")
client.recognize_many([b"x"], concurrency=1)
"""
    assert loaded_after(code) == set()


def test_the_distributed_package_imports_the_extra_only_when_used() -> None:
    assert loaded_after("import handwriting_ocr.distributed") == set()
    assert (
        loaded_after("from handwriting_ocr.distributed import RedisLimiter, ClientSpec, recognize_on_cluster")
        == set()
    )


def test_a_missing_extra_is_named() -> None:
    code = """
import sys
sys.modules["redis"] = None  # as if redis-py were not installed
from handwriting_ocr.distributed import RedisLimiter
try:
    RedisLimiter("redis://127.0.0.1:9/0", 10, key="k")
except Exception as error:
    print(type(error).__name__, error)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert "MissingDependencyError" in out and "handwriting-ocr[distributed]" in out


def test_a_client_spec_travels_without_showing_credentials() -> None:
    with Emulator() as emu:
        environment = {**emu.environment(), "UNRELATED": "x"}
        spec = ClientSpec.from_env("azure", environment, endpoint=emu.base_url)
        key = environment["AZURE_VISION_KEY"]
        sent = dict(spec.environment or ())
        assert sent["AZURE_VISION_KEY"] == key and sent["AZURE_VISION_ENDPOINT"] == emu.base_url
        assert set(sent) <= {"AZURE_VISION_ENDPOINT", "AZURE_VISION_KEY", "AZURE_VISION_TOKEN"}
        assert key not in repr(spec) and "AZURE_VISION_KEY" in repr(spec)
        assert pickle.loads(pickle.dumps(spec)) == spec
        facts = spec.facts()
        assert facts.scope == "azure:AzureVisionClient.recognize"
        assert facts.bucket_key.startswith("azure:") and key not in facts.bucket_key
        # Two keys on one endpoint are two quotas; the same key is the same bucket everywhere.
        assert bucket_key("azure", emu.base_url, "other-key") != facts.bucket_key
        assert bucket_key("azure", facts.endpoint, key) == facts.bucket_key
    assert repr(ClientSpec.from_env("huawei", send_credentials=False)).startswith(
        "ClientSpec('huawei', environment=<the workers' own>"
    )
    with pytest.raises(InvalidInputError, match="provider must be one of"):
        ClientSpec("azure-ocr")
    with pytest.raises(InvalidInputError, match="AZURE_VISION_KEY"):
        ClientSpec.from_env("azure", {"AZURE_VISION_ENDPOINT": "https://x.example.com"}).facts()

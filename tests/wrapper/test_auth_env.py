"""Building auth objects from environment variables; errors name the variable, never a value."""

from __future__ import annotations

import pytest
from handwriting_ocr.auth import (
    AzureKeyAuth,
    HuaweiPasswordAuth,
    HuaweiSignatureAuth,
    HuaweiTokenAuth,
    TencentSignatureAuth,
    huawei_auth_from_env,
)
from handwriting_ocr.errors import InvalidInputError

TENCENT_ENV = {
    "TENCENT_APPID": "1250000000",
    "TENCENTCLOUD_SECRET_ID": "AKIDsecretid",
    "TENCENTCLOUD_SECRET_KEY": "tencent-secret-key-value",
    "TENCENT_BUCKET": "bucket-1",
}
IAM_ENV = {
    "HUAWEICLOUD_IAM_DOMAIN": "dom",
    "HUAWEICLOUD_IAM_USER": "usr",
    "HUAWEICLOUD_IAM_PASSWORD": "iam-password-value",
}


def test_tencent_from_env_reads_all_four_variables() -> None:
    auth = TencentSignatureAuth.from_env(TENCENT_ENV)
    assert (auth.appid, auth.bucket) == ("1250000000", "bucket-1")
    assert "tencent-secret-key-value" not in repr(auth)


def test_tencent_bucket_is_optional() -> None:
    env = {k: v for k, v in TENCENT_ENV.items() if k != "TENCENT_BUCKET"}
    assert TencentSignatureAuth.from_env(env).bucket == ""


@pytest.mark.parametrize("missing", ["TENCENT_APPID", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"])
def test_tencent_missing_variable_is_named_and_no_value_leaks(missing: str) -> None:
    env = {**TENCENT_ENV, missing: "   "}
    with pytest.raises(InvalidInputError) as caught:
        TencentSignatureAuth.from_env(env)
    assert caught.value.field == missing
    assert missing in str(caught.value)
    for value in TENCENT_ENV.values():
        assert value not in str(caught.value)


def test_huawei_signature_from_env_requires_both_keys() -> None:
    assert isinstance(
        HuaweiSignatureAuth.from_env({"HUAWEICLOUD_SDK_AK": "ak", "HUAWEICLOUD_SDK_SK": "sk"}),
        HuaweiSignatureAuth,
    )
    with pytest.raises(InvalidInputError) as caught:
        HuaweiSignatureAuth.from_env({"HUAWEICLOUD_SDK_AK": "ak"})
    assert caught.value.field == "HUAWEICLOUD_SDK_SK"


def test_azure_from_env_reads_the_key_variable() -> None:
    assert isinstance(AzureKeyAuth.from_env(environ={"AZURE_VISION_KEY": "k"}), AzureKeyAuth)
    with pytest.raises(InvalidInputError) as caught:
        AzureKeyAuth.from_env(environ={})
    assert caught.value.field == "AZURE_VISION_KEY"


def test_huawei_token_from_env() -> None:
    assert isinstance(HuaweiTokenAuth.from_env({"HUAWEICLOUD_OCR_TOKEN": "tok"}), HuaweiTokenAuth)


def test_huawei_auth_from_env_prefers_token_then_aksk_then_password() -> None:
    everything = {
        "HUAWEICLOUD_OCR_TOKEN": "tok",
        "HUAWEICLOUD_SDK_AK": "ak",
        "HUAWEICLOUD_SDK_SK": "sk",
        **IAM_ENV,
    }
    assert isinstance(huawei_auth_from_env(everything), HuaweiTokenAuth)
    del everything["HUAWEICLOUD_OCR_TOKEN"]
    assert isinstance(huawei_auth_from_env(everything), HuaweiSignatureAuth)
    auth = huawei_auth_from_env({**IAM_ENV, "HUAWEICLOUD_REGION": "ap-southeast-1"})
    assert isinstance(auth, HuaweiPasswordAuth)
    assert auth.region == "ap-southeast-1"
    assert "iam.ap-southeast-1.myhuaweicloud.com" in repr(auth)
    assert "iam-password-value" not in repr(auth)


def test_huawei_password_default_region_and_endpoint_override() -> None:
    auth = huawei_auth_from_env({**IAM_ENV, "HUAWEICLOUD_IAM_ENDPOINT": "http://127.0.0.1:9000"})
    assert isinstance(auth, HuaweiPasswordAuth)
    assert auth.region == "cn-north-4"
    assert "http://127.0.0.1:9000" in repr(auth)


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"HUAWEICLOUD_SDK_AK": "ak-value"}, "HUAWEICLOUD_SDK_SK"),
        ({"HUAWEICLOUD_SDK_SK": "sk-value"}, "HUAWEICLOUD_SDK_AK"),
        (
            {"HUAWEICLOUD_IAM_DOMAIN": "domain-value", "HUAWEICLOUD_IAM_USER": "user-value"},
            "HUAWEICLOUD_IAM_PASSWORD",
        ),
        ({"HUAWEICLOUD_IAM_PASSWORD": "secret-pw"}, "HUAWEICLOUD_IAM_DOMAIN"),
        ({}, "HUAWEICLOUD_OCR_TOKEN"),
    ],
)
def test_huawei_auth_from_env_names_what_is_missing(env: dict[str, str], missing: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        huawei_auth_from_env(env)
    assert missing in str(caught.value)
    assert caught.value.field == missing
    for value in env.values():
        assert value not in str(caught.value)


def test_process_environment_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HUAWEICLOUD_OCR_TOKEN", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HUAWEICLOUD_OCR_TOKEN", "from-process-env")
    assert isinstance(huawei_auth_from_env(), HuaweiTokenAuth)

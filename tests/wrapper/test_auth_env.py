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


def test_huawei_auth_from_env_picks_the_one_method_that_is_set() -> None:
    assert isinstance(huawei_auth_from_env({"HUAWEICLOUD_OCR_TOKEN": "tok"}), HuaweiTokenAuth)
    aksk = {"HUAWEICLOUD_SDK_AK": "ak", "HUAWEICLOUD_SDK_SK": "sk"}
    assert isinstance(huawei_auth_from_env(aksk), HuaweiSignatureAuth)
    auth = huawei_auth_from_env({**IAM_ENV, "HUAWEICLOUD_REGION": "ap-southeast-1"})
    assert isinstance(auth, HuaweiPasswordAuth)
    assert auth.region == "ap-southeast-1"
    assert "iam.ap-southeast-1.myhuaweicloud.com" in repr(auth)
    assert "iam-password-value" not in repr(auth)


def test_settings_that_are_not_credentials_do_not_count_as_a_second_method() -> None:
    # The emulator's environment sets the IAM endpoint next to an AK/SK pair: that is one method.
    env = {
        "HUAWEICLOUD_SDK_AK": "ak",
        "HUAWEICLOUD_SDK_SK": "sk",
        "HUAWEICLOUD_IAM_ENDPOINT": "http://127.0.0.1:9000",
        "HUAWEICLOUD_REGION": "cn-north-4",
        "HUAWEICLOUD_OCR_TOKEN": "   ",  # blank counts as unset
    }
    assert isinstance(huawei_auth_from_env(env), HuaweiSignatureAuth)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        (
            {
                "HUAWEICLOUD_OCR_TOKEN": "tok-value",
                "HUAWEICLOUD_SDK_AK": "ak-value",
                "HUAWEICLOUD_SDK_SK": "sk-value",
            },
            ["HUAWEICLOUD_OCR_TOKEN", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"],
        ),
        (
            {"HUAWEICLOUD_OCR_TOKEN": "tok-value", "HUAWEICLOUD_IAM_PASSWORD": "pw-value"},
            ["HUAWEICLOUD_OCR_TOKEN", "HUAWEICLOUD_IAM_PASSWORD"],
        ),
        (
            {"HUAWEICLOUD_SDK_SK": "sk-value", **IAM_ENV},
            [
                "HUAWEICLOUD_SDK_SK",
                "HUAWEICLOUD_IAM_DOMAIN",
                "HUAWEICLOUD_IAM_USER",
                "HUAWEICLOUD_IAM_PASSWORD",
            ],
        ),
        (
            {"HUAWEICLOUD_OCR_TOKEN": "tok-value", "HUAWEICLOUD_SDK_AK": "ak-value", **IAM_ENV},
            ["HUAWEICLOUD_OCR_TOKEN", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_IAM_DOMAIN"],
        ),
    ],
)
def test_huawei_auth_from_env_refuses_two_methods_naming_the_variables(
    env: dict[str, str], named: list[str]
) -> None:
    # The constructor refuses two credential forms; from_env must not silently pick one of them.
    with pytest.raises(InvalidInputError) as caught:
        huawei_auth_from_env(env)
    message = str(caught.value)
    assert message.startswith("set exactly one way to authenticate in the environment")
    for name in named:
        assert name in message
    assert caught.value.field == named[0]
    for value in env.values():
        assert value not in message


def test_the_client_from_env_refuses_a_token_beside_an_aksk_pair() -> None:
    from handwriting_ocr.clients import AsyncHuaweiOcrClient, HuaweiOcrClient

    env = {
        "HUAWEICLOUD_PROJECT_ID": "p",
        "HUAWEICLOUD_OCR_TOKEN": "tok-value",
        "HUAWEICLOUD_SDK_AK": "ak-value",
        "HUAWEICLOUD_SDK_SK": "sk-value",
    }
    for cls in (HuaweiOcrClient, AsyncHuaweiOcrClient):
        with pytest.raises(InvalidInputError, match="HUAWEICLOUD_OCR_TOKEN and HUAWEICLOUD_SDK_AK"):
            cls.from_env(env)


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

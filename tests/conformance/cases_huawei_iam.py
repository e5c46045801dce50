"""Request-conformance cases for ``huawei_iam_client`` (Huawei Cloud IAM user tokens)."""

from __future__ import annotations

from huawei_iam_client.models import (
    AuthScope,
    AuthScopeProject,
    KeystoneCreateUserTokenByPasswordRequestBody,
    PwdAuth,
    PwdIdentity,
    PwdPassword,
    PwdPasswordUser,
    PwdPasswordUserDomain,
)

from .expectations import HUAWEI_IAM
from .request_cases import Reply, RequestCase

BASE = HUAWEI_IAM.base_url
# Dummy token: the real one is a long opaque string; what matters is that it comes back from the header.
SUBJECT_TOKEN = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX"
TOKEN_BODY = {
    "token": {
        "expires_at": "2026-11-22T19:30:00.000000Z",
        "issued_at": "2026-11-21T19:30:00.000000Z",
        "methods": ["password"],
        "project": {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": "cn-north-4"},
    }
}
# Compact JSON, non-ASCII sent as UTF-8 (httpx's encoding), the quote escaped.
EXPECTED_BODY = (
    '{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"acme"},'
    '"name":"ocr-bot","password":"p\u00e4ss\\"w0rd"}}},"scope":{"project":{"name":"cn-north-4"}}}}'
).encode("utf-8")


def _password_body() -> dict[str, object]:
    user = PwdPasswordUser(
        domain=PwdPasswordUserDomain(name="acme"), name="ocr-bot", password='p\u00e4ss"w0rd'
    )
    identity = PwdIdentity(methods=["password"], password=PwdPassword(user=user))
    auth = PwdAuth(identity=identity, scope=AuthScope(project=AuthScopeProject(name="cn-north-4")))
    return {"body": KeystoneCreateUserTokenByPasswordRequestBody(auth=auth), "nocatalog": True}


CASES = (
    RequestCase(
        HUAWEI_IAM,
        "keystoneCreateUserTokenByPassword",
        "application/json",
        _password_body,
        expected_url=f"{BASE}/v3/auth/tokens?nocatalog=true",
        expected_content_type="application/json;charset=UTF-8",
        expected_body=EXPECTED_BODY,
        reply=Reply.json(201, TOKEN_BODY, ("X-Subject-Token", SUBJECT_TOKEN)),
    ),
)

"""Every request-conformance case, from every provider's ``cases_*`` module."""

from __future__ import annotations

from . import cases_azure_v1, cases_azure_v2, cases_huawei_iam, cases_huawei_ocr, cases_tencent_ocr
from .request_cases import RequestCase

ALL_CASES: tuple[RequestCase, ...] = (
    *cases_azure_v2.CASES,
    *cases_huawei_ocr.CASES,
    *cases_huawei_iam.CASES,
    *cases_tencent_ocr.CASES,
    *cases_azure_v1.CASES,
)


def cases_of(package: str, operation_id: str) -> list[RequestCase]:
    return [case for case in ALL_CASES if case.spec.package == package and case.operation_id == operation_id]

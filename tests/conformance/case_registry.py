"""Every request-conformance case, from every provider's ``cases_*`` module."""

from __future__ import annotations

from . import (
    cases_azure_image_analysis,
    cases_azure_v1,
    cases_azure_v2,
    cases_azure_v3,
    cases_huawei_iam,
    cases_huawei_ocr,
    cases_tencent_ocr,
    cases_tencent_ocr_v3,
)
from .request_cases import RequestCase

ALL_CASES: tuple[RequestCase, ...] = (
    *cases_azure_v2.CASES,
    *cases_huawei_ocr.CASES,
    *cases_huawei_iam.CASES,
    *cases_tencent_ocr.CASES,
    *cases_azure_v1.CASES,
    *cases_azure_v3.CASES,
    *cases_azure_image_analysis.CASES,
    *cases_tencent_ocr_v3.CASES,
)


def cases_of(package: str, operation_id: str) -> list[RequestCase]:
    return [case for case in ALL_CASES if case.spec.package == package and case.operation_id == operation_id]

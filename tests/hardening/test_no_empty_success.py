"""Issue 9, "Results silently lost": an answer without the shape of a result is an error, never an
empty success; only a well-formed result may be empty. Real sockets, every facade, sync and async."""

from __future__ import annotations

from typing import Any

import pytest
from handwriting_ocr.documents import Document
from handwriting_ocr.errors import ApiError, BadRequestError, MalformedResponseError, OcrError

from tests.hardening._facades import (
    AZURE_READ,
    AZURE_READ_V3,
    HUAWEI,
    MODES,
    TENCENT,
    TENCENT_V3,
    Mode,
    Row,
    run,
)
from tests.hardening._server import Answer, ScriptedServer, Seen, json_answer


def constant(document: object, status: int = 200) -> Any:
    def answer(_n: int, _seen: Seen) -> Answer:
        return json_answer(status, document)

    return answer


async def outcome_of(row: Row, mode: Mode, document: object) -> tuple[object, BaseException | None, int]:
    with ScriptedServer(row.handler(constant(document))) as server:
        outcome = await run(row, mode, server.url)
        return outcome.value, outcome.error, server.count(method=row.result_method, path=row.result_path)


AZURE_LOST = [
    pytest.param({"status": "Succeeded"}, id="no-recognitionResults"),
    pytest.param({"status": "Succeeded", "recognitionResults": None}, id="null-recognitionResults"),
    pytest.param({"status": "Succeeded", "recognitionResults": {}}, id="object-recognitionResults"),
]


AZURE_V3_LOST = [
    pytest.param({"status": "succeeded"}, id="v3-no-analyzeResult"),
    pytest.param({"status": "succeeded", "analyzeResult": None}, id="v3-null-analyzeResult"),
    pytest.param({"status": "succeeded", "analyzeResult": {}}, id="v3-no-readResults"),
    pytest.param({"status": "succeeded", "analyzeResult": {"readResults": None}}, id="v3-null-readResults"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("row", "document", "field"),
    [pytest.param(AZURE_READ, *p.values, "recognitionResults", id=p.id) for p in AZURE_LOST]
    + [pytest.param(AZURE_READ_V3, *p.values, "analyzeResult", id=p.id) for p in AZURE_V3_LOST],
)
async def test_azure_succeeded_without_its_result_is_malformed_with_the_token(
    mode: Mode, row: Row, document: dict[str, Any], field: str
) -> None:
    value, error, polls = await outcome_of(row, mode, document)
    assert value is None
    assert isinstance(error, MalformedResponseError), repr(error)
    assert field in str(error)
    # The operation was accepted: the error still reaches it.
    assert error.operation_id == "op-1"
    assert error.continuation_token is not None and "op-1" in error.continuation_token
    assert polls == 1  # a malformed Succeeded answer is final: no second poll


HUAWEI_LOST = [
    pytest.param({}, id="empty-object"),
    pytest.param({"result": []}, id="result-list"),
    pytest.param({"result": [{"words": "a"}]}, id="result-list-of-blocks"),
    pytest.param({"result": {}}, id="result-without-blocks"),
    pytest.param({"result": {"words_block_list": None}}, id="null-blocks"),
    pytest.param({"error_code": "AIS.9999", "error_msg": "unknown failure"}, id="unknown-error-envelope"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("document", HUAWEI_LOST)
async def test_huawei_200_without_a_result_is_malformed(mode: Mode, document: dict[str, Any]) -> None:
    value, error, calls = await outcome_of(HUAWEI, mode, document)
    assert value is None
    assert isinstance(error, MalformedResponseError), repr(error)
    assert error.status_code == 200
    assert calls == 1


@pytest.mark.parametrize("mode", MODES)
async def test_huawei_200_with_a_known_error_envelope_is_that_error(mode: Mode) -> None:
    document = {"error_code": "AIS.0103", "error_msg": "The image size does not meet the requirements."}
    value, error, _ = await outcome_of(HUAWEI, mode, document)
    assert value is None
    assert isinstance(error, BadRequestError), repr(error)
    assert error.code == "AIS.0103"


TENCENT_LOST = [
    pytest.param({"code": 0, "message": "OK"}, id="no-data"),
    pytest.param({"code": 0, "message": "OK", "data": None}, id="null-data"),
    pytest.param({"code": 0, "message": "OK", "data": []}, id="data-list"),
    pytest.param({"code": 0, "message": "OK", "data": {"session_id": "s"}}, id="data-without-items"),
    pytest.param({"code": 0, "message": "OK", "data": {"items": {}}}, id="items-object"),
]


TENCENT_V3_LOST = [
    pytest.param({}, id="v3-empty-object"),
    pytest.param({"Response": {"RequestId": "r-1"}}, id="v3-no-TextDetections"),
    pytest.param({"Response": {"RequestId": "r-1", "TextDetections": None}}, id="v3-null-TextDetections"),
    pytest.param({"Response": {"RequestId": "r-1", "TextDetections": {}}}, id="v3-object-TextDetections"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("row", "document"),
    [pytest.param(TENCENT, *p.values, id=p.id) for p in TENCENT_LOST]
    + [pytest.param(TENCENT_V3, *p.values, id=p.id) for p in TENCENT_V3_LOST],
)
async def test_tencent_code_0_without_a_result_is_malformed(
    mode: Mode, row: Row, document: dict[str, Any]
) -> None:
    value, error, calls = await outcome_of(row, mode, document)
    assert value is None
    assert isinstance(error, MalformedResponseError), repr(error)
    assert calls == 1


WELL_FORMED_EMPTY = [
    pytest.param(AZURE_READ, {"status": "Succeeded", "recognitionResults": []}, id="azure-read"),
    pytest.param(HUAWEI, {"result": {"words_block_count": 0, "words_block_list": []}}, id="huawei"),
    pytest.param(
        TENCENT, {"code": 0, "message": "OK", "data": {"session_id": "", "items": []}}, id="tencent"
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("row", "document"), WELL_FORMED_EMPTY)
async def test_a_well_formed_empty_result_is_an_empty_success(
    mode: Mode, row: Row, document: dict[str, Any]
) -> None:
    value, error, calls = await outcome_of(row, mode, document)
    assert error is None, repr(error)
    assert isinstance(value, Document)
    assert value.text == ""
    assert calls == 1


@pytest.mark.parametrize("mode", MODES)
async def test_an_error_envelope_is_never_a_success_whatever_its_code(mode: Mode) -> None:
    # Whatever the gateway put in it, a Huawei error envelope on a 200 is an ApiError of some kind.
    for code in ("APIG.0101", "ModelArts.4204", "XYZ.1"):
        value, error, _ = await outcome_of(HUAWEI, mode, {"error_code": code, "error_msg": "m"})
        assert value is None and isinstance(error, ApiError) and isinstance(error, OcrError), (code, error)

"""The CLI's batch records: one per input whatever happens (the batch itself is the library's engine)."""

from __future__ import annotations

from handwriting_ocr.cli.batch import BatchResults, Outcome
from handwriting_ocr.errors import AuthenticationError


def _ok(index: int, name: str) -> Outcome:
    return Outcome(index, name, "ok", files=(f"{name}.txt",))


def test_errors_become_records_with_redacted_messages() -> None:
    names = ["a", "b", "c", "d"]
    results = BatchResults(names, environ={"AZURE_VISION_KEY": "k3y-s3cret"})
    results.record(_ok(0, "a"))
    results.record_error(1, AuthenticationError("key k3y-s3cret rejected", provider="azure", status_code=401))
    results.record_error(2, RuntimeError("boom\nsecond line"))
    results.record(_ok(3, "d"))
    outcomes = results.outcomes()
    assert [o.status for o in outcomes] == ["ok", "error", "error", "ok"]
    assert outcomes[1].error_type == "AuthenticationError"
    assert outcomes[1].error_message == "[azure, HTTP 401] key *** rejected"
    assert outcomes[2].error_type == "RuntimeError"
    assert outcomes[2].error_message == "unexpected RuntimeError: boom second line"
    assert outcomes[1].to_json() == {
        "input": "b",
        "status": "error",
        "error": {"type": "AuthenticationError", "message": "[azure, HTTP 401] key *** rejected"},
    }


def test_inputs_never_recorded_read_as_cancelled_and_counts_keep_them_apart() -> None:
    names = [f"img{i}" for i in range(4)]
    results = BatchResults(names)
    results.record(_ok(0, "img0"))
    results.record(Outcome(1, "img1", "skipped"))
    results.record_error(2, AuthenticationError("no", provider="azure"))
    outcomes = results.outcomes()
    assert [o.status for o in outcomes] == ["ok", "skipped", "error", "cancelled"]
    assert results.counts() == {"ok": 1, "skipped": 1, "error": 1, "cancelled": 1}
    assert outcomes[3].to_json() == {
        "input": "img3",
        "status": "cancelled",
        "error": {"type": "CancelledError", "message": "not finished: the run was interrupted"},
    }
    assert outcomes[1].to_json() == {
        "input": "img1",
        "status": "skipped",
        "note": "done by an earlier run (see the manifest)",
    }

"""The poller's I/O-free parts: schedule, origin checks, continuation tokens and the decision core."""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.utils import formatdate

import pytest
from handwriting_ocr.errors import (
    ConnectionFailedError,
    InvalidInputError,
    MalformedResponseError,
    OperationFailedError,
)
from handwriting_ocr.polling.core import (
    MAX_TRANSIENT_FAILURES,
    RETRY_EXTENSION,
    DeadlinePassed,
    Finished,
    PollingCore,
    SendPoll,
    Sleep,
    Verdict,
)
from handwriting_ocr.polling.origin import Origin, origin_of, resolve_location
from handwriting_ocr.polling.schedule import backoff_delay, first_poll_delay, next_poll_delay
from handwriting_ocr.polling.token import ContinuationState, decode_token, encode_token

ENDPOINT = "https://westcentralus.api.cognitive.microsoft.com"
OPERATION = f"{ENDPOINT}/vision/v2.0/read/operations/9f2a-77"
ORIGIN = Origin("https", "westcentralus.api.cognitive.microsoft.com", 443)
WALL = 1_700_000_000.0


def status_names(document: Mapping[str, object]) -> str:
    return str(document["status"])


def body(status: str, **extra: object) -> bytes:
    return json.dumps({"status": status, **extra}).encode()


def new_core(interval: float | None = None, first_delay: float = 0.0) -> PollingCore[str]:
    return PollingCore(
        operation_url=OPERATION,
        origin=ORIGIN,
        parse=status_names,
        interval=interval,
        first_delay=first_delay,
        now=100.0,
    )


# --- schedule ---------------------------------------------------------------------------------------


def test_backoff_doubles_from_a_tenth_of_a_second_and_caps_at_two_seconds() -> None:
    assert [backoff_delay(n) for n in range(0, 9)] == [0.0, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 2.0]
    assert backoff_delay(10_000) == 2.0


def test_first_poll_is_immediate_unless_the_caller_or_the_submit_answer_says_otherwise() -> None:
    assert first_poll_delay(interval=None, submit_headers={}, wall_now=WALL) == 0.0
    assert first_poll_delay(interval=None, submit_headers={"Retry-After": "2"}, wall_now=WALL) == 2.0
    assert first_poll_delay(interval=0.7, submit_headers={"Retry-After": "2"}, wall_now=WALL) == 0.7


def test_pending_answers_use_the_caller_interval_then_retry_after_then_backoff() -> None:
    later = formatdate(WALL + 9, usegmt=True)
    assert (
        next_poll_delay(
            interval=1.5, headers={"Retry-After": "4"}, pending_answers=3, throttled=False, wall_now=WALL
        )
        == 1.5
    )
    assert (
        next_poll_delay(
            interval=None, headers={"Retry-After": "4"}, pending_answers=3, throttled=False, wall_now=WALL
        )
        == 4.0
    )
    assert (
        next_poll_delay(
            interval=None, headers={"Retry-After": later}, pending_answers=1, throttled=False, wall_now=WALL
        )
        == 9.0
    )
    assert (
        next_poll_delay(interval=None, headers={}, pending_answers=3, throttled=False, wall_now=WALL) == 0.4
    )


def test_throttling_waits_at_least_what_the_server_asks_even_with_a_caller_interval() -> None:
    assert (
        next_poll_delay(
            interval=0.5, headers={"Retry-After": "3"}, pending_answers=1, throttled=True, wall_now=WALL
        )
        == 3.0
    )
    assert (
        next_poll_delay(
            interval=5.0, headers={"Retry-After": "3"}, pending_answers=1, throttled=True, wall_now=WALL
        )
        == 5.0
    )
    assert next_poll_delay(interval=0.0, headers={}, pending_answers=4, throttled=True, wall_now=WALL) == 0.8


# --- origin -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (OPERATION, ORIGIN),
        ("HTTPS://WestCentralUS.api.cognitive.microsoft.com:443/x", ORIGIN),
        ("http://127.0.0.1:8080/x", Origin("http", "127.0.0.1", 8080)),
        ("https://[::1]/x", Origin("https", "::1", 443)),
        ("ftp://westcentralus.api.cognitive.microsoft.com/x", None),
        ("/vision/v2.0/read/operations/1", None),
        ("https://user:pw@westcentralus.api.cognitive.microsoft.com/x", None),
        ("https://evil.example\\@westcentralus.api.cognitive.microsoft.com/x", None),
        ("https://westcentralus.api.cognitive.microsoft.com:99999/x", None),
        ("https://westcentralus.api.cognitive.microsoft.com:abc/x", None),
    ],
)
def test_origin_of(url: str, expected: Origin | None) -> None:
    assert origin_of(url) == expected


def test_origin_text_omits_default_ports_only() -> None:
    assert str(ORIGIN) == ENDPOINT
    assert str(Origin("http", "::1", 8080)) == "http://[::1]:8080"


def test_relative_locations_resolve_against_the_submit_url() -> None:
    submit = f"{ENDPOINT}/vision/v2.0/read/core/asyncBatchAnalyze"
    assert (
        resolve_location("/vision/v2.0/read/operations/5", base_url=submit)
        == f"{ENDPOINT}/vision/v2.0/read/operations/5"
    )
    assert resolve_location("//evil.example/x", base_url=submit) == "https://evil.example/x"


# --- tokens -----------------------------------------------------------------------------------------


def test_token_is_small_sorted_versioned_json_and_round_trips() -> None:
    state = ContinuationState(kind="read", operation_url=OPERATION, origin=ORIGIN)
    token = encode_token(state)
    assert token == (
        '{"kind":"read","operation_location":"' + OPERATION + '","origin":"' + ENDPOINT + '","v":1}'
    )
    assert decode_token(token) == state
    assert decode_token(token, expected_kind="read") == state


def _token(**fields: object) -> str:
    data: dict[str, object] = {"v": 1, "kind": "read", "operation_location": OPERATION, "origin": ENDPOINT}
    data.update(fields)
    return json.dumps({k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", "not JSON"),
        ("gASVAAAAAAAAAACMBGtpbmSULg==", "not JSON"),
        ("[1]", "not a JSON object"),
        (_token(v=2), "unsupported version"),
        (_token(v=True), "unsupported version"),
        (_token(v="1"), "unsupported version"),
        (_token(kind=""), 'missing "kind"'),
        (_token(kind=7), 'missing "kind"'),
        (_token(kind="text"), "belongs to a 'text' operation"),
        (_token(operation_location=None), 'missing "operation_location"'),
        (_token(origin="https://evil.example"), "not on the token's origin"),
        (_token(operation_location="https://evil.example/read/operations/1"), "not on the token's origin"),
        (
            _token(operation_location="http://westcentralus.api.cognitive.microsoft.com/x"),
            "not on the token's origin",
        ),
        (_token(origin=ENDPOINT + "/vision"), "not a plain http(s) origin"),
        (_token(origin="file:///etc"), "not a plain http(s) origin"),
        ("{" + " " * 9000 + "}", "too long"),
    ],
)
def test_bad_tokens_are_invalid_input(token: str, reason: str) -> None:
    with pytest.raises(InvalidInputError, match="invalid continuation token") as caught:
        decode_token(token, expected_kind="read")
    assert reason in caught.value.message
    assert caught.value.field == "continuation_token"


def test_a_token_that_is_not_a_string_is_invalid_input() -> None:
    with pytest.raises(InvalidInputError, match="expected a string, got bytes"):
        decode_token(b'{"v":1}')


# --- the core ---------------------------------------------------------------------------------------


def test_core_refuses_an_operation_url_on_another_origin() -> None:
    with pytest.raises(MalformedResponseError, match="outside the endpoint's origin"):
        PollingCore(
            operation_url="https://evil.example/read/operations/1",
            origin=ORIGIN,
            parse=status_names,
            interval=None,
            first_delay=0.0,
            now=0.0,
        )


def test_core_asks_for_a_get_with_the_no_retry_extension_at_once() -> None:
    core = new_core()
    action = core.next_action(100.0, None)
    assert action == SendPoll(
        url=OPERATION, headers={"Accept": "application/json"}, extensions=RETRY_EXTENSION
    )
    assert RETRY_EXTENSION == {"handwriting_ocr.retry": "never"}
    assert core.operation_id == "9f2a-77"
    assert core.status == "NotStarted"


def test_core_sleeps_until_the_next_poll_but_wakes_at_the_deadline() -> None:
    core = new_core()
    assert core.on_response(200, {}, body("Running"), now=100.0, wall_now=WALL) is Verdict.PENDING
    first, second = core.next_action(100.0, None), core.next_action(100.0, 100.04)
    assert isinstance(first, Sleep) and first.seconds == pytest.approx(0.1)
    assert isinstance(second, Sleep) and second.seconds == pytest.approx(0.04)
    assert core.next_action(100.04, 100.04) == DeadlinePassed()
    # A due poll still goes out at the deadline: result(timeout=0) gets one fresh look.
    assert isinstance(core.next_action(100.1, 100.1), SendPoll)


@pytest.mark.parametrize("status", ["NotStarted", "Not Started", "Running", "Queued"])
def test_pending_statuses_keep_polling_and_are_reported_as_sent(status: str) -> None:
    core = new_core()
    assert core.on_response(200, {}, body(status), now=100.0, wall_now=WALL) is Verdict.PENDING
    assert core.status == status
    assert not core.finished


def test_succeeded_goes_through_parse() -> None:
    core = new_core()
    assert core.on_response(200, {}, body("Succeeded"), now=100.0, wall_now=WALL) is Verdict.FINISHED
    assert core.finished
    assert core.outcome() == "Succeeded"
    assert core.next_action(200.0, None) == Finished()


@pytest.mark.parametrize("status", ["Failed", "Canceled", "Cancelled"])
def test_failed_statuses_end_with_operation_failed(status: str) -> None:
    core = new_core()
    answer = body(status, error={"code": "FailedToProcess", "message": "The image\ncould not be read"})
    headers = {"apim-request-id": "req-42"}
    assert core.on_response(200, headers, answer, now=100.0, wall_now=WALL) is Verdict.FINISHED
    with pytest.raises(OperationFailedError) as caught:
        core.outcome()
    error = caught.value
    assert (error.provider, error.status_code, error.code, error.request_id) == (
        "azure",
        200,
        "FailedToProcess",
        "req-42",
    )
    assert error.message == f"Azure operation 9f2a-77 ended with status {status}: The image could not be read"


def test_failed_without_details_still_names_the_operation() -> None:
    core = new_core()
    core.on_response(200, {}, body("Failed"), now=100.0, wall_now=WALL)
    with pytest.raises(
        OperationFailedError, match=r"^\[azure, HTTP 200\] Azure operation 9f2a-77 ended with status Failed$"
    ):
        core.outcome()


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (b"", "empty answer"),
        (b"  \r\n", "empty answer"),
        (b"<html><body>Bad gateway</body></html>", "an HTML page"),
        (b'{"status": "Runn', "invalid or truncated JSON"),
        (b"\xff\xfe\x00", "invalid or truncated JSON"),
        (b'["Running"]', "JSON but not an object"),
        (b'{"recognitionResults": []}', 'no "status" string'),
        (b'{"status": 3}', 'no "status" string'),
        (b'{"status": null}', 'no "status" string'),
    ],
)
def test_malformed_answers(answer: bytes, why: str) -> None:
    core = new_core()
    assert (
        core.on_response(200, {"x-ms-request-id": "r-1"}, answer, now=100.0, wall_now=WALL)
        is Verdict.FINISHED
    )
    with pytest.raises(MalformedResponseError) as caught:
        core.outcome()
    assert why in caught.value.message
    assert caught.value.request_id == "r-1"


def test_a_result_of_the_wrong_shape_is_malformed_not_a_raw_exception() -> None:
    def strict(document: Mapping[str, object]) -> int:
        return len(document["recognitionResults"])  # type: ignore[arg-type]

    core = PollingCore(
        operation_url=OPERATION, origin=ORIGIN, parse=strict, interval=None, first_delay=0, now=0
    )
    core.on_response(200, {}, body("Succeeded"), now=0.0, wall_now=WALL)
    with pytest.raises(MalformedResponseError, match=r"expected shape \(KeyError: 'recognitionResults'"):
        core.outcome()


@pytest.mark.parametrize("status_code", [404, 401, 403, 400, 302, 410])
def test_other_error_statuses_are_left_to_the_error_mapping(status_code: int) -> None:
    core = new_core()
    assert core.on_response(status_code, {}, b"{}", now=100.0, wall_now=WALL) is Verdict.MAP_ERROR
    assert not core.finished


@pytest.mark.parametrize("status_code", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried_then_mapped(status_code: int) -> None:
    core = new_core()
    now = 100.0
    for _ in range(MAX_TRANSIENT_FAILURES):
        assert core.on_response(status_code, {}, b"", now=now, wall_now=WALL) is Verdict.PENDING
        action = core.next_action(now, None)
        assert isinstance(action, Sleep)
        now += action.seconds
    assert core.on_response(status_code, {}, b"", now=now, wall_now=WALL) is Verdict.MAP_ERROR


def test_a_pending_answer_resets_the_transient_failure_count() -> None:
    core = new_core()
    for _ in range(MAX_TRANSIENT_FAILURES):
        core.on_response(503, {}, b"", now=0.0, wall_now=WALL)
    core.on_response(200, {}, body("Running"), now=0.0, wall_now=WALL)
    assert core.on_response(503, {}, b"", now=0.0, wall_now=WALL) is Verdict.PENDING


def test_connection_failures_are_retried_then_reported() -> None:
    core = new_core()
    for _ in range(MAX_TRANSIENT_FAILURES):
        core.on_transport_error("ConnectError: refused", now=0.0)
        assert not core.finished
    core.on_transport_error("ConnectError: refused", now=0.0)
    with pytest.raises(
        ConnectionFailedError, match="polling Azure operation 9f2a-77 failed: ConnectError: refused"
    ):
        core.outcome()


def test_timeout_error_carries_the_token_and_the_last_status() -> None:
    core = new_core()
    core.on_response(200, {}, body("Running"), now=100.0, wall_now=WALL)
    error = core.timeout_error(continuation_token="tok", timeout=2.5)
    assert error.continuation_token == "tok"
    assert error.provider == "azure"
    assert str(error) == (
        "Azure operation 9f2a-77 is still Running after waiting 2.5 s; resume with the continuation token"
    )

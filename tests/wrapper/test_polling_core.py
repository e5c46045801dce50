"""The poller's I/O-free parts: origin checks, continuation tokens and the decision core."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from handwriting_ocr.errors import (
    ConnectionFailedError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    OcrError,
    OcrTimeoutError,
    OperationFailedError,
    RateLimitError,
    ServiceError,
)
from handwriting_ocr.polling.core import DeadlinePassed, Finished, PollingCore, SendPoll, Sleep, Verdict
from handwriting_ocr.polling.learning import PollLearner, PollPlan
from handwriting_ocr.polling.origin import Origin, absolute_location, origin_of
from handwriting_ocr.polling.schedule import first_poll_delay
from handwriting_ocr.polling.token import ContinuationState, decode_token, encode_token

ENDPOINT = "https://westcentralus.api.cognitive.microsoft.com"
OPERATION = f"{ENDPOINT}/vision/v2.0/read/operations/9f2a-77"
ORIGIN = Origin("https", "westcentralus.api.cognitive.microsoft.com", 443)
WALL = 1_700_000_000.0
TOKEN = '{"kind":"read","v":1}'


def status_names(document: Mapping[str, object]) -> str:
    return str(document["status"])


def body(status: str, **extra: object) -> bytes:
    return json.dumps({"status": status, **extra}).encode()


def new_core(
    interval: float | None = None, first_delay: float = 0.0, learner: PollLearner | None = None
) -> PollingCore[str]:
    return PollingCore(
        operation_url=OPERATION,
        origin=ORIGIN,
        parse=status_names,
        interval=interval,
        first_delay=first_delay,
        now=100.0,
        accepted_at=100.0,
        kind="read",
        learner=learner,
        token=TOKEN,
    )


def poll_times(core: PollingCore[str], answers: int, *, start: float = 100.0) -> list[float]:
    """Drive ``core`` through ``answers`` pending answers; the times its polls went out."""
    now, sent = start, list[float]()
    while len(sent) < answers:
        action = core.next_action(now, None)
        if isinstance(action, Sleep):
            now += action.seconds
            continue
        assert isinstance(action, SendPoll)
        sent.append(round(now - start, 6))
        core.on_response(200, {}, body("Running"), now=now, wall_now=WALL)
    return sent


# --- when to poll -----------------------------------------------------------------------------------


def test_first_poll_is_immediate_unless_the_caller_or_the_submit_answer_says_otherwise() -> None:
    assert first_poll_delay(interval=None, submit_headers={}, wall_now=WALL) == 0.0
    assert first_poll_delay(interval=None, submit_headers={"Retry-After": "2"}, wall_now=WALL) == 2.0
    assert first_poll_delay(interval=0.7, submit_headers={"Retry-After": "2"}, wall_now=WALL) == 0.7


def test_a_fresh_client_polls_like_the_one_second_loop() -> None:
    # Nothing learned yet: polls at 0, 1, 2, ... s, the samples' loop (no worse in polls or delay).
    assert poll_times(new_core(learner=PollLearner()), 5) == [0.0, 1.0, 2.0, 3.0, 4.0]


def test_the_callers_interval_wins() -> None:
    assert poll_times(new_core(interval=0.25, first_delay=0.25), 4) == [0.25, 0.5, 0.75, 1.0]


def test_a_retry_after_on_a_pending_answer_says_when_to_look_again() -> None:
    core = new_core()
    assert isinstance(core.next_action(100.0, None), SendPoll)
    core.on_response(200, {"Retry-After": "3"}, body("Running"), now=100.0, wall_now=WALL)
    action = core.next_action(100.0, None)
    assert isinstance(action, Sleep) and action.seconds == pytest.approx(3.0)


@pytest.mark.parametrize("value", ["0", "-5", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_a_retry_after_of_now_is_no_hint_the_plan_decides(value: str) -> None:
    core = new_core(learner=PollLearner())
    core.next_action(100.0, None)
    core.on_response(200, {"Retry-After": value}, body("Running"), now=100.0, wall_now=WALL)
    action = core.next_action(100.0, None)
    assert isinstance(action, Sleep) and action.seconds == pytest.approx(1.0)  # the cold plan's next poll


def test_a_learned_plan_is_followed_and_finishing_teaches_the_learner() -> None:
    learner = PollLearner()
    for _ in range(5):
        learner.observe("read", after=1.9, by=2.1)
    plan = learner.plan("read")
    assert plan.learned and plan.times[0] > 1.0  # nothing is polled long before 2 s
    core = new_core(learner=learner)
    assert poll_times(core, 2) == [round(t, 6) for t in plan.times[:2]]
    now = 100.0 + plan.times[2]
    assert isinstance(core.next_action(now, None), SendPoll)
    core.on_response(200, {}, body("Succeeded"), now=now, wall_now=WALL)
    assert len(learner.samples("read")) == 6


def test_a_resumed_operation_teaches_nothing() -> None:
    learner = PollLearner()
    core = PollingCore(
        operation_url=OPERATION,
        origin=ORIGIN,
        parse=status_names,
        interval=None,
        first_delay=0.0,
        now=5.0,
        kind="read",
        learner=learner,
    )
    core.next_action(5.0, None)
    core.on_response(200, {}, body("Succeeded"), now=5.0, wall_now=WALL)
    assert learner.samples("read") == ()


def test_the_cold_plan_has_no_times() -> None:
    assert not PollPlan().learned


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


@pytest.mark.parametrize(
    "location",
    ["/vision/v2.0/read/operations/5", "//evil.example/x", "read/operations/5", "http://[bad", "", "  "],
)
def test_only_absolute_http_locations_are_taken(location: str) -> None:
    # Azure sends a full URL; anything else is refused rather than resolved (or crashed on).
    assert absolute_location(location) is None


def test_an_absolute_location_is_taken_as_sent() -> None:
    assert absolute_location(f"  {OPERATION} ") == OPERATION


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


def test_core_asks_for_a_get_at_once() -> None:
    core = new_core()
    action = core.next_action(100.0, None)
    assert action == SendPoll(url=OPERATION, headers={"Accept": "application/json"}, budget=None)
    assert core.operation_id == "9f2a-77"
    assert core.status == "NotStarted"
    assert core.polls == 1


def test_a_poll_near_the_deadline_gets_what_is_left_as_its_budget() -> None:
    core = new_core()
    action = core.next_action(100.0, 107.5)
    assert isinstance(action, SendPoll) and action.budget == pytest.approx(7.5)


def test_core_sleeps_until_the_next_poll_but_wakes_at_the_deadline() -> None:
    core = new_core(learner=PollLearner())
    core.next_action(100.0, None)
    assert core.on_response(200, {}, body("Running"), now=100.0, wall_now=WALL) is Verdict.PENDING
    first, second = core.next_action(100.0, None), core.next_action(100.0, 100.04)
    assert isinstance(first, Sleep) and first.seconds == pytest.approx(1.0)
    assert isinstance(second, Sleep) and second.seconds == pytest.approx(0.04)
    assert core.next_action(100.04, 100.04) == DeadlinePassed()
    # A due poll still goes out at the deadline: result(timeout=0) gets one fresh look.
    assert isinstance(core.next_action(101.0, 101.0), SendPoll)


@pytest.mark.parametrize(
    "status", ["NotStarted", "Not Started", "Running", "Queued", "notStarted", "running"]
)
def test_pending_statuses_keep_polling_and_are_reported_as_sent(status: str) -> None:
    core = new_core()
    assert core.on_response(200, {}, body(status), now=100.0, wall_now=WALL) is Verdict.PENDING
    assert core.status == status
    assert not core.finished


@pytest.mark.parametrize("status", ["Succeeded", "succeeded"])
def test_succeeded_goes_through_parse(status: str) -> None:
    core = new_core()
    assert core.on_response(200, {}, body(status), now=100.0, wall_now=WALL) is Verdict.FINISHED
    assert core.finished
    assert core.outcome() == status
    assert core.next_action(200.0, None) == Finished()


@pytest.mark.parametrize("status", ["Failed", "Canceled", "Cancelled", "failed"])
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
    assert (error.operation_id, error.continuation_token) == ("9f2a-77", TOKEN)


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
        (b'{"status": "Runn', "not usable JSON"),
        (b"\xff\xfe\x00", "not usable JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not usable JSON"),
        (b'{"status": "Running", "n": ' + b"7" * 5000 + b"}", "not usable JSON"),
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
    assert caught.value.continuation_token == TOKEN


def test_a_result_of_the_wrong_shape_is_malformed_not_a_raw_exception() -> None:
    def strict(document: Mapping[str, object]) -> int:
        return len(document["recognitionResults"])  # type: ignore[arg-type]

    core = PollingCore(
        operation_url=OPERATION, origin=ORIGIN, parse=strict, interval=None, first_delay=0, now=0
    )
    core.on_response(200, {}, body("Succeeded"), now=0.0, wall_now=WALL)
    with pytest.raises(MalformedResponseError, match=r"expected shape \(KeyError: 'recognitionResults'"):
        core.outcome()


@pytest.mark.parametrize(
    ("status_code", "error"),
    [(404, NotFoundError), (410, NotFoundError), (401, OcrError), (403, OcrError), (400, OcrError)],
)
def test_client_error_answers_end_polling_with_the_mapped_error(
    status_code: int, error: type[OcrError]
) -> None:
    core = new_core()
    assert core.on_response(status_code, {}, b"{}", now=100.0, wall_now=WALL) is Verdict.FINISHED
    assert core.finished
    with pytest.raises(error) as caught:
        core.outcome()
    assert (caught.value.operation_id, caught.value.continuation_token) == ("9f2a-77", TOKEN)


@pytest.mark.parametrize(
    ("status_code", "error"), [(429, RateLimitError), (503, ServiceError), (408, ServiceError)]
)
def test_a_throttled_or_failed_poll_ends_the_wait_but_not_the_operation(
    status_code: int, error: type[OcrError]
) -> None:
    core = new_core()
    core.next_action(100.0, None)
    core.on_response(status_code, {"Retry-After": "3600"}, b"", now=100.0, wall_now=WALL)
    assert not core.finished
    assert core.next_action(100.0, None) == Finished()
    with pytest.raises(error) as caught:
        core.outcome()
    assert caught.value.continuation_token == TOKEN
    if isinstance(caught.value, RateLimitError):
        assert caught.value.retry_after == 3600.0  # as the server said, not as long as the client waits
    core.begin_wait()  # a later result() polls again, on its schedule
    action = core.next_action(100.0, None)
    assert isinstance(action, Sleep)
    assert isinstance(core.next_action(100.0 + action.seconds, None), SendPoll)


def test_a_failed_poll_ends_the_wait_with_the_token() -> None:
    core = new_core()
    core.next_action(100.0, None)
    core.on_failure(ConnectionFailedError("could not reach the service: refused", provider="azure"))
    with pytest.raises(ConnectionFailedError) as caught:
        core.outcome()
    assert (caught.value.operation_id, caught.value.continuation_token) == ("9f2a-77", TOKEN)
    error = core.timeout_error(timeout=3)
    assert "gave no answer yet after waiting 3 s (last failure: could not reach the service: refused)" in str(
        error
    )


def test_timeout_error_carries_the_token_and_the_last_status() -> None:
    core = new_core()
    core.on_response(200, {}, body("Running"), now=100.0, wall_now=WALL)
    error = core.timeout_error(timeout=2.5)
    assert isinstance(error, OcrTimeoutError)
    assert (error.continuation_token, error.operation_id, error.provider) == (TOKEN, "9f2a-77", "azure")
    assert str(error) == (
        "Azure operation 9f2a-77 is still Running after waiting 2.5 s; resume with the continuation token"
    )

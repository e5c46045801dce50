"""Hypothesis over response bodies, fed through every facade's own answer handling.

Not only the conversion: the bytes go where a server's answer goes.

* ``Call.handle`` of each synchronous operation (Azure OCR, Image Analysis 4.0, Huawei, Tencent
  legacy, Tencent API 3.0), then ``document_from_answer`` as the facades do;
* the poller core's ``on_response`` with each Azure operation's parsers (the typed model's and the
  Document's: v2.0 Read and RecognizeText, v1.0 RecognizeText, Read v3.2);
* ``document_from_answer`` for every shape, with any JSON value.

Bodies: valid results with one value mutated (replaced by a hostile value, deleted, duplicated,
retyped), random JSON, NaN/Infinity tokens, integers beyond float range and beyond Python's digit
limit, nesting 100,000 deep, lone surrogates (escaped, and as raw CESU bytes), truncations.

What must hold: only :class:`OcrError` subclasses come out (never a raw KeyError, ValueError,
RecursionError, OverflowError or UnicodeError), and every Document that is accepted exports to text,
the Document JSON, hOCR, ALTO and PAGE XML, each of which encodes as UTF-8, and the XML ones parse.

Size: ``HANDWRITING_OCR_HARDENING=long`` runs ten times as many examples, with a random seed
(the default run is derandomized, so that it is the same on every machine).
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pytest
from handwriting_ocr.clients._ops import document_from_answer
from handwriting_ocr.convert import SHAPES
from handwriting_ocr.documents import Document, Shape
from handwriting_ocr.errors import OcrError
from handwriting_ocr.export import to_alto, to_hocr, to_json, to_page_xml_pages, to_text
from handwriting_ocr.polling.core import PollingCore, SendPoll
from handwriting_ocr.polling.origin import Origin
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

FIXTURES: Final = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
SHAPE_FIXTURES: Final[dict[str, str]] = {
    "azure-read": "seed000-azure-read.json",
    "azure-text": "seed001-azure-text.json",
    "azure-v1-text": "azure-v1-text.json",
    "azure-ocr": "seed003-azure-ocr.json",
    "huawei": "seed002-huawei.json",
    "tencent": "seed004-tencent.json",
    "azure-read-v3": "azure-read-v3.json",
    "azure-image-analysis": "azure-image-analysis.json",
    "tencent-v3": "tencent-v3.json",
}
ENDPOINT: Final = "https://vision.example"
IMAGE_URL: Final = "https://images.example/a.png"

LONG = os.environ.get("HANDWRITING_OCR_HARDENING") == "long"
FUZZ = settings(
    max_examples=1000 if LONG else 100,
    deadline=None,
    derandomize=not LONG,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def fixture(shape: str) -> Any:
    return json.loads((FIXTURES / SHAPE_FIXTURES[shape]).read_text(encoding="utf-8"))


# --- hostile values and bodies -------------------------------------------------------------------------

# Placeholders replaced in the serialized text (json.dumps cannot write these itself).
DEEP: Final = "\u0000DEEP\u0000"
HUGE_DIGITS: Final = "\u0000DIGITS\u0000"
_RAW: Final = {
    json.dumps(DEEP): b"[" * 100_000 + b"]" * 100_000,
    json.dumps(HUGE_DIGITS): b"9" * 5000,
}

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
hostile: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(
        [
            math.nan,
            math.inf,
            -math.inf,
            10**400,
            -(10**400),
            2**64,
            1e308,
            -0.0,
            "\ud800",
            "a\udfffb",
            "\x00",
            "\u202e",
            "",
            None,
            True,
            [],
            {},
            DEEP,
            HUGE_DIGITS,
            "NaN",
            "-1",
            [[0, 0]],
        ]
    ),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    any_text,
)
#: Values of the right type with awkward contents: they keep a result well-formed, so the Document is
#: accepted and the exports meet them (XML specials, control characters, bidi marks, surrogates,
#: extreme but finite numbers).
awkward_text = (
    st.sampled_from(
        [
            "<&>\"'",
            "]]>",
            "\x00\x01\x1f",
            "\u202e\u200f",
            "\ud800",
            "x\udc00y",
            "\ufffe\uffff",
            "A" * 5000,
            "",
            " ",
        ]
    )
    | any_text
)
awkward_number = st.sampled_from([0, -0.0, -1, 1e-300, 1e15, 2**53 + 1, 10**18, 0.5, 1.0, 1e-7])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text | hostile,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        value = value[key]
    return value


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` (a valid result) with one to three values replaced, deleted, duplicated or retyped."""
    value = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(value) if p]
        if not paths:
            return copy.deepcopy(draw(json_values))
        path = draw(st.sampled_from(paths))
        parent, key = _parent(value, path), path[-1]
        action = draw(st.sampled_from(["awkward", "awkward", "replace", "delete", "duplicate", "random"]))
        if action == "awkward":
            current = parent[key]
            if isinstance(current, str):
                parent[key] = draw(awkward_text)
            elif isinstance(current, int | float) and not isinstance(current, bool):
                parent[key] = draw(awkward_number)
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action == "random":
            parent[key] = copy.deepcopy(draw(json_values))
        else:
            # A copy: the sampled hostile values ([], {}...) are shared objects, and a later mutation
            # must not change what the strategy hands out next.
            parent[key] = copy.deepcopy(draw(hostile))
    return value


def serialize(value: Any, *, ascii_only: bool) -> bytes:
    """JSON bytes as a server would send them: NaN/Infinity tokens allowed, surrogates escaped (or,
    without ``ascii_only``, written raw as CESU bytes, which are not UTF-8)."""
    text = json.dumps(value, allow_nan=True, ensure_ascii=ascii_only)
    data = text.encode("utf-8", "surrogatepass")
    for placeholder, raw in _RAW.items():
        data = data.replace(placeholder.encode("utf-8"), raw)
    return data


@st.composite
def bodies(draw: st.DrawFn, base: Any) -> bytes:
    """Answer bodies around a valid one: mutated, random, or damaged bytes."""
    kind = draw(st.sampled_from(["mutated", "mutated", "mutated", "random", "truncated", "valid"]))
    if kind == "random":
        value = draw(json_values)
    elif kind == "valid":
        value = base
    else:
        value = draw(mutated(base))
    data = serialize(value, ascii_only=draw(st.booleans()))
    if kind == "truncated":
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    return data


# --- what accepted Documents must survive ----------------------------------------------------------------


def check_exports(doc: Document) -> None:
    """Every export of an accepted Document encodes as UTF-8, and the XML ones parse."""
    text = to_text(doc)
    text.encode("utf-8")
    document_json = to_json(doc)
    json.loads(document_json.encode("utf-8"))
    for xml in (to_hocr(doc), to_alto(doc), *to_page_xml_pages(doc)):
        ET.fromstring(xml.encode("utf-8"))


def accepted(result: object, shape: Shape | None, provider: Any) -> None:
    """A handler's result: converted as the facades do (typed models), then exported."""
    if isinstance(result, Document):
        check_exports(result)
    elif shape is not None:
        check_exports(document_from_answer(result, shape, provider=provider))


def response(body: bytes, status: int = 200) -> httpx.Response:
    request = httpx.Request("POST", ENDPOINT + "/any")
    return httpx.Response(status, content=body, headers={"Content-Type": "application/json"}, request=request)


# --- the synchronous operations' handlers ---------------------------------------------------------------


@dataclass(frozen=True)
class Handler:
    name: str
    shape: Shape | None  # the shape its typed result converts from (None: it returns a Document)
    provider: str
    fixture: str
    make: Callable[[], Callable[[httpx.Response], object]]


def _azure_ocr() -> Callable[[httpx.Response], object]:
    from handwriting_ocr.clients._azure_ops import AzureOperations

    return AzureOperations(ENDPOINT).ocr(None, IMAGE_URL, language="unk", detect_orientation=True).handle


def _image_analysis() -> Callable[[httpx.Response], object]:
    from handwriting_ocr.clients._azure_v3_ops import AzureCurrentOperations

    return AzureCurrentOperations(ENDPOINT).analyze_image(None, IMAGE_URL, features=["read"]).handle


def _huawei() -> Callable[[httpx.Response], object]:
    from handwriting_ocr.clients._huawei_ops import HuaweiOperations

    ops = HuaweiOperations(endpoint=ENDPOINT, project_id="p")
    return ops.handwriting(None, IMAGE_URL, quick_mode=None, char_set=None, detect_direction=None).handle


def _tencent() -> Callable[[httpx.Response], object]:
    from handwriting_ocr.clients._tencent_ops import TencentOperations

    return (
        TencentOperations(endpoint=ENDPOINT, appid="1250000000", bucket="")
        .handwriting(None, IMAGE_URL, "json")
        .handle
    )


def _tencent_v3() -> Callable[[httpx.Response], object]:
    from handwriting_ocr.clients._tencent_v3_ops import TencentV3Operations

    ops = TencentV3Operations(ENDPOINT)
    return ops.recognize(
        None, IMAGE_URL, scene=None, enable_word_polygon=None, enable_detect_text=None
    ).handle


HANDLERS = [
    Handler("azure-ocr", "azure-ocr", "azure", "azure-ocr", _azure_ocr),
    Handler("azure-image-analysis", "azure-image-analysis", "azure", "azure-image-analysis", _image_analysis),
    Handler("huawei", "huawei", "huawei", "huawei", _huawei),
    Handler("tencent", "tencent", "tencent", "tencent", _tencent),
    Handler("tencent-v3", None, "tencent", "tencent-v3", _tencent_v3),
]


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda handler: handler.name)
@FUZZ
@given(data=st.data())
def test_each_operations_answer_handling_raises_only_typed_errors(
    handler: Handler, data: st.DataObject
) -> None:
    handle = handler.make()
    body = data.draw(bodies(fixture(handler.fixture)), label="body")
    try:
        result = handle(response(body))
        accepted(result, handler.shape, handler.provider)
    except OcrError as error:
        event(f"refused: {type(error).__name__}")
    else:
        event("accepted")


# --- the poller core with each Azure operation's parsers ------------------------------------------------


@dataclass(frozen=True)
class Operation:
    name: str
    shape: Shape
    make: Callable[
        [], tuple[Callable[[Any], object], Callable[[Any], object]]
    ]  # (typed parse, Document parse)


def _read_v2() -> tuple[Callable[[Any], object], Callable[[Any], object]]:
    from handwriting_ocr.clients._azure_ops import AzureOperations

    submit = AzureOperations(ENDPOINT).read(None, IMAGE_URL)
    return submit.parse, submit.to_document("azure-read").parse


def _text_v2() -> tuple[Callable[[Any], object], Callable[[Any], object]]:
    from handwriting_ocr.clients._azure_ops import AzureOperations

    submit = AzureOperations(ENDPOINT).recognize_text(None, IMAGE_URL, "Handwritten")
    return submit.parse, submit.to_document("azure-text").parse


def _text_v1() -> tuple[Callable[[Any], object], Callable[[Any], object]]:
    from handwriting_ocr.clients._azure_ops import AzureOperations

    submit = AzureOperations(ENDPOINT).recognize_handwriting_v1(None, IMAGE_URL)
    return submit.parse, submit.to_document("azure-v1-text").parse


def _read_v3() -> tuple[Callable[[Any], object], Callable[[Any], object]]:
    from handwriting_ocr.clients._azure_v3_ops import AzureCurrentOperations

    submit = AzureCurrentOperations(ENDPOINT).read(None, IMAGE_URL)
    return submit.parse, submit.to_document("azure-read-v3").parse


OPERATIONS = [
    Operation("read-v2", "azure-read", _read_v2),
    Operation("recognize-text-v2", "azure-text", _text_v2),
    Operation("recognize-text-v1", "azure-v1-text", _text_v1),
    Operation("read-v3", "azure-read-v3", _read_v3),
]


def poll_once(parse: Callable[[Any], object], body: bytes, status: int) -> object | None:
    """One poll answer through a fresh core: the outcome (None while pending); typed errors raise."""
    core: PollingCore[object] = PollingCore(
        operation_url=ENDPOINT + "/vision/v3.2/read/analyzeResults/op-1",
        origin=Origin("https", "vision.example", 443),
        parse=parse,
        interval=None,
        first_delay=0.0,
        now=0.0,
        token="TOKEN",
    )
    assert isinstance(core.next_action(0.0, None), SendPoll)
    core.on_response(status, {"Content-Type": "application/json"}, body, now=0.1, wall_now=1.7e9)
    try:
        return core.outcome() if core.finished else None
    except OcrError as error:
        # Every error after the operation was accepted carries the way back to it.
        assert error.continuation_token == "TOKEN" and error.operation_id == "op-1"
        raise


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.name)
@FUZZ
@given(data=st.data())
def test_the_poller_core_with_each_parser_raises_only_typed_errors(
    operation: Operation, data: st.DataObject
) -> None:
    typed, as_document = operation.make()
    body = data.draw(bodies(fixture(operation.shape)), label="body")
    status = data.draw(st.sampled_from([200, 200, 200, 202, 400, 404, 429, 500]), label="status")
    for parse in (typed, as_document):
        try:
            result = poll_once(parse, body, status)
        except OcrError as error:
            event(f"refused: {type(error).__name__}")
            continue
        event("pending" if result is None else "accepted")
        if isinstance(result, Document):
            check_exports(result)
        elif result is not None:
            # The typed model a begin_*() poller returns converts like any provider result.
            with contextlib.suppress(OcrError):
                check_exports(document_from_answer(result, operation.shape, provider="azure"))


# --- document_from_answer for every shape ------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
@FUZZ
@given(data=st.data())
def test_document_from_answer_raises_only_typed_errors_for_every_shape(
    shape: Shape, data: st.DataObject
) -> None:
    base = fixture(shape)
    value = copy.deepcopy(data.draw(st.one_of(mutated(base), json_values), label="answer"))
    try:
        doc = document_from_answer(value, shape, provider="azure")
    except OcrError as error:
        event(f"refused: {type(error).__name__}")
        return
    event("accepted")
    check_exports(doc)


def test_the_hostile_placeholders_reach_the_wire() -> None:
    data = serialize({"a": [DEEP, HUGE_DIGITS, "\ud800", math.nan]}, ascii_only=True)
    assert b"[" * 1000 in data and b"9" * 5000 in data and b"\\ud800" in data and b"NaN" in data


@pytest.mark.parametrize(
    "failure",
    [
        KeyError("words"),
        IndexError("list index out of range"),
        AttributeError("'list' object has no attribute 'get'"),
        RecursionError("maximum recursion depth exceeded"),
        OverflowError("int too large to convert to float"),
        ValueError("Exceeds the limit (4300 digits)"),
        TypeError("unsupported operand"),
        UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
    ],
    ids=lambda failure: type(failure).__name__,
)
def test_whatever_conversion_raises_on_server_data_is_malformed(
    failure: Exception, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handwriting_ocr.errors import MalformedResponseError

    def broken(answer: object, shape: Shape) -> Document:
        raise failure

    monkeypatch.setattr("handwriting_ocr.convert.to_document", broken)
    with pytest.raises(MalformedResponseError) as caught:
        document_from_answer({"result": {}}, "huawei", provider="huawei")
    assert type(failure).__name__ in str(caught.value)

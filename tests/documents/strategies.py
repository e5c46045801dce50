"""Hypothesis strategies for the nine provider result shapes.

They generate valid provider-shaped JSON: optional fields present or absent, int and float
coordinates, Azure's qualitative marks (and marks it may add later), Tencent confidences on either
scale, fields a provider may add later (unknown keys), and awkward but legal spellings (OCR boxes with
spaces or float values) that a naive re-encoding would not give back.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

from handwriting_ocr.documents import Shape
from hypothesis import strategies as st

Json = dict[str, Any]

_coordinate = st.one_of(
    st.integers(min_value=0, max_value=5000),
    st.floats(min_value=-5.0, max_value=5000.0, allow_nan=False, allow_infinity=False),
)
_int_coordinate = st.integers(min_value=0, max_value=5000)
_text = st.text(max_size=10)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), _text)

# Keys a provider may add later. Provider keys never start with an underscore (see convert._common.ABSENT).
_extra_key = st.text(alphabet=string.ascii_letters, min_size=1, max_size=8)


def _with_extras(base: st.SearchStrategy[Json], known: frozenset[str]) -> st.SearchStrategy[Json]:
    extras = st.dictionaries(_extra_key.filter(lambda k: k not in known), _scalar, max_size=2)
    return st.builds(lambda b, e: {**b, **e}, base, extras)


def _small_lists(element: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[list[Any]]:
    return st.lists(element, max_size=max_size)


# --- Azure v2.0 / v1.0 text ----------------------------------------------------------------------

_box8 = st.lists(_coordinate, min_size=8, max_size=8)
_azure_mark = st.one_of(
    st.sampled_from(["Low", "High"]),
    st.sampled_from(["Medium", "low", ""]),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=1),
)


def _azure_word(with_confidence: bool) -> st.SearchStrategy[Json]:
    optional = {"confidence": _azure_mark} if with_confidence else {}
    base = st.fixed_dictionaries({"boundingBox": _box8, "text": _text}, optional=optional)
    return _with_extras(base, frozenset({"boundingBox", "text", "confidence"}))


def _azure_line(with_confidence: bool) -> st.SearchStrategy[Json]:
    fields = {"boundingBox": _box8, "text": _text, "words": _small_lists(_azure_word(with_confidence), 4)}
    everything = st.fixed_dictionaries(fields)
    # v2.0 makes every line field optional: sometimes leave some out.
    partial = st.fixed_dictionaries({}, optional=fields)
    return _with_extras(st.one_of(everything, everything, partial), frozenset(fields))


_page_number = st.one_of(st.integers(min_value=1, max_value=20), st.none())
_angle = st.one_of(
    st.floats(min_value=0, max_value=359.99), st.integers(min_value=0, max_value=359), st.none()
)
_size = st.one_of(_coordinate, st.none())
_unit = st.one_of(st.sampled_from(["pixel", "inch"]), st.none())


def _azure_page() -> st.SearchStrategy[Json]:
    base = st.fixed_dictionaries(
        {"lines": _small_lists(_azure_line(True))},
        optional={
            "page": _page_number,
            "clockwiseOrientation": _angle,
            "width": _size,
            "height": _size,
            "unit": _unit,
        },
    )
    return _with_extras(base, frozenset({"lines", "page", "clockwiseOrientation", "width", "height", "unit"}))


_status = st.sampled_from(["Succeeded", "Running", "NotStarted", "Not Started", "Failed"])


def azure_read() -> st.SearchStrategy[Json]:
    base = st.fixed_dictionaries(
        {}, optional={"status": _status, "recognitionResults": _small_lists(_azure_page(), 3)}
    )
    return _with_extras(base, frozenset({"status", "recognitionResults"}))


def azure_text() -> st.SearchStrategy[Json]:
    base = st.fixed_dictionaries({}, optional={"status": _status, "recognitionResult": _azure_page()})
    return _with_extras(base, frozenset({"status", "recognitionResult"}))


def azure_v1_text() -> st.SearchStrategy[Json]:
    page = _with_extras(
        st.fixed_dictionaries({"lines": _small_lists(_azure_line(False))}), frozenset({"lines"})
    )
    base = st.fixed_dictionaries({}, optional={"status": _status, "recognitionResult": page})
    return _with_extras(base, frozenset({"status", "recognitionResult"}))


# --- Azure v1.0 OCR -------------------------------------------------------------------------------


def _box_string() -> st.SearchStrategy[str]:
    ints = st.tuples(_int_coordinate, _int_coordinate, _int_coordinate, _int_coordinate)
    plain = ints.map(lambda b: ",".join(str(v) for v in b))
    spaced = ints.map(lambda b: ", ".join(str(v) for v in b))
    floats = st.tuples(
        st.floats(0, 5000, allow_nan=False), _int_coordinate, _int_coordinate, _int_coordinate
    ).map(lambda b: ",".join(str(v) for v in b))
    return st.one_of(plain, plain, plain, spaced, floats)


def azure_ocr() -> st.SearchStrategy[Json]:
    word = _with_extras(
        st.fixed_dictionaries({"boundingBox": _box_string(), "text": _text}),
        frozenset({"boundingBox", "text"}),
    )
    line = _with_extras(
        st.fixed_dictionaries(
            {"boundingBox": _box_string(), "words": _small_lists(word, 4)},
        ),
        frozenset({"boundingBox", "words"}),
    )
    region = _with_extras(
        st.fixed_dictionaries({}, optional={"boundingBox": _box_string(), "lines": _small_lists(line)}),
        frozenset({"boundingBox", "lines"}),
    )
    base = st.fixed_dictionaries(
        {},
        optional={
            "language": st.sampled_from(["en", "unk", "zh-Hans"]),
            "textAngle": st.one_of(st.floats(-45, 45), st.integers(-45, 45), st.none()),
            "orientation": st.sampled_from(["Up", "Down", "Left", "Right", "NotDetected"]),
            "regions": _small_lists(region),
        },
    )
    return _with_extras(base, frozenset({"language", "textAngle", "orientation", "regions"}))


# --- Huawei ----------------------------------------------------------------------------------------


def huawei() -> st.SearchStrategy[Json]:
    point = st.lists(_int_coordinate | _coordinate, min_size=2, max_size=2)
    block = _with_extras(
        st.fixed_dictionaries(
            {"words": _text, "location": st.lists(point, min_size=4, max_size=4)},
            optional={
                "type": st.sampled_from(["text", "handwriting"]),
                "confidence": st.one_of(
                    st.floats(min_value=0, max_value=1), st.sampled_from([0, 1, 1.5, -0.25, 97])
                ),
            },
        ),
        frozenset({"words", "type", "confidence", "location"}),
    )

    def result(blocks: list[Json], count_mode: int) -> st.SearchStrategy[Json]:
        optional: dict[str, st.SearchStrategy[Any]] = {"words_block_list": st.just(blocks)}
        count = len(blocks) if count_mode else len(blocks) + 1
        optional["words_block_count"] = st.just(count)
        return st.fixed_dictionaries({}, optional=optional)

    results = st.builds(lambda b, m: (b, m), _small_lists(block, 4), st.integers(0, 3)).flatmap(
        lambda bm: result(*bm)
    )
    base = st.fixed_dictionaries({}, optional={"result": results})
    return _with_extras(base, frozenset({"result"}))


# --- Tencent ---------------------------------------------------------------------------------------


def tencent() -> st.SearchStrategy[Json]:
    def items(percent: bool) -> st.SearchStrategy[list[Json]]:
        confidence = (
            st.one_of(st.floats(min_value=0, max_value=100), st.integers(0, 100))
            if percent
            else st.floats(min_value=0, max_value=1)
        )
        char = _with_extras(
            st.fixed_dictionaries(
                {"character": st.text(min_size=1, max_size=1)}, optional={"confidence": confidence}
            ),
            frozenset({"character", "confidence"}),
        )
        coord = st.fixed_dictionaries(
            {"x": _coordinate, "y": _coordinate, "width": _coordinate, "height": _coordinate}
        )
        item = _with_extras(
            st.fixed_dictionaries(
                {
                    "itemcoord": coord,
                    "itemstring": _text,
                    "coords": st.just([]),
                    "words": _small_lists(char, 5),
                    "candword": st.just([]),
                },
            ),
            frozenset({"itemcoord", "itemstring", "coords", "words", "candword"}),
        )
        return _small_lists(item, 4)

    data = _with_extras(
        st.fixed_dictionaries(
            {"session_id": st.text(alphabet=string.digits, max_size=17)},
            optional={"items": st.booleans().flatmap(items)},
        ),
        frozenset({"session_id", "items"}),
    )
    base = st.fixed_dictionaries({"code": st.just(0), "message": st.just("OK")}, optional={"data": data})
    return _with_extras(base, frozenset({"code", "message", "data"}))


# --- Azure Read v3.2 --------------------------------------------------------------------------------

_unit_confidence = st.one_of(
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=1),
    st.sampled_from([1.5, -0.25, 0.0, -0.0]),
)
_style_name = st.sampled_from(["handwriting", "other", "handwriting", "cursive"])


def _appearance() -> st.SearchStrategy[Any]:
    style = _with_extras(
        st.fixed_dictionaries(
            {"name": _style_name}, optional={"confidence": st.one_of(_unit_confidence, st.none())}
        ),
        frozenset({"name", "confidence"}),
    )
    plain = st.builds(
        lambda name, confidence: {"style": {"name": name, "confidence": confidence}},
        _style_name,
        st.floats(min_value=0, max_value=1),
    )
    odd = _with_extras(
        st.fixed_dictionaries({}, optional={"style": st.one_of(style, st.none())}), frozenset({"style"})
    )
    return st.one_of(plain, plain, odd, st.none())


def _v3_word() -> st.SearchStrategy[Json]:
    base = st.fixed_dictionaries(
        {"boundingBox": _box8, "text": _text}, optional={"confidence": st.one_of(_unit_confidence, st.none())}
    )
    return _with_extras(base, frozenset({"boundingBox", "text", "confidence"}))


def _v3_line() -> st.SearchStrategy[Json]:
    fields = {"boundingBox": _box8, "text": _text, "words": _small_lists(_v3_word(), 4)}
    optional = {"appearance": _appearance(), "language": st.sampled_from(["en", "es"])}
    everything = st.fixed_dictionaries(fields, optional=optional)
    partial = st.fixed_dictionaries({}, optional={**fields, **optional})
    return _with_extras(st.one_of(everything, everything, partial), frozenset({*fields, "appearance"}))


def _v3_page() -> st.SearchStrategy[Json]:
    signed_angle = st.one_of(
        st.floats(min_value=-180, max_value=179.99), st.integers(min_value=-180, max_value=179), st.none()
    )
    base = st.fixed_dictionaries(
        {"lines": _small_lists(_v3_line())},
        optional={
            "page": _page_number,
            "angle": signed_angle,
            "width": _size,
            "height": _size,
            "unit": _unit,
            "language": st.sampled_from(["en", "zh-Hans"]),
        },
    )
    return _with_extras(base, frozenset({"lines", "page", "angle", "width", "height", "unit"}))


def azure_read_v3() -> st.SearchStrategy[Json]:
    analyze = _with_extras(
        st.fixed_dictionaries(
            {},
            optional={
                "version": st.just("3.2.0"),
                "modelVersion": st.sampled_from(["2022-04-30", "latest"]),
                "readResults": st.one_of(_small_lists(_v3_page(), 3), st.none()),
            },
        ),
        frozenset({"readResults"}),
    )
    base = st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(["succeeded", "running", "notStarted", "failed"]),
            "createdDateTime": st.just("2026-01-02T03:04:05Z"),
            "analyzeResult": st.one_of(analyze, st.none()),
        },
    )
    return _with_extras(base, frozenset({"analyzeResult"}))


# --- Azure Image Analysis 4.0 ----------------------------------------------------------------------


def _xy_polygon(x: str, y: str) -> st.SearchStrategy[list[Json]]:
    plain = st.fixed_dictionaries({x: _int_coordinate | _coordinate, y: _int_coordinate | _coordinate})
    point = st.one_of(plain, plain, plain, _with_extras(plain, frozenset({x, y})))
    return st.one_of(st.lists(point, min_size=4, max_size=4), st.lists(point, max_size=5))


def azure_image_analysis() -> st.SearchStrategy[Json]:
    word = _with_extras(
        st.fixed_dictionaries(
            {"text": _text, "boundingPolygon": _xy_polygon("x", "y")},
            optional={"confidence": st.one_of(_unit_confidence, st.none())},
        ),
        frozenset({"text", "boundingPolygon", "confidence"}),
    )
    fields = {"text": _text, "boundingPolygon": _xy_polygon("x", "y"), "words": _small_lists(word, 4)}
    line = _with_extras(
        st.one_of(
            st.fixed_dictionaries(fields),
            st.fixed_dictionaries(fields),
            st.fixed_dictionaries({}, optional=fields),
        ),
        frozenset(fields),
    )
    block = _with_extras(
        st.fixed_dictionaries({}, optional={"lines": st.one_of(_small_lists(line), st.none())}),
        frozenset({"lines"}),
    )
    plain_block = st.builds(lambda lines: {"lines": lines}, st.lists(line, min_size=1, max_size=3))
    blocks = st.one_of(
        st.lists(plain_block, min_size=1, max_size=1),
        st.lists(plain_block, min_size=1, max_size=1),
        _small_lists(block, 2),
    )
    read = _with_extras(
        st.fixed_dictionaries({}, optional={"blocks": st.one_of(blocks, st.none())}), frozenset({"blocks"})
    )
    size = st.one_of(st.integers(min_value=1, max_value=10000), st.none())
    metadata = _with_extras(
        st.fixed_dictionaries({}, optional={"width": size, "height": size}), frozenset({"width", "height"})
    )
    base = st.fixed_dictionaries(
        {},
        optional={
            "modelVersion": st.just("2023-10-01"),
            "metadata": st.one_of(metadata, st.none()),
            "readResult": st.one_of(read, st.none()),
            "captionResult": st.fixed_dictionaries({"text": _text, "confidence": st.floats(0, 1)}),
        },
    )
    return _with_extras(base, frozenset({"metadata", "readResult"}))


# --- Tencent API 3.0 -------------------------------------------------------------------------------

_CORNERS = ("LeftTop", "RightTop", "RightBottom", "LeftBottom")


def _corner_box() -> st.SearchStrategy[Json]:
    coord = st.fixed_dictionaries({"X": _int_coordinate, "Y": _int_coordinate})
    box = st.fixed_dictionaries(dict.fromkeys(_CORNERS, coord))
    return st.one_of(box, box, box, _with_extras(box, frozenset(_CORNERS)))


def _detection(text: str) -> st.SearchStrategy[Json]:
    # WordPolygon usually pairs with the characters (one box each, or one per non-space character).
    paired = st.lists(_corner_box(), min_size=len(text), max_size=len(text))
    non_space = len([c for c in text if not c.isspace()])
    word_polygon = st.one_of(
        paired,
        paired,
        st.lists(_corner_box(), min_size=non_space, max_size=non_space),
        _small_lists(_corner_box()),
        st.none(),
    )
    confidence = st.one_of(
        st.integers(min_value=0, max_value=100), st.sampled_from([150, -3, 97.5, 50.0]), st.none()
    )
    base = st.fixed_dictionaries(
        {"DetectedText": st.just(text)},
        optional={
            "Confidence": confidence,
            "Polygon": st.one_of(_xy_polygon("X", "Y"), st.none()),
            "AdvancedInfo": st.sampled_from(['{"Parag":{"ParagNo":1}}', "{}"]),
            "WordPolygon": word_polygon,
        },
    )
    return _with_extras(
        base, frozenset({"DetectedText", "Confidence", "Polygon", "AdvancedInfo", "WordPolygon"})
    )


def tencent_v3() -> st.SearchStrategy[Json]:
    angle = st.one_of(st.floats(min_value=-180, max_value=180), st.integers(-180, 180), st.none())
    response = _with_extras(
        st.fixed_dictionaries(
            {},
            optional={
                "TextDetections": st.one_of(_small_lists(_text.flatmap(_detection), 4), st.none()),
                "Angel": angle,
                "Angle": angle,
                "RequestId": st.uuids().map(str),
            },
        ),
        frozenset({"TextDetections", "Angel", "Angle"}),
    )
    wrapped = _with_extras(
        st.fixed_dictionaries({}, optional={"Response": st.one_of(response, response, st.none())}),
        frozenset({"Response", "TextDetections", "Angel", "Angle", "RequestId", "Error"}),
    )
    # The inner object alone, as the official SDK's to_json_string() gives it.
    return st.one_of(wrapped, wrapped, response)


STRATEGIES: dict[Shape, Callable[[], st.SearchStrategy[Json]]] = {
    "azure-read": azure_read,
    "azure-text": azure_text,
    "azure-v1-text": azure_v1_text,
    "azure-ocr": azure_ocr,
    "huawei": huawei,
    "tencent": tencent,
    "azure-read-v3": azure_read_v3,
    "azure-image-analysis": azure_image_analysis,
    "tencent-v3": tencent_v3,
}

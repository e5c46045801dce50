"""Tencent Cloud legacy OCR on the emulator: signature checks, both body forms, the 200 envelope."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from handwriting_ocr import samples
from handwriting_ocr.emulator import Emulator, EmulatorConfig, TencentAccount, TencentSettings
from handwriting_ocr.signing import tencent as tencent_signing

from tests.emulator.helpers import TENCENT, EmulatorFactory, FakeClock, png, tencent_signature


def post_json(
    http: httpx.Client, body: dict[str, Any], authorization: str | None, path: str = "/ocr/handwriting"
) -> httpx.Response:
    headers = {"Authorization": authorization} if authorization is not None else {}
    return http.post(path, headers=headers, json=body)


def envelope(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200  # always, errors included
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "data"}
    return body


def test_handwriting_with_a_base64_image_returns_items(http: httpx.Client, clock: FakeClock) -> None:
    image = base64.b64encode(samples.read_bytes("glory.png")).decode()

    body = envelope(
        post_json(http, {"appid": TENCENT.appid, "image": image}, tencent_signature(now=clock.now))
    )

    assert (body["code"], body["message"]) == (0, "OK")
    items = body["data"]["items"]
    sample = samples.get("glory.png")
    assert [item["itemstring"] for item in items] == [line.text for line in sample.lines]
    box = sample.lines[0].box
    assert items[0]["itemcoord"] == {
        "x": box[0],
        "y": box[1],
        "width": box[2] - box[0],
        "height": box[5] - box[1],
    }
    assert "".join(w["character"] for w in items[0]["words"]) == sample.lines[0].text.replace(" ", "")
    assert all(0 < w["confidence"] <= 1 for w in items[0]["words"])
    assert (items[0]["coords"], items[0]["candword"]) == ([], [])
    assert isinstance(body["data"]["session_id"], str)


def test_general_ocr_serves_the_same_envelope(http: httpx.Client, clock: FakeClock) -> None:
    image = base64.b64encode(png(200, 100)).decode()

    body = envelope(
        post_json(
            http, {"appid": TENCENT.appid, "image": image}, tencent_signature(now=clock.now), "/ocr/general"
        )
    )

    assert body["code"] == 0
    assert body["data"]["items"]


def test_multipart_with_an_image_file_part(http: httpx.Client, clock: FakeClock) -> None:
    response = http.post(
        "/ocr/handwriting",
        headers={"Authorization": tencent_signature(now=clock.now, bucket="test")},
        data={"appid": TENCENT.appid, "bucket": "test"},
        files={"image": ("note.png", samples.read_bytes("note.png"), "image/png")},
    )

    body = envelope(response)
    assert body["code"] == 0
    assert [item["itemstring"] for item in body["data"]["items"]] == [
        "Meet me by the old oak tree",
        "at half past nine",
    ]


def test_hand_written_multipart_with_preamble_and_quoted_names(http: httpx.Client, clock: FakeClock) -> None:
    """Bytes of a form another client might send: a preamble, a quoted boundary, ``;`` in a file name."""
    image = samples.read_bytes("note.png")
    boundary = "b0und;ary"
    body = (
        b"ignored preamble\r\n"
        b"--b0und;ary\r\n"
        b'Content-Disposition: form-data; name="appid"\r\n\r\n' + TENCENT.appid.encode() + b"\r\n"
        b"--b0und;ary\r\n"
        b'Content-Disposition: form-data; name="image"; filename="a;b.png"\r\n'
        b"Content-Type: image/png\r\n\r\n" + image + b"\r\n"
        b"--b0und;ary--\r\n"
    )
    response = http.post(
        "/ocr/handwriting",
        headers={
            "Authorization": tencent_signature(now=clock.now),
            "Content-Type": f'multipart/form-data; boundary="{boundary}"',
        },
        content=body,
    )

    result = envelope(response)
    assert result["code"] == 0
    assert [item["itemstring"] for item in result["data"]["items"]] == [
        "Meet me by the old oak tree",
        "at half past nine",
    ]


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b'--x\r\nContent-Disposition: form-data; name="appid"\r\n\r\n1\r\n--x--\r\n'),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="appid"\r\n\r\n1'),
        ("multipart/form-data; boundary=x", b"--x\r\nno header end\r\n--x--\r\n"),
    ],
    ids=["no boundary", "not closed", "part without a header block"],
)
def test_malformed_multipart_is_code_21(
    http: httpx.Client, clock: FakeClock, content_type: str, body: bytes
) -> None:
    response = http.post(
        "/ocr/handwriting",
        headers={"Authorization": tencent_signature(now=clock.now), "Content-Type": content_type},
        content=body,
    )

    result = envelope(response)
    assert result["code"] == 21
    assert result["message"] == "malformed multipart body"


def test_url_wins_over_image(emu: Emulator, http: httpx.Client, clock: FakeClock) -> None:
    body = {
        "appid": TENCENT.appid,
        "url": emu.sample_url("note.png"),
        "image": base64.b64encode(png(64, 64)).decode(),
    }

    result = envelope(post_json(http, body, tencent_signature(now=clock.now)))

    assert [item["itemstring"] for item in result["data"]["items"]] == [
        "Meet me by the old oak tree",
        "at half past nine",
    ]


def test_code_4_empty_signature(http: httpx.Client) -> None:
    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "url": "https://a.example/x.png"}, None))["code"]
        == 4
    )
    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "url": "https://a.example/x.png"}, ""))["code"] == 4
    )


@pytest.mark.parametrize(
    "authorization",
    [
        "not base64 !!!",
        base64.b64encode(b"short").decode(),
        base64.b64encode(b"x" * 20 + b"a=1&b=&k=AKID").decode(),  # no e=, t=
    ],
)
def test_code_5_malformed_signature(http: httpx.Client, authorization: str) -> None:
    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "url": "https://a.example/x.png"}, authorization))[
            "code"
        ]
        == 5
    )


def test_code_6_appid_or_bucket_differ_from_the_signature(
    make_emulator: EmulatorFactory, clock: FakeClock
) -> None:
    other = TencentAccount(appid="1250000001", secret_id="AKIDother", secret_key="other-secret")
    emu = make_emulator(EmulatorConfig(tencent=TencentSettings(accounts=(TencentAccount(), other))))
    url = {"url": "https://a.example/x.png"}
    with httpx.Client(base_url=emu.base_url) as http:
        appid = post_json(http, {"appid": "1250000001", **url}, tencent_signature(now=clock.now))
        bucket = post_json(
            http,
            {"appid": TENCENT.appid, "bucket": "b2", **url},
            tencent_signature(now=clock.now, bucket="b1"),
        )
        secret_12 = post_json(
            http,
            {"appid": TENCENT.appid, **url},
            tencent_signature(now=clock.now, secret_id="AKIDother", secret_key="other-secret"),
        )

    assert envelope(appid)["code"] == 6
    assert envelope(bucket)["code"] == 6
    assert envelope(secret_12)["code"] == 12


def test_code_9_expired_signature(http: httpx.Client, clock: FakeClock) -> None:
    signature = tencent_signature(now=clock.now, lifetime=60)
    body = {"appid": TENCENT.appid, "url": "https://a.example/x.png"}
    assert envelope(post_json(http, body, signature))["code"] == 0

    clock.advance(60)

    expired = envelope(post_json(http, body, signature))
    assert (expired["code"], expired["message"]) == (9, "signature expired")


def test_code_10_unknown_appid_and_11_unknown_secret_id(http: httpx.Client, clock: FakeClock) -> None:
    body = {"appid": "999", "url": "https://a.example/x.png"}

    unknown_appid = post_json(http, body, tencent_signature(now=clock.now, appid="999"))
    unknown_secret = post_json(http, body, tencent_signature(now=clock.now, secret_id="AKIDnobody"))

    assert envelope(unknown_appid)["code"] == 10
    assert envelope(unknown_secret)["code"] == 11


def test_code_13_replay_when_enabled(make_emulator: EmulatorFactory, clock: FakeClock) -> None:
    emu = make_emulator(EmulatorConfig(tencent=TencentSettings(reject_replay=True)))
    signature = tencent_signature(now=clock.now)
    body = {"appid": TENCENT.appid, "url": "https://a.example/x.png"}
    with httpx.Client(base_url=emu.base_url) as http:
        first, second = post_json(http, body, signature), post_json(http, body, signature)

    assert (envelope(first)["code"], envelope(second)["code"]) == (0, 13)


def test_code_14_wrong_secret_key(http: httpx.Client, clock: FakeClock) -> None:
    signature = tencent_signature(now=clock.now, secret_key="not-the-secret-key")

    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "url": "https://a.example/x.png"}, signature))[
            "code"
        ]
        == 14
    )


def test_code_14_tampered_original(http: httpx.Client, clock: FakeClock) -> None:
    digest, original = tencent_signing.decode(tencent_signature(now=clock.now)) or (b"", "")
    forged = base64.b64encode(digest + original.replace("e=", "e=9", 1).encode()).decode()

    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "url": "https://a.example/x.png"}, forged))["code"]
        == 14
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"appid": TENCENT.appid}, -1300),
        ({"appid": TENCENT.appid, "image": ""}, -1300),
        ({"appid": TENCENT.appid, "image": base64.b64encode(b"not an image").decode()}, -1102),
        ({"appid": TENCENT.appid, "image": "@@@"}, -1102),
        ({"appid": TENCENT.appid, "url": "https://unreachable.example.com/x.png"}, -1308),
        ({"url": "https://a.example/x.png"}, -1301),
    ],
)
def test_image_errors(http: httpx.Client, clock: FakeClock, body: dict[str, Any], code: int) -> None:
    assert envelope(post_json(http, body, tencent_signature(now=clock.now)))["code"] == code


def test_code_23_body_over_6_mb(http: httpx.Client, clock: FakeClock) -> None:
    image = "A" * (6 * 1024 * 1024)

    assert (
        envelope(post_json(http, {"appid": TENCENT.appid, "image": image}, tencent_signature(now=clock.now)))[
            "code"
        ]
        == 23
    )


def test_unknown_path_is_404(http: httpx.Client) -> None:
    assert http.post("/ocr/idcard", json={}).status_code == 404

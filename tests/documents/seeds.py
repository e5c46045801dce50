"""The seeds' example responses, one per provider shape (tests/fixtures/documents/)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from handwriting_ocr.convert import to_document
from handwriting_ocr.documents import Document, JsonValue, Shape

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"

#: The seeds' example responses (v1.0 text operations have none in the seeds: that fixture is written
#: from the documented shape, with seed 003's words). The current-generation APIs have no seed: their
#: fixtures are written from the documented shapes (API-FACTS section 6) with the seeds' texts and
#: boxes (seed 000 for both Azure ones, seed 004 for Tencent); their confidences, styles, dates, request
#: id and per-character boxes are made up.
SEED_FIXTURES: dict[Shape, str] = {
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

#: The provider of each shape.
PROVIDERS: dict[Shape, str] = {
    "azure-read": "azure",
    "azure-text": "azure",
    "azure-v1-text": "azure",
    "azure-ocr": "azure",
    "huawei": "huawei",
    "tencent": "tencent",
    "azure-read-v3": "azure",
    "azure-image-analysis": "azure",
    "tencent-v3": "tencent",
}


def load_fixture(shape: Shape) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / SEED_FIXTURES[shape]).read_text(encoding="utf-8"))
    return data


def json_tree(value: Mapping[str, JsonValue]) -> dict[str, Any]:
    """A conversion's JSON for assertions that walk deep into it.

    ``from_document`` and ``convert`` return precise JSON types (``JsonValue``), which a user narrows
    with ``isinstance`` or parses into the generated model; these tests index freely instead, and a
    wrong path fails the test with KeyError, IndexError or TypeError.
    """
    return dict(value)


def seed_document(shape: Shape) -> Document:
    return to_document(load_fixture(shape), shape)

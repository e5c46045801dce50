"""Fixtures for the documents tests."""

from __future__ import annotations

import pytest
from handwriting_ocr.documents import Shape

from tests.documents.seeds import SEED_FIXTURES


@pytest.fixture(params=list(SEED_FIXTURES), ids=list(SEED_FIXTURES))
def seed_shape(request: pytest.FixtureRequest) -> Shape:
    """Each provider shape in turn (its seed example is ``seeds.load_fixture(shape)``)."""
    shape: Shape = request.param
    return shape

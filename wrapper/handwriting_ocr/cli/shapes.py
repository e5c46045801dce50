"""A guard against ``convert --from`` naming the wrong shape.

The converters are deliberately lenient (a result missing its main field converts to a Document
without pages, so partial answers round-trip), which would turn a Huawei file read ``--from tencent``
into silent empty output. The command therefore checks the top-level keys first: a file that has a
key only another shape uses, and none of the declared shape's own, is refused with a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from handwriting_ocr.cli.errors import EXIT_FAILED, CommandError

__all__ = ["SIGNATURE_KEYS", "check_declared_shape", "likely_shapes"]

#: Top-level keys that mark a result of each shape (from the converters' own key lists).
SIGNATURE_KEYS: Final[dict[str, frozenset[str]]] = {
    "azure-read": frozenset({"recognitionResults"}),
    "azure-text": frozenset({"recognitionResult"}),
    "azure-v1-text": frozenset({"recognitionResult"}),
    "azure-ocr": frozenset({"regions", "textAngle"}),
    "huawei": frozenset({"result"}),
    "tencent": frozenset({"data", "code"}),
    "azure-read-v3": frozenset({"analyzeResult"}),
    # The other features' results mark it too: an answer asked only for captions still is one.
    "azure-image-analysis": frozenset(
        {"readResult", "modelVersion", "captionResult", "denseCaptionsResult", "tagsResult", "objectsResult"}
    ),
    # {"Response": {...}} as the service sends it, or the inner object alone (the official SDK's JSON).
    "tencent-v3": frozenset({"Response", "TextDetections"}),
    "json": frozenset({"pages", "shape"}),
}


def likely_shapes(data: Mapping[str, object]) -> list[str]:
    """The shapes whose signature keys appear in ``data``, in declaration order."""
    return [shape for shape, keys in SIGNATURE_KEYS.items() if keys & data.keys()]


def check_declared_shape(file: str, data: object, declared: str) -> None:
    """Raise a one-line :class:`CommandError` if ``data`` is clearly not of shape ``declared``."""
    if not isinstance(data, Mapping):
        raise CommandError(
            f"{file}: a {declared} result is a JSON object, not {_json_kind(data)}", EXIT_FAILED
        )
    candidates = likely_shapes(data)
    if not candidates and not (declared.startswith("azure") and "status" in data):
        # Nothing of any shape (an Azure answer still in progress has only its status): converting it
        # would print an empty document and exit 0, hiding that the wrong file was given.
        raise CommandError(f"{file} does not look like a {declared} result (none of its fields)", EXIT_FAILED)
    if candidates and declared not in candidates:
        raise CommandError(
            f"{file} does not look like a {declared} result; it looks like {' or '.join(candidates)} "
            f"(use --from {candidates[0]})",
            EXIT_FAILED,
        )


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else type(value).__name__

"""mypy --strict infers concrete types (no Any) for what the facades, conversions and exports return.

``typing_samples/facades.py`` uses every facade method with ``assert_type``. This test type-checks it
with ``--disallow-any-expr`` (any expression typed Any is an error), then reveals each asserted
expression and checks the revealed type names the expected classes and contains no ``Any``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "typing_samples" / "facades.py"
ASSERT = re.compile(r"^(\s*)assert_type\((.*)\)\s*$")
REVEALED = re.compile(r':(\d+): note: Revealed type is "(.*)"$')
MODULE_PREFIX = re.compile(r"\b(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*)")
#: Type aliases in the sample, as mypy spells them out when it reveals a type (JSON is recursive).
ALIASES = {"JsonValue": "bool | int | float | str | Sequence[...] | Mapping[str, ...] | None"}


def run_mypy(*args: str) -> tuple[str, int]:
    out, err, status = api.run(["--strict", "--config-file", str(ROOT / "pyproject.toml"), *args])
    return out + err, status


def short(type_text: str) -> str:
    """``a.b.LROPoller[c.d.Result]`` -> ``LROPoller[Result]``; module aliases in the sample go too,
    and the sample's type aliases are spelled out."""
    for alias, spelled in ALIASES.items():
        type_text = re.sub(rf"\b{alias}\b", spelled, type_text)
    return MODULE_PREFIX.sub(r"\1", type_text).replace(" ", "")


def single_line_asserts(text: str) -> str:
    """The sample with multi-line ``assert_type(...)`` calls joined onto one line each."""
    joined: list[str] = []
    pending = ""
    for line in text.splitlines():
        if pending:
            pending += " " + line.strip()
            if pending.count("(") == pending.count(")"):
                joined.append(pending.replace("( ", "(").replace(", )", ")"))
                pending = ""
            continue
        if line.strip().startswith("assert_type(") and line.count("(") != line.count(")"):
            pending = line.rstrip()
            continue
        joined.append(line)
    return "\n".join(joined) + "\n"


def split_last_argument(arguments: str) -> tuple[str, str]:
    """``f(a, b), dict[str, int]`` -> (``f(a, b)``, ``dict[str, int]``): split at the last comma outside
    brackets (expected types have commas of their own)."""
    depth = 0
    for index in range(len(arguments) - 1, -1, -1):
        char = arguments[index]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            depth -= 1
        elif char == "," and depth == 0:
            return arguments[:index], arguments[index + 1 :]
    raise AssertionError(f"assert_type needs two arguments: {arguments}")


@pytest.fixture(scope="module")
def revealed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """(expected type as written in the sample, type mypy revealed) for each assert_type line."""
    source = single_line_asserts(SAMPLE.read_text(encoding="utf-8"))
    expected: dict[int, str] = {}
    lines = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = ASSERT.match(line)
        if match:
            indent, arguments = match.groups()
            expression, written = split_last_argument(arguments.rstrip().rstrip(","))
            line = f"{indent}reveal_type({expression.rstrip(',').strip()})"
            expected[number] = written.strip()
        lines.append(line)
    # A sibling module name inside the same package, so imports resolve exactly as in the sample.
    target = tmp_path_factory.mktemp("typing") / "facades_revealed.py"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, _status = run_mypy(str(target))
    found: dict[int, str] = {}
    for row in output.splitlines():
        match = REVEALED.search(row)
        if match:
            found[int(match.group(1))] = match.group(2)
    assert set(found) == set(expected), output
    return [(expected[n], found[n]) for n in sorted(expected)]


def test_sample_passes_strict_without_any_expressions() -> None:
    output, status = run_mypy("--disallow-any-expr", str(SAMPLE))
    assert status == 0, output


def test_every_revealed_type_is_concrete(revealed: list[tuple[str, str]]) -> None:
    assert len(revealed) >= 70  # every facade method, sync and async; conversions; documents; exports
    for expected, actual in revealed:
        assert "Any" not in actual, actual
        assert short(actual) == short(expected), (expected, actual)


def test_pollers_carry_the_generated_result_models(revealed: list[tuple[str, str]]) -> None:
    actual = {found for _expected, found in revealed}
    assert (
        "handwriting_ocr.polling.sync.LROPoller[azure_vision_v2_client.models.read_operation_result.ReadOperationResult]"
        in actual
    )
    assert (
        "handwriting_ocr.polling.aio.AsyncLROPoller["
        "azure_vision_v1_client.models.text_operation_result.TextOperationResult]" in actual
    )
    assert "handwriting_ocr.documents.model.Document" in actual
    json_object = (
        "dict[str, bool | int | float | str | typing.Sequence[...] | typing.Mapping[str, ...] | None]"
    )
    assert json_object in actual  # from_document / convert: JSON, not dict[str, Any]
    assert "bytes" in actual

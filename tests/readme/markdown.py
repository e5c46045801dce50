"""The fenced code blocks of a Markdown file, with the ``readme-test`` directives written above them.

A directive is an HTML comment (invisible on the rendered page) right above a block, with only blank
lines between them::

    <!-- readme-test: skip, installs packages -->          the block is not run; the reason is required
    <!-- readme-test: pytest -->                           the block is a pytest suite (see the test)
    <!-- readme-test: clean-env -->                        no provider variables: the block sets its own
    <!-- readme-test: setup
    data = open("note.png", "rb").read()
    -->                                                    code run before the block, in its language

Several directives may stand above one block. Anything malformed (an unknown kind, a skip without a
reason, a directive with no block under it, an unclosed fence or comment) is reported as a problem,
so a typo cannot silently turn a check off.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, Literal

import attrs

__all__ = ["Block", "Directive", "DirectiveKind", "Parsed", "parse_markdown"]

DirectiveKind = Literal["skip", "setup", "pytest", "clean-env"]
KINDS: Final[tuple[DirectiveKind, ...]] = ("skip", "setup", "pytest", "clean-env")

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*readme-test:\s*(?P<rest>.*)$")


@attrs.frozen
class Directive:
    kind: DirectiveKind
    #: The text after ``kind,`` on the directive's first line (the reason of a skip).
    argument: str
    #: The lines after the first one, up to ``-->`` (the code of a setup), and the line number of
    #: the first of them.
    body: str
    body_line: int
    line: int


@attrs.frozen
class Block:
    path: Path
    #: Line number (from 1) of the opening fence; the code starts on the next line.
    line: int
    #: The first word of the info string (``python``, ``sh``...); "" for a bare fence.
    language: str
    code: str
    directives: tuple[Directive, ...] = ()

    @property
    def code_line(self) -> int:
        return self.line + 1

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.line}:{self.language or 'plain'}"

    def directive(self, kind: DirectiveKind) -> Directive | None:
        return next((d for d in self.directives if d.kind == kind), None)

    def setup(self) -> list[Directive]:
        return [d for d in self.directives if d.kind == "setup"]


@attrs.frozen
class Parsed:
    blocks: tuple[Block, ...]
    #: Everything wrong with the directives or fences, one message per problem, with line numbers.
    problems: tuple[str, ...]


def _parse_directive(
    lines: list[str], start: int, problems: list[str], name: str
) -> tuple[Directive | None, int]:
    """The directive whose comment opens at ``lines[start]``, and the index of the line after it."""
    first = _DIRECTIVE.match(lines[start])
    assert first is not None
    rest = first.group("rest")
    end = start
    body_lines: list[str] = []
    if "-->" in rest:
        head = rest[: rest.index("-->")]
    else:
        head = rest
        end = start + 1
        while end < len(lines) and "-->" not in lines[end]:
            body_lines.append(lines[end])
            end += 1
        if end == len(lines):
            problems.append(f"{name}:{start + 1}: readme-test comment is never closed with -->")
            return None, end
        tail = lines[end][: lines[end].index("-->")]
        if tail.strip():
            body_lines.append(tail)
    kind_text, _, argument = head.partition(",")
    kind = kind_text.strip()
    if kind not in KINDS:
        problems.append(
            f"{name}:{start + 1}: unknown readme-test directive {kind!r} (known: {', '.join(KINDS)})"
        )
        return None, end + 1
    if kind == "skip" and not argument.strip():
        problems.append(f"{name}:{start + 1}: a skip needs a reason: <!-- readme-test: skip, why -->")
        return None, end + 1
    if kind == "setup" and not "".join(body_lines).strip():
        problems.append(f"{name}:{start + 1}: a setup directive without code")
        return None, end + 1
    directive = Directive(
        kind=kind,  # narrowed by the check against KINDS above
        argument=argument.strip(),
        body="\n".join(body_lines) + ("\n" if body_lines else ""),
        body_line=start + 2,
        line=start + 1,
    )
    return directive, end + 1


def parse_markdown(path: Path) -> Parsed:
    name = path.name
    lines = path.read_text("utf-8").splitlines()
    blocks: list[Block] = []
    problems: list[str] = []
    pending: list[Directive] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _DIRECTIVE.match(line):
            directive, index = _parse_directive(lines, index, problems, name)
            if directive is not None:
                pending.append(directive)
            continue
        fence = _FENCE.match(line)
        if fence is None:
            if line.strip() and pending:
                for directive in pending:
                    problems.append(
                        f"{name}:{directive.line}: readme-test directive is not right above a code block"
                    )
                pending = []
            index += 1
            continue
        marker = fence.group("fence")
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}\s*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            problems.append(f"{name}:{index + 1}: code block is never closed")
        info = fence.group("info").strip()
        blocks.append(
            Block(
                path=path,
                line=index + 1,
                language=info.split()[0].lower() if info else "",
                code="\n".join(lines[index + 1 : end]) + "\n",
                directives=tuple(pending),
            )
        )
        pending = []
        index = end + 1
    for directive in pending:
        problems.append(f"{name}:{directive.line}: readme-test directive is not right above a code block")
    return Parsed(tuple(blocks), tuple(problems))

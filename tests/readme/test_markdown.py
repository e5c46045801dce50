"""The README harness itself: blocks and directives are found exactly, mistakes are reported, and a
block that neither runs nor is marked fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readme.markdown import Block, parse_markdown
from tests.readme.test_readme_blocks import mentioned_images, plan, split_files

DOC = """# Title

Some prose.

<!-- readme-test: skip, installs packages -->
```sh
pip install thing
```

<!-- readme-test: setup
data = b"x"
more = 1
-->

```python
print(data)
```

````markdown
```python
not a block of its own
```
<!-- readme-test: skip, inside a fence: just text -->
````

```
bare
```
"""


def parse(tmp_path: Path, text: str) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    path = tmp_path / "README.md"
    path.write_text(text, "utf-8")
    parsed = parse_markdown(path)
    return parsed.blocks, parsed.problems


def test_blocks_languages_lines_and_directives(tmp_path: Path) -> None:
    blocks, problems = parse(tmp_path, DOC)
    assert problems == ()
    assert [(b.line, b.language) for b in blocks] == [(6, "sh"), (15, "python"), (19, "markdown"), (26, "")]
    skip = blocks[0].directive("skip")
    assert skip is not None and skip.argument == "installs packages"
    (setup,) = blocks[1].setup()
    assert (setup.body, setup.body_line) == ('data = b"x"\nmore = 1\n', 11)
    assert blocks[1].code == "print(data)\n"
    assert "not a block of its own" in blocks[2].code and blocks[2].directives == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- readme-test: skp, typo -->\n```sh\nls\n```\n", "unknown readme-test directive 'skp'"),
        ("<!-- readme-test: skip -->\n```sh\nls\n```\n", "a skip needs a reason"),
        (
            "<!-- readme-test: skip, why -->\nprose in between\n```sh\nls\n```\n",
            "not right above a code block",
        ),
        ("text\n<!-- readme-test: pytest -->\n", "not right above a code block"),
        ("<!-- readme-test: setup\nx = 1\n", "never closed with -->"),
        ("<!-- readme-test: setup -->\n```python\npass\n```\n", "a setup directive without code"),
        ("```python\nprint(1)\n", "code block is never closed"),
    ],
)
def test_mistakes_are_problems_not_silent_skips(tmp_path: Path, text: str, problem: str) -> None:
    _, problems = parse(tmp_path, text)
    assert len(problems) == 1 and problem in problems[0], problems


def test_the_plan_for_each_kind_of_block(tmp_path: Path) -> None:
    blocks, _ = parse(
        tmp_path,
        "```xml\n<a/>\n```\n\n```sh\npython -m pip install x\n```\n\n```bash\nls\n```\n\n"
        "<!-- readme-test: pytest -->\n```python\ndef test(): pass\n```\n\n```json\n{}\n```\n\n"
        "```console\n$ ls\n```\n",
    )
    actions = [plan(block)[0] for block in blocks]
    assert actions == ["fail", "fail", "shell", "pytest", "json", "fail"]
    assert "<!-- readme-test: skip" in plan(blocks[0])[1]
    assert "installs packages" in plan(blocks[1])[1]


def test_image_names_outside_urls_are_found() -> None:
    text = (
        'recognize("note.png"); render_overlay(doc, "note.jpg"); open("./scans/a.PNG")\n'
        'url="https://example.com/scan.pdf"; http://127.0.0.1:8765/samples/glory.png; /abs/x.png\n'
    )
    assert mentioned_images(text) == {"note.png", "note.jpg", "scans/a.PNG"}


def test_a_pytest_block_is_split_at_file_headers() -> None:
    code = "# conftest.py\nA = 1\n\n# test_x.py\ndef test_x():\n    pass\n"
    assert split_files(code) == {"conftest.py": "A = 1\n", "test_x.py": "def test_x():\n    pass\n"}
    assert split_files("def test_y():\n    pass\n") == {"test_readme_block.py": "def test_y():\n    pass\n"}

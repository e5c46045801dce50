"""Runs README Python code in a fresh interpreter: ``python runner.py README.md FILE...``.

Each FILE holds code already placed at its README line numbers (blank lines above it), so a
traceback points into README.md itself. The files run in order in one namespace (a block's setup
first, then the block). Code with a top-level ``await`` or ``async with`` runs as it would in
``python -m asyncio``: a fragment written for an async function works as pasted there.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import sys
from pathlib import Path


def run(readme: str, files: list[str]) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    for file in files:
        code = compile(Path(file).read_text("utf-8"), readme, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        if code.co_flags & inspect.CO_COROUTINE:
            asyncio.run(eval(code, namespace))
        else:
            exec(code, namespace)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])

"""The ``handwriting-ocr`` command: ``recognize``, ``convert``, ``emulator`` and ``demo``.

The command's own dependencies (click, tqdm) come with the ``cli`` extra
(``pip install 'handwriting-ocr[cli]'``), so a service that only imports the SDK does not install
them. This package therefore imports neither at import time: :func:`main` (the console script's
entry point) first checks that both are installed and, if one is missing, prints one line naming
the extra to install and returns 2, with no traceback. The click application lives in
:mod:`handwriting_ocr.cli.app`; ``cli``, ``LazyGroup`` and ``COMMANDS`` are re-exported lazily.

Exit status: 0 success; 1 the input failed (an image could not be recognised, a file could not be
converted); 2 the command could not run (bad usage, missing credentials, a missing dependency, an
internal error); 130 interrupted. Every error is one line on stderr starting with ``error:``, never
a traceback.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from handwriting_ocr._lazy import lazy_exports
from handwriting_ocr.cli.errors import EXIT_USAGE

if TYPE_CHECKING:
    from handwriting_ocr.cli.app import COMMANDS as COMMANDS
    from handwriting_ocr.cli.app import LazyGroup as LazyGroup
    from handwriting_ocr.cli.app import cli as cli

__all__ = [
    "CLI_EXTRA_HINT",
    "CLI_REQUIREMENTS",
    "COMMANDS",
    "LazyGroup",
    "cli",
    "main",
    "missing_requirement",
    "run",
]

#: Modules the command needs that the SDK itself does not: what the ``cli`` extra installs.
CLI_REQUIREMENTS: Final = ("click", "tqdm")
CLI_EXTRA_HINT: Final = "pip install 'handwriting-ocr[cli]'"

_LAZY: dict[str, str] = {
    "COMMANDS": "handwriting_ocr.cli.app",
    "LazyGroup": "handwriting_ocr.cli.app",
    "cli": "handwriting_ocr.cli.app",
}
__getattr__, __dir__ = lazy_exports(__name__, _LAZY)


def missing_requirement() -> str | None:
    """The first of :data:`CLI_REQUIREMENTS` that cannot be imported, or None.

    click is imported (the command needs it at once); tqdm is only looked up, since only a batch
    loads it and its import would slow every other command.
    """
    try:
        import click  # noqa: F401
    except ImportError:
        return "click"
    for name in CLI_REQUIREMENTS[1:]:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a broken parent package, or None in sys.modules
            found = False
        if not found:
            return name
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (the console script exits with it)."""
    missing = missing_requirement()
    if missing is not None:
        print(
            f"error: the handwriting-ocr command needs {missing}, which is not installed: "
            f"{CLI_EXTRA_HINT} installs the command's dependencies",
            file=sys.stderr,
            flush=True,
        )
        return EXIT_USAGE
    from handwriting_ocr.cli.app import main as run_app

    return run_app(argv)


def run() -> None:
    """``sys.exit(main())``: for ``python -m handwriting_ocr.cli``."""
    sys.exit(main())

"""The click application behind ``handwriting-ocr``: the command group and :func:`main`.

Imported by :func:`handwriting_ocr.cli.main` only once it has checked that click and tqdm (the
``cli`` extra) are installed. Importing it loads only click: each command's module is imported when
that command runs (:class:`LazyGroup`), and the commands import the facades, emulator and exports
inside their bodies, so ``handwriting-ocr --help`` and ``convert`` do not pay for httpx and the
generated clients.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click

from handwriting_ocr import __version__
from handwriting_ocr.cli.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CommandError,
    one_line,
    report_error,
)

__all__ = ["COMMANDS", "LazyGroup", "cli", "main"]

#: Command name -> "module:attribute" of its click command.
COMMANDS: dict[str, str] = {
    "recognize": "handwriting_ocr.cli.cmd_recognize:recognize",
    "convert": "handwriting_ocr.cli.cmd_convert:convert",
    "emulator": "handwriting_ocr.cli.cmd_emulator:emulator",
    "demo": "handwriting_ocr.cli.cmd_demo:demo",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, from :data:`COMMANDS`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handwriting-ocr", message="%(prog)s %(version)s")
def cli() -> None:
    """Handwriting OCR on Azure Computer Vision, Huawei Cloud OCR and Tencent Cloud legacy OCR."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        # The help text, not a one-line error: there is nothing wrong yet, only nothing asked.
        with click.Context(cli, info_name="handwriting-ocr") as ctx:
            click.echo(ctx.get_help(), err=True)
        return EXIT_USAGE
    try:
        result = cli.main(args=args, prog_name="handwriting-ocr", standalone_mode=False)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "handwriting-ocr"
        report_error(f"{one_line(exc.format_message())} (see '{command} --help')")
        return EXIT_USAGE
    except CommandError as exc:
        report_error(exc.message)
        return exc.exit_code
    except click.ClickException as exc:
        report_error(one_line(exc.format_message()))
        return exc.exit_code
    except BrokenPipeError:
        # The reader of stdout went away (``| head``): nothing to report. Point stdout at devnull so
        # that the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except (click.Abort, KeyboardInterrupt):
        report_error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        # A bug or an unforeseen failure: still one line, naming the exception's type, never a traceback.
        report_error(f"internal error: {type(exc).__name__}: {one_line(str(exc))}")
        return EXIT_USAGE
    return result if isinstance(result, int) else 0

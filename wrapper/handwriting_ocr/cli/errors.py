"""How the command line reports failures: one line on stderr, secrets masked, fixed exit statuses."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from handwriting_ocr._secrets import redact_text

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SECRET_ENV_NAMES",
    "CommandError",
    "ErrorInfo",
    "describe_error",
    "one_line",
    "redact",
    "report_error",
]

EXIT_OK: Final = 0
#: An input failed: an image was not recognised, a file could not be converted.
EXIT_FAILED: Final = 1
#: The command could not run: bad usage, missing credentials or settings, an internal error.
EXIT_USAGE: Final = 2
#: Interrupted (Ctrl-C), as shells report SIGINT.
EXIT_INTERRUPTED: Final = 130

#: Environment variables holding credentials. Their values are masked in everything the command
#: prints, as a second line of defence behind the SDK's own care with secrets.
SECRET_ENV_NAMES: Final = (
    "AZURE_VISION_KEY",
    "HUAWEICLOUD_OCR_TOKEN",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_IAM_PASSWORD",
    "TENCENTCLOUD_SECRET_KEY",
)

_WHITESPACE = re.compile(r"\s+")


class CommandError(Exception):
    """The command cannot go on; ``message`` becomes the one ``error:`` line."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@attrs.frozen
class ErrorInfo:
    """An exception as the command reports it: its class name and a one-line message."""

    type: str
    message: str


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) collapsed to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def redact(text: str, environ: Mapping[str, str] | None = None) -> str:
    """``text`` with the value of every credential variable in ``environ`` (default os.environ) masked."""
    env = os.environ if environ is None else environ
    secrets: Iterable[str] = (env.get(name, "") for name in SECRET_ENV_NAMES)
    return redact_text(text, secrets)


def describe_error(exc: BaseException, environ: Mapping[str, str] | None = None) -> ErrorInfo:
    """The class name and a one-line, secret-free message for ``exc``.

    SDK errors (:class:`~handwriting_ocr.errors.OcrError`) carry messages written for users; anything
    else is unexpected, so its class name is put in front of the message to make it findable.
    """
    from handwriting_ocr.errors import OcrError

    name = type(exc).__name__
    text = one_line(str(exc))
    if isinstance(exc, OcrError):
        message = text or name
    elif isinstance(exc, TimeoutError):
        message = text or "timed out"
    else:
        message = f"unexpected {name}: {text}" if text else f"unexpected {name}"
    return ErrorInfo(type=name, message=redact(message, environ))


def report_error(message: str, environ: Mapping[str, str] | None = None) -> None:
    """Print ``error: <message>`` on stderr, on one line, with secrets masked."""
    print(f"error: {redact(one_line(message), environ)}", file=sys.stderr, flush=True)

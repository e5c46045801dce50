"""Writing output files: whole or not at all, with the permissions an ordinary write would give."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import Final

__all__ = ["write_atomic"]

#: Requested for a new file, like ``open(path, "w")`` does; the kernel removes the umask's bits.
_NEW_FILE_MODE: Final = 0o666
_ATTEMPTS: Final = 100


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path`` opened for writing, and its name.

    ``tempfile.mkstemp`` would create it with mode 0600 whatever the umask, and ``os.replace`` keeps
    that mode, so every output would end up private to its owner. Opening with ``O_CREAT | O_EXCL``
    and 0666 lets the kernel apply the umask (and a folder's default ACL) exactly as for any other
    new file, without reading the process-wide umask (which cannot be read without changing it).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file beside {path}")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder.

    A reader (or a rerun after Ctrl-C) never sees half a file: the name appears only once the
    content is complete. A new file gets ``0666 & ~umask``, as with ``open(path, "w")``; a file that
    is replaced keeps its permission bits (a report someone made private stays private).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temporary = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(FileNotFoundError):
                existing = os.stat(path)
                if stat.S_ISREG(existing.st_mode) and hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), stat.S_IMODE(existing.st_mode))
            handle.write(payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

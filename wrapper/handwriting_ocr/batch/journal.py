"""What a batch remembers between runs: input identities and the run manifest.

A :class:`Journal` is told when an input's operation is accepted by the provider (Azure: the
continuation token) and when an input finishes, and is asked what an earlier run recorded for an
input. :class:`RunManifest` is the one this module provides: an append-only JSON-lines file, one
record per event, keyed by input identity + provider + operation, flushed as records arrive and
fsync'd in batches (every :data:`SYNC_EVERY` records or :data:`SYNC_SECONDS`, and on close), so a
crash or Ctrl-C loses at most the records of the last batch. A record is one ``write`` of one line:
a line cut short by a crash is ignored when the file is read again.

Re-running with the same manifest skips inputs recorded ``ok`` (and, unless ``redo_failed``, those
recorded ``error``), resumes inputs whose operation was accepted but not finished (no second
operation is started for them), and does everything else.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal, Protocol

import attrs

from handwriting_ocr.errors import InvalidInputError, OcrError

__all__ = [
    "SYNC_EVERY",
    "SYNC_SECONDS",
    "Journal",
    "Prior",
    "RunManifest",
    "input_identity",
]

#: fsync the manifest after this many records...
SYNC_EVERY: Final = 64
#: ...or when this many seconds passed since the last fsync, whichever comes first.
SYNC_SECONDS: Final = 1.0
_VERSION: Final = 1


def input_identity(item: object) -> str | None:
    """A stable identity for an input: the absolute path of a file, the URL, or the SHA-256 of bytes.

    None for inputs that cannot be recognised again (a file object without a name): they are always
    processed.
    """
    if isinstance(item, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(item).hexdigest()
    if isinstance(item, str):
        from handwriting_ocr.validation.inputs import looks_like_url

        if looks_like_url(item):
            return "url:" + item.strip()
        return "path:" + str(Path(item).expanduser().absolute())
    if isinstance(item, os.PathLike):
        return "path:" + str(Path(os.fspath(item)).expanduser().absolute())
    name = getattr(item, "name", None)
    if isinstance(name, str) and name:
        return "path:" + str(Path(name).expanduser().absolute())
    return None


@attrs.frozen
class Prior:
    """What an earlier run recorded for an input."""

    status: Literal["ok", "error", "submitted"]
    #: For ``submitted``: the continuation token of the accepted operation.
    token: str | None = None


class Journal(Protocol):
    """Where a batch records progress; one instance may be shared by several batches and threads."""

    def prior(self, key: str) -> Prior | None:
        """What an earlier run recorded for ``key`` (None: nothing)."""
        ...

    def submitted(self, key: str, token: str) -> None:
        """The provider accepted ``key``'s operation; ``token`` resumes it."""
        ...

    def finished(
        self, key: str, status: Literal["ok", "error"], *, index: int, error: OcrError | None
    ) -> None:
        """``key`` finished (cancelled inputs are not recorded: they are still to do)."""
        ...


def _error_record(error: OcrError) -> dict[str, object]:
    record: dict[str, object] = {"type": type(error).__name__, "message": error.message}
    code = getattr(error, "code", None)
    if isinstance(code, str):
        record["code"] = code
    return record


class RunManifest:
    """An append-only JSON-lines run manifest (see the module docstring).

    ``scope`` (provider and operation, e.g. ``"azure:read-v3.2"``) is part of every key, so one file
    can serve runs against several providers without mixing them up.
    """

    def __init__(self, path: str | os.PathLike[str], *, redo_failed: bool = True) -> None:
        self.path = Path(path)
        self.redo_failed = redo_failed
        self._lock = threading.Lock()
        self._prior: dict[str, Prior] = {}
        self._unsynced = 0
        self._last_sync = time.monotonic()
        self._read()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise InvalidInputError(
                f"cannot open the run manifest {self.path}: {exc.strerror or exc}", field="manifest"
            ) from None

    # --- reading an earlier run ---------------------------------------------------------------------

    def _read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(
                f"cannot read the run manifest {self.path}: {exc}", field="manifest"
            ) from None
        for line in text.splitlines():
            record = self._parse(line)
            if record is None:
                continue
            key, status, token = record
            if status == "submitted":
                previous = self._prior.get(key)
                if previous is None or previous.status == "submitted":
                    self._prior[key] = Prior("submitted", token)
            else:
                self._prior[key] = Prior(status)

    @staticmethod
    def _parse(line: str) -> tuple[str, Literal["ok", "error", "submitted"], str | None] | None:
        try:
            data: object = json.loads(line)
        except ValueError:
            return None  # a line cut short by a crash
        if not isinstance(data, dict) or data.get("v") != _VERSION:
            return None
        key, status, token = data.get("key"), data.get("status"), data.get("token")
        if not isinstance(key, str):
            return None
        if status == "submitted" and isinstance(token, str):
            return key, "submitted", token
        if status == "ok":
            return key, "ok", None
        if status == "error":
            return key, "error", None
        return None

    def prior(self, key: str) -> Prior | None:
        with self._lock:
            found = self._prior.get(key)
        if found is not None and found.status == "error" and self.redo_failed:
            return None
        return found

    def done_keys(self) -> Mapping[str, Prior]:
        """Every key an earlier run (or this one) recorded, with its last state."""
        with self._lock:
            return dict(self._prior)

    # --- recording ----------------------------------------------------------------------------------

    def submitted(self, key: str, token: str) -> None:
        self._append({"key": key, "status": "submitted", "token": token}, Prior("submitted", token), key)

    def finished(
        self, key: str, status: Literal["ok", "error"], *, index: int, error: OcrError | None
    ) -> None:
        record: dict[str, object] = {"key": key, "status": status, "index": index}
        if error is not None:
            record["error"] = _error_record(error)
        self._append(record, Prior(status), key)

    def _append(self, record: dict[str, object], prior: Prior, key: str) -> None:
        line = json.dumps({"v": _VERSION, **record, "at": round(time.time(), 3)}, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()  # the OS has it: a crash of this process loses nothing already written
            self._prior[key] = prior
            self._unsynced += 1
            now = time.monotonic()
            if self._unsynced >= SYNC_EVERY or now - self._last_sync >= SYNC_SECONDS:
                self._sync(now)

    def _sync(self, now: float) -> None:
        os.fsync(self._file.fileno())  # and the disk has it: a crash of the machine loses at most a batch
        self._unsynced = 0
        self._last_sync = now

    def sync(self) -> None:
        with self._lock:
            if self._unsynced and not self._file.closed:
                self._sync(time.monotonic())

    def close(self) -> None:
        with self._lock:
            if self._file.closed:
                return
            if self._unsynced:
                self._sync(time.monotonic())
            self._file.close()

    def __enter__(self) -> RunManifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RunManifest({str(self.path)!r}, {len(self._prior)} inputs recorded)"

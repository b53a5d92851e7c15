"""Atomic file writing: a crash never leaves half a file, and an existing file is
replaced only after the new one is complete.

- :func:`atomic_path` (and the ``write_*_atomic`` helpers) write one file beside its target
  and rename it into place, then sync the folder entry.
- :class:`~metrics_core.staged_folder.StagedFolder` writes a set of files (a folder export: deck,
  workbook, CSV, images) into a hidden staging folder and moves them into place together.

Every temporary file and staging folder is recorded in the write journal
(:mod:`metrics_core.write_journal`) while it exists: if the process is killed, the next
start removes them (:func:`~metrics_core.write_journal.sweep_interrupted_writes`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterator

from .write_journal import JournalEntry, fsync_dir, new_token

__all__ = ["atomic_path", "write_bytes_atomic", "write_text_atomic", "write_with_atomic"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    The temporary file lives in the same folder (so ``os.replace`` is atomic), is
    recorded in the write journal, and is removed if the block raises.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("done")
    >>> (d / "a.txt").read_text()
    'done'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    token = new_token()
    tmp = target.parent / f".{target.name}.{token}.part"
    entry = JournalEntry(token, {"temp": str(tmp.absolute())})
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.chmod(tmp, _default_file_mode(target))
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        if tmp.exists():
            tmp.unlink()
        entry.close()


def _default_file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give: the existing file's, else 0o666 less the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomic(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically."""
    write_bytes_atomic(target, text.encode(encoding))


def write_with_atomic(target: str | Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result onto ``target`` atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)

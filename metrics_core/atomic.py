"""Atomic file writing: a crash never leaves half a file, and an existing file is
replaced only after the new one is complete.

- :func:`atomic_path` (and the ``write_*_atomic`` helpers) write one file beside its target
  and rename it into place, then sync the folder entry.
- :class:`StagedFolder` writes a set of files (a folder export: deck, workbook, CSV, images)
  into a hidden staging folder and moves them into place together once all are complete.

Every temporary file and staging folder is recorded in the write journal
(:mod:`metrics_core.write_journal`) while it exists: if the process is killed, the next
start removes them (:func:`~metrics_core.write_journal.sweep_interrupted_writes`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from types import TracebackType
from typing import Callable, Iterator

from .errors import ExportError
from .i18n import _
from .write_journal import COMMIT_MARKER, JournalEntry, fsync_dir, move_staged_files, new_token

__all__ = ["atomic_path", "write_bytes_atomic", "write_text_atomic", "write_with_atomic", "StagedFolder"]


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


class StagedFolder:
    """Files written into :attr:`path` (a hidden folder inside ``target``) appear in ``target``
    together on :meth:`commit`, or not at all (:meth:`discard`, or a crash: the next start
    removes the staging folder — or, if the crash came while the finished files were being
    moved in, finishes moving them).

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedFolder(out) as stage:
    ...     _ = (stage.path / "a.csv").write_text("1")
    ...     _ = (stage.path / "b.csv").write_text("2")
    >>> sorted(p.name for p in out.iterdir()), [p.name for p in stage.written]
    (['a.csv', 'b.csv'], ['a.csv', 'b.csv'])
    """

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        self.target.mkdir(parents=True, exist_ok=True)
        token = new_token()
        self.path = self.target / f".kpidesk-export-{token}.part"
        self._entry = JournalEntry(token, {"stage": str(self.path.absolute()), "target": str(self.target.absolute())})
        self.path.mkdir()
        self.written: list[Path] = []

    def commit(self) -> list[Path]:
        """Move every finished file into the target folder; returns their paths there.

        If a file cannot be replaced (open in another program), the error says which files
        are already new and which were not written."""
        names = sorted(p.name for p in self.path.iterdir() if p.is_file() and not p.name.startswith("."))
        marker = self.path / COMMIT_MARKER
        marker.write_text(json.dumps(names), encoding="utf-8")
        with open(marker, "rb+") as fh:
            os.fsync(fh.fileno())
        fsync_dir(self.path)
        done: list[str] = []
        try:
            for name in names:
                move_staged_files(self.path, self.target, [name])
                done.append(name)
        except OSError as exc:
            left = [n for n in names if n not in done]
            self.discard()
            raise ExportError(_("Could not put '{file}' into {folder} ({reason}). New files: {new}. Not written: "
                                "{left}. Close the file if another program has it open, then export again.",
                                file=left[0], folder=str(self.target), reason=exc.strerror or str(exc),
                                new=", ".join(done) or _("none"), left=", ".join(left)),
                              path=self.target / left[0]) from exc
        self._finish()
        self.written = [self.target / n for n in names]
        return self.written

    def discard(self) -> None:
        """Drop everything staged; the target folder stays as it was."""
        self._finish()

    def _finish(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._entry.close()

    def __enter__(self) -> "StagedFolder":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()

"""A folder export that lands whole: every file is written into a hidden staging folder inside the
target folder, and moved into place together once all are complete (see :class:`StagedFolder`).

Files inside the staging folder are written with :mod:`metrics_core.atomic` like any other; the
staging folder itself is recorded in the write journal (:mod:`metrics_core.write_journal`), so a
killed export leaves nothing behind after the next start.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import TracebackType

from .errors import ExportError
from .i18n import Message, _
from .write_journal import COMMIT_MARKER, JournalEntry, fsync_dir, move_staged_files, new_token

__all__ = ["StagedFolder"]


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
            new = ", ".join(done) or _("none")
            raise ExportError(Message("Could not put “{file}” into {folder} ({reason}). New files: {new}. Not "
                                      "written: {left}. Close the file if another program has it open, then export "
                                      "again.", dict(file=left[0], folder=str(self.target),
                                                     reason=exc.strerror or str(exc), new=new, left=", ".join(left))),
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

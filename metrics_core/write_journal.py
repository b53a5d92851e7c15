"""A journal of the writes under way, so that nothing a killed export left behind stays.

Every atomic write first records its temporary file (or staging folder) in KPI Desk's own
state folder (:func:`state_dir`, never the owner's folders) and holds a lock on that record
while it writes. A process that is killed cannot remove its temporary files, but its lock
goes with it: the next start (:func:`sweep_interrupted_writes`) finds records nobody holds
and removes what they name. A folder export that was killed while moving its finished
files into place is finished instead (rolled forward), so the folder ends all new.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STATE_ENV = "KPIDESK_STATE_DIR"
COMMIT_MARKER = ".kpidesk-commit"        # in a staging folder: its files are being moved into place


def state_dir() -> Path:
    """KPI Desk's own working folder (autosaves, the write journal); ``$KPIDESK_STATE_DIR`` overrides it."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "KPI Desk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "KPI Desk"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "kpidesk"


def journal_dir() -> Path:
    return state_dir() / "pending-writes"


def new_token() -> str:
    return f"{os.getpid()}-{secrets.token_hex(6)}"


class JournalEntry:
    """The record of one write under way; held (locked) until :meth:`close`."""

    def __init__(self, token: str, record: dict[str, str]) -> None:
        self.path: Path | None = None
        self._fd: int | None = None
        try:
            folder = journal_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{token}.json"
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except OSError as exc:          # no state folder (read-only home): the write still works, unjournaled
            log.warning("write journal unavailable: %s", exc)
            return
        _lock(fd)
        os.write(fd, json.dumps(record).encode("utf-8"))
        self.path, self._fd = path, fd

    def close(self) -> None:
        if self._fd is None:
            return
        os.close(self._fd)
        self._fd = None
        try:
            self.path.unlink()
        except OSError:
            pass


def hold_lock(path: Path) -> int:
    """Create ``path`` and hold an exclusive lock on it until the returned descriptor is closed
    (or the process ends, however it ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    _lock(fd)
    return fd


def lock_is_free(path: Path) -> bool:
    """Whether nobody holds ``path``'s lock (its process ended); a missing file counts as free."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_staged_files(stage: Path, target: Path, names: list[str]) -> list[Path]:
    """Move ``names`` from ``stage`` into ``target`` (replacing), then sync ``target``; returns the new paths."""
    moved = []
    for name in names:
        source = stage / name
        if source.exists():
            os.replace(source, target / name)
        moved.append(target / name)
    fsync_dir(target)
    return moved


def sweep_interrupted_writes() -> list[Path]:
    """Remove the temporary files of writes whose process is gone; finish folder exports that were
    being moved into place. Returns what was removed or finished. Safe to call at any time."""
    folder = journal_dir()
    if not folder.is_dir():
        return []
    done: list[Path] = []
    for entry in sorted(folder.glob("*.json")):
        try:
            fd = os.open(entry, os.O_RDWR)
        except OSError:
            continue
        try:
            if not _try_lock(fd):
                continue                    # its writer is still at work
            record = _read_record(fd)
            done += _clean_up(record)
        finally:
            os.close(fd)
        try:
            entry.unlink()
        except OSError:
            pass
    if done:
        log.info("cleaned up after interrupted writes: %s", ", ".join(map(str, done)))
    return done


def _read_record(fd: int) -> dict[str, Any]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        record = json.loads(os.read(fd, 1 << 16).decode("utf-8"))
        return record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        return {}


def _clean_up(record: dict[str, Any]) -> list[Path]:
    temp, stage, target = record.get("temp"), record.get("stage"), record.get("target")
    if temp:
        path = Path(temp)
        if path.name.startswith(".") and path.name.endswith(".part") and path.is_file():
            path.unlink()
            return [path]
        return []
    if stage and target:
        stage_path, target_path = Path(stage), Path(target)
        if not (stage_path.name.startswith(".kpidesk-export-") and stage_path.is_dir()):
            return []
        marker = stage_path / COMMIT_MARKER
        if marker.is_file():                # killed while moving finished files in: finish the move
            names = json.loads(marker.read_text(encoding="utf-8"))
            move_staged_files(stage_path, target_path, [n for n in names if isinstance(n, str)])
        shutil.rmtree(stage_path, ignore_errors=True)
        return [stage_path]
    return []


if os.name == "posix":
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
else:                                       # pragma: no cover - Windows
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

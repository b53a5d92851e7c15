"""Nothing made is lost: the open project is autosaved, and offered back after a crash.

An :class:`Autosaver` writes the window's project (files with their mappings and read options,
filters, KPI settings, targets, the selected KPI, the report the owner chose, and the project
file the work belongs to, when it has one) as a project document into KPI Desk's own
state folder (``autosave/``, never the owner's folders) a moment after each change and once a
minute, atomically (:mod:`metrics_core.atomic`). Each window holds a lock beside its autosave
while it runs; a clean close removes both. An autosave whose lock nobody holds was left by a
session that crashed or was killed: :func:`offer_restore` asks, as office programs do, whether
to restore it or discard it.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from metrics_core.errors import KpiDeskError
from metrics_core.formatting import format_date
from metrics_core.i18n import Message, _, ngettext
from metrics_core.write_journal import hold_lock, lock_is_free, new_token, state_dir

from .project import PROJECT_SUFFIX, Project, load_project, save_project

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1500
PERIOD_MS = 60_000
LOCK_SUFFIX = ".lock"


def autosave_dir() -> Path:
    return state_dir() / "autosave"


class Autosaver(QObject):
    """Saves ``project()`` soon after each change of ``state`` and every minute."""

    def __init__(self, state: Any, project: Any, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS, period_ms: int = PERIOD_MS) -> None:
        super().__init__(parent)
        self._project = project
        token = new_token()
        self.path = autosave_dir() / f"{token}{PROJECT_SUFFIX}"
        self._lock_path = autosave_dir() / f"{token}{LOCK_SUFFIX}"
        self._lock_fd: int | None = None
        self._dirty = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.save_now)
        self._period = QTimer(self)
        self._period.setInterval(period_ms)
        self._period.timeout.connect(self.save_now)
        self._period.start()
        for signal in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced, state.filters_changed,
                       state.params_changed, state.targets_changed, state.selection_changed,
                       state.report_choices_changed, state.project_path_changed):
            signal.connect(self._on_state_changed)

    def _on_state_changed(self, *_args: Any) -> None:
        self._dirty = True
        self._debounce.start()

    def save_now(self) -> Path | None:
        """Write the autosave now (when anything changed since the last one); returns its path."""
        if not self._dirty:
            return None
        project: Project = self._project()
        if not project.requests and not project.targets and not project.params:
            self._remove_file()
            self._dirty = False
            return None
        try:
            if self._lock_fd is None:
                self._lock_fd = hold_lock(self._lock_path)
            save_project(self.path, project)
        except (OSError, KpiDeskError) as exc:
            log.warning("autosave failed: %s", exc)
            return None
        self._dirty = False
        return self.path

    def discard(self) -> None:
        """The window closed cleanly: its autosave is no longer needed."""
        self._debounce.stop()
        self._period.stop()
        self._remove_file()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
            _unlink(self._lock_path)

    def _remove_file(self) -> None:
        _unlink(self.path)


def orphaned_autosaves() -> list[Path]:
    """Autosaves of sessions that ended without closing (their lock is free), newest first."""
    folder = autosave_dir()
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{PROJECT_SUFFIX}") if lock_is_free(p.with_suffix(LOCK_SUFFIX))]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def forget(path: Path) -> None:
    """Remove an orphaned autosave and its lock file."""
    _unlink(path)
    _unlink(path.with_suffix(LOCK_SUFFIX))


def describe(path: Path) -> str:
    """'3 files, saved 14:05' — what an autosave holds, for the question."""
    try:
        files = len(json.loads(path.read_text(encoding="utf-8")).get("files") or [])
    except (OSError, ValueError, AttributeError):
        files = 0
    saved = datetime.fromtimestamp(path.stat().st_mtime)
    when = f"{format_date(saved)} {saved:%H:%M}"          # 2. 12. 2026 14:05 (sl), as the language writes a day
    return ngettext("{count} file, saved {when}", "{count} files, saved {when}", files, count=files, when=when)


def offer_restore(window: Any, ask: Any = None) -> bool:
    """Ask whether to restore the work of a session that crashed; restore or discard it.
    ``ask(text) -> bool`` replaces the dialog (tests). Returns whether something was restored."""
    orphans = orphaned_autosaves()
    if not orphans:
        return False
    newest, older = orphans[0], orphans[1:]
    for path in older:
        forget(path)
    text = _("KPI Desk did not close properly last time. Your work from then was saved ({what}). Restore it?",
             what=describe(newest))
    restore = (ask or _ask_with_dialog)(text, window)
    restored = False
    if restore:
        try:
            window.restore_project(load_project(newest))
            restored = True
        except KpiDeskError as exc:
            window.message_bar.show_message(Message("The saved work could not be restored: {problem}",
                                                    {"problem": exc}), "error")
    forget(newest)
    return restored


def _ask_with_dialog(text: str, parent: QWidget) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, _("Restore your work?"), text, parent=parent)
    restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass

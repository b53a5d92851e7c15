"""Unexpected errors: logged to a file in the user's app-data folder and shown in a
friendly dialog, while the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from metrics_core.i18n import _

log = logging.getLogger("kpidesk")
_state = {"dialog_open": False, "log_path": None}


def log_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".kpidesk") / "logs"


def install(log_path: Path | None = None) -> Path:
    """Log to ``kpidesk.log`` and route uncaught exceptions to :func:`report_unexpected`."""
    path = log_path or (log_dir() / "kpidesk.log")
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _state["log_path"] = path
    sys.excepthook = report_unexpected
    return path


def report_unexpected(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the traceback and tell the user in plain words; never quit."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    app = QApplication.instance()
    if app is None or _state["dialog_open"] or app.platformName() == "offscreen":
        return          # no screen (tests, screen renderer): a modal box would block; the log has it
    _state["dialog_open"] = True
    try:
        where = _state["log_path"] or log_dir() / "kpidesk.log"
        box = QMessageBox(QMessageBox.Icon.Warning, _("Something went wrong"),
                          _("KPI Desk hit an unexpected problem, but your data is safe and you can keep working.\n\n"
                            "What happened: {problem}\n\n"
                            "The details were written to {log} \u2014 please send that file with a bug report.",
                            problem=f"{exc_type.__name__}: {exc}", log=where))
        box.exec()
    finally:
        _state["dialog_open"] = False


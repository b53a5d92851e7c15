"""Choosing files and folders: the system's own dialog where there is one (Windows, macOS, a Linux desktop), else
Qt's, with its columns sized to the dialog (Qt's default widths cut the size, type and date to '33....KiB',
'PN...ge', '3 Dec ...:43:29' beside an empty strip)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTreeView

from .window_size import resize_to_fit

PREFERRED_SIZE = (900, 560)


def open_file_names(parent: Any, caption: str, folder: str, filters: str) -> list[str]:
    """The files chosen (none when cancelled)."""
    return _run(_dialog(parent, caption, folder, filters, QFileDialog.FileMode.ExistingFiles))


def open_file_name(parent: Any, caption: str, folder: str, filters: str) -> str:
    """The file chosen ("" when cancelled)."""
    return next(iter(_run(_dialog(parent, caption, folder, filters, QFileDialog.FileMode.ExistingFile))), "")


def save_file_name(parent: Any, caption: str, path: str, filters: str) -> str:
    """Where to save ("" when cancelled); an existing file is confirmed first."""
    dialog = _dialog(parent, caption, path, filters, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return next(iter(_run(dialog)), "")


def existing_directory(parent: Any, caption: str, folder: str) -> str:
    """The folder chosen ("" when cancelled)."""
    dialog = _dialog(parent, caption, folder, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_run(dialog)), "")


def fit_columns(dialog: QFileDialog) -> None:
    """Qt's own dialog: the name column takes the room the size, type and date (each as wide as its contents)
    leave. (The system's dialog has no such view: nothing to do.)"""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _dialog(parent: Any, caption: str, where: str, filters: str, mode: QFileDialog.FileMode) -> QFileDialog:
    dialog = QFileDialog(parent, caption, where, filters)
    dialog.setFileMode(mode)
    resize_to_fit(dialog, *PREFERRED_SIZE)
    dialog.installEventFilter(_FitOnShow(dialog))
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return list(dialog.selectedFiles()) if dialog.exec() == QDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


class _FitOnShow(QObject):
    """Sizes the columns when the dialog is shown (Qt's own widgets exist only once it knows it is not native)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            fit_columns(watched)
        return False

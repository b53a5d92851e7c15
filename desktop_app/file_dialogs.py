"""Choosing files and folders: the system's own dialog where there is one (Windows, macOS, a Linux desktop), else
Qt's, with its columns sized to the dialog (Qt's default widths cut the size, type and date to '33....KiB',
'PN...ge', '3 Dec ...:43:29' beside an empty strip), and its sizes, dates and type names in the window's language
(:class:`_WindowLanguage`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QIdentityProxyModel, QLocale, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QListView, QSplitter, QTreeView

from metrics_core.i18n import current_language
from metrics_core.i18n.script import to_latin

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
    """Qt's own dialog: the places list is as wide as its longest place (Qt gives it 90 px in every language:
    'Calcul…' in Romanian), and the name column takes the room the size, type and date (each as wide as its
    contents) leave. (The system's dialog has no such view: nothing to do.)"""
    _fit_sidebar(dialog)
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _fit_sidebar(dialog: QFileDialog) -> None:
    sidebar, splitter = dialog.findChild(QListView, "sidebar"), dialog.findChild(QSplitter, "splitter")
    if sidebar is None or splitter is None or splitter.indexOf(sidebar) != 0 or splitter.count() < 2:
        return
    chrome = sidebar.width() - sidebar.viewport().width()      # frame and, when shown, the scroll bar
    wanted = sidebar.sizeHintForColumn(0) + chrome
    sizes = splitter.sizes()
    if wanted > sizes[0] and sizes[0] + sizes[1] > 2 * wanted:
        splitter.setSizes([wanted, sizes[0] + sizes[1] - wanted, *sizes[2:]])


def in_window_language(dialog: QFileDialog) -> None:
    """Qt's own dialog writes sizes, dates and type names in the window's language (:class:`_WindowLanguage`); the
    system's dialog ignores it and speaks the system's."""
    dialog.setProxyModel(_WindowLanguage(dialog))


def _dialog(parent: Any, caption: str, where: str, filters: str, mode: QFileDialog.FileMode) -> QFileDialog:
    dialog = QFileDialog(parent, caption, where, filters)
    dialog.setFileMode(mode)
    in_window_language(dialog)
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


SIZE, TYPE, DATE = 1, 2, 3          # the columns of Qt's file system model


class _WindowLanguage(QIdentityProxyModel):
    """Qt's own file dialog in the window's language: its translations (``desktop_app.i18n``) give the words, but
    its model writes sizes and dates in the system's locale (``QLocale::system()``: '38.58 KiB', '3 Dec 2026' in
    a Slovenian window) and names a file's type in the MIME database's language for the locale's language alone
    (Serbian Latin read 'ПНГ слика'). Sizes and dates here follow ``QLocale()``, the window's locale
    (``apply_language``); a Serbian Latin window's type names are written in Latin script."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or index.column() not in (SIZE, TYPE, DATE):
            return super().data(index, role)
        files, at = self.sourceModel(), self.mapToSource(index)
        if index.column() == SIZE:
            return "" if files.isDir(at) else QLocale().formattedDataSize(files.size(at))
        if index.column() == DATE:
            return QLocale().toString(files.lastModified(at), QLocale.FormatType.ShortFormat)
        shown = super().data(index, role)
        return to_latin(shown) if current_language() == "sr-Latn" and isinstance(shown, str) else shown

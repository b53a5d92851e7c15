"""Qt's own file dialog's places list ('Computer', the home folder) is as wide as its longest place. Qt sizes it to
its places on a first start, but then restores the width it saved when the dialog last closed (QtProject.conf's
'sidebarWidth'), whatever the language: after a Swedish session ('Dator', 70 px) Romanian 'Calculator' was cut to
'Calcul…' (s16-shots-b, ro 1280x720 52_qt_file_dialog, under a shared ~/.config)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QListView

from desktop_app import file_dialogs
from desktop_app.i18n import apply_language


def _open(qtbot, folder: Path) -> tuple[QFileDialog, QListView]:
    dialog = file_dialogs._dialog(None, "Open", str(folder), "", QFileDialog.FileMode.ExistingFiles)
    dialog.show()
    sidebar = dialog.findChild(QListView, "sidebar")
    qtbot.waitUntil(lambda: sidebar.model().rowCount() > 0, timeout=5000)
    qtbot.wait(50)
    return dialog, sidebar


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sr", "sr-Latn"])
def test_every_place_in_the_sidebar_is_whole_after_a_swedish_session(qtbot, tmp_path, code) -> None:
    user_config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    (tmp_path / "files").mkdir()
    try:
        apply_language("sv")                                  # 'Dator': Qt saves the list's width as it closes
        first, _ = _open(qtbot, tmp_path / "files")
        first.reject()
        shiboken6.delete(first)
        assert QSettings(QSettings.Scope.UserScope, "QtProject").value("FileDialog/sidebarWidth") is not None
        apply_language(code)
        dialog, sidebar = _open(qtbot, tmp_path / "files")
        qtbot.addWidget(dialog)
        names = [str(sidebar.model().index(row, 0).data()) for row in range(sidebar.model().rowCount())]
        needed = sidebar.sizeHintForColumn(0)                 # the widest place: icon, text and the delegate's margins
        assert needed > sidebar.fontMetrics().horizontalAdvance(max(names, key=len)), names
        assert sidebar.viewport().width() >= needed, (code, names, needed, sidebar.viewport().width())
    finally:
        apply_language("en")
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, user_config)

"""Qt's own file dialog writes sizes, dates and type names in the window's language, not the system's: its model
asks QLocale::system() ('38.58 KiB', '3 Dec 2026' in every language under the render) and the MIME database
answers Serbian Latin in Cyrillic ('ПНГ слика'; s12-shots-rosr, sr-Latn/52_qt_file_dialog)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QDateTime, QFileInfo, QLocale
from PySide6.QtWidgets import QFileDialog, QTreeView

from desktop_app import file_dialogs
from desktop_app.i18n import QT_LOCALES, apply_language

CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_sizes_dates_and_types_in_the_window_language(qtbot, tmp_path, code) -> None:
    (tmp_path / "calls.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 40_000)
    (tmp_path / "tickets.csv").write_text("a;b\n1;2\n" * 3_000, encoding="utf-8")
    apply_language(code)
    dialog = file_dialogs._dialog(None, "Open", str(tmp_path), "", QFileDialog.FileMode.ExistingFiles)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2, timeout=5000)
    locale = QLocale(QT_LOCALES[code])
    for row in range(2):
        name, size, kind, date = (model.index(row, c, view.rootIndex()).data() for c in range(4))
        info = QFileInfo(str(tmp_path / name))
        qtbot.waitUntil(lambda: model.index(row, 3, view.rootIndex()).data() != "", timeout=5000)
        date = model.index(row, 3, view.rootIndex()).data()
        assert size == locale.formattedDataSize(info.size()), (code, size)
        assert date == locale.toString(QDateTime(info.lastModified()), QLocale.FormatType.ShortFormat), (code, date)
        if code != "sr":
            assert not CYRILLIC.search(str(kind)), (code, kind)
    if code in ("sl", "ro", "sv", "sr", "sr-Latn"):
        assert "," in model.index(0, 1, view.rootIndex()).data()          # the language's decimal comma

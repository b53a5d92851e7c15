"""Dialogs the window opens are gone once closed: a long session does not pile up hidden windows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.main_window import MainWindow


def _close_the_modal_dialog_soon() -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
        else:
            dialog.reject()
    QTimer.singleShot(20, close)


def test_closed_dialogs_are_deleted(qtbot, settings, csv_file):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    for trigger in (window._on_about_triggered, window._on_settings_triggered,
                    lambda: window.import_with_dialog(str(csv_file))):
        _close_the_modal_dialog_soon()
        trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QDialog) == []

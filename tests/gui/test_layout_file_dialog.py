"""Qt's own file dialog (Linux without a desktop's dialog) with its columns sized to the dialog: at 900 x 560 the
size, type and date were cut to '33....KiB', 'PN...ge', '3 Dec ...:43:29' beside an empty strip, and names to
'10_dashboard_06_...lity_reviews.png' (s7-shots 30; s9-layout v1/1280x720-en/52_qt_file_dialog)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QStyle, QTreeView

from desktop_app import file_dialogs


def test_the_columns_show_size_type_and_date_whole(qtbot, tmp_path) -> None:
    for i in range(3):
        (tmp_path / f"10_dashboard_06_quality_reviews_{i}.png").write_bytes(b"x" * 33_000)
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        view = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 3, timeout=5000)
        qtbot.wait(50)
        header, model = view.header(), view.model()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)     # (the delegate's)
        cut = []
        for column in range(1, 4):
            for row in range(3):
                text = str(model.index(row, column, view.rootIndex()).data())
                needed = view.fontMetrics().horizontalAdvance(text) + margin
                if header.sectionSize(column) < needed:
                    cut.append(f"column {column}: {text!r} needs {needed} px, has {header.sectionSize(column)}")
        seen["cut"] = cut
        seen["name"] = header.sectionSize(0)
        seen["room"] = view.viewport().width()
        seen["used"] = header.length()
        dialog.reject()

    QTimer.singleShot(200, look)
    assert file_dialogs.open_file_names(None, "Open files", str(tmp_path), "All files (*)") == []
    assert seen["cut"] == []
    assert seen["used"] >= seen["room"] - 2, seen               # no empty strip at the right
    assert seen["name"] >= 250, seen

"""What looking at the screenshots (1366 x 768, 1280 x 720, 200 %, dark; English and Slovenian) found, measured."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from desktop_app.dialogs.export_report_dialog import ExportReportDialog
from tests.core.export.sample import make_report


def test_the_image_size_reads_as_one_row_width_by_height(qtbot, tmp_path) -> None:
    dialog = ExportReportDialog(make_report(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.resize(820, 750)
    dialog.show()
    qtbot.waitExposed(dialog)
    times = next(label for label in dialog.findChildren(QLabel) if label.text() == "×")
    width_right = dialog.width_spin.mapTo(dialog, QPoint(dialog.width_spin.width(), 0)).x()
    times_left = times.mapTo(dialog, QPoint(0, 0)).x()
    times_right = times_left + times.fontMetrics().horizontalAdvance("×")      # where the "×" is drawn
    height_left = dialog.height_spin.mapTo(dialog, QPoint(0, 0)).x()
    assert times_left - width_right <= 12 and height_left - times_right <= 12, \
        f"'1920 px' ends at {width_right}, '×' at {times_left}..{times_right}, '1080 px' starts at {height_left}"

"""A text box is found at a glance in dark mode: its frame, measured in the rendered pixels along the middle of its
left edge, stands out from the window at least 3 : 1 (WCAG's contrast for parts of a control). Fusion drew it a
little darker than the dark window, and the date filters and the settings' boxes barely stood apart from the panel
(s16-shots dark, the render tool's palette); with the focus Fusion's own highlight frame is kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSpinBox, QWidget

from desktop_app.style import contrast_ratio

from .test_laptop_fit_dark import DARK


def _frame_contrast(box: QWidget, window: QColor) -> float:
    image = box.grab().toImage()
    ratio = image.devicePixelRatio()
    y = int(box.height() / 2 * ratio)
    return max(contrast_ratio(image.pixelColor(x, y), window) for x in range(0, int(3 * ratio)))


@pytest.mark.parametrize("kind", ["line edit", "date edit", "spin box", "combo box"])
def test_a_text_box_frame_stands_out_from_a_dark_window(qtbot, qapp, kind) -> None:
    palette = QPalette(qapp.palette())
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setPalette(palette)
    holder.setAutoFillBackground(True)
    box = {"line edit": QLineEdit, "date edit": QDateEdit, "spin box": QSpinBox, "combo box": QComboBox}[kind](holder)
    if isinstance(box, QComboBox):
        box.addItems(["Month", "Week"])
    if isinstance(box, QDateEdit):
        box.setDate(QDate(2026, 10, 31))
        box.setCalendarPopup(True)
    box.resize(box.sizeHint().expandedTo(box.minimumSizeHint()))
    holder.resize(box.size())
    holder.show()
    qtbot.waitExposed(holder)
    window = palette.color(QPalette.ColorRole.Window)
    assert _frame_contrast(box, window) >= 3.0


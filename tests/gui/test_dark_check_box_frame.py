"""An empty check box is found at a glance in dark mode: its frame, measured in the rendered pixels, stands out from
the window at least 3 : 1 (WCAG's contrast for parts of a control). Fusion drew it darker than the dark window,
#191a1c on #202124: 1.2 : 1 ("Show all KPIs", the export's formats, the settings' days, the filter menus)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from desktop_app.style import contrast_ratio

from .test_laptop_fit_dark import DARK


def _frame_contrast(box: QCheckBox) -> float:
    """The best contrast with the window along the middle of the indicator's left edge."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    ratio = image.devicePixelRatio()
    window = box.palette().color(QPalette.ColorRole.Window)
    y = int(rect.center().y() * ratio)
    return max(contrast_ratio(image.pixelColor(x, y), window)
               for x in range(max(0, int((rect.left() - 1) * ratio)), int((rect.left() + 2) * ratio)))


@pytest.mark.parametrize("checked", [False, True])
def test_a_check_box_frame_stands_out_from_a_dark_window(qapp, checked) -> None:
    palette = QPalette(qapp.palette())
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    box = QCheckBox("Show all KPIs")
    box.setPalette(palette)
    box.setAutoFillBackground(True)
    box.setChecked(checked)
    box.resize(box.sizeHint())
    assert _frame_contrast(box) >= 3.0

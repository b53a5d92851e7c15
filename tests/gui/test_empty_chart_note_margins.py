"""An empty chart's note keeps a margin from the chart's edges and wraps inside it (shots16-a, dark en 66 and dark sl
62: the note ran to both edges of the narrow by-category pane). Measured on the drawn label: the first and last
columns of text ink, in the dark and the light theme, in a pane as narrow as the window gives the bars."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from desktop_app import style
from desktop_app.charts.bar_chart import BarChart

REASON = ("Needs a column “Outcome” that records busy or blocked calls: answered or not cannot tell a blocked call "
          "from an abandoned one")


def _ink_columns(chart: BarChart) -> tuple[int, int, int]:
    image = chart.empty_label.grab().toImage()
    width, height = image.width(), image.height()
    background = QColor(chart.theme.background).rgb() & 0xFFFFFF
    bits = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.bytesPerLine() // 4 * height)
    pixels = bits.reshape(height, image.bytesPerLine() // 4)[:, :width] & 0xFFFFFF
    ink = np.flatnonzero((pixels != background).any(axis=0))
    return int(ink[0]), int(ink[-1]), width


@pytest.mark.parametrize("theme", ["DARK", "LIGHT"])
def test_an_empty_charts_note_keeps_off_both_edges(qtbot, theme) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.apply_theme(getattr(style, theme))
    chart.resize(230, 240)                     # the by-category pane beside the trend at 1280 x 720
    chart.show()
    chart.set_title("Blocking by agent")
    chart.empty_message = REASON
    chart.set_bars("agent", [], [], [], "%")
    qtbot.waitExposed(chart)
    assert chart.is_empty() and chart._stack.currentWidget() is chart.empty_label
    left, right, width = _ink_columns(chart)
    assert width >= 200
    assert left >= 8 and width - 1 - right >= 8, (left, right, width)
    # wrapped inside the margins, whole: the reason takes several lines, all of them within the label's height
    lines = chart.empty_label.heightForWidth(width) / chart.empty_label.fontMetrics().lineSpacing()
    assert lines >= 4 and chart.empty_label.heightForWidth(width) <= chart.empty_label.height()

"""An axis caption keeps its descenders (s12-shots-svqps, sv 21_chart_2_scores at 1366 x 768: "givet betyg" read
"qivet betyq", the bar caption's "(högst)" lost the foot of its "g" and brackets). pyqtgraph draws a caption 5 px past
its axis; the plot's margin below and left of it must hold that. Checked on the drawn pixels: the viewport's edge row
(or column) beside the caption holds no ink."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop_app.charts.histogram_chart import HistogramChart

from .helpers import shown

DESCENDERS = "gjpqy gjpqy gjpqy"


def _ink(image: QImage, points) -> list[tuple[int, int]]:
    return [(x, y) for x, y in points if image.pixelColor(x, y).lightness() < 200]


@pytest.mark.parametrize("size", [(600, 260), (370, 150)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_axis_captions_are_not_cut_at_the_chart_edge(qtbot, size) -> None:
    chart = shown(qtbot, HistogramChart("NPS"), *size)
    chart.plot_item.setLabel("bottom", DESCENDERS)
    chart.plot_item.setLabel("left", DESCENDERS)
    chart.set_distribution(list(range(11)), [0, 1, 2, 3, 10, 50, 100, 200, 250, 300, 380])
    qtbot.wait(50)
    view = chart.plot_widget.viewport()
    image = view.grab().toImage()
    bottom = chart.plot_item.getAxis("bottom").label.sceneBoundingRect()
    left = chart.plot_item.getAxis("left").label.sceneBoundingRect()
    assert bottom.width() > 50 and left.height() > 50        # the captions are drawn
    last_row = [(x, image.height() - 1) for x in range(int(bottom.left()), min(image.width(), int(bottom.right())))]
    first_column = [(0, y) for y in range(max(0, int(left.top())), min(image.height(), int(left.bottom())))]
    assert _ink(image, last_row) == [], "the bottom caption's descenders are cut at the chart's lower edge"
    assert _ink(image, first_column) == [], "the left caption's descenders are cut at the chart's left edge"

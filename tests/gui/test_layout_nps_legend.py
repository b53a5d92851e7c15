"""The NPS chart's legend beside the bars, not over them: at 1280 x 720 the legend row took half of the chart's
170 px and the bars were ~60 px tall with only '50 %' and '100 %' ticks (s7-shots 17, 35; s9-layout
v1/1280x720-en/21_chart_1_nps). A wide chart has the legend right of the plot, a narrow one in a row under it;
either way outside the bars' area, which spans the plot's height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from desktop_app.charts.nps_chart import NpsStackedChart

from .helpers import shown

MONTHS = ["May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026"]


@pytest.mark.parametrize("size", [(1000, 150), (1000, 170), (1300, 260), (420, 240)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_legend_leaves_the_bars_the_plots_height(qtbot, size) -> None:
    chart = shown(qtbot, NpsStackedChart(), *size)
    chart.set_periods(MONTHS, [40.0] * 6, [35.0] * 6, [25.0] * 6)
    qtbot.wait(30)
    box = chart.plot_item.getViewBox()
    view = box.sceneBoundingRect()
    legend = chart._legend.sceneBoundingRect()
    assert legend.height() > 10 and not legend.adjusted(1, 1, -1, -1).intersects(view), (legend, view)  # (1 px: layout rounding)
    hundred = box.mapViewToScene(QPointF(0, 0)).y() - box.mapViewToScene(QPointF(0, 100)).y()
    assert hundred >= 0.75 * view.height(), f"0 to 100 % takes {hundred:.0f} of {view.height():.0f} px"
    if size[0] >= 1000:                                  # (a wide chart: beside, the bars keep the height)
        assert legend.left() >= view.right() - 1

"""Qt objects PySide attaches to a widget that asked for them (issue 16).

``QWidget.screen()`` made the app's QScreen a Python child of the widget, and freeing the widget deleted
the screen (desktop_app/window_size.screen_of, tests/gui/test_gc_thread.py). Two calls of the same kind
remain: ``MainWindow.showEvent`` asks for ``windowHandle()``, and pyqtgraph's export dialog calls
``self.screen()`` when it opens. The first attaches the window's own QWindow, which Qt deletes with the
window anyway (checked: shown windows freed by the collector, then a new one shown, three rounds; only
``windowHandle().screen()`` would attach the screen again, and nothing calls it). The second must stay
out of reach: it opens from a plot's context menu only.
"""

from __future__ import annotations

import pytest

from desktop_app.charts.backlog_chart import BacklogChart
from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.heatmap_chart import HeatmapChart
from desktop_app.charts.histogram_chart import HistogramChart
from desktop_app.charts.nps_chart import NpsStackedChart
from desktop_app.charts.staffing_chart import StaffingChart
from desktop_app.charts.trend_chart import TrendChart


@pytest.mark.parametrize("cls", [TrendChart, BarChart, NpsStackedChart, HistogramChart, BacklogChart, HeatmapChart,
                                 StaffingChart])
def test_no_chart_can_open_pyqtgraphs_export_dialog(qtbot, cls) -> None:
    """pyqtgraph's ExportDialog (its ``show`` calls ``self.screen()``) opens from the plot's or the view's
    context menu: both are off on every chart, which exports through its own actions instead."""
    chart = cls()
    qtbot.addWidget(chart)
    item = chart.plot_widget.getPlotItem()
    assert not item.menuEnabled()
    assert not item.getViewBox().menuEnabled()
    assert item.scene().exportDialog is None

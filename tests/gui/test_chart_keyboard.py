"""A chart's data points are reached and read from the keyboard: once Tab is on a chart, the arrow keys move
a ring from bar to bar (period to period, cell to cell), its value is said in a tooltip and in the chart's
accessible description, and Enter on a bar filters the dashboard to it as a click does."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, Qt

from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.heatmap_chart import HeatmapChart
from desktop_app.charts.point_cursor import keyboard_hint
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.main_window import MainWindow

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame

from ..spacing import read


def _shown(qtbot, chart, width: int = 600, height: int = 260):
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    chart.plot_widget.setFocus(Qt.FocusReason.TabFocusReason)
    return chart


def _press(qtbot, chart, key) -> str:
    """What the chart says after ``key``, its no-break spaces read as spaces (a screen reader says them so)."""
    qtbot.keyClick(chart.plot_widget, key)
    return read(chart.plot_widget.accessibleDescription())


def test_arrow_keys_walk_the_bars_and_say_each_value(qtbot) -> None:
    chart = _shown(qtbot, BarChart("CSAT by agent"))
    names = ["Eva", "Bo", "Ana", "Tim"]
    chart.set_bars("agent", ["e", "b", "a", "t"], names, [91.0, 80.0, 75.5, 60.0], "%", [40, 31, 22, 9])
    assert chart.plot_widget.accessibleDescription() == keyboard_hint()        # before: how to read it
    assert _press(qtbot, chart, Qt.Key.Key_Down) == "Eva: 91.0 % (n = 40)\nEnter filters the dashboard to it (1 of 4)"
    _press(qtbot, chart, Qt.Key.Key_Down)
    said = _press(qtbot, chart, Qt.Key.Key_Down)
    assert said.startswith("Ana: 75.5 % (n = 22)") and said.endswith("(3 of 4)")
    assert _press(qtbot, chart, Qt.Key.Key_Up).startswith("Bo: 80.0 %")
    assert _press(qtbot, chart, Qt.Key.Key_End).startswith("Tim: 60.0 %")
    assert _press(qtbot, chart, Qt.Key.Key_Down).startswith("Tim")           # stays on the last bar
    assert _press(qtbot, chart, Qt.Key.Key_Home).startswith("Eva")
    ring = chart.point_cursor._ring                  # drawn at the end of the highlighted bar
    view = chart.plot_item.getViewBox()
    spot = view.mapViewToScene(ring.pos())
    bar_end = view.mapViewToScene(QPointF(91.0, 0.0))
    assert abs(spot.x() - bar_end.x()) < 1 and abs(spot.y() - bar_end.y()) < 1
    with qtbot.waitSignal(chart.bar_clicked) as clicked:
        qtbot.keyClick(chart.plot_widget, Qt.Key.Key_Return)
    assert clicked.args == ["agent", "e"]
    assert _press(qtbot, chart, Qt.Key.Key_Escape) == keyboard_hint() and chart.point_cursor.index is None
    chart.set_bars("agent", ["x"], ["Xena"], [5.0], "%", [2])      # new data: no stale place
    assert chart.point_cursor.index is None
    assert _press(qtbot, chart, Qt.Key.Key_Right).startswith("Xena: 5.0 %")


def test_a_trend_is_read_period_by_period(qtbot) -> None:
    chart = _shown(qtbot, TrendChart("Tickets per month"))
    months = list(pd.date_range("2026-05-01", periods=3, freq="MS"))
    chart.set_series(months, ["May 2026", "Jun 2026", "Jul 2026"], [120.0, None, 90.0], "count", [120, 0, 90])
    first = _press(qtbot, chart, Qt.Key.Key_Right)
    second = _press(qtbot, chart, Qt.Key.Key_Right)
    assert first.startswith("May 2026: 120") and first.endswith("(1 of 2)")
    assert second.startswith("Jul 2026: 90") and second.endswith("(2 of 2)")       # the gap is skipped


def test_up_and_down_in_the_heat_map_keep_the_hour(qtbot) -> None:
    chart = _shown(qtbot, HeatmapChart())
    matrix = np.arange(7 * 24, dtype=float).reshape(7, 24)
    chart.set_matrix(matrix)
    for _ in range(9):
        said = _press(qtbot, chart, Qt.Key.Key_Right)
    assert said.startswith("Mon 08:00-08:59: 8 contacts")
    assert _press(qtbot, chart, Qt.Key.Key_Down).startswith("Tue 08:00-08:59: 32 contacts")


def test_in_the_window_enter_on_a_bar_filters_the_dashboard(qtbot, settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    state = window.state
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(120))))
    window.stack.setCurrentWidget(window.workspace)
    bars = window.workspace.chart_area.bars
    qtbot.waitUntil(lambda: bool(bars.data_points()), timeout=30000)
    bars.plot_widget.setFocus(Qt.FocusReason.TabFocusReason)
    said = _press(qtbot, bars, Qt.Key.Key_Down)
    first = bars.keys()[0]
    assert said.startswith(f"{first}: ")
    with qtbot.waitSignal(state.filters_changed, timeout=5000):
        qtbot.keyClick(bars.plot_widget, Qt.Key.Key_Return)
    assert state.filters.categories == {"agent": (first,)}

"""A value axis whose range starts at 0 (bars, a backlog area filled down to the axis, the score counts) names its
"0" at its foot, as the deck's and the workbook's charts do: the label, centred on the axis's end, lay half past
it and pyqtgraph left it out (21_chart_3_backlog read 20 … 100 over a fill running to the axis, the bars 10 … 40).
A trend line keeps its range framed round the line, without a 0 it does not reach."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop_app.charts.backlog_chart import BacklogChart
from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.histogram_chart import HistogramChart
from desktop_app.charts.trend_chart import TrendChart

from .chart_texts import all_texts, readability_problems


def _shown(qtbot, chart, size=(520, 260)):
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def _ticks(chart, axis: str) -> list[str]:
    return [t.text for t in all_texts(chart.plot_item) if t.what == f"{axis} tick"]


QUARTERS = list(pd.period_range("2026-04", periods=3, freq="Q").to_timestamp())


@pytest.mark.parametrize("size", [(520, 260), (410, 150)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_backlog_area_names_the_0_it_is_filled_down_to(qtbot, size):
    chart = _shown(qtbot, BacklogChart(), size)
    chart.set_series(QUARTERS, ["Q2", "Q3", "Q4"], [60, 100, 92], "quarter")
    qtbot.waitUntil(lambda: "100" in _ticks(chart, "left"), timeout=3000)
    assert _ticks(chart, "left")[0] == "0"
    assert readability_problems(chart.plot_widget) == []          # the "0" over nothing, inside the chart


def test_bars_name_the_0_they_start_from(qtbot):
    chart = _shown(qtbot, BarChart("Average speed of answer by queue"))
    chart.set_bars("queue", ["a", "b", "c"], ["Sales", "Support", "Billing"], [12.0, 35.0, 40.0], "seconds", [5] * 3)
    qtbot.waitUntil(lambda: "40" in _ticks(chart, "bottom"), timeout=3000)
    assert "0" in _ticks(chart, "bottom")
    assert readability_problems(chart.plot_widget) == []


def test_the_score_counts_name_their_0(qtbot):
    chart = _shown(qtbot, HistogramChart())
    chart.set_distribution([1, 2, 3, 4, 5], [30, 50, 120, 300, 260])
    qtbot.waitUntil(lambda: "300" in _ticks(chart, "left"), timeout=3000)
    assert _ticks(chart, "left")[0] == "0"


def test_a_trend_line_stays_framed_round_its_values(qtbot):
    """The window's rule for trend lines (the deck frames them too): 82 … 88 % is not drawn from 0."""
    chart = _shown(qtbot, TrendChart("CSAT"))
    months = list(pd.date_range("2026-01-01", periods=6, freq="MS"))
    chart.set_series(months, [""] * 6, [82.0, 84.0, 85.5, 86.0, 87.0, 88.0], "%", None, None, "month")
    qtbot.waitUntil(lambda: len(_ticks(chart, "left")) >= 2, timeout=3000)
    assert "0" not in _ticks(chart, "left")
    low, _high = chart.plot_item.getViewBox().viewRange()[1]
    assert low > 70

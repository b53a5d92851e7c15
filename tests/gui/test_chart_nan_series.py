"""A series with no value at all (a KPI none of whose periods has data, the last period's "so far" segment
without a value, a staffing curve without service levels) draws nothing and prints nothing: handed to
pyqtgraph with its points, every repaint printed numpy's "All-NaN slice encountered" on stderr (three times
in an hour's soak, issue 16)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from desktop_app.charts.export import render_image
from desktop_app.charts.staffing_chart import StaffingChart
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.report_pngs import plot_chart
from metrics_core.export.model import ChartData

MONTHS = list(pd.date_range("2026-05-01", periods=4, freq="MS"))
LABELS = ["May", "Jun", "Jul", "Aug"]


def _runtime_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [f"{w.filename}:{w.lineno}: {w.message}" for w in caught if issubclass(w.category, RuntimeWarning)]


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()                   # a paint: bounds are asked again then
    return widget


def test_a_trend_without_any_value_warns_nothing(qtbot) -> None:
    chart = _shown(qtbot, TrendChart("CSAT"))
    assert _runtime_warnings(lambda: (chart.set_series(MONTHS, LABELS, [None] * 4, "percent", granularity="month"),
                                      qtbot.wait(20), chart.grab())) == []
    assert chart.is_empty()


def test_a_last_period_so_far_without_a_value_warns_nothing(qtbot) -> None:
    chart = _shown(qtbot, TrendChart("CSAT"))
    assert _runtime_warnings(lambda: (chart.set_series(MONTHS, LABELS, [80.0, 82.0, None, None], "percent",
                                                       granularity="month", last_incomplete=True),
                                      chart.grab())) == []
    x, y = chart.points()
    assert np.isfinite(y).sum() == 2 and len(chart.data_points()) == 2       # the two values are still drawn


def test_a_staffing_curve_without_service_levels_warns_nothing(qtbot) -> None:
    chart = _shown(qtbot, StaffingChart())
    assert _runtime_warnings(lambda: (chart.set_curve([10, 11, 12], [np.nan] * 3), chart.grab())) == []


def test_a_report_image_with_an_empty_series_warns_nothing(qtbot) -> None:
    frame = pd.DataFrame({"CSAT": [80.0, 82.0, 81.0, 84.0], "Email": [np.nan] * 4}, index=pd.Index(LABELS))
    chart = ChartData("csat-month", "CSAT by month", "surveys", "line", "%", frame, "csat", "month",
                      period_starts=[m.strftime("%Y-%m-%d") for m in MONTHS])

    def draw() -> None:
        widget = plot_chart(chart)
        qtbot.addWidget(widget)
        render_image(widget, 800, 450)

    assert _runtime_warnings(draw) == []

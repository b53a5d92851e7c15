"""Periods the data covers only in part are marked on the trend without lengthening the axis labels: a hollow
point on a dashed step and one legend line ("partial week"). The last partial week was named "26 oct. (până acum)"
and the Romanian week axis then named only 3 of the latest month's 5 weeks; the first week of a month (28 Sep,
with 4 days outside the month) was not marked at all (s9-layout v4/1366x768-ro/25_latest_month, s7-shots 51)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QColor

from metrics_core.report_view.partial import partial_words
from desktop_app.charts.time_axis import to_epoch_seconds
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.i18n import apply_language

from .chart_texts import drawn_tick_texts

WEEKS = list(pd.date_range("2026-09-28", periods=5, freq="7D"))       # the weeks of October 2026


def shown_trend(qtbot, lang: str, width: int, height: int) -> TrendChart:
    apply_language(lang)
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def point_fills(chart: TrendChart, x: float) -> list[QColor]:
    """The fills of the points drawn at ``x``, bottom to top."""
    import pyqtgraph as pg

    fills = []
    for item in chart.plot_item.listDataItems():
        xs, _ys = item.getData()
        if item.opts.get("symbol") is None or xs is None:
            continue
        for i in np.flatnonzero(np.isclose(xs, x)):
            brush = item.opts["symbolBrush"]
            fills.append(pg.mkBrush(brush[i] if isinstance(brush, list) else brush).color())
    return fills


@pytest.mark.parametrize("lang", ["en", "sl", "ro", "sv", "sr"])
def test_both_partial_weeks_are_hollow_and_every_week_of_the_month_is_named(qtbot, lang) -> None:
    chart = shown_trend(qtbot, lang, 620, 200)          # the trend's size on a 1366 x 768 laptop
    chart.set_series(WEEKS, [""] * 5, [80.0, 82.7, 90.9, 85.9, 81.3], "%", granularity="week",
                     first_incomplete=True, last_incomplete=True)
    qtbot.wait(50)
    names = [text for _rect, text in drawn_tick_texts(chart.plot_item.getAxis("bottom"))]
    assert len(names) == 5, f"{lang}: {names}"
    assert all(len(name) <= 12 for name in names), names           # no "(so far)" on a label
    x = to_epoch_seconds(WEEKS)
    background, series = QColor(chart.theme.background), QColor(chart.theme.series)
    assert point_fills(chart, x[0])[-1] == background and point_fills(chart, x[-1])[-1] == background
    assert all(point_fills(chart, v)[-1] == series for v in x[1:-1])
    legend = chart._legend
    assert legend is not None and [label.text for _sample, label in legend.items] == [partial_words("week")]
    assert "not complete" in chart._hover_text(x[0], 80.0) or lang != "en"


def test_no_partial_period_no_legend(qtbot) -> None:
    chart = shown_trend(qtbot, "en", 620, 200)
    chart.set_series(WEEKS, [""] * 5, [1.0, 2, 3, 4, 5], "count", granularity="week", last_incomplete=True)
    assert chart._legend is not None
    months = list(pd.date_range("2026-05-01", periods=6, freq="MS"))
    chart.set_series(months, [""] * 6, [1.0, 2, 3, 4, 5, 6], "count", granularity="month")
    assert chart._legend is None
    assert all(fill == QColor(chart.theme.series) for v in to_epoch_seconds(months) for fill in point_fills(chart, v))


def test_a_month_chosen_from_its_first_day_starts_with_a_partial_week_not_a_partial_month() -> None:
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.report_view.partial import partial_periods

    def first_period_incomplete(bundle, metric_id, filters, by, start) -> bool:
        return 0 in partial_periods(bundle, metric_id, filters, by, [start, start + pd.Timedelta(days=400)])

    from .helpers import make_dataset, tickets_frame

    frame = tickets_frame(400)
    bundle = DataBundle([make_dataset("t", "tickets", frame)])
    first = frame["created_at"].min()
    february = Filters(date_from=pd.Timestamp("2024-02-01"), date_to=pd.Timestamp("2024-03-01"))   # from a Thursday
    assert first < pd.Timestamp("2024-02-01"), "the test file must reach back before February"
    assert first_period_incomplete(bundle, "request_volume", february, "week", pd.Timestamp("2024-01-29"))
    assert not first_period_incomplete(bundle, "request_volume", february, "month", pd.Timestamp("2024-02-01"))
    monday = first.normalize() - pd.Timedelta(days=first.day_of_week)
    assert first_period_incomplete(bundle, "request_volume", Filters(), "week", monday) == (first.normalize() > monday)
    assert not first_period_incomplete(bundle, "request_volume", Filters(), "day", first.normalize())


def test_the_reports_chart_images_mark_the_partial_weeks_too(qtbot) -> None:
    """The report's images are drawn from its charts (JSON for the command line), which now carry the positions
    of the partial periods."""
    from metrics_core.export.model import ChartData
    from metrics_core.metrics.periods import partial_positions
    from desktop_app.report_pngs import plot_chart

    apply_language("en")
    seen = (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31 17:00"))      # October, Thursday to Saturday
    assert partial_positions(WEEKS, "week", seen) == [0, 4]
    months = list(pd.date_range("2026-05-01", periods=6, freq="MS"))
    assert partial_positions(months, "month", (pd.Timestamp("2026-05-01 08:00"), seen[1])) == []
    frame = pd.DataFrame({"CSAT": [80.0, 82.7, 90.9, 85.9, 81.3]},
                         index=pd.Index(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"], dtype=object))
    chart = ChartData("csat-by-week", "CSAT by week", "customer_experience", "line", "%", frame, "csat", "week",
                      period_starts=[w.date().isoformat() for w in WEEKS], partial=[0, 4])
    chart = ChartData.from_dict(chart.to_dict())              # (as the command line reads it)
    assert chart.partial == [0, 4]
    widget = plot_chart(chart)
    qtbot.addWidget(widget)
    white = QColor("#ffffff")

    class Drawn:                      # point_fills reads a chart's plot item
        plot_item = widget.getPlotItem()

    assert point_fills(Drawn, 0.0)[-1] == white and point_fills(Drawn, 4.0)[-1] == white
    assert all(point_fills(Drawn, float(i))[-1] != white for i in (1, 2, 3))
    legend = widget.getPlotItem().legend
    assert legend is not None and partial_words("week") in [label.text for _sample, label in legend.items]


def test_the_partial_legend_sits_beside_a_laptops_trend_not_under_it(qtbot) -> None:
    """Under the plot it took a row of the 150 px trend at 1280 x 720 (the plot was 60 px tall)."""
    chart = shown_trend(qtbot, "en", 600, 160)
    chart.set_series(WEEKS, [""] * 5, [80.0, 82.7, 90.9, 85.9, 81.3], "%", granularity="week", last_incomplete=True)
    qtbot.wait(50)
    view = chart.plot_item.getViewBox().sceneBoundingRect()
    legend = chart._legend.sceneBoundingRect()
    assert legend.left() >= view.right() - 1, (legend, view)
    assert view.height() >= 90, view

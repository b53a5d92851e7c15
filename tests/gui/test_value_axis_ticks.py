"""A value axis has numbers to read the line or the bars against: the staffing trend (agents needed, 2 every month)
showed one tick, its own "2"; the report image of the NPS shares hid its "0" (and s12 saw it with "100" alone)."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop_app.charts.export import render_image
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.report_pngs import plot_chart
from metrics_core.i18n import language

from ..core.export.sample import make_report
from .chart_texts import drawn_tick_texts
from .helpers import shown


@pytest.mark.parametrize("values, ticks", [([2] * 6, ["1", "2", "3"]), ([1] * 6, ["0", "1", "2"]),
                                           ([2, 2, 3, 2, 2, 2], ["1", "2", "3", "4"]),
                                           ([0] * 6, ["0", "1"])])
@pytest.mark.parametrize("height", [170, 260])
def test_a_flat_whole_number_trend_has_ticks_either_side(qtbot, values, ticks, height) -> None:
    chart = shown(qtbot, TrendChart("Agents needed (Erlang C)"), 600, height)
    periods = list(pd.date_range("2026-05-01", periods=len(values), freq="MS"))
    chart.set_series(periods, [p.strftime("%b") for p in periods], values, "count", granularity="month")
    qtbot.wait(20)
    axis = chart.plot_item.getAxis("left")
    assert [text for _rect, text in drawn_tick_texts(axis)] == ticks
    low, high = chart.plot_item.viewRange()[1]
    assert low >= -0.5 or min(values) < 0                 # a count's axis does not reach far under 0


@pytest.mark.parametrize("code", ["en", "sl"])
@pytest.mark.parametrize("size", [(1000, 500), (1920, 1080)])
def test_the_report_image_of_nps_shares_labels_0_to_100(qtbot, code, size) -> None:
    with language(code):
        chart = next(c for c in make_report().charts if c.kind == "stacked")
        widget = plot_chart(chart)
    qtbot.addWidget(widget)
    render_image(widget, *size)
    axis = widget.getPlotItem().getAxis("left")
    drawn = drawn_tick_texts(axis)
    assert [text for _rect, text in drawn] == ["0", "20", "40", "60", "80", "100"]
    image_bottom = widget.getPlotItem().mapRectFromItem(axis, axis.boundingRect()).bottom()
    zero = next(axis.mapRectToItem(widget.getPlotItem(), rect) for rect, text in drawn if text == "0")
    assert zero.bottom() <= widget.getPlotItem().boundingRect().bottom() and image_bottom > 0

"""Charts people can read at any size: date ticks named as people name periods, no label drawn over
another or cut at the edge (checked on the drawn text rectangles), the incomplete last period marked,
no pyqtgraph controls, a loading state, the colour-blind-safe palette and the window's dark theme."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QColor, QPalette

from desktop_app import style
from desktop_app.charts.nps_chart import NpsStackedChart
from desktop_app.charts.trend_chart import TrendChart

from .chart_texts import drawn_tick_texts


def assert_readable(axis) -> list[str]:
    """No two labels overlap and none leaves the axis; returns the texts."""
    drawn = drawn_tick_texts(axis)
    bounds = axis.mapRectFromParent(axis.geometry())
    rects = sorted((rect for rect, _ in drawn), key=lambda r: r.left())
    for a, b in zip(rects, rects[1:]):
        assert a.right() <= b.left(), f"labels overlap: {drawn}"
    for rect in rects:
        assert rect.left() >= bounds.left() - 0.5 and rect.right() <= bounds.right() + 0.5, f"label cut: {drawn}"
    return [text for _rect, text in sorted(drawn, key=lambda d: d[0].left())]


def _shown(qtbot, chart, width: int, height: int = 300):
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.wait(30)
    return chart


@pytest.mark.parametrize("width", [320, 520, 900])
def test_a_two_year_monthly_trend_is_named_by_months_without_overlap(qtbot, width) -> None:
    months = list(pd.date_range("2024-01-01", periods=24, freq="MS"))
    chart = _shown(qtbot, TrendChart(), width)
    chart.set_series(months, [m.strftime("%Y-%m") for m in months], list(np.linspace(70, 90, 24)), "%",
                     None, 15.0, "month")
    qtbot.wait(30)
    texts = assert_readable(chart.plot_item.getAxis("bottom"))
    assert len(texts) >= 2
    assert all(t.split()[0] in {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
               for t in texts), texts                    # "Jan 2024" or "Mar", never "Jan03" or "Fe02"
    assert texts[-1].startswith("Dec")                    # the latest period is always named


def test_a_104_week_nps_chart_names_weeks_and_never_overlaps(qtbot) -> None:
    weeks = list(pd.date_range("2021-01-04", periods=104, freq="7D"))
    chart = _shown(qtbot, NpsStackedChart(), 640)
    shares = np.full(104, 100 / 3)
    chart.set_periods([f"w{i}" for i in range(104)], list(shares), list(shares), list(shares), weeks, "week")
    qtbot.wait(30)
    texts = assert_readable(chart.plot_item.getAxis("bottom"))
    assert 3 <= len(texts) < 20
    assert not any("W" in t and "-" in t for t in texts)       # no "2021-W01"
    assert texts[-1] in ("26 Dec", "week of 26 Dec")        # 2021-01-04 + 103 weeks


def test_the_target_label_is_inside_the_plot_and_the_title_is_not_cut(qtbot) -> None:
    months = list(pd.date_range("2026-05-01", periods=6, freq="MS"))
    chart = _shown(qtbot, TrendChart(), 300)
    chart.set_title("Call abandonment rate by topic")
    chart.set_series(months, [""] * 6, [12, 14, 16, 13, 15, 18], "%", None, 15.0, "month")
    qtbot.wait(30)
    label = chart.target_line.label
    assert label.toPlainText().startswith("target 15")
    view = chart.plot_item.getViewBox().sceneBoundingRect()
    assert view.contains(label.sceneBoundingRect()), "the target label is cut at the plot's edge"
    lines = chart.title_shown()
    assert " ".join(lines) == "Call abandonment rate by topic"          # two lines, not "…by to…"
    assert not any(line.endswith("\u2026") for line in lines)


def test_the_incomplete_last_week_is_marked_not_drawn_as_a_collapse(qtbot) -> None:
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.report_view.partial import partial_periods

    def last_period_incomplete(bundle, metric_id, filters, by, start) -> bool:
        return 1 in partial_periods(bundle, metric_id, filters, by, [start - pd.Timedelta(days=400), start])

    from .helpers import make_dataset, tickets_frame

    frame = tickets_frame(200)
    last = frame["created_at"].max()
    bundle = DataBundle([make_dataset("t", "tickets", frame)])
    monday = last.normalize() - pd.Timedelta(days=last.day_of_week)
    whole_week_end = monday + pd.Timedelta(days=6)
    assert last_period_incomplete(bundle, "request_volume", Filters(), "week", monday) == (last < whole_week_end)
    ends_sunday = Filters(date_to=monday - pd.Timedelta(days=1))
    assert not last_period_incomplete(bundle, "request_volume", ends_sunday, "week", monday - pd.Timedelta(days=7))
    assert last_period_incomplete(bundle, "request_volume", Filters(date_to=monday + pd.Timedelta(days=1)), "week",
                                  monday)
    weeks = list(pd.date_range("2026-01-05", periods=8, freq="7D"))
    chart = _shown(qtbot, TrendChart(), 700)
    chart.set_series(weeks, [""] * 8, [400, 410, 395, 402, 398, 405, 400, 110], "count", None, None, "week",
                     last_incomplete=True)
    qtbot.wait(30)
    texts = assert_readable(chart.plot_item.getAxis("bottom"))
    assert "so far" not in texts[-1]          # marked by its hollow point and the legend, not a longer label
    assert "not complete" in chart._hover_text(chart.points()[0][-1], 110)
    dashed, solid, _hollow = chart.plot_item.listDataItems()
    assert len(solid.xData) == 7 and len(dashed.xData) == 2      # the last step drawn apart, dashed


def test_no_pyqtgraph_controls_and_a_loading_state_instead_of_empty_axes(qtbot) -> None:
    chart = _shown(qtbot, TrendChart(), 400)
    assert chart.is_loading()                          # not "0.250 / 0.500" axes before the data
    assert not chart.plot_item.autoBtn.isVisible()
    assert not chart.plot_widget.getPlotItem().getViewBox().menuEnabled()
    months = list(pd.date_range("2026-05-01", periods=3, freq="MS"))
    chart.set_series(months, [""] * 3, [1.0, 2.0, 3.0], "count", None, None, "month")
    assert not chart.is_loading()
    assert not chart.plot_item.autoBtn.isVisible()


CHART_CLASSES = ("backlog_chart.BacklogChart", "bar_chart.BarChart", "heatmap_chart.HeatmapChart",
                 "histogram_chart.HistogramChart", "nps_chart.NpsStackedChart", "staffing_chart.StaffingChart",
                 "trend_chart.TrendChart")


@pytest.mark.parametrize("name", CHART_CLASSES)
def test_every_chart_starts_in_its_loading_state_without_pyqtgraph_controls(qtbot, name) -> None:
    """Every chart of the window, not only the trend: before its data it says it is loading and draws no axes
    (the issue's "00.250 / 00.500"), and it has no pyqtgraph control — no "A" button, no view box menu in any of
    its view boxes (the staffing chart has a second one for its ASA axis)."""
    import importlib

    import pyqtgraph as pg

    from desktop_app.charts.base_chart import ChartWidget

    module, cls = name.split(".")
    chart = _shown(qtbot, getattr(importlib.import_module(f"desktop_app.charts.{module}"), cls)(), 400)
    assert isinstance(chart, ChartWidget)
    assert chart.is_loading() and not chart.plot_widget.isVisible() and chart.empty_label.isVisible()
    item = chart.plot_item                   # pyqtgraph shows its "A" once the mouse is over a plot whose range
    item.mouseHovering = True                # the owner changed (a wheel turn): as if so
    item.getViewBox().disableAutoRange()
    item.updateButtons()
    assert not item.autoBtn.isVisible()
    boxes = [item for item in chart.plot_widget.scene().items() if isinstance(item, pg.ViewBox)]
    assert boxes and not any(box.menuEnabled() for box in boxes)


def test_the_chart_classes_listed_are_every_chart_of_the_window() -> None:
    import pkgutil

    import desktop_app.charts as charts
    from desktop_app.charts.base_chart import ChartWidget

    for info in pkgutil.iter_modules(charts.__path__):
        __import__(f"desktop_app.charts.{info.name}")
    every = {f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}" for c in ChartWidget.__subclasses__()}
    assert every == set(CHART_CLASSES)


def test_one_colour_blind_safe_palette_for_window_and_reports() -> None:
    from metrics_core.export.chart_data import PALETTE

    okabe_ito = {"0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "000000", "F0E442"}
    assert set(PALETTE) <= okabe_ito and len(PALETTE) >= 6
    assert style.SERIES == tuple(f"#{c}" for c in PALETTE)
    # the NPS parts (the stacked bars, the score histogram) come from the same palette, in the window and the
    # reports; the heat map is one hue getting darker, read by lightness alone whatever the colour vision
    from metrics_core.export.chart_data import HEAT_STOPS, NPS_COLOURS

    assert set(NPS_COLOURS.values()) <= okabe_ito
    assert (style.PROMOTERS, style.PASSIVES, style.DETRACTORS) == tuple(
        f"#{NPS_COLOURS[k]}" for k in ("Promoters", "Passives", "Detractors"))
    lightness = [QColor(*rgb).lightness() for _stop, rgb in HEAT_STOPS]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == len(lightness)


def test_charts_follow_a_dark_window_and_export_on_white(qtbot) -> None:
    from desktop_app.charts.export import render_image

    chart = _shown(qtbot, TrendChart(), 500)
    months = list(pd.date_range("2026-05-01", periods=4, freq="MS"))
    chart.set_series(months, [""] * 4, [1.0, 2.0, 3.0, 2.0], "count", None, None, "month")
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    chart.setPalette(dark)
    qtbot.wait(20)
    assert chart.theme.dark
    assert chart.plot_widget.backgroundBrush().color().lightness() < 80
    image = render_image(chart, 800, 450)
    assert QColor(image.pixel(3, 3)).lightness() > 245            # the exported image is on white
    assert chart.theme.dark                                         # and the window keeps its dark chart


def test_bar_names_never_overlap_when_the_chart_is_short(qtbot) -> None:
    from desktop_app.charts.bar_chart import BarChart

    chart = _shown(qtbot, BarChart(), 420, 170)
    names = [f"Agent number {i}" for i in range(20)]
    chart.set_bars("agent", names, names, list(range(20, 0, -1)), "count", [5] * 20)
    axis = chart.plot_item.getAxis("left")
    qtbot.waitUntil(lambda: len(drawn_tick_texts(axis)) >= 3, timeout=5000)      # laid out once shown
    drawn = sorted((rect for rect, _ in drawn_tick_texts(chart.plot_item.getAxis("left"))), key=lambda r: r.top())
    assert len(drawn) >= 3
    for above, below in zip(drawn, drawn[1:]):
        assert above.bottom() <= below.top(), "bar names drawn over each other"

"""Charts: plotted data and ranges, epoch seconds on time axes, clicks and hover."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop_app.charts.backlog_chart import BacklogChart
from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.heatmap_chart import HeatmapChart
from desktop_app.charts.histogram_chart import HistogramChart
from desktop_app.charts.nps_chart import NpsStackedChart
from desktop_app.charts.staffing_chart import StaffingChart
from desktop_app.charts.time_axis import to_epoch_seconds
from desktop_app.charts.trend_chart import TrendChart

from ..spacing import nb


def test_epoch_seconds_are_seconds_for_any_unit() -> None:
    us = pd.DatetimeIndex(["2024-01-01", "2024-02-01"]).as_unit("us")
    ns = pd.DatetimeIndex(["2024-01-01", "2024-02-01"]).as_unit("ns")
    expected = [1704067200.0, 1706745600.0]           # worked out: 19723 days * 86400, +31 days
    assert list(to_epoch_seconds(us)) == expected
    assert list(to_epoch_seconds(ns)) == expected
    assert list(to_epoch_seconds([pd.Timestamp("2024-01-01")])) == [1704067200.0]
    assert to_epoch_seconds([]).dtype == float


def test_trend_plots_floats_with_target_line(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    periods = [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01")]
    chart.set_series(periods, ["2024-01", "2024-02", "2024-03"], [60.0, None, 72.0], "%", [50, 0, 100], target=80.0)
    x, y = chart.points()
    assert x.dtype == float and x[0] == 1704067200.0
    assert np.isnan(y[1]) and y[2] == 72.0
    curve = chart.plot_item.listDataItems()[0]
    assert curve.xData.dtype.kind == "f"
    lo, hi = chart.plot_item.getViewBox().viewRange()[1]
    assert lo < 60 and hi > 80                               # target visible
    assert chart.target == 80.0
    assert chart.data_table()["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert nb("72.0 %") in chart._hover_text(x[2], 70) and "n = 100" in chart._hover_text(x[2], 70)


def test_a_trend_point_s_hover_names_its_period_as_the_axis_does(qtbot) -> None:
    """s14-qt14's 71_tooltip_trend_point (sl): hovering a point read "2026-08: 81,2 % (n = 409)", the period as
    the table's ISO label, under an axis that names it "avg. 2026"."""
    from metrics_core.i18n import language

    with language("sl"):
        chart = TrendChart()
        qtbot.addWidget(chart)
        periods = [pd.Timestamp("2026-07-01"), pd.Timestamp("2026-08-01")]
        chart.set_series(periods, ["2026-07", "2026-08"], [80.0, 81.2], "%", [400, 409], granularity="month")
        x, _y = chart.points()
        text = chart._hover_text(x[1], 81)
    assert text.startswith("avg. 2026: ") and "2026-08" not in text and "n = 409" in text, text
    assert chart.data_table()["period"].tolist() == ["2026-07", "2026-08"]      # the copied table keeps its labels


def test_bar_click_emits_the_category(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars("agent", ["Eva", "Bo", "Ana"], ["Eva", "Bo", "Ana"], [50.0, 90.0, None], "%", [10, 20, 0])
    table = chart.data_table()
    assert table["category"].tolist() == ["Bo", "Eva", "Ana"]           # largest first, no value last
    with qtbot.waitSignal(chart.bar_clicked) as blocker:
        chart.click_bar(1)
    assert blocker.args == ["agent", "Eva"]
    assert "Bo: " + nb("90.0 %") in chart._hover_text(0, 0.1)
    assert chart._hover_text(0, 0.5) is None


def test_nps_stack_sums_to_100(qtbot) -> None:
    chart = NpsStackedChart()
    qtbot.addWidget(chart)
    chart.set_periods(["Jan", "Feb"], [70.0, 50.0], [20.0, 30.0], [10.0, 20.0])
    t = chart.data_table()
    assert t["nps"].tolist() == [60.0, 30.0]
    bars = [i for i in chart.plot_item.items if type(i).__name__ == "BarGraphItem"]
    assert len(bars) == 3
    assert "NPS 60" in chart._hover_text(0.0, 50)


@pytest.mark.parametrize("lang, hundred", [("en", "100\u00a0%"), ("ro", "100\u00a0%"), ("sr", "100%")])
def test_nps_share_axis_writes_percent_as_the_language_does(qtbot, lang, hundred) -> None:
    """The Serbian NPS chart read "100 %" on its axis beside "80,1%" on the cards (a hard-coded " %")."""
    from desktop_app.i18n import apply_language

    apply_language(lang)
    chart = NpsStackedChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    chart.set_periods(["Jan", "Feb"], [70.0, 50.0], [20.0, 30.0], [10.0, 20.0])
    qtbot.waitUntil(lambda: bool(chart.plot_item.getAxis("left")._tickLevels))
    labels = [text for _value, text in chart.plot_item.getAxis("left")._tickLevels[0]]
    assert labels[-1] == hundred, labels


def test_histogram_heatmap_backlog_staffing(qtbot) -> None:
    hist = HistogramChart()
    qtbot.addWidget(hist)
    hist.set_distribution([1, 2, 3, 4, 5], [1, 0, 3, 10, 6])
    assert hist.data_table()["count"].sum() == 20
    assert "10 answers (50.0 %)" in hist._hover_text(4.1, 1)
    heat = HeatmapChart()
    qtbot.addWidget(heat)
    m = np.zeros((7, 24))
    m[0, 9] = 12
    heat.set_matrix(m)
    assert heat.matrix()[0, 9] == 12
    assert heat._hover_text(9.5, 0.5) == "Mon 09:00-09:59: 12 contacts"
    assert heat.data_table().loc[0, "09"] == 12
    assert heat._scale.levels() == (0, 12)        # the colour scale runs from no contacts to the busiest hour
    backlog = BacklogChart()
    qtbot.addWidget(backlog)
    backlog.set_series([pd.Timestamp("2024-01-31"), pd.Timestamp("2024-02-29")], ["Jan", "Feb"], [5, 8])
    assert backlog.data_table()["open"].tolist() == [5, 8]
    staffing = StaffingChart()
    qtbot.addWidget(staffing)
    staffing.set_curve([3, 4, 5], [40.0, 75.0, 90.0], 80.0, 5)
    assert staffing.data_table()["agents"].tolist() == [3, 4, 5]
    assert "75.0 %" in staffing._hover_text(4.2, 50)


@pytest.mark.parametrize("cls", [TrendChart, BarChart, NpsStackedChart, HistogramChart, BacklogChart, HeatmapChart,
                                 StaffingChart])
def test_empty_charts_are_empty(qtbot, cls) -> None:
    chart = cls()
    qtbot.addWidget(chart)
    assert chart.is_empty()


def test_context_menu_export_hooks_work_on_our_charts(qtbot, tmp_path) -> None:
    from PySide6.QtGui import QImage

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_title("CSAT by agent")
    chart.set_bars("agent", ["Eva", "Bo"], ["Eva", "Bo"], [80.0, 70.0], "%", [10, 12])
    labels = [label for label, _ in chart.export_actions()]
    assert labels == ["Copy image", "Copy data", "Save as PNG\u2026", "Save as SVG\u2026"]
    dict(chart.export_actions())["Copy data"]()
    from PySide6.QtGui import QGuiApplication

    text = QGuiApplication.clipboard().text()
    assert text.splitlines()[0].split("\t") == ["category", "value", "n"]
    assert text.splitlines()[1].split("\t")[0] == "Eva"
    from desktop_app.charts.export import export_png

    export_png(chart, tmp_path / "bars.png", 800, 450, False)
    image = QImage(str(tmp_path / "bars.png"))
    assert (image.width(), image.height()) == (800, 450)


def test_empty_chart_explains_itself(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_title("CSAT per month")
    chart.set_series([pd.Timestamp("2024-01-01")], ["2024-01"], [None], "%")
    chart.update_empty_state("No CSAT values per month for these filters.")
    assert chart.is_empty()
    assert "No CSAT values" in chart.empty_label.text()
    assert chart._stack.currentWidget() is chart.empty_label
    chart.set_series([pd.Timestamp("2024-01-01")], ["2024-01"], [80.0], "%")
    assert chart._stack.currentWidget() is chart.plot_widget


def test_duration_axes_read_in_hours(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    periods = [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    chart.set_series(periods, ["2024-01", "2024-02"], [7200.0, 10800.0], "seconds", [5, 6], target=9000.0)
    curve = chart.plot_item.listDataItems()[0]
    assert list(curve.yData) == [2.0, 3.0]                            # 7200 s = 2 h
    assert chart.plot_item.getAxis("left").labelText == "hours"
    assert chart.data_table()["value"].tolist() == [7200.0, 10800.0]  # the table keeps seconds
    x, _ = chart.points()
    assert chart._hover_text(x[0], 2) == f"2024-01: {nb('2 h 00 min')} (n = 5)"
    bars = BarChart()
    qtbot.addWidget(bars)
    bars.set_bars("agent", ["Eva"], ["Eva"], [300.0], "seconds")
    assert bars.caption().startswith("minutes \u00b7 ")     # (and how the bars are ordered)


def test_nps_scores_chart_shows_the_whole_scale(qtbot) -> None:
    from types import SimpleNamespace

    from desktop_app.charts import feed

    chart = HistogramChart()
    qtbot.addWidget(chart)
    feed.show_distribution(chart, SimpleNamespace(distribution={"nps_score": [(7, 4), (9, 10), (10, 6)]}))
    table = chart.data_table()
    assert table.iloc[:, 0].tolist() == list(range(11))           # 0 to 10, as the title says
    assert table["count"].tolist() == [0] * 7 + [4, 0, 10, 6]


def test_bars_of_rows_without_a_value_say_what_is_missing(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    from metrics_core.report_view.catalogue import group_label

    chart.set_bars("agent", ["Eva", None], [group_label("agent", g) for g in ("Eva", "(none)")], [40.0, 95.0],
                   "seconds", [10, 3])
    assert set(chart.data_table()["category"]) == {"Eva", "(no agent)"}
    keys = chart.keys()                             # highest first; a click still filters by the key
    assert pd.isna(keys[0]) and keys[1] == "Eva"

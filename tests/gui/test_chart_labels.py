"""No text of a chart drawn over another, cut at the edge, or laid on a data line — checked on the drawn
text rectangles of the heat map (with its colour scale), the staffing chart (its target, measured and
agents-needed labels and its legend; and, when the goal is an answer time, its ASA target on the right-hand
axis), and the value axes of the trend and bar charts; at the sizes the window gives them on our users'
laptops and as exported at every export size. The report's chart images (``desktop_app.report_pngs``: the
PNGs of the export dialog and of ``kpidesk report``), with their bar value labels, at every export size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.export import SIZE_PRESETS, render_image
from desktop_app.charts.heatmap_chart import HeatmapChart
from desktop_app.charts.nps_chart import NpsStackedChart
from desktop_app.charts.staffing_chart import StaffingChart
from desktop_app.charts.trend_chart import TrendChart

from desktop_app.report_pngs import plot_chart
from tests.core.export.sample import make_report

from .chart_texts import all_texts, colour_scale_axes, readability_problems

# the chart tab at 1366 x 768 and 1280 x 720 (the cards keep three rows), the splitter dragged down,
# and half of the chart area (trend and bars side by side)
WINDOW_SIZES = ((1060, 180), (980, 165), (1060, 420), (520, 240))
EXPORT_SIZES = tuple(SIZE_PRESETS.values())


def _staffing(chart: StaffingChart) -> dict:
    # the demo call log's busiest slot (08:00): 2 agents reach 86 %, 20 % was measured (a grey line)
    chart.set_curve(list(range(1, 8)), [37.0, 86.0, 97.0, 99.5, 99.9, 100.0, 100.0], 80.0, 2,
                    occupancy=[100.0, 62.0, 41.0, 31.0, 25.0, 21.0, 18.0], asa_s=[None, 16.0, 3.0, 0.5, 0.1, 0.0, 0.0],
                    measured=20.0, measured_at="08:00")
    return {"views": [chart._asa_view]}


def _staffing_asa_goal(chart: StaffingChart) -> dict:
    # the goal is an answer time: 20 s on the ASA axis (seconds, right), no service-level target
    chart.set_curve(list(range(1, 8)), [37.0, 86.0, 97.0, 99.5, 99.9, 100.0, 100.0], None, 3,
                    occupancy=[100.0, 62.0, 41.0, 31.0, 25.0, 21.0, 18.0], asa_s=[None, 48.0, 9.0, 2.0, 0.5, 0.1, 0.0],
                    asa_target=20.0)
    return {"views": [chart._asa_view], "must_say": "ASA target 20 s"}


def _heatmap(chart: HeatmapChart) -> dict:
    matrix = np.random.default_rng(4).integers(0, 1300, (7, 24)).astype(float)
    chart.set_matrix(matrix)
    return {"extra_axes": {"colour scale": chart._scale.axis}}


def _trend(chart: TrendChart) -> dict:
    months = list(pd.date_range("2025-01-01", periods=18, freq="MS"))
    values = list(np.linspace(1_180_000, 1_260_000, 18))           # money: wide value labels
    chart.set_series(months, [""] * 18, values, "currency", None, 1_250_000.0, "month")
    return {}


def _bars(chart: BarChart) -> dict:
    names = [f"Agent {i}" for i in range(9)]
    chart.set_bars("agent", names, names, [9_800.0 * (i + 1) for i in range(9)], "seconds", [40] * 9, 30_000.0)
    return {}


def _nps_weeks(chart: NpsStackedChart) -> dict:
    # issue 14: "NPS week labels are drawn on top of each other" (two years of weeks, the last one partial)
    weeks = list(pd.date_range("2021-01-04", periods=104, freq="7D"))
    rng = np.random.default_rng(7)
    promoters = rng.uniform(40, 60, 104)
    detractors = rng.uniform(5, 20, 104)
    chart.set_title("Net Promoter Score (NPS) by week")
    chart.set_periods([f"week of {w:%d %b %Y}" for w in weeks], list(promoters), list(100 - promoters - detractors),
                      list(detractors), weeks, "week", partial={103})
    return {}


CHARTS = {"staffing": (StaffingChart, _staffing), "staffing ASA goal": (StaffingChart, _staffing_asa_goal),
          "heat map": (HeatmapChart, _heatmap),
          "trend value axis": (TrendChart, _trend), "bar value axis": (BarChart, _bars),
          "nps weeks": (NpsStackedChart, _nps_weeks)}


def _problems(chart, hints: dict) -> list[str]:
    return readability_problems(chart.plot_widget, hints.get("extra_axes"), hints.get("views"))


def _expected(chart) -> set[str]:
    """The texts the check must have seen (so that it never passes on a chart not drawn yet)."""
    names = {"title", "left tick", "bottom tick"}
    if isinstance(chart, StaffingChart):
        names |= {"line label", "legend", "right tick"}
    if isinstance(chart, HeatmapChart):
        names |= {"colour scale tick"}
    if isinstance(chart, NpsStackedChart):
        names |= {"legend"}
    return names


def _wait_readable(qtbot, chart, hints: dict) -> None:
    """The chart's texts once it has laid itself out (labels are placed after the view's size and range)."""
    found: list[str] = []

    def settled() -> bool:
        texts = all_texts(chart.plot_item, hints.get("extra_axes"))
        seen = {t.what for t in texts}
        found[:] = _problems(chart, hints) + [f"no {name} drawn" for name in _expected(chart) - seen]
        if hints.get("must_say") and not any(t.text == hints["must_say"] for t in texts):
            found.append(f"no {hints['must_say']!r} drawn")
        return not found

    try:
        qtbot.waitUntil(settled, timeout=10000)
    except qtbot.TimeoutError:
        pytest.fail("\n".join(found))


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_chart_texts_in_the_window_never_overlap_or_get_cut(qtbot, kind, size) -> None:
    make, fill = CHARTS[kind]
    chart = make()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    _wait_readable(qtbot, chart, fill(chart))


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("size", EXPORT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_chart_texts_in_exported_images_never_overlap_or_get_cut(qtbot, kind, size) -> None:
    make, fill = CHARTS[kind]
    chart = make()                          # never shown: laid out for the export's shape, as "Save as PNG" does
    qtbot.addWidget(chart)
    hints = fill(chart)
    image = render_image(chart, *size)
    assert (image.width(), image.height()) == size
    _wait_readable(qtbot, chart, hints)
    again = render_image(chart, *size)      # what the owner gets once the labels have settled: the same picture
    assert again == image


def test_the_measured_label_of_the_pwc_staffing_chart_is_off_the_occupancy_line(qtbot) -> None:
    chart = StaffingChart()
    qtbot.addWidget(chart)
    chart.resize(1060, 180)
    chart.show()
    qtbot.waitExposed(chart)
    _wait_readable(qtbot, chart, _staffing(chart))
    measured = next(t for t in all_texts(chart.plot_item) if t.text.startswith("measured"))
    assert measured.text == "measured 20 % at 08:00"          # the slot named, as on the card (toPlainText: no-break spaces read as spaces)


def test_value_axes_write_numbers_as_the_window_does(qtbot) -> None:
    from desktop_app.i18n import apply_language

    for language, grouped in (("en", "1,200,000"), ("sl", "1.200.000")):
        apply_language(language)
        chart = TrendChart()
        qtbot.addWidget(chart)
        chart.resize(1060, 180)
        chart.show()
        qtbot.waitExposed(chart)
        hints = _trend(chart)
        _wait_readable(qtbot, chart, hints)
        ticks = [t.text for t in all_texts(chart.plot_item) if t.what == "left tick"]
        assert grouped in ticks and not any("e+" in t for t in ticks), ticks      # never "1.2e+06"


REPORT_CHARTS = {chart.chart_id: chart for chart in make_report(days=60).charts}


@pytest.mark.parametrize("chart_id", REPORT_CHARTS)
@pytest.mark.parametrize("size", EXPORT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_report_chart_images_never_overlap_or_get_cut(qtbot, chart_id, size) -> None:
    chart = REPORT_CHARTS[chart_id]
    widget = plot_chart(chart)            # as write_chart_pngs draws each image of a report
    qtbot.addWidget(widget)
    image = render_image(widget, *size)
    assert (image.width(), image.height()) == size
    extra = colour_scale_axes(widget)
    item = widget.getPlotItem()
    expected = {"title", "left tick", "bottom tick"} | ({"value label"} if chart.kind == "bar" else set()) \
        | ({"colour scale tick"} if chart.kind == "heatmap" else set())
    found: list[str] = []

    def settled() -> bool:
        seen = {t.what for t in all_texts(item, extra)}
        found[:] = readability_problems(widget, extra) + [f"no {name} drawn" for name in expected - seen]
        return not found

    try:
        qtbot.waitUntil(settled, timeout=10000)
    except qtbot.TimeoutError:
        pytest.fail(f"{chart.title} at {size}: " + "\n".join(found))
    if chart.kind == "bar":           # every bar's value written, none over another or past the edge
        values = [t.text for t in all_texts(item) if t.what == "value label"]
        assert len(values) == len(chart.categories)

"""The staffing chart's "2 agents" label on the demo's busiest slot (08:00): it sat among the curves that cross
at the agents' line, in green on the grid (s10-layout v2/dark-en/21_chart_5_staffing). It stands clear of
every series (a margin of pixels around its letters), on a background of its own, at the sizes the window
gives the chart and as exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor

from desktop_app import style

from desktop_app.charts.export import render_image
from desktop_app.charts.staffing_chart import StaffingChart

from .chart_texts import _segment_hits, all_texts, curves_of, readability_problems
from .test_chart_labels import WINDOW_SIZES
from .test_laptop_fit_dark import palette  # noqa: F401  (the light / dark fixture)

CLEAR_PX = 4        # the least gap between the label's letters and a series

# the demo's call intervals at 08:00 (metrics_core's Erlang C on call_intervals.csv and calls.csv)
AGENTS = list(range(1, 8))
SERVICE = [38.92, 86.30, 97.62, 99.67, 99.96, 100.0, 100.0]
OCCUPANCY = [62.44, 31.22, 20.81, 15.61, 12.49, 10.41, 8.92]
ASA = [565.5, 36.74, 3.92, 0.41, 0.04, 0.0, 0.0]


def _fill(chart: StaffingChart) -> None:
    chart.set_curve(AGENTS, SERVICE, 80.0, 2, occupancy=OCCUPANCY, asa_s=ASA, measured=20.39, measured_at="08:00")


def _agents_label_problems(chart: StaffingChart) -> list[str]:
    texts = all_texts(chart.plot_item)
    label = next((t for t in texts if t.what == "line label" and t.text == "2 agents"), None)
    if label is None:
        return ["no '2 agents' drawn"]
    box = label.rect.adjusted(-CLEAR_PX, -CLEAR_PX, CLEAR_PX, CLEAR_PX)
    found = [f"'2 agents' {box} within {CLEAR_PX} px of a series"
             for points in curves_of(chart.plot_item, [chart._asa_view])
             if any(a is not None and b is not None and _segment_hits(QLineF(a, b), box)
                    for a, b in zip(points, points[1:]))]
    return found + readability_problems(chart.plot_widget, views=[chart._asa_view])


def _settled(qtbot, chart: StaffingChart) -> None:
    found: list[str] = []

    def clear() -> bool:
        found[:] = _agents_label_problems(chart)
        return not found

    try:
        qtbot.waitUntil(clear, timeout=5000)
    except qtbot.TimeoutError:
        pytest.fail("\n".join(found))


@pytest.mark.parametrize("size", [*WINDOW_SIZES, (1110, 165)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_agents_label_stands_clear_of_the_series(qtbot, size, palette) -> None:  # noqa: F811
    chart = StaffingChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    _fill(chart)
    _settled(qtbot, chart)
    label = next(line.label for line in chart._marker_lines if line.angle == 90)
    assert label.fill.style() != Qt.BrushStyle.NoBrush          # drawn on the chart's background, not on the grid's lines
    assert chart.theme.dark == (palette == "dark")
    ratio = style.contrast_ratio(label.color, QColor(chart.theme.background))
    assert ratio >= 4.5, f"{palette}: '2 agents' at {ratio:.1f} : 1"          # (the dark theme's green: 3 : 1)


def test_the_agents_label_stands_clear_of_the_series_in_an_export(qtbot) -> None:
    chart = StaffingChart()
    qtbot.addWidget(chart)
    _fill(chart)
    render_image(chart, 1600, 900)
    _settled(qtbot, chart)

"""Report chart images (issue 12/14 leftovers): a trend's value axis names its top and its bottom (the demo's
call-abandonment image ran from 12 to 24 % with no number at either end, so a reader could not tell where the
axis stopped), and weeks are named by their days, not "2021-W01". Checked on the drawn tick labels at every
export size."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from desktop_app.charts.export import SIZE_PRESETS, render_image
from desktop_app.report_pngs import plot_chart
from metrics_core.export.chart_data import axis_ticks, drawn_frame, value_axis_range
from metrics_core.export.model import ChartData

from .chart_texts import all_texts

MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
TRENDS = {
    # the demo's call abandonment by month (the image of the report's deck folder)
    "abandonment": ("%", [18.03, 21.18, 15.75, 15.17, 14.73, 18.57]),
    "crr": ("%", [99.43, 97.42, 97.84, 97.80, 98.08, 96.07]),
    "frt": ("seconds", [4100.0, 3900.0, 5200.0, 4800.0, 4400.0, 6100.0]),
}


@pytest.mark.parametrize("name", TRENDS)
@pytest.mark.parametrize("size", tuple(SIZE_PRESETS.values()), ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_value_axis_is_labelled_at_both_ends(qtbot, name, size) -> None:
    unit, values = TRENDS[name]
    chart = ChartData(f"{name}-month", f"{name} by month", "calls", "line", unit,
                      pd.DataFrame({name: values}, index=pd.Index(MONTHS)), name, "month",
                      period_starts=[f"{m}-01" for m in MONTHS])
    widget = plot_chart(chart)
    qtbot.addWidget(widget)
    render_image(widget, *size)
    box = widget.getPlotItem().getViewBox().sceneBoundingRect()
    ticks = sorted((t for t in all_texts(widget.getPlotItem()) if t.what == "left tick"), key=lambda t: t.rect.center().y())
    drawn = drawn_frame(chart)[0][name].tolist()           # in the unit drawn (minutes, not seconds)
    ends = axis_ticks(*value_axis_range(drawn, unit))
    step = ends[1] - ends[0]
    top, bottom = widget.getPlotItem().getAxis("left").tickStrings([ends[-1], ends[0]], 1.0, step)
    assert ticks and ticks[0].text == top, f"{name} at {size}: the top of the axis ({top}) has no number"
    assert ticks[-1].text == bottom, f"{name} at {size}: the bottom of the axis ({bottom}) has no number"
    room = 0.06 * box.height()                       # the end labels sit at the ends, not a step inside
    assert ticks[0].rect.center().y() - box.top() < room and box.bottom() - ticks[-1].rect.center().y() < room


@pytest.mark.parametrize("size", tuple(SIZE_PRESETS.values()), ids=lambda s: f"{s[0]}x{s[1]}")
def test_weeks_in_a_report_image_are_named_by_their_days(qtbot, size) -> None:
    """Issue 14: exported PNGs labelled weeks "2021-W01"; a week reads by its first day, as on the window's axis."""
    starts = pd.date_range("2021-01-04", periods=26, freq="7D")
    labels = [f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in starts]
    chart = ChartData("volume-week", "Request volume by week", "tickets", "line", "count",
                      pd.DataFrame({"Tickets": [float(100 + i % 7) for i in range(26)]}, index=pd.Index(labels)),
                      "request_volume", "week", period_starts=[d.strftime("%Y-%m-%d") for d in starts])
    widget = plot_chart(chart)
    qtbot.addWidget(widget)
    render_image(widget, *size)
    texts = [t.text for t in all_texts(widget.getPlotItem()) if t.what == "bottom tick"]
    assert len(texts) >= 4 and not any("-W" in t for t in texts), texts
    assert all(re.fullmatch(r"(week of )?\d{1,2} [A-Z][a-z]{2}( \d{4})?", t) for t in texts), texts   # "11 Jan"

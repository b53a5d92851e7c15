"""In dark mode the series take a lighter colour-blind-safe blue (Okabe-Ito sky blue): the blue #0072B2 on the dark
chart background measured 3.1 : 1, a dim line (s7-shots 42, s9-layout v1/dark-en/54_error_unreadable_file).
Exports stay on white with the normal palette: a chart drawn dark is drawn again in the light theme's blue."""

from __future__ import annotations

import pandas as pd
from PySide6.QtGui import QColor

from desktop_app import style
from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.trend_chart import TrendChart


def test_each_themes_series_colour_is_readable_on_its_background() -> None:
    for theme in (style.LIGHT, style.DARK):
        ratio = style.contrast_ratio(QColor(theme.series), QColor(theme.background))
        assert ratio >= 4.5, f"{theme.series} on {theme.background}: {ratio:.2f} : 1"
    assert style.LIGHT.series == "#0072B2" and style.DARK.series.upper() == "#56B4E9"


def _line_colour(chart: TrendChart) -> str:
    solid = [item for item in chart.plot_item.listDataItems() if item.opts.get("symbol") is not None][0]
    return solid.opts["pen"].color().name().upper()


def test_a_dark_chart_draws_in_sky_blue_and_its_export_in_the_normal_blue(qtbot) -> None:
    trend, bars = TrendChart(), BarChart()
    for chart in (trend, bars):
        qtbot.addWidget(chart)
        chart.resize(600, 240)
        chart.apply_theme(style.DARK)
    months = list(pd.date_range("2026-05-01", periods=4, freq="MS"))
    trend.set_series(months, [""] * 4, [1.0, 2.0, 3.0, 4.0], "count", granularity="month")
    bars.set_bars("agent", ["a", "b"], ["Ana", "Bo"], [3.0, 5.0], "count")
    bar_item = next(i for i in bars.plot_item.items if hasattr(i, "opts") and "brush" in i.opts)
    assert _line_colour(trend) == "#56B4E9"
    assert QColor(bar_item.opts["brush"].color()).name().upper() == "#56B4E9"
    trend.apply_theme(style.LIGHT)                 # what an export does before it draws on white
    bars.apply_theme(style.LIGHT)
    bar_item = next(i for i in bars.plot_item.items if hasattr(i, "opts") and "brush" in i.opts)
    assert _line_colour(trend) == "#0072B2"
    assert QColor(bar_item.opts["brush"].color()).name().upper() == "#0072B2"

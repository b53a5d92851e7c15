"""The trend's incomplete last period (s7-shots' 1366 x 768 shots): only the period under way is drawn hollow.
The dashed "so far" segment was drawn with hollow points at both ends, painting over the last whole period's
filled point: September, a complete month, looked as unfinished as "Oct (so far)"."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtGui import QColor

from desktop_app import style
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.charts.time_axis import to_epoch_seconds


def _top_brush_at(chart: TrendChart, x: float) -> QColor:
    """The fill of the point drawn last (on top) at ``x``."""
    top = None
    for item in chart.plot_item.listDataItems():
        xs, _ys = item.getData()
        opts = item.opts
        if opts.get("symbol") is None or xs is None:
            continue
        hits = np.flatnonzero(np.isclose(xs, x))
        if len(hits):
            brush = opts["symbolBrush"]
            top = pg_colour(brush[hits[0]] if isinstance(brush, list) else brush)
    assert top is not None, "no point drawn there"
    return top


def pg_colour(brush) -> QColor:
    import pyqtgraph as pg

    return pg.mkBrush(brush).color()


def test_only_the_period_under_way_is_hollow(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 240)
    chart.show()
    months = list(pd.date_range("2026-05-01", periods=6, freq="MS"))
    chart.set_series(months, [m.strftime("%b") for m in months], [12.0, 14, 13, 15, 16, 4], "seconds",
                     granularity="month", last_incomplete=True)
    x = to_epoch_seconds(months)
    filled, background = QColor(style.PRIMARY), QColor(chart.theme.background)
    assert _top_brush_at(chart, x[-2]) == filled, "September (complete) is drawn hollow"
    assert _top_brush_at(chart, x[-1]) == background          # October, so far: hollow
    assert all(_top_brush_at(chart, v) == filled for v in x[:-1])

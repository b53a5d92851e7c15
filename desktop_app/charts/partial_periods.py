"""Periods the data covers only in part (the week of 28 Sep in a month that starts on 1 Oct, the week under way):
a hollow point joined to its neighbour by a dashed step, and one legend line ("partial week"). The axis labels
keep their length: a "26 Oct (so far)" label made a Romanian week axis skip every other week. Which periods are
partial, and their words, are :mod:`metrics_core.report_view.partial`'s (the same for the window and every export)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from metrics_core.export.chart_data import PARTIAL_BAR_SHARE, PARTIAL_SAMPLE
from metrics_core.report_view.partial import partial_words

from .. import style
from .legend import LaidOutLegend

# one short entry: beside the plot from this width (a row under a 150 px laptop trend took 20 px of its height)
BESIDE_FROM = 420


def partial_indices(count: int, first: bool, last: bool) -> set[int]:
    """The positions of the partial periods among ``count`` (a single period too: a lone partial quarter is
    hollow as any other partial period)."""
    if count < 1:
        return set()
    return {i for i, partial in ((0, first), (count - 1, last)) if partial}


def draw_partial_line(plot_item: pg.PlotItem, x: np.ndarray, y: np.ndarray, partial: set[int], colour: str,
                      background: str, width: float = 2.2, symbols: bool = True) -> None:
    """The line through the whole periods with filled points; a dashed step to each partial period, whose point
    is hollow (``background`` inside). A run with no finite value is not handed to pyqtgraph (its scatter's
    bounds printed numpy's "All-NaN slice encountered" at every repaint)."""
    n = len(x)
    size = 7 if symbols else None
    steps = [(0, 2)] * (0 in partial) + [(n - 2, n)] * (n - 1 in partial)
    for a, b in steps:
        if np.isfinite(y[a:b]).any():
            plot_item.plot(x[a:b], y[a:b], pen=style.pen(colour, width * 0.75, Qt.PenStyle.DashLine), connect="finite")
    lo, hi = (1 if 0 in partial else 0), (n - 1 if n - 1 in partial else n)
    if hi > lo and np.isfinite(y[lo:hi]).any():
        plot_item.plot(x[lo:hi], y[lo:hi], pen=style.pen(colour, width), symbol="o" if symbols else None,
                       symbolSize=size, symbolBrush=colour, symbolPen=colour, connect="finite")
    hollow = [i for i in sorted(partial) if np.isfinite(y[i])]
    if hollow and symbols:
        plot_item.plot(x[hollow], y[hollow], pen=None, symbol="o", symbolSize=8, symbolBrush=background,
                       symbolPen=style.pen(colour, 1.6))


def partial_legend(plot_item: pg.PlotItem, granularity: str | None, colour: str, theme: style.ChartTheme,
                   legend: LaidOutLegend | None = None) -> LaidOutLegend:
    """One legend line, a hollow point on a dashed step: "partial week" (beside the plot, or under a narrow one)."""
    if legend is None:
        legend = LaidOutLegend(plot_item, beside_from=BESIDE_FROM, labelTextColor=theme.foreground,
                               brush=style.brush(theme.background, 230))
    legend.clear()
    legend.addItem(partial_sample(colour, theme.background), partial_words(granularity))
    legend.setLabelTextColor(theme.foreground)
    legend.setBrush(style.brush(theme.background, 230))
    return legend


def partial_sample(colour: str, background: str) -> pg.PlotDataItem:
    """What a legend draws beside "partial week": a hollow point on a dashed line."""
    return pg.PlotDataItem([0, 1], [0, 0], pen=style.pen(colour, 1.6, Qt.PenStyle.DashLine), symbol="o",
                           symbolSize=8, symbolBrush=background, symbolPen=style.pen(colour, 1.6))


def draw_partial_bars(plot_item: pg.PlotItem, x: np.ndarray, y0: np.ndarray, heights: np.ndarray, partial: set[int],
                      colour: str, width: float = 0.7) -> pg.BarGraphItem:
    """One part of stacked bars: the whole periods' bars in ``colour``, the ``partial`` ones paler (the colour
    let through :data:`PARTIAL_BAR_SHARE`: on white, the exports' paler colour) and outlined dashed in it, as the
    deck, the workbook and the images draw them; returns the whole bars' item (the legend's sample of the part)."""
    whole = np.array([i not in partial for i in range(len(x))], dtype=bool)
    item = pg.BarGraphItem(x=x[whole], y0=y0[whole], height=heights[whole], width=width, brush=style.brush(colour),
                           pen=style.pen("#ffffff"))
    if whole.any():
        plot_item.addItem(item)
    if partial:
        marked = sorted(partial)
        plot_item.addItem(pg.BarGraphItem(x=x[marked], y0=y0[marked], height=heights[marked], width=width,
                                          brush=style.brush(colour, round(255 * PARTIAL_BAR_SHARE)),
                                          pen=style.pen(colour, 1.4, Qt.PenStyle.DashLine)))
    return item


def partial_bar_sample() -> pg.BarGraphItem:
    """What a legend draws beside "partial week" for bars: a grey bar, paler, outlined dashed."""
    grey = "#" + PARTIAL_SAMPLE
    return pg.BarGraphItem(x=[0], height=[1], width=1, brush=style.brush(grey, round(255 * PARTIAL_BAR_SHARE)),
                           pen=style.pen(grey, 1.4, Qt.PenStyle.DashLine))


def remove_legend(plot_item: pg.PlotItem, legend: LaidOutLegend | None) -> None:
    """Takes the partial-period legend out of the plot's layout (no partial period now); returns ``None``."""
    if legend is not None:
        legend.clear()
        plot_item.layout.removeItem(legend)
        plot_item.geometryChanged.disconnect(legend.place)
        legend.setParentItem(None)
        if legend.scene() is not None:
            legend.scene().removeItem(legend)
    return None

"""NPS as stacked promoters / passives / detractors (% of answers) per period."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from PySide6.QtGui import QFontMetrics

import pyqtgraph as pg

from metrics_core.formatting import format_percent
from metrics_core.i18n import _
from metrics_core.report_view.catalogue import NPS_PARTS
from metrics_core.report_view.partial import partial_words

from .. import style
from ..formatting import format_number
from .base_chart import ChartWidget
from .legend import LaidOutLegend
from .partial_periods import draw_partial_bars, partial_bar_sample
from .time_axis import PeriodAxis, period_tick_labels
from .value_axis import fit_width_to_labels

_LABELS = {key.split("_")[0]: label for key, _name, label in NPS_PARTS}      # the one list of NPS parts (msgids)
PARTS = (("detractors", _LABELS["detractors"], style.DETRACTORS),
         ("passives", _LABELS["passives"], style.PASSIVES),
         ("promoters", _LABELS["promoters"], style.PROMOTERS))


class NpsStackedChart(ChartWidget):
    """Stacked bars per period; each bar sums to 100 %."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("NPS: promoters, passives, detractors"), parent, axis_items={"bottom": PeriodAxis()})
        self._table = pd.DataFrame(columns=["period", "promoters", "passives", "detractors", "nps"])
        self._legend = LaidOutLegend(self.plot_item, labelTextColor=self.theme.foreground,
                                     brush=style.brush(self.theme.background, 230))
        self.plot_item.getViewBox().sigResized.connect(self._fit_range)

    def set_periods(self, labels: list[str], promoters: list[float], passives: list[float],
                    detractors: list[float], starts: list[Any] | None = None, granularity: str | None = None,
                    partial: set[int] | frozenset[int] = frozenset()) -> None:
        """Shares in percent per period (from the NPS metric's details); with the periods' ``starts``
        the axis names them short when they are many (``4 Jan`` for ``week of 4 Jan``); the periods at
        ``partial`` (the data covers them in part) paler, outlined dashed, and named in the legend."""
        self.clear()
        self._legend.clear()
        shares = {"promoters": np.asarray(promoters, float), "passives": np.asarray(passives, float),
                  "detractors": np.asarray(detractors, float)}
        self._table = pd.DataFrame({"period": labels, **shares, "nps": shares["promoters"] - shares["detractors"]})
        x = np.arange(len(labels), dtype=float)
        bottom = np.zeros(len(labels))
        partial = {i for i in partial if 0 <= i < len(labels)} if len(labels) > 1 else set()
        for key, label, color in PARTS:
            h = np.nan_to_num(shares[key])
            self._legend.addItem(draw_partial_bars(self.plot_item, x, bottom, h, partial, color), _(label))
            bottom = bottom + h
        if partial:
            self._legend.addItem(partial_bar_sample(), partial_words(granularity))
        full, short = period_tick_labels(starts, granularity) if starts is not None and granularity else \
            ([str(v) for v in labels], [str(v) for v in labels])
        self.plot_item.getAxis("bottom").set_periods([float(i) for i in range(len(labels))], full, short, granularity)
        self._fit_range()
        self.plot_item.setXRange(-0.6, max(len(labels), 1) - 0.4, padding=0)
        self.update_empty_state()

    def _fit_range(self) -> None:
        """0 to 100 % over the plot's height, with room under 0 % and over 100 % for half a tick label
        (pyqtgraph leaves out a label reaching past a gridded axis: the axis began at 20 %) and a pixel and a
        tenth of a line more (pyqtgraph's label box is its painter's, a pixel or two taller than these metrics)."""
        height = self.plot_item.getViewBox().height()
        axis = self.plot_item.getAxis("left")
        font = QFontMetrics(axis.style.get("tickFont") or style.chart_font())
        margin = font.height() * 0.5 + 1
        hundred = max(height - 2 * margin, 0.5 * height) if height > 0 else 500.0     # pixels for 0 to 100 %
        bottom = -100 * margin / hundred
        self.plot_item.setYRange(bottom, 100 - bottom, padding=0)
        line = font.height() * 1.2                   # every 20 %, or fewer ticks where they would touch
        step = next((s for s in (20, 25, 50) if hundred * s / 100 >= line), 100)
        ticks = [(v, format_percent(v, 0)) for v in range(0, 101, step)]             # "100%" in Serbian
        axis.setTicks([ticks])
        fit_width_to_labels(axis, [text for _v, text in ticks])         # (not only once pyqtgraph has drawn them)

    def _themed(self, theme: style.ChartTheme) -> None:
        self._legend.setBrush(style.brush(theme.background, 230))
        self._legend.setLabelTextColor(theme.foreground)

    def data_points(self) -> list[tuple[float, float]]:
        totals = self._table[["promoters", "passives", "detractors"]].fillna(0).sum(axis=1)
        return [(float(i), float(total)) for i, total in enumerate(totals)]          # the top of each period's bar

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        i = int(round(x))
        if not 0 <= i < len(self._table) or abs(x - i) > 0.35:
            return None
        r = self._table.iloc[i]
        return _("{period}: NPS {nps}\npromoters {promoters} %, passives {passives} %, detractors {detractors} %",
                 period=r["period"], nps=format_number(r["nps"]), promoters=format_number(r["promoters"], 1),
                 passives=format_number(r["passives"], 1), detractors=format_number(r["detractors"], 1))

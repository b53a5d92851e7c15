"""A KPI over periods, with its target line."""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from metrics_core.i18n import _
from metrics_core.metrics.model import WHOLE_UNITS
from metrics_core.metrics.params import DEFAULT_CURRENCY

from .. import style
from ..formatting import format_value
from .base_chart import ChartWidget, redrawn_in_theme, title_lines
from .partial_periods import draw_partial_line, partial_indices, partial_legend, remove_legend
from .time_axis import PeriodAxis, period_tick_labels, to_epoch_seconds
from .value_axis import keep_caption_inside


class TrendChart(ChartWidget):
    """Line over period starts (``DateAxisItem``, epoch seconds) and a dashed target line."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("Trend"), parent, axis_items={"bottom": PeriodAxis()})
        self._table = pd.DataFrame(columns=["period", "value", "n"])
        self._period_names: list[str] = []
        self.last_incomplete = False
        self.first_incomplete = False
        self._legend: Any = None
        self._x = np.zeros(0)
        self._drawn_y = np.zeros(0)
        self._unit = ""
        self._currency = DEFAULT_CURRENCY
        self.target: float | None = None
        self.note = ""                      # the line under the axis (set_series)
        self._fitted: tuple[np.ndarray, float | None] | None = None     # (drawn values, target): fitted again
        self.plot_item.getViewBox().sigResized.connect(self._on_view_resized)   # when the height sets the ticks

    @redrawn_in_theme
    def set_series(self, periods: list[Any], labels: list[str], values: list[float | None], unit: str,
                   counts: list[int] | None = None, target: float | None = None,
                   granularity: str | None = None, last_incomplete: bool = False,
                   currency: str = DEFAULT_CURRENCY, first_incomplete: bool = False, note: str = "") -> None:
        """Plot ``values`` at ``periods`` (period start timestamps); ``None`` values leave gaps; money in
        ``currency``.

        ``first_incomplete`` / ``last_incomplete``: the data begins / ends inside the first / last period,
        which is drawn with a hollow point joined by a dashed step (not as a collapse), and a legend line says
        "partial week" (the axis labels keep their length: a "(so far)" label made the axis skip every other
        week). ``note``: a line under the axis (what the points measure against the KPI's card), or none."""
        self.clear()
        self.last_incomplete = bool(last_incomplete and periods)        # (a lone period too: a staff register's
        self.first_incomplete = bool(first_incomplete and periods)      # one quarter, cut at its last leave)
        partial = partial_indices(len(periods), self.first_incomplete, self.last_incomplete)
        self._period_axis(periods, labels, granularity)
        self.note = note
        if note:
            self._fit_note()
        else:
            self.plot_item.showLabel("bottom", False)
        self._unit, self._currency = unit, currency
        self.target = target
        x = to_epoch_seconds(periods)
        y = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
        n = list(counts) if counts is not None else [None] * len(values)
        self._x = x
        self._table = pd.DataFrame({"period": labels, "value": y, "n": n})
        divisor = self._axis_scale(y, unit)
        self.plot_item.getAxis("left").set_whole(unit in WHOLE_UNITS)      # (agents needed: no "2.5")
        y = y / divisor
        self._drawn_y = y
        draw_partial_line(self.plot_item, x, y, partial, self.theme.series, self.theme.background)
        self._legend = (partial_legend(self.plot_item, granularity, self.theme.series, self.theme, self._legend)
                        if partial else remove_legend(self.plot_item, self._legend))
        if target is not None:
            target = float(target) / divisor
            # anchored at its left end, inside the plot: never cut at the edge ("rget 15.0 %")
            line = pg.InfiniteLine(pos=float(target), angle=0, pen=style.target_pen(),
                                   label=_("target {value}", value=format_value(self.target, unit, currency)),
                                   labelOpts={"color": style.TARGET, "position": 0.01, "anchors": [(0, 1), (0, 1)],
                                              "fill": pg.mkBrush(self.theme.background)})
            self.plot_item.addItem(line)
            self.target_line = line
        self._fit_range(y, target)
        self.update_empty_state()

    def _period_axis(self, periods: list[Any], labels: list[str], granularity: str | None) -> None:
        """One label per period as people name it (``Mar``, ``week of 4 Jan``), thinned to fit."""
        axis = self.plot_item.getAxis("bottom")
        if not periods:
            self._period_names = []
            axis.clear_periods()
            return
        full, short = period_tick_labels(periods, granularity) if granularity else (list(labels), list(labels))
        self._period_names = full                 # the hover names a period as the axis does ("Aug 2026")
        axis.set_periods(list(to_epoch_seconds(periods)), full, short, granularity)

    def _fit_note(self) -> None:
        """The note under the axis within the chart's width: on one line, or broken at a space into two
        (:func:`title_lines`, shortened only beyond that, whole in the axis's tooltip), kept inside the chart (a
        95-character translation was cut at the chart's right edge, 10_dashboard_09_staff)."""
        axis = self.plot_item.getAxis("bottom")
        width = self.plot_item.width() if self.plot_widget.width() > 0 else 10 ** 6
        lines = title_lines(self.note, QFontMetrics(axis.label.font()), int(width) - 2 * style.CAPTION_ROOM)
        shown = "<br>".join(html.escape(line) for line in lines)
        if shown != axis.labelText or not axis.label.isVisible():
            self.plot_item.setLabel("bottom", shown)
        keep_caption_inside(axis)
        axis.label.setToolTip(self.note if lines[-1].endswith("\u2026") else "")

    def note_shown(self) -> list[str]:
        """The note's lines as drawn (for tests)."""
        axis = self.plot_item.getAxis("bottom")
        return [html.unescape(line) for line in axis.labelText.split("<br>")] if self.note else []

    def _on_view_resized(self, _view: Any) -> None:
        if self.note:
            self._fit_note()
        if self._fitted is not None and (self._fitted[0][np.isfinite(self._fitted[0])] < 0).any():
            self._fit_range(*self._fitted)          # (the tick under 0 depends on the axis's length)

    def _fit_range(self, y: np.ndarray, target: float | None) -> None:
        self._fitted = (y, target)
        finite = y[np.isfinite(y)]
        vals = list(finite) + ([target] if target is not None else [])
        if not vals:
            return
        lo, hi = min(vals), max(vals)
        pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
        bottom = lo - pad
        if self.plot_item.getAxis("left").whole and hi - lo < 2:
            # whole numbers one or two apart (agents needed: 2 every month) were read against one tick, their own
            # "2": the range holds the whole numbers either side (from 0 up), each labelled off the axis's ends
            first = math.floor(lo) - 1.0
            bottom, hi, pad = (max(0.0, first) if lo >= 0 else first) - 0.3, math.ceil(hi) + 1.0, 0.3
        self.plot_item.getAxis("left").under_zero = lo < 0 < hi
        if lo < 0 < hi:             # a dip below 0 reaches a tick under 0 (a cash flow's -500 had none to read by)
            bottom = self._bottom_under_zero(lo, bottom, hi + pad)
        self.plot_item.setYRange(bottom, hi + pad, padding=0)
        if len(self._x):
            xs = self._x[np.isfinite(self._x)]
            span = (xs.max() - xs.min()) or 86400.0
            self.plot_item.setXRange(xs.min() - span * 0.03, xs.max() + span * 0.03, padding=0)

    def _bottom_under_zero(self, lo: float, bottom: float, top: float) -> float:
        """The lower end of a value axis whose line dips to ``lo`` < 0: down to a tick under it that
        :class:`~desktop_app.charts.value_axis.NumberAxis` labels (the spacing pyqtgraph picks for the range,
        found again once the range has grown)."""
        axis = self.plot_item.getAxis("left")
        size = self.plot_item.getAxis("left").height() or 200.0
        for _round in range(3):
            levels = axis.tickSpacing(bottom, top, size)
            major, minor = levels[0][0], levels[min(1, len(levels) - 1)][0]
            # the first smaller tick under lo, and half a labelled step under 0 at least (NumberAxis labels it)
            under = min(math.floor(lo / minor), -math.ceil(major / 2 / minor)) * minor
            if bottom <= under:
                break
            bottom = under
        return bottom

    def is_empty(self) -> bool:
        return not self._table["value"].notna().any()

    def _axis_scale(self, y: np.ndarray, unit: str) -> float:
        """Durations are drawn in minutes / hours / days; the axis says which."""
        if unit != "seconds" or not np.isfinite(y).any():
            self.plot_item.setLabel("left", style.unit_axis_label(unit, self._currency))
            return 1.0
        divisor, label = style.duration_scale(float(np.nanmax(np.abs(y))))
        self.plot_item.setLabel("left", label)
        return divisor

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The plotted x (epoch seconds) and y values."""
        return self._x.copy(), self._table["value"].to_numpy(dtype=float)

    def data_points(self) -> list[tuple[float, float]]:
        return [(float(x), float(y)) for x, y in zip(self._x, self._drawn_y) if np.isfinite(y)]

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        if not len(self._x):
            return None
        i = int(np.nanargmin(np.abs(self._x - x)))
        row = self._table.iloc[i]
        period = self._period_names[i] if i < len(self._period_names) else row["period"]
        value = None if pd.isna(row["value"]) else float(row["value"])
        shown = format_value(value, self._unit, self._currency)
        if row["n"] is None or pd.isna(row["n"]):
            text = _("{period}: {value}", period=period, value=shown)
        else:
            text = _("{period}: {value} (n = {n})", period=period, value=shown, n=int(row["n"]))
        if self.last_incomplete and i == len(self._table) - 1:
            text += "\n" + _("The data ends inside this period: it is not complete yet.")
        elif self.first_incomplete and i == 0:
            text += "\n" + _("The data begins inside this period: it is not complete.")
        return text

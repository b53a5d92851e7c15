"""Open tickets at the end of each period, as an area."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from metrics_core.i18n import _, ngettext

from .. import style
from .base_chart import ChartWidget, redrawn_in_theme
from .time_axis import PeriodAxis, period_tick_labels, to_epoch_seconds


class BacklogChart(ChartWidget):
    """Filled area over period ends (``DateAxisItem``)."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("Backlog (open tickets at period end)"), parent, axis_items={"bottom": PeriodAxis()})
        self._table = pd.DataFrame(columns=["period", "open"])
        self._x = np.zeros(0)
        self.plot_item.getAxis("left").set_whole(True)        # tickets are counted in whole numbers

    @redrawn_in_theme
    def set_series(self, periods: list[Any], labels: list[str], values: list[float | None],
                   granularity: str | None = None) -> None:
        self.clear()
        x = to_epoch_seconds(periods)
        full, short = period_tick_labels(periods, granularity) if granularity else (list(labels), list(labels))
        axis = self.plot_item.getAxis("bottom")
        axis.set_periods(list(x), full, short, granularity) if len(x) else axis.clear_periods()
        y = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
        self._x = x
        self._table = pd.DataFrame({"period": labels, "open": y})
        if len(x):
            self.plot_item.plot(x, np.nan_to_num(y), pen=style.line_pen(self.theme.series), fillLevel=0,
                                brush=style.brush(self.theme.series, style.AREA_ALPHA))
            self.plot_item.setYRange(0, (np.nanmax(y) if np.isfinite(y).any() else 1) * 1.1 or 1, padding=0)
        self.update_empty_state()

    def data_points(self) -> list[tuple[float, float]]:
        return [(float(x), float(y)) for x, y in zip(self._x, self._table["open"]) if np.isfinite(y)]

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        if not len(self._x):
            return None
        i = int(np.nanargmin(np.abs(self._x - x)))
        r = self._table.iloc[i]
        return ngettext("{period}: {count} open ticket", "{period}: {count} open tickets", int(r["open"]),
                        period=r["period"], count=int(r["open"]))

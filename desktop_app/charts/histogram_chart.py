"""How many answers gave each score (CSAT / NPS / CES distribution)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from metrics_core.i18n import _, ngettext

from .. import style
from ..formatting import format_number
from .base_chart import ChartWidget, redrawn_in_theme


class HistogramChart(ChartWidget):
    """One bar per score value."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("Score distribution"), parent)
        self._table = pd.DataFrame(columns=["score", "count"])
        self.plot_item.setLabel("bottom", _("score given"))
        self.plot_item.setLabel("left", _("answers"))

    @redrawn_in_theme
    def set_distribution(self, scores: list[float], counts: list[int], colors: list[str] | None = None) -> None:
        self.clear()
        x = np.asarray(scores, dtype=float)
        h = np.asarray(counts, dtype=float)
        self._table = pd.DataFrame({"score": x, "count": h.astype(int)})
        if len(x):
            brushes = [style.brush(c) for c in colors] if colors else style.brush(self.theme.series)
            kwargs = {"brushes": brushes} if colors else {"brush": brushes}
            self.plot_item.addItem(pg.BarGraphItem(x=x, height=h, width=0.75, pen=pg.mkPen(None), **kwargs))
            self.plot_item.getAxis("bottom").setTicks([[(float(v), f"{v:g}") for v in x]])
            self.plot_item.setXRange(x.min() - 0.7, x.max() + 0.7, padding=0)
            self.plot_item.setYRange(0, h.max() * 1.08 or 1, padding=0)
        self.update_empty_state()

    def data_points(self) -> list[tuple[float, float]]:
        return [(float(s), float(c)) for s, c in zip(self._table["score"], self._table["count"])]

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        r = self._nearest_row("score", x, within=0.4)
        if r is None:
            return None
        total = self._table["count"].sum()
        return ngettext("score {score}: {count} answer ({share} %)", "score {score}: {count} answers ({share} %)",
                        int(r["count"]), score=f"{r['score']:g}", count=int(r["count"]),
                        share=format_number(100 * r["count"] / total, 1))

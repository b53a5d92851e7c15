"""How many answers gave each score (CSAT / NPS / CES distribution)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from .. import style
from .base_chart import ChartWidget


class HistogramChart(ChartWidget):
    """One bar per score value."""

    def __init__(self, title: str = "Score distribution", parent: Any = None) -> None:
        super().__init__(title, parent)
        self._table = pd.DataFrame(columns=["score", "count"])
        self.plot_item.setLabel("bottom", "score given")
        self.plot_item.setLabel("left", "answers")

    def set_distribution(self, scores: list[float], counts: list[int], colors: list[str] | None = None) -> None:
        self.clear()
        x = np.asarray(scores, dtype=float)
        h = np.asarray(counts, dtype=float)
        self._table = pd.DataFrame({"score": x, "count": h.astype(int)})
        if len(x):
            brushes = [style.brush(c) for c in colors] if colors else style.brush(style.PRIMARY)
            kwargs = {"brushes": brushes} if colors else {"brush": brushes}
            self.plot_item.addItem(pg.BarGraphItem(x=x, height=h, width=0.75, pen=pg.mkPen(None), **kwargs))
            self.plot_item.getAxis("bottom").setTicks([[(float(v), f"{v:g}") for v in x]])
            self.plot_item.setXRange(x.min() - 0.7, x.max() + 0.7, padding=0)
            self.plot_item.setYRange(0, h.max() * 1.08 or 1, padding=0)
        self.update_empty_state()

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        r = self._nearest_row("score", x, within=0.4)
        if r is None:
            return None
        total = self._table["count"].sum()
        return f"score {r['score']:g}: {int(r['count'])} answers ({100 * r['count'] / total:.1f} %)"

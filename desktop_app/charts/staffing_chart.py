"""Predicted service level against the number of agents (Erlang C)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from .. import style
from .base_chart import ChartWidget


class StaffingChart(ChartWidget):
    """Service-level curve, the target line and the smallest agent count meeting it."""

    def __init__(self, title: str = "Agents needed (service level vs agents)", parent: Any = None) -> None:
        super().__init__(title, parent)
        self._table = pd.DataFrame(columns=["agents", "service_level"])

    def set_curve(self, agents: list[int], service_level: list[float], target: float | None = None,
                  recommended: int | None = None) -> None:
        self.clear()
        x = np.asarray(agents, dtype=float)
        y = np.asarray(service_level, dtype=float)
        self._table = pd.DataFrame({"agents": x.astype(int), "service_level": y})
        if len(x):
            self.plot_item.plot(x, y, pen=style.line_pen(), symbol="o", symbolSize=6, symbolBrush=style.PRIMARY)
        if target is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(target), angle=0, pen=style.target_pen(),
                                                   label=f"target {target:.0f} %", labelOpts={"color": style.TARGET}))
        if recommended is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(recommended), angle=90,
                                                   pen=pg.mkPen(style.GOOD, width=1.6),
                                                   label=f"{recommended} agents", labelOpts={"color": style.GOOD, "position": 0.2}))
        if len(x):
            step = max(1, int(np.ceil(len(x) / 12)))
            self.plot_item.getAxis("bottom").setTicks([[(float(v), str(int(v))) for v in x[::step]]])
        self.plot_item.setYRange(0, 100, padding=0.03)
        self.plot_item.setLabel("left", "service level %")
        self.plot_item.setLabel("bottom", "agents")
        self.update_empty_state()

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        r = self._nearest_row("agents", x)
        if r is None:
            return None
        return f"{int(r['agents'])} agents: {r['service_level']:.1f} % answered within target"

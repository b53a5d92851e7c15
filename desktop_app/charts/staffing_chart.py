"""Predicted service level, occupancy and ASA against the number of agents (Erlang C).

Service level and occupancy share the left axis (%); the ASA has its own axis on the
right (seconds), drawn in a second view box linked to the first along x.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from metrics_core.i18n import _, ngettext

from .. import style
from ..formatting import format_number
from .base_chart import ChartWidget

OCCUPANCY_COLOUR = style.SERIES[1]
ASA_COLOUR = style.SERIES[2]


class StaffingChart(ChartWidget):
    """Service level, occupancy and ASA by agents, the target line and the agents needed."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("Agents needed: service level, ASA and occupancy"), parent)
        self._table = pd.DataFrame(columns=["agents", "service_level", "occupancy", "asa_s"])
        self._legend = self.plot_item.addLegend(offset=(-8, -30), labelTextColor=style.FOREGROUND,
                                                brush=style.brush("#ffffff", 230))
        self._asa_view = pg.ViewBox(enableMenu=False)
        self.plot_item.showAxis("right")
        right = self.plot_item.getAxis("right")
        right.setPen(pg.mkPen(style.AXIS_COLOR))
        right.setTextPen(pg.mkPen(ASA_COLOUR))
        right.setStyle(tickFont=style.chart_font())
        right.setGrid(False)                     # the grid belongs to the left axis
        self.plot_item.scene().addItem(self._asa_view)
        right.linkToView(self._asa_view)
        self._asa_view.setXLink(self.plot_item)
        self.plot_item.getViewBox().sigResized.connect(self._sync_views)

    def _sync_views(self) -> None:
        self._asa_view.setGeometry(self.plot_item.getViewBox().sceneBoundingRect())
        self._asa_view.linkedViewChanged(self.plot_item.getViewBox(), self._asa_view.XAxis)

    def clear(self) -> None:
        super().clear()
        self._asa_view.clear()
        self._legend.clear()

    def set_curve(self, agents: list[int], service_level: list[float], target: float | None = None,
                  recommended: int | None = None, *, occupancy: list[float] | None = None,
                  asa_s: list[float | None] | None = None, measured: float | None = None,
                  asa_target: float | None = None) -> None:
        """Plot the curve (% on 0..100, ASA in seconds; ``None`` ASA where agents cannot keep up).

        ``measured`` is the service level measured in the staffed interval: a grey line, so that
        the prediction is never read as what happened. ``asa_target`` (seconds) is drawn on the ASA axis
        when the goal is an ASA instead of a service level.
        """
        self.clear()
        x = np.asarray(agents, dtype=float)
        y = np.asarray(service_level, dtype=float)
        occ = np.asarray(occupancy if occupancy is not None else [np.nan] * len(x), dtype=float)
        asa = np.asarray([np.nan if v is None else v for v in (asa_s if asa_s is not None else [None] * len(x))],
                         dtype=float)
        asa[~np.isfinite(asa)] = np.nan
        self._table = pd.DataFrame({"agents": x.astype(int), "service_level": y, "occupancy": occ, "asa_s": asa})
        if len(x):
            self._legend.addItem(self.plot_item.plot(x, y, pen=style.line_pen(), symbol="o", symbolSize=6,
                                                     symbolBrush=style.PRIMARY), _("service level %"))
        if np.isfinite(occ).any():
            pen = pg.mkPen(OCCUPANCY_COLOUR, width=2.0, style=pg.QtCore.Qt.PenStyle.DashLine)
            self._legend.addItem(self.plot_item.plot(x, occ, pen=pen), _("occupancy %"))
        if np.isfinite(asa).any():
            line = pg.PlotDataItem(x, asa, pen=style.line_pen(ASA_COLOUR, 2.0), connect="finite")
            self._asa_view.addItem(line)
            self._legend.addItem(line, _("ASA (s, right)"))
            top = max(float(np.nanmax(asa)), asa_target or 0.0)
            self._asa_view.setYRange(0, top * 1.05 or 1.0, padding=0)
            if asa_target is not None:
                self._asa_view.addItem(pg.InfiniteLine(pos=float(asa_target), angle=0, pen=style.target_pen(),
                                                       label=_("ASA target {seconds} s", seconds=format_number(asa_target)),
                                                       labelOpts={"color": style.TARGET, "position": 0.7}))
        if target is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(target), angle=0, pen=style.target_pen(),
                                                   label=_("target {value} %", value=format_number(target)), labelOpts={"color": style.TARGET}))
        if measured is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(measured), angle=0,
                                                   pen=pg.mkPen(style.NEUTRAL, width=1.4, style=pg.QtCore.Qt.PenStyle.DotLine),
                                                   label=_("measured {value} %", value=format_number(measured)),
                                                   labelOpts={"color": style.NEUTRAL, "position": 0.5}))
        if recommended is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(recommended), angle=90,
                                                   pen=pg.mkPen(style.GOOD, width=1.6),
                                                   label=ngettext("{count} agent", "{count} agents", recommended, count=recommended), labelOpts={"color": style.GOOD, "position": 0.2}))
        if len(x):
            step = max(1, int(np.ceil(len(x) / 12)))
            self.plot_item.getAxis("bottom").setTicks([[(float(v), format_number(int(v))) for v in x[::step]]])
        self.plot_item.setYRange(0, 100, padding=0.03)
        self.plot_item.setLabel("left", _("service level and occupancy %"))
        self.plot_item.setLabel("right", _("ASA (s)"), color=ASA_COLOUR)
        self.plot_item.setLabel("bottom", _("agents"))
        self._sync_views()
        self.update_empty_state()

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        r = self._nearest_row("agents", x)
        if r is None:
            return None
        agents, share = int(r["agents"]), format_number(r["service_level"], 1)
        lines = [ngettext("{count} agent: {share} % answered within target",
                          "{count} agents: {share} % answered within target", agents, count=agents, share=share)]
        if np.isfinite(r["occupancy"]):
            lines.append(_("occupancy {share} %", share=format_number(r["occupancy"])))
        if np.isfinite(r["asa_s"]):
            lines.append(_("ASA {seconds} s", seconds=format_number(r["asa_s"])))
        return "\n".join(lines)

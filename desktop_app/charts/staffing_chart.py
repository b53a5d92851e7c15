"""Predicted service level, occupancy and ASA against the number of agents (Erlang C).

Service level and occupancy share the left axis (%); the ASA has its own axis on the
right (seconds), drawn in a second view box linked to the first along x. The legend stands beside the
plot, right of the ASA axis, or under it when the chart is narrow (:mod:`.legend`); and the labels of the
target, measured and agents-needed lines sit where no curve and no other label passes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainterPath, QPainterPathStroker

import pyqtgraph as pg

from metrics_core.formatting import numbers_kept_with_units
from metrics_core.i18n import _, ngettext

from .. import style
from ..formatting import format_number
from .base_chart import ChartWidget, redrawn_in_theme
from .legend import LaidOutLegend
from .value_axis import fit_width_to_labels

OCCUPANCY_COLOUR = style.SERIES[4]      # reddish purple: the target line is vermillion, dashed too
ASA_COLOUR = style.SERIES[2]
SIDES = (((0.5, 1.0), (0.5, 0.0)), ((0.0, 0.5), (1.0, 0.5)))     # a label's anchors: level lines, agents' line
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88)       # along a line, as a fraction of the view
# the agents' line from its top down: the curves cross at it, low on the chart (its label stood among them in
# the middle: s10-layout v2/dark-en/21_chart_5_staffing)
AGENT_SPOTS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)
CLEAR_PX = 4            # the gap wanted between a label's letters and a curve (2 px: the curve is on it)


class StaffingChart(ChartWidget):
    """Service level, occupancy and ASA by agents, the target line and the agents needed."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("Agents needed: service level, ASA and occupancy"), parent)
        self._table = pd.DataFrame(columns=["agents", "service_level", "occupancy", "asa_s"])
        self._legend = LaidOutLegend(self.plot_item, labelTextColor=self.theme.foreground,
                                     brush=style.brush(self.theme.background, 230))
        self._asa_view = pg.ViewBox(enableMenu=False)
        self.plot_item.showAxis("right")
        right = self.plot_item.getAxis("right")
        right.setPen(style.pen(style.AXIS_COLOR))
        right.setTextPen(pg.mkPen(ASA_COLOUR))
        right.setStyle(tickFont=style.chart_font())
        right.setGrid(False)                     # the grid belongs to the left axis
        self.plot_item.scene().addItem(self._asa_view)
        right.linkToView(self._asa_view)
        self._asa_view.setXLink(self.plot_item)
        self._marker_lines: list[pg.InfiniteLine] = []
        self._shorter_labels: dict[int, tuple[str, ...]] = {}     # id(line) -> its label's shorter texts, in turn
        self.plot_item.getViewBox().sigResized.connect(self._sync_views)
        self.plot_item.getViewBox().sigResized.connect(self._fit_range)
        self._placing = QTimer(self)        # labels are placed once the view has taken its new size and range
        self._placing.setSingleShot(True)
        self._placing.setInterval(0)
        self._placing.timeout.connect(self._place_labels)
        self.plot_item.getViewBox().sigRangeChanged.connect(self._placing.start)     # (a new range moves the curves)
        self.plot_item.getViewBox().sigResized.connect(self._placing.start)
        self._asa_top = 1.0

    def _themed(self, theme: style.ChartTheme) -> None:
        self._legend.setBrush(style.brush(theme.background, 230))
        self._legend.setLabelTextColor(theme.foreground)

    def _sync_views(self) -> None:
        self._asa_view.setGeometry(self.plot_item.getViewBox().sceneBoundingRect())
        self._asa_view.linkedViewChanged(self.plot_item.getViewBox(), self._asa_view.XAxis)

    def _fit_range(self) -> None:
        """Both axes' ranges with room under 0 % and over 100 % for half a tick label (pyqtgraph leaves out a
        label that reaches past the axis of a gridded view: the axis read "100" alone), in pixels whatever the
        size."""
        height = max(self.plot_item.getViewBox().height(), 1.0)
        line = QFontMetrics(style.chart_font()).height()
        margin = min(line * 0.4 + 1, height / 6)              # pixels under 0 % and over 100 % (label: 0.8 of a line)
        bottom = -100 * margin / max(height - 2 * margin, 1.0)
        top = 100 - bottom
        self.plot_item.setYRange(bottom, top, padding=0)
        per_cent = (height - 2 * margin) / 100                   # pixels per per cent
        step = next((s for s in (20, 25, 50, 100) if per_cent * s >= 2.2 * line), 100)
        self.plot_item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, step)]])   # as many as fit
        self._asa_view.setYRange(self._asa_top * bottom / 100, self._asa_top * top / 100, padding=0)

    def _place_labels(self) -> None:
        """Each marker line's label where no curve and no other label lie (tried along the line, nearest the
        middle first); where every spot is taken, the one with the fewest in the way."""
        curves = [_scene_polyline(item) for box in (self.plot_item.getViewBox(), self._asa_view)
                  for item in box.addedItems if isinstance(item, pg.PlotDataItem)]
        taken: list[QRectF] = []
        view = self.plot_item.getViewBox().sceneBoundingRect()
        for line in self._marker_lines:
            label = line.label
            upright = int(line.angle) % 180 == 90
            sides, spots = SIDES[upright], (AGENT_SPOTS if upright else LABEL_SPOTS)
            tried = []
            for text in (label.format, *self._shorter_labels.get(id(line), ())):
                label.setFormat(text)
                tried.append((*self._best_spot(label, sides, spots, curves, taken, view), text))
                if tried[-1][1] == 0:
                    break
            best, _fewest, text = min(tried, key=lambda t: t[1])    # a shorter text only where it is less in the way
            label.setFormat(text)
            label.anchors = [best[1], best[1]]
            label.setPosition(best[0])
            taken.append(_glyph_box(label))

    @staticmethod
    def _best_spot(label: pg.InfLineLabel, sides: tuple, spots: tuple[float, ...], curves: list, taken: list[QRectF],
                   view: QRectF) -> tuple[tuple[float, tuple], int]:
        """The spot along its line (``spots`` in turn, and side) where the fewest curves, labels and edges are in
        a label's way (a curve on it counts twice, one that passes within :data:`CLEAR_PX` once)."""
        best, fewest = (spots[0], sides[0]), None
        for spot in spots:
            for side in sides:               # above or below a level line; right or left of the agents' line
                label.anchors = [side, side]
                label.setPosition(spot)
                rect = _glyph_box(label)
                in_the_way = (sum(_crosses(points, rect, 2) + _crosses(points, rect, CLEAR_PX) for points in curves)
                              + 3 * sum(rect.intersects(other) for other in taken) + 10 * (not view.contains(rect)))
                if fewest is None or in_the_way < fewest:
                    best, fewest = (spot, side), in_the_way
            if fewest == 0:
                break
        return best, fewest

    def _label_opts(self, colour: str, patch: bool = False) -> dict[str, Any]:
        """A marker line's label in its line's colour as far as it reads on the chart's background (the agents'
        green was 3 : 1 on the dark one); ``patch``: on a patch of that background, so that no grid line runs
        through its words (the agents' label, beside the curves that cross at its line)."""
        theme = self.theme
        opts: dict[str, Any] = {"color": style.readable_on(colour, theme.background, theme.foreground)}
        if patch:
            opts["fill"] = style.brush(theme.background, 230)
        return opts

    def clear(self) -> None:
        super().clear()
        self._asa_view.clear()
        self._legend.clear()

    @redrawn_in_theme
    def set_curve(self, agents: list[int], service_level: list[float], target: float | None = None,
                  recommended: int | None = None, *, occupancy: list[float] | None = None,
                  asa_s: list[float | None] | None = None, measured: float | None = None,
                  measured_at: str | None = None, asa_target: float | None = None) -> None:
        """Plot the curve (% on 0..100, ASA in seconds; ``None`` ASA where agents cannot keep up).

        ``measured`` is the service level measured in the staffed interval (``measured_at``, its start such
        as ``10:00``, named on the line as on the card): a grey line, so that the prediction is never read as
        what happened. ``asa_target`` (seconds) is drawn on the ASA axis
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
        if np.isfinite(y).any():        # (an all-NaN scatter makes pyqtgraph's bounds warn "All-NaN slice")
            self._legend.addItem(self.plot_item.plot(x, y, pen=style.line_pen(self.theme.series), symbol="o",
                                                     symbolSize=6, symbolBrush=self.theme.series), _("service level %"))
        self._asa_top = 1.0             # the ASA axis's 100 % (seconds)
        if np.isfinite(occ).any():
            pen = style.pen(OCCUPANCY_COLOUR, 2.0, Qt.PenStyle.DashLine)
            self._legend.addItem(self.plot_item.plot(x, occ, pen=pen), _("occupancy %"))
        if np.isfinite(asa).any():
            line = pg.PlotDataItem(x, asa, pen=style.line_pen(ASA_COLOUR, 2.0), connect="finite")
            self._asa_view.addItem(line)
            self._legend.addItem(line, _("ASA (s, right)"))
            self._asa_top = max(float(np.nanmax(asa)), asa_target or 0.0) * 1.05 or 1.0
            if asa_target is not None:
                self._asa_view.addItem(pg.InfiniteLine(pos=float(asa_target), angle=0, pen=style.target_pen(),
                                                       label=_("ASA target {seconds} s", seconds=format_number(asa_target)),
                                                       labelOpts={"color": style.TARGET, "position": 0.7}))
        self._marker_lines = []
        if target is not None:
            self._marker_lines.append(pg.InfiniteLine(
                pos=float(target), angle=0, pen=style.target_pen(), label=_("target {value} %", value=format_number(target)),
                labelOpts=self._label_opts(style.TARGET)))
        self._shorter_labels = {}
        if measured is not None:
            line = pg.InfiniteLine(
                pos=float(measured), angle=0, pen=style.pen(style.NEUTRAL, 1.4, Qt.PenStyle.DotLine),
                label=measured_label(measured, measured_at), labelOpts=self._label_opts(style.NEUTRAL))
            self._marker_lines.append(line)
            if measured_at:          # a small chart: the slot stays in the tooltip (the card's whole reason)
                self._shorter_labels[id(line)] = (measured_label(measured, None),)
        if recommended is not None:
            self._marker_lines.append(pg.InfiniteLine(
                pos=float(recommended), angle=90, pen=style.pen(style.GOOD, 1.6),
                label=ngettext("{count} agent", "{count} agents", recommended, count=recommended),
                labelOpts=self._label_opts(style.GOOD, patch=True)))
        for line in self._marker_lines:
            self.plot_item.addItem(line)
        self.plot_item.layout.activate()         # the plot's size with the legend's new entries beside or under it
        if len(x):
            step = max(1, int(np.ceil(len(x) / 12)))
            self.plot_item.getAxis("bottom").setTicks([[(float(v), format_number(int(v))) for v in x[::step]]])
        self._fit_range()
        self.plot_item.setLabel("left", "%")       # the legend names the curves, and the ASA's axis (right, s)
        self.plot_item.setLabel("bottom", _("agents"))
        # the ASA axis as wide as its widest label from the start
        fit_width_to_labels(self.plot_item.getAxis("right"), [format_number(self._asa_top * 1.5), "0.00"])
        self._sync_views()
        self.update_empty_state()
        self._placing.start()

    def data_points(self) -> list[tuple[float, float]]:
        return [(float(a), float(s)) for a, s in zip(self._table["agents"], self._table["service_level"])
                if np.isfinite(s)]

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



def _scene_polyline(item: pg.PlotDataItem) -> list[QPointF | None]:
    """The curve's points in scene coordinates (None where it has a gap)."""
    x, y = item.getData()
    if x is None:
        return []
    return [item.mapToScene(QPointF(float(a), float(b))) if np.isfinite(b) else None for a, b in zip(x, y)]


def _crosses(points: list[QPointF | None], rect: QRectF, margin: float) -> bool:
    """Whether the polyline passes through ``rect`` or within ``margin`` pixels of it."""
    box = rect.adjusted(-margin, -margin, margin, margin)
    path = QPainterPath()
    started = False
    for point in points:
        if point is None:
            started = False
            continue
        if started:
            path.lineTo(point)
        else:
            path.moveTo(point)
            started = True
    stroker = QPainterPathStroker()
    stroker.setWidth(2.0)
    return stroker.createStroke(path).intersects(box)


def _glyph_box(label: pg.TextItem) -> QRectF:
    """Where a text item's letters are (its box less the text document's margin), in scene coordinates."""
    margin = label.textItem.document().documentMargin()
    return label.textItem.sceneBoundingRect().adjusted(margin, margin, -margin, -margin)


def measured_label(measured: float, slot: str | None) -> str:
    """The measured line's label: the interval named, as the card names it ("measured 20 % at 10:00"; the
    "Call service level" card beside it measures every call), the number kept with its sign."""
    if slot:
        return numbers_kept_with_units(_("measured {value} % at {slot}", value=format_number(measured), slot=slot))
    return numbers_kept_with_units(_("measured {value} %", value=format_number(measured)))

"""The value axis of every chart: numbers written as the window writes them (``style.number_ticks``)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtGui import QFontMetrics

import pyqtgraph as pg

from .. import style

TICK_GAP = 4            # px between two tick labels of a value axis at least


class NumberAxis(pg.AxisItem):
    """A pyqtgraph axis whose tick labels are grouped numbers in the language's style, never "1.18e+06"; an axis
    of a whole-number KPI (:attr:`whole`: a count, agents needed) is ticked at whole numbers only (agents needed
    read "1.5, 2.0, 2.5" and "0.2 … 1.0")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole = False
        self.under_zero = False     # a line dipping below 0: a labelled tick under 0 (tickValues)

    def set_whole(self, whole: bool) -> None:
        """Tick at whole numbers only (``True``) or wherever pyqtgraph's round steps fall."""
        if whole != self.whole:
            self.whole = whole
            self.picture = None         # (drawn again with the new ticks)
            self.update()

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N802,N803
        levels = super().tickSpacing(minVal, maxVal, size)
        if not self.whole:
            return levels
        return [(spacing, offset) for spacing, offset in levels if spacing >= 1] or [(1.0, 0.0)]

    def tickValues(self, minVal: float, maxVal: float,  # noqa: N802,N803
                   size: float) -> list[tuple[float, list[float]]]:
        """pyqtgraph's ticks; on the axis of a line dipping below 0 (:attr:`under_zero`) with no labelled (major)
        tick under 0, the first smaller tick under 0 is labelled too (a cash flow dipping to -3,900 was read against
        0 and 10,000 only). (Not where padding alone crosses 0: a staffing ASA axis's "−20" overlapped its "0".)"""
        levels = super().tickValues(minVal, maxVal, size)
        if not self.under_zero or len(levels) < 2 or not min(minVal, maxVal) < 0 < max(minVal, maxVal):
            return levels
        (spacing, major), (minor, values) = levels[0], levels[1]
        decimals = max(0, math.ceil(-math.log10(minor * self.scale) - 1e-9)) if minor > 0 else 0
        # (half a labelled step from 0 at least: a "-1,000" 5 px under "0" was drawn over it)
        under = [v for v in values if v <= -spacing / 2 and round(v * self.scale, decimals) == v * self.scale]
        if any(v < 0 for v in major) or not under:
            return levels
        first = max(under)
        return [(spacing, sorted([*major, first])), (minor, [v for v in values if v != first]), *levels[2:]]

    def generateDrawSpecs(self, p: Any) -> Any:  # noqa: N802
        """pyqtgraph's draw specs, without a tick label that would be drawn over one already kept (a gap of
        :data:`TICK_GAP` px between them): pyqtgraph always labels every tick of the first level, and a narrow
        breakdown's value axis read "0204060" (72_tooltip_bar_caption, the splitter moved)."""
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        kept: list[Any] = []
        for spec in text_specs:          # (first level first: "0", "20", "40" … and then the smaller steps)
            room = spec[0].adjusted(-TICK_GAP / 2, 0, TICK_GAP / 2, 0) if self.orientation in ("top", "bottom") \
                else spec[0].adjusted(0, -TICK_GAP / 2, 0, TICK_GAP / 2)
            if not any(room.intersects(other[0]) for other in kept):
                kept.append(spec)
        return axis_spec, tick_specs, kept

    def boundingRect(self) -> Any:  # noqa: N802
        """pyqtgraph's box, in which a tick label must lie to be drawn; widened past the axis's ends by
        ``hideOverlappingLabels`` pixels (an int) also on an axis that draws the grid, where pyqtgraph forgets it
        (a "0" at the lower end of the NPS shares' axis was never drawn); and past its foot when the range starts
        at 0 (:meth:`foot_room`)."""
        rect = super().boundingRect()
        own = self.mapRectFromParent(self.geometry())
        room = self.style["hideOverlappingLabels"]
        if self.grid is not False and not isinstance(room, bool) and self.orientation in ("left", "right"):
            rect = rect | own.adjusted(0, -int(room), 0, int(room))
        foot = self.foot_room()
        if foot:
            rect = rect | (own.adjusted(0, 0, 0, foot) if self.orientation in ("left", "right")
                           else own.adjusted(-foot, 0, 0, 0))
        return rect

    def foot_room(self) -> int:
        """Pixels a label may lie past the axis's lower end when the range starts at 0: the "0" under bars or an
        area filled down to the axis is named there, as in the deck's and the workbook's charts (its label, centred
        on the axis's end, lay half past it, and pyqtgraph left it out: a backlog axis read 20 … 100 over a fill
        running to its foot, the bars' 10 … 40). 0 for a range starting elsewhere (a trend framed round its
        line)."""
        low, high = (float(v) for v in self.range)
        if low != 0.0 or high <= low:
            return 0
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        half = metrics.height() if self.orientation in ("left", "right") else metrics.horizontalAdvance("0")
        return half // 2 + 1

    def resizeEvent(self, event: Any = None) -> None:  # noqa: N802
        super().resizeEvent(event)
        keep_caption_inside(self)

    def keep_caption_inside(self) -> None:
        """The caption kept inside the chart (:func:`keep_caption_inside`)."""
        keep_caption_inside(self)

    def tickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return style.number_ticks(list(values), scale, spacing)


def fit_width_to_labels(axis: pg.AxisItem, labels: list[str]) -> None:
    """A left or right axis as wide as its widest tick label from the start: pyqtgraph widens an axis only once it
    has drawn its labels, and leaves out a label wider than the axis meanwhile — the first frame of the NPS chart
    named "0 %" alone (its "100 %" did not fit the default width), the staffing chart's ASA axis kept "20" cut."""
    metrics = QFontMetrics(axis.style.get("tickFont") or style.chart_font())
    widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
    caption = axis.label.boundingRect().height() * 0.8 if axis.label.isVisible() else 0     # (pyqtgraph's measure)
    axis.setWidth(int(widest + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"]) + 4 + caption))


def keep_caption_inside(axis: pg.AxisItem) -> None:
    """pyqtgraph centres the caption under a bottom axis; one wider than the axis (a bar chart's beside long names
    in a narrow half panel, a trend's note) ran past the chart's right edge. It moves left just enough to stay
    inside the chart (over the names' column, which is empty below the axis)."""
    chart = axis.parentItem()
    if axis.orientation != "bottom" or chart is None or axis.label is None or not axis.label.isVisible():
        return
    inside = axis.mapRectFromItem(chart, chart.boundingRect())
    box = axis.label.mapRectToParent(axis.label.boundingRect())
    x = min(box.left(), inside.right() - style.CAPTION_ROOM - box.width())
    axis.label.setX(max(x, inside.left() + style.CAPTION_ROOM))

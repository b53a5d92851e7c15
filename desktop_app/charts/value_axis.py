"""The value axis of every chart: numbers written as the window writes them (``style.number_ticks``)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtGui import QFontMetrics

import pyqtgraph as pg

from .. import style


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
        self.keep_caption_inside()

    def keep_caption_inside(self) -> None:
        """pyqtgraph centres the caption under a bottom axis; one wider than the axis (a bar chart's beside long
        names in a narrow half panel) ran past the chart's right edge. It moves left just enough to stay inside the
        chart (over the names' column, which is empty below the axis)."""
        chart = self.parentItem()
        if self.orientation != "bottom" or chart is None or self.label is None or not self.label.isVisible():
            return
        inside = self.mapRectFromItem(chart, chart.boundingRect())
        box = self.label.mapRectToParent(self.label.boundingRect())
        x = min(box.left(), inside.right() - style.CAPTION_ROOM - box.width())
        self.label.setX(max(x, inside.left() + style.CAPTION_ROOM))

    def tickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return style.number_ticks(list(values), scale, spacing)

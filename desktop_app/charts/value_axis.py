"""The value axis of every chart: numbers written as the window writes them (``style.number_ticks``)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from .. import style


class NumberAxis(pg.AxisItem):
    """A pyqtgraph axis whose tick labels are grouped numbers in the language's style, never "1.18e+06"; an axis
    of a whole-number KPI (:attr:`whole`: a count, agents needed) is ticked at whole numbers only (agents needed
    read "1.5, 2.0, 2.5" and "0.2 … 1.0")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole = False

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

    def tickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return style.number_ticks(list(values), scale, spacing)

"""The value axis of every chart: numbers written as the window writes them (``style.number_ticks``)."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg

from .. import style


class NumberAxis(pg.AxisItem):
    """A pyqtgraph axis whose tick labels are grouped numbers in the language's style, never "1.18e+06"."""

    def tickStrings(self, values: Any, scale: float, spacing: float) -> list[str]:  # noqa: N802
        return style.number_ticks(list(values), scale, spacing)

"""Contacts per weekday x hour of day (peak hours)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import pyqtgraph as pg

from metrics_core.i18n import _, ngettext

from .. import style
from ..formatting import weekday_abbreviations
from .base_chart import ChartWidget
from .time_axis import CategoryAxis


class HeatmapChart(ChartWidget):
    """A 7 x 24 image; darker = more contacts."""

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        # the weekdays' names are fitted as a breakdown's are (in a short chart every other day is named)
        super().__init__(title or _("Peak hours (contacts per weekday and hour)"), parent,
                         axis_items={"left": CategoryAxis(orientation="left")})
        self._matrix = np.zeros((7, 24))
        self._image = pg.ImageItem(axisOrder="row-major")
        self._image.setColorMap(style.heat_colour_map(self.theme))
        # (no caption: the title says "contacts per weekday and hour")
        self._scale = style.heat_colour_scale(label="", theme=self.theme)
        self._scale.setImageItem(self._image, insert_in=self.plot_item)
        self.plot_item.getViewBox().invertY(True)
        self.plot_item.showGrid(x=False, y=False)
        self._name_axes()

    def _themed(self, theme: style.ChartTheme) -> None:
        """The colour map and its scale's numbers follow the window's light or dark look (images stay light)."""
        colours = style.heat_colour_map(theme)
        self._image.setColorMap(colours)
        self._scale.setColorMap(colours)
        self._scale.axis.setPen(theme.axis)
        self._scale.axis.setTextPen(theme.foreground)

    def _name_axes(self) -> None:
        """Weekdays, hours, and what the hours are (the numbers alone did not say), in the window's language."""
        self.plot_item.getAxis("left").setTicks([[(i + 0.5, d) for i, d in enumerate(weekday_abbreviations())]])
        self.plot_item.getAxis("bottom").setTicks([[(h + 0.5, f"{h}") for h in range(0, 24, 2)]])
        self.plot_item.setLabel("bottom", _("hour of the day"), color=self.theme.foreground)

    def set_matrix(self, matrix: Any) -> None:
        """``matrix[weekday][hour]`` counts, Monday first."""
        self.clear()
        self._name_axes()
        m = np.nan_to_num(np.asarray(matrix, dtype=float).reshape(7, 24))
        self._matrix = m
        levels = (0, max(float(m.max()), 1.0))
        self._image.setImage(m, levels=levels)
        self._scale.setLevels(levels)
        self._image.setRect(0, 0, 24, 7)
        self.plot_item.addItem(self._image)
        self.plot_item.setXRange(0, 24, padding=0)
        self.plot_item.setYRange(0, 7, padding=0)
        self.update_empty_state()

    def matrix(self) -> np.ndarray:
        return self._matrix.copy()

    def data_table(self) -> pd.DataFrame:
        if not self._matrix.any():
            return pd.DataFrame()
        frame = pd.DataFrame(self._matrix.astype(int), index=weekday_abbreviations(), columns=[f"{h:02d}" for h in range(24)])
        frame.index.name = "weekday"
        return frame.reset_index()

    def data_points(self) -> list[tuple[float, float]]:
        if not self._matrix.any():
            return []
        return [(hour + 0.5, day + 0.5) for day in range(7) for hour in range(24)]     # Monday 00:00 first

    def keyboard_row_length(self) -> int:
        return 24                     # Up and Down: the same hour of the day before or after

    def _hover_text(self, x: float, y: float) -> str | None:
        h, d = int(np.floor(x)), int(np.floor(y))
        if not (0 <= h < 24 and 0 <= d < 7):
            return None
        count = int(round(self._matrix[d, h]))
        return ngettext("{weekday} {first}-{last}: {count} contact", "{weekday} {first}-{last}: {count} contacts",
                        count, weekday=weekday_abbreviations()[d], first=f"{h:02d}:00", last=f"{h:02d}:59", count=count)

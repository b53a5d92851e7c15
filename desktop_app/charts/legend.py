"""A chart's legend in a cell of the plot's layout, never over the data: right of the plot, one entry a line, when
the chart is wide; in a row under it when narrow (a legend row over a short laptop chart took half its height:
the staffing curves were a 60 px strip, the NPS bars 60 px of 170)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

import pyqtgraph as pg

BESIDE_FROM = 680       # px of chart width: narrower, the legend goes under the plot (the data keep 300 px)


class LaidOutLegend(pg.LegendItem):
    """A legend sized by its entries, placed by the plot's layout (pyqtgraph's own sets its geometry at (0, 0)
    itself, for a legend floating over the view)."""

    def __init__(self, plot_item: pg.PlotItem, beside_from: int = BESIDE_FROM, **kwargs: Any) -> None:
        super().__init__(offset=None, **kwargs)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._plot_item = plot_item
        self._beside_from = beside_from
        self._beside: bool | None = None
        plot_item.geometryChanged.connect(self.place)
        self.place()

    def place(self) -> None:
        """Right of the plot's axes (a wide chart), or in a row under the plot, centred."""
        beside = self._plot_item.width() >= self._beside_from
        if beside == self._beside:
            return
        layout = self._plot_item.layout
        if self._beside is not None:
            layout.removeItem(self)
        self._beside = beside
        self.setColumnCount(1 if beside else 3)
        if beside:                       # rows: title, top axis, plot, bottom axis (pyqtgraph's); column 3 is free
            layout.addItem(self, 1, 3, 3, 1)
            layout.setAlignment(self, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        else:
            layout.addItem(self, 4, 0, 1, 4)
            layout.setAlignment(self, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.activate()                # now, not at the next event: an export draws the chart straight away

    def updateSize(self) -> None:  # noqa: N802 - pyqtgraph's name
        self.updateGeometry()          # the plot's layout asks for the new size and places it

    def mouseDragEvent(self, ev: Any) -> None:  # noqa: N802 - pyqtgraph's name
        ev.ignore()                    # it stays in its cell

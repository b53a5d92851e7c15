"""Reading a chart from the keyboard: once Tab has reached a chart, the arrow keys move a ring from one data
point (a bar, a period, a cell) to the next, and what the mouse would show on hovering it is shown in a tooltip
beside it and set as the chart's accessible description (a screen reader says it). Enter acts on the point
as a click does (a bar filters the dashboard to it); Escape puts the ring away.

The chart says where its points are (``data_points``, in its view's coordinates, in reading order), how to word
one (``point_text``) and what Enter does (``activate_point``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtWidgets import QToolTip

import pyqtgraph as pg

from metrics_core.i18n import _

from .. import style

BACK = (Qt.Key.Key_Left, Qt.Key.Key_Up)
ON = (Qt.Key.Key_Right, Qt.Key.Key_Down)


def keyboard_hint() -> str:
    return _("Arrow keys: read the chart's values one by one.")


class PointCursor(QObject):
    """The keyboard's place on a chart: which data point is highlighted, if any."""

    def __init__(self, chart: Any) -> None:
        super().__init__(chart)
        self.index: int | None = None
        self.text = ""
        self._ring: pg.TargetItem | None = None
        for widget in (chart.plot_widget, chart.plot_widget.viewport()):
            widget.installEventFilter(self)

    @property
    def chart(self) -> Any:
        """The chart (this cursor's Qt parent: no Python reference cycle keeps a closed chart alive)."""
        return self.parent()

    def forget(self) -> None:
        """The chart was drawn anew: no point is highlighted (its ring went with the old drawing)."""
        self.index, self.text = None, ""
        plot_item = self.chart.plot_item
        if self._ring is not None and self._ring in plot_item.items:      # (a new drawing has removed it already)
            plot_item.removeItem(self._ring)          # through the plot: its view box keeps no stale child
        self._ring = None
        self._describe(keyboard_hint())

    def move(self, steps: int) -> str | None:
        """Highlight the point ``steps`` away (from before the first point when none is highlighted); returns
        what is said of it (``None`` when the chart has no points)."""
        points = self.chart.data_points()
        if not points:
            return None
        if self.index is None:
            target = 0 if steps > 0 else len(points) - 1
        else:
            target = min(max(self.index + steps, 0), len(points) - 1)
        return self.show(target)

    def show(self, index: int) -> str | None:
        points = self.chart.data_points()
        if not 0 <= index < len(points):
            return None
        self.index = index
        self.chart.reveal_point(index)
        x, y = points[index]
        self._place_ring(x, y)
        words = self.chart.point_text(index) or ""
        self.text = _("{point} ({number} of {count})", point=words, number=index + 1, count=len(points))
        self._describe(self.text)
        view = self.chart.plot_item.getViewBox()
        spot = self.chart.plot_widget.mapFromScene(view.mapViewToScene(QPointF(x, y)))
        QToolTip.showText(self.chart.plot_widget.mapToGlobal(spot), self.text, self.chart.plot_widget)
        return self.text

    def _place_ring(self, x: float, y: float) -> None:
        if self._ring is None or self._ring not in self.chart.plot_item.items:
            # a ring of fixed pixel size, round whatever the axes' scales
            self._ring = pg.TargetItem(pos=(x, y), size=17, symbol="o", movable=False,
                                       pen=style.pen(self.chart.theme.foreground, 2.2),
                                       brush=pg.mkBrush(0, 0, 0, 0))
            self._ring.setZValue(50)                       # over bars and lines
            self.chart.plot_item.addItem(self._ring, ignoreBounds=True)
        self._ring.setPos(x, y)

    def _describe(self, text: str) -> None:
        for widget in (self.chart.plot_widget, self.chart.plot_widget.viewport()):
            widget.setAccessibleDescription(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        step = self.chart.keyboard_row_length() if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) else 1
        if key in BACK:
            return self.move(-step) is not None
        if key in ON:
            return self.move(step) is not None
        if key == Qt.Key.Key_Home:
            return self.show(0) is not None
        if key == Qt.Key.Key_End:
            return self.show(len(self.chart.data_points()) - 1) is not None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.index is not None:
            self.chart.activate_point(self.index)
            return True
        if key == Qt.Key.Key_Escape and self.index is not None:
            QToolTip.hideText()
            self.forget()
            return True
        return False


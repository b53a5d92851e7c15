"""A card's small trend line: the KPI over its last periods, the incomplete last one drawn hollow."""

from __future__ import annotations

import math
from typing import Any, Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from metrics_core.i18n import _

from .. import style

MIN_DRAWN_WIDTH = 36       # narrower than this (a long value beside it) and the line is not drawn


class Sparkline(QWidget):
    """Draws ``values`` left to right; ``None`` values leave a gap."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._values: list[float | None] = []
        self._last_incomplete = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(0)
        self.setFixedHeight(26)
        self.setAccessibleName(_("trend of the last periods"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(70, self.minimumHeight())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.minimumHeight())

    def set_points(self, values: Sequence[float | None], last_incomplete: bool = False, tooltip: str = "") -> None:
        """The values of the last periods, oldest first; ``last_incomplete`` marks the last one as partial. The
        same line again is not drawn again (a re-filter takes the line off every card, most of them without one)."""
        points = [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v) for v in values]
        incomplete = last_incomplete and len(points) > 1
        if (points, incomplete, tooltip) == (self._values, self._last_incomplete, self.toolTip()):
            return
        self._values, self._last_incomplete = points, incomplete
        self.setToolTip(tooltip)
        self.update()

    def points(self) -> list[float | None]:
        return list(self._values)

    def last_incomplete(self) -> bool:
        return self._last_incomplete

    def is_drawn(self) -> bool:
        """Whether there is something to draw and room to draw it."""
        return self.width() >= MIN_DRAWN_WIDTH and sum(v is not None for v in self._values) >= 2

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        if not self.is_drawn():
            return
        known = [v for v in self._values if v is not None]
        low, high = min(known), max(known)
        span = (high - low) or 1.0
        pad = 3.0
        w, h = self.width() - 2 * pad, self.height() - 2 * pad
        step = w / max(1, len(self._values) - 1)

        def at(i: int, v: float) -> QPointF:
            return QPointF(pad + i * step, pad + h - (v - low) / span * h if high > low else pad + h / 2)

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(style.chart_theme(self.palette()).series)     # (a lighter blue on a dark card)
        complete = len(self._values) - (1 if self._last_incomplete else 0)
        path, started = QPainterPath(), False
        for i, v in enumerate(self._values[:complete]):
            if v is None:
                started = False
                continue
            path.lineTo(at(i, v)) if started else path.moveTo(at(i, v))
            started = True
        painter.setPen(QPen(colour, 1.6))
        painter.drawPath(path)
        last = len(self._values) - 1
        if self._last_incomplete and self._values[last] is not None:
            previous = next((i for i in range(last - 1, -1, -1) if self._values[i] is not None), None)
            dashed = QPen(colour, 1.2, Qt.PenStyle.DotLine)
            painter.setPen(dashed)
            if previous is not None:
                painter.drawLine(at(previous, self._values[previous]), at(last, self._values[last]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colour, 1.2))
            painter.drawEllipse(at(last, self._values[last]), 2.5, 2.5)       # hollow: not a whole period
        elif self._values[last] is not None:
            painter.setBrush(colour)
            painter.drawEllipse(at(last, self._values[last]), 2.2, 2.2)

"""The calendar a date filter opens: day names whole, weekends readable, the month name clear of its arrow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QStyle, QTableView, QToolButton

from .. import style

WEEKEND = (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday)
NAME_ROOM = 6            # px beside a day's name in its column, each side (Qt's delegate keeps 3: "m…" for "mån")
ARROW_ROOM = 10          # px the month button's drop-down arrow takes in its bottom right corner


class DateCalendar(QCalendarWidget):
    """Qt's calendar, with its columns as wide as the widest short day name needs (Qt's width cut Swedish "mån" to
    "m…", s16-shots), its weekend days in a red that reads at 4.5 : 1 on the calendar's base, light or dark (Qt's
    pure red was 3.5-4 : 1), and its month button wide enough that the month's name keeps clear of the button's
    drop-down arrow (it touched "oktober")."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)   # (as Qt's own popup)
        self._fit()

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.LocaleChange):
            self._fit()

    def _fit(self) -> None:
        weekend = QTextCharFormat()
        weekend.setForeground(QColor(style.readable(style.BAD, self.palette())))    # (Qt's: pure red)
        for day in WEEKEND:
            self.setWeekdayTextFormat(day, weekend)
        view = self.findChild(QTableView)
        if view is not None:
            metrics = view.fontMetrics()
            widest = max(metrics.horizontalAdvance(self.locale().dayName(day, QLocale.FormatType.ShortFormat))
                         for day in range(1, 8))
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
            column = widest + 2 * max(margin, NAME_ROOM)
            self.setMinimumWidth(view.model().columnCount() * column + 2 * view.frameWidth())
        month = self.findChild(QToolButton, "qt_calendar_monthbutton")
        if month is not None:
            metrics = month.fontMetrics()
            widest = max(metrics.horizontalAdvance(self.locale().standaloneMonthName(m)) for m in range(1, 13))
            month.setMinimumWidth(widest + 2 * ARROW_ROOM + 8)      # (the text is centred: room on both sides)


"""The date filter's calendar, opened as an owner opens it (its arrow), in every language, light and dark: every
day's name whole over its column (Swedish "mån" was drawn "m…", s16-shots), the weekend's red readable at 4.5 : 1
on the calendar (Qt's red was 3.5-4 : 1, light and dark), and the month's name clear of its button's drop-down arrow
(it touched "oktober")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QTableView, QToolButton

from desktop_app.i18n import apply_language
from desktop_app.style import contrast_ratio

from .test_laptop_fit_dark import palette  # noqa: F401 - the light and dark palettes

ARROW_ROOM = 10        # px: Fusion's drop-down arrow in the month button's corner, and a gap


@pytest.mark.parametrize("language", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_the_calendar_shows_whole_day_names_and_readable_weekends(qtbot, palette, language) -> None:  # noqa: F811
    from desktop_app.panels.filter_bar import _date_edit

    apply_language(language)
    try:
        edit = _date_edit()
        qtbot.addWidget(edit)
        edit.setDate(QDate(2026, 10, 31))
        edit.resize(edit.sizeHint())
        edit.show()
        qtbot.waitExposed(edit)
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(edit.width() - 6, edit.height() // 2))
        calendar = edit.calendarWidget()
        qtbot.waitUntil(calendar.isVisible, timeout=5000)
        qtbot.wait(50)
        view = calendar.findChild(QTableView)
        model, metrics = view.model(), view.fontMetrics()
        margin = calendar.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1   # (Qt's delegate's)
        for column in range(model.columnCount()):
            name = str(model.data(model.index(0, column)))
            room = view.columnWidth(column) - 2 * margin
            assert metrics.horizontalAdvance(name) <= room, f"{name!r} in {room} px"
        base = calendar.palette().color(QPalette.ColorRole.Base)
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            red = calendar.weekdayTextFormat(day).foreground().color()
            assert contrast_ratio(red, base) >= 4.5, f"{red.name()} on {base.name()}"
        month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
        gap = (month.width() - month.fontMetrics().horizontalAdvance(month.text())) / 2    # (the text is centred)
        assert gap >= ARROW_ROOM, f"{month.text()!r}: {gap:.0f} px to the button's edge, its arrow {ARROW_ROOM} px"
        calendar.window().hide()
    finally:
        apply_language("en")

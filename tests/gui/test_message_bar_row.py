"""The message strip (it stays until closed) has a row of its own under the work area while it shows (s18-gui): laid
over the work area's bottom right (s17-gui) it hid the charts' axes, the data's last rows and scroll bar
(test_message_bar_hides_no_chart). Its coming moves nothing the owner is reading: at 1366 x 768 the filters, the tabs
and the cards keep their places and sizes (no card is laid out again: the charts take the row's height, not the
cards); only the page's foot comes up. It is as wide as the work area, whole, under nothing, its x reached with Tab
before the work area; Escape closes it and the page has its room back. (s17-gui's version, in no layout, moved nothing
at all; main's before it, a row above the dashboard, moved the cards down: 52 resizes.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from .helpers import loaded_window, watch_work_area

DAMAGED = ("“damaged export.xlsx” is damaged and cannot be opened (this happens after an interrupted download or "
           "copy). Download or copy it again, or open it in Excel and save a copy.")


def _settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def _rect_in(widget, central) -> QRect:
    return QRect(widget.mapTo(central, QPoint(0, 0)), widget.size())


def test_the_message_strip_takes_a_row_under_the_work_area_and_moves_no_card(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, bar, central = window.workspace, window.message_bar, window.centralWidget()
    watched, before, resizes = watch_work_area(qtbot, window)
    area = ws.chart_area
    foot = (window.stack, ws.tabs, ws.dash_split, area, area.trend, area.bars)     # (they end above the strip)
    for widget in foot:
        widget.removeEventFilter(resizes)
    bar.show_message(DAMAGED, "error")
    bar.show_message("gone.csv no longer exists.", "warning")
    _settle(qtbot)
    shown, stack = _rect_in(bar, central), _rect_in(window.stack, central)
    assert bar.isVisible() and bar.close_button.isVisible() and bar._label.text().startswith("gone.csv")
    assert central.rect().contains(shown) and shown.top() > stack.bottom(), f"the strip {shown}, the page {stack}"
    assert (shown.left(), shown.right()) == (stack.left(), stack.right())           # as wide as the work area
    assert bar._label.height() >= bar._label.heightForWidth(bar._label.width())     # its lines whole
    assert bar.visibleRegion().boundingRect() == bar.rect()     # nothing lies over it
    assert resizes.seen == [], f"resized while the message strip came: {resizes.seen}"
    assert area.trend.height() < before[watched.index(area.trend)].height()         # the charts end higher
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain.index(bar.close_button) < chain.index(ws.sidebar.list)    # Tab reaches its x before the work area
    bar.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Escape)          # Escape closes it, as the x does
    _settle(qtbot)
    for w in watched:
        w.removeEventFilter(resizes)
    assert bar.isHidden() and bar.text() == ""
    assert resizes.seen == [], f"resized while the message strip went: {resizes.seen}"
    assert [w.geometry() for w in watched] == before                                 # the page's room back
    bar.show_message(DAMAGED, "error")
    window.resize(1280, 720)                                    # it follows the window
    _settle(qtbot)
    shown, stack = _rect_in(bar, central), _rect_in(window.stack, central)
    assert central.rect().contains(shown) and shown.top() > stack.bottom()
    assert (shown.left(), shown.right()) == (stack.left(), stack.right())
    assert bar._label.height() >= bar._label.heightForWidth(bar._label.width())


def test_a_window_at_its_least_height_has_its_height_back_once_the_strip_is_closed(qtbot, settings) -> None:
    """At its least height (379 px offscreen) the window grew by the strip's row (24 px) when it came, its minimum
    taking the row, and kept that height after the strip was closed (s18-gui, Left). Once closed, the window has its
    height back, unless the owner sized the window while the strip showed."""
    window = loaded_window(qtbot, settings)
    bar = window.message_bar
    for page in (window.workspace, window.start_page):
        window.stack.setCurrentWidget(page)
        window.resize(1366, 100)                    # (as low as it goes)
        _settle(qtbot)
        least = window.height()
        assert least == window.minimumHeight()
        bar.show_message(DAMAGED, "error")
        _settle(qtbot)
        central = window.centralWidget()
        assert bar.isVisible() and _rect_in(bar, central).top() > _rect_in(window.stack, central).bottom()
        assert window.height() > least                   # (the case at stake: its minimum took the strip's row)
        bar.close_button.click()
        _settle(qtbot)
        assert bar.isHidden() and window.height() == least, f"{window.height()} px after the strip went, {least} before"
    bar.show_message(DAMAGED, "error")
    _settle(qtbot)
    window.resize(1366, 600)                        # the owner's height, while the strip shows: kept
    _settle(qtbot)
    bar.close_button.click()
    _settle(qtbot)
    assert window.height() == 600

"""The message bar comes and goes without moving anything (s16-busy's left line, s17-gui): in the window at
1366 x 768 the dashboard's work area, the cards and the charts' area keep their geometry and get no resize event while
a message shows and is dismissed (in the layout its coming made the work area shorter and every card and chart was
laid out and painted again); only the two charts get shorter, to end above it (test_message_bar_hides_no_chart). It lies over the bottom right of the work area, whole inside the window and under
nothing, clear of the filters, the tabs, the cards and the files; its x is reached with Tab and Escape closes it."""

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


def test_the_message_bar_shows_and_hides_without_moving_the_work_area(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, bar, central = window.workspace, window.message_bar, window.centralWidget()
    watched, before, resizes = watch_work_area(qtbot, window)
    charts = (ws.chart_area.trend, ws.chart_area.bars)      # (they end above the strip while it shows)
    for chart in charts:
        chart.removeEventFilter(resizes)
    before = [g for w, g in zip(watched, before) if w not in charts]
    watched = [w for w in watched if w not in charts]
    bar.show_message(DAMAGED, "error")
    bar.show_message("gone.csv no longer exists.", "warning")
    _settle(qtbot)
    shown = _rect_in(bar, central)
    assert bar.isVisible() and bar.close_button.isVisible() and "gone.csv" in bar._label.text()
    assert central.rect().contains(shown) and shown.height() >= bar.height_at(shown.width())
    assert bar.visibleRegion().boundingRect() == bar.rect()     # nothing lies over it
    for free in (ws.filter_bar, ws.tabs.tabBar(), ws.dashboard, ws.sidebar):   # filters, tabs, cards, files in reach
        assert not shown.intersects(_rect_in(free, central)), type(free).__name__
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
    assert resizes.seen == [], f"resized while the message bar came and went: {resizes.seen}"
    assert [w.geometry() for w in watched] == before
    bar.show_message(DAMAGED, "error")
    window.resize(1280, 720)                                    # it follows the work area's corner
    _settle(qtbot)
    shown = _rect_in(bar, central)
    assert central.rect().contains(shown) and not shown.intersects(_rect_in(ws.dashboard, central))
    assert shown.right() == _rect_in(window.stack, central).right() - 8

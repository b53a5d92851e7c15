"""The busy bar comes and goes without moving anything (issue 15, s16-busy): in the window at 1366 x 768 the
dashboard's work area, the cards and the charts keep their geometry and get no resize event while it shows and
hides (its coming made the work area 28 px shorter, and every card and chart was laid out and painted again on
the GUI thread while the values job ran); it is shown whole inside the window, its Cancel reachable."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from .helpers import loaded_window, watch_work_area


def test_the_busy_bar_shows_and_hides_without_moving_the_work_area(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, bar = window.workspace, window.busy_bar
    watched, before, resizes = watch_work_area(qtbot, window)
    bar.set_busy(True, "Computing KPIs")
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)
    shown = QRect(bar.mapTo(window.centralWidget(), QPoint(0, 0)), bar.size())
    assert bar.isVisible() and bar._cancel.isVisible() and bar._label.text() == "Computing KPIs"
    assert window.centralWidget().rect().contains(shown) and shown.height() >= bar.sizeHint().height()
    assert bar.visibleRegion().boundingRect() == bar.rect()     # nothing lies over it
    for free in (ws.filter_bar, ws.tabs.tabBar()):          # the filters and the tabs stay in reach
        assert not shown.intersects(QRect(free.mapTo(window.centralWidget(), QPoint(0, 0)), free.size()))
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain.index(bar._cancel) < chain.index(ws.sidebar.list)     # Tab reaches Cancel before the work area
    bar.set_busy(False)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)
    for w in watched:
        w.removeEventFilter(resizes)
    assert resizes.seen == [], f"resized while the busy bar came and went: {resizes.seen}"
    assert [w.geometry() for w in watched] == before and bar.isHidden()

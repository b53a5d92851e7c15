"""A card's right-click menu is freed once it closes (the soak of session 21 found one QMenu kept on the card for
every right-click, for as long as the window lived; the charts' menu was already let go)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.panels.kpi_card import KpiCard


def test_right_clicks_on_a_card_leave_no_menu_behind(qtbot) -> None:
    shown: list[str] = []

    def close_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.append(menu.actions()[0].text())
            menu.close()
        else:
            QTimer.singleShot(10, close_the_menu)

    card = KpiCard("csat", "CSAT", "%", None)
    qtbot.addWidget(card)
    card.show()
    for _ in range(3):
        QTimer.singleShot(10, close_the_menu)
        card.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5)))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(shown) == 3, "the menu was not shown"
    assert card.findChildren(QMenu) == []

"""An overlay whose window was dropped: the collector may clear the window's cycle (every Python attribute of
the overlay gone) while Qt, destroying the widgets later, still hides them and calls the overlay's event filter.
The whole suite once failed so ("'Overlay' object has no attribute '_bar'", raised from Qt's event filter in a
later test)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.panels.overlay import Overlay


def test_a_cleared_overlay_lets_its_watched_widgets_be_hidden(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    watched, room = QWidget(window), QWidget(window)
    bar = QLabel("busy", room)

    class Window:                       # (the overlay holds its strip weakly: a bound method, as the window's)
        def strip(self) -> QRect:
            return QRect(0, 0, 200, 20)

    owner = Window()
    overlay = Overlay(bar, owner.strip, watched)
    window.show()
    bar.show()
    overlay.place()
    assert room.geometry() == QRect(0, 0, 200, 20)
    overlay.__dict__.clear()            # what the collector's clearing of a cycle leaves
    watched.hide()                      # raised AttributeError from the event filter before
    watched.show()
    assert watched.isVisible()

"""A bar laid over part of the window instead of taking a place in its layout (the busy bar: short-lived, its coming
moves nothing; the message strip, which stays until closed, has a row of its own since s18-gui)."""

from __future__ import annotations

import weakref
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QWidget


class Overlay(QObject):
    """Lays ``bar`` over ``strip()`` whenever it is shown and whenever one of ``watched`` is resized, moved, shown or
    hidden, so its coming and going moves nothing (in a layout it made the work area shorter, and every card and
    chart was laid out and painted again). The bar's parent is its room: a child of the window's central widget in
    no layout and with none of its own, always shown, given ``strip()`` (in its parent's coordinates) and raised
    while the bar shows, no size while it is hidden. (Qt lays out the parent of a widget shown or hidden again; a
    parent without a layout lays out nothing, and the cards were laid out afresh through the central widget.)"""

    def __init__(self, bar: QWidget, strip: Callable[[], QRect], *watched: QObject) -> None:
        super().__init__(bar)
        self._bar = bar
        self._strip = weakref.WeakMethod(strip)     # (a bound method of the window: a strong one kept the window
        bar.parentWidget().resize(0, 0)             # alive in a cycle the collector cannot see)
        bar.setAutoFillBackground(True)         # (what it lies over does not show through)
        for widget in watched:
            widget.installEventFilter(self)

    def place(self, shown: bool = True) -> None:
        """The room over the strip and the bar in it (``shown``), or the room without a size."""
        room = self._bar.parentWidget()
        strip_of = self._strip()
        if strip_of is None or room is None:
            return
        if not shown:
            room.resize(0, 0)           # (an empty room over the cards or the charts would take their clicks)
            return
        strip = strip_of()
        room.setGeometry(strip)
        room.raise_()
        self._bar.setGeometry(0, 0, strip.width(), strip.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A dropped window's cycle may be cleared by the collector (its attributes gone) while Qt still hides its
        # widgets and calls this filter: then there is no bar to place.
        bar = self.__dict__.get("_bar")
        if bar is not None and not bar.isHidden() \
                and event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide):
            self.place()
        return super().eventFilter(watched, event)

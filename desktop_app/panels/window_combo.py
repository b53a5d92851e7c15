"""A combo box whose open list stays inside its window (and the screen), scrolling instead."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QComboBox

MARGIN = 4          # px between the open list and the window's edge


class WindowComboBox(QComboBox):
    """A :class:`QComboBox` whose open list never runs past its window's bottom (or top): Fusion opens it over the
    current choice as long as it is, and the "Break down by" list of the demo's 23 columns ran off a 1366 x 768
    window (29_break_down_by_open). Longer lists are cut to the window's height and scroll, the current choice in
    view."""

    def showPopup(self) -> None:  # noqa: N802
        super().showPopup()
        popup = self.view().window()
        if popup is self.window() or not popup.isVisible():
            return
        room = self.window().geometry().adjusted(0, MARGIN, 0, -MARGIN)
        screen = self.screen()
        if screen is not None:
            room = room.intersected(screen.availableGeometry())
        shape = popup.geometry()
        if shape.height() > room.height():
            shape.setHeight(room.height())
        if shape.bottom() > room.bottom():
            shape.moveBottom(room.bottom())
        if shape.top() < room.top():
            shape.moveTop(room.top())
        if shape != popup.geometry():
            popup.setGeometry(shape)
            if popup.layout() is not None:
                popup.layout().activate()           # (the list its new height before it scrolls)
            self.view().scrollTo(self.view().currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)

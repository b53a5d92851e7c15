"""A tab widget laid out again only when what its layout depends on changed (issue 15, s17-relayout)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget


class SteadyTabWidget(QTabWidget):
    """A :class:`QTabWidget` that lets a layout request pass only when its size, its size hints, its tab bar's or
    its corners' hints or their showing changed since it last laid itself out. Qt's tab widget answers every
    layout request by laying out its tab bar, pages and corners and repainting all of itself
    (``QTabWidget::setUpLayout`` ends in ``update()``), then asks its parent to lay out again, up to the window:
    a status filter's chip in the filter bar, a card's text or a new summary line in the corner repainted the
    whole work area, both charts included, and laid out every parent up to the window, on the GUI thread while
    the values job ran (the GIL is shared). When nothing it lays out changed the request ends here; what did
    change repaints itself (a label whose text is set, a button shown)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._laid_out_for: tuple | None = None

    def _layout_key(self) -> tuple:
        bar = self.tabBar()
        corners = tuple(None if (w := self.cornerWidget(c)) is None
                        else (w.isHidden(), w.sizeHint(), w.minimumSizeHint())
                        for c in (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner))
        return (self.size(), self.sizeHint(), self.minimumSizeHint(), self.tabPosition(), self.tabShape(),
                self.documentMode(), bar.isHidden(), bar.sizeHint(), corners)

    def event(self, event: QEvent) -> bool:  # noqa: D401 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            key = self._layout_key()
            if key == self.__dict__.get("_laid_out_for"):    # (cleared with a dropped window's cycle: lay out)
                return True                 # (nothing of its layout changed: no layout, no repaint, no parent's)
            done = super().event(event)
            self._laid_out_for = self._layout_key()
            return done
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.StyleChange,
                            QEvent.Type.FontChange, QEvent.Type.LayoutDirectionChange, QEvent.Type.ChildAdded,
                            QEvent.Type.ChildRemoved):
            self._laid_out_for = None       # (laid out by Qt on its own: the next request passes)
        return super().event(event)

    def tabInserted(self, index: int) -> None:  # noqa: N802 - Qt's name
        self._laid_out_for = None
        super().tabInserted(index)

    def tabRemoved(self, index: int) -> None:  # noqa: N802 - Qt's name
        self._laid_out_for = None
        super().tabRemoved(index)

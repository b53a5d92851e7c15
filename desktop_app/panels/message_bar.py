"""An inline message strip at the top of the window (not a wall of modal boxes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from metrics_core.i18n import _

LEVEL_COLOURS = {         # background, words, border
    "error": ("#fdecea", "#611a15", "#f5c2bd"),
    "warning": ("#fff4e5", "#663c00", "#ffd699"),
    "info": ("#e8f4fd", "#0d3c61", "#b6dcf7"),
}
# the strip keeps its light colours in a dark window: its words and its x take the strip's dark text colour
# (they took the dark palette's near-white and were invisible on the light strip)
STRIP = ("#messageBar {{ background:{0}; border:1px solid {2}; border-radius:4px; }} "
         "#messageBar QLabel, #messageBar QToolButton {{ color:{1}; background:transparent; border:none; }}")


class MessageBar(QFrame):
    """Shows the latest messages; closes with its x button."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("\u2715")
        close.setAutoRaise(True)
        close.setToolTip(_("Dismiss"))
        close.setAccessibleName(close.toolTip())
        close.clicked.connect(self._on_close_clicked)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._messages: list[str] = []
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self._messages = [*self._messages[-3:], text]
        self._label.setText("\n".join(self._messages))
        self.setStyleSheet(STRIP.format(*LEVEL_COLOURS.get(level, LEVEL_COLOURS["info"])))
        self.show()

    def text(self) -> str:
        return self._label.text()

    def clear(self) -> None:
        self._messages = []
        self._label.clear()
        self.hide()

    def _on_close_clicked(self) -> None:
        self.clear()

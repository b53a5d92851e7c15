"""An inline message strip at the top of the window (not a wall of modal boxes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from metrics_core.i18n import _

LEVEL_STYLES = {
    "error": "background:#fdecea; color:#611a15; border:1px solid #f5c2bd;",
    "warning": "background:#fff4e5; color:#663c00; border:1px solid #ffd699;",
    "info": "background:#e8f4fd; color:#0d3c61; border:1px solid #b6dcf7;",
}


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
        self.setStyleSheet(f"#messageBar {{ {LEVEL_STYLES.get(level, LEVEL_STYLES['info'])} border-radius:4px; }}")
        self.show()

    def text(self) -> str:
        return self._label.text()

    def clear(self) -> None:
        self._messages = []
        self._label.clear()
        self.hide()

    def _on_close_clicked(self) -> None:
        self.clear()

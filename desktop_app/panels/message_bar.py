"""An inline message strip at the top of the window (not a wall of modal boxes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton

from metrics_core.i18n import _

from ..text_fit import elide_to_lines

MAX_LINES = 2

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
    """Shows the latest messages in a thin strip of at most :data:`MAX_LINES` lines (the newest first, every
    message whole in the tooltip: four stacked messages, or one in a roomy frame, took the third row of cards
    on a 1280 x 720 laptop); closes with its x button."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(4)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)   # (never widens the window)
        close = QToolButton()
        close.setText("\u2715")
        close.setAutoRaise(True)
        side = close.fontMetrics().height() + 4
        close.setFixedSize(side, side)
        close.setToolTip(_("Dismiss"))
        close.setAccessibleName(close.toolTip())
        close.clicked.connect(self._on_close_clicked)
        layout.addWidget(self._label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._messages: list[str] = []
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self._messages = [*self._messages[-3:], text]
        self._fit()
        self.setStyleSheet(STRIP.format(*LEVEL_COLOURS.get(level, LEVEL_COLOURS["info"])))
        self.show()

    def _fit(self) -> None:
        """The messages, newest first, in the lines the strip has at its width."""
        whole = "   ".join(reversed(self._messages))
        width = self._label.width() if self._label.width() > 40 else self.width() - 40
        shown = elide_to_lines(whole, self._label.fontMetrics(), max(40, width), MAX_LINES)
        self._label.setText(shown)
        self._label.setToolTip("\n".join(self._messages) if shown != whole or len(self._messages) > 1 else "")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._messages and event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self._fit)       # (after the layout has given the label its new width)

    def text(self) -> str:
        """Every message shown, oldest first."""
        return "\n".join(self._messages)

    def clear(self) -> None:
        self._messages = []
        self._label.clear()
        self._label.setToolTip("")
        self.hide()

    def _on_close_clicked(self) -> None:
        self.clear()

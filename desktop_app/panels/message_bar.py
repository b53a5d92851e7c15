"""The window's messages in a strip under the work area (not a wall of modal boxes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton

from metrics_core.i18n import _

from ..style import chart_theme, restyle
from ..text_fit import elide_to_lines

MAX_LINES = 2           # (as wide as the window: a line more is a line less of the page above it)

LEVEL_COLOURS = {         # background, words, border
    "error": ("#fdecea", "#611a15", "#f5c2bd"),
    "warning": ("#fff4e5", "#663c00", "#ffd699"),
    "info": ("#e8f4fd", "#0d3c61", "#b6dcf7"),
}
# in a dark window a dark strip of the level's hue with light words (a light pink strip glared in the dark window,
# s16-shots 54_error_unreadable_file dark); every pair reads at 10 : 1 or more
DARK_LEVEL_COLOURS = {
    "error": ("#3b1d1b", "#f8d0cb", "#a5473e"),
    "warning": ("#3a2a10", "#ffdfae", "#9a7223"),
    "info": ("#15293a", "#cfe6fa", "#3d77a8"),
}
# the words and the x take the strip's own text colour (the dark palette's near-white was invisible on the light
# strip)
STRIP = ("#messageBar {{ background:{0}; border:1px solid {2}; border-radius:4px; }} "
         "#messageBar QLabel, #messageBar QToolButton {{ color:{1}; background:transparent; border:none; }}")


class MessageBar(QFrame):
    """Shows the latest messages in a thin strip of at most :data:`MAX_LINES` lines (the newest first, every
    message whole in the tooltip: four stacked messages, or one in a roomy frame, took the third row of cards
    on a 1280 x 720 laptop); closes with its x button (reached with Tab) or Escape. In the window it is a row of
    its own under the work area while it shows, as wide as the window: the page ends above it (laid over the work
    area's corner it hid the charts' axes, the data's last rows and the start page's corner while an error stayed,
    s17-review and s18-gui)."""

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
        self.close_button = close
        self._messages: list[str] = []
        self._level = "info"
        self._window_height: int | None = None     # the window's height before the strip came (given back)
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        if self.isHidden() and not self.isWindow():
            self._window_height = self.window().height()
        self._messages = [*self._messages[-3:], text]
        self._level = level
        self._restyle()
        self._fit(self._label_width(self._width_to_come()))     # (its lines before the layout gives it a height)
        self.show()

    def _width_to_come(self) -> int:
        """The strip's width once shown: its row's in the parent's layout (hidden, it is not laid out)."""
        parent = self.parentWidget()
        row = parent.layout().contentsRect().width() if parent is not None and parent.layout() is not None else 0
        return row if row > 0 else self.width()

    def _label_width(self, width: int) -> int:
        """The words' width in a strip ``width`` pixels wide."""
        margins = self.layout().contentsMargins()
        return width - margins.left() - margins.right() - self.layout().spacing() - self.close_button.width()

    def _restyle(self) -> None:
        around = self.parentWidget() or QApplication.instance()     # (its own palette is its style sheet's)
        colours = DARK_LEVEL_COLOURS if chart_theme(around.palette()).dark else LEVEL_COLOURS
        restyle(self, STRIP.format(*colours.get(self._level, colours["info"])))

    def _fit(self, width: int | None = None) -> None:
        """The messages, newest first, in the lines the strip has at its width (or the label ``width``)."""
        whole = "   ".join(reversed(self._messages))
        if width is None:
            width = self._label.width() if self._label.width() > 40 else self.width() - 40
        shown = elide_to_lines(whole, self._label.fontMetrics(), max(40, width), MAX_LINES)
        if shown != self._label.text():
            self._label.setText(shown)
        self._label.setToolTip("\n".join(self._messages) if shown != whole or len(self._messages) > 1 else "")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._messages and event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self._fit)       # (after the layout has given the label its new width)

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._messages:
            self._restyle()             # (the system turned light or dark)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        """Every message shown, oldest first."""
        return "\n".join(self._messages)

    def clear(self) -> None:
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
        self._messages = []
        self._label.clear()
        self._label.setToolTip("")
        self.hide()
        self._give_back_height()
        if had_focus and self.window() is not None:
            self.window().focusNextChild()     # (the keyboard's place is not lost with the strip)

    def _give_back_height(self) -> None:
        """The window its height from before the strip came when the strip's row made it grow: at its least height
        the window's minimum took the row (24 px, s18-gui Left) and the window kept it after the strip went. Not
        when the owner sized the window since (it is then taller than its minimum), nor maximized."""
        window, before, self._window_height = self.window(), self._window_height, None
        if before is None or window is self or window.isMaximized() or window.isFullScreen():
            return
        if not before < window.height() == window.minimumHeight():
            return
        for widget in (self.parentWidget(), window):   # (their minimum without the row now, not at their next events)
            if widget is not None and widget.layout() is not None:
                widget.layout().activate()
        window.resize(window.width(), max(before, window.minimumHeight()))

    def _on_close_clicked(self) -> None:
        self.clear()

"""The window's messages in a strip under the work area (not a wall of modal boxes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLayout, QSizePolicy, QToolButton, QWidget

from metrics_core.i18n import _

from ..style import chart_theme, restyle
from ..text_fit import elide_to_lines, wrapped_height

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


@dataclass(frozen=True)
class Described:
    """A message an object words itself, in the language of now (``source.describe()``: a merge note)."""

    source: Any

    def __str__(self) -> str:
        return self.source.describe()


class MessageBar(QFrame):
    """Shows the latest messages in a thin strip of at most :data:`MAX_LINES` lines (the newest first, every
    message whole in the tooltip: four stacked messages, or one in a roomy frame, took the third row of cards
    on a 1280 x 720 laptop); closes with its x button (reached with Tab) or Escape. In the window it is a row of
    its own under the work area while it shows, as wide as the window: the page ends above it (laid over the work
    area's corner it hid the charts' axes, the data's last rows and the start page's corner while an error stayed,
    s17-review and s18-gui), and the window's least height holds its one-line row (:class:`StripRowLayout`), so its
    coming never changes the window's height.

    A message is a :class:`~metrics_core.i18n.Message` (a template and its values, rendered when shown: shown again
    in the new language after a language switch, :meth:`said` and :meth:`say_again`) or a text already rendered."""

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
        self._messages: list[Any] = []        # Message (rendered when shown) or str, oldest first
        self._level = "info"
        self._restyle()         # (its frame from the start: the window's least height holds its row, border and all)
        self.hide()

    def show_message(self, text: Any, level: str = "error") -> None:
        """Show ``text`` (a :class:`~metrics_core.i18n.Message`, or a text already rendered) first in the strip."""
        self._messages = [*self._messages[-3:], text]
        self._level = level
        self._restyle()
        width = self._width_to_come()
        self._fit(self._label_width(width), self._lines_to_come())   # (its lines before the layout gives it a height)
        self.show()

    def said(self) -> tuple[tuple[Any, ...], str]:
        """The messages shown (oldest first) and their level, unrendered: for :meth:`say_again`."""
        return tuple(self._messages), self._level

    def say_again(self, said: tuple[tuple[Any, ...], str]) -> None:
        """Show again what another strip :meth:`said` (the window's widgets made again in another language): each
        :class:`~metrics_core.i18n.Message` in the language of now."""
        messages, level = said
        for message in messages:
            self.show_message(message, level)

    def _shown_texts(self) -> list[str]:
        return [str(message) for message in self._messages]

    def _width_to_come(self) -> int:
        """The strip's width once shown: its row's in the parent's layout (hidden, it is not laid out)."""
        parent = self.parentWidget()
        row = parent.layout().contentsRect().width() if parent is not None and parent.layout() is not None else 0
        return row if row > 0 else self.width()

    def _lines_to_come(self) -> int:
        """The lines of words the strip will have: those of the height its row will give it (the text may change
        while that height does not, so no resize follows), :data:`MAX_LINES` out of a :class:`StripRowLayout`."""
        row = self.parentWidget().layout() if self.parentWidget() is not None else None
        if not isinstance(row, StripRowLayout) or row.contentsRect().height() <= 0:
            return MAX_LINES
        return self._lines_in(row.strip_height(row.contentsRect()))

    def _label_width(self, width: int) -> int:
        """The words' width in a strip ``width`` pixels wide."""
        frame, margins = self.contentsMargins(), self.layout().contentsMargins()
        return (width - frame.left() - frame.right() - margins.left() - margins.right() - self.layout().spacing()
                - self.close_button.width())

    def height_for_lines(self, lines: int) -> int:
        """The strip's height with ``lines`` lines of words."""
        self.ensurePolished()           # (its frame's border is its style sheet's)
        self._label.ensurePolished()
        frame, margins, label = self.contentsMargins(), self.layout().contentsMargins(), self._label.contentsMargins()
        words = wrapped_height("\n".join("x" * max(1, lines)), self._label.fontMetrics(), 1000)
        return (frame.top() + frame.bottom() + margins.top() + margins.bottom()
                + max(self.close_button.height(), words + label.top() + label.bottom()))

    def wanted_height(self, width: int) -> int:
        """The strip's height ``width`` pixels wide with its messages on as many lines as they take (at most
        :data:`MAX_LINES`)."""
        whole, label = self._whole(), self._label_width(width)
        lines = next((n for n in range(1, MAX_LINES) if
                      elide_to_lines(whole, self._label.fontMetrics(), max(40, label), n) == whole), MAX_LINES)
        return self.height_for_lines(lines)

    def _lines_in(self, height: int) -> int:
        """The lines of words a strip ``height`` pixels high holds (one at least)."""
        return next((n for n in range(MAX_LINES, 1, -1) if self.height_for_lines(n) <= height), 1)

    def _whole(self) -> str:
        return "   ".join(reversed(self._shown_texts()))

    def _restyle(self) -> None:
        around = self.parentWidget() or QApplication.instance()     # (its own palette is its style sheet's)
        colours = DARK_LEVEL_COLOURS if chart_theme(around.palette()).dark else LEVEL_COLOURS
        restyle(self, STRIP.format(*colours.get(self._level, colours["info"])))

    def _fit(self, width: int, lines: int) -> None:
        """The messages, newest first, in ``lines`` lines of words ``width`` pixels wide."""
        texts, whole = self._shown_texts(), self._whole()
        shown = elide_to_lines(whole, self._label.fontMetrics(), max(40, width), lines)
        if shown != self._label.text():
            self._label.setText(shown)
        self._label.setToolTip("\n".join(texts) if shown != whole or len(texts) > 1 else "")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._messages and event.oldSize() != event.size():     # (its lines at once: no frame shows them cut)
            self._fit(self._label_width(event.size().width()), self._lines_in(event.size().height()))

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
        """Every message shown, oldest first, in the language of now."""
        return "\n".join(self._shown_texts())

    def clear(self) -> None:
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
        self._messages = []
        self._label.clear()
        self._label.setToolTip("")
        self.hide()
        if had_focus and self.window() is not None:
            self.window().focusNextChild()     # (the keyboard's place is not lost with the strip)

    def _on_close_clicked(self) -> None:
        self.clear()


class StripRowLayout(QLayout):
    """The window's work area over the message strip's row. The least height always holds the strip's row of one
    line, shown or not, so a message never changes the window's height (the row was in the window's minimum only
    while the strip showed: at its least height the window grew 24 px for a message, s18-gui and s19-gui; nothing
    in the page has that room at its least height). With the strip shown the page ends above it; the strip has the
    lines its messages take (at most :data:`MAX_LINES`) where the page is above its least height, else one line (the
    rest in its tooltip)."""

    def __init__(self, parent: QWidget, page: QWidget, strip: MessageBar, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self.setSpacing(spacing)
        self.page, self.strip = page, strip
        self.addWidget(page)
        self.addWidget(strip)

    def addItem(self, item: Any) -> None:  # noqa: N802
        self._items.append(item)

    # (Qt asks for the items and the sizes while it deletes the layout, when the Python side may be gone: none then,
    # and no size; every method that reads the items reads them through _held / _holding)
    def _held(self) -> list[Any]:
        return self.__dict__.get("_items", [])

    def _holding(self, name: str) -> Any:
        """The item of the page or the strip (``name``), None once it is taken out or the Python side is gone."""
        widget = self.__dict__.get(name)
        return next((item for item in self._held() if widget is not None and item.widget() is widget), None)

    def count(self) -> int:
        return len(self._held())

    def itemAt(self, index: int) -> Any:  # noqa: N802
        items = self._held()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> Any:  # noqa: N802
        items = self._held()
        return items.pop(index) if 0 <= index < len(items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal | Qt.Orientation.Vertical

    def _with_row(self, size: str) -> QSize:
        """The page's ``size`` ("minimumSize" or "sizeHint") with the strip's row of one line and the margins."""
        if "_items" not in self.__dict__:
            return QSize(0, 0)
        margins, page = self.contentsMargins(), self._holding("page")
        inner = getattr(page, size)() if page is not None else QSize(0, 0)
        row = self.spacing() + self.strip.height_for_lines(1) if self._holding("strip") is not None else 0
        return QSize(inner.width() + margins.left() + margins.right(),
                     inner.height() + row + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        return self._with_row("minimumSize")

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._with_row("sizeHint")

    def strip_height(self, area: QRect) -> int:
        """The strip's height in the ``area`` of the page and the strip: the lines its messages take where the page
        keeps its least height, one line at least (the least height holds that)."""
        page = self._holding("page")
        room = area.height() - (page.minimumSize().height() if page is not None else 0) - self.spacing()
        return max(self.strip.height_for_lines(1), min(self.strip.wanted_height(area.width()), room))

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        area = self.contentsRect()
        if self._holding("page") is None:
            return                                  # (emptied, or being deleted: nothing of its own to place)
        if self._holding("strip") is None or self.strip.isHidden():
            self.page.setGeometry(area)
            return
        height = self.strip_height(area)
        self.page.setGeometry(QRect(area.x(), area.y(), area.width(), area.height() - height - self.spacing()))
        self.strip.setGeometry(QRect(area.x(), area.bottom() - height + 1, area.width(), height))

"""A layout that places widgets left to right and wraps them onto new lines."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Wrapping row layout (Qt's classic flow-layout example). ``fill_rows``: a grid of equal widgets (the KPI
    cards) whose columns share the line's whole width, each up to its maximum width, instead of leaving a
    strip empty at the right."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, fill_rows: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._fill_rows = fill_rows
        self._breaks: set[QWidget] = set()
        self._heights: dict[int, int] = {}     # heightForWidth by width, until the layout is invalidated
        self.setContentsMargins(0, 0, 0, 0)

    def spacing_between(self) -> int:
        """The gap between two widgets on a line."""
        return self._spacing

    def break_before(self, widget: QWidget, on: bool) -> None:
        """Start a new line at ``widget`` (``on``) or let it follow on the line as it fits."""
        (self._breaks.add if on else self._breaks.discard)(widget)
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> Any:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """(Qt asks it several times a layout pass, and 200-300 times while a drop fills the cards: each answer is
        kept until something in the layout changes, as Qt's own layouts keep theirs.)"""
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._do_layout(QRect(0, 0, width, 0), apply=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _shown_items(self) -> list[QLayoutItem]:
        return [item for item in self._items if item.widget() is None or not item.widget().isHidden()]

    def column_width(self, width: int) -> int | None:
        """With ``fill_rows``: the width each widget gets on a line ``width`` pixels wide."""
        items = self._shown_items()
        if not self._fill_rows or not items:
            return None
        narrowest = max(item.sizeHint().width() for item in items)
        widest = max(narrowest, min(item.maximumSize().width() for item in items))
        columns = max(1, (width + self._spacing) // (narrowest + self._spacing))     # (every family: the same columns)
        return max(narrowest, min(widest, (width - (columns - 1) * self._spacing) // columns))

    def line_bottoms(self, width: int) -> list[int]:
        """Where each line of the shown widgets ends, from the layout's top, at ``width`` pixels wide."""
        bottoms: list[int] = []
        self._do_layout(QRect(0, 0, width, 0), apply=False, bottoms=bottoms)
        return bottoms

    def _do_layout(self, rect: QRect, apply: bool, bottoms: list[int] | None = None) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        column = self.column_width(area.width())
        for item in self._shown_items():
            hint = item.sizeHint() if column is None else QSize(column, item.sizeHint().height())
            if (x + hint.width() > area.right() + 1 or item.widget() in self._breaks) and line_height > 0:
                if bottoms is not None:
                    bottoms.append(y + line_height - rect.y())
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        if bottoms is not None and line_height > 0:
            bottoms.append(y + line_height - rect.y())
        return y + line_height - rect.y() + m.bottom()

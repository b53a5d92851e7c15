"""The loaded datasets: kind and rows; remove or re-map each."""

from __future__ import annotations

from typing import Any

from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (QLabel, QListView, QListWidget, QListWidgetItem, QPushButton, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)

from metrics_core.catalogue import KINDS_BY_NAME, kind_label
from metrics_core.formatting import numbers_kept_with_units
from metrics_core.i18n import TextList, _, ngettext

from ..app_state import AppState
from ..formatting import format_number
from ..text_fit import elide_to_lines, wrapped_height
from .flow_layout import FlowLayout


DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1      # (kind, rows, other kinds): what the file holds
PAD = 6                   # left and right of an entry's text
PAD_Y = 3                 # above and below it
DETAIL_SCALE = 0.9        # what a file holds, in a smaller font than its name
DETAIL_LINES = 3          # at most (a kind of three words or more, on a narrow sidebar)


def detail_text(kind: str, rows: int, others: list[str]) -> str:
    """'Tickets · 4,043 rows · also Survey answers' (a number kept with its word)."""
    if others:
        text = ngettext("{kind} \u00b7 {count} row \u00b7 also {others}", "{kind} \u00b7 {count} rows \u00b7 also {others}",
                        rows, kind=kind, count=format_number(rows), others=TextList(tuple(others), "and"))
    else:
        text = ngettext("{kind} \u00b7 {count} row", "{kind} \u00b7 {count} rows", rows, kind=kind,
                        count=format_number(rows))
    return numbers_kept_with_units(text, counts=True)


def detail_shown(kind: str, rows: int, others: list[str], metrics: QFontMetrics, width: int) -> str:
    """What a file holds as drawn under its name, word-wrapped at ``width`` pixels: whole when it fits on one line;
    else without the other kinds it also holds, its kind and row count whole on as many lines as they need (a
    Romanian "Intervale de ap…" told the owner nothing), at most :data:`DETAIL_LINES`, the rest cut with "…" (the
    whole text is in the entry's tooltip)."""
    whole = detail_text(kind, rows, others)
    if wrapped_height(whole, metrics, width) <= metrics.height():
        return whole
    return elide_to_lines(detail_text(kind, rows, []), metrics, width, DETAIL_LINES)


def detail_height(text: str, metrics: QFontMetrics, width: int) -> int:
    """The height ``text`` takes drawn word-wrapped at ``width`` pixels (one line at least)."""
    return max(metrics.height(), wrapped_height(text, metrics, width))


class DatasetItemDelegate(QStyledItemDelegate):
    """One file per entry: its name in bold, what it holds in a smaller grey text under it (one line when it fits,
    else as many as the kind needs: an entry is only as tall as its own text)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        detail = QFontMetrics(detail_font(option.font))
        width = self._text_width(option)
        text = detail_shown(*index.data(DETAIL_ROLE), detail, width)
        return QSize(width + 2 * PAD, option.fontMetrics.height() + 1 + detail_height(text, detail, width) + 2 * PAD_Y)

    def detail_drawn(self, view: QListWidget, item: QListWidgetItem) -> tuple[str, QFont, int]:
        """The detail of ``item`` as drawn in ``view``: its text (wrapped at spaces when drawn), font and the width
        it has."""
        font = detail_font(view.font())
        width = max(40, view.viewport().width() - 2 * view.spacing() - 2 * PAD)
        return detail_shown(*item.data(DETAIL_ROLE), QFontMetrics(font), width), font, width

    @staticmethod
    def _text_width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() - 2 * view.spacing() if view is not None else option.rect.width()
        return max(40, width - 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(PAD, PAD_Y, -PAD, -PAD_Y)
        line = option.fontMetrics.height()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(option.palette.color(group))
        title = painter.fontMetrics().elidedText(str(index.data()), Qt.TextElideMode.ElideMiddle, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(detail_font(option.font))
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        detail = detail_shown(*index.data(DETAIL_ROLE), painter.fontMetrics(), rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + line + 1, rect.width(), rect.height() - line - 1),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), detail)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


def detail_font(font: QFont) -> QFont:
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * DETAIL_SCALE)
    return smaller


class DatasetSidebar(QWidget):
    """A list of datasets with Add, Re-map and Remove buttons."""

    add_requested = Signal()
    remap_requested = Signal(str)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel(_("Loaded files"))
        title.setStyleSheet("font-weight:600;")
        self.list = QListWidget()
        self.list.setAccessibleName(_("Loaded files"))
        self.list.setItemDelegate(DatasetItemDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)       # a wider or narrower sidebar wraps anew
        self.list.setSpacing(1)
        self.list.setMinimumWidth(200)
        buttons = QWidget()         # the buttons wrap: their labels (Slovenian) never widen the sidebar
        flow = FlowLayout(buttons, spacing=6)
        self.add_button = QPushButton(_("Add\u2026"))
        self.remove_button = QPushButton(_("Remove"))
        self.remap_button = QPushButton(_("Re-map\u2026"))
        for b in (self.add_button, self.remove_button, self.remap_button):
            flow.addWidget(b)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.remap_button.clicked.connect(self._on_remap_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.itemDoubleClicked.connect(self._on_list_double_clicked)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        for sig in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced):
            sig.connect(self._on_state_datasets_changed)
        state.current_dataset_changed.connect(self._on_state_current_dataset_changed)
        state.results_changed.connect(self._on_state_results_changed)
        self._merges: list[Any] = []
        self._refresh()

    def _refresh(self) -> None:
        blocker = QSignalBlocker(self.list)       # (the list's changes while it is filled are not the owner's clicks)
        self.list.clear()
        for ds in self.state.bundle.datasets:
            label = kind_label(ds.kind)
            extra = [kind_label(k) for k in ds.kinds()[1:] if k in KINDS_BY_NAME]
            title = Path(ds.path).name if ds.path else ds.name
            rows = len(ds.frame)
            detail = detail_text(label, rows, extra)
            notes = [n for n in self._merges if ds.name in n.files or ds.name in n.without_id]
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, ds.name)
            item.setData(DETAIL_ROLE, (label, rows, extra))
            item.setToolTip("\n".join([str(ds.path), detail, *[n.describe() for n in notes]]))
            self.list.addItem(item)
        blocker.unblock()
        self._show_current()

    def _show_current(self) -> None:
        """Highlight the file the state says is shown (none while the data view shows the rows behind a KPI)."""
        with QSignalBlocker(self.list):
            rows = [r for r in range(self.list.count())
                    if self.list.item(r).data(Qt.ItemDataRole.UserRole) == self.state.current_dataset]
            self.list.setCurrentRow(rows[0] if rows else -1)
            if not rows:
                self.list.clearSelection()
        self.remap_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_state_datasets_changed(self, _name: str) -> None:
        self._refresh()

    def _on_state_current_dataset_changed(self, _name: str) -> None:
        self._show_current()

    def _on_state_results_changed(self, results: Any) -> None:
        merges = list(getattr(results, "merges", []) or [])
        if merges != self._merges:
            self._merges = merges
            self._refresh()

    def _on_list_current_changed(self, row: int) -> None:
        item = self.list.item(row)
        self.state.show_dataset(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)
        self._show_current()             # (what the state made of it: the same file, or none)

    def _on_remap_clicked(self) -> None:
        name = self.current_name()
        if name:
            self.remap_requested.emit(name)

    def _on_list_double_clicked(self, item: QListWidgetItem) -> None:
        self.remap_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_remove_clicked(self) -> None:
        name = self.current_name()
        if name:
            self.state.remove_dataset(name)

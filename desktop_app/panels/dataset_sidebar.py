"""The loaded datasets: kind and rows; remove or re-map each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from metrics_core.catalogue import KINDS_BY_NAME

from ..app_state import AppState
from ..formatting import format_number


class DatasetSidebar(QWidget):
    """A list of datasets with Add, Re-map and Remove buttons."""

    add_requested = Signal()
    remap_requested = Signal(str)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel("Loaded files")
        title.setStyleSheet("font-weight:600;")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(200)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add\u2026")
        self.remap_button = QPushButton("Re-map\u2026")
        self.remove_button = QPushButton("Remove")
        for b in (self.add_button, self.remap_button, self.remove_button):
            buttons.addWidget(b)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.remap_button.clicked.connect(self._on_remap_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.list.itemDoubleClicked.connect(self._on_list_double_clicked)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        for sig in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced):
            sig.connect(self._on_state_datasets_changed)
        self._refresh()

    def _refresh(self) -> None:
        current = self.current_name()
        self.list.clear()
        for ds in self.state.bundle.datasets:
            spec = KINDS_BY_NAME.get(ds.kind)
            kind_label = spec.label if spec else ds.kind
            extra = [KINDS_BY_NAME[k].label for k in ds.kinds()[1:] if k in KINDS_BY_NAME]
            text = f"{ds.name}\n{kind_label}, {format_number(len(ds.frame))} rows"
            if extra:
                text += "\nalso: " + ", ".join(extra)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, ds.name)
            item.setToolTip(str(ds.path))
            self.list.addItem(item)
            if ds.name == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._on_list_current_changed(self.list.currentRow())

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_state_datasets_changed(self, _name: str) -> None:
        self._refresh()

    def _on_list_current_changed(self, row: int) -> None:
        self.remap_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)

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

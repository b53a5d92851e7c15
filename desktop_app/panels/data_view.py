"""The imported rows in a sortable, searchable table that scrolls through a million rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from metrics_core.i18n import _, ngettext, pgettext

from ..app_state import AppState
from ..drilldown import RowsBehind
from ..formatting import column_title, format_number
from ..models.dataframe_model import DataFrameModel
from ..models.frame_filter import matching_positions
from ..workers import TaskRunner
from .elided_combo import MiddleElidedComboBox

DRILLDOWN = "\x00drilldown"
BIG_FRAME = 200_000


class DataView(QWidget):
    """Pick a dataset (or the rows behind a KPI), search, sort by clicking a header."""

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = DataFrameModel(parent=self)
        self._drill: RowsBehind | None = None
        self._stale = True
        self._runner = TaskRunner("search", self)
        self.dataset_combo = MiddleElidedComboBox()
        # as wide as the row leaves it (a drill-down's title is long: "Rows behind First response time (4,043 ×
        # Tickets, 4,030 of them counted)" took its whole width and pushed the row count out of the window)
        self.dataset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset_combo.setMinimumContentsLength(22)      # (a longer name: "…" in its middle, whole in its tooltip)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search\u2026"))
        self.search_edit.setClearButtonEnabled(True)
        self.column_combo = QComboBox()
        self.count_label = QLabel("")
        self.table = QTableView()
        for widget, name in ((self.dataset_combo, _("Rows of")), (self.search_edit, _("Search")),
                             (self.column_combo, _("Search in column")), (self.table, _("Rows"))):
            widget.setAccessibleName(name)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)       # Tab leaves the table (arrows move between cells)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setResizeContentsPrecision(40)    # size columns from the first rows only
        self.table.horizontalHeader().setMaximumSectionSize(320)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Rows of:")))
        top.addWidget(self.dataset_combo, 1)
        top.addSpacing(12)
        # the search as wide as a name typed into it, the room left to the name of the rows shown (shared 2 : 1,
        # sr at 1366 read "Редови за Време првог одговора (4.043 × Захтеви, од тога ура…")
        top.addWidget(self.search_edit)
        top.addWidget(QLabel(pgettext("search in a column", "in")))
        top.addWidget(self.column_combo)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        self.column_combo.activated.connect(self._on_search_timer_timeout)
        self.dataset_combo.activated.connect(self._on_dataset_combo_activated)
        for sig in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced,
                    state.current_dataset_changed):
            sig.connect(self._on_state_datasets_changed)
        state.drilldown_requested.connect(self._on_state_drilldown_requested)
        self._refresh_datasets()

    # -- choosing the frame ---------------------------------------------------------------
    def _refresh_datasets(self) -> None:
        """The files and the rows behind a KPI to choose from; the one shown is the state's current file (the one
        the sidebar highlights), or the rows behind a KPI when no file is."""
        current = self.state.current_dataset or (DRILLDOWN if self._drill is not None else None)
        with QSignalBlocker(self.dataset_combo):
            self.dataset_combo.clear()
            if self._drill is not None:
                self.dataset_combo.addItem(_("Rows behind {what}", what=self._drill.title), DRILLDOWN)
            for name in self.state.dataset_names():
                ds = self.state.dataset(name)
                shown = Path(ds.path).name if ds is not None and ds.path else name
                self.dataset_combo.addItem(shown, name)
            index = self.dataset_combo.findData(current)
            self.dataset_combo.setCurrentIndex(index if index >= 0 else 0)
        self._stale = True
        if self.isVisible():
            self._show_current()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._show_current()

    def _show_current(self) -> None:
        """Put the chosen frame in the table (only when visible: a million rows cost time)."""
        self._stale = False
        key = self.dataset_combo.currentData()
        if key == DRILLDOWN and self._drill is not None:
            frame, kind = self._drill.frame, self._drill.kind
        else:
            ds = self.state.dataset(key) if key else None
            frame = ds.frame if ds is not None else pd.DataFrame()
            kind = ds.kind if ds is not None else None
        if frame is not self.model.frame():
            self.model.set_frame(frame, kind)
            self.table.resizeColumnsToContents()
            with QSignalBlocker(self.column_combo):
                self.column_combo.clear()
                self.column_combo.addItem(_("all columns"), None)
                for col in frame.columns:
                    if not str(col).startswith("_"):
                        self.column_combo.addItem(column_title(str(col), kind), col)
        self._apply_search()

    def show_rows(self, rows: RowsBehind) -> None:
        """Show the rows behind a KPI as the "rows behind" entry (the state shows no file meanwhile)."""
        self._drill = rows
        self.state.show_dataset(None)
        self._refresh_datasets()
        self._show_current()

    # -- searching ---------------------------------------------------------------------------
    def _apply_search(self) -> None:
        frame = self.model.frame()
        text = self.search_edit.text()
        column = self.column_combo.currentData()
        writers = self.model.cell_writers()          # search what the table shows, as well as the file's values
        if not text.strip():
            self._runner.cancel()
            self._set_positions(np.arange(len(frame), dtype=np.int64))
        elif len(frame) * (1 if column else max(1, frame.shape[1])) < BIG_FRAME:
            self._set_positions(matching_positions(frame, text, column, writers=writers))
        else:
            self.count_label.setText(_("searching\u2026"))
            self._runner.start(lambda r: (frame, matching_positions(frame, text, column, r, writers)), _("Searching"),
                               on_done=self._on_search_done)

    def _on_search_done(self, outcome: tuple[pd.DataFrame, np.ndarray]) -> None:
        frame, positions = outcome
        if frame is self.model.frame():
            self._set_positions(positions)

    def _set_positions(self, positions: np.ndarray) -> None:
        self.model.set_row_positions(positions)
        total = len(self.model.frame())
        shown = len(positions)
        # room for the longest count this file can show ("4,043 of 4,043 rows"), kept from the first layout: a
        # search's longer count was drawn in the width of "4,043 rows" and cut ("960 din 4.043 de")
        widest = ngettext("{shown} of {total} row", "{shown} of {total} rows", total, shown=format_number(total),
                          total=format_number(total))
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest))
        self.count_label.setText(
            ngettext("{shown} of {total} row", "{shown} of {total} rows", total, shown=format_number(shown),
                     total=format_number(total)) if shown != total
            else ngettext("{total} row", "{total} rows", total, total=format_number(total)))

    # -- events ---------------------------------------------------------------------------------
    def _on_search_edit_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self, *_args: Any) -> None:
        self._apply_search()

    def _on_dataset_combo_activated(self, _index: int) -> None:
        key = self.dataset_combo.currentData()
        self.state.show_dataset(None if key == DRILLDOWN else key)      # the sidebar highlights it too
        self._show_current()

    def _on_state_datasets_changed(self, _name: str) -> None:
        self._refresh_datasets()

    def _on_state_drilldown_requested(self, rows: RowsBehind) -> None:
        self.show_rows(rows)

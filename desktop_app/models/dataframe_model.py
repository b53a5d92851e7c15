"""A dtype-aware, sortable, pageable table model over a pandas DataFrame.

Numbers come back as numbers (so a view sorts them as numbers), datetimes are
formatted, NA is an empty cell. Sorting and filtering go through a row-index
map (positions into the frame); the user's frame is never reordered or copied.
Rows page in with ``canFetchMore``/``fetchMore`` so a million-row frame opens
instantly and scrolls smoothly.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from metrics_core.catalogue import CATEGORY_FIELDS, VALUE_LABELS, value_label
from metrics_core.i18n import _
from metrics_core.plain_ids import is_plain_ids

from ..formatting import column_title, format_cell, humanise_seconds, is_duration_column, yes_no

PAGE_SIZE = 50_000
ASYNC_SORT_ROWS = 200_000
NUMERIC_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


def clock_time(seconds: float) -> str:
    """Seconds after midnight as a clock time: ``33178`` -> ``09:12:58``.

    >>> clock_time(33178), clock_time(57230.4)
    ('09:12:58', '15:53:50')
    """
    whole = int(round(seconds)) % 86400
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class DataFrameModel(QAbstractTableModel):
    """Read-only view of a DataFrame through a row-index map."""

    def __init__(self, frame: pd.DataFrame | None = None, parent: Any = None, page_size: int = PAGE_SIZE,
                 canonical: bool = True) -> None:
        super().__init__(parent)
        self._page_size = page_size
        self._canonical = canonical          # canonical frames: field labels as headers, durations humanised
        self._kind: str | None = None
        self._frame = pd.DataFrame()
        self._rows = np.arange(0, dtype=np.int64)
        self._loaded = 0
        self._columns: list[pd.Series] = []
        self._numeric: list[bool] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sorter: Any = None
        self._clock: list[bool] = []
        self._worded: list[str | None] = []
        self._writers: list[Callable[[Any], str] | None] = []
        if frame is not None:
            self.set_frame(frame)

    # -- data in ---------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame, kind: str | None = None, clock_columns: Any = ()) -> None:
        """Show ``frame``; ``kind`` (its data kind) picks the right field labels for its columns;
        ``clock_columns`` hold times of day in seconds after midnight, shown as clock times (09:12:58)."""
        self.beginResetModel()
        self._clock = [str(c) in {str(n) for n in clock_columns} for c in frame.columns]
        self._frame = frame
        self._kind = kind
        self._columns = [frame.iloc[:, i] for i in range(frame.shape[1])]
        self._numeric = [pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s) for s in self._columns]
        self._durations = [self._canonical and n and is_duration_column(str(c), kind)
                           for c, n in zip(frame.columns, self._numeric)]
        # canonical values KPI Desk writes itself (status "closed", outcome "abandoned") read in the language, and
        # a category's lower-case values start with a capital, as the filters and charts write them ("web": "Web")
        self._worded = [str(c) if self._canonical and (str(c) in VALUE_LABELS or str(c) in CATEGORY_FIELDS) else None
                        for c in frame.columns]
        self._writers = [self._writer(i) for i in range(len(self._columns))]
        self._rows = np.arange(len(frame), dtype=np.int64)
        self._loaded = min(len(self._rows), self._page_size)
        self._sort = None
        self.endResetModel()

    def _writer(self, i: int) -> Callable[[Any], str] | None:
        """How column ``i``'s present values are written in the table, when not as themselves or a date."""
        if self._numeric[i]:
            return clock_time if self._clock[i] else humanise_seconds if self._durations[i] else None
        if pd.api.types.is_bool_dtype(self._columns[i]):
            return yes_no                   # (the preview's "Answered (Y/N)" read "True" in every language)
        worded = self._worded[i]
        return partial(value_label, worded) if worded else None

    def cell_writers(self) -> dict[Any, Callable[[Any], str]]:
        """Column -> the function that writes its values in the table (clock times, durations, statuses …):
        what a search must look in to find what is shown. Dates are written by their type."""
        return {name: writer for name, writer in zip(self._frame.columns, self._writers) if writer is not None}

    def set_row_positions(self, positions: np.ndarray) -> None:
        """Show only these frame positions, in this order (a filter's result)."""
        self.beginResetModel()
        self._rows = np.asarray(positions, dtype=np.int64)
        self._loaded = min(len(self._rows), self._page_size)
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def frame(self) -> pd.DataFrame:
        return self._frame

    def total_rows(self) -> int:
        return len(self._rows)

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802 - Qt signature
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and self._loaded < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008,N802
        if parent.isValid():
            return
        remaining = len(self._rows) - self._loaded
        count = min(remaining, self._page_size)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded or index.column() >= len(self._columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            value = self._columns[index.column()].iat[int(self._rows[index.row()])]
            if role == Qt.ItemDataRole.EditRole and self._numeric[index.column()]:
                return None if pd.isna(value) else float(value)
            writer = self._writers[index.column()]
            if self._numeric[index.column()] and role == Qt.ItemDataRole.DisplayRole and not pd.isna(value):
                return writer(float(value)) if writer is not None else _number(value)
            if writer is not None and not self._numeric[index.column()] and role != Qt.ItemDataRole.EditRole:
                return writer(value) if not pd.isna(value) else ""
            return format_cell(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric[index.column()]:
            return int(NUMERIC_ALIGN.value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return str(self._frame.columns[section]) if 0 <= section < len(self._columns) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                name = str(self._frame.columns[section])
                return column_title(name, self._kind) if self._canonical else name
            return None
        if 0 <= section < self._loaded:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the row map by ``column``; missing values always last.

        Big frames are sorted off the GUI thread; the view updates when the order is ready.
        """
        if not 0 <= column < len(self._columns):
            return
        self._sort = (column, order)
        ascending = order == Qt.SortOrder.AscendingOrder
        series, rows = self._columns[column], self._rows
        if len(rows) < ASYNC_SORT_ROWS:
            self._apply_order(rows, sort_positions(series, rows, ascending))
            return
        from ..workers import TaskRunner

        if self._sorter is None:
            self._sorter = TaskRunner("sort", self)
        self._sorter.start(lambda _r: (rows, sort_positions(series, rows, ascending)), _("Sorting"),
                           on_done=lambda result: self._apply_order(*result))

    def is_sorting(self) -> bool:
        return self._sorter is not None and self._sorter.is_busy()

    def _apply_order(self, based_on: np.ndarray, ordered: np.ndarray) -> None:
        if based_on is not self._rows:
            return                       # the rows changed meanwhile (new filter / frame)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_positions = [(int(self._rows[i.row()]) if i.row() < len(self._rows) else -1, i.column()) for i in old]
        self._rows = ordered
        if old:
            where = {int(p): r for r, p in enumerate(self._rows[: self._loaded])}
            new = [self.index(where[p], c) if p in where else QModelIndex() for p, c in old_positions]
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


def sort_positions(column: pd.Series, positions: np.ndarray, ascending: bool) -> np.ndarray:
    """``positions`` ordered by the values of ``column`` at them (stable, NA last, text case-insensitive)."""
    values = column.iloc[positions]
    if values.dtype == object or pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype) \
            or is_plain_ids(values):                # (ids held as numbers sort as their texts do)
        codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
        rank_of_unique = np.empty(len(uniques), dtype=np.int64)
        rank_of_unique[np.argsort(pd.Index(uniques).str.casefold().to_numpy(dtype=object), kind="stable")] = \
            np.arange(len(uniques))
        keys = np.where(codes < 0, -1, rank_of_unique[np.maximum(codes, 0)])
        missing = codes < 0
    else:
        keys = values.to_numpy()
        missing = pd.isna(values).to_numpy()
        if keys.dtype.kind == "M":
            keys = keys.astype("datetime64[us]").astype(np.int64)
        elif keys.dtype.kind not in "iuf":
            keys = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
            missing = np.isnan(keys)
    present = np.flatnonzero(~missing)
    chosen = keys[present].astype(np.float64) if keys.dtype.kind == "b" else keys[present]
    order = present[np.argsort(chosen if ascending else -chosen, kind="stable")]
    return positions[np.concatenate([order, np.flatnonzero(missing)])]


def _number(value: Any) -> Any:
    if isinstance(value, (np.integer, int)):
        return int(value)
    f = float(value)
    return int(f) if f.is_integer() and abs(f) < 1e15 else round(f, 6)

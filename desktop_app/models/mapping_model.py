"""One row per canonical field of a data kind: the source column chosen for it,
how sure detection was, why, and how many values failed to parse."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication

from metrics_core.catalogue import kind as kind_spec
from metrics_core.i18n import N_, _
from metrics_core.ingest.model import LoadedTable
from metrics_core.mapping.model import Mapping

from .. import style
from ..formatting import format_number

CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_MAPPED = N_("(not mapped)")
HEADERS = (N_("Field"), N_("Source column"), N_("Confidence"), N_("Why"), N_("Could not read"))
COL_FIELD, COL_SOURCE, COL_CONFIDENCE, COL_WHY, COL_FAILED = range(5)

Index = QModelIndex | QPersistentModelIndex


def failed_colour() -> QColor:
    """The red of a field left unmapped or of values that could not be read, readable on the table's base in a
    light or a dark window (#c0392b itself was 2.6 : 1 on a dark table)."""
    return QColor(style.readable(style.BAD, QGuiApplication.palette()))


class MappingModel(QAbstractTableModel):
    """Editable view of a :class:`Mapping` against the columns of a (preview) table."""

    mapping_edited = Signal(str, object)    # field, columns (list[str]) or None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mapping: Mapping | None = None
        self._table: LoadedTable | None = None
        self._fields: list[Any] = []

    def set_mapping(self, mapping: Mapping | None, table: LoadedTable | None) -> None:
        self.beginResetModel()
        self._mapping = mapping
        self._table = table
        self._fields = list(kind_spec(mapping.kind).fields) if mapping is not None else []
        self.endResetModel()

    def mapping(self) -> Mapping | None:
        return self._mapping

    def source_columns(self) -> list[str]:
        return [str(c) for c in self._table.frame.columns] if self._table is not None else []

    def field_name(self, row: int) -> str:
        return self._fields[row].name

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_SOURCE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._mapping is None or not 0 <= index.row() < len(self._fields):
            return None
        spec = self._fields[index.row()]
        fm = self._mapping.fields.get(spec.name)
        col = index.column()
        if role == CHOICES_ROLE:
            return [_(NOT_MAPPED), *self.source_columns()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(spec, fm, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(spec, fm, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_FAILED and self._failed(fm)[0]:
            return failed_colour()
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_FIELD, COL_SOURCE) and self._needed_and_missing(spec, fm):
            return failed_colour()          # (the row looked like an optional field's; only a line below told)
        if role == Qt.ItemDataRole.FontRole and col == COL_FIELD and spec.required:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None

    def _display(self, spec: Any, fm: Any, col: int) -> str:
        if col == COL_FIELD:
            return _(spec.label) + (" *" if spec.required else "")
        if col == COL_SOURCE:
            return ", ".join(fm.columns) if fm else _(NOT_MAPPED)
        if col == COL_CONFIDENCE:
            return _("{share} %", share=format_number(fm.confidence * 100)) if fm else ""
        if col == COL_WHY:
            return str(fm.evidence) if fm else ""
        count, _examples = self._failed(fm)
        return str(count) if fm and count else ("" if not fm else "0")

    @staticmethod
    def _needed_and_missing(spec: Any, fm: Any) -> bool:
        return bool(spec.required and not (fm and fm.columns))

    def _tooltip(self, spec: Any, fm: Any, col: int) -> str | None:
        if col == COL_SOURCE and self._needed_and_missing(spec, fm):
            return _("This field is needed: most KPIs of this kind stay empty without it. Choose its column.")
        if col == COL_FIELD:
            return _(spec.description or spec.label)
        if col == COL_FAILED:
            count, examples = self._failed(fm)
            if count:
                return _("Could not read, e.g.: {examples}", examples="; ".join(examples))
        if col == COL_WHY and fm:
            return str(fm.evidence)
        if col == COL_SOURCE and fm:
            return ", ".join(fm.columns)            # (a long header wraps in a narrower column)
        return None

    def _failed(self, fm: Any) -> tuple[int, list[str]]:
        if fm is None or self._table is None:
            return 0, []
        count, examples = 0, []
        for name in fm.columns:
            try:
                prof = self._table.profile(name)
            except KeyError:
                continue
            count += prof.n_failed
            examples += [_("row {row}: “{value}”", row=f.row, value=f.value) for f in prof.failures[:3]]
        return count, examples[:5]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (not index.isValid() or index.column() != COL_SOURCE or role != Qt.ItemDataRole.EditRole
                or self._mapping is None):
            return False
        name = self._fields[index.row()].name
        column = None if value in (None, "", NOT_MAPPED, _(NOT_MAPPED)) else str(value)
        if column is not None and column not in self.source_columns():
            return False
        self._mapping.set_user(name, column)
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.mapping_edited.emit(name, [column] if column else None)
        return True

"""An editor widget for one :class:`ParamSpec` (number, int, choice, bool, table, text)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
                               QWidget)

from metrics_core.errors import ParameterError
from metrics_core.i18n import _
from metrics_core.metrics.ticket_quality import target_table

BIG = 1e12


class ParamEditor(QWidget):
    """Wraps the right input for a parameter; ``value()`` / ``set_value()``."""

    edited = Signal()

    def __init__(self, spec: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.input = self._make_input(spec)
        layout.addWidget(self.input)
        self.setToolTip(_(spec.help or spec.label))
        self.set_value(spec.default)

    def _make_input(self, spec: Any) -> QWidget:
        kind = spec.kind
        if kind == "choice" or spec.choices:
            w = QComboBox()
            w.setEditable(kind == "text")       # values offered ("busiest", times of day) beside typed text ("10:15")
            # long choices ("also for tickets closed without a resolved time", longer translated) show in full
            # in the list; the closed box does not widen the page for them
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(16)
            for c in spec.choices:
                w.addItem(spec.choice_label(c), c)
                w.setItemData(w.count() - 1, spec.choice_label(c), Qt.ItemDataRole.ToolTipRole)
            w.view().setMinimumWidth(w.view().sizeHintForColumn(0) + 24)
            w.activated.connect(self.edited)
            if w.isEditable():
                w.lineEdit().textEdited.connect(self.edited)
            return w
        if kind == "bool":
            w = QCheckBox()
            w.toggled.connect(self.edited)
            return w
        if kind in ("int", "number") and spec.default is None:
            w = QLineEdit()
            w.setPlaceholderText(_(spec.special) if spec.special else _("automatic"))    # what empty stands for
            w.textEdited.connect(self.edited)
            return w
        if kind == "int":
            w = QSpinBox()
            w.setRange(int(spec.minimum if spec.minimum is not None else -10**9),
                       int(spec.maximum if spec.maximum is not None else 10**9))
            w.valueChanged.connect(self.edited)
            return w
        if kind == "number":
            w = _NumberBox()
            w.setDecimals(2)
            w.setRange(spec.minimum if spec.minimum is not None else -BIG, spec.maximum if spec.maximum is not None else BIG)
            w.setSpecialValueText(_(spec.special) if spec.special else "")    # "none (measured AHT)", not "0"
            w.valueChanged.connect(self.edited)
            return w
        w = QLineEdit()
        w.setPlaceholderText(_("e.g. {example}", example="urgent=3600, high=14400") if kind == "table" else "")
        w.textEdited.connect(self.edited)
        return w

    def set_value(self, value: Any) -> None:
        w = self.input
        if isinstance(w, QComboBox):
            i = w.findData(value)
            if i < 0 and w.isEditable():
                w.setEditText("" if value is None else str(value))
            else:
                w.setCurrentIndex(i if i >= 0 else max(0, w.findText(str(value))))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value) if value is not None else 0)
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(float(value) if value is not None else 0.0)
        else:
            w.setText("" if value is None else (_table_text(value) if self.spec.kind == "table" else str(value)))

    def value(self) -> Any:
        w = self.input
        if isinstance(w, QComboBox) and w.isEditable():
            text = w.currentText().strip()
            i = w.findText(text)
            return w.itemData(i) if i >= 0 else (text or self.spec.default)
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QDoubleSpinBox):
            return w.value()
        text = w.text().strip()
        if self.spec.kind in ("int", "number"):
            return _optional_number(text, self.spec.kind == "int")
        if self.spec.kind == "table":
            if not text:
                return self.spec.default
            try:
                return {key: _number_or_text(v) for key, v in target_table(text).items()}
            except ParameterError:
                return self.spec.default
        return text or self.spec.default

    def is_default(self) -> bool:
        return self.value() == self.spec.default


def _table_text(value: Any) -> str:
    """A table setting as the owner types it: ``urgent=3600, high=14400`` (JSON text was the only way once)."""
    if isinstance(value, dict):
        return ", ".join(f"{key}={_number_or_text(v)}" for key, v in value.items())
    return str(value) if isinstance(value, str) else json.dumps(value)


def _number_or_text(value: Any) -> Any:
    """``"3600"`` -> ``3600``, ``"1.5"`` -> ``1.5``; other text as it is."""
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


class _NumberBox(QDoubleSpinBox):
    """A number as the owner writes it: "30", "99.9", "0.01" (two decimals typed at most, none shown in vain)."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text


def _optional_number(text: str, whole: bool) -> float | int | None:
    """``""`` -> ``None`` (automatic); ``"4,5"`` -> ``4.5``; unreadable -> ``None``."""
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(value) if whole else value


def add_page_heading(form: Any, title: str, text: str) -> None:
    """A settings page's title and its explanation, as the first rows of ``form``."""
    heading = QLabel(title)
    heading.setStyleSheet("font-size:13pt; font-weight:600;")
    heading.setWordWrap(True)           # a long KPI name wraps instead of widening the page past the dialog
    note = QLabel(text)
    note.setWordWrap(True)
    form.addRow(heading)
    form.addRow(note)

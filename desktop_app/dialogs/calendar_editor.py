"""Business hours: open weekdays, opening hours and holidays (the engine's ``calendar`` setting)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from metrics_core.formatting import format_date, parse_date
from metrics_core.i18n import _

from ..formatting import weekday_abbreviations
from .form_names import name_fields_by_labels
from .param_editor import add_page_heading


class CalendarEditor(QWidget):
    """``calendar()`` is ``None`` (calendar time) or a dict for ``BusinessCalendar(**dict)``."""

    def __init__(self, calendar: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        add_page_heading(form, _("Business hours"), _("Durations (first response, resolution \u2026) are calendar "
                                                       "time unless you set business hours here; then only open hours "
                                                       "count, as helpdesks do."))
        self.enabled_box = QCheckBox(_("Count only business hours"))
        form.addRow(self.enabled_box)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.day_boxes = []
        for name in weekday_abbreviations():
            box = QCheckBox(name)
            self.day_boxes.append(box)
            row.addWidget(box)
        form.addRow(_("Open on"), days)
        self.opens_edit = QTimeEdit()
        self.closes_edit = QTimeEdit()
        for edit in (self.opens_edit, self.closes_edit):
            edit.setDisplayFormat("HH:mm")
        form.addRow(_("Opens"), self.opens_edit)
        form.addRow(_("Closes"), self.closes_edit)
        self.holidays_edit = QLineEdit()
        examples = ", ".join(format_date(day) for day in (date(2026, 6, 25), date(2026, 8, 15)))
        self.holidays_edit.setPlaceholderText(_("e.g. {dates}", dates=examples))     # as the language writes a day
        form.addRow(_("Holidays"), self.holidays_edit)
        name_fields_by_labels(form)
        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        self.set_calendar(calendar)

    def set_calendar(self, calendar: dict[str, Any] | None) -> None:
        cal = calendar or {}
        self.enabled_box.setChecked(calendar is not None)
        days = set(cal.get("weekdays", (0, 1, 2, 3, 4)))
        for i, box in enumerate(self.day_boxes):
            box.setChecked(i in days)
        self.opens_edit.setTime(QTime.fromString(str(cal.get("opens", "08:00")), "HH:mm"))
        self.closes_edit.setTime(QTime.fromString(str(cal.get("closes", "16:00")), "HH:mm"))
        days = [parse_date(str(h)) for h in cal.get("holidays", ())]
        self.holidays_edit.setText(", ".join(format_date(day) for day in days if day is not None))
        self._on_enabled_box_toggled(self.enabled_box.isChecked())

    def calendar(self) -> dict[str, Any] | None:
        if not self.enabled_box.isChecked():
            return None
        # a day as the language writes it ("5. 6. 2026" is 5 June: pandas read it as 6 May), or ISO; others dropped
        typed = (parse_date(part) for part in self.holidays_edit.text().replace(";", ",").split(","))
        holidays = [day.isoformat() for day in typed if day is not None]
        return {"weekdays": [i for i, b in enumerate(self.day_boxes) if b.isChecked()],
                "opens": self.opens_edit.time().toString("HH:mm"),
                "closes": self.closes_edit.time().toString("HH:mm"),
                "holidays": holidays}

    def _on_enabled_box_toggled(self, checked: bool) -> None:
        for w in (*self.day_boxes, self.opens_edit, self.closes_edit, self.holidays_edit):
            w.setEnabled(checked)

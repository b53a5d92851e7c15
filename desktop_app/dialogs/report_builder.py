"""The report builder: what the owner's monthly report holds — title, business name, logo,
period, comparison, the KPIs in their order, the breakdowns of each, the appendix — and how
many slides the deck will have, before it is made. The choices are a
:class:`~metrics_core.report_view.choices.ReportChoices`, saved with the project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from metrics_core.catalogue import field_label
from metrics_core.dataset import DataBundle
from metrics_core.export.model import Report
from metrics_core.export.pptx_deck import planned_slide_count
from metrics_core.export.report import report_paths
from metrics_core.formatting import format_day, format_month
from metrics_core.i18n import N_, _, ngettext
from metrics_core.metrics.model import FAMILIES
from metrics_core.metrics.registry import get_metric
from metrics_core.report_view import KpiView, ViewResults, default_kpis
from metrics_core.report_view.choices import ReportChoices, last_month_reason
from metrics_core.report_view.compute import data_span, last_complete_month, resolve_period

from .. import style
from ..filter_state import COMPARISON_CHOICES
from .form_names import name_fields_by_labels
from .path_row import PathRow

PERIOD_CHOICES = (("dashboard", N_("The dashboard's dates")), ("last_month", N_("Last complete month")),
                  ("all", N_("All dates")))
NO_KPI_SELECTED = N_("Click a KPI in the list to choose its breakdowns here (by agent, channel …), one slide each.")


class ReportBuilderPanel(QWidget):
    """The choices of a report, with the slide count they give."""

    changed = Signal()

    def __init__(self, bundle: DataBundle, dashboard: KpiView, computed: ViewResults | None,
                 choices: ReportChoices, parent: Any = None) -> None:
        super().__init__(parent)
        self.bundle, self.dashboard, self.computed = bundle, dashboard, computed
        self._breakdowns = {k: list(v) for k, v in choices.breakdowns.items()}
        self._columns: dict[str, list[str]] = {}
        self.initial_formats = list(choices.formats)
        self._build_ui(choices)

    # -- layout -------------------------------------------------------------------------
    def _build_ui(self, choices: ReportChoices) -> None:
        form = QFormLayout()
        self.title_edit = QLineEdit(choices.title)
        self.title_edit.setPlaceholderText(_("e.g. Lipa Home monthly report (the business name when empty)"))
        self.business_edit = QLineEdit(choices.business_name)
        logo_row = PathRow(choices.logo, _("Optional: a PNG or JPEG for the title slide"), _("Choose\u2026"),
                           _("Logo for the title slide"), _("Images (*.png *.jpg *.jpeg)"))
        self.logo_edit = logo_row.edit
        self.period_combo = _combo(PERIOD_CHOICES, choices.period if choices.period != "custom" else "dashboard")
        self._name_periods()
        self.period_reason = _WrappedLabel(last_month_reason(self.bundle))
        self.period_reason.setWordWrap(True)
        self.period_reason.setMinimumHeight(self.period_reason.fontMetrics().lineSpacing() * 2)
        self.period_reason.setStyleSheet(f"color:{style.secondary_text(self.palette())};")     # readable, light or dark
        self.compare_combo = _combo(COMPARISON_CHOICES, choices.comparison)
        form.addRow(_("Report title"), self.title_edit)
        form.addRow(_("Business name"), self.business_edit)
        form.addRow(_("Logo"), logo_row)
        form.addRow(_("Period"), self.period_combo)
        form.addRow("", self.period_reason)
        form.addRow(_("Compare with"), self.compare_combo)
        name_fields_by_labels(form)
        self.kpi_list = _GrowingList()
        self.kpi_list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.kpi_list.setMinimumHeight(160)
        self._fill_kpis(choices.kpis)
        self.family_combo = QComboBox()
        self.family_combo.addItem(_("Add a whole family\u2026"), "")
        for family, label in FAMILIES:
            if any(get_metric(self.kpi_list.item(i).data(Qt.ItemDataRole.UserRole)).family == family
                   for i in range(self.kpi_list.count())):
                self.family_combo.addItem(label, family)
        up, down, default = QPushButton(_("Up")), QPushButton(_("Down")), QPushButton(_("Default"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        default.clicked.connect(self._on_default_clicked)
        buttons = QHBoxLayout()
        for w in (self.family_combo, up, down, default):
            buttons.addWidget(w)
        self.breakdown_label = QLabel(_(NO_KPI_SELECTED))     # (an empty box beside the KPIs said nothing)
        self.breakdown_label.setWordWrap(True)
        self.breakdown_list = _GrowingList()
        self.appendix_box = QCheckBox(_("Add an appendix: the data used and how each KPI was computed"))
        self.appendix_box.setChecked(choices.appendix)
        kpis_label = QLabel(_("KPIs in the deck (tick, drag or use Up / Down to order them):"))
        for widget, name in ((self.kpi_list, kpis_label.text()),
                             (self.breakdown_list, _("Breakdowns of the selected KPI (one slide each):")),
                             (self.family_combo, self.family_combo.itemText(0))):
            widget.setAccessibleName(name.rstrip(":"))         # (a list or a box says nothing of what it is for)
        self.slides_label = QLabel("")
        self.slides_label.setStyleSheet("font-weight:600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        kpi_column, breakdown_column, lists = QVBoxLayout(), QVBoxLayout(), QHBoxLayout()
        kpi_column.addWidget(kpis_label)
        kpi_column.addWidget(self.kpi_list)
        kpi_column.addLayout(buttons)
        breakdown_column.addWidget(self.breakdown_label)
        breakdown_column.addWidget(self.breakdown_list)
        lists.addLayout(kpi_column, 3)
        lists.addLayout(breakdown_column, 2)
        layout.addLayout(lists)
        layout.addWidget(self.appendix_box)
        layout.addWidget(self.slides_label)
        for signal in (self.title_edit.textChanged, self.business_edit.textChanged, self.logo_edit.textChanged,
                       self.period_combo.currentIndexChanged, self.compare_combo.currentIndexChanged,
                       self.appendix_box.toggled, self.kpi_list.itemChanged):
            signal.connect(self._on_choice_changed)
        self.kpi_list.model().rowsMoved.connect(self._on_choice_changed)
        self.kpi_list.currentItemChanged.connect(self._on_kpi_current_changed)
        self.breakdown_list.itemChanged.connect(self._on_breakdown_changed)
        self.family_combo.activated.connect(self._on_family_activated)
        self._update_count()

    def _name_periods(self) -> None:
        """The period choices with the dates they stand for: 'Last complete month (October 2026)'."""
        month = last_complete_month(self.bundle)
        dashboard = self.dashboard
        if dashboard.date_from is None and dashboard.date_to is None:
            shown = _("all dates")
        else:
            start = format_day(dashboard.date_from) if dashboard.date_from is not None else "…"
            end = format_day(dashboard.date_to) if dashboard.date_to is not None else "…"
            shown = f"{start} – {end}"
        names = {"dashboard": _("The dashboard's dates ({dates})", dates=shown),
                 "last_month": _("Last complete month ({month})", month=format_month(month[0], "wide")) if month
                 else _("Last complete month (none in the files)")}
        for i in range(self.period_combo.count()):
            key = self.period_combo.itemData(i)
            if key in names:
                self.period_combo.setItemText(i, names[key])

    def _fill_kpis(self, chosen: list[str]) -> None:
        """KPIs with a value on the dashboard: the chosen ones first, ticked, in their order."""
        available = [m for m, r in (self.computed.results.items() if self.computed else []) if r.ok]
        ticked = [m for m in chosen if m in available] or default_kpis(available)
        self.kpi_list.blockSignals(True)
        self.kpi_list.clear()
        for metric_id in ticked + [m for m in available if m not in ticked]:
            item = QListWidgetItem(get_metric(metric_id).translated_label)
            item.setData(Qt.ItemDataRole.UserRole, metric_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Checked if metric_id in ticked else Qt.CheckState.Unchecked)
            self.kpi_list.addItem(item)
        self.kpi_list.blockSignals(False)

    # -- what was chosen ----------------------------------------------------------------
    def chosen_kpis(self) -> list[str]:
        return [self.kpi_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.kpi_list.count())
                if self.kpi_list.item(i).checkState() == Qt.CheckState.Checked]

    def choices(self, folder: str = "", formats: list[str] | None = None) -> ReportChoices:
        kpis = self.chosen_kpis()
        return ReportChoices(
            title=self.title_edit.text().strip(), business_name=self.business_edit.text().strip(),
            logo=self.logo_edit.text().strip(), period=self.period_combo.currentData(),
            comparison=self.compare_combo.currentData(), kpis=kpis,
            breakdowns={m: cols for m, cols in self._breakdowns.items() if m in kpis and cols},
            appendix=self.appendix_box.isChecked(), folder=folder, formats=list(formats or ["pptx", "xlsx"]))

    def view(self) -> KpiView:
        return self.choices().view(self.dashboard, self.bundle)

    def slide_count(self) -> int:
        """How many slides the deck will have with these choices."""
        from metrics_core.metrics.docs import describe

        kpis = [(m, get_metric(m).translated_label) for m in self.chosen_kpis()]
        breakdowns = sum(len(v) for m, v in self._breakdowns.items() if m in dict(kpis))
        appendix = self.appendix_box.isChecked()
        texts = {m: describe(m) for m, _label in kpis} if appendix else {}
        from metrics_core.export.build import CHANGE_METHOD

        return planned_slide_count(kpis, breakdowns, appendix, texts, _(CHANGE_METHOD))

    def planned_paths(self, folder: str | Path, formats: tuple[str, ...]) -> list[Path]:
        """The files an export into ``folder`` will write (named from title and period)."""
        start, end = resolve_period(self.bundle, self.view())
        if start is None:
            first, last = data_span(self.bundle)
            start_day, end_day = (first.date() if first is not None else None), (last.date() if last is not None else None)
        else:
            import pandas as pd

            start_day, end_day = start.date(), (end - pd.Timedelta(days=1)).date()
        business = self.business_edit.text().strip() or (Path(self.bundle.datasets[0].name).stem
                                                          if self.bundle.datasets else "")
        from datetime import datetime

        skeleton = Report(self.title_edit.text().strip() or business, business, start_day, end_day, datetime.now())
        return report_paths(skeleton, folder, formats)

    def file_stem(self) -> str:
        return self.planned_paths(".", (".pptx",))[0].stem

    # -- reacting ----------------------------------------------------------------------
    def _on_choice_changed(self, *_args: Any) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        count = self.slide_count()
        self.slides_label.setText(ngettext("The deck will have {count} slide.", "The deck will have {count} slides.",
                                           count, count=count))

    def _on_kpi_current_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        self.breakdown_list.blockSignals(True)
        self.breakdown_list.clear()
        if current is not None:
            from metrics_core.export.report_charts import category_columns

            metric_id = current.data(Qt.ItemDataRole.UserRole)
            columns = self._columns.setdefault(metric_id, category_columns(self.bundle, metric_id))
            for column in columns:
                item = QListWidgetItem(field_label(column).capitalize())       # as the window's "Break down by"
                item.setData(Qt.ItemDataRole.UserRole, column)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if column in self._breakdowns.get(metric_id, [])
                                   else Qt.CheckState.Unchecked)
                self.breakdown_list.addItem(item)
            self.breakdown_label.setText(_("Breakdowns of {kpi} (one slide each):", kpi=current.text()) if columns
                                         else _("{kpi} has no category to break it down by.", kpi=current.text()))
        else:
            self.breakdown_label.setText(_(NO_KPI_SELECTED))
        self.breakdown_list.blockSignals(False)

    def _on_breakdown_changed(self, _item: QListWidgetItem) -> None:
        current = self.kpi_list.currentItem()
        if current is None:
            return
        metric_id = current.data(Qt.ItemDataRole.UserRole)
        self._breakdowns[metric_id] = [self.breakdown_list.item(i).data(Qt.ItemDataRole.UserRole)
                                       for i in range(self.breakdown_list.count())
                                       if self.breakdown_list.item(i).checkState() == Qt.CheckState.Checked]
        self._on_choice_changed()

    def _on_family_activated(self, index: int) -> None:
        family = self.family_combo.itemData(index)
        for i in range(self.kpi_list.count()):
            item = self.kpi_list.item(i)
            if family and get_metric(item.data(Qt.ItemDataRole.UserRole)).family == family:
                item.setCheckState(Qt.CheckState.Checked)
        self.family_combo.setCurrentIndex(0)

    def _on_default_clicked(self) -> None:
        self._fill_kpis([])
        self._on_choice_changed()

    def _move(self, step: int) -> None:
        row = self.kpi_list.currentRow()
        if row < 0 or not 0 <= row + step < self.kpi_list.count():
            return
        item = self.kpi_list.takeItem(row)
        self.kpi_list.insertItem(row + step, item)
        self.kpi_list.setCurrentRow(row + step)
        self._on_choice_changed()



def _combo(choices: tuple[tuple[str, str], ...], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in choices:
        combo.addItem(_(label), key)
    combo.setCurrentIndex(max(0, [k for k, _label in choices].index(current) if current in dict(choices) else 0))
    return combo


class _GrowingList(QListWidget):
    """A list that asks for no more height than its minimum and takes what the dialog has to spare: in the
    export dialog's scrolling area (whose content is as tall as it asks) Qt's 192 px put the rows under the
    lists below the fold at 1280 x 720."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())


class _WrappedLabel(QLabel):
    """A word-wrapped label that asks for the height of its text at the width it has (Qt's guess, made at about
    240 px, gave a two-line reason four lines of a 662 px dialog)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width()) if self.width() > hint.width() else hint.height())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


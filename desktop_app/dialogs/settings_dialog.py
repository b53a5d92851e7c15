"""Every KPI parameter of the registry, and a target per KPI, in one dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListView, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QStackedWidget,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)

from metrics_core.i18n import LANGUAGES, _, current_language
from metrics_core.metrics.model import FAMILIES
from metrics_core.ingest.currency import CURRENCY_CHOICES
from metrics_core.metrics.params import currency_of

from .calendar_editor import CalendarEditor
from .form_names import name_fields_by_labels
from .param_editor import ParamEditor, add_page_heading
from ..formatting import unit_name
from ..window_size import resize_to_fit


PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT_ROLE = Qt.ItemDataRole.UserRole + 2      # a KPI under its family heading: drawn indented, every line of it
INDENT = 16


class _IndentDelegate(QStyledItemDelegate):
    """Indents the rows marked with ``INDENT_ROLE`` as a whole, so a KPI name that wraps starts its second line
    under its first (leading spaces indented the first line only)."""

    def _shifted(self, option: QStyleOptionViewItem, index: Any) -> QStyleOptionViewItem:
        shifted = QStyleOptionViewItem(option)
        if index.data(INDENT_ROLE):
            shifted.rect = option.rect.adjusted(INDENT, 0, 0, 0)
        return shifted

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Any) -> None:
        super().paint(painter, self._shifted(option, index), index)

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> Any:
        size = super().sizeHint(self._shifted(option, index), index)
        if index.data(INDENT_ROLE):
            size.setWidth(size.width() + INDENT)
        return size
FROM_FILES = "from_files"     # the currency item that leaves the choice to the files (and € when they name none)


class SettingsDialog(QDialog):
    """Generated from ``REGISTRY``: a page per KPI with its parameters and target."""

    # as tall as the longest page (Romanian Erlang C: 13 rows under a 6-line explanation; 560 cut its last row),
    # less on a smaller screen (resize_to_fit): 600 fits 1366 x 768 and 1280 x 720 with their taskbars
    PREFERRED_SIZE = (860, 600)

    def __init__(self, params: dict[str, dict[str, Any]], targets: dict[str, float], parent: Any = None,
                 language: str | None = None, currency: str | None = None) -> None:
        """``currency``: what money is written in now (the files' or the settings'); default: the settings'."""
        super().__init__(parent)
        self.money = currency or currency_of(params)
        from metrics_core.metrics.registry import REGISTRY

        self.setWindowTitle(_("Settings"))
        resize_to_fit(self, *self.PREFERRED_SIZE)
        self.editors: dict[str, dict[str, ParamEditor]] = {}
        self.target_edits: dict[str, QLineEdit] = {}
        self.list = QListWidget()
        self.list.setMaximumWidth(340)
        self.list.setWordWrap(True)         # a long KPI name (Romanian, Slovenian) on two lines, not scrolled to
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setItemDelegate(_IndentDelegate(self.list))
        self.pages = QStackedWidget()
        family_label = dict(FAMILIES)
        order = {f: i for i, (f, _label) in enumerate(FAMILIES)}
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language or current_language())))
        self._add_item(_("Language"), "global", self._language_page())
        self.calendar_editor = CalendarEditor((params.get("global") or {}).get("calendar"))
        self._add_item(_("Business hours"), "global", self.calendar_editor)
        self.currency_edit = QComboBox()
        self.currency_edit.setEditable(True)
        self.currency_edit.addItem(_("From the files"), FROM_FILES)
        self.currency_edit.addItems(CURRENCY_CHOICES)
        chosen = (params.get("global") or {}).get("currency")
        if chosen:
            self.currency_edit.setCurrentText(currency_of(params))
        else:
            self.currency_edit.setCurrentIndex(0)
        self._add_item(_("Currency"), "global", self._currency_page())
        for widget, name in ((self.list, _("Settings")), (self.language_combo, _("Language")),
                             (self.currency_edit, _("Currency"))):
            widget.setAccessibleName(name)      # a screen reader names the controls whose label is beside them
        current_family = None
        for spec in sorted(REGISTRY, key=lambda s: order.get(s.family, 99)):
            if spec.family != current_family:
                current_family = spec.family
                header = QListWidgetItem(_(family_label.get(spec.family, spec.family)))
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)      # a heading: readable, not selectable
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
            self._add_item(_(spec.label), spec.id,
                           self._page(spec, params.get(spec.id, {}), targets.get(spec.id)), indent=True)
        self.list.setMinimumWidth(min(self.list.sizeHintForColumn(0) + 28, 340))    # KPI names readable
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.list.setCurrentRow(0)
        reset = QPushButton(_("Reset all to defaults"))
        reset.clicked.connect(self._on_reset_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.pages, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(reset)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    def _language_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        add_page_heading(form, _("Language"), _("The language of the window, and of the reports unless you choose "
                                                "another one when you export. Numbers and dates are written the way "
                                                "this language's country writes them. The change takes effect at "
                                                "once; your files, filters and results stay."))
        form.addRow(QLabel(_("Language")), self.language_combo)
        return page

    def language(self) -> str:
        """The chosen language's code (``sl``, ``sr-Latn`` ...)."""
        return str(self.language_combo.currentData())

    def _currency_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        add_page_heading(form, _("Currency"), _("The symbol money amounts are written with, in the window and in the "
                                                "exported deck and workbook. Amounts are never converted: choose the "
                                                "currency your files are in."))
        form.addRow(QLabel(_("Symbol")), self.currency_edit)
        note = QLabel(_("\u201cFrom the files\u201d uses the currency given in your files (such as \u00a340.00 or "
                        "\u201cPrice (GBP)\u201d), or \u20ac when none is given. A symbol you choose here is "
                        "used whatever the files say."))
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def chosen_currency(self) -> str | None:
        """The symbol the owner chose, or None when the files decide."""
        text = self.currency_edit.currentText().strip()
        if not text or text == self.currency_edit.itemText(0):
            return None
        return text

    def _add_item(self, text: str, key: str, page: QWidget, indent: bool = False) -> None:
        """A row of the list and its page, every page in the same framed, scrolling pane (the language, business
        hours and currency pages had no frame round them, the KPIs' had: s16-shots 40_settings_language)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)        # (Tab goes through its fields, not the page itself)
        scroll.setWidget(page)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(INDENT_ROLE, indent)
        item.setData(PAGE_ROLE, self.pages.addWidget(scroll))
        self.list.addItem(item)

    def metric_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).data(Qt.ItemDataRole.UserRole) not in (None, "global")]

    def _on_list_current_changed(self, item: QListWidgetItem | None, _previous: Any) -> None:
        if item is not None and item.data(PAGE_ROLE) is not None:
            self.pages.setCurrentIndex(int(item.data(PAGE_ROLE)))

    def _page(self, spec: Any, values: dict[str, Any], target: float | None) -> QWidget:
        inner = QWidget()
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)     # a long label puts its field below it
        add_page_heading(form, _(spec.label), _(spec.description))
        self.editors[spec.id] = {}
        for p in (p for p in spec.params if p.shown):
            editor = ParamEditor(p)
            if p.name in values:
                editor.set_value(values[p.name])
            label = QLabel(_(p.label))
            label.setToolTip(_(p.help) if p.help else "")
            form.addRow(label, editor)
            self.editors[spec.id][p.name] = editor
        if not any(p.shown for p in spec.params):
            form.addRow(QLabel(_("This KPI has no parameters.")))
        target_edit = QLineEdit("" if target is None else f"{target:g}")
        target_edit.setPlaceholderText(_("no target"))
        form.addRow(QLabel(_("Target ({unit})", unit=unit_name(spec.unit, self.money))), target_edit)
        self.target_edits[spec.id] = target_edit
        name_fields_by_labels(form)           # a screen reader says what each box is for, not only "30.00"
        return inner

    def select_metric(self, metric_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == metric_id:
                self.list.setCurrentRow(i)
                return

    def params(self) -> dict[str, dict[str, Any]]:
        """Only the values that differ from the defaults (and the business hours, when set)."""
        out: dict[str, dict[str, Any]] = {}
        calendar = self.calendar_editor.calendar()
        if calendar is not None:
            out["global"] = {"calendar": calendar}
        currency = self.chosen_currency()
        if currency is not None:         # an explicit choice is kept even when it is the euro: it wins over the files
            out.setdefault("global", {})["currency"] = currency
        for mid, editors in self.editors.items():
            changed = {name: e.value() for name, e in editors.items() if not e.is_default()}
            if changed:
                out[mid] = changed
        return out

    def targets(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for mid, edit in self.target_edits.items():
            text = edit.text().strip().replace(",", ".").rstrip("%").strip()
            if not text:
                continue
            try:
                out[mid] = float(text)
            except ValueError:
                continue
        return out

    def _on_reset_clicked(self) -> None:
        self.calendar_editor.set_calendar(None)
        self.currency_edit.setCurrentIndex(0)
        for editors in self.editors.values():
            for e in editors.values():
                e.set_value(e.spec.default)
        for edit in self.target_edits.values():
            edit.clear()

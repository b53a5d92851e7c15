"""Import a file: how it is read (sheet, encoding, delimiter, decimal mark, date order, the currency of
its amounts), a live preview of the first rows as they will be read, the detected data kind and the mapping."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QMessageBox, QSplitter, QStyle, QStyleOptionComboBox, QTableView, QVBoxLayout,
                               QWidget)

from metrics_core.catalogue import KINDS
from metrics_core.catalogue import kind as kind_spec
from metrics_core.formatting import format_percent, quoted
from metrics_core.i18n import N_, _, ngettext
from metrics_core.ingest.currency import CURRENCY_CHOICES, file_currency
from metrics_core.ingest.model import ReadOptions
from metrics_core.mapping.model import Mapping
from metrics_core.mapping.detect import RUNNER_UP
from metrics_core.mapping.evidence import Evidence

from .. import style
from ..delegates.column_combo_delegate import ColumnComboDelegate
from .form_names import name_fields_by_labels
from ..jobs import LoadRequest
from ..models.dataframe_model import DataFrameModel
from ..models.mapping_model import COL_FIELD, COL_SOURCE, COL_WHY, MappingModel
from ..workers import TaskRunner
from ..window_size import resize_to_fit

PREVIEW_ROWS = 200
READ_PANEL_WIDTH = 400          # the reading options' panel at most: the preview keeps the rest
READ_PANEL_FRAMES = 48          # the panel's, its group box's and the form's margins and spacing
WARNING = "#a0522d"           # sienna: what is missing or uncertain
UNSURE_KIND = 0.6          # below this the detected kind is a guess the owner is asked to check
ENCODINGS = ("utf-8", "cp1250", "cp1252", "cp1251", "latin-1", "utf-16")
DELIMITERS = ((",", N_("comma ,")), (";", N_("semicolon ;")), ("\t", N_("tab")), ("|", N_("pipe |")),
              ("whitespace", N_("spaces")))
DECIMALS = ((".", N_("point 1.5")), (",", N_("comma 1,5")))
DATE_ORDERS = ((True, N_("day first (31.12.2024)")), (False, N_("month first (12/31/2024)")))
LAST_COLUMN_ROOM = 12      # px more for the mapping table's last column: its centred name 10 px from the edge


class ImportDialog(QDialog):
    """Returns a :class:`LoadRequest` (``request()``) when accepted."""

    def __init__(self, path: str | Path, options: ReadOptions | None = None, mapping: Mapping | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(_("Import {file}", file=self.path.name))
        resize_to_fit(self, 1100, 720)
        self.options = copy.deepcopy(options) if options else ReadOptions()
        self.user_mapping = copy.deepcopy(mapping)
        self.table: Any = None
        self.mapping: Mapping | None = None
        self._runner = TaskRunner("preview", self)
        self._runner.failed.connect(self._on_runner_failed)
        self.preview_model = DataFrameModel(parent=self, page_size=PREVIEW_ROWS, canonical=False)   # the file as it is
        self.mapping_model = MappingModel(self)
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh_preview)
        self.refresh_preview()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.sheet_combo = QComboBox()
        self.encoding_combo = _choice_combo([(e, e) for e in ENCODINGS], translate=False)
        self.delimiter_combo = _choice_combo(DELIMITERS)
        self.decimal_combo = _choice_combo(DECIMALS)
        self.date_order_combo = _choice_combo(DATE_ORDERS)
        self.currency_combo = QComboBox()           # "from the file" (detected) or the owner's choice
        self.currency_combo.addItem(_("from the file"), None)
        for symbol in CURRENCY_CHOICES:
            self.currency_combo.addItem(symbol, symbol)
        self.currency_combo.setToolTip(_("The currency of this file's amounts. \u201cfrom the file\u201d uses the "
                                         "symbol or code its cells or headers name (\u00a340.00, Price (GBP))."))
        self.kind_combo = QComboBox()
        for spec in KINDS:
            self.kind_combo.addItem(_(spec.label), spec.name)
        # the choices the dialog was opened with (a re-import) show from the start: the first preview reads them
        for combo, chosen in ((self.encoding_combo, self.options.encoding), (self.delimiter_combo, self.options.delimiter),
                              (self.decimal_combo, self.options.decimal), (self.date_order_combo, self.options.dayfirst)):
            _select(combo, chosen, None)
        self._show_currency(None)
        for combo in self.read_option_combos():
            # long choices (other languages) shorten in the box, never squeezing the labels beside it
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        form = QFormLayout()
        for label, combo in ((_("Sheet"), self.sheet_combo), (_("Encoding"), self.encoding_combo),
                             (_("Delimiter"), self.delimiter_combo), (_("Decimal mark"), self.decimal_combo),
                             (_("Dates"), self.date_order_combo), (_("Amounts are in"), self.currency_combo),
                             (_("The rows are"), self.kind_combo)):
            form.addRow(label, combo)
        name_fields_by_labels(form)             # else a screen reader says only the choice ("automatic")
        self._read_form = form
        read_box = QGroupBox(_("How the file is read"))
        read_box.setLayout(form)
        self.notes_label = QLabel("")
        self.notes_label.setWordWrap(True)
        self.kind_note = QLabel("")
        self.kind_note.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(read_box)
        left.addWidget(self.kind_note)
        left.addWidget(self.notes_label)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(READ_PANEL_WIDTH)          # room for longer texts (Slovenian, Serbian)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().setDefaultSectionSize(22)
        # the last column takes the room the others leave (a one-column file's lines were cut at 100 px beside
        # 640 px of empty preview: shots11 60_import_not_an_export); a wide file's columns keep their widths
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.mapping_view = QTableView()
        self.mapping_view.setModel(self.mapping_model)
        for view in (self.preview_view, self.mapping_view):
            view.setTabKeyNavigation(False)     # Tab goes on to the next control (arrows move between cells)
            view.setStyleSheet(f"QTableView:focus {{ border: 2px solid {style.PRIMARY}; }}")   # a visible focus
        self.mapping_view.setItemDelegateForColumn(COL_SOURCE, ColumnComboDelegate(self.mapping_view))
        self.mapping_view.horizontalHeader().setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        top = QWidget()            # the reading options beside the preview ...
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(left_widget)
        top_row.addWidget(_titled(_("Preview (first rows, as they will be read)"), self.preview_view), 1)
        body = QSplitter(Qt.Orientation.Vertical)       # ... and the mapping under both, the dialog's whole width:
        body.addWidget(top)                             # beside them its reasons had 96 px in Slovenian (9 lines)
        body.addWidget(_titled(_("Columns \u2192 fields (click a source column to change it)"), self.mapping_view))
        body.setSizes([320, 360])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet(f"color:{style.readable(style.BAD, self.palette())};")
        self.error_label.setWordWrap(True)
        self.missing_label = QLabel("")          # required fields not mapped yet, named as the owner sees them
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(_warning_look(self))
        self.missing_label.hide()
        self.mapping_view.setWordWrap(True)
        # the reasons column stretches with the dialog: rows grow with it, so no reason is cut (once the layout
        # has settled: the reading options widen when the file is read, and the reasons column narrows then)
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.mapping_view.resizeRowsToContents)
        self.mapping_view.horizontalHeader().sectionResized.connect(lambda *_args: self._fit_rows.start())
        self.mapping_view.setAccessibleName(_("Columns and the fields they are read as"))
        self.preview_view.setAccessibleName(_("Preview of the first rows"))
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        for combo in (self.sheet_combo, self.encoding_combo, self.delimiter_combo, self.decimal_combo,
                      self.date_order_combo):
            combo.activated.connect(self._on_read_option_activated)
        self.kind_combo.activated.connect(self._on_kind_combo_activated)
        self.mapping_model.mapping_edited.connect(self._on_mapping_model_edited)

    def read_option_combos(self) -> list[QComboBox]:
        """The boxes of "How the file is read", top to bottom."""
        return [self.sheet_combo, self.encoding_combo, self.delimiter_combo, self.decimal_combo,
                self.date_order_combo, self.currency_combo, self.kind_combo]

    # -- preview ------------------------------------------------------------------------------
    def _collect_options(self) -> ReadOptions:
        opts = copy.deepcopy(self.options)
        opts.sheet = self.sheet_combo.currentData() if self.sheet_combo.count() else opts.sheet
        opts.encoding = self.encoding_combo.currentData()
        opts.delimiter = self.delimiter_combo.currentData()
        opts.decimal = self.decimal_combo.currentData()
        opts.dayfirst = self.date_order_combo.currentData()
        opts.currency = self.currency_combo.currentData()
        return opts

    def refresh_preview(self) -> None:
        """Read the first rows again with the current choices (off the GUI thread)."""
        self.options = self._collect_options()
        path, options = self.path, copy.deepcopy(self.options)
        kind = self.kind_combo.currentData() if self.user_mapping is not None else None
        user = copy.deepcopy(self.user_mapping)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._runner.start(lambda r: _preview(path, options, kind, user, r), _("Preview"), on_done=self._on_preview_done)

    def _on_preview_done(self, outcome: tuple[Any, Mapping]) -> None:
        table, mapping = outcome
        self.table, self.mapping = table, mapping
        self.error_label.clear()
        clock = [c.name for c in table.columns if c.col_type == "time"]
        self.preview_model.set_frame(table.frame.head(PREVIEW_ROWS), clock_columns=clock)
        self.mapping_model.set_mapping(mapping, table)
        self._fit_mapping_columns()
        self._show_missing()
        self._show_read_decisions(table, mapping)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _show_read_decisions(self, table: Any, mapping: Mapping) -> None:
        with QSignalBlocker(self.sheet_combo):
            self.sheet_combo.clear()
            for s in table.sheets:
                self.sheet_combo.addItem(s, s)
            self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(table.sheet)))
            self.sheet_combo.setEnabled(bool(table.sheets))
        _select(self.encoding_combo, self.options.encoding, table.encoding)
        _select(self.delimiter_combo, self.options.delimiter, table.delimiter)
        _select(self.decimal_combo, self.options.decimal, table.decimal)
        dayfirst = next((c.dayfirst for c in table.columns if c.col_type == "datetime" and c.dayfirst is not None), None)
        _select(self.date_order_combo, self.options.dayfirst, dayfirst)
        self._show_currency(file_currency(table))
        labels = [self._read_form.labelForField(combo) for combo in self.read_option_combos()]
        room = READ_PANEL_WIDTH - READ_PANEL_FRAMES - max(label.sizeHint().width() for label in labels if label)
        for combo in self.read_option_combos():
            _widen_to_choices(combo, room)          # the labels beside them keep their width
        with QSignalBlocker(self.kind_combo):
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(mapping.kind)))
        evidence = Evidence.of(mapping.kind_evidence)
        shown = evidence.without(RUNNER_UP)     # the runner-up's score is jargon
        self.kind_note.setText(_("Detected: {evidence}", evidence=shown) if shown else "")
        self.kind_note.setToolTip(str(evidence))
        self.kind_note.setStyleSheet("")
        if self.user_mapping is None and mapping.kind_confidence < UNSURE_KIND:
            self.kind_note.setText(_(
                "This file does not look like an export we know. Our best guess is \u201c{kind}\u201d, but we are "
                "only {percent} sure: check \u201cThe rows are\u201d and the columns below before importing.",
                kind=self.kind_combo.currentText(), percent=format_percent(mapping.kind_confidence * 100, 0)))   # "7 %", never parted
            self.kind_note.setStyleSheet(_warning_look(self))
        # the encoding is named in its box; its note only when it asks the user to look ("also fits", "replaced")
        notes = [table.encoding_note] if table.encoding_doubtful else []
        notes += table.notes
        notes += [f"{c.header}: {c.ambiguous}" for c in table.columns if c.ambiguous]
        self.notes_label.setText("\n".join(notes))
        # the widened boxes and the notes' new lines laid out before the next frame (the "Detected" note was drawn
        # one line high under the group's frame: sr 200 % and sl 1366 02_import_dialog, s15-shots-b and s15-shots-a)
        _lay_out_now(self.delimiter_combo, self)

    def _show_currency(self, named: str | None) -> None:
        """The owner's currency for this file, or "from the file" with the one its first rows name."""
        combo, chosen = self.currency_combo, self.options.currency
        with QSignalBlocker(combo):
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(chosen, chosen)                  # a symbol chosen before, not in the list
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.setItemText(0, _("from the file ({currency})", currency=named) if named else _("from the file"))

    def _on_runner_failed(self, exc: Exception) -> None:
        self.error_label.setText(str(exc))
        self.table = None
        self.preview_model.set_frame(pd.DataFrame())
        self.mapping_model.set_mapping(None, None)
        self._fit_mapping_columns()     # the empty table's headers whole ("Ni bilo mogoče prebrati" was cut at 100 px)

    # -- events ---------------------------------------------------------------------------------
    def _on_read_option_activated(self, _index: int) -> None:
        self._debounce.start()

    def _on_kind_combo_activated(self, _index: int) -> None:
        kind = self.kind_combo.currentData()
        if self.user_mapping is None or self.user_mapping.kind != kind:
            self.user_mapping = Mapping(kind)
        self._debounce.start()

    def _on_mapping_model_edited(self, field: str, columns: list[str] | None) -> None:
        if self.user_mapping is None or self.user_mapping.kind != self.mapping_model.mapping().kind:
            self.user_mapping = Mapping(self.mapping_model.mapping().kind)
        self.user_mapping.set_user(field, columns)
        self._show_missing()

    def missing_required(self) -> list[str]:
        """The labels of the required fields that no column is mapped to, in the window's language (``Created at``,
        ``Čas nastanka`` in Slovenian; never ``created_at``)."""
        mapping = self.mapping_model.mapping()
        if mapping is None:
            return []
        return [_(f.label) for f in kind_spec(mapping.kind).fields
                if f.required and not (mapping.fields.get(f.name) and mapping.fields[f.name].columns)]

    def _show_missing(self) -> None:
        missing = self.missing_required()
        names = ", ".join(quoted(name) for name in missing)
        self.missing_label.setText(ngettext(
            "Not mapped yet: {fields}. Choose its column in the list above (fields marked * are needed).",
            "Not mapped yet: {fields}. Choose their columns in the list above (fields marked * are needed).",
            len(missing), fields=names) if missing else "")
        self.missing_label.setVisible(bool(missing))

    def _fit_mapping_columns(self) -> None:
        """Field, column and confidence as wide as their texts (the field and the source column at most a quarter of
        the table each: a long header wraps, its tooltip whole); the reasons take the rest."""
        view = self.mapping_view
        widest = max(120, view.viewport().width() // 4)
        last = view.model().columnCount() - 1
        for col in range(view.model().columnCount()):
            if col != COL_WHY:
                view.resizeColumnToContents(col)
            if col == last and col != COL_WHY:      # its name clear of the table's edge (sr "Није могло да се
                view.setColumnWidth(col, view.columnWidth(col) + LAST_COLUMN_ROOM)     # прочита" touched it)
            if col in (COL_FIELD, COL_SOURCE) and view.columnWidth(col) > widest:
                view.setColumnWidth(col, widest)
        view.resizeRowsToContents()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_rows.start()       # the reasons wrap anew at the new width

    def accept(self) -> None:
        """Import; when a required field is not mapped, ask first (most KPIs of this kind need it)."""
        missing = self.missing_required()
        if missing and not self.confirm_missing(missing):
            return
        super().accept()

    def confirm_missing(self, missing: list[str]) -> bool:
        """Ask whether to import without the ``missing`` fields (tests replace this)."""
        names = ", ".join(quoted(name) for name in missing)
        answer = QMessageBox.question(
            self, _("Import without needed fields?"),
            ngettext("{fields} is not mapped: the KPIs that need it will stay empty. Import anyway?",
                     "{fields} are not mapped: the KPIs that need them will stay empty. Import anyway?",
                     len(missing), fields=names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def request(self) -> LoadRequest:
        """What to load: the options and the mapping as shown."""
        mapping = copy.deepcopy(self.mapping)
        return LoadRequest(self.path, self._collect_options(), mapping, mapping.kind if mapping else None)

    def wait_for_preview(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)


def _preview(path: Path, options: ReadOptions, kind: str | None, user: Mapping | None, reporter: Any) -> tuple[Any, Mapping]:
    """The first rows and the detected mapping, read in a watched child process (a hostile file cannot
    take the window down)."""
    from ..process_loader import preview_in_process

    return preview_in_process(path, options, kind, user, PREVIEW_ROWS, reporter)


def _choice_combo(choices: Any, translate: bool = True) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("automatic"), None)
    for value, label in choices:
        combo.addItem(_(label) if translate else label, value)
    return combo


def _widen_to_choices(combo: QComboBox, widest: int) -> None:
    """A box wide enough for its longest choice ("samodejno (vejica ,)" was shown as "samodejno (vejica ,"),
    up to ``widest`` pixels (beyond that the choice shortens with "…" and the list shows it whole)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    frame = option.rect.width() - field.width()          # the arrow and the frame around the text
    metrics = combo.fontMetrics()
    texts = [combo.itemText(i) for i in range(combo.count())]
    needed = max((metrics.horizontalAdvance(t) for t in texts), default=0) + frame + 4
    combo.setMinimumWidth(min(widest, needed))


def _lay_out_now(widget: QWidget, top: QWidget) -> None:
    """Lay out the widgets round ``widget`` now, from its parent out to ``top``. Qt widens a box at once when its
    minimum width grows, while each layout round it follows at its own next event: the frame painted in between
    drew the reading options past their group (sr-Latn 02_import_dialog)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.layout() is not None:
            parent.layout().activate()
        if parent is top:
            break
        parent = parent.parentWidget()


def _select(combo: QComboBox, forced: Any, detected: Any) -> None:
    """Show the forced choice, or 'automatic (detected value)'."""
    with QSignalBlocker(combo):
        if forced is not None:
            combo.setCurrentIndex(max(0, combo.findData(forced)))
        else:
            combo.setCurrentIndex(0)
            shown = combo.itemText(combo.findData(detected)) if combo.findData(detected) > 0 else detected
            combo.setItemText(0, _("automatic ({detected})", detected=shown) if detected is not None else _("automatic"))


def _warning_look(widget: QWidget) -> str:
    """A warning's words: bold sienna, or a lighter mix of it where the window is dark (#a0522d on a dark
    window was 2.9 : 1)."""
    return f"color:{style.readable(WARNING, widget.palette())}; font-weight:600;"


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setStyleSheet("font-weight:600;")
    v.addWidget(label)
    v.addWidget(widget)
    return box

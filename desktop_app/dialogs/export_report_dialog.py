"""The "Export report" dialog: the report builder's choices (when given), formats, chart image
size and background, and a folder; the report is built and written in a worker with progress
and Cancel. Files are named from the title and period; one that exists is replaced only when the
owner says so; afterwards the deck, the workbook or the folder opens with one click."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QFrame, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton,
                               QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from metrics_core.staged_folder import StagedFolder
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.export.model import Report
from metrics_core.export.report import report_paths, write_report
from metrics_core.i18n import LANGUAGES, N_, _, current_language, language, ngettext
from metrics_core.progress import Reporter

from .. import style
from ..charts.export import SIZE_PRESETS
from ..window_size import resize_to_fit
from ..workers import TaskRunner
from .form_names import name_fields_by_labels
from .path_row import PathRow

log = logging.getLogger(__name__)

ReportSource = Report | Callable[[Reporter], Report]
FORMATS = (("pptx", N_("PowerPoint deck (.pptx)"), ".pptx"), ("xlsx", N_("Excel workbook (.xlsx)"), ".xlsx"),
           ("csv", N_("Results as CSV (.csv)"), ".csv"), ("png", N_("Chart images (.png)"), None))
CUSTOM = N_("Custom size")
DEFAULT_SIZE = "Full HD 1920 × 1080"
MIN_CHOICES_HEIGHT = 240     # the choices scroll in a dialog no taller than the screen; never shrink to a slit


class ExportReportDialog(QDialog):
    """Writes a report (deck, workbook, CSV, chart images) into a folder."""

    exported = Signal(list)             # the paths written
    choices_saved = Signal(object)      # ReportChoices of the builder, at each export

    def __init__(self, source: ReportSource, folder: str | Path = "", parent: QWidget | None = None,
                 builder: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export report"))
        self._source = source
        self.builder = builder          # a ReportBuilderPanel: the report is built from its choices
        self.confirm_replace: Callable[[list[Path]], bool] = self._ask_replace
        self._runner = TaskRunner("export", self)
        self._runner.progressed.connect(self._on_runner_progressed)
        self._runner.cancelled.connect(self._on_runner_cancelled)
        self.written: list[Path] = []
        self._stage: StagedFolder | None = None
        self._images_cancelled = False
        self._build_ui(str(folder))

    # -- layout -------------------------------------------------------------------
    def _build_ui(self, folder: str) -> None:
        form = QFormLayout()
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QGridLayout()         # two by two: the dialog fits a 1280 x 720 screen
        for i, (key, label, _suffix) in enumerate(FORMATS):
            box = QCheckBox(_(label))
            box.setChecked(True)
            box.toggled.connect(self._on_format_toggled)
            self.format_boxes[key] = box
            formats.addWidget(box, i // 2, i % 2)
        form.addRow(_("Write"), formats)
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current_language())))
        self.language_combo.setToolTip(_("The report can be in another language than the window."))
        form.addRow(_("Report language"), self.language_combo)
        self.size_combo = QComboBox()
        for preset in SIZE_PRESETS:
            self.size_combo.addItem(_(preset), preset)
        self.size_combo.addItem(_(CUSTOM), CUSTOM)
        self.size_combo.setCurrentIndex(self.size_combo.findData(DEFAULT_SIZE))
        self.size_combo.currentIndexChanged.connect(self._on_size_combo_changed)
        self.width_spin, self.height_spin = self._spin(1920), self._spin(1080)
        self.width_spin.setAccessibleName(_("Image width"))         # (else both were "Image size, 1920 px")
        self.height_spin.setAccessibleName(_("Image height"))
        self.background_combo = QComboBox()
        self.background_combo.addItem(_("White"), "white")
        self.background_combo.addItem(_("Transparent"), "transparent")
        background_label = QLabel(_("Image background"))
        background_label.setBuddy(self.background_combo)
        self.background_combo.setAccessibleName(background_label.text())
        size_row = QHBoxLayout()        # size and background on one row: every choice in view at 1280 x 720
        for w in (self.size_combo, self.width_spin, QLabel("×"), self.height_spin):
            size_row.addWidget(w)
        size_row.addSpacing(12)
        size_row.addWidget(background_label)
        size_row.addWidget(self.background_combo)
        size_row.addStretch(1)          # the sizes side by side, not the height pushed to the far right
        form.addRow(_("Image size"), size_row)
        folder_row = PathRow(folder, _("Folder for the report files"), _("Browse…"), _("Export the report into"))
        self.folder_edit = folder_row.edit
        form.addRow(_("Folder"), folder_row)
        name_fields_by_labels(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(_("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Cancel export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.buttons.rejected.connect(self.reject)
        self.open_deck_button = QPushButton(_("Open the deck"))
        self.open_workbook_button = QPushButton(_("Open the workbook"))
        self.open_folder_button = QPushButton(_("Open the folder"))
        bottom_row = QHBoxLayout()      # what was written opens from the buttons' row (a row less to scroll)
        for button, suffix in ((self.open_deck_button, ".pptx"), (self.open_workbook_button, ".xlsx"),
                               (self.open_folder_button, None)):
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, s=suffix: self.open_written(s))
            bottom_row.addWidget(button)
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.buttons)
        body = QWidget()            # the choices scroll on a screen too short for them; the buttons stay
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        if self.builder is not None:
            self.setMinimumWidth(820)
            formats = self.builder.initial_formats
            for key, box in self.format_boxes.items():
                box.setChecked(key in formats)
            body_layout.addWidget(self.builder)
        body_layout.addLayout(form)
        self.choices_area = QScrollArea()
        self.choices_area.setWidgetResizable(True)
        self.choices_area.setFrameShape(QFrame.Shape.NoFrame)
        self.choices_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # (Tab goes through its controls, scrolling)
        self.choices_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choices_area.setWidget(body)
        self.choices_area.setMinimumHeight(MIN_CHOICES_HEIGHT)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices_area, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(bottom_row)
        self._on_size_combo_changed()
        rest = layout.sizeHint().height() - self.choices_area.sizeHint().height()
        resize_to_fit(self, max(self.minimumWidth(), body.sizeHint().width() + 24), body.sizeHint().height() + rest)

    @staticmethod
    def _spin(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(16, 10000)
        spin.setValue(value)
        spin.setSuffix(_(" px"))
        return spin

    # -- choices --------------------------------------------------------------------
    def chosen_formats(self) -> list[str]:
        return [key for key, box in self.format_boxes.items() if box.isChecked()]

    def report_language(self) -> str:
        """The language the report is written in (the window's, unless chosen otherwise)."""
        return str(self.language_combo.currentData())

    def image_size(self) -> tuple[int, int]:
        return self.width_spin.value(), self.height_spin.value()

    def transparent(self) -> bool:
        return self.background_combo.currentData() == "transparent"

    def _on_format_toggled(self, _checked: bool) -> None:
        png = self.format_boxes["png"].isChecked()
        for w in (self.size_combo, self.background_combo):
            w.setEnabled(png)
        self._on_size_combo_changed()

    def _on_size_combo_changed(self, _index: int = -1) -> None:
        preset = self.size_combo.currentData()
        custom = preset == CUSTOM
        if not custom and preset in SIZE_PRESETS:
            w, h = SIZE_PRESETS[preset]
            self.width_spin.setValue(w)
            self.height_spin.setValue(h)
        png = self.format_boxes["png"].isChecked()
        self.width_spin.setEnabled(custom and png)
        self.height_spin.setEnabled(custom and png)

    # -- running ----------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        formats, folder = self.chosen_formats(), self.folder_edit.text().strip()
        if not formats:
            self._say(_("Choose at least one thing to write."), error=True)
            return
        if not folder:
            self._say(_("Choose a folder for the report."), error=True)
            return
        file_formats = tuple(ext for key, _label, ext in FORMATS if key in formats and ext)
        code = self.report_language()
        with language(code):
            existing = [p for p in self.planned_paths(folder, file_formats) if p.exists()]
        if existing and not self.confirm_replace(existing):
            self._say(_("Nothing was written: {name} is already there.", name=existing[0].name))
            return
        source = self._builder_source() if self.builder is not None else self._source
        if self.builder is not None:
            self.choices_saved.emit(self.builder.choices(folder, formats))
        try:            # everything is written into a staging folder and lands together (or not at all)
            stage = self._stage = StagedFolder(folder)
        except OSError as exc:
            self._say(_("Could not write into {folder} ({reason}).", folder=folder, reason=exc.strerror or str(exc)),
                      error=True)
            return

        def task(reporter: Reporter) -> tuple[Report, list[Path]]:
            try:        # a cancelled or failed export drops its staging folder here, once nothing writes to it
                with language(code):        # every text and number of the report in the chosen language
                    report = source(reporter.scaled(0.0, 0.5)) if callable(source) else source
                    written = write_report(report, stage.path, reporter.scaled(0.5, 1.0), file_formats,
                                           staged=False) if file_formats else []
                reporter.check()
            except BaseException:
                stage.discard()
                raise
            return report, written

        self._set_running(True)
        self._say(_("Exporting…"))
        self._runner.start(task, _("Exporting the report"), self._on_task_done, self._on_task_failed)

    def _on_task_done(self, outcome: tuple[Report, list[Path]]) -> None:
        report, _staged = outcome
        if "png" in self.chosen_formats() and report.charts:
            try:
                self._draw_images(report)
            except OperationCancelled:
                self._discard_stage()
                self._on_runner_cancelled()
                return
            except (KpiDeskError, OSError) as exc:
                self._on_task_failed(exc)
                return
        try:
            written = self._stage.commit() if self._stage is not None else []
        except KpiDeskError as exc:
            self._on_task_failed(exc)
            return
        self._stage = None
        self._set_running(False)
        self.written = list(written)
        self._say(ngettext("Saved {count} file in {folder}.", "Saved {count} files in {folder}.", len(written),
                           count=len(written), folder=self.folder_edit.text().strip()))
        suffixes = {p.suffix for p in written}
        self.open_deck_button.setEnabled(".pptx" in suffixes)
        self.open_workbook_button.setEnabled(".xlsx" in suffixes)
        self.open_folder_button.setEnabled(bool(written))
        self.exported.emit(list(written))

    def planned_paths(self, folder: str, file_formats: tuple[str, ...]) -> list[Path]:
        """The files an export will write (chart images aside), to ask before replacing one."""
        if self.builder is not None:
            return self.builder.planned_paths(folder, file_formats)
        if isinstance(self._source, Report):
            return report_paths(self._source, folder, file_formats)
        return []

    def _builder_source(self) -> Callable[[Reporter], Report]:
        choices, view, make = self.builder.choices(), self.builder.view(), self._source

        def build(reporter: Reporter) -> Report:
            return make(reporter, view, choices)
        return build

    def _ask_replace(self, paths: list[Path]) -> bool:
        names = "\n".join(p.name for p in paths)
        answer = QMessageBox.question(self, _("Replace the report?"),
                                      _("These files are already in the folder:\n{names}\n\nReplace them?", names=names),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_written(self, suffix: str | None) -> None:
        """Open the written deck (``.pptx``), workbook (``.xlsx``) or, for ``None``, the folder."""
        if suffix is None:
            target = Path(self.folder_edit.text().strip())
        else:
            target = next((p for p in self.written if p.suffix == suffix), None)
            if target is None:
                return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _draw_images(self, report: Report) -> list[Path]:
        """Chart images are Qt widgets, so they are drawn here on the GUI thread; the
        progress bar and Cancel keep working between images."""
        from ..report_pngs import write_chart_pngs

        self._images_cancelled = False
        self.cancel_button.setEnabled(True)

        def progress(fraction: float, text: str) -> None:
            self._on_runner_progressed(fraction, text)
            QApplication.processEvents()

        reporter = Reporter(progress, lambda: self._images_cancelled)
        with language(self.report_language()):
            return write_chart_pngs(report, self._stage.path, *self.image_size(),
                                    transparent=self.transparent(), reporter=reporter)

    def _discard_stage(self) -> None:
        if self._stage is not None:
            self._stage.discard()
            self._stage = None

    def _on_task_failed(self, exc: Exception) -> None:
        self._discard_stage()
        self._set_running(False)
        if isinstance(exc, KpiDeskError):
            self._say(str(exc), error=True)
        else:
            log.error("report export failed", exc_info=exc)
            self._say(_("The report could not be written ({problem}).", problem=f"{type(exc).__name__}: {exc}"), error=True)

    def _on_cancel_clicked(self) -> None:
        self._images_cancelled = True
        self._runner.cancel()

    def _on_runner_cancelled(self) -> None:
        self._stage = None              # the task drops its staging folder itself
        self._set_running(False)
        self._say(_("Export cancelled. Files that were already there are unchanged."))

    def _on_runner_progressed(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(text)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(f"color:{style.readable(style.BAD, self.palette())};" if error else "")
        self.status.setText(text)

    def wait(self, msecs: int = 60000) -> bool:
        """Block until the worker is idle (tests and shutdown)."""
        return self._runner.wait(msecs)

    def reject(self) -> None:  # noqa: D401 - Qt override
        self._runner.cancel()
        super().reject()

    def done(self, result: Any) -> None:  # noqa: D401 - Qt override
        self._runner.cancel()
        super().done(result)


def default_folder() -> str:
    """The user's Documents folder (where a report goes when no folder was chosen yet)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

"""The "Export report" dialog: choose formats, chart image size and background, and a
folder; the report is built and written in a worker with progress and Cancel."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.export.model import Report
from metrics_core.export.report import write_report
from metrics_core.progress import Reporter

from ..charts.export import SIZE_PRESETS
from ..workers import TaskRunner

log = logging.getLogger(__name__)

ReportSource = Report | Callable[[Reporter], Report]
FORMATS = (("pptx", "PowerPoint deck (.pptx)", ".pptx"), ("xlsx", "Excel workbook (.xlsx)", ".xlsx"),
           ("csv", "Results as CSV (.csv)", ".csv"), ("png", "Chart images (.png)", None))
CUSTOM = "Custom size"


class ExportReportDialog(QDialog):
    """Writes a report (deck, workbook, CSV, chart images) into a folder."""

    exported = Signal(list)             # the paths written

    def __init__(self, source: ReportSource, folder: str | Path = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self._source = source
        self._runner = TaskRunner("export", self)
        self._runner.progressed.connect(self._on_runner_progressed)
        self._runner.cancelled.connect(self._on_runner_cancelled)
        self.written: list[Path] = []
        self._images_cancelled = False
        self._build_ui(str(folder))

    # -- layout -------------------------------------------------------------------
    def _build_ui(self, folder: str) -> None:
        form = QFormLayout()
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QVBoxLayout()
        for key, label, _ in FORMATS:
            box = QCheckBox(label)
            box.setChecked(True)
            box.toggled.connect(self._on_format_toggled)
            self.format_boxes[key] = box
            formats.addWidget(box)
        form.addRow("Write", formats)
        self.size_combo = QComboBox()
        self.size_combo.addItems([*SIZE_PRESETS, CUSTOM])
        self.size_combo.setCurrentText("Full HD 1920 × 1080")
        self.size_combo.currentTextChanged.connect(self._on_size_combo_changed)
        self.width_spin, self.height_spin = self._spin(1920), self._spin(1080)
        size_row = QHBoxLayout()
        for w in (self.size_combo, self.width_spin, QLabel("×"), self.height_spin):
            size_row.addWidget(w)
        form.addRow("Image size", size_row)
        self.background_combo = QComboBox()
        self.background_combo.addItems(["White", "Transparent"])
        form.addRow("Image background", self.background_combo)
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText("Folder for the report files")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit)
        folder_row.addWidget(browse)
        form.addRow("Folder", folder_row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Cancel export", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._on_size_combo_changed(self.size_combo.currentText())

    @staticmethod
    def _spin(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(16, 10000)
        spin.setValue(value)
        spin.setSuffix(" px")
        return spin

    # -- choices --------------------------------------------------------------------
    def chosen_formats(self) -> list[str]:
        return [key for key, box in self.format_boxes.items() if box.isChecked()]

    def image_size(self) -> tuple[int, int]:
        return self.width_spin.value(), self.height_spin.value()

    def transparent(self) -> bool:
        return self.background_combo.currentText() == "Transparent"

    def _on_format_toggled(self, _checked: bool) -> None:
        png = self.format_boxes["png"].isChecked()
        for w in (self.size_combo, self.background_combo):
            w.setEnabled(png)
        self._on_size_combo_changed(self.size_combo.currentText())

    def _on_size_combo_changed(self, text: str) -> None:
        custom = text == CUSTOM
        if not custom and text in SIZE_PRESETS:
            w, h = SIZE_PRESETS[text]
            self.width_spin.setValue(w)
            self.height_spin.setValue(h)
        png = self.format_boxes["png"].isChecked()
        self.width_spin.setEnabled(custom and png)
        self.height_spin.setEnabled(custom and png)

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export the report into", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    # -- running ----------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        formats, folder = self.chosen_formats(), self.folder_edit.text().strip()
        if not formats:
            self._say("Choose at least one thing to write.", error=True)
            return
        if not folder:
            self._say("Choose a folder for the report.", error=True)
            return
        file_formats = tuple(ext for key, _, ext in FORMATS if key in formats and ext)
        source = self._source

        def task(reporter: Reporter) -> tuple[Report, list[Path]]:
            report = source(reporter.scaled(0.0, 0.5)) if callable(source) else source
            written = write_report(report, Path(folder), reporter.scaled(0.5, 1.0), file_formats) \
                if file_formats else []
            return report, written

        self._set_running(True)
        self._say("Exporting…")
        self._runner.start(task, "Exporting the report", self._on_task_done, self._on_task_failed)

    def _on_task_done(self, outcome: tuple[Report, list[Path]]) -> None:
        report, written = outcome
        if "png" in self.chosen_formats() and report.charts:
            try:
                written += self._draw_images(report)
            except OperationCancelled:
                self._set_running(False)
                self._say(f"Chart images cancelled; {len(written)} other file(s) were saved.")
                return
            except KpiDeskError as exc:
                self._on_task_failed(exc)
                return
        self._set_running(False)
        self.written = list(written)
        self._say(f"Saved {len(written)} file{'s' if len(written) != 1 else ''} in {self.folder_edit.text().strip()}.")
        self.exported.emit(list(written))

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
        return write_chart_pngs(report, Path(self.folder_edit.text().strip()), *self.image_size(),
                                transparent=self.transparent(), reporter=reporter)

    def _on_task_failed(self, exc: Exception) -> None:
        self._set_running(False)
        if isinstance(exc, KpiDeskError):
            self._say(str(exc), error=True)
        else:
            log.error("report export failed", exc_info=exc)
            self._say(f"The report could not be written ({type(exc).__name__}: {exc}).", error=True)

    def _on_cancel_clicked(self) -> None:
        self._images_cancelled = True
        self._runner.cancel()

    def _on_runner_cancelled(self) -> None:
        self._set_running(False)
        self._say("Export cancelled. Files that were already there are unchanged.")

    def _on_runner_progressed(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(text)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c0392b;" if error else "")
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

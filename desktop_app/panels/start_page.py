"""The first screen: open files, drop files, recent files and projects, the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from metrics_core.i18n import _

from ..settings import AppSettings

FILE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"}
PROJECT_SUFFIX = ".kpidesk"


class StartPage(QWidget):
    """Emits what the user chose; the main window acts on it."""

    open_files_requested = Signal()
    open_project_requested = Signal()
    files_chosen = Signal(list)          # list[str]
    project_chosen = Signal(str)
    demo_requested = Signal()

    def __init__(self, settings: AppSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        title = QLabel(_("KPI Desk"))
        title.setStyleSheet("font-size:24pt; font-weight:700;")
        subtitle = QLabel(_("Open the exports of your helpdesk, phone system, survey tool or shop "
                            "and see every customer-service KPI. Your files never leave this computer."))
        subtitle.setWordWrap(True)
        outer.addWidget(title)
        outer.addWidget(subtitle)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(_("Open files\u2026"))
        self.project_button = QPushButton(_("Open project\u2026"))
        self.demo_button = QPushButton(_("Try the demo data"))
        for b in (self.open_button, self.project_button, self.demo_button):
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.drop_zone = QLabel(_("Drop CSV or Excel files here"))
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_zone.setMinimumHeight(90)
        self.drop_zone.setStyleSheet("border:2px dashed palette(mid); border-radius:8px; font-size:12pt;")
        outer.addWidget(self.drop_zone)
        lists = QHBoxLayout()
        self.recent_files_list = QListWidget()
        self.recent_projects_list = QListWidget()
        lists.addLayout(_titled(_("Recent files"), self.recent_files_list))
        lists.addLayout(_titled(_("Recent projects"), self.recent_projects_list))
        for recent in (self.recent_files_list, self.recent_projects_list):
            recent.setMaximumHeight(260)
            recent.setToolTip(_("Double-click (or Enter) to open"))
        outer.addLayout(lists)
        outer.addStretch(1)
        self.open_button.clicked.connect(self.open_files_requested)
        self.project_button.clicked.connect(self.open_project_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent_files_list.itemActivated.connect(self._on_recent_files_activated)
        self.recent_projects_list.itemActivated.connect(self._on_recent_projects_activated)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the recent lists from the settings."""
        _fill(self.recent_files_list, self.settings.recent_files(), _("No recent files yet"))
        _fill(self.recent_projects_list, self.settings.recent_projects(), _("No recent projects yet"))

    def _on_recent_files_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.files_chosen.emit([path])

    def _on_recent_projects_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.project_chosen.emit(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        projects = [p for p in paths if p.lower().endswith(PROJECT_SUFFIX)]
        files = [p for p in paths if Path(p).suffix.lower() in FILE_SUFFIXES]
        if projects:
            self.project_chosen.emit(projects[0])
        elif files:
            self.files_chosen.emit(files)
        event.acceptProposedAction()


def _titled(title: str, widget: QWidget) -> QVBoxLayout:
    box = QVBoxLayout()
    label = QLabel(title)
    label.setStyleSheet("font-weight:600;")
    box.addWidget(label)
    box.addWidget(widget)
    return box


def _fill(widget: QListWidget, paths: list[str], empty: str) -> None:
    widget.clear()
    for p in paths:
        item = QListWidgetItem(Path(p).name)
        item.setToolTip(p)
        item.setData(Qt.ItemDataRole.UserRole, p)
        widget.addItem(item)
    if not paths:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)

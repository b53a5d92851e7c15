"""The main window: start page or workspace, menus and shortcuts, message and progress bars."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QStackedWidget, QWidget

from metrics_core.errors import KpiDeskError
from metrics_core.metrics.params import check_params
from metrics_core.metrics.registry import REGISTRY

from metrics_core.i18n import Message, _, current_language

from .app_info import APP_NAME
from .app_state import AppState
from .autosave import Autosaver
from . import file_dialogs
from .dialogs.import_dialog import ImportDialog
from .dialogs.settings_dialog import SettingsDialog
from .i18n import apply_language
from .panels.busy_bar import BusyBar
from .panels.message_bar import Described, MessageBar, StripRowLayout
from .panels.start_page import StartPage
from .project import PROJECT_SUFFIX, Project, load_project, save_project
from .settings import AppSettings
from .workspace import Workspace
from .window_size import fit_to_screen, resize_to_fit
from .window_view import WindowView

log = logging.getLogger(__name__)
TABLE_PATTERNS = "*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods"


def file_filter() -> str:
    """The open dialog's filter, in the current language."""
    return _("Tables ({patterns});;All files (*)", patterns=TABLE_PATTERNS)


def project_filter() -> str:
    return _("KPI Desk projects (*{suffix})", suffix=PROJECT_SUFFIX)


class MainWindow(QMainWindow):
    """Owns the :class:`AppState`; routes user commands to it."""

    language_changed = Signal(str)          # the language code now shown

    def __init__(self, settings: AppSettings | None = None, state: AppState | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.state = state or AppState(self)
        self.setWindowTitle(APP_NAME)
        resize_to_fit(self, 1360, 880)
        self.setAcceptDrops(True)
        self.actions: dict[str, QAction] = {}
        self._merges_told: set[str] = set()
        self._build()
        self._connect_state()
        self.autosaver = Autosaver(self.state, self.autosave_project, self)
        self._restore_layout()
        self._restore_kpi_settings()
        if self.settings.granularity != self.state.filters.granularity:
            from dataclasses import replace

            self.state.set_filters(replace(self.state.filters, granularity=self.settings.granularity))
        self.state.set_comparison(self.settings.comparison)

    # -- widgets (built again in another language) -----------------------------------------
    def _build(self) -> None:
        """Every widget with a text: made at start and again when the language changes."""
        self.message_bar = MessageBar()
        self.busy_bar = BusyBar()
        self.start_page = StartPage(self.settings)
        self.workspace = Workspace(self.state)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.workspace)
        central = QWidget()
        # The message strip (it stays until closed) has a row of its own under the work area while it shows: the page
        # ends above it (laid over the work area it hid the charts' axes and the data's last rows, s18-gui); the
        # window's least height holds the row, so a message never changes the window's height. The busy bar
        # (short-lived) lies over the tab row from a room in no layout: its coming moves nothing. Both before the
        # stack: their buttons come before the work area in the tab chain.
        self.message_bar.setParent(central)
        self.busy_bar.setParent(QWidget(central))
        StripRowLayout(central, self.stack, self.message_bar).setContentsMargins(6, 2, 6, 2)
        self.busy_bar.place_over(self._busy_strip, central, self.stack, self.workspace, self.workspace.tabs,
                                 self.workspace.tabs.tabBar())
        self.setCentralWidget(central)          # (deletes the previous one, and its connections)
        for action in self.actions.values():
            self.removeAction(action)
            action.deleteLater()
        self.actions.clear()
        self.setMenuBar(QMenuBar())              # (deletes the previous menus)
        self._build_menus()
        self._connect_widgets()

    def _busy_strip(self) -> QRect:
        """Where the busy bar is laid: in the workspace over the tab row right of its tabs (the cards' summary
        line, which the work is about to change), elsewhere over the top of the page (the start page's margin);
        so its coming moves nothing (issue 15, s16-busy)."""
        central = self.stack.parentWidget()
        height = self.busy_bar.sizeHint().height()
        right = central.width() - self.stack.x() - self.stack.width()
        if self.stack.currentWidget() is self.workspace and self.workspace.isVisible():
            tab_bar = self.workspace.tabs.tabBar()
            corner = tab_bar.mapTo(central, QPoint(tab_bar.width(), 0))
            top = max(self.stack.y(), corner.y() + (tab_bar.height() - height) // 2)
            return QRect(corner.x() + 8, top, central.width() - right - corner.x() - 8, height)
        return QRect(self.stack.x(), self.stack.y(), self.stack.width(), height)

    def set_language(self, code: str) -> str:
        """Show every text in ``code`` at once, keeping the data, filters, results and layout."""
        kept = WindowView.of(self)            # (the strip's messages too: shown again in the new language)
        used = apply_language(code)
        self.settings.language = used
        self._build()
        kept.restore(self)
        self.state.show_again()
        self.language_changed.emit(used)
        return used

    # -- menus and shortcuts ----------------------------------------------------------------
    def _action(self, key: str, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.actions[key] = action
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self._action("open", _("&Open files\u2026"), self._on_open_triggered, QKeySequence.StandardKey.Open))
        file_menu.addAction(self._action("open_project", _("Open &project\u2026"), self._on_open_project_triggered, "Ctrl+Shift+O"))
        file_menu.addAction(self._action("save", _("&Save project"), self._on_save_triggered, QKeySequence.StandardKey.Save))
        file_menu.addAction(self._action("save_as", _("Save project &as\u2026"), self._on_save_as_triggered, "Ctrl+Shift+S"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("export", _("&Export report\u2026"), self._on_export_triggered, "Ctrl+E"))
        file_menu.addAction(self._action("demo", _("Open the &demo data"), self._on_demo_triggered))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", _("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        view_menu = bar.addMenu(_("&View"))
        view_menu.addAction(self._action("dashboard", _("&Dashboard"), self._on_dashboard_triggered, "Ctrl+1"))
        view_menu.addAction(self._action("data", _("D&ata view"), self._on_data_triggered, "Ctrl+2"))
        view_menu.addAction(self._action("find", _("&Find in the data\u2026"), self._on_find_triggered,
                                         QKeySequence.StandardKey.Find))
        view_menu.addAction(self._action("refresh", _("&Refresh"), self.state.recompute, "F5"))
        view_menu.addAction(self._action("start", _("&Start page"), self._on_start_triggered, "Ctrl+0"))
        tools_menu = bar.addMenu(_("&Tools"))
        tools_menu.addAction(self._action("settings", _("&Settings\u2026"), self._on_settings_triggered, "Ctrl+,"))
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action("about", _("&About KPI Desk"), self._on_about_triggered))

    def _connect_state(self) -> None:
        s = self.state
        s.error_raised.connect(self._on_state_error_raised)
        s.filters_changed.connect(self._on_state_filters_changed)
        s.comparison_changed.connect(self._on_state_comparison_changed)
        s.dataset_loaded.connect(self._on_state_dataset_loaded)
        s.dataset_removed.connect(self._on_state_dataset_removed)
        s.results_changed.connect(self._on_state_results_changed)

    def _connect_widgets(self) -> None:
        s = self.state
        s.busy_changed.connect(self.busy_bar.follow)
        s.progress_changed.connect(self.busy_bar.set_progress)
        self.busy_bar.cancel_requested.connect(s.cancel)
        sp = self.start_page
        sp.open_files_requested.connect(self._on_open_triggered)
        sp.open_project_requested.connect(self._on_open_project_triggered)
        sp.files_chosen.connect(self.open_files)
        sp.project_chosen.connect(self.open_project)
        sp.demo_requested.connect(self._on_demo_triggered)
        self.workspace.sidebar.add_requested.connect(self._on_open_triggered)
        self.workspace.sidebar.remap_requested.connect(self.remap_dataset)

    # -- files --------------------------------------------------------------------------------
    def open_files(self, paths: list[str]) -> None:
        """Load files with detected settings; they can be re-mapped from the sidebar."""
        existing = [p for p in paths if Path(p).is_file()]
        for p in set(paths) - set(existing):
            self.message_bar.show_message(Message("{path} no longer exists.", {"path": p}), "warning")
        if existing:
            self.state.load_files(existing)

    def import_with_dialog(self, path: str) -> None:
        dialog = ImportDialog(path, parent=self)
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            self.state.load_requests([dialog.request()])
        dialog.deleteLater()                  # closed dialogs do not pile up over a long session

    def remap_dataset(self, name: str) -> None:
        ds = self.state.dataset(name)
        if ds is None:
            return
        dialog = ImportDialog(ds.path, options=ds.table.options, mapping=ds.mapping, parent=self)
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            req = dialog.request()
            self.state.remap_dataset(name, req.mapping, req.options)
        dialog.deleteLater()

    def _on_open_triggered(self) -> None:
        paths = file_dialogs.open_file_names(self, _("Open files"), self.settings.last_dir, file_filter())
        if not paths:
            return
        self.settings.last_dir = str(Path(paths[0]).parent)
        if len(paths) == 1:
            self.import_with_dialog(paths[0])
        else:
            self.open_files(paths)

    def _on_demo_triggered(self) -> None:
        from metrics_core.resources import demo_dir

        folder = demo_dir()
        files = sorted(str(p) for p in folder.glob("*") if p.suffix.lower() in {".csv", ".xlsx", ".txt", ".tsv"})
        if not files:
            self.message_bar.show_message(Message("The demo data is missing (looked in {folder}).", {"folder": folder}),
                                          "error")
            return
        self.state.load_files(files)

    # -- projects --------------------------------------------------------------------------------
    def current_project(self) -> Project:
        s = self.state
        return Project([s.requests[n] for n in s.dataset_names() if n in s.requests], s.filters, s.params,
                       s.targets, s.selected_metric, s.chart_category, report=s.report_choices)

    def autosave_project(self) -> Project:
        """What the autosave keeps: the project, and the file it was saved as (so that Save still writes there)."""
        project = self.current_project()
        project.autosave_of = self.state.project_path
        return project

    def save_project_to(self, path: str | Path) -> Path | None:
        try:
            written = save_project(path, self.current_project())
        except (OSError, KpiDeskError) as exc:
            self.message_bar.show_message(Message("The project could not be saved: {reason}", {"reason": exc}), "error")
            return None
        self.state.set_project_path(written)
        self.settings.add_recent_project(written)
        self.start_page.refresh()
        self.setWindowTitle(_("{project} \u2014 {app}", project=written.stem, app=APP_NAME))
        return written

    def open_project(self, path: str | Path) -> None:
        try:
            project = load_project(path)
        except KpiDeskError as exc:
            self.message_bar.show_message(exc.message, "error")
            return
        for missing in project.missing_files:
            self.message_bar.show_message(Message("A file of this project was not found: {path}", {"path": missing}),
                                          "warning")
        self.state.restore_project(project, Path(path))
        self.settings.add_recent_project(path)
        self.start_page.refresh()
        self.setWindowTitle(_("{project} \u2014 {app}", project=Path(path).stem, app=APP_NAME))
        self.stack.setCurrentWidget(self.workspace)

    def restore_project(self, project: Project) -> None:
        """Adopt the work a crashed session autosaved (:mod:`desktop_app.autosave`), with the project file
        it belonged to, if any (its changes since the last save are not in that file yet)."""
        for missing in project.missing_files:
            self.message_bar.show_message(Message("A file of the restored work was not found: {path}",
                                                  {"path": missing}), "warning")
        path = project.autosave_of
        self.state.restore_project(project, path)
        if path is None:
            self.message_bar.show_message(Message("Your work from last time was restored. Save it as a project to "
                                                  "keep it."), "info")
        else:
            self.setWindowTitle(_("{project} \u2014 {app}", project=path.stem, app=APP_NAME))
            self.message_bar.show_message(Message("Your work on {project} from last time was restored, with the "
                                                  "changes you had not saved. Save the project to keep them.",
                                                  {"project": path.stem}), "info")
        self.stack.setCurrentWidget(self.workspace)

    def _on_save_triggered(self) -> None:
        if self.state.project_path is None:
            self._on_save_as_triggered()
        else:
            self.save_project_to(self.state.project_path)

    def _on_save_as_triggered(self) -> None:
        path = file_dialogs.save_file_name(self, _("Save project"), self.settings.last_dir, project_filter())
        if path:
            self.save_project_to(path)

    def _on_open_project_triggered(self) -> None:
        path = file_dialogs.open_file_name(self, _("Open project"), self.settings.last_dir, project_filter())
        if path:
            self.open_project(path)

    # -- other commands -------------------------------------------------------------------------------
    def _on_export_triggered(self) -> None:
        dialog = self.export_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    def export_dialog(self) -> Any:
        """The report builder for what the dashboard shows (``None`` without data)."""
        if not self.state.bundle.datasets:
            self.message_bar.show_message(Message("Open some files first; then the report has something to show."),
                                          "info")
            return None
        from dataclasses import replace

        from metrics_core.dataset import DataBundle
        from metrics_core.export.report import build_report

        from .dialogs.export_report_dialog import ExportReportDialog, default_folder
        from .dialogs.report_builder import ReportBuilderPanel

        s = self.state
        bundle, params = DataBundle(list(s.bundle.datasets)), s.engine_params()
        computed = s.results.view if s.results is not None else None
        remembered = self.settings.report_defaults()
        choices = s.report_choices
        if not (choices.title or choices.business_name or choices.folder):
            choices = replace(choices, title=remembered.get("title", ""),
                              business_name=remembered.get("business_name", ""), folder=remembered.get("folder", ""))
        folder = choices.folder or default_folder()

        def source(reporter: Any, view: Any, chosen: Any) -> Any:
            return build_report(bundle, params, None, view.grain, chosen.business_name or None, reporter,
                                chosen.title or None, view=view, computed=computed, appendix=chosen.appendix,
                                logo=chosen.logo or None)

        builder = ReportBuilderPanel(bundle, s.view(), computed, choices)
        dialog = ExportReportDialog(source, folder, self, builder=builder)
        dialog.choices_saved.connect(self._on_report_choices_saved)
        return dialog

    def _on_report_choices_saved(self, choices: Any) -> None:
        """Remember the report: in the project (saved when it has a file) and its title, name and folder for new ones."""
        self.state.set_report_choices(choices)
        self.settings.save_report_defaults(choices.title, choices.business_name, choices.folder)
        if self.state.project_path is not None:
            self.save_project_to(self.state.project_path)

    def open_settings(self) -> SettingsDialog:
        return SettingsDialog(self.state.params, self.state.targets, self, currency=self.state.currency())

    def _on_settings_triggered(self) -> None:
        dialog = self.open_settings()
        if self.state.selected_metric:
            dialog.select_metric(self.state.selected_metric)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.params(), dialog.targets())
            if dialog.language() != current_language():
                self.set_language(dialog.language())

    def apply_settings(self, params: dict[str, Any], targets: dict[str, float]) -> None:
        """Use the KPI settings now and remember them for the next start (currency, targets, hours …)."""
        self.state.set_params(params)
        self.state.set_targets(targets)
        self.settings.save_kpi_settings(params, targets)

    def _restore_kpi_settings(self) -> None:
        params, targets = self.settings.kpi_settings()
        try:
            check_params(params, REGISTRY)
        except KpiDeskError as exc:       # settings of an older version: start from the defaults
            log.warning("saved KPI settings ignored: %s", exc)
            return
        if params:
            self.state.set_params(params)
        if targets:
            self.state.set_targets(targets)

    def _on_dashboard_triggered(self) -> None:
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.show_dashboard()

    def _on_data_triggered(self) -> None:
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.show_data()

    def _on_find_triggered(self) -> None:
        if not self.state.bundle.datasets:
            return
        self._on_data_triggered()
        edit = self.workspace.data_view.search_edit
        edit.setFocus()
        edit.selectAll()

    def _on_start_triggered(self) -> None:
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)

    def _on_about_triggered(self) -> None:
        from .dialogs.about_dialog import AboutDialog

        AboutDialog(self).exec()

    # -- state events -------------------------------------------------------------------------------------
    def _on_state_error_raised(self, message: Any) -> None:
        self.message_bar.show_message(message, "error")

    def _on_state_results_changed(self, results: Any) -> None:
        """Say once what merging overlapping files did (duplicates dropped, files without ids): once in any language
        (the results come again after a language switch)."""
        for note in getattr(results, "merges", []) or []:
            told = repr(note)
            if told not in self._merges_told:
                self._merges_told.add(told)
                self.message_bar.show_message(Described(note), "info")

    def _on_state_dataset_loaded(self, name: str) -> None:
        from metrics_core.resources import demo_dir

        ds = self.state.dataset(name)
        if ds is not None and Path(ds.path).parent.resolve() != demo_dir().resolve():
            self.settings.add_recent_file(ds.path)
            self.start_page.refresh()
        self.stack.setCurrentWidget(self.workspace)

    def _on_state_filters_changed(self, filters: Any) -> None:
        self.settings.granularity = filters.granularity

    def _on_state_comparison_changed(self, comparison: str) -> None:
        self.settings.comparison = comparison

    def _on_state_dataset_removed(self, _name: str) -> None:
        if not self.state.bundle.datasets:
            self.start_page.refresh()
            self.stack.setCurrentWidget(self.start_page)

    # -- window -----------------------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self)         # a size saved on a larger monitor is fitted to this one
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        for name in self.workspace.splitters():
            saved = self.settings.splitter_state(name)
            if saved is not None:
                self.workspace.restore_splitter(name, saved)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not getattr(self, "_follows_screen", False):
            handle.screenChanged.connect(self._on_window_screen_changed)
            self._follows_screen = True
        fit_to_screen(self)

    def _on_window_screen_changed(self, _screen: Any) -> None:
        fit_to_screen(self)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        self.start_page.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        self.start_page.dropEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.save_window(self.saveGeometry(), self.saveState())
        for name, saved in self.workspace.owner_splitter_states().items():     # (the others fit what is shown)
            self.settings.save_splitter_state(name, saved)
        self.settings.sync()
        self.autosaver.discard()              # a clean close: nothing to offer back next time
        self.state.cancel()
        self.state.wait(3000)
        super().closeEvent(event)


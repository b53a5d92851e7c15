"""Render every screen of KPI Desk to PNG files (offscreen or under Xvfb).

    python tools/render_screens.py OUT_DIR [--size 1400x900] [--lang sl] [--dark] [--steps issue_files]

Writes, in the language given (``qps``: the pseudo-language whose texts are about 40 % longer,
for checking layouts), every screen an owner meets:

- the start page; the window while the demo is read (on the start page, then on the dashboard
  while the KPIs are computed);
- the import dialog: as read, with a required field left unmapped (its warning), the question
  asked when importing without it, and a file that cannot be read;
- the dashboard with each demo file on its own (one per data kind) and with all of them, every
  chart tab, every card (the whole list, as far as it scrolls), "Show all KPIs", the breakdown by
  another category, another comparison, a trend per week, "More filters" open and a filter applied,
  the menu bar's first menu and a chart's right-click (export) menu;
- the tooltips an owner hovers: a card's, a point of the trend's and the breakdown's shortened caption's;
- the data view, the rows behind a KPI and a search;
- the settings (language, a KPI with its target, business hours, currency, staffing);
- the export and About dialogs, Qt's own file dialog and message box, the message shown for a
  file that cannot be read (over the dashboard, the data and the start page), and the offer to
  restore the work of a session that crashed;
- the files issue 14 names: a file unlike any export in the import dialog, the PwC call log's times
  of day in its preview, and the dashboard (every card) on the daily ACD file, the PwC file, a ticket
  file whose creation column holds dates without times, a UK shop's pound amounts and tickets with
  neither a date nor a channel column (the shared datasets from ``--datasets``; skipped without them).

A menu or list that pops up is drawn into the window's picture where it opens. The laptops our
users have, and dark mode (``tools/render_laptops.sh`` runs them all under Xvfb)::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/render_screens.py OUT/1366 --size 1366x768
    xvfb-run -a -s "-screen 0 1280x720x24" python tools/render_screens.py OUT/1280 --size 1280x720
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" python tools/render_screens.py OUT/200 --size 1920x1080
    xvfb-run -a -s "-screen 0 1366x768x24" python tools/render_screens.py OUT/dark --size 1366x768 --dark
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))    # the tree this script is in, not an installed copy
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

DEMO_SUFFIXES = {".csv", ".xlsx"}
DARK = False             # --dark: the window in a dark palette (the charts follow it; exports stay white)
DEFAULT_TIMEOUT = 600.0
TIMEOUT = DEFAULT_TIMEOUT  # --timeout: seconds the demo may take to load and compute, each time it is loaded
UNREADABLE = b"PK\x03\x04 this is not a workbook \x00\xff\xfe" * 40     # a damaged .xlsx
# --datasets: the shared public files issue 14 names (where tests/conftest.py finds them)
DATASETS = Path(os.environ.get("KPIDESK_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "datasets"
NOT_AN_EXPORT = ("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n- ask Ana about the refund\n\n"
                 "Next meeting Monday.\n")
UK_SHOP = ("Order,Date,Customer,Amount (GBP)\n1,2024-01-03,C1,40.00\n2,2024-01-09,C2,12.50\n3,2024-02-11,C1,8.00\n"
           "4,2024-03-02,C3,25.00\n5,2024-03-20,C1,17.50\n")
NO_DATES = "Ticket ID,Status,Agent,Priority\n" + "".join(
    f"{100 + i},{('Open', 'Solved', 'Closed')[i % 3]},{('Ana', 'Luka', 'Maja')[i % 4 % 3]},{('low', 'high')[i % 2]}\n"
    for i in range(40))


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


class NotReady(RuntimeError):
    """The demo did not load and compute within the time allowed (or a file of it failed to load)."""


def _progress(state, count: int) -> str:
    runners = [name for name, runner in (("reading files", state.import_runner), ("computing KPIs", state.compute_runner),
                                         ("working out the charts", state.chart_runner),
                                         ("computing the cards' trend lines", state.sparkline_runner)) if runner.is_busy()]
    loaded = len(state.bundle.datasets)
    return f"{loaded} of {count} files loaded" + (f", still {', '.join(runners)}" if runners else "")


def is_ready(state, count: int) -> bool:
    """Every file loaded, the KPIs and charts computed, nothing left to do."""
    return (len(state.bundle.datasets) == count and not state.is_busy() and state.results is not None
            and not state._recompute_timer.isActive() and not state.chart_runner.is_busy()
            and not state.sparkline_runner.is_busy())


def wait_until_ready(app: QApplication, state, count: int, timeout: float, what: str = "the demo",
                     report_every: float = 15.0, log=sys.stderr) -> float:
    """Keep the window running until :func:`is_ready`; a line on ``log`` every ``report_every`` seconds
    (a loaded machine takes minutes, not seconds). Raises :class:`NotReady` saying how far it got when
    ``timeout`` passes, or at once when the reading is over with files missing (a file failed).
    Returns the seconds waited."""
    start = time.monotonic()
    told = start
    while not is_ready(state, count):
        app.processEvents()
        now = time.monotonic()
        if (len(state.bundle.datasets) < count and not state.is_busy() and not state._recompute_timer.isActive()
                and now - start > 2.0):
            raise NotReady(f"{what}: only {_progress(state, count)}; the others failed to load")
        if now - start > timeout:
            raise NotReady(f"{what} was not ready after {timeout:.0f} s ({_progress(state, count)}); "
                           f"on a busy machine give it longer: --timeout {int(timeout * 2)}")
        if now - told >= report_every:
            log.write(f"waiting for {what}: {_progress(state, count)} ({now - start:.0f} s)\n")
            log.flush()
            told = now
        time.sleep(0.02)
    return time.monotonic() - start


def _wait_idle(app: QApplication, window, count: int) -> None:
    wait_until_ready(app, window.state, count, TIMEOUT)
    _settle(app, 0.6)


def _save(widget: QWidget, path: Path, popups: tuple[QWidget, ...] = ()) -> Path:
    """``widget`` as it looks, with the ``popups`` (menus, lists) drawn where they open over it."""
    picture = widget.grab()
    if popups:
        painter = QPainter(picture)
        for popup in popups:
            painter.drawPixmap(widget.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0))), popup.grab())
        painter.end()
    picture.save(str(path))
    return path


def _shoot_modal(app: QApplication, path: Path, open_it: Callable[[], Any]) -> Path:
    """Call ``open_it``, which shows a modal box and waits for the answer; save the box once it is
    shown, then close it unanswered (as Escape does)."""
    shot: list[Path] = []

    def look(tries: int = 0) -> None:
        box = app.activeModalWidget()
        if box is None:
            if tries < 200:
                QTimer.singleShot(50, lambda: look(tries + 1))
            return
        QTimer.singleShot(400, lambda: (shot.append(_save(box, path)), box.reject()))

    QTimer.singleShot(50, look)
    open_it()
    if not shot:
        raise NotReady(f"no box was shown for {path.name}")
    return shot[0]


class Shots:
    """The screens of one window, in the order an owner meets them; each method adds its pictures."""

    def __init__(self, app: QApplication, window: Any, out: Path, demo: list[Path], scratch: Path) -> None:
        self.app, self.window, self.out, self.demo, self.scratch = app, window, out, demo, scratch
        self.written: list[Path] = []

    def save(self, name: str, widget: QWidget | None = None, popups: tuple[QWidget, ...] = ()) -> None:
        self.written.append(_save(widget or self.window, self.out / f"{name}.png", popups))

    def modal(self, name: str, open_it: Callable[[], Any]) -> None:
        self.written.append(_shoot_modal(self.app, self.out / f"{name}.png", open_it))

    def load(self, paths: list[Path]) -> None:
        self.window.state.clear()
        self.window.state.load_files(paths)
        _wait_idle(self.app, self.window, len(paths))

    def wait_quiet(self) -> None:
        """Until whatever a change started (a recompute, the charts, the trend lines) is done."""
        self.load_count(len(self.window.state.bundle.datasets))

    def load_count(self, count: int) -> None:
        _settle(self.app, 0.1)
        _wait_idle(self.app, self.window, count)

    # -- the screens ---------------------------------------------------------------------------------
    def start_and_import(self) -> None:
        from desktop_app.dialogs.import_dialog import ImportDialog
        from desktop_app.models.mapping_model import COL_SOURCE

        self.save("01_start_page")
        dialog = self._import_dialog(self.demo_file("tickets"))
        self.save("02_import_dialog", dialog)
        model = dialog.mapping_model
        row = next(r for r in range(model.rowCount()) if model.field_name(r) == "created_at")
        model.setData(model.index(row, COL_SOURCE), None)          # a required field left unmapped
        dialog.mapping_view.scrollTo(model.index(row, COL_SOURCE))
        _settle(self.app, 0.5)
        self.save("03_import_required_missing", dialog)
        self.modal("04_import_confirm_missing", dialog.accept)
        dialog.close()
        dialog.deleteLater()
        bad = self.unreadable_file()
        dialog = ImportDialog(bad, parent=self.window)
        dialog.show()
        dialog.wait_for_preview(int(TIMEOUT * 1000))
        _settle(self.app, 0.8)
        self.save("05_import_unreadable_file", dialog)
        dialog.close()
        dialog.deleteLater()

    def _import_dialog(self, path: Path) -> Any:
        from desktop_app.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(path, parent=self.window)      # at the size the window gives it
        dialog.show()
        if not dialog.wait_for_preview(int(TIMEOUT * 1000)):
            raise NotReady(f"the import dialog's preview was not read after {TIMEOUT:.0f} s")
        _settle(self.app, 0.8)
        return dialog

    def loading(self) -> None:
        """The window while the demo is read: on the start page, then the dashboard while it is computed."""
        state = self.window.state
        state.clear()
        state.load_files(self.demo)
        self._until(lambda: self.window.busy_bar.isVisible() and self.window.busy_bar.progress() > 0, 20)
        self.save("06_loading")
        self._until(lambda: len(state.bundle.datasets) > 0, TIMEOUT)
        _settle(self.app, 0.2)
        self.save("07_loading_dashboard")
        _wait_idle(self.app, self.window, len(self.demo))

    def _until(self, condition: Callable[[], bool], seconds: float) -> None:
        end = time.monotonic() + seconds
        while not condition() and time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def per_file(self) -> None:
        for i, path in enumerate(self.demo):
            self.load([path])
            self.window.workspace.show_dashboard()
            _settle(self.app, 0.5)
            self.save(f"10_dashboard_{i:02d}_{path.stem}")

    def dashboard(self) -> None:
        """All the demo: the dashboard, each chart tab, every card, and what the filter bar changes."""
        self.load(self.demo)
        ws = self.window.workspace
        self.save("20_dashboard_all")
        tabs, keys = ws.chart_area.tabs, ["selected", *ws.chart_area._extra]
        for t in range(1, tabs.count()):
            if tabs.isTabVisible(t):
                tabs.setCurrentIndex(t)
                _settle(self.app, 0.4)
                self.save(f"21_chart_{t}_{keys[t]}")
        tabs.setCurrentIndex(0)
        self.save("22_all_cards", ws.dashboard._content)
        ws.dashboard.show_all_box.setChecked(True)
        _settle(self.app, 0.5)
        self.save("23_show_all_kpis")
        self.save("23_show_all_kpis_cards", ws.dashboard._content)
        ws.dashboard.show_all_box.setChecked(False)
        state = self.window.state
        category = next(c for c in ("channel", "team", "queue", "priority") if c in state.available_filters()
                        and c != state.chart_category)
        state.set_chart_category(category)
        self.wait_quiet()
        self.save(f"24_breakdown_by_{category}")
        bar = ws.filter_bar
        bar.preset_combo.setCurrentIndex(bar.preset_combo.findData("this_month"))
        bar._on_preset_activated(bar.preset_combo.currentIndex())       # as when the owner picks it
        self.wait_quiet()
        self.save("25_latest_month")
        bar.preset_combo.showPopup()
        _settle(self.app, 0.4)
        self.save("25_date_presets_open", popups=(bar.preset_combo.view().window(),))
        bar.preset_combo.hidePopup()
        state.set_comparison("last_year")
        self.wait_quiet()
        self.save("25_compare_last_year")
        state.set_comparison("previous")
        state.clear_filters()
        self.wait_quiet()
        state.set_filters(replace(state.filters, granularity="week"))
        self.wait_quiet()
        self.save("26_trend_per_week")
        state.clear_filters()
        self.wait_quiet()
        self.filters()

    def filters(self) -> None:
        """"More filters" open (with its first list), then a filter applied and its list of values open."""
        bar = self.window.workspace.filter_bar
        first = next(a for a in bar.more_button.menu().actions() if a.menu() is not None)
        opened = self._open_more(first.menu())
        self.save("27_more_filters_open", popups=opened)
        for popup in reversed(opened):
            popup.hide()
        column = next(iter(bar.category_buttons))
        self.window.state.filter_by(column, self.window.state.available_filters()[column][0])
        self.wait_quiet()
        button = bar.category_buttons[column]
        if button.isVisible():
            values = button.menu()
            values.popup(button.mapToGlobal(QPoint(0, button.height())))
            _settle(self.app, 0.4)
            popups: tuple[QWidget, ...] = (values,)
        else:                                       # folded into "More filters" (a narrow window)
            popups = self._open_more(bar.category_menus[column])
        self.save("28_filter_applied", popups=popups)
        for popup in reversed(popups):
            popup.hide()
        self.window.state.clear_filters()
        self.wait_quiet()
        self.menus()

    def menus(self) -> None:
        """Each of the menu bar's menus open (File, View, Tools, Help), a chart's right-click (export) menu, the
        "Break down by" list open and the last day's calendar."""
        bar = self.window.menuBar()
        for number, action in enumerate(bar.actions(), start=1):
            menu = action.menu()
            menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
            _settle(self.app, 0.4)
            self.save("29_menu_file" if number == 1 else f"29_menu_{number}", popups=(menu,))
            menu.hide()
        chart = self.window.workspace.chart_area.trend
        export = chart.export_menu()
        export.popup(chart.mapToGlobal(chart.rect().center()))
        _settle(self.app, 0.4)
        self.save("29_chart_export_menu", popups=(export,))
        export.hide()
        export.deleteLater()
        combo = self.window.workspace.chart_area.category_combo
        combo.showPopup()
        _settle(self.app, 0.4)
        self.save("29_break_down_by_open", popups=(combo.view().window(),))
        combo.hidePopup()
        edit = self.window.workspace.filter_bar.to_edit           # its arrow opens the calendar
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(edit.width() - 6, edit.height() // 2))
        _settle(self.app, 0.4)
        calendar = edit.calendarWidget().window()
        self.save("29_calendar_open", popups=(calendar,))
        calendar.hide()

    def tooltips(self) -> None:
        """What an owner reads on hovering: a card's description, a point of the trend, and the breakdown's
        caption where a narrow breakdown shortens it (the splitter moved towards the breakdown, as an owner
        may). Each is shown by the widget itself, as Qt shows it under the mouse; the shot is the screen's."""
        if len(self.window.state.bundle.datasets) < len(self.demo):
            self.load(self.demo)
        ws = self.window.workspace
        ws.show_dashboard()
        _settle(self.app, 0.4)
        card = next(c for c in ws.dashboard.cards.values() if c.isVisible() and c.toolTip())
        value = card.value_label           # (over its sparkline, its title or its reason: their own tooltips)
        self._save_tooltip("70_tooltip_card", card, value.mapTo(card, value.rect().center()))
        chart = ws.chart_area.trend
        points = chart.data_points()
        if points:
            self._hover_point(chart, len(points) // 2)
            self._save_hovered("71_tooltip_trend_point")
        bars, split = ws.chart_area.bars, ws.chart_area.split
        sizes, axis = split.sizes(), bars.plot_item.getAxis("bottom")
        width = sizes[1]
        while not axis.toolTip() and width > 60:
            width -= 20
            split.setSizes([sum(sizes) - width, width])
            _settle(self.app, 0.2)
        if axis.toolTip():
            caption = bars.plot_widget.mapFromScene(axis.label.sceneBoundingRect().center())
            self._save_tooltip("72_tooltip_bar_caption", bars.plot_widget.viewport(), caption)
        else:
            sys.stderr.write("render_screens: the breakdown's caption stays whole; no tooltip to show\n")
        split.setSizes(sizes)
        _settle(self.app, 0.3)

    def _save_tooltip(self, name: str, widget: QWidget, point: QPoint) -> None:
        """The tooltip ``widget`` shows with the mouse resting at ``point`` (Qt's tooltip event, sent to the
        child there and passed up to whichever has a tooltip)."""
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QCursor, QHelpEvent

        target = widget.childAt(point) or widget
        QCursor.setPos(widget.mapToGlobal(point))
        _settle(self.app, 0.3)               # (the mouse's move first: leaving a widget hides a tooltip)
        QApplication.sendEvent(target, QHelpEvent(QEvent.Type.ToolTip, target.mapFrom(widget, point)
                                                  if target is not widget else point, widget.mapToGlobal(point)))
        self._save_hovered(name)

    def _hover_point(self, chart: Any, index: int) -> None:
        """The mouse over data point ``index`` of ``chart``: the chart's own hover shows its tooltip there."""
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QCursor

        x, y = chart.data_points()[index]
        scene = chart.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
        QCursor.setPos(chart.plot_widget.mapToGlobal(chart.plot_widget.mapFromScene(scene)))
        _settle(self.app, 0.3)               # (the mouse's move first: leaving a widget hides a tooltip)
        chart._on_scene_mouse_moved((scene,))

    def _save_hovered(self, name: str) -> None:
        """The screen with the tooltip shown: Qt keeps a tooltip on the screen, not inside the window (one under
        the bar caption opens below the window's bottom edge)."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QToolTip

        _settle(self.app, 0.5)
        tip = next((w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()), None)
        if tip is None:
            raise NotReady(f"no tooltip was shown for {name}")
        path = self.out / f"{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        self.written.append(path)
        QToolTip.hideText()
        _settle(self.app, 0.3)

    def _open_more(self, sub: Any) -> tuple[QWidget, ...]:
        """"More filters" open, with its list ``sub`` open beside it."""
        more = self.window.workspace.filter_bar.more_button
        menu = more.menu()
        menu.popup(more.mapToGlobal(QPoint(0, more.height())))
        _settle(self.app, 0.4)
        action = next(a for a in menu.actions() if a.menu() is sub)
        menu.setActiveAction(action)
        sub.popup(menu.mapToGlobal(menu.actionGeometry(action).topRight()))
        _settle(self.app, 0.4)
        return menu, sub

    def data_view(self) -> None:
        ws = self.window.workspace
        ws.show_data()
        _settle(self.app, 0.6)
        self.save("30_data_view")
        self.window.state.request_drilldown("first_response_time")
        _settle(self.app, 0.6)
        self.save("31_data_view_drilldown")
        ws.data_view.search_edit.setText("Novak")
        _settle(self.app, 1.0)
        # a big table is searched in a worker: the shot waits for its count ("960 of 4,043 rows") and the bar's
        # layout after it (taken at once, the count kept the width of "4,043 rows": "960 av 4 04", s12-shots-svqps)
        end = time.monotonic() + 20
        while ws.data_view._runner.is_busy() and time.monotonic() < end:
            _settle(self.app, 0.1)
        _settle(self.app, 0.5)
        self.save("32_data_view_search")
        ws.data_view.search_edit.clear()
        ws.show_dashboard()

    def settings(self) -> None:
        dialog = self.window.open_settings()
        dialog.show()
        _settle(self.app, 0.5)
        self.save("40_settings_language", dialog)
        for row, name in ((1, "42_settings_business_hours"), (2, "43_settings_currency")):
            dialog.list.setCurrentRow(row)
            _settle(self.app, 0.3)
            self.save(name, dialog)
        for metric, name in (("csat", "41_settings_kpi_target"), ("staffing", "44_settings_staffing")):
            dialog.select_metric(metric)
            _settle(self.app, 0.3)
            self.save(name, dialog)
        dialog.close()

    def dialogs(self) -> None:
        """The export and About dialogs, and Qt's own file dialog and message box (Qt's translations)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox, QScrollArea

        from desktop_app.file_dialogs import fit_columns, in_window_language

        from desktop_app.dialogs.about_dialog import AboutDialog

        export = self.window.export_dialog()
        for name, dialog in (("50_export_report", export), ("51_about", AboutDialog(self.window))):
            dialog.show()
            _settle(self.app, 0.4)
            self.save(name, dialog)
            scroll = dialog.findChild(QScrollArea) if dialog is export else None
            if scroll is not None and scroll.verticalScrollBar().maximum() > 0:     # its choices scroll
                scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
                _settle(self.app, 0.3)
                self.save("50_export_report_end", dialog)
            dialog.close()
        files = QFileDialog(self.window, "", str(self.out))
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        in_window_language(files)                # as the window's file dialogs do
        files.resize(900, 560)
        files.show()
        fit_columns(files)                       # as the window's file dialogs do
        _settle(self.app, 0.5)
        self.save("52_qt_file_dialog", files)
        files.close()
        box = QMessageBox(QMessageBox.Icon.Question, "KPI Desk", "?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setDetailedText("\u2026")
        box.show()
        _settle(self.app, 0.3)
        self.save("53_qt_message_box", box)
        box.close()

    def errors_and_restore(self) -> None:
        """The message for a file that cannot be read, and the offer to restore a crashed session's work."""
        from desktop_app.autosave import autosave_dir, offer_restore
        from desktop_app.project import PROJECT_SUFFIX, save_project

        state = self.window.state
        count = len(state.bundle.datasets)
        state.load_files([self.unreadable_file()])
        self._until(lambda: not state.is_busy() and self.window.message_bar.isVisible(), TIMEOUT)
        self.load_count(count)
        self.save("54_error_unreadable_file")
        ws = self.window.workspace          # the strip stays until closed: over the data and the start page too
        ws.show_data()
        ws.data_view.table.scrollToBottom()
        _settle(self.app, 0.6)
        self.save("54_error_over_data_view")
        self.window._on_start_triggered()
        _settle(self.app, 0.6)
        self.save("54_error_over_start_page")
        self.window._on_dashboard_triggered()
        _settle(self.app, 0.3)
        self.window.message_bar.clear()
        autosave_dir().mkdir(parents=True, exist_ok=True)
        save_project(autosave_dir() / f"crashed{PROJECT_SUFFIX}", self.window.autosave_project())
        self.modal("55_restore_after_crash", lambda: offer_restore(self.window))

    def issue_files(self) -> None:
        """The files issue 14 names, as an owner meets them (see the module's docstring)."""
        from desktop_app.jobs import LoadRequest

        self._import_shot("60_import_not_an_export", self._scratch_file("notes.md", NOT_AN_EXPORT))
        self._dashboard_of("65_issue_pounds", [LoadRequest(self._scratch_file("uk shop.csv", UK_SHOP))],
                           "clv_historical")
        undated = self._scratch_file("tickets without dates.csv", NO_DATES)
        self._dashboard_of("66_issue_no_dates_no_channel", [LoadRequest(undated)], "volume_by_channel")
        if not DATASETS.is_dir():
            sys.stderr.write(f"render_screens: no shared datasets at {DATASETS}; their screens are left out\n")
            return
        pwc = DATASETS / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx"
        self._import_shot("61_import_clock_times_pwc", pwc)
        self._dashboard_of("62_issue_acd_daily", [LoadRequest(DATASETS / "calls_acd_daily" / "Call Center Data.csv")],
                           "staffing", cards=True)
        self._dashboard_of("63_issue_pwc", [LoadRequest(pwc)], "staffing", cards=True)
        self._dashboard_of("64_issue_date_only_tickets", [self._date_only_tickets()], "first_response_time",
                           cards=True)

    def _import_shot(self, name: str, path: Path) -> None:
        dialog = self._import_dialog(path)
        self.save(name, dialog)
        dialog.close()
        dialog.deleteLater()

    def _dashboard_of(self, name: str, requests: list[Any], metric: str, cards: bool = False) -> None:
        """The dashboard of ``requests`` with every KPI shown and ``metric`` selected (its charts below)."""
        state, ws = self.window.state, self.window.workspace
        state.clear()
        state.load_requests(requests)
        _wait_idle(self.app, self.window, len(requests))
        ws.show_dashboard()
        ws.dashboard.show_all_box.setChecked(True)
        state.select_metric(metric)
        self.wait_quiet()
        state.select_metric(metric)         # again, now that every card is laid out: its card scrolled into view
        _settle(self.app, 0.3)
        self.save(name)
        if cards:
            self.save(f"{name}_cards", ws.dashboard._content)
        ws.dashboard.show_all_box.setChecked(False)

    def _date_only_tickets(self) -> Any:
        """The Kaggle ticket file with its creation column mapped to "Date of Purchase" (dates without times)."""
        from dataclasses import replace as replaced

        from desktop_app.jobs import LoadRequest
        from metrics_core.loading import load_dataset
        from metrics_core.mapping.model import FieldMapping

        path = DATASETS / "tickets_kaggle_support" / "customer_support_tickets.csv"
        detected = load_dataset(path).mapping
        fields = {**detected.fields, "created_at": FieldMapping("created_at", ["Date of Purchase"], 1.0, "user",
                                                                "chosen by the owner")}
        return LoadRequest(path, mapping=replaced(detected, fields=fields))

    def _scratch_file(self, name: str, text: str) -> Path:
        path = self.scratch / name
        path.write_text(text, encoding="utf-8")
        return path

    def demo_file(self, stem: str) -> Path:
        return next((p for p in self.demo if p.stem == stem), self.demo[0])

    def unreadable_file(self) -> Path:
        path = self.scratch / "damaged export.xlsx"
        path.write_bytes(UNREADABLE)
        return path


STEPS = ("start_and_import", "loading", "per_file", "dashboard", "tooltips", "data_view", "settings", "dialogs",
         "errors_and_restore", "issue_files")      # the methods of Shots, in the order an owner meets them


def render(out: Path, width: int, height: int, lang: str = "en", demo: list[Path] | None = None,
           steps: str = "") -> list[Path]:
    """Every screen, in ``out``; ``demo``: the demo files to use (default: all of them); ``steps``: only these
    steps (names from :data:`STEPS`, separated by commas; default: all)."""
    chosen = [s.strip() for s in steps.split(",") if s.strip()] or list(STEPS)
    unknown = sorted(set(chosen) - set(STEPS))
    if unknown:
        raise SystemExit(f"render_screens: no step named {unknown}; the steps are {', '.join(STEPS)}")
    from desktop_app.__main__ import create_app
    from desktop_app.i18n import apply_language
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from metrics_core.write_journal import STATE_ENV

    scratch = Path(tempfile.mkdtemp(prefix="kpidesk-screens-"))
    os.environ[STATE_ENV] = str(scratch / "state")             # autosaves of this run stay out of the owner's
    # Qt's own dialogs keep their state in QtProject.conf in the user's config folder (a file dialog's view,
    # its last folders), read when one opens and written when it closes: each render has its own folder,
    # empty, set before Qt reads where it is (a file dialog was once drawn in icon view from another run's)
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    app = create_app([sys.argv[0]])
    apply_language(lang)
    if DARK:
        _use_dark_palette(app)
    out.mkdir(parents=True, exist_ok=True)
    (out / "render-settings.ini").unlink(missing_ok=True)       # every run starts from the same layout
    settings = AppSettings(out / "render-settings.ini")
    settings.clear_recent()
    demo = demo or demo_files()
    for p in demo[:4]:
        settings.add_recent_file(p)
    window = MainWindow(settings)
    window.resize(width, height)
    window.show()
    _settle(app)
    shots = Shots(app, window, out, demo, scratch)
    try:
        for name in STEPS:
            if name in chosen:
                getattr(shots, name)()
    finally:
        window.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return shots.written


def demo_files(stems: str = "") -> list[Path]:
    """The demo's files (those named in ``stems``, separated by commas, when given), in name order."""
    from metrics_core.resources import demo_dir

    files = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in DEMO_SUFFIXES)
    wanted = {s.strip() for s in stems.split(",") if s.strip()}
    chosen = [p for p in files if p.stem in wanted] if wanted else files
    if wanted and len(chosen) != len(wanted):
        raise SystemExit(f"render_screens: no demo file named {sorted(wanted - {p.stem for p in chosen})}")
    return chosen


def _use_dark_palette(app: QApplication) -> None:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()                    # (on the app's own style: plain Fusion lost its check-box frames)
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#2a2b2e"), (QPalette.ColorRole.AlternateBase, "#303134"),
                         (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"), (QPalette.ColorRole.Highlight, "#56B4E9"),
                         (QPalette.ColorRole.HighlightedText, "#000000"), (QPalette.ColorRole.Mid, "#5f6368"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa0a6"), (QPalette.ColorRole.ToolTipBase, "#303134"),
                         (QPalette.ColorRole.ToolTipText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8388"))    # greyed, as a dark theme has
    app.setPalette(palette)


def main(argv: list[str] | None = None) -> int:
    global DARK, TIMEOUT, DATASETS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--lang", default="en", help="en, sl, ro, sv, sr, sr-Latn, or qps (pseudo-language)")
    parser.add_argument("--dark", action="store_true", help="a dark window palette")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds the demo may take to load and compute (default %(default)s)")
    parser.add_argument("--steps", default="", help=f"only these steps, separated by commas: {', '.join(STEPS)}")
    parser.add_argument("--datasets", type=Path, default=DATASETS,
                        help="the shared public datasets issue 14 names (default %(default)s)")
    parser.add_argument("--demo-files", default="",
                        help="only these demo files, by name without suffix (tickets,calls): a quicker run")
    args = parser.parse_args(argv)
    DARK, TIMEOUT, DATASETS = args.dark, args.timeout, args.datasets
    width, height = (int(v) for v in args.size.lower().split("x"))
    try:
        for path in render(args.out, width, height, args.lang, demo_files(args.demo_files), args.steps):
            sys.stdout.write(f"{path}\n")
    except NotReady as exc:
        sys.stderr.write(f"render_screens: {exc}. The screenshots written so far are in {args.out}.\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

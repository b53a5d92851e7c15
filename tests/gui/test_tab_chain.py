"""The keyboard audit: Tab walks every control of the main window (dashboard and data pages) and of each
dialog, in reading order where it matters, every control it reaches shows that it has the focus (its
picture changes), and every control without words has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QTabWidget, QWidget

import pyqtgraph as pg

from .conftest import TICKETS_CSV
from .helpers import described, loaded_window, unnamed_controls


def _internal(widget: QWidget) -> bool:
    """Parts of a control that take the focus on its behalf (a spin box's editor, a view's viewport, a tab
    widget whose tab bar is the stop), or Qt's own (``qt_`` names)."""
    parent = widget.parentWidget()
    return (widget.objectName().startswith("qt_") or isinstance(widget, QTabWidget)
            or widget.focusProxy() is not None
            or isinstance(parent, (QAbstractSpinBox, QComboBox))
            or (isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget))


def focusable_controls(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(top) and w.isEnabled() and not _internal(w)]


def walk_tab_chain(qtbot, top: QWidget, start: QWidget, limit: int = 300) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back; the widgets that had it, in order. Each is
    checked for a visible focus on the way: its picture with the focus differs from its picture after."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=3000)
    qtbot.keyClick(start, Qt.Key.Key_Tab)              # as a person arrives: by keyboard (styles draw the focus
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)     # frame once the keyboard moved it)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=3000)
    seen: list[QWidget] = []
    unseen_focus: list[str] = []
    for _ in range(limit):
        widget = QApplication.focusWidget()
        assert widget is not None and top.isAncestorOf(widget), "the focus left the window"
        if seen and widget is seen[0]:
            break
        focused = widget.grab().toImage()
        if widget not in seen:
            seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not widget and widget.grab().toImage() == focused:
            unseen_focus.append(described(widget))
    else:
        raise AssertionError("Tab never came back to where it started")
    assert not unseen_focus, f"focus not visible on: {unseen_focus}"
    return seen


def _audit(qtbot, top: QWidget, start: QWidget) -> list[QWidget]:
    chain = walk_tab_chain(qtbot, top, start)
    every = focusable_controls(top)
    missed = [described(w) for w in every if w not in chain]
    assert not missed, f"Tab never reaches: {missed}"
    assert not unnamed_controls(chain), unnamed_controls(chain)
    return chain


def test_tab_reaches_every_control_of_the_window_in_reading_order(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    state, ws = window.state, window.workspace
    qtbot.waitUntil(lambda: not state.chart_runner.is_busy() and not ws.chart_area.trend.is_loading(), timeout=30000)
    chain = _audit(qtbot, window, ws.sidebar.list)
    bar = ws.filter_bar
    charts = [w for w in chain if isinstance(w, pg.PlotWidget)]
    assert charts, "no chart takes the focus"               # (its context-menu key opens the export menu)
    more = [bar.more_button] if bar.more_button.isVisible() else []    # (hidden while every filter is on the row)
    order = [bar.preset_combo, bar.granularity_combo, bar.compare_combo, *bar.category_buttons.values(), *more,
             bar.clear_button,
             ws.dashboard.cards["csat"], ws.chart_area.category_combo, charts[0]]
    positions = [chain.index(w) for w in order]
    assert positions == sorted(positions), [described(w) for w in order]      # the filters as they read, then cards
    ws.show_data()
    _audit(qtbot, window, ws.sidebar.list)


def test_tab_reaches_every_control_of_each_dialog(qtbot, tmp_path) -> None:
    from desktop_app.dialogs.about_dialog import AboutDialog
    from desktop_app.dialogs.export_report_dialog import ExportReportDialog
    from tests.core.export.sample import make_report
    from desktop_app.dialogs.import_dialog import ImportDialog
    from desktop_app.dialogs.settings_dialog import SettingsDialog

    path = tmp_path / "zahtevki.csv"
    path.write_bytes(TICKETS_CSV.encode("cp1250"))
    for dialog in (SettingsDialog({}, {}), ImportDialog(str(path)), AboutDialog(),
                   ExportReportDialog(make_report(), tmp_path)):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        if isinstance(dialog, ImportDialog):              # the file read: its options and preview are shown
            qtbot.waitUntil(lambda: dialog.preview_model.rowCount() > 0 and not dialog.sheet_combo.isEnabled(),
                            timeout=30000)
        start = focusable_controls(dialog)[0]
        _audit(qtbot, dialog, start)
        dialog.close()

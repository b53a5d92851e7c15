"""Opens the demo in the main window on a screen of a given size and scale; prints what fits as JSON.

Run by ``test_layout_fit.py`` in a child process (one screen per process):
``QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json [QT_SCALE_FACTOR=2] python layout_probe.py SETTINGS.ini [LANG]``.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QScrollArea, QWidget

READY_WITHIN = 600          # seconds: three probes load the demo side by side on a shared machine


def _inside(widget: QWidget, window: QWidget) -> bool:
    """``widget`` is shown and wholly inside the window's client area."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def _other_dialogs(window) -> dict:
    """The dialogs an owner opens besides the report builder, made as the window makes them."""
    from desktop_app.dialogs.about_dialog import AboutDialog
    from desktop_app.dialogs.import_dialog import ImportDialog
    from metrics_core.resources import demo_dir

    return {"import": lambda: ImportDialog(demo_dir() / "tickets.csv", parent=window),
            "settings": window.open_settings, "about": lambda: AboutDialog(window)}


def _dialog_fit(app: QApplication, dialog: QDialog) -> dict:
    """Where ``dialog`` opens on this screen, whether its buttons are inside it, and which of its scrolled
    pages scroll sideways (a form wider than its pane)."""
    dialog.show()
    for _ in range(300):                    # the import dialog reads its file off the GUI thread
        app.processEvents()
        time.sleep(0.01)
        if getattr(dialog, "table", True) is not None:
            break
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    frame = dialog.frameGeometry()
    buttons = [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons() if not b.isHidden()]
    sideways = [area.objectName() or type(area.widget()).__name__ for area in dialog.findChildren(QScrollArea)
                if area.isVisible() and area.horizontalScrollBar().maximum() > 0]
    found = {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
             "buttons_inside": bool(buttons) and all(_inside(b, dialog) for b in buttons), "sideways": sideways}
    dialog.close()
    dialog.deleteLater()
    return found


def card_rows_visible(dashboard) -> int:
    """How many rows of cards are wholly visible in the dashboard's scroll area without scrolling."""
    viewport = dashboard._scroll.viewport()
    tops = set()
    for card in dashboard.cards.values():
        if card.isHidden():
            continue
        top_left = card.mapTo(viewport, QPoint(0, 0))
        if viewport.rect().contains(QRect(top_left, card.size())):
            tops.add(top_left.y())
    return len(tops)


def flow_rows(layout) -> int:
    """How many lines a flow layout's shown widgets take."""
    items = [layout.itemAt(i) for i in range(layout.count())]
    return len({item.geometry().y() for item in items if item.widget() is not None and not item.widget().isHidden()})


def texts_cut(bar: QWidget) -> list[str]:
    """The filter bar's controls whose words are not shown whole: a box's choice or a date wider than its field,
    a button narrower than its words."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QPushButton, QStyle, QStyleOptionComboBox

    cut = []
    for widget in bar.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QComboBox):
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            field = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                  QStyle.SubControl.SC_ComboBoxEditField, widget).width()
            needed = widget.fontMetrics().horizontalAdvance(widget.currentText())
        elif isinstance(widget, QAbstractSpinBox):
            field, needed = widget.lineEdit().width(), widget.fontMetrics().horizontalAdvance(widget.text()) + 4
        elif isinstance(widget, QPushButton):
            field, needed = widget.width(), widget.minimumSizeHint().width()
        else:
            continue
        if needed > field:
            cut.append(f"{type(widget).__name__} {widget.accessibleName() or widget.text()!r}: {needed} > {field} px")
    return cut


def probe_results(running: dict) -> dict:
    """What each probe started in a child process (``running``: key -> Popen) printed last, by key."""
    out = {}
    for key, process in running.items():
        stdout, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, stderr[-2000:]
        out[key] = json.loads(stdout.strip().splitlines()[-1])
    return out


def main(settings_path: str, lang: str = "en") -> int:
    from desktop_app.__main__ import create_app
    from desktop_app.i18n import apply_language
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from desktop_app.window_size import screen_of
    from tests.gui.chart_texts import readability_problems
    from metrics_core.i18n import _ as translate
    from metrics_core.resources import demo_dir

    app: QApplication = create_app([sys.argv[0]])
    apply_language(lang)
    settings = AppSettings(settings_path)
    big = MainWindow(settings)              # a window saved on a 2746 px wide monitor
    big.setMaximumSize(20000, 20000)
    big.setGeometry(300, 200, 2746, 1500)
    settings.save_window(big.saveGeometry(), big.saveState())
    big.deleteLater()
    window = MainWindow(settings)
    window.show()
    restored = window.geometry()
    demo = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in {".csv", ".xlsx"})
    window.state.load_files(demo)
    state = window.state
    end = time.monotonic() + READY_WITHIN
    while not (len(state.bundle.datasets) == len(demo) and not state.is_busy() and state.results is not None
               and not state._recompute_timer.isActive() and not state.chart_runner.is_busy()):
        if time.monotonic() > end:      # (a loaded machine took over 120 s: the probe went on with half a window)
            sys.stderr.write(f"the demo was not loaded and computed after {READY_WITHIN} s\n")
            return 3
        app.processEvents()
        time.sleep(0.02)
    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)
    ws = window.workspace
    bar = ws.filter_bar
    controls = {"clear_filters": bar.clear_button, "more_filters": bar.more_button, "show_all": ws.dashboard.show_all_box,
                "granularity": bar.granularity_combo, "to_date": bar.to_edit, "remove_file": ws.sidebar.remove_button,
                "break_down_by": ws.chart_area.category_combo}
    area = screen_of(window).availableGeometry()
    out = {
        "available": [area.width(), area.height()],
        "restored": [restored.x(), restored.y(), restored.width(), restored.height()],
        "window": [window.x(), window.y(), window.width(), window.height()],
        "controls_inside": {name: _inside(w, window) for name, w in controls.items()},
        "card_rows": card_rows_visible(ws.dashboard),
        "sidebar_scrolls": ws.sidebar.list.verticalScrollBar().maximum() > 0,
        "chart_height": ws.chart_area.trend.height(),
        "filter_rows": flow_rows(bar._flow),
        "filters_on_row": [column for column, button in bar.category_buttons.items() if button.isVisible()],
        "filters_folded": [column for column, button in bar.category_buttons.items() if not button.isVisible()],
        "filter_texts_cut": texts_cut(bar),
        "chart_problems": {name: readability_problems(chart.plot_widget)         # month names whole, none over
                           for name, chart in (("trend", ws.chart_area.trend), ("breakdown", ws.chart_area.bars))},
    }
    # a file that cannot be read: the message strip in its row under the work area
    window.message_bar.show_message(translate("'{name}' is damaged and cannot be opened (this happens after an interrupted "
                                              "download or copy). Download or copy it again, or open it in Excel and "
                                              "save a copy.", name="damaged export.xlsx"), "error")
    for _i in range(30):
        app.processEvents()
        time.sleep(0.01)
    out["card_rows_with_message"] = card_rows_visible(ws.dashboard)
    out["chart_height_with_message"] = ws.chart_area.trend.height()
    window.message_bar.clear()
    dialog = window.export_dialog()         # the report builder: the tallest dialog
    dialog.show()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    frame = dialog.frameGeometry()
    out["export_dialog"] = [frame.x(), frame.y(), frame.width(), frame.height()]
    out["export_buttons_inside"] = all(_inside(b, dialog) for b in dialog.buttons.buttons())
    dialog.close()
    out["dialogs"] = {name: _dialog_fit(app, make()) for name, make in _other_dialogs(window).items()}
    sys.stdout.write(json.dumps(out) + "\n")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

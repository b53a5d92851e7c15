"""Keyboard and screen readers, over every screen: each control Tab can reach has a name a screen reader can
say — its own words (a button's, a check box's), else an accessible name. Strict: a combo box's choice, a text
field's text ("/home/ana/Documents") and a spin box's value ("1920 px") are not names. Walked: the main window's
dashboard and data pages, every page of the settings (each KPI's), the import dialog, the report dialog with its
builder (also Tab-walked: every control reached, its focus visible), the plain export dialog and About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .conftest import TICKETS_CSV
from .helpers import described, loaded_window, unnamed_controls
from .test_tab_chain import focusable_controls, walk_tab_chain


def _reachable(top: QWidget) -> list[QWidget]:
    return focusable_controls(top)


def test_every_control_of_the_window_and_its_dialogs_has_a_name(qtbot, settings, tmp_path) -> None:
    from desktop_app.dialogs.about_dialog import AboutDialog
    from desktop_app.dialogs.export_report_dialog import ExportReportDialog
    from desktop_app.dialogs.import_dialog import ImportDialog
    from tests.core.export.sample import make_report

    window = loaded_window(qtbot, settings)
    unnamed = {"dashboard": unnamed_controls(_reachable(window))}
    window.workspace.show_data()
    qtbot.wait(50)
    unnamed["data page"] = unnamed_controls(_reachable(window))
    window.workspace.show_dashboard()
    dialog = window.open_settings()           # (the window's child: closed with it, not by qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    for row in range(dialog.list.count()):                 # every page: language, hours, currency, each KPI
        item = dialog.list.item(row)
        if not item.flags() & Qt.ItemFlag.ItemIsSelectable:
            continue                                       # (a family's heading)
        dialog.list.setCurrentRow(row)
        unnamed[f"settings: {item.text().strip()}"] = unnamed_controls(_reachable(dialog))
    dialog.close()
    path = tmp_path / "zahtevki.csv"
    path.write_bytes(TICKETS_CSV.encode("cp1250"))
    importing = ImportDialog(path)
    qtbot.addWidget(importing)
    importing.show()
    qtbot.waitUntil(lambda: importing.preview_model.rowCount() > 0, timeout=30000)
    others = {"import": importing, "report with its builder": window.export_dialog(),
              "export": ExportReportDialog(make_report(), tmp_path), "about": AboutDialog()}
    for name, other in others.items():
        if other.parent() is None:              # (the report dialog is the window's child: closed with it)
            qtbot.addWidget(other)
        other.show()
        qtbot.waitExposed(other)
        unnamed[name] = unnamed_controls(_reachable(other))
        other.close()
    assert {screen: names for screen, names in unnamed.items() if names} == {}


def test_tab_reaches_every_control_of_the_report_builder_with_a_visible_focus(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    dialog = window.export_dialog()           # (the window's child: closed with it, not by qtbot)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    chain = walk_tab_chain(qtbot, dialog, dialog.builder.title_edit)        # (checks each focus is visible)
    missed = [described(w) for w in focusable_controls(dialog) if w not in chain]
    dialog.close()
    assert not missed, f"Tab never reaches: {missed}"

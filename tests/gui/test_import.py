"""Import dialog: live preview with overrides, kind, mapping edits; loading through AppState."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from desktop_app.dialogs.import_dialog import ImportDialog
from desktop_app.models.mapping_model import COL_SOURCE, NOT_MAPPED
from metrics_core.catalogue import kind as kind_spec
from metrics_core.loading import load_dataset


def _wait_preview(qtbot, dialog: ImportDialog, action=None) -> None:
    with qtbot.waitSignal(dialog._runner.finished, timeout=15000):
        if action is not None:
            action()


def test_preview_overrides_and_mapping(qtbot, csv_file: Path) -> None:
    dialog = ImportDialog(csv_file)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=15000)
    frame = dialog.preview_model.frame()
    assert list(frame.columns)[:3] == ["Ticket", "Ustvarjeno", "Agent"]
    assert dialog.preview_model.rowCount() == 4
    assert dialog.kind_combo.currentData() == "tickets"
    assert "cp1250" in dialog.encoding_combo.itemText(0)
    assert "cp1250" not in dialog.notes_label.text()         # named in its box; no note unless there is doubt
    assert dialog.preview_model.data(dialog.preview_model.index(0, 1)) == "2024-01-03 10:15:00"   # day first
    # forcing month-first changes how the dates read
    i = dialog.date_order_combo.findData(False)
    dialog.date_order_combo.setCurrentIndex(i)
    _wait_preview(qtbot, dialog, lambda: dialog.refresh_preview())
    assert dialog.options.dayfirst is False
    assert dialog.date_order_combo.currentData() is False
    # forcing the wrong delimiter: the reason shows inline and Import is disabled until it is fixed
    dialog.date_order_combo.setCurrentIndex(0)
    dialog.delimiter_combo.setCurrentIndex(dialog.delimiter_combo.findData(","))
    _wait_preview(qtbot, dialog, lambda: dialog.refresh_preview())
    assert dialog.preview_model.columnCount() <= 1
    if dialog.error_label.text():
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.delimiter_combo.setCurrentIndex(0)
    _wait_preview(qtbot, dialog, lambda: dialog.refresh_preview())
    assert dialog.preview_model.columnCount() == 6
    # map the team and unmap the agent in the editor
    model = dialog.mapping_model
    rows = {model.field_name(r): r for r in range(model.rowCount())}
    assert model.data(model.index(rows["agent"], COL_SOURCE)) == "Agent"
    assert model.setData(model.index(rows["team"], COL_SOURCE), "Skupina")
    assert model.setData(model.index(rows["agent"], COL_SOURCE), NOT_MAPPED)
    request = dialog.request()
    assert request.kind == "tickets" and request.mapping.fields["team"].columns == ["Skupina"]
    ds = load_dataset(request.path, request.options, request.mapping, request.kind)
    assert "team" in ds.frame.columns and ds.frame["team"].tolist() == ["A", "B", "A", "B"]
    assert "agent" not in ds.frame.columns
    assert ds.frame["csat_score"].tolist() == [5.0, 3.0, 4.0, 2.5]


def test_changing_the_kind_redetects(qtbot, csv_file: Path) -> None:
    dialog = ImportDialog(csv_file)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=15000)
    i = dialog.kind_combo.findData("surveys")
    dialog.kind_combo.setCurrentIndex(i)
    _wait_preview(qtbot, dialog, lambda: dialog.kind_combo.activated.emit(i))
    assert dialog.mapping.kind == "surveys"
    assert dialog.mapping_model.rowCount() == len(kind_spec("surveys").fields)
    assert dialog.request().kind == "surveys"


def test_unreadable_file_shows_the_reason_inline(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    dialog = ImportDialog(bad)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=15000)
    assert "empty" in dialog.error_label.text().lower()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_state_loads_files_off_the_gui_thread(qtbot, state, csv_file: Path) -> None:
    from .conftest import wait_results

    busy = []
    state.busy_changed.connect(lambda b, t: busy.append(b))
    results = wait_results(qtbot, state, lambda: state.load_files([csv_file]))
    assert state.dataset_names() == ["zahtevki"]
    assert busy[0] is True and busy[-1] is False
    assert results.results["request_volume"].value == 4
    assert state.available_filters()["agent"] == ["Ana", "Bo", "Eva"]
    lo, hi = state.data_range()
    assert lo == pd.Timestamp("2024-01-03 10:15") and hi == pd.Timestamp("2024-02-16 14:45")


def test_bad_file_reaches_the_message_signal(qtbot, state, tmp_path: Path) -> None:
    bad = tmp_path / "binary.csv"
    bad.write_bytes(bytes(range(256)) * 20)
    with qtbot.waitSignal(state.error_raised, timeout=15000) as blocker:
        state.load_files([bad])
    assert "binary.csv" in blocker.args[0]
    assert state.dataset_names() == []


def test_workbook_sheet_picker(qtbot) -> None:
    from metrics_core.resources import demo_dir

    dialog = ImportDialog(demo_dir() / "quality_reviews.xlsx")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=15000)
    sheets = [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())]
    assert "QA reviews" in sheets and dialog.sheet_combo.isEnabled()
    assert dialog.kind_combo.currentData() == "reviews"
    assert dialog.request().options.sheet == dialog.sheet_combo.currentData()

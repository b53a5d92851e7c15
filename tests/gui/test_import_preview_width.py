"""The import preview gives its last column the room left (shots11 60_import_not_an_export: a Markdown file's
only column was ~100 px wide, its lines cut, beside ~640 px of empty preview)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from .test_import_guides import _opened

NOTES = ("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n- ask Ana about the refund\n\n"
         "Next meeting Monday.\n")


def test_a_one_column_files_preview_shows_its_lines_whole(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    dialog = _opened(qtbot, path)
    view = dialog.preview_view
    qtbot.wait(50)
    assert dialog.preview_model.columnCount() == 1
    room = view.viewport().width()
    assert view.columnWidth(0) >= room - 2, (view.columnWidth(0), room)
    metrics = view.fontMetrics()
    longest = max(metrics.horizontalAdvance(str(dialog.preview_model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)))
                  for r in range(dialog.preview_model.rowCount()))
    assert view.columnWidth(0) > longest + 8


def test_a_wide_files_columns_keep_their_widths(qtbot, tmp_path: Path) -> None:
    """Many columns: each keeps its own width (the last is not squeezed nor widened past the view)."""
    path = tmp_path / "wide.csv"
    header = ",".join(f"Column {i}" for i in range(20))
    path.write_text(header + "\n" + ",".join(str(i) for i in range(20)) + "\n", encoding="utf-8")
    dialog = _opened(qtbot, path)
    view = dialog.preview_view
    qtbot.wait(50)
    widths = [view.columnWidth(c) for c in range(dialog.preview_model.columnCount())]
    assert sum(widths) > view.viewport().width() and max(widths) < view.viewport().width() // 2, widths


def test_an_unreadable_files_empty_mapping_table_shows_its_headers_whole(qtbot, tmp_path: Path) -> None:
    """shots11 1366x768/sl/05_import_unreadable_file: the last header "Ni bilo mogoče prebrati" was cut on both
    sides (the columns were fitted only after a file was read)."""
    from desktop_app.i18n import apply_language
    from desktop_app.dialogs.import_dialog import ImportDialog

    apply_language("sl")
    path = tmp_path / "damaged export.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=20000)
    view = dialog.mapping_view
    header = view.horizontalHeader()
    cut = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
           if header.sectionSize(c) < header.sectionSizeFromContents(c).width()]
    assert cut == []

"""A sheet reaching far to the right with few filled columns: its empty columns are left out before any column
becomes a Series (``table_finder.columns_to_read``), and everything read stays what the whole width gave.

Fuzz file 5971 (a 5 KB workbook with one cell at column 15,398) took 8.3 s of CPU on a loaded machine, one pandas
Series after another for 15,395 columns with nothing in them; the hostile corpus allows 10 s.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np
import pandas as pd
import pytest
import xlsxwriter

from metrics_core.errors import LimitExceededError
from metrics_core.ingest import excel_reader
from metrics_core.ingest.model import ReadOptions
from metrics_core.progress import Reporter
from metrics_core.ingest.table_finder import RawTable

FAR = 15_999                     # 0-based: column 16,000 (WLS)


def _book(path, cells: dict, sheets: int = 1):
    """A workbook whose first sheet holds ``cells`` ({(row, column): value}); ``sheets=2`` adds a small second
    sheet, so the sheet is loaded whole rather than streamed."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for (row, column), value in cells.items():
        if isinstance(value, dt.datetime):
            sheet.write_datetime(row, column, value, stamp)
        else:
            sheet.write(row, column, value)
    if sheets == 2:
        book.add_worksheet("Tiny").write(0, 0, "x")
    book.close()
    return path


def _tickets(rows: int = 20, top: int = 0, header: bool = True) -> dict:
    """Ticket id, minutes and creation time in A-C, a header row at ``top`` (or none)."""
    cells = {(top, c): name for c, name in enumerate(["Ticket ID", "Minutes", "Created"])} if header else {}
    for r in range(rows):
        row = top + header + r
        cells[(row, 0)], cells[(row, 1)] = f"T-{r}", r * 1.5
        cells[(row, 2)] = dt.datetime(2024, 3, 1, 9) + dt.timedelta(hours=r)
    return cells


def _read(path, options: ReadOptions | None = None, max_rows: int | None = None) -> RawTable:
    return excel_reader.read_workbook(path, options or ReadOptions(), Reporter(), max_rows).table


def _same_tables(a: RawTable, b: RawTable) -> None:
    for frame_a, frame_b in ((a.values, b.values), (a.raw, b.raw)):
        pd.testing.assert_frame_equal(frame_a, frame_b, check_exact=True)
        for i in range(frame_a.shape[1]):      # (equal values may be of other types: 1 == 1.0 == True)
            assert list(map(type, frame_a.iloc[:, i])) == list(map(type, frame_b.iloc[:, i]))
    assert (a.headers, a.row_numbers.tolist(), a.header_rows, a.notes) == (
        b.headers, b.row_numbers.tolist(), b.header_rows, b.notes)


def test_a_sheet_of_16000_columns_with_3_filled_reads_in_the_time_of_its_filled_cells(tmp_path) -> None:
    """Before: 4-9 s of CPU (every empty column a Series, its text, its share of the table's frames); now a
    fraction of a second.  The table is the narrow sheet's, the far column named by its own position."""
    cells = _tickets()
    cells.update({(row, FAR): row * 7 for row in range(3, 12)})    # numbers without a header: kept
    cells[(0, 9_000)] = "   "                   # a header of blanks, nothing below: dropped
    wide = _book(tmp_path / "wide.xlsx", cells)
    _read(wide)                                 # (the reader's modules are imported and warm)
    cpu = time.process_time()
    table = _read(wide)
    assert time.process_time() - cpu < 2.0
    narrow_cells = {(row, 3 if column == FAR else column): value for (row, column), value in cells.items()
                    if column != 9_000}
    narrow = _read(_book(tmp_path / "narrow.xlsx", narrow_cells))
    assert table.notes == ["15,996 empty columns without a header were dropped",
                           "1 column without a header was named by position: Column 16000"]
    assert list(table.values.columns) == list(table.raw.columns) == ["Ticket ID", "Minutes", "Created",
                                                                    "Column 16000"]
    narrow.values.columns = narrow.raw.columns = table.values.columns
    narrow.notes = table.notes
    _same_tables(table, narrow)


def _far_data_cell() -> dict:
    cells = _tickets()
    cells[(5, 110)] = 42
    return cells


def _stray_notes() -> dict:
    cells = _tickets()
    cells.update({(3, 70): 7, (8, 70): 8, (4, 100): "note", (0, 50): "  ", (0, 115): "Comment"})
    return cells


def _title_far_right() -> dict:
    cells = _tickets(top=2)
    cells.update({(0, 0): "Report for March", (0, 112): "printed 2024-03-02"})
    return cells


def _no_header() -> dict:
    cells = _tickets(header=False)
    cells.update({(4, 60): 3, (7, 25): "x"})
    return cells


def _no_header_title_far_right() -> dict:
    cells = _tickets(header=False, top=1)
    cells.update({(0, 0): "Calls", (0, 112): "Title"})
    return cells


def _footer() -> dict:
    """A blank row and two notes under the table: a footer for three columns, not for 120 (its width counts)."""
    cells = _tickets()
    cells.update({(22, 0): "Source: helpdesk", (23, 0): "Generated 2024-03-02", (1, 119): 1, (2, 119): 2})
    return cells


def _blank_texts() -> dict:
    """Blank texts alone in a row count as empty; a column holding only those is an empty column."""
    cells = _tickets()
    cells.update({(6, 70): "   ", (25, 95): "   ", (26, 1): 3.0, (27, 110): 9})
    return cells


def _two_header_rows() -> dict:
    cells = {(0, 0): "Respondent", (0, 1): "Q1", (1, 1): "Yes", (1, 2): "No", (0, 3): "Q2", (1, 3): "Response"}
    for r in range(2, 15):
        cells.update({(r, 0): f"R{r}", (r, 1): "Yes", (r, 3): "fine"})
    cells[(5, 115)] = "far"
    return cells


def _duplicate_names() -> dict:
    cells = _tickets()
    cells.update({(0, 5): "Ticket ID", (1, 5): "x", (0, 95): 2024.0, (3, 95): 1, (0, 110): "Column 3"})
    return cells


def _numbers_below_head_rows() -> dict:
    """Cells far right below the head rows (80): a column of numbers there, one of numbers and text."""
    cells = _tickets(rows=200)
    cells.update({(120, 70): 5.5, (150, 70): "x", (110, 95): dt.datetime(2020, 1, 1), (190, 110): 2.0})
    return cells


LAYOUTS = {"far data cell": _far_data_cell, "stray notes": _stray_notes, "title far right": _title_far_right,
           "no header": _no_header, "no header, title far right": _no_header_title_far_right, "footer": _footer,
           "blank texts": _blank_texts, "two header rows": _two_header_rows, "duplicate names": _duplicate_names,
           "below the head rows": _numbers_below_head_rows}


@pytest.mark.parametrize("sheets", [1, 2], ids=["streamed", "loaded"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_leaving_the_empty_columns_out_early_changes_nothing(tmp_path, monkeypatch, layout: str, sheets: int) -> None:
    """The same RawTable as when every column of the sheet goes through cell_text and assemble (the way before)."""
    path = _book(tmp_path / "book.xlsx", LAYOUTS[layout](), sheets)
    reads = [lambda: _read(path), lambda: _read(path, max_rows=4), lambda: _read(path, ReadOptions(header_row=-1)),
             lambda: _read(path, ReadOptions(header_rows=2))]
    early = [read() for read in reads]
    monkeypatch.setattr(excel_reader, "columns_to_read", lambda layout, holding: np.arange(len(holding)))
    for table, read in zip(early, reads):
        _same_tables(table, read())


def test_a_headerless_sheet_too_wide_is_refused_before_its_columns_are_made(tmp_path) -> None:
    """Without a header row the columns keep their positions, up to the last filled one: 16,000 columns with
    data are refused with the same message as before, now before 16,000 columns become a frame."""
    cells = _tickets(header=False)
    cells[(4, FAR)] = 3
    path = _book(tmp_path / "wide.xlsx", cells)
    cpu = time.process_time()
    with pytest.raises(LimitExceededError, match="“wide.xlsx” has 16,000 columns with data"):
        _read(path)
    assert time.process_time() - cpu < 1.0

"""An .xlsx sheet streamed row by row (python-calamine-plus) reads exactly as the loaded sheet (python-calamine)
reads, and every case where the stream could differ goes back to the loaded sheet."""

from __future__ import annotations

import datetime as dt
import gc
import math
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest
import python_calamine as calamine
import python_calamine_plus as calamine_plus
import xlsxwriter

from metrics_core.errors import OperationCancelled, WorkbookError
from metrics_core.ingest import excel_reader, sheet_columns, workbook_dates, xlsx_stream
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_preview, read_table
from metrics_core.progress import Reporter


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of 7 rows and 12 head rows, so a few hundred rows cross every boundary."""
    monkeypatch.setattr(sheet_columns, "PIECE", 7)
    monkeypatch.setattr(sheet_columns, "HEAD_ROWS", 12)


def _book(path, rows: int = 300, extra=None):
    """A title at B1, the table from B3: numbers (whole and not), a text far down a number column, dates,
    sparse numbers, booleans, repeated and distinct texts, whole numbers beside texts."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write(0, 1, "Report")
    sheet.write_row(2, 1, ["Amount", "Late text", "Date", "Sparse", "Count", "Flag", "Status", "Id", "Mixed"])
    for r in range(3, rows):
        sheet.write_number(r, 1, r * 0.5)
        if r == rows - 5:
            sheet.write_string(r, 2, "n/a")
        else:
            sheet.write_number(r, 2, r)
        sheet.write_datetime(r, 3, dt.datetime(2024, 1, 1) + dt.timedelta(hours=r), stamp)
        if r % 50 == 0:
            sheet.write_number(r, 4, 1)
        sheet.write_number(r, 5, r % 7)
        sheet.write_boolean(r, 6, r % 2 == 0)
        sheet.write_string(r, 7, ("Open", "Closed", "Pending")[r % 3])
        sheet.write_string(r, 8, f"T-{r}")
        sheet.write(r, 9, r if r % 3 else f"x{r}")
    if extra:
        extra(sheet)
    book.close()
    return path


def _extent(path):
    return excel_reader.sheet_extents(path, excel_reader.checked_package(path))["S"]


def _streamed(path, data_rows=None):
    extent = _extent(path)
    book = calamine_plus.CalamineWorkbook.from_path(str(path))
    try:
        return sheet_columns.stream_columns(iter(book.stream_sheet_by_name("S")), (extent.rows, extent.columns),
                                            data_rows)
    finally:
        book.close()


def _loaded(path, nrows=None):
    return sheet_columns.read_columns(calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S"), nrows)


def _same_cells(a, b, first: int) -> None:
    assert (a.n_rows, a.width, a.filled, a.lost) == (b.n_rows, b.width, b.filled, b.lost)
    assert a.head == b.head
    assert all(type(x) is type(y) for row_a, row_b in zip(a.head, b.head) for x, y in zip(row_a, row_b))
    frame_a, frame_b = a.frame(first), b.frame(first)
    dated = [position for position in frame_a.columns if frame_a[position].dtype.kind == "M"]   # (a plain sheet's
    assert all(frame_b[position].dtype == object for position in dated)          # dates: the cells they stand for)
    for position in dated:
        frame_a[position] = pd.Series(workbook_dates.boxed(frame_a[position].to_numpy()), dtype=object)
    assert list(frame_a.dtypes) == list(frame_b.dtypes)
    for position in frame_a.columns:
        got, want = frame_a[position].tolist(), frame_b[position].tolist()
        assert [(type(x), None if isinstance(x, float) and math.isnan(x) else x) for x in got] == \
               [(type(y), None if isinstance(y, float) and math.isnan(y) else y) for y in want], position


def test_streamed_columns_are_the_loaded_sheets(tmp_path, small_pieces):
    path = _book(tmp_path / "book.xlsx")
    streamed, loaded = _streamed(path), _loaded(path)
    _same_cells(streamed, loaded, 3)
    frame = streamed.frame(3)
    assert frame[5].dtype == np.float64 and frame[9].tolist()[:3] == ["x3", 4.0, 5.0]   # ints made floats again
    assert type(streamed.head[3][5]) is float                                            # (in the head rows too)


def test_a_streamed_preview_is_cut_where_the_loaded_one_is(tmp_path, small_pieces):
    path = _book(tmp_path / "book.xlsx")
    for data_rows in (1, 5, 30):
        # the loaded sheet's cut: head rows + data rows + its first filled row (0: the title)
        _same_cells(_streamed(path, data_rows), _loaded(path, sheet_columns.HEAD_ROWS + data_rows), 3)


def _error_book(path, cell, at="B20"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet.append(["Ticket", "Value"])
    for r in range(2, 40):
        sheet.append([f"T{r}", r])
    sheet[at] = cell
    if cell == "#N/A":
        sheet[at].data_type = "e"            # an error cell (calamine: ''; the stream: '#N/A')
    book.save(path)
    return path


@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!"])
def test_error_cells_and_texts_that_read_as_errors_are_not_streamed(tmp_path, cell):
    path = _error_book(tmp_path / "errors.xlsx", cell)
    with pytest.raises(sheet_columns.NotStreamable):
        _streamed(path)


@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!"])
def test_an_error_among_texts_below_the_head_rows_is_not_streamed(tmp_path, small_pieces, cell):
    """(Once checked only in the head rows and in columns holding whole numbers: the stream read '#N/A' where
    the loaded sheet reads an empty cell.)"""
    path = _error_book(tmp_path / "errors.xlsx", cell, "A35")
    with pytest.raises(sheet_columns.NotStreamable):
        _streamed(path)


def test_cells_holding_an_empty_text_at_the_edge_are_not_streamed(tmp_path):
    """The loaded sheet's extent counts a cell holding '' (it reads as empty); the stream cannot tell."""
    path = _book(tmp_path / "book.xlsx", 60, lambda sheet: sheet.write_string(70, 12, ""))
    assert _loaded(path).n_rows == 71
    with pytest.raises(sheet_columns.NotStreamable):
        _streamed(path)


def _same_table(a, b) -> None:
    pd.testing.assert_frame_equal(a.frame, b.frame, check_exact=True)
    pd.testing.assert_frame_equal(a.raw, b.raw, check_exact=True)
    assert [p.to_dict() for p in a.columns] == [p.to_dict() for p in b.columns]
    assert (a.notes, list(a.row_numbers), a.sheet, a.sheets, a.header_rows) == \
           (b.notes, list(b.row_numbers), b.sheet, b.sheets, b.header_rows)


def _read_both(monkeypatch, read):
    """``read()`` streamed (the loaded sheet may not be loaded) and loaded (the stream may not be used)."""
    with monkeypatch.context() as patch:
        patch.setattr(excel_reader, "_read_loaded", lambda *_: pytest.fail("the sheet was loaded"))
        streamed = read()
    with monkeypatch.context() as patch:
        patch.setattr(excel_reader, "read_streamed", lambda *_: None)
        loaded = read()
    return streamed, loaded


@pytest.mark.parametrize("options", [ReadOptions(), ReadOptions(sheet="s"), ReadOptions(header_row=-1),
                                     ReadOptions(column_types={"Count": "text", "Date": "text", "Amount": "duration"})])
def test_a_streamed_workbook_reads_as_the_loaded_one(tmp_path, monkeypatch, options):
    path = _book(tmp_path / "book.xlsx", 400)
    _same_table(*_read_both(monkeypatch, lambda: read_table(path, options)))
    _same_table(*_read_both(monkeypatch, lambda: read_preview(path, options, max_rows=20)))


def test_the_sheet_is_loaded_when_it_must_be_chosen_or_holds_errors(tmp_path, monkeypatch):
    def two_sheets(book):
        book.add_worksheet("Summary").write_row(0, 0, ["Total", 3])
        data = book.add_worksheet("Calls")
        data.write_row(0, 0, ["Call", "Seconds"])
        for r in range(1, 31):
            data.write_row(r, 0, [f"C{r}", r * 10])
    book = xlsxwriter.Workbook(str(tmp_path / "two.xlsx"))
    two_sheets(book)
    book.close()
    streamed = []
    real = xlsx_stream.stream_columns
    monkeypatch.setattr(xlsx_stream, "stream_columns", lambda *a: streamed.append(1) or real(*a))
    assert read_table(tmp_path / "two.xlsx").sheet == "Calls" and not streamed      # largest of two: loaded
    assert read_table(tmp_path / "two.xlsx", ReadOptions(sheet="calls")).sheet == "Calls" and streamed
    errors = read_table(_error_book(tmp_path / "errors.xlsx", "#N/A"))             # streamed, then loaded
    assert errors.frame["Value"].isna().sum() == 1 and errors.raw["Value"][18] is None


def test_a_sheet_part_that_is_not_where_the_workbook_says_is_loaded(tmp_path, monkeypatch):
    """No measured extent for the sheet: the stream is not tried (nothing bounds what it would hold)."""
    path = _book(tmp_path / "book.xlsx", 50)
    with zipfile.ZipFile(path) as archive:
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
    monkeypatch.setattr(excel_reader, "sheet_extents", lambda *_: {})
    monkeypatch.setattr(xlsx_stream, "stream_columns", lambda *a: pytest.fail("streamed"))
    assert len(read_table(path).frame) == 47


def test_a_part_that_is_not_utf8_is_refused_as_the_loaded_sheet_refuses_it(tmp_path):
    """python-calamine refuses an attribute that is not UTF-8 as damage; the stream reads on (fuzz file 3528)."""
    path = _book(tmp_path / "book.xlsx", 30)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'spans="', b'spans="\xa9', 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert excel_reader.checked_package(path).not_utf8 == {"xl/worksheets/sheet1.xml"}
    with pytest.raises(WorkbookError, match="cannot decode input using UTF-8"):
        read_table(path)


def test_a_cancel_when_the_sheet_is_chosen_stops_the_read(tmp_path, monkeypatch):
    """The stream's 'Reading sheet' step may be cancelled: that ends the read (the sheet is not loaded instead)."""
    path = _book(tmp_path / "book.xlsx", 50)
    monkeypatch.setattr(excel_reader, "_read_loaded", lambda *_: pytest.fail("the sheet was loaded"))
    steps = []
    reporter = Reporter(lambda _fraction, text: steps.append(text), lambda: "Reading sheet “S”" in steps)
    with pytest.raises(OperationCancelled):
        read_table(path, reporter=reporter)
    assert steps[-1] == "Reading sheet “S”"


def test_a_dimension_that_claims_every_column_does_not_widen_the_streamed_rows(tmp_path, monkeypatch):
    """Fuzz file 6193: <dimension ref="A1:XFD1048576"/> over one column; the stream pads each row to the
    dimension unless told the measured extent (16,384 cells a row: 210 s of CPU for a 5 KB file)."""
    path = _book(tmp_path / "book.xlsx", 40)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(sheet[sheet.index(b"<dimension"):sheet.index(b"/>", sheet.index(
        b"<dimension")) + 2], b'<dimension ref="A1:XFD1048576"/>')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    widths = []
    real = xlsx_stream.stream_columns
    monkeypatch.setattr(xlsx_stream, "stream_columns",
                        lambda rows, *a: real((widths.append(len(row)) or row for row in rows), *a))
    assert len(read_table(path).frame) == 37
    assert max(widths) == 11                      # the 10 columns measured, and one to tell a cell past them


def test_the_cycle_collector_pauses_while_rows_come_and_runs_again_after():
    seen = []

    def rows():
        seen.append(gc.isenabled())
        yield ["Ticket", 1.0]
        seen.append(gc.isenabled())
        raise ValueError("a damaged part")

    assert gc.isenabled()
    with pytest.raises(sheet_columns.NotStreamable):
        sheet_columns.stream_columns(rows(), (1, 2))
    assert seen == [False, False] and gc.isenabled()

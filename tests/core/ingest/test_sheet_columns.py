"""The sheet's cells column by column (sheet_columns) hold exactly what calamine's own grid holds."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import python_calamine as calamine
import xlsxwriter

from metrics_core.ingest import native_cells, sheet_columns
from metrics_core.ingest.native_cells import float_text
from metrics_core.ingest.types import _stringify


def _sheet(path):
    return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of 7 rows and 12 head rows, so a few hundred rows cross every boundary."""
    monkeypatch.setattr(sheet_columns, "PIECE", 7)
    monkeypatch.setattr(sheet_columns, "HEAD_ROWS", 12)


def _book(path, rows: int):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write(0, 1, "Report")                                  # a title; the table starts at B3
    sheet.write_row(2, 1, ["Amount", "Late text", "Date", "Sparse", "Empty", "Flag", "Status", "Id"])
    for r in range(3, rows):
        sheet.write_number(r, 1, r * 0.5)                        # numbers throughout
        if r == rows - 5:
            sheet.write_string(r, 2, "n/a")                      # numbers, then one text far down
        else:
            sheet.write_number(r, 2, r)
        sheet.write_datetime(r, 3, dt.datetime(2024, 1, 1) + dt.timedelta(hours=r), stamp)
        if r % 50 == 0:
            sheet.write_number(r, 4, 1)                          # mostly empty numbers
        sheet.write_boolean(r, 6, r % 2 == 0)                    # booleans are not numbers
        sheet.write_string(r, 7, ("Open", "Closed", "Pending")[r % 3])
        sheet.write_string(r, 8, f"T-{r}")
    book.close()
    return path


def _expected(path, first: int):
    """The independent oracle: calamine's whole grid from A1, '' as None, taken column by column."""
    grid = _sheet(path).to_python(skip_empty_area=False)
    return [[None if cell == "" else cell for cell in column] for column in zip(*grid[first:])]


def test_columns_hold_the_grid_and_numbers_become_float64(tmp_path, small_pieces):
    path = _book(tmp_path / "book.xlsx", 300)
    cells = sheet_columns.read_columns(_sheet(path))
    assert cells.filled and cells.n_rows == 300 and cells.width == 9
    assert cells.head == _sheet(path).to_python(skip_empty_area=False)[:12]
    assert cells.head[2] == ["", "Amount", "Late text", "Date", "Sparse", "Empty", "Flag", "Status", "Id"]
    frame = cells.frame(3)
    expected = _expected(path, 3)
    kinds = [str(frame[c].dtype) for c in frame.columns]
    assert kinds == ["object", "float64", "object", "object", "float64", "object", "object", "object", "object"]
    for position, column in enumerate(expected):
        got = frame[position].tolist()
        if kinds[position] == "float64":
            assert [None if math.isnan(v) else v for v in got] == column
        else:
            assert got == column
            assert all(type(a) is type(b) for a, b in zip(got, column))
    assert len({id(text) for text in frame[7].iloc[20:]}) == 3    # below the head rows a repeated text is one object
    assert len({id(text) for text in frame[8].iloc[20:]}) == 277  # distinct texts stay as they are


def test_a_sheet_cut_to_its_first_rows_and_an_empty_sheet(tmp_path, small_pieces):
    path = _book(tmp_path / "book.xlsx", 300)
    cells = sheet_columns.read_columns(_sheet(path), nrows=40)
    assert cells.n_rows == 40
    assert cells.frame(3)[2].tolist() == [float(r) for r in range(3, 40)]
    book = xlsxwriter.Workbook(str(tmp_path / "empty.xlsx"))
    book.add_worksheet("S")
    book.close()
    empty = sheet_columns.read_columns(_sheet(tmp_path / "empty.xlsx"))
    assert not empty.filled and empty.n_rows == 0


def test_float_text_writes_each_number_as_a_cell_alone_would():
    numbers = np.array([3.0, -0.0, 2.5, 1e15, 1e16 + 2, 2.0**63, -(2.0**63), 1e300, 5e-324, 0.1 + 0.2,
                        float("inf"), -float("inf"), -7.0, 123456789.125])
    assert float_text(numbers).tolist() == [_stringify(x) for x in numbers.tolist()]
    assert float_text(numbers[:4]).tolist() == ["3", "0", "2.5", "1000000000000000"]


def test_texts_of_repeating_numbers_are_shared_and_the_rest_made_in_pieces(monkeypatch):
    """A column of counts or scores holds one string per distinct number (not one per cell); a column of
    distinct numbers is made a piece at a time; either way each text is the one a cell alone gets."""
    monkeypatch.setattr(native_cells, "TEXT_PIECE", 7)
    counts = np.array([1.0, 2.0, 13.0, -0.0] * 500 + [2.5])
    texts = float_text(counts)
    assert texts.tolist() == [_stringify(x) for x in counts.tolist()]
    assert len({id(text) for text in texts}) == 5                       # '1', '2', '13', '0' (-0.0 too), '2.5'
    distinct = np.arange(100) * 1.5 - 30
    assert float_text(distinct).tolist() == [_stringify(x) for x in distinct.tolist()]

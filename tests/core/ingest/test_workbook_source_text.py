"""A workbook's source text of numbers and dates is held as bytes (issue 15, memory) and reads as before."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest import excel_reader
from metrics_core.ingest.reader import read_table


def _per_cell_number_text(numbers: np.ndarray) -> list[str]:
    """The rule the text of a number cell follows, one cell at a time: whole numbers below 1e15 without
    '.0', every other number as Python writes it."""
    return [str(int(x)) if np.isfinite(x) and abs(x) < 1e15 and x == round(x) else repr(x) for x in numbers.tolist()]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(allow_nan=False) | st.integers(-10**16, 10**16).map(float), min_size=1, max_size=40))
def test_number_bytes_follow_the_per_cell_rule(values):
    numbers = np.array(values, dtype=np.float64)
    assert [b.decode() for b in excel_reader._number_bytes(numbers).tolist()] == _per_cell_number_text(numbers)


def _as_numpy_writes(ints: np.ndarray) -> np.ndarray:
    text = ints.astype("S16")
    return text.astype(f"S{max(int(np.strings.str_len(text).max(initial=0)), 1)}")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(10**15 - 1), 10**15 - 1) | st.integers(-10**4, 10**4)
                | st.sampled_from([0, 10**8, 10**8 - 1, 10**12, -(10**12), 10**15 - 1, -(10**15 - 1)]), max_size=40))
def test_whole_bytes_are_what_numpy_writes(values):
    ints = np.array(values, dtype=np.int64)
    got, expected = excel_reader._whole_bytes(ints), _as_numpy_writes(ints)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()


@pytest.mark.parametrize("piece", [1 << 16, 7])
def test_whole_bytes_of_every_length_and_sign(monkeypatch, piece):
    """Slice by slice (the widest text of any slice sets the width)."""
    monkeypatch.setattr(excel_reader, "_WHOLE_SLICE", piece)
    rng = np.random.default_rng(15)
    for digits in range(1, 16):
        ints = np.concatenate([rng.integers(10 ** (digits - 1), 10**digits, 2000), [10 ** (digits - 1), 10**digits - 1]])
        for sample in (ints, -ints, np.concatenate([ints, -ints[:5]]), ints % 10):
            got, expected = excel_reader._whole_bytes(sample), _as_numpy_writes(sample)
            assert got.dtype == expected.dtype and (got == expected).all()


_STAMPS = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))


@settings(max_examples=50, deadline=None)
@given(st.lists(_STAMPS | _STAMPS.map(lambda d: d.replace(microsecond=0)) | _STAMPS.map(lambda d: d.date())
                | _STAMPS.map(lambda d: dt.datetime(d.year, d.month, d.day)), min_size=1, max_size=30))
def test_date_bytes_are_the_text_pandas_writes(cells):
    cells = np.array(cells + [None], dtype=object)[:-1]
    try:
        expected = [str(text) for text in pd.to_datetime(cells).astype(str)]
    except (ValueError, OverflowError, TypeError):
        expected = [str(cell) for cell in cells]
    assert [b.decode() for b in excel_reader._datetime_bytes(cells).tolist()] == expected


@pytest.mark.parametrize("first, span_days, count", [("2023-12-30", 3 * 365, 20_000), ("1000-01-01", 3_000_000, 2_000),
                                                     ("2024-02-29", 0, 500), ("2023-12-30", 59, 60),
                                                     ("1899-12-30", 365 * 80, 40_000)])
@pytest.mark.parametrize("whole_days", [False, True])
def test_many_date_bytes_are_the_text_pandas_writes(first, span_days, count, whole_days):
    """Many stamps at once: within fewer days than there are stamps (each day's text worked out once and looked
    up) and spread over more (each stamp's own), whole days (b'YYYY-MM-DD') and to the second; leap days,
    the first and last day of the years 1000-9999."""
    rng = np.random.default_rng(span_days + count)
    seconds = np.datetime64(first, "s") + (rng.integers(0, span_days + 1, count) * 86_400
                       + (0 if whole_days else rng.integers(0, 86_400, count))).astype("timedelta64[s]")
    if span_days > 10**6:
        seconds[:4] = np.array(["1000-01-01", "9999-12-31T23:59:59", "2000-02-29T12:00:00", "1900-03-01"],
                               dtype="datetime64[s]")
        seconds[:4] = seconds[:4].astype("datetime64[D]") if whole_days else seconds[:4]
    stamps = pd.DatetimeIndex(seconds.astype("datetime64[us]"))
    got = excel_reader._stamp_bytes(stamps)
    assert got.dtype == np.dtype("S10" if whole_days else "S19")
    assert [b.decode() for b in got.tolist()] == [str(text) for text in stamps.astype(str)]


def test_numbers_and_dates_are_held_as_bytes_and_read_as_text(tmp_path):
    path = tmp_path / "tickets.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Tickets")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, ["Ticket ID", "Created at", "Status", "CSAT"])
    for r in range(1, 121):
        if r == 60:                          # an empty row: left out
            continue
        sheet.write_number(r, 0, 5000 + r)
        sheet.write_datetime(r, 1, dt.datetime(2024, 3, 1, 9) + dt.timedelta(minutes=7 * r), stamp)
        sheet.write(r, 2, "Open" if r % 2 else "Closed")
        if r % 3:
            sheet.write_number(r, 3, r % 5 + 1)
    sheet.write_number(121, 3, 4.5)          # a row whose only cell is a number: a row of the table
    book.close()
    table = read_table(path)
    assert [table.source[name].dtype.kind for name in table.source.columns] == ["S", "S", "O", "S"]
    assert len(table.frame) == 120 and "1 empty row was skipped" in table.notes
    assert table.text("Ticket ID").tolist()[:2] == ["5001", "5002"] and table.text("Ticket ID").iloc[-1] is None
    assert table.text("Created at").tolist()[:2] == ["2024-03-01 09:07:00", "2024-03-01 09:14:00"]
    assert table.text("CSAT").tolist()[:4] == ["2", "3", None, "5"] and table.text("CSAT").iloc[-1] == "4.5"
    assert table.raw["Status"].tolist()[:2] == ["Open", "Closed"]

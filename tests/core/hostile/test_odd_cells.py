"""Odd cells that once stopped a whole file (issue 16, fuzz corpus): one test each, each failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from metrics_core.loading import load_dataset

T = pd.Timestamp


def test_a_date_column_mixing_utc_offsets_and_stray_spaces_keeps_each_local_time(tmp_path: Path) -> None:
    """Fuzz file 2809: one 'Created at' value ended in a tab after its offset ("… -0500\\t"), so the offset
    was not taken off before pandas read the column, and pandas refused a column of texts with and
    without a zone: "ValueError: Mixed timezones detected" (a traceback from build_canonical)."""
    path = tmp_path / "orders.csv"
    path.write_bytes(b"Name,Email,Total,Created at\r\n"
                     b"#1001,a@x.com,10,2026-03-01 11:13:25 -0500\r\n"
                     b"#1002,b@x.com,20,2026-03-05 13:13:25 -0500\t\r\n"
                     b"#1003,c@x.com,30,2026-03-09 15:13:25 -0400\r\n"
                     b"#1004,d@x.com,40,2026-03-10 08:00:00 UTC+3\r\n")
    frame = load_dataset(path).frame
    # each value's own clock time, whatever offset it was written with (the rule of ingest.dates._wall_time)
    assert frame["order_date"].tolist() == [T("2026-03-01 11:13:25"), T("2026-03-05 13:13:25"),
                                            T("2026-03-09 15:13:25"), T("2026-03-10 08:00:00")]


def test_a_date_column_whose_every_value_names_the_same_zone_keeps_its_local_time(tmp_path: Path) -> None:
    """pandas reads "UTC+3" itself, into a column aware of its zone, which could not be made naive by astype."""
    path = tmp_path / "orders.csv"
    path.write_bytes(b"Name,Email,Total,Created at\n#1,a@x.com,1,2026-03-10 08:00:00 UTC+3\n"
                     b"#2,b@x.com,2,2026-03-11 09:30:00 UTC+3\n")
    assert load_dataset(path).frame["order_date"].tolist() == [T("2026-03-10 08:00:00"), T("2026-03-11 09:30:00")]


def test_a_date_or_duration_out_of_range_leaves_its_row_out_not_the_sheet(tmp_path: Path) -> None:
    """One number under a date or duration style that no calendar can hold failed the whole sheet: -1e308
    with calamine's 'the workbook is damaged … (TimeDelta::milliseconds out of bounds)' (a Rust panic), 1e308
    with 'so far out of range' (OverflowError); 16 of the 63 odd-value workbooks of the fuzz CI sample."""
    from metrics_core.ingest.reader import read_table
    from tests.fuzz import hostile

    rows = [["Ticket ID", "Handle time", "Created"],
            ["T-1", 60 / 86400, 45000.5], ["T-2", -1e308, 45001.5], ["T-3", 120 / 86400, 45002.5],
            ["T-4", 1e308, 45003.5], ["T-5", 0.5, 45004.5]]
    path = tmp_path / "odd.xlsx"
    path.write_bytes(hostile.xlsx(rows, {1: "[h]:mm:ss", 2: "yyyy-mm-dd hh:mm"}))
    table = read_table(path)
    assert table.raw["Ticket ID"].tolist() == ["T-1", "T-3", "T-5"]
    assert table.row_numbers.tolist() == [2, 4, 6]          # the rows after a lost one keep their numbers
    assert table.frame["Handle time"].tolist() == [60.0, 120.0, 43200.0]
    note = next(n for n in table.notes if "out of range" in str(n))
    assert "Rows 3, 5 of sheet" in str(note) and "left out" in str(note)


def test_a_sheet_whose_every_row_is_out_of_range_says_so_not_damaged(tmp_path: Path) -> None:
    from metrics_core.errors import WorkbookError
    from metrics_core.ingest.reader import read_table
    from tests.fuzz import hostile

    path = tmp_path / "odd.xlsx"
    path.write_bytes(hostile.xlsx([["Ticket ID", "Handle time"], ["T-1", -1e308]], {1: "[h]:mm:ss"}))
    with pytest.raises(WorkbookError, match=r"out of range") as info:
        read_table(path)
    assert "damaged" not in str(info.value) and "row 2" in str(info.value)


def test_a_text_export_with_a_few_control_characters_is_read(tmp_path: Path) -> None:
    """Fuzz file 10400: one ESC ("\\x1b[31m", a terminal colour) and one DEL in the cells of a 458-byte CSV were 4
    control characters, over the 2 or 0.5 % the binary check allowed: refused as 'binary data'."""
    from metrics_core.ingest.reader import read_table

    path = tmp_path / "odd.csv"
    path.write_bytes(b"Ticket ID,Created at,Status,Priority\n" + b"".join(
        b"T-%d,2024-03-%02d 09:00,%s,%s\n" % (i, i, b"\x1b[31mOpen" if i in (2, 9) else b"Open",
                                             b"\x7f" if i in (4, 7) else b"P%d" % (i % 3)) for i in range(1, 13)))
    table = read_table(path)
    assert table.raw["Ticket ID"].tolist() == [f"T-{i}" for i in range(1, 13)]
    assert table.raw["Status"].tolist()[1] == "\x1b[31mOpen"          # kept as written, like any odd text


@pytest.mark.parametrize("index", [9778, 9843, 9904])
def test_random_bytes_with_the_fewest_control_characters_stay_binary(tmp_path: Path, index: int) -> None:
    """The corpus's random files without a NUL byte whose text has the smallest share of control characters
    (5.6 % of 216 characters, 6.4 % of 78, 3 of 20): still refused as binary."""
    from metrics_core.errors import UnsupportedFormatError
    from metrics_core.ingest.reader import read_table
    from tests.fuzz import corpus

    item, data = corpus.build(index)
    assert item.family == "random_bytes" and b"\x00" not in data
    path = tmp_path / item.name
    path.write_bytes(data)
    with pytest.raises(UnsupportedFormatError, match="binary data"):
        read_table(path)


def test_a_workbook_row_whose_only_cell_is_blank_text_is_skipped(tmp_path: Path) -> None:
    """Fuzz file 10601: a workbook row holding only a tab ('\\t') is an empty row, but marking it so wrote into
    the read-only array pandas hands back for the sheet's filled cells: 'ValueError: assignment destination is
    read-only' (a traceback from table_finder)."""
    from metrics_core.ingest.reader import read_table
    from tests.fuzz import hostile

    path = tmp_path / "tab.xlsx"
    path.write_bytes(hostile.xlsx([["Ticket ID", "Created"], ["T-1", "2024-03-01 09:00"], ["\t", None],
                                   ["T-3", "2024-03-03 09:00"]]))
    table = read_table(path)
    assert table.raw["Ticket ID"].tolist() == ["T-1", "T-3"] and table.row_numbers.tolist() == [2, 4]

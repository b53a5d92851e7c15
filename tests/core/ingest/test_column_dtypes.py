"""Ids and timestamps read as fixed-width bytes give exactly what the all-text reading gives.

The reference is the same file read with the fast way switched off (every column parsed as
Python strings by pandas), and, for the values themselves, what the ``csv`` module reads.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.ingest import column_dtypes, text_reader
from metrics_core.ingest.reader import read_table

_parse = text_reader._parse

ROWS = 3000


def read_both_ways(path, monkeypatch, fast_way=True):
    """(table read the fast way, table read with every column as text).

    ``fast_way`` says whether columns are expected to be read as bytes at all (None: either).
    """
    made: list = []
    with monkeypatch.context() as patch:
        patch.setattr(text_reader, "narrowest", lambda column: made.append(column) or column_dtypes.narrowest(column))
        fast = read_table(path)
    assert fast_way is None or bool(made) is fast_way
    with monkeypatch.context() as patch:
        patch.setattr(text_reader, "parser_dtypes", lambda sample: {})
        slow = read_table(path)
    return fast, slow


def assert_same(fast, slow):
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    pd.testing.assert_frame_equal(fast.raw, slow.raw)
    assert [c.to_dict() for c in fast.columns] == [c.to_dict() for c in slow.columns]
    assert fast.notes == slow.notes
    assert list(fast.row_numbers) == list(slow.row_numbers)


def write(tmp_path, rows, name="tickets.csv", delimiter=",", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def ticket_rows(n=ROWS):
    rows = [["Ticket ID", "Created at", "Solved at", "Requester", "Status"]]
    for i in range(n):
        created = pd.Timestamp("2025-03-01") + pd.Timedelta(minutes=37 * i)
        solved = "" if i % 7 == 0 else str(created + pd.Timedelta(hours=3, seconds=i))
        rows.append([f"{40000 + i}", str(created), solved, f"kupec{i}@lipa.si", ["Open", "Solved"][i % 2]])
    return rows


def test_ids_and_timestamps_are_read_as_bytes_and_statuses_as_categories():
    dtypes = column_dtypes.parser_dtypes(ticket_rows(120)[1:])
    assert {position: dtype[0] for position, dtype in dtypes.items()} == {0: "S", 1: "S", 2: "S", 3: "S", 4: "c"}
    assert dtypes[1] == f"S{len('2025-03-01 00:00:00') + 12}"


def test_plain_ticket_export_reads_the_same(tmp_path, monkeypatch):
    fast, slow = read_both_ways(write(tmp_path, ticket_rows()), monkeypatch)
    assert_same(fast, slow)
    assert fast.frame["Ticket ID"].iloc[5] == "40005"
    assert fast.frame["Solved at"].isna().sum() == len(range(0, ROWS, 7))
    assert fast.raw["Solved at"].iloc[0] is None and fast.raw["Created at"].iloc[0] == "2025-03-01 00:00:00"


def test_untidy_values_in_a_distinct_column_are_cleaned_the_same_way(tmp_path, monkeypatch):
    rows = ticket_rows()
    rows[200][0], rows[300][0], rows[400][0] = "  40199 ", "n/a", "#N/A"
    rows[500][1], rows[600][0] = "\u00a02025-03-14 10:00:00", "-"
    rows[700][3] = "Marko Petrović"
    fast, slow = read_both_ways(write(tmp_path, rows), monkeypatch)
    assert_same(fast, slow)
    assert fast.frame["Ticket ID"].iloc[199] == "40199"
    assert fast.frame["Ticket ID"].iloc[[299, 399, 599]].isna().all()
    assert fast.frame["Created at"].iloc[499] == pd.Timestamp("2025-03-14 10:00:00")
    assert fast.raw["Requester"].iloc[699] == "Marko Petrović"


def test_a_later_value_too_long_for_the_width_is_read_whole(tmp_path, monkeypatch):
    rows = ticket_rows()
    long_mail = "a.very.long.name.of.a.customer@an-extremely-long-domain-name.example.com"
    rows[2500][3] = long_mail
    cut: list[bool] = []
    monkeypatch.setattr(text_reader, "may_be_cut", lambda column: cut.append(column_dtypes.may_be_cut(column)) or cut[-1])
    fast, slow = read_both_ways(write(tmp_path, rows), monkeypatch, fast_way=False)    # read again as text
    assert True in cut
    assert_same(fast, slow)
    assert fast.raw["Requester"].iloc[2499] == long_mail


def test_quoted_delimiters_line_breaks_and_control_bytes(tmp_path, monkeypatch):
    rows = ticket_rows()
    rows[10][3] = "Novak, Ana"
    rows[20][3] = "two\nlines"
    rows[30][3] = "bell\x01here"
    rows[40][3] = 'say "hi"'
    fast, slow = read_both_ways(write(tmp_path, rows), monkeypatch)
    assert_same(fast, slow)
    assert fast.raw["Requester"].iloc[[9, 19, 29, 39]].tolist() == ["Novak, Ana", "two\nlines", "bell\x01here",
                                                                    'say "hi"']
    assert list(fast.row_numbers[19:22]) == [21, 23, 24]     # the two-line record starts at line 21


def test_semicolon_cp1250_export(tmp_path, monkeypatch):
    rows = [["Številka", "Datum", "Stranka", "Znesek"]]
    rows += [[f"SI-{i:05d}", f"{1 + i % 28}.{1 + i % 12}.2025 {i % 24:02d}:15", f"Kupec Čebašek {i}", f"{i},50"]
             for i in range(ROWS)]
    fast, slow = read_both_ways(write(tmp_path, rows, delimiter=";", encoding="cp1250"), monkeypatch)
    assert_same(fast, slow)
    assert fast.encoding == "cp1250"
    assert fast.raw["Stranka"].iloc[3] == "Kupec Čebašek 3"


def test_file_with_a_nul_byte_far_down(tmp_path, monkeypatch):
    path = write(tmp_path, ticket_rows())
    data = bytearray(path.read_bytes())
    position = data.index(b"kupec2000@")
    data[position:position + 1] = b"\x00"
    path.write_bytes(bytes(data))
    fast, slow = read_both_ways(path, monkeypatch, fast_way=False)
    assert_same(fast, slow)


def test_strings_of_matches_decoding_each_value():
    values = ["2025-01-01 10:00:00", "", "Petrović", "  x ", "\x01", "#1"]
    column = np.array([v.encode() for v in values], dtype="S24")
    strings, filled = column_dtypes.strings_of(column)
    assert strings.tolist() == [v or None for v in values]
    assert filled.tolist() == [bool(v) for v in values]


def test_strings_of_a_piece_at_a_time(monkeypatch):
    """Made a few values at a time (pieces of 3 here, of 262,144 in use), the strings are the same."""
    values = [f"Petrović {i}" if i % 4 else "" for i in range(11)]
    column = np.array([v.encode() for v in values], dtype="S16")
    monkeypatch.setattr(column_dtypes, "STRINGS_AT_ONCE", 3)
    strings, filled = column_dtypes.strings_of(column)
    assert strings.tolist() == [v or None for v in values]
    assert filled.tolist() == [bool(v) for v in values]


def test_cut_values_are_noticed():
    assert column_dtypes.may_be_cut(np.array([b"12345678", b"1"], dtype="S8"))
    assert not column_dtypes.may_be_cut(np.array([b"1234567", b"1"], dtype="S8"))


@pytest.mark.parametrize("value, clean", [
    (b"40001", True), (b" 40001", False), (b"40001\t", False), (b"NULL", False), (b"none", False),
    (b"?", False), (b"-1", False), (b"#5", False), ("Še".encode(), False), (b"Open", True),
])
def test_is_clean_is_cautious(value, clean):
    assert column_dtypes.is_clean(np.array([b"40000", value, b""], dtype="S16")) is clean


CELL = st.one_of(
    st.text(alphabet="0123456789-: .,#'\"\t\u00a0nNa/?čÖx\n", max_size=12),
    st.sampled_from(["", "n/a", "NULL", "-", " 12 ", "2025-01-02 03:04:05"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_columns_read_the_same_both_ways(tmp_path_factory, data):
    """Distinct-looking columns (so the fast way is taken) with random untidy cells mixed in."""
    n = 300
    rows = [["ID", "When", "Note"]]
    for i in range(n):
        rows.append([str(70000 + i), str(pd.Timestamp("2025-01-01") + pd.Timedelta(minutes=i)), f"n{i}"])
    for _ in range(data.draw(st.integers(1, 12))):
        row, col = data.draw(st.integers(1, n)), data.draw(st.integers(0, 2))
        rows[row][col] = data.draw(CELL)
    path = write(tmp_path_factory.mktemp("fw"), rows)
    with pytest.MonkeyPatch.context() as patch:
        fast, slow = read_both_ways(path, patch, fast_way=None)     # (a long value drawn late is read again)
    assert_same(fast, slow)


def test_repeating_numbers_and_yes_no_words_keep_their_text(tmp_path, monkeypatch):
    """pandas turns categories that are all numbers or all booleans into numbers: "01" and "1.0" become 1.0."""
    rows = [["Ticket ID", "Rating", "Code", "Escalated", "Team"]]
    rows += [[str(90000 + i), str(1 + i % 5), ["01", "1", "1.0", "A7"][i % 4], ["True", "False", "TRUE"][i % 3],
              ["Sales", "Support"][i % 2]] for i in range(ROWS)]
    fast, slow = read_both_ways(write(tmp_path, rows), monkeypatch)
    assert_same(fast, slow)
    assert fast.raw["Rating"].iloc[:3].tolist() == ["1", "2", "3"]
    assert fast.raw["Code"].iloc[:4].tolist() == ["01", "1", "1.0", "A7"]
    assert fast.raw["Escalated"].iloc[:3].tolist() == ["True", "False", "TRUE"]


def test_categories_of_numbers_keep_their_text_in_one_reading(tmp_path, monkeypatch):
    """pandas makes numbers of categories that all read as numbers ("01" and "1.0" both 1.0) unless the parser is
    given a thousands separator: with one (a control byte) a repeating column of numbers is read as categories,
    once, and typed from its codes the same as from its strings (issue 15: 0.15 s of the parse at 1M rows)."""
    rows = [["Ticket ID", "Code", "Rating", "Replies"]] + [
        [str(90000 + i), ["01", "1.0", "7"][i % 3], str(i % 5 + 1), "" if i % 11 == 0 else str(i % 4)]
        for i in range(ROWS)]
    assert column_dtypes.parser_dtypes(rows[1:121]) == {0: "S17", 1: "category", 2: "category", 3: "category"}
    path = write(tmp_path, rows)
    parses: list = []
    with monkeypatch.context() as patch:
        patch.setattr(text_reader, "_parse", lambda *a: parses.append(a[-1]) or _parse(*a))
        fast, slow = read_both_ways(path, patch, fast_way=True)
    assert len(parses) == 2 and parses[0] and not parses[1]     # the fast reading once, then the all-text one
    assert_same(fast, slow)
    assert all(isinstance(fast.source.dtypes[name], pd.CategoricalDtype) for name in ("Code", "Rating", "Replies"))
    assert fast.raw["Code"].iloc[:3].tolist() == ["01", "1.0", "7"]
    assert fast.frame["Rating"].iloc[:3].tolist() == [1.0, 2.0, 3.0]


def test_categories_made_booleans_are_read_again_as_text(tmp_path, monkeypatch):
    rows = [["Ticket ID", "Escalated"]] + [[str(90000 + i), ["TRUE", "true", "False"][i % 3]] for i in range(ROWS)]
    path = write(tmp_path, rows)
    monkeypatch.setattr(text_reader, "parser_dtypes", lambda sample: {1: "category"})
    table = read_table(path)
    assert table.raw["Escalated"].iloc[:3].tolist() == ["TRUE", "true", "False"]


def test_the_source_text_stays_compact_until_it_is_read(tmp_path, monkeypatch):
    """A timestamp column's source text stays the parser's bytes (narrowed to its longest value) and a repeating
    column its categories; an id or text column's bytes give way to the strings its typed values hold. Read
    through the table's accessors, each is what the all-text reading gives (issue 15: a 10,000,000-row file
    held the strings of every id and timestamp beside its typed frame)."""
    fast, slow = read_both_ways(write(tmp_path, ticket_rows()), monkeypatch)
    dtypes = fast.source.dtypes
    assert dtypes["Created at"] == np.dtype("S19") and dtypes["Solved at"] == np.dtype("S19")
    assert isinstance(dtypes["Status"], pd.CategoricalDtype)
    assert dtypes["Ticket ID"] == object and dtypes["Requester"] == object
    for name in slow.raw.columns:
        assert fast.text(name).tolist() == slow.raw[name].tolist()
    assert fast.text_bytes("Created at") is not None and fast.text_bytes("Ticket ID") is None
    rows = pd.Index([7, 3])
    pd.testing.assert_frame_equal(fast.text_rows(rows), slow.raw.loc[rows])
    assert fast.text("No such column") is None

"""Columns typed together (ingest/number_columns.py) come out exactly as :func:`infer_column` types each alone.

The reference is :func:`infer_column` itself, column by column; values are compared bit for bit and
profiles field by field. The cells are drawn from texts at the edge of "a plain number": signs on zero,
leading zeros, exponents, compact dates, 0/1 flags, long digit runs, decimal commas, spaces, missing
markers, words and clocks, under headers that name ids, dates, times, lengths of time or nothing.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.ingest import reader
from metrics_core.ingest.number_columns import type_plain_columns, type_workbook_numbers
from metrics_core.ingest.types import infer_column

PLAIN = ("0", "1", "2", "12", "-12", "3.25", "-3.25", "0.5", "-0.5", "0.0001", "10.00", "0.10", "97",
         "1234567890123", "-1234567890123", "9999999999999.99", "-0.0", "0.0", "1.234", "250")
WHOLE = tuple(v for v in PLAIN if "." not in v)
EDGE = ("-0", "00", "007", ".5", "5.", "+5", "1e5", "1E5", "inf", "nan", "NaN", "1,5", "1,234",
        "12345678901234", "-12345678901234", "20240131", "19991231", "12345678", " 5", "5 ", "\u0663",
        "1_000", "", " ", "-", "n/a", "0x10", "1.2.3", "--5", "12:30", "2024-01-31", "1/2/2024", "Yes",
        "100%", "\u20ac5", "5\u00a0", "T-12")
HEADERS = ("Amount", "Value 3", "H17", "Ticket ID", "Created", "Date", "Time", "Talk time (min)", "Count",
           "Reopens", "SeniorCitizen", "Duration", "Year", "Order #")


@st.composite
def columns(draw):
    n_rows = draw(st.integers(1, 12))
    out = []
    for _ in range(draw(st.integers(1, 6))):
        pool = draw(st.sampled_from(("plain", "whole", "flags", "plain + edge", "whole + edge", "empty")))
        texts = {"plain": st.sampled_from(PLAIN), "whole": st.sampled_from(WHOLE), "flags": st.sampled_from(("0", "1")),
                 "empty": st.nothing()}[pool.split(" + ")[0]]
        cells = [draw(st.one_of(st.none(), texts)) if pool != "empty" else None for _ in range(n_rows)]
        if pool.endswith("edge"):          # a plain column but for one cell
            cells[draw(st.integers(0, n_rows - 1))] = draw(st.sampled_from(EDGE))
        out.append((draw(st.sampled_from(HEADERS)), cells))
    return n_rows, out


def alone(cells: list, header: str, decimal: str | None):
    values = pd.Series(cells, dtype=object)
    return infer_column(values, header, np.arange(2, len(cells) + 2), decimal=decimal,
                        filled=values.notna().to_numpy())


def assert_same(together, alone_typed, alone_profile) -> None:
    typed, profile = together
    assert typed.dtype == alone_typed.dtype == np.float64 and len(typed) == len(alone_typed)
    assert (typed.view(np.int64) == alone_typed.to_numpy().view(np.int64)).all()
    assert profile == alone_profile


@pytest.mark.parametrize("decimal", (None, ".", ","))
def test_each_edge_text_in_a_plain_column_is_typed_as_alone(decimal) -> None:
    """Every edge text once in a column of whole numbers and once among decimals, beside a column of
    decimals (one parse serves all columns: a text must read the same whatever its neighbours)."""
    for edge in EDGE:
        for base in (["12", "-3", "250"], ["0.5", "12", "-3.25"]):
            cols = [base + [edge], ["3.25", "1", "7.5", "2"]]
            frame = pd.DataFrame({f"c{i}": pd.Series(cells, dtype=object) for i, cells in enumerate(cols)})
            done = type_plain_columns(frame, frame.notna().to_numpy(), ["Amount", "Value"], decimal, set())
            for i, together in done.items():
                assert_same(together, *alone(cols[i], "Amount" if i == 0 else "Value", decimal))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(columns(), st.sampled_from((None, ".", ",")))
def test_columns_typed_together_are_typed_as_alone(table, decimal) -> None:
    """Random tables of up to six columns under every kind of header (about 3-5 s: each column is also
    typed alone by infer_column, about 5 ms a column, 60 tables)."""
    n_rows, cols = table
    frame = pd.DataFrame({f"c{i}": pd.Series(cells, dtype=object) for i, (_, cells) in enumerate(cols)})
    headers = [header for header, _ in cols]
    done = type_plain_columns(frame, frame.notna().to_numpy(), headers, decimal, set())
    for i, together in done.items():
        assert_same(together, *alone(cols[i][1], headers[i], decimal))


def test_plain_columns_are_typed_together_and_the_others_left() -> None:
    cells = {"a": ["1.5", None, "-2"], "flags": ["0", "1", "0"], "zeros": ["007", "1", "2"], "ids": ["1", "2", "3"],
             "blank": [None, None, None], "mixed": ["1", "x", "2"], "chosen": ["1", "2", "3"]}
    frame = pd.DataFrame(cells, dtype=object)
    headers = ["Amount", "Senior", "Code", "Ticket ID", "Notes", "Score", "Count"]
    done = type_plain_columns(frame, frame.notna().to_numpy(), headers, None, {6})
    assert sorted(done) == [0, 4]
    assert done[0][0].tolist()[::2] == [1.5, -2.0] and done[0][1].col_type == "number"
    assert done[4][1].col_type == "empty" and done[4][1].n_missing == 3


def test_a_wide_file_reads_the_same_with_and_without_typing_together(tmp_path, monkeypatch) -> None:
    rng = np.random.default_rng(16)
    numbers = rng.integers(-5000, 100000, size=(30, 30))
    header = ",".join(f"Value {j}" for j in range(30)) + ",Ticket ID,Flag,Day,Blank\n"
    lines = [",".join(f"{v / 100:.2f}" if j % 2 else str(v) for j, v in enumerate(row))
             + f",{r:05d},{r % 2},2024-01-{r % 28 + 1:02d},\n" for r, row in enumerate(numbers.tolist())]
    path = tmp_path / "wide.csv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    typed_together: list[int] = []
    real = reader.type_plain_columns
    monkeypatch.setattr(reader, "type_plain_columns", lambda *a: typed_together.append(len(d := real(*a))) or d)
    together = reader.read_table(path)
    monkeypatch.setattr(reader, "type_plain_columns", lambda *a: {})
    one_by_one = reader.read_table(path)
    assert typed_together == [31]           # the 30 number columns and the blank one
    pd.testing.assert_frame_equal(together.frame, one_by_one.frame, check_exact=True)
    assert together.columns == one_by_one.columns
    assert [p.col_type for p in together.columns[-4:]] == ["id", "boolean", "datetime", "empty"]


NATIVE_PLAIN = (0, 1, 2, 250, -3, 0.0, 1.0, -0.0, 2.5, -3.25, 45000, 0.25, 1234567890123.5, 10**13, 99999999999999.0)
NATIVE_EDGE = (10**14, 1e15, 2**53, 2**60, -2**53, float("nan"), float("inf"), True, False, "x", "", " 5", "n/a",
               dt.datetime(2024, 1, 31), dt.time(10, 15), dt.timedelta(minutes=5), np.float64(1.5), None)


@pytest.mark.parametrize("header", ("Amount", "Count", "Senior", "Ticket ID", "Date", "Time", "Talk time (min)"))
def test_each_workbook_cell_in_a_column_of_numbers_is_typed_as_alone(header) -> None:
    """Every edge cell once in a column of whole numbers and once in one of decimals (and a column of 0/1)."""
    bases = ([12, -3, 250], [0.5, 12, -3.25], [0, 1, 0], [45000, 45001.5, 45002])
    cols = [base + [edge] for base in bases for edge in NATIVE_EDGE + NATIVE_PLAIN] + [[None] * 4]
    frame = pd.DataFrame({f"c{i}": pd.Series(cells, dtype=object) for i, cells in enumerate(cols)})
    done = type_workbook_numbers(frame, [header] * len(cols), set())
    assert done or header in ("Ticket ID", "Date", "Time", "Talk time (min)")
    for i, together in done.items():
        values = pd.Series(cols[i], dtype=object)
        assert_same(together, *infer_column(values, header, np.arange(2, len(cols[i]) + 2)))


def test_long_columns_of_mostly_distinct_numbers_are_typed_as_alone() -> None:
    """Past 5,000 rows infer_column parses a column of mostly distinct texts whole and counts its distinct
    texts through their values ('1' and '1.0' are one number, two texts): the same count here."""
    rng = np.random.default_rng(7)
    decimals = [f"{v / 100:.2f}" for v in rng.integers(0, 10**7, 6000).tolist()]
    decimals[:4] = ["1", "1.0", "1.00", "1"]
    whole = [str(v) for v in rng.integers(-10**6, 10**6, 6000).tolist()]
    gaps = [None if v % 7 == 0 else t for v, t in enumerate(whole)]
    frame = pd.DataFrame({"a": decimals, "b": whole, "c": gaps}, dtype=object)
    done = type_plain_columns(frame, frame.notna().to_numpy(), ["Amount", "Value", "Total"], None, set())
    assert sorted(done) == [0, 1, 2]
    for i, cells in enumerate((decimals, whole, gaps)):
        assert_same(done[i], *alone(cells, ["Amount", "Value", "Total"][i], None))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PLAIN + EDGE + ("\x00", "1\x002", "0.", "-", ".")), max_size=8),
       st.sampled_from((".", ",")))
def test_the_possessive_patterns_match_what_the_backtracking_ones_match(cells, mark) -> None:
    """The plain-number patterns repeat possessively (no state kept per cell); each repeat is one whole cell,
    so they accept exactly the joined cells the same patterns with a backtracking repeat accept."""
    import re

    from metrics_core.ingest import number_columns

    joined = "".join("\x00" + cell for cell in cells)
    for possessive in (number_columns._PLAIN[mark], number_columns._EIGHT_DIGITS):
        backtracking = re.compile(possessive.pattern.removesuffix("+"))
        assert bool(possessive.fullmatch(joined)) == bool(backtracking.fullmatch(joined))


def test_number_cells_are_matched_without_memory_per_cell() -> None:
    """A backtracking repeat kept about 430 bytes a cell (a million cells +480 MiB, 10,000,000 callers'
    numbers several GB); a long column is also matched a piece at a time, and a word in its last piece
    still leaves it to the full rules."""
    import tracemalloc

    from metrics_core.ingest.number_columns import _PLAIN, _all_match

    texts = np.array(["1", "2", "3", "4", "5"] * 40_000, dtype=object)     # (backtracking: 84 MiB)
    tracemalloc.start()
    matched = _all_match(_PLAIN["."], texts)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert matched and peak < 8 * 2**20, f"{peak / 2**20:.0f} MiB traced"
    last_word = texts.copy()
    last_word[-1] = "five"
    frame = pd.DataFrame({"a": texts, "b": last_word}, dtype=object)
    done = type_plain_columns(frame, np.ones(frame.shape, dtype=bool), ["Replies", "Reopens"], None, set())
    assert sorted(done) == [0] and done[0][1].n_distinct == 5 and done[0][1].examples == ["1", "2", "3"]

"""Columns typed from the text parser's bytes give exactly what typing their strings gives (issue 15).

Time stamps (:func:`metrics_core.ingest.types.infer_date_bytes`) and plain whole numbers
(``number_columns``: a caller's number) held as ``S<width>`` are typed without a string made of each
value. The reference is the same column made strings and typed the ordinary way (:func:`infer_column`,
:func:`type_plain_columns` given strings): typed values bit for bit, profiles field by field. Where the
bytes' way is not sure it must say so (``None``) and leave the column to the strings, and the ordinary
cases must take it (else the tests below would pass without testing it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.ingest import column_dtypes, numeric_dates, reader, text_reader
from metrics_core.ingest.column_dtypes import is_clean
from metrics_core.ingest.number_columns import type_plain_columns
from metrics_core.ingest.source_text import column_text
from metrics_core.ingest.types import infer_column, infer_date_bytes

ROWS = 6000         # past the 5,000 rows under which a column is factorized, not parsed whole


def as_bytes(texts: list[str | None]) -> np.ndarray:
    return np.array([(t or "").encode() for t in texts])


def both_ways(texts: list[str | None], header: str = "Created at", dayfirst: bool | None = None):
    """(the bytes' way or None, the strings' way) of one column."""
    column = as_bytes(texts)
    filled = column != b""
    assert is_clean(column)                 # (the reader takes the bytes' way for clean columns only)
    fast = infer_date_bytes(column, filled, header, np.arange(2, len(texts) + 2), pd.RangeIndex(len(texts)),
                            dayfirst=dayfirst)
    strings = pd.Series(column_text(pd.Series(column)), dtype=object)
    slow = infer_column(strings, header, np.arange(2, len(texts) + 2), dayfirst=dayfirst, filled=filled, clean=True)
    return fast, slow


def assert_same(fast, slow) -> None:
    pd.testing.assert_series_equal(fast[0], slow[0], check_exact=True)
    assert fast[1].to_dict() == slow[1].to_dict()


def stamps(n: int = ROWS, fmt: str = "%Y-%m-%d %H:%M:%S", step: str = "37min", start: str = "2025-01-01") -> list[str]:
    return list(pd.date_range(start, periods=n, freq=step).strftime(fmt))


def with_gaps(texts: list[str], every: int = 3) -> list[str | None]:
    return [None if i % every == 1 else t for i, t in enumerate(texts)]


TAKEN = {
    "iso": (stamps(), None),
    "iso with empty cells": (with_gaps(stamps()), None),
    "day-first, a day above 12": (stamps(fmt="%d.%m.%Y %H:%M"), None),
    "day-first by the hint": (stamps(fmt="%d.%m.%Y %H:%M"), True),
    "no day above 12, no hint": (stamps(fmt="%d/%m/%Y %H:%M", step="7min"), None),
    "no day above 12, month first by the hint": (stamps(fmt="%d/%m/%Y %H:%M", step="7min"), False),
    "seconds that repeat": ([t for t in stamps(ROWS // 2, step="1s") for _ in range(2)][:ROWS - 500]
                            + stamps(500, start="2026-01-01"), None),
    "unpadded fields": ([t.replace("-0", "-").replace(" 0", " ") for t in stamps()], None),
    "a second of 60 (pandas reads it)": (stamps()[:-3] + ["2025-06-01 10:00:60"] * 3, None),
    "a year before 1900 (pandas reads it)": (["1850-01-01 10:00:00"] + stamps()[1:], None),
    "without seconds": (stamps(fmt="%Y-%m-%d %H:%M"), None),
    "english month names (pandas reads them)": (stamps(fmt="%d %b %Y %H:%M"), None),
}


@pytest.mark.parametrize("case", sorted(TAKEN))
def test_time_stamps_from_bytes_are_typed_as_their_strings(case) -> None:
    texts, dayfirst = TAKEN[case]
    fast, slow = both_ways(texts, dayfirst=dayfirst)
    assert fast is not None and slow[1].col_type == "datetime"
    assert_same(fast, slow)


LEFT = {
    "an impossible day": stamps()[:-1] + ["2025-02-30 10:00:00"],
    "a word": ["soon"] + stamps()[1:],
    "two formats": stamps(ROWS // 2) + stamps(ROWS // 2, fmt="%d.%m.%Y %H:%M:%S", start="2026-03-01"),
    "slovenian month names": [t.replace("January", "januar").replace("February", "februar")
                              for t in stamps(fmt="%d. %B %Y %H:%M")],
    "utc offsets": [t + " +0100" for t in stamps()],
    "times of day only": stamps(fmt="%H:%M:%S", step="1s"),
    "mostly repeated": [stamps(40)[i % 40] for i in range(ROWS)],
    "short": stamps(100),
}


@pytest.mark.parametrize("case", sorted(LEFT))
def test_columns_the_bytes_way_is_not_sure_of_are_left_to_the_strings(case) -> None:
    fast, _slow = both_ways(LEFT[case])
    assert fast is None


def test_an_id_header_is_left_to_the_strings() -> None:
    fast, slow = both_ways(stamps(), header="Ticket ID")
    assert fast is None and slow[1].col_type == "id"


@st.composite
def stamp_columns(draw):
    """A column of time stamps written one way (padded or not, day or month or year first), with empty
    cells, repeats and a few odd values among them."""
    fmt = draw(st.sampled_from(["%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                                "%Y/%m/%d %H:%M"]))
    step = draw(st.sampled_from(["1s", "17s", "7min", "5h"]))
    texts: list[str | None] = stamps(ROWS, fmt=fmt, step=step, start=draw(st.sampled_from(["2024-02-27", "2025-12-31"])))
    if draw(st.booleans()):
        texts = [t.replace("/0", "/").replace(".0", ".") for t in texts]
    odd = st.sampled_from(["2025-02-29 10:00:00", "31.04.2025 10:00", "13/13/2025 10:00", "2025-01-01 24:00:00",
                           "00.01.2025 10:00", "2025-06-01 10:00:60", "1.1.2025 1:00", "1850-01-01 10:00:00"])
    for at in draw(st.lists(st.integers(0, ROWS - 1), max_size=3)):
        texts[at] = draw(odd)
    gaps = draw(st.sampled_from([0, 2, 5]))
    return with_gaps(texts, gaps) if gaps else texts, draw(st.sampled_from([None, True, False]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(stamp_columns())
def test_random_stamp_columns_are_typed_as_their_strings(column) -> None:
    """About 1 s a column of 6,000 values each way; 25 columns."""
    texts, dayfirst = column
    fast, slow = both_ways(texts, dayfirst=dayfirst)
    if fast is not None:
        assert_same(fast, slow)


def test_stamps_are_read_in_pieces_as_whole(monkeypatch) -> None:
    texts = stamps(fmt="%d.%m.%Y %H:%M")
    texts[10:20] = [t.replace(".0", ".") for t in texts[10:20]]       # another digit layout in one piece only
    whole = numeric_dates.parse_bytes(as_bytes(texts), "%d.%m.%Y %H:%M")
    monkeypatch.setattr(numeric_dates, "PIECE_ROWS", 64)
    pieces = numeric_dates.parse_bytes(as_bytes(texts), "%d.%m.%Y %H:%M")
    np.testing.assert_array_equal(whole[0], pieces[0])
    assert whole[1].all() and pieces[1].all()


# ------------------------------------------------------------------------------------- whole numbers
def typed_both_ways(columns: dict[str, list[str | None]], headers: list[str]):
    """type_plain_columns of ``columns`` held as bytes, and as strings."""
    as_text = pd.DataFrame({name: pd.Series(cells, dtype=object) for name, cells in columns.items()})
    compact = pd.DataFrame({name: pd.Series(as_bytes(cells), copy=False) for name, cells in columns.items()},
                           copy=False)         # (as the text reader holds them: ``S<width>`` columns)
    assert all(dtype.kind == "S" for dtype in compact.dtypes)
    filled = as_text.notna().to_numpy()
    return (type_plain_columns(compact, filled, headers, None, set()),
            type_plain_columns(as_text, filled, headers, None, set()))


def test_callers_numbers_from_bytes_are_typed_as_their_strings(monkeypatch) -> None:
    rng = np.random.default_rng(5)
    callers = [str(v) for v in rng.integers(38640000000, 38640009999, ROWS)]
    columns = {"Caller": callers, "Calls": with_gaps([str(v) for v in rng.integers(0, 40, ROWS)]),
               "Zero": ["0"] * ROWS, "Eight": [str(v) for v in rng.integers(10**7, 10**8, ROWS)],
               "Flag": [str(v) for v in rng.integers(0, 2, ROWS)], "Padded": ["007"] + callers[1:],
               "Signed": ["-5"] + callers[1:], "Decimal": ["1.5"] + callers[1:], "Long": ["12345678901234"] + callers[1:]}
    made = []
    monkeypatch.setattr("metrics_core.ingest.number_columns.column_text",
                        lambda column: (column.dtype.kind == "S" and made.append(column.name)) or column_text(column))
    from_bytes, from_strings = typed_both_ways(columns, list(columns))
    assert sorted(from_bytes) == sorted(from_strings) == [0, 1, 2, 6, 7]    # 8 digits, flags, 007, 14 digits left
    for i, (typed, profile) in from_strings.items():
        assert (from_bytes[i][0].view(np.int64) == typed.view(np.int64)).all()
        assert from_bytes[i][1] == profile
    assert made == ["Padded", "Signed", "Decimal", "Long"]        # strings made of these only
    assert from_bytes[0][1].n_distinct == len(set(callers))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 10**13).map(str),
                          st.sampled_from(["0", "00", "-1", "1.0", "7", "12345678", "99999999"])), min_size=1, max_size=60))
def test_random_digit_columns_from_bytes_are_typed_as_their_strings(cells) -> None:
    from_bytes, from_strings = typed_both_ways({"Amount": cells}, ["Amount"])
    assert sorted(from_bytes) == sorted(from_strings)
    for i, (typed, profile) in from_strings.items():
        assert (from_bytes[i][0].view(np.int64) == typed.view(np.int64)).all() and from_bytes[i][1] == profile


def test_plain_whole_numbers_reads_digits_only() -> None:
    assert column_dtypes.plain_whole_numbers(np.array([b"1234567890123", b"0", b"10"]), 13).tolist() == \
        [1234567890123, 0, 10]
    for odd in (b"01", b"1 ", b"+1", b"1e3", b"\xc5\xa01", b"12345678901234"):
        assert column_dtypes.plain_whole_numbers(np.array([b"5", odd]), 13) is None


# ------------------------------------------------------------------------------------------ reading
def test_start_times_that_repeat_are_read_as_bytes_and_read_the_same(tmp_path, monkeypatch) -> None:
    """A call log's start times repeat now and then (a tenth of the sample here): read as bytes all the same,
    typed from them, and the table is the one the all-text reading gives."""
    starts = [t for t in stamps(ROWS, step="3s") for _ in range(1)]
    starts = [starts[i - 1] if i % 10 == 3 else t for i, t in enumerate(starts)]
    rows = ["Call ID,Start time,Caller,Queue"] + [f"C{i},{t},3864{i % 997:07d},Sales" for i, t in enumerate(starts)]
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sample = [row.split(",") for row in rows[1:121]]
    assert column_dtypes.parser_dtypes(sample)[1] == "S31"
    typed_from_bytes = []
    real = reader.infer_date_bytes
    monkeypatch.setattr(reader, "infer_date_bytes", lambda *a, **k: typed_from_bytes.append(r := real(*a, **k)) or r)
    fast = reader.read_table(path)
    monkeypatch.setattr(text_reader, "parser_dtypes", lambda sample: {})
    slow = reader.read_table(path)
    assert [r is not None for r in typed_from_bytes] == [False, True]      # (the ids, the start times)
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    pd.testing.assert_frame_equal(fast.raw, slow.raw)
    assert [c.to_dict() for c in fast.columns] == [c.to_dict() for c in slow.columns]


def test_repeated_callers_share_one_string_and_read_the_same() -> None:
    """``id_strings`` (the canonical caller id from bytes) gives the texts ``strings_of`` gives, a repeated
    number one object; texts that are not plain whole numbers (leading zero, sign) are each made as before."""
    rng = np.random.default_rng(3)
    callers = as_bytes([str(v) if v % 7 else None for v in rng.integers(38640000000, 38640002000, ROWS)])
    shared = column_dtypes.id_strings(callers)
    assert shared.tolist() == column_dtypes.strings_of(callers)[0].tolist()
    assert len({id(s) for s in shared if s is not None}) == len(set(callers.tolist()) - {b""})
    for odd in (b"038640000001", b"-5"):
        column = np.concatenate([callers, [odd, odd]])
        assert column_dtypes.id_strings(column).tolist() == column_dtypes.strings_of(column)[0].tolist()

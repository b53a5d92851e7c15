"""Columns long enough (>= 5000 cells) to take the whole-column way for mostly distinct texts.

Small columns are always split into distinct values; ids and timestamps of big files
are cleaned and parsed as a whole and their distinct texts counted through sorted keys.
Every expectation here is worked out with plain Python on the same cells.
"""

import datetime as dt

import numpy as np
import pandas as pd

from metrics_core.ingest.types import MISSING_MARKERS, infer_column

N = 6000


def infer(cells, header):
    return infer_column(pd.Series(cells, dtype=object), header, list(range(2, len(cells) + 2)))


def plain_clean(cell):
    """What a person means by the cell: stripped text, or None for blanks and missing markers."""
    if cell is None:
        return None
    text = cell.strip()
    return None if text.lower() in MISSING_MARKERS else text


def test_ids_with_spaces_markers_and_blanks():
    cells = [str(500000 + i) for i in range(N)]
    cells[3], cells[10], cells[11], cells[12] = "  500003 ", "n/a", None, "#N/A"
    cells[20] = "\t500020"
    typed, profile = infer(cells, "Ticket ID")
    expected = [plain_clean(c) for c in cells]
    assert profile.col_type == "id"
    assert typed.isna().tolist() == [e is None for e in expected]
    assert typed.dropna().tolist() == [e for e in expected if e is not None]
    assert typed.iloc[3] == "500003" and typed.iloc[20] == "500020"
    assert profile.n_missing == 3 and profile.n_values == N - 3
    assert profile.n_distinct == len({e for e in expected if e is not None})
    assert profile.examples == ["500000", "500001", "500002"]


def test_distinct_count_of_ids_longer_than_eight_characters_or_not_ascii():
    long_ids = [f"ORD-{i:08d}" for i in range(N)]
    long_ids[5] = long_ids[4]
    _, profile = infer(long_ids, "Order ID")
    assert profile.n_distinct == len(set(long_ids)) == N - 1
    local = [f"Š{i}" for i in range(N)]
    local[7] = local[6]
    _, profile = infer(local, "Šifra")
    assert profile.n_distinct == N - 1


def test_short_ids_that_differ_only_after_eight_characters_are_distinct():
    cells = [f"{i:06d}" for i in range(N)]
    cells[0], cells[1] = "AB123456X", "AB123456Y"     # same first 8 characters
    _, profile = infer(cells, "Reference")
    assert profile.n_distinct == len(set(cells)) == N


def test_timestamps_with_repeats_garbage_and_markers():
    start = dt.datetime(2024, 1, 1, 8, 0, 0)
    cells = [(start + dt.timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M:%S") for i in range(N)]
    cells[100] = cells[99]                      # a repeated moment
    cells[200] = " " + cells[200] + " "          # spaces around a value are not part of it
    cells[300], cells[301], cells[302] = "soon", "soon", "-"
    cells[400] = None
    typed, profile = infer(cells, "Created at")
    assert profile.col_type == "datetime"
    expected = []
    for cell in cells:
        text = plain_clean(cell)
        try:
            expected.append(dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S") if text else None)
        except ValueError:
            expected.append(None)
    got = [None if pd.isna(v) else v.to_pydatetime() for v in typed]
    assert got == expected
    assert profile.n_missing == 2 and profile.n_failed == 2
    assert [(f.row, f.value) for f in profile.failures] == [(302, "soon"), (303, "soon")]
    present = [plain_clean(c) for c in cells if plain_clean(c) is not None]
    assert profile.n_distinct == len(set(present)) == N - 4


def test_timestamp_texts_that_differ_but_mean_the_same_moment_are_counted_apart():
    start = dt.datetime(2024, 3, 1)
    cells = [(start + dt.timedelta(hours=i)).strftime("%Y-%m-%d %H:%M") for i in range(N)]
    cells[50] = cells[49].replace("-0", "-", 1)     # "2024-3-03 01:00" parses like "2024-03-03 01:00"
    typed, profile = infer(cells, "Closed at")
    assert typed.iloc[50] == typed.iloc[49]
    assert profile.n_distinct == len(set(cells)) == N


def test_numbers_with_signed_zero_and_repeats():
    rng = np.random.default_rng(3)
    cells = [f"{v:.3f}" for v in rng.normal(50, 20, N)]
    cells[0], cells[1], cells[2], cells[3] = "0", "-0", "0.0", cells[4]
    typed, profile = infer(cells, "Amount")
    assert profile.col_type == "number"
    assert typed.tolist() == [float(c) for c in cells]
    assert profile.n_distinct == len(set(cells))


def test_every_value_twice_is_parsed_per_distinct_value_with_the_same_result():
    ids = [f"T-{i:05d}" for i in range(N // 2)]
    cells = [v for v in ids for _ in range(2)]
    typed, profile = infer(cells, "Ticket")
    assert profile.n_distinct == N // 2
    assert profile.col_type == "text"
    assert typed.tolist() == cells


def test_odd_spaces_inside_numbers_of_a_long_column():
    cells = [f"{1000 + i}\u00a0{i % 1000:03d},50" for i in range(N)]
    typed, profile = infer(cells, "Revenue")
    assert profile.col_type == "number"
    assert typed.iloc[7] == float(f"{1007}{7:03d}.5")
    assert profile.n_failed == 0


def test_one_leading_zero_among_thousands_of_numbers_keeps_the_column_as_ids():
    cells = [str(1000 + i) for i in range(3000)]
    _, profile = infer(cells, "Value")
    assert profile.col_type == "number"
    cells[1234] = "0042"
    typed, profile = infer(cells, "Value")
    assert (profile.col_type, profile.detail) == ("id", "leading zeros")
    assert typed.iloc[1234] == "0042"


def test_phone_numbers_and_apostrophes_in_long_columns():
    phones = [f"+38641{i:06d}" for i in range(3000)]
    typed, profile = infer(phones, "Contact")
    assert (profile.col_type, profile.detail) == ("id", "phone numbers")
    assert typed.tolist() == phones
    marked = [f"'{i}" if i % 5 else str(i) for i in range(3000)]
    typed, profile = infer(marked, "Value")
    assert (profile.col_type, profile.detail) == ("id", "leading apostrophe removed")
    assert typed.iloc[1] == "1" and typed.iloc[5] == "5"


def test_long_zero_one_columns_are_flags_unless_a_third_value_appears():
    cells = ["1" if i % 3 else "0" for i in range(N)]
    typed, profile = infer(cells, "SeniorCitizen")
    assert profile.col_type == "boolean"
    assert typed.tolist() == [c == "1" for c in cells]
    cells[10] = "2"
    _, profile = infer(cells, "SeniorCitizen")
    assert profile.col_type == "number"


def test_distinct_count_of_ids_up_to_16_characters():
    cells = [f"INV-2024-{i % (N - 7):06d}" for i in range(N)] + ["INV-2024-00000", "short", "sixteen-chars-ok"]
    typed, profile = infer(cells, "Invoice ID")
    assert profile.col_type == "id"
    assert profile.n_distinct == len(set(cells))

"""Value-shape evidence for columns whose headers say nothing."""

import pandas as pd

from metrics_core.catalogue import kind
from metrics_core.mapping.values import column_shapes, parse_datetime_fallback, score_header_allowed, value_candidates

from .helpers import make_table


def _cands(table, kind_name):
    return {(c.field, c.column): c for c in value_candidates(kind(kind_name), column_shapes(table))}


def test_score_ranges():
    t = make_table({"A": ["0", "10", "7", "9"], "B": ["1", "5", "3", "2"], "C": ["1", "7", "4", "2"],
                    "D": ["1", "2", "3", "4"]})
    c = _cands(t, "surveys")
    assert ("nps_score", "A") in c and ("csat_score", "B") in c and ("ces_score", "C") in c
    assert not any(col == "D" for _, col in c)                   # 1-4 is no known scale


def test_headers_that_veto_scores():
    assert not score_header_allowed("Month") and not score_header_allowed("Customer Age")
    assert not score_header_allowed("Broj poziva") and score_header_allowed("Q3")


def test_rating_labels_status_outcome_and_channel_values():
    t = make_table({"R": ["Good", "Bad", "Offered", "Good"], "S": ["Open", "Solved", "Closed", "Open"],
                    "O": ["ANSWERED", "BUSY", "NO ANSWER", "ANSWERED"], "Ch": ["Email", "Phone", "Chat", "Email"]})
    tickets = _cands(t, "tickets")
    assert ("csat_score", "R") in tickets and ("status", "S") in tickets and ("channel", "Ch") in tickets
    assert ("outcome", "O") in _cands(t, "calls")


def test_unique_values_suggest_an_id():
    t = make_table({"Ref": [f"X{i}" for i in range(30)], "Grp": ["a", "b", "c"] * 10})
    c = _cands(t, "tickets")
    assert ("ticket_id", "Ref") in c and ("ticket_id", "Grp") not in c


def test_datetime_order_and_the_gap_rule():
    t = make_table({"T1": ["2024-01-01 08:00", "2024-01-02 08:00"], "T2": ["2024-01-01 09:00", "2024-01-02 09:30"],
                    "T3": ["2024-01-03 10:00", "2024-01-04 10:00"]})
    c = _cands(t, "tickets")
    assert ("created_at", "T1") in c and ("first_response_at", "T2") in c and ("resolved_at", "T3") in c
    far = make_table({"Bought": ["2020-01-01", "2020-02-01"], "Resp": ["2023-06-01 10:00", "2023-06-01 11:00"]})
    assert ("created_at", "Bought") not in _cands(far, "tickets")         # years apart: not a creation time


def test_fallback_date_formats():
    parsed, fmt = parse_datetime_fallback(pd.Series(["19970101", "19980630", None]))
    assert fmt == "%Y%m%d" and parsed.iloc[1] == pd.Timestamp("1998-06-30") and pd.isna(parsed.iloc[2])
    assert parse_datetime_fallback(pd.Series(["hello", "world"]))[1] is None


def test_call_flags_and_durations_without_known_headers():
    t = make_table({"Klic": ["k1", "k2", "k3"], "Kdaj": ["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-01 12:00"],
                    "Ok?": ["Y", "N", "Y"], "Koliko": ["0:02:00", "0:00:00", "0:05:10"]})
    c = _cands(t, "calls")
    assert ("answered", "Ok?") in c and ("talk_s", "Koliko") in c
    from metrics_core.mapping.detect import detect_mapping
    m = detect_mapping(t, kind="calls")
    assert m.column_for("answered") == "Ok?" and m.column_for("talk_s") == "Koliko"


def test_number_columns_are_counted_as_worked_out_by_hand():
    t = make_table({"A": ["1", "2", "2", None, "5"], "B": ["0", "1", "1", "0", None], "C": ["1.5", "-2", "-2", "3", "-0"],
                    "D": [None] * 5, "E": ["20240131", "20231201", "20240229", "19991231", "20240131"]})
    shapes = column_shapes(t)
    a, b, c, d, e = (shapes[k] for k in "ABCDE")
    assert (a.n, a.distinct, a.vmin, a.vmax, a.whole, a.zero_one) == (4, 3, 1.0, 5.0, True, False)
    assert (b.n, b.distinct, b.whole, b.zero_one) == (4, 2, True, True)
    assert (c.n, c.distinct, c.vmin, c.vmax, c.whole) == (5, 4, -2.0, 3.0, False)    # 1.5, -2, 3, 0
    assert d.n == 0 and d.vmin is None and d.distinct == 0
    assert e.yyyymmdd and e.distinct == 4 and not a.yyyymmdd
    assert a.examples == ("1", "2", "2", "5") and a.small_ints and not e.small_ints


def test_compact_dates_need_98_percent_of_the_values():
    t = make_table({"49 of 50": ["20240131"] * 49 + ["later"], "48 of 50": ["20240131"] * 48 + ["x", "y"]})
    shapes = column_shapes(t)
    assert shapes["49 of 50"].yyyymmdd and not shapes["48 of 50"].yyyymmdd


def test_two_thousand_number_columns_are_shaped_in_a_second_or_two():
    """Issue 16: at 2,000 filled columns the shapes took 10 s of CPU (pandas calls per column and question);
    the numbers are now counted a block of columns at a time."""
    import time
    from pathlib import Path

    import numpy as np

    from metrics_core.ingest.model import ColumnProfile, LoadedTable

    rows, cols = 1000, 2000
    values = (np.arange(rows)[:, None] * np.arange(cols)[None, :]) % 97
    names = [f"H{i}" for i in range(cols)]
    frame = pd.DataFrame(values.astype(float), columns=names)
    raw = pd.DataFrame(values.astype(str).astype(object), columns=names)
    table = LoadedTable(Path("wide.csv"), "csv", frame, raw, [ColumnProfile(n, n, "number") for n in names],
                        list(range(2, rows + 2)), header_rows=[0])
    start = time.process_time()
    shapes = column_shapes(table)
    cpu = time.process_time() - start
    first, last = shapes["H0"], shapes["H1999"]
    assert (first.n, first.distinct, first.vmin, first.vmax) == (1000, 1, 0.0, 0.0) and first.zero_one
    assert (last.distinct, last.vmin, last.vmax, last.whole) == (97, 0.0, 96.0, True)   # 1999 is prime to 97
    assert cpu < 4.0, f"{cpu:.1f} s of CPU"

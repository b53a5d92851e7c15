"""Whole-table typing, category versus text, forced types, progress and cancellation."""

import numpy as np
import pandas as pd
import pytest

from metrics_core.errors import OperationCancelled
from metrics_core.ingest.model import COLUMN_TYPES
from metrics_core.ingest.types import infer_column, infer_frame
from metrics_core.progress import Reporter


def infer(values, header="Value", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


def test_category_when_few_values_repeat():
    typed, profile = infer(["Open", "Closed", "Open", "Pending", "Open", "Closed"], "Status")
    assert profile.col_type == "category"
    assert profile.n_distinct == 3
    assert typed.tolist() == ["Open", "Closed", "Open", "Pending", "Open", "Closed"]


def test_text_when_values_are_mostly_different():
    cells = ["Printer broken", "Cannot log in", "Refund please", "Printer broken"]
    typed, profile = infer(cells, "Subject")
    assert profile.col_type == "text"
    assert typed.tolist() == cells


def test_text_columns_use_pandas_strings_with_missing():
    typed, profile = infer(["a b", None, "c d", " "], "Comment")
    assert pd.api.types.is_string_dtype(typed.dtype)
    assert typed.isna().tolist() == [False, True, False, True]
    assert profile.n_missing == 2


def test_more_than_fifty_distinct_is_text():
    cells = [f"Agent {i % 60}" for i in range(600)]
    _, profile = infer(cells, "Agent")
    assert profile.col_type == "text"
    cells = [f"Agent {i % 40}" for i in range(600)]
    _, profile = infer(cells, "Agent")
    assert profile.col_type == "category"


def test_index_is_kept():
    values = pd.Series(["1,5", "2,5"], index=[7, 9], dtype=object)
    typed, _ = infer_column(values, "Amount", [8, 10])
    assert typed.index.tolist() == [7, 9]
    assert typed.tolist() == [1.5, 2.5]


def test_pandas_string_dtype_input():
    values = pd.Series(["2026-01-02", None, "2026-01-03"], dtype="str")
    typed, profile = infer_column(values, "Date", [2, 3, 4])
    assert profile.col_type == "datetime" and profile.n_missing == 1
    assert typed.iloc[2] == pd.Timestamp(2026, 1, 3)


def test_infer_frame_types_every_column_and_keeps_labels():
    raw = pd.DataFrame(
        {
            "Ticket ID": ["0012", "0013", "0014"],
            "Created at": ["13.01.2025 16:48", "14.01.2025 08:00", "n/a"],
            "Answered (Y/N)": ["Y", "N", "Y"],
            "Wait (s)": ["12", "30,5", ""],
            "Status": ["Open", "Open", "Open"],
        },
        index=[0, 1, 2],
        dtype=object,
    )
    frame, profiles = infer_frame(raw, [3, 4, 5], decimal=",")
    assert list(frame.columns) == list(raw.columns)
    assert [p.col_type for p in profiles] == ["id", "datetime", "boolean", "duration", "category"]
    assert frame["Ticket ID"].tolist() == ["0012", "0013", "0014"]
    assert frame["Created at"].iloc[0] == pd.Timestamp(2025, 1, 13, 16, 48)
    assert frame["Wait (s)"].iloc[1] == 30.5
    assert frame["Answered (Y/N)"].tolist() == [True, False, True]


def test_infer_frame_with_duplicate_labels():
    raw = pd.DataFrame([["1", "x"], ["2", "y"]], columns=["Comment", "Comment"], dtype=object)
    frame, profiles = infer_frame(raw, [2, 3])
    assert list(frame.columns) == ["Comment", "Comment"]
    assert profiles[0].col_type == "number" and frame.iloc[:, 1].tolist() == ["x", "y"]


def test_infer_frame_forced_types_by_name():
    raw = pd.DataFrame({"Code": ["1", "2"], "Score": ["1", "0"]}, dtype=object)
    frame, profiles = infer_frame(raw, [2, 3], forced_types={"Code": "text", "Score": "boolean"})
    assert [p.col_type for p in profiles] == ["text", "boolean"]
    assert frame["Code"].tolist() == ["1", "2"] and frame["Score"].tolist() == [True, False]


def test_infer_frame_reports_progress_and_can_be_cancelled():
    raw = pd.DataFrame({"a": ["1"], "b": ["2"]}, dtype=object)
    seen = []
    infer_frame(raw, [2], reporter=Reporter(lambda f, t: seen.append(f)))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) == 3
    with pytest.raises(OperationCancelled):
        infer_frame(raw, [2], reporter=Reporter(cancelled=lambda: True))


@pytest.mark.parametrize("forced", COLUMN_TYPES)
def test_every_forced_type_is_accepted(forced):
    typed, profile = infer(["12", "n/a", "0:05:00"], "Anything", forced_type=forced)
    assert profile.col_type == forced
    assert len(typed) == 3 and pd.isna(typed.iloc[1])


def test_row_numbers_follow_the_source_not_the_position():
    values = pd.Series(["1", "2", "x1 y", "4", "5", "6"], dtype=object)
    _, profile = infer_column(values, "Count", np.array([10, 11, 13, 17, 18, 19]))
    assert profile.failures[0].row == 13


def test_profile_is_json_ready():
    import json

    _, profile = infer(["2026-01-01", "oops", "2026-01-02", "2026-01-03", "2026-01-04"], "Date")
    data = json.loads(json.dumps(profile.to_dict()))
    assert data["col_type"] == "datetime" and data["failures"] == [{"row": 3, "value": "oops"}]


def test_duplicate_index_labels_are_harmless():
    values = pd.Series(["0:01:00", "1:30", "x", "0:00:10"], index=[5, 5, 5, 6], dtype=object)
    typed, profile = infer_column(values, "Talk time", [2, 3, 4, 5], forced_type="duration")
    assert typed.index.tolist() == [5, 5, 5, 6]
    assert typed.tolist()[:2] == [60.0, 90.0] and typed.iloc[3] == 10.0
    assert profile.n_failed == 1 and profile.failures[0].row == 4


def test_undecided_date_column_follows_the_order_another_column_proves():
    # HCAHPS reports.csv: End Date 9/30/2014 can only be month-first; Start Date 10/1/2013 could be either.
    raw = pd.DataFrame({"Start Date": ["10/1/2013", "7/1/2014"], "End Date": ["9/30/2014", "6/30/2015"]})
    frame, profiles = infer_frame(raw, [2, 3])
    assert frame["Start Date"].tolist() == [pd.Timestamp(2013, 10, 1), pd.Timestamp(2014, 7, 1)]
    assert profiles[0].dayfirst is False and "End Date" in profiles[0].ambiguous


def test_phone_numbers_with_a_plus_stay_text():
    frame, profiles = infer_frame(pd.DataFrame({"From": ["+38640123450", "+38641555666", "+46701234567"]}), [2, 3, 4])
    assert profiles[0].col_type == "id"
    assert frame["From"].tolist() == ["+38640123450", "+38641555666", "+46701234567"]


def test_mixed_utc_offsets_keep_each_value_s_local_time():
    # A shop on summer time exports -0500 in winter and -0400 in summer; both orders were at 11:13 local time.
    raw = pd.DataFrame({"Created at": ["2026-03-01 11:13:25 -0500", "2026-07-01 11:13:25 -0400"]})
    frame, profiles = infer_frame(raw, [2, 3])
    assert frame["Created at"].tolist() == [pd.Timestamp("2026-03-01 11:13:25"), pd.Timestamp("2026-07-01 11:13:25")]
    assert profiles[0].tz_offset

"""Ids that are whole numbers written plainly are held as numbers in the canonical frame (about 9 bytes a row, not
a Python string of about 72) and answer every question as their texts would (issue 15: the 10,000,000-row call file
in the window)."""

import numpy as np
import pandas as pd
import pytest

from metrics_core.loading import load_dataset
from metrics_core.plain_ids import PlainIdDtype, comparable_ids, is_plain_text


def _calls_file(tmp_path, rows: int = 20_000, callers=None):
    lines = ["Call ID,Start time,Direction,Caller,Outcome,Talk time"]
    for i in range(rows):
        caller = callers(i) if callers else str(38640000000 + (7919 * i) % 5003)
        when = f"2025-01-{1 + i % 28:02d} 10:{i % 60:02d}:00"
        lines.append(f"{5000000000 + i},{when},inbound,{caller},answered,{i % 300}")
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_long_plain_number_ids_are_held_compactly_and_read_as_their_texts(tmp_path):
    path = _calls_file(tmp_path)
    frame = load_dataset(path, source_rows=False).frame
    for field in ("call_id", "caller_id"):
        ids = frame[field]
        assert isinstance(ids.dtype, PlainIdDtype), field
        assert ids.memory_usage(deep=True, index=False) <= 10 * len(ids)      # (as text: about 72 bytes a row)
        assert ids.astype("string").memory_usage(deep=True, index=False) > 50 * len(ids)
    assert frame["call_id"].iloc[0] == "5000000000" and frame["call_id"].iat[1] == "5000000001"
    assert frame["caller_id"].tolist()[:2] == ["38640000000", str(38640000000 + 7919 % 5003)]
    assert not pd.api.types.is_numeric_dtype(frame["call_id"])      # (never formatted, summed or filtered as a number)


def test_every_answer_of_plain_ids_is_the_answer_of_their_texts():
    ids = load_ids([10, 9, 10, None, 5000000000, 0, 9223372036854775807])
    text = ids.astype("string")
    assert text.tolist() == ["10", "9", "10", pd.NA, "5000000000", "0", "9223372036854775807"]
    same = pd.testing.assert_series_equal
    same((ids == "10").astype("boolean"), (text == "10").astype("boolean"))
    same((ids != "9").astype("boolean"), (text != "9").astype("boolean"))
    same((ids == "010").astype("boolean"), (text == "010").astype("boolean"))     # (no plain number: nothing equal)
    same((ids == text).astype("boolean"), (text == text).astype("boolean"))
    assert ids.isin(["10", "0", "09", "x"]).tolist() == text.isin(["10", "0", "09", "x"]).tolist()
    assert ids.nunique() == text.nunique() and ids.unique().tolist() == text.unique().tolist()
    assert ids.duplicated().tolist() == text.duplicated().tolist()
    assert ids.value_counts().to_dict() == text.value_counts().to_dict()
    assert ids.groupby(ids).size().to_dict() == text.groupby(text).size().to_dict()
    assert ids.sort_values().tolist() == text.sort_values().tolist()        # ("10" before "9", as text)
    assert ids.map({"10": "a"}).tolist() == text.map({"10": "a"}).tolist()
    assert ids.where(ids != "10").tolist() == text.where(text != "10").tolist()
    assert ids.to_numpy().tolist() == text.to_numpy().tolist() and list(ids) == list(text)
    assert ids.astype(object).tolist() == text.astype(object).tolist()
    assert ids.astype(str).tolist() == text.astype(str).tolist()
    assert ids.iloc[[3, 0]].tolist() == text.iloc[[3, 0]].tolist()
    assert ids.min() == text.min() and ids.max() == text.max()
    with_text = pd.concat([ids, pd.Series(["0386", "10"], dtype="string")], ignore_index=True)
    assert with_text.dtype == "string" and with_text.tolist()[-3:] == ["9223372036854775807", "0386", "10"]
    assert ids.to_frame().to_string() == text.to_frame().to_string()


def load_ids(values):
    from metrics_core.plain_ids import plain_ids

    return plain_ids(pd.Series(values, dtype="Int64"))


def test_ids_compared_across_tables_match_as_text():
    """A caller held as a number matches a text id only where the texts are equal: "0386…" is not 386…"""
    ids = load_ids([38640000000, 7])
    for other, equal in ((["38640000000", "7"], [True, True]), (["038640000000", "07"], [False, False])):
        held, text = comparable_ids(ids, pd.Series(other, dtype="string"))
        assert held.dtype == "string" and (held == text).tolist() == equal
    both = comparable_ids(ids, load_ids([7, 38640000000]))
    assert all(isinstance(s.dtype, PlainIdDtype) for s in both)


@pytest.mark.parametrize("written", ["0386", "+386", "-386", "386.0", " 386", "3_86", "9223372036854775808", "١٢"])
def test_ids_not_written_plainly_stay_text(tmp_path, written):
    path = _calls_file(tmp_path, rows=300, callers=lambda i: written if i == 7 else str(386 + i))
    frame = load_dataset(path, source_rows=False).frame
    assert not is_plain_text(written.strip()) or written.strip() != written
    assert frame["caller_id"].dtype == "string"
    assert isinstance(frame["call_id"].dtype, PlainIdDtype)


def test_repeat_callers_are_found_on_held_ids_as_on_their_texts(tmp_path):
    from metrics_core.metrics.common import seconds_to_next_contact

    path = _calls_file(tmp_path, rows=3_000, callers=lambda i: "" if i % 11 == 0 else str(386 + i % 400))
    frame = load_dataset(path, source_rows=False).frame
    assert isinstance(frame["caller_id"].dtype, PlainIdDtype) and frame["caller_id"].isna().sum() == 273
    held = seconds_to_next_contact(frame["caller_id"], frame["started_at"])
    text = seconds_to_next_contact(frame["caller_id"].astype("string"), frame["started_at"])
    assert np.array_equal(held, text, equal_nan=True) and np.isfinite(held).sum() > 2_000


def test_a_call_file_alone_makes_no_caller_texts_for_conversion_after_contact(tmp_path, monkeypatch):
    """Without orders, conversion after contact answers "missing" without making every caller's text (10,000,000
    callers: about 720 MB of strings for nothing)."""
    from metrics_core import plain_ids
    from metrics_core.metrics.engine import compute_metric
    from metrics_core.metrics.model import MetricInputs

    frame = load_dataset(_calls_file(tmp_path, rows=500), source_rows=False).frame
    made = []
    texts = plain_ids.PlainIdArray._texts
    monkeypatch.setattr(plain_ids.PlainIdArray, "_texts", lambda self: made.append(len(self)) or texts(self))
    result = compute_metric(MetricInputs({"calls": frame}), "conversion_after_contact")
    assert result.value is None and "order_date" in str(result.details) + str(result.reason)
    assert made == []

"""The reading child's frame reaches the window column by column (typed arrays as their bytes, category columns as
their codes, the rest pickled in pieces): the same frame comes out, and the codes the child kept come with it
(issue 15: the window's first values job factorized every category column again)."""

from __future__ import annotations

import multiprocessing
import threading

import numpy as np
import pandas as pd
import pytest

from desktop_app import frame_pipe
from desktop_app.frame_pipe import FrameParts, send_frame
from metrics_core.column_facts import keep_taken_codes, kept_codes


def _sent(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` sent through a pipe and put together again, as the window receives it."""
    here, there = multiprocessing.Pipe(duplex=False)
    sender = threading.Thread(target=lambda: (send_frame(there, "frame", frame), there.send(("done",))))
    sender.start()
    parts = FrameParts()
    while (message := here.recv())[0] != "done":
        parts.take(here, message)
    sender.join()
    return parts.frame("frame", frame.iloc[0:0])


def _coded(frame: pd.DataFrame, name: str, values: list) -> pd.DataFrame:
    """``frame`` with the text column ``name`` of ``values`` and its codes kept, as the reader makes a category
    column."""
    distinct = pd.array(sorted({v for v in values if v is not None}), dtype="string")
    codes = np.array([-1 if v is None else distinct.tolist().index(v) for v in values], dtype=np.intp)
    frame[name] = distinct.take(codes, allow_fill=True)
    keep_taken_codes(frame[name], codes, distinct)
    return frame


def _frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    statuses = [None if i % 11 == 0 else ("Open", "Closed", "Pending")[i % 3] for i in range(rows)]
    frame = pd.DataFrame({
        "ticket_id": pd.array([None if i % 13 == 0 else f"T-{i}" for i in range(rows)], dtype="string"),
        "created_at": pd.Series(pd.date_range("2024-01-01", periods=rows, freq="37min")).astype("datetime64[us]")
        .where(lambda s: s.index % 7 != 0),
        "score": np.where(np.arange(rows) % 5 == 0, np.nan, rng.integers(1, 6, rows).astype(float)),
        "replies": rng.integers(0, 9, rows),
        "escalated": np.arange(rows) % 4 == 0,
        "note": pd.Series([None if i % 3 else (i if i % 2 else f"n{i}") for i in range(rows)], dtype=object),
        "queue": pd.Categorical(["a", "b"] * (rows // 2) + ["a"] * (rows % 2)),
    })
    return _coded(frame, "status", statuses)


@pytest.mark.parametrize("rows", [0, 1, 5, 1000])
def test_the_frame_comes_back_the_same_with_its_codes(monkeypatch, rows) -> None:
    monkeypatch.setattr(frame_pipe, "PIECE_ROWS", 64)          # (several pieces a column)
    frame = _frame(rows)
    got = _sent(frame)
    pd.testing.assert_frame_equal(got, frame, check_exact=True)
    assert list(got.dtypes) == list(frame.dtypes)
    assert [type(got[c].array) for c in got] == [type(frame[c].array) for c in frame]
    assert kept_codes(frame["status"]) is not None                       # (sent as its codes)
    if rows:
        codes, uniques = kept_codes(got["status"])
        expected = pd.factorize(got["status"], use_na_sentinel=True)
        assert codes.tolist() == expected[0].tolist() and list(uniques) == list(expected[1])
        assert not codes.flags.writeable
        assert got["status"].isna().sum() == frame["status"].isna().sum() > 0


def test_a_frame_with_repeated_column_names_and_a_row_index_comes_back_numbered_from_zero() -> None:
    frame = pd.DataFrame([[1, "x", 2.5], [3, "y", np.nan]], columns=["a", "a", "b"], index=[10, 20])
    got = _sent(frame)
    pd.testing.assert_frame_equal(got, frame.reset_index(drop=True), check_exact=True)

"""Facts of a column worked out once (metrics_core.column_facts) answer what pandas answers, row by row."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core import column_facts
from metrics_core.column_facts import (codes_isin, cut_rows, kept_codes, label_counts, one_value, taken_codes,
                                       text_codes)
from metrics_core.metrics.common import duration_summary, group_durations
from metrics_core.metrics import ticket_volume
from metrics_core.metrics.ticket_volume import _items_per_agent

POOL = np.array(["Email", "email", "(none)", "Chat", "Žara", "b", " a", "Phone"], dtype=object)
DTYPES = ("string", "str", object)


def _column(rng: np.random.Generator, n: int, dtype: str | type) -> pd.Series:
    values = POOL[rng.integers(0, len(POOL), n)].astype(object)
    values[rng.random(n) < 0.2] = None
    return pd.Series(values, dtype=dtype)


@pytest.mark.parametrize("seed", range(4))
def test_label_counts_are_value_counts_of_the_labels(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(100):
        parts = [(_column(rng, int(rng.integers(0, 40)), "string"), str(rng.choice(["(none)", "Phone", "x"])))
                 for _ in range(int(rng.integers(1, 4)))]
        labels = pd.concat([part.fillna(missing) for part, missing in parts], ignore_index=True).astype(object)
        expected = labels.value_counts()
        got = label_counts(*((*pd.factorize(part, use_na_sentinel=True), missing) for part, missing in parts))
        assert list(got.items()) == list(expected.items())


def test_label_counts_of_many_labels() -> None:
    rng = np.random.default_rng(9)
    labels = pd.Series([f"agent {i}" for i in rng.integers(0, 500, 20_000)], dtype="string")
    labels[rng.random(len(labels)) < 0.1] = pd.NA
    got = label_counts((*pd.factorize(labels, use_na_sentinel=True), "(none)"))
    assert list(got.items()) == list(labels.fillna("(none)").value_counts().items())


@pytest.mark.parametrize("seed", range(4))
def test_taken_codes_are_the_factorized_column(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(200):
        values = pd.array(list(POOL[rng.integers(0, len(POOL), int(rng.integers(0, 8)))]) + [None], dtype="string")
        codes = rng.integers(-1, len(values), int(rng.integers(0, 60)))
        column = pd.Series(values.take(codes, allow_fill=True), dtype="string")
        expected_codes, expected_uniques = pd.factorize(column, use_na_sentinel=True)
        got_codes, got_uniques = taken_codes(codes, values)
        assert got_codes.tolist() == expected_codes.tolist() and got_codes.dtype == expected_codes.dtype
        assert got_uniques.tolist() == expected_uniques.tolist() and got_uniques.dtype == expected_uniques.dtype


def test_codes_are_shared_by_shallow_copies_and_let_go_with_the_column() -> None:
    import gc

    before = len(column_facts._FACTS)
    frame = pd.DataFrame({"channel": pd.array(["Email", None, "Chat"] * 10, dtype="string"), "n": range(30)})
    codes, uniques = text_codes(frame["channel"])
    assert not codes.flags.writeable
    copies = (frame.assign(x=1), pd.concat([frame, frame[["n"]].rename(columns={"n": "m"})], axis=1))
    for copy in copies:
        assert kept_codes(copy["channel"])[0] is codes
    assert kept_codes(frame["channel"].iloc[1:]) is None          # a part of the column is another column
    del frame, copies, copy, codes, uniques
    gc.collect()
    assert len(column_facts._FACTS) <= before


def test_one_value_keeps_the_codes_factorize_gives() -> None:
    frame = pd.DataFrame({"n": range(5)}).assign(_dataset="tickets.csv")
    one_value(frame["_dataset"])
    codes, uniques = kept_codes(frame["_dataset"])
    expected_codes, expected_uniques = pd.factorize(frame["_dataset"], use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist() and uniques.tolist() == expected_uniques.tolist()


@pytest.mark.parametrize("dtype", DTYPES)
def test_group_durations_are_those_of_a_groupby(dtype) -> None:
    rng = np.random.default_rng(3)
    for _ in range(100):
        groups = _column(rng, int(rng.integers(0, 60)), dtype)
        values = rng.normal(100, 50, len(groups))
        values[rng.random(len(values)) < 0.2] = np.nan
        frame = pd.DataFrame({"g": groups.astype("string").fillna("(none)").to_numpy(), "v": values})
        frame = frame[np.isfinite(frame["v"].to_numpy())]
        expected = {str(label): duration_summary(part.to_numpy()) for label, part in frame.groupby("g", sort=True)["v"]}
        assert list(group_durations(values, groups).items()) == list(expected.items())


def test_group_durations_of_more_groups_than_16_bits_number() -> None:
    """32,768 groups and more are sorted as they are (a 16-bit group number would wrap): each group's own values,
    in row order, against a groupby."""
    rng = np.random.default_rng(5)
    groups = pd.Series(rng.integers(0, 40_000, 120_000).astype(str), dtype="string")
    values = rng.normal(100, 50, len(groups))
    expected = {str(label): duration_summary(part.to_numpy())
                for label, part in pd.DataFrame({"g": groups, "v": values}).groupby("g", sort=True)["v"]}
    assert len(expected) > 32_768
    assert list(group_durations(values, groups).items()) == list(expected.items())


@pytest.mark.parametrize("dtype", ["object", "string", "category"])
def test_group_durations_merge_a_written_none_with_blank_labels(dtype) -> None:
    """A channel column holding the text "(none)" as well as real blanks: one group "(none)" of both, by hand
    (blank 10 and 30, written "(none)" 20 -> mean 20 of 3, median 20; Email 40 and 60 -> mean 50 of 2)."""
    groups = pd.Series([None, "Email", "(none)", None, "Email", "Chat"], dtype=dtype)
    values = np.array([10.0, 40.0, 20.0, 30.0, 60.0, np.nan])             # Chat's only value is missing
    got = group_durations(values, groups)
    assert list(got) == ["(none)", "Email"]
    assert (got["(none)"]["mean"], got["(none)"]["median"], got["(none)"]["n"]) == (20.0, 20.0, 3)
    assert (got["Email"]["mean"], got["Email"]["n"]) == (50.0, 2)


@pytest.mark.parametrize("sorted_pairs", [False, True])
@pytest.mark.parametrize("dtype", DTYPES)
def test_items_per_agent_are_those_of_a_groupby(dtype, sorted_pairs, monkeypatch) -> None:
    if sorted_pairs:                                  # (the way taken when agents x days are too many to mark)
        monkeypatch.setattr(ticket_volume, "PAIR_MARKS", 0)
    rng = np.random.default_rng(5)
    for _ in range(100):
        parts = []
        for _part in range(int(rng.integers(1, 3))):
            agent = _column(rng, int(rng.integers(0, 50)), dtype)
            days = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 5, len(agent)), unit="D"))
            days[rng.random(len(days)) < 0.2] = pd.NaT
            parts.append((agent, days.dt.normalize(), rng.random(len(agent)) < 0.7))
        frames = [pd.DataFrame({"agent": a.astype("string"), "day": d})[rows] for a, d, rows in parts]
        items = pd.concat(frames, ignore_index=True).dropna(subset=["agent"])
        per_agent = items.groupby("agent").agg(items=("day", "size"), days=("day", "nunique"))
        expected = {str(a): (int(r["items"]), int(r["days"])) for a, r in per_agent.iterrows()}
        got = _items_per_agent(list(parts))          # (it empties the list it is given)
        assert got == (expected, len(items))
        assert list(got[0]) == list(expected)


def test_codes_of_a_very_long_column_are_not_kept(monkeypatch) -> None:
    """Codes take 8 bytes a row: a column longer than KEPT_CODES_ROWS gets them made anew each time."""
    monkeypatch.setattr(column_facts, "KEPT_CODES_ROWS", 10)
    long = pd.Series(["a", "b"] * 10, dtype="string")
    codes, uniques = text_codes(long)
    assert codes.tolist() == [0, 1] * 10 and uniques.tolist() == ["a", "b"]
    assert kept_codes(long) is None
    short = pd.Series(["a", "b"] * 5, dtype="string")
    text_codes(short)
    assert kept_codes(short) is not None


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("dtype", DTYPES)
def test_cut_rows_carry_the_codes_factorize_gives_the_cut(dtype, many, monkeypatch) -> None:
    """A filter's rows keep their columns' codes, numbered as ``pd.factorize`` numbers the cut column."""
    if many:                                          # (first appearances found by one sort)
        monkeypatch.setattr(column_facts, "MANY_LABELS", 0)
    rng = np.random.default_rng(11)
    for _ in range(100):
        n = int(rng.integers(1, 60))
        frame = pd.DataFrame({"a": _column(rng, n, dtype), "b": _column(rng, n, dtype), "x": rng.random(n)})
        frame = frame.assign(_dataset="tickets.csv")
        one_value(frame["_dataset"])
        text_codes(frame["a"])                        # ("b" has none kept: none are made for its cut)
        rows = rng.random(n) < rng.random()
        cut = cut_rows(frame, rows)
        pd.testing.assert_frame_equal(cut, frame[rows])
        for name in ("a", "_dataset"):
            if kept_codes(frame[name]) is None:       # (an object column in a block of several: none are kept)
                continue
            codes, uniques = kept_codes(cut[name])
            expected_codes, expected_uniques = pd.factorize(cut[name], use_na_sentinel=True)
            assert codes.tolist() == expected_codes.tolist() and codes.dtype == expected_codes.dtype
            assert uniques.tolist() == expected_uniques.tolist() and uniques.dtype == expected_uniques.dtype
        assert kept_codes(cut["b"]) is None or rows.all()


@pytest.mark.parametrize("dtype", DTYPES)
def test_codes_isin_is_isin(dtype) -> None:
    rng = np.random.default_rng(12)
    for _ in range(100):
        column = _column(rng, int(rng.integers(0, 40)), dtype)
        values = [str(v) for v in rng.choice(POOL, int(rng.integers(0, 3)))] + ["not there"]
        assert codes_isin(column, values) is None             # (no codes kept: the filter reads the strings)
        text_codes(column)
        assert codes_isin(column, values).tolist() == column.isin(values).to_numpy(dtype=bool).tolist()


def test_a_cut_notices_a_cancel_between_its_columns() -> None:
    """A frame's cut stops at the next column once its work is cancelled (a cancelled trend-line job let go of the
    GIL only when the whole cut of a million rows was made: issue 15, session 16)."""
    from metrics_core.errors import OperationCancelled
    from metrics_core.progress import Reporter

    frame = pd.DataFrame({f"c{i}": np.arange(100) * i for i in range(12)})
    asked = []

    def cancelled() -> bool:
        asked.append(len(asked))
        return len(asked) >= 3                  # cancelled while the second column was cut

    with Reporter(cancelled=cancelled).watching(), pytest.raises(OperationCancelled):
        cut_rows(frame, np.arange(100) % 3 == 0)
    assert len(asked) == 3                      # not asked again: the ten other columns were not cut


@pytest.mark.parametrize("dtype", ["string", "str"])
def test_a_cut_notices_a_cancel_inside_a_long_text_column(dtype) -> None:
    """A long text column is taken a piece at a time, a cancel noticed between the pieces: one million-row column
    of ticket ids held the GIL 20-40 ms, the window and the new filter's values waiting for a cancelled trend-line
    job to finish it (issue 15, session 20). A frame of that one column: asked before it and again inside it."""
    from metrics_core.errors import OperationCancelled
    from metrics_core.progress import Reporter

    n = 3 * column_facts.TAKE_PIECE
    frame = pd.DataFrame({"ticket_id": pd.array([str(i) for i in range(n)], dtype=dtype)})
    asked = []

    def cancelled() -> bool:
        asked.append(len(asked))
        return len(asked) >= 2                  # cancelled once the column's take has begun

    with Reporter(cancelled=cancelled).watching(), pytest.raises(OperationCancelled):
        column_facts._taken(frame, np.arange(n))
    assert len(asked) == 2


@pytest.mark.parametrize("dtype", ["string", "str"])
def test_a_long_text_columns_cut_in_pieces_is_the_take(dtype) -> None:
    """The pieces make the very column ``take`` makes: values, missing values, type and index."""
    rng = np.random.default_rng(20)
    n = 2 * column_facts.TAKE_PIECE + 17
    texts = pd.array([None if i % 7 == 0 else f"t{i}" for i in range(n)], dtype=dtype)
    frame = pd.DataFrame({"ticket_id": texts, "x": rng.random(n)}, index=np.arange(n) * 2)
    for rows in (rng.random(n) < 0.8, np.ones(n, dtype=bool), rng.random(n) < 0.3):
        cut = cut_rows(frame, rows)
        pd.testing.assert_frame_equal(cut, frame[rows])
        assert type(cut["ticket_id"].array) is type(frame["ticket_id"].array)
        assert cut["ticket_id"].isna().to_numpy().tolist() == frame["ticket_id"].isna().to_numpy()[rows].tolist()


def test_a_cut_renumbers_a_columns_codes_only_when_they_are_asked_for(monkeypatch) -> None:
    """The codes of a column no KPI counts are not worked out for a filter's cut (issue 15, session 17): the first
    ask renumbers them, once, as ``pd.factorize`` numbers the cut column."""
    frame = pd.DataFrame({"a": pd.Series(list("xyzyx") * 4, dtype="string"),
                          "b": pd.Series(list("pqqp") * 5, dtype="string")})
    text_codes(frame["a"]), text_codes(frame["b"])
    renumbered = []
    real = column_facts._renumbered
    monkeypatch.setattr(column_facts, "_renumbered", lambda rows, uniques: renumbered.append(1) or real(rows, uniques))
    cut = cut_rows(frame, np.arange(20) % 3 != 0)
    assert renumbered == []
    codes, uniques = kept_codes(cut["a"])
    expected_codes, expected_uniques = pd.factorize(cut["a"], use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist() and uniques.tolist() == expected_uniques.tolist()
    assert text_codes(cut["a"])[0] is codes and renumbered == [1]
    assert codes_isin(cut["b"], ["q"]).tolist() == (cut["b"] == "q").tolist() and renumbered == [1, 1]

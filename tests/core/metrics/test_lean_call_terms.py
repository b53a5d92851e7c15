"""The KPIs' leaner ways of a large call log give exactly what the plain pandas ways give.

Session 11 cut the temporaries of the call KPIs (a 10,000,000-row log): a headline summed from the
terms' arrays instead of a per-row frame, repeat calls grouped by the callers' numbers, the working
days of agents counted from codes, the staffing slots from numpy's days. Each is held here to the
way it replaced, on odd inputs (missing values, ties, unsorted times, texts that only look like numbers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.metrics import common
from metrics_core.metrics.common import Terms, contact_keys, epoch_seconds, row_terms, seconds_to_next_contact
from metrics_core.metrics.staffing_load import _slots
from metrics_core.metrics.terms import result_from_terms
from metrics_core.metrics.ticket_volume import _items_per_agent

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTS = st.sampled_from(["1", "22", "0", "10", "01", "+1", " 1", "1 ", "1_0", "\u0661", "-1", "-0", "a@b.c",
                         "38640012345", "99999999999999999999", "9223372036854775807"])


def _plain_gaps(who: pd.Series, when: pd.Series) -> np.ndarray:
    """The way before session 11: factorized texts, one lexsort, every step kept."""
    person, _ = pd.factorize(who, use_na_sentinel=True)
    t = epoch_seconds(when)
    order = np.lexsort((t, person))
    p_sorted, t_sorted = person[order], t[order]
    gap_sorted = np.full(len(order), np.nan)
    same = (p_sorted[1:] == p_sorted[:-1]) & (p_sorted[:-1] >= 0)
    gap_sorted[:-1] = np.where(same, t_sorted[1:] - t_sorted[:-1], np.nan)
    gaps = np.empty(len(order))
    gaps[order] = gap_sorted
    gaps[(person < 0) | np.isnan(t)] = np.nan
    return gaps


@SETTINGS
@given(st.lists(st.tuples(st.one_of(st.none(), TEXTS), st.one_of(st.none(), st.integers(0, 40)), st.booleans()),
                max_size=40), st.booleans(), st.integers(1, 5))
def test_next_contact_as_before(rows, in_order, piece):
    common.KEY_PIECE, kept = piece, common.KEY_PIECE           # (several pieces of texts read as numbers)
    try:
        if in_order:
            rows = sorted(rows, key=lambda r: -1 if r[1] is None else r[1])
        who = pd.Series([r[0] for r in rows], dtype="string")
        when = pd.Series(pd.to_datetime([None if r[1] is None else 3600 * r[1] for r in rows], unit="s"),
                         dtype="datetime64[us]")
        among = np.array([r[2] for r in rows], dtype=bool)
        got = seconds_to_next_contact(who, when)
        assert got.tobytes() == _plain_gaps(who, when).tobytes()
        got = seconds_to_next_contact(who, when, among=among)
        assert got.tobytes() == _plain_gaps(who.where(among), when).tobytes()
        keys, codes = contact_keys(who), pd.factorize(who, use_na_sentinel=True)[0]
        assert np.array_equal(keys[:, None] == keys[None, :], codes[:, None] == codes[None, :])
        assert np.array_equal(keys < 0, codes < 0)
    finally:
        common.KEY_PIECE = kept


def test_whole_numbers_are_their_own_keys():
    who = pd.Series(["38640012345", None, "7", "38640012345"], dtype="string")
    assert contact_keys(who).tolist() == [38640012345, -1, 7, 38640012345]
    assert contact_keys(pd.Series(["07", "7"], dtype="string")).tolist() == [0, 1]     # (texts: factorized)


@SETTINGS
@given(st.lists(st.tuples(st.one_of(st.booleans(), st.floats(-5, 50), st.just(float("nan"))), st.booleans(),
                          st.floats(0, 1e6)), max_size=50), st.booleans())
def test_headline_from_arrays_is_the_row_frames(rows, counts):
    n = len(rows)
    frame = pd.DataFrame({"x": np.arange(n)}, index=np.arange(n) * 3 + 7)
    num = np.array([bool(r[0]) if counts else float(r[0]) for r in rows], dtype=bool if counts else float)
    used = np.array([r[1] for r in rows], dtype=bool)
    val = np.array([r[2] for r in rows], dtype=float)
    dates = pd.Series(pd.Timestamp("2025-01-01"), index=frame.index)
    terms = Terms(frame, num, used if counts else np.ones(n), used, dates, [(2, "left out")], {"a": 1}, kind="calls",
                  val=None if counts else val)
    how = {"proportion": counts, "details": {"a": 1}, "higher_is_better": True, "empty_reason": "none"}
    unit = "%" if counts else "seconds"
    got = terms.result("k", unit, 100.0 if counts else 1.0, **how).to_dict()
    assert got == result_from_terms("k", unit, terms.row_terms(100.0 if counts else 1.0), **how).to_dict()
    frame_terms = row_terms(frame, used, num, used, dates, kind="calls")
    assert frame_terms.frame["num"].dtype == float and list(frame_terms.frame.index) == list(frame.index[used])


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["Ana", "ana", "Čedo", "Zed", "bo", None]),
                          st.one_of(st.none(), st.integers(0, 6))), max_size=60))
def test_agent_days_as_groupby(rows):
    items = pd.DataFrame({"agent": pd.Series([r[0] for r in rows], dtype="string"),
                          "day": pd.Series(pd.to_datetime([None if r[1] is None else 86400 * r[1] for r in rows],
                                                          unit="s"), dtype="datetime64[us]")})
    plain = items.dropna(subset=["agent"]).groupby("agent").agg(items=("day", "size"), days=("day", "nunique"))
    expected = {str(agent): (int(r["items"]), int(r["days"])) for agent, r in plain.iterrows()}
    every = np.ones(len(items), dtype=bool)
    got, count = _items_per_agent([(items["agent"].iloc[:5], items["day"].iloc[:5], every[:5]),
                                   (items["agent"].iloc[5:], items["day"].iloc[5:], every[5:])])
    assert got == expected and list(got) == list(expected) and count == int(plain["items"].sum())


@SETTINGS
@given(st.lists(st.one_of(st.none(), st.integers(-3 * 10**9, 3 * 10**9)), max_size=40),
       st.sampled_from(["s", "ms", "us", "ns"]), st.sampled_from([900.0, 1800.0, 7.5]))
def test_slots_as_pandas_normalize(seconds, unit, interval_s):
    times = pd.Series(pd.to_datetime(seconds, unit="s"), index=np.arange(len(seconds)) * 2).astype(f"datetime64[{unit}]")
    day = times.dt.normalize()
    plain = pd.DataFrame({"day": day, "slot": (times - day).dt.total_seconds() // interval_s}, index=times.index)
    got = _slots(times, interval_s)
    pd.testing.assert_frame_equal(got, plain)
    assert got["slot"].to_numpy().tobytes() == plain["slot"].to_numpy().tobytes()

"""A column of workbook date cells is counted on its datetime64 values: the same distinct cells as ``pd.unique``."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from metrics_core.ingest import types
from metrics_core.ingest.native_cells import native

_STAMPS = st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31))
_ZONED = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1),
                      timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=2))]))


def _distinct(cells: list) -> tuple[list, list]:
    present = pd.Series(np.array(cells + [None], dtype=object)[:-1], dtype=object)
    try:
        parsed = native(present, pd.api.types.infer_dtype(present, skipna=True), "Created at", None)
    except ValueError:               # (pandas refuses cells of several time zones: typing's own answer, not ours)
        parsed = None
    assume(parsed is not None)
    parsed.ok = parsed.ok & parsed.values.notna()
    return types._distinct_cells(present.to_numpy(), parsed).tolist(), pd.unique(present.to_numpy()).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(_STAMPS, min_size=1, max_size=12).flatmap(
    lambda stamps: st.lists(st.sampled_from(stamps), min_size=1, max_size=40)))
def test_naive_date_cells_count_as_pd_unique(cells):
    got, expected = _distinct(cells)
    assert got == expected and [type(c) for c in got] == [type(c) for c in expected]


@settings(max_examples=100, deadline=None)
@given(st.lists(_STAMPS | _ZONED | _STAMPS.map(lambda d: d.date()), min_size=1, max_size=20).flatmap(
    lambda stamps: st.lists(st.sampled_from(stamps), min_size=1, max_size=30)))
def test_zoned_or_mixed_cells_count_as_pd_unique(cells):
    got, expected = _distinct(cells)
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(_STAMPS | _STAMPS.map(lambda d: d.date()) | _STAMPS.map(lambda d: d.replace(hour=0, minute=0, second=0,
                                                                                      microsecond=0)),
                min_size=1, max_size=12).flatmap(lambda stamps: st.lists(st.sampled_from(stamps), min_size=1, max_size=40)))
def test_naive_date_time_and_day_cells_count_as_pd_unique(cells):
    """A workbook's date-time column holds a ``date`` wherever a stamp falls on midnight: a ``date`` is never equal
    to a ``datetime``, not even to its own midnight, so both are kept, in the order they first come."""
    got, expected = _distinct(cells)
    assert got == expected and [type(c) for c in got] == [type(c) for c in expected]


def test_a_date_time_column_with_day_cells_is_not_hashed_cell_by_cell(monkeypatch):
    """The cells of a date-time column with a few ``date`` cells (stamps at midnight) are counted on their values
    and kinds, not by ``pd.unique`` over the objects (0.3 s for a million)."""
    stamps = [dt.datetime(2024, 1, 1) + dt.timedelta(seconds=977 * n) for n in range(5000)]
    cells = stamps[:100] + [dt.date(2024, 1, 2), dt.datetime(2024, 1, 2), dt.date(2024, 1, 2)] + stamps[50:]
    present = pd.Series(np.array(cells, dtype=object), dtype=object)
    parsed = native(present, pd.api.types.infer_dtype(present, skipna=True), "Created at", None)
    parsed.ok = parsed.ok & parsed.values.notna()
    expected = pd.unique(present.to_numpy()).tolist()

    def refused(_cells):
        raise AssertionError("pd.unique over the cells")
    monkeypatch.setattr(types.pd, "unique", refused)
    got = types._distinct_cells(present.to_numpy(), parsed).tolist()
    assert got == expected and [type(c) for c in got] == [type(c) for c in expected]
    assert type(got[100]) is dt.date and type(got[101]) is dt.datetime and len(got) == 5002

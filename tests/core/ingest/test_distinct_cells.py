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

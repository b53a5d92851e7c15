"""A workbook's column of numbers (float64, ``NaN`` where empty; see sheet_columns) is typed without making
its numbers Python objects, and reads exactly as the same cells given one by one."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest.types import infer_column

HEADERS = ("Amount", "Ticket ID", "Created date", "Handle time (minutes)", "Escalated", "Start time", "Score")
FORCED = (None, None, None, "number", "id", "text", "datetime", "duration", "boolean", "empty")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([np.nan, 0.0, -0.0, 1.0, 0.25]) | st.floats(-1e16, 1e16)
                | st.integers(0, 60000).map(float), min_size=1, max_size=60),
       st.sampled_from(HEADERS), st.sampled_from(FORCED))
def test_a_float_column_types_as_its_cells_do(values, header, forced):
    numbers = pd.Series(np.array(values, dtype=np.float64))
    cells = pd.Series([None if np.isnan(v) else v for v in values], dtype=object)
    rows = np.arange(2, len(values) + 2)
    typed, profile = infer_column(numbers, header, rows, forced_type=forced)
    expected, expected_profile = infer_column(cells, header, rows, forced_type=forced)
    assert profile == expected_profile
    assert str(typed.dtype) == str(expected.dtype)
    pd.testing.assert_series_equal(typed, expected)
    if typed.dtype.kind == "f":      # (-0.0 keeps its sign)
        assert np.signbit(typed.to_numpy()).tolist() == np.signbit(expected.to_numpy()).tolist()

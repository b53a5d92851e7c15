"""Missing-value markers and how they count in a column profile."""

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.types import MISSING_MARKERS, infer_column, is_missing


def infer(values, header="Value", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


@pytest.mark.parametrize(
    "cell",
    ["", " ", "   ", "\u00a0", "?", "-", "--", "n/a", "N/A", "NA", "#N/A", "null", "NULL", "None", "Not Available",
     "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", None, np.nan],
)
def test_marker_is_missing(cell):
    assert is_missing(pd.Series([cell, "x"], dtype=object)).tolist() == [True, False]


@pytest.mark.parametrize("cell", ["Not Offered", "0", "x", "No", "n/a please", "-5", "0.0"])
def test_real_values_are_not_missing(cell):
    assert not is_missing(pd.Series([cell], dtype=object)).iloc[0]


def test_markers_listed_in_lower_case():
    assert {"n/a", "#n/a", "not available", "#div/0!", "?"} <= MISSING_MARKERS
    assert "not offered" not in MISSING_MARKERS


def test_is_missing_keeps_index():
    mask = is_missing(pd.Series(["a", " ", None], index=[10, 20, 30], dtype=object))
    assert mask.index.tolist() == [10, 20, 30]
    assert mask.dtype == bool


def test_is_missing_on_native_cells():
    cells = pd.Series([0, 0.0, False, pd.Timestamp("2026-01-01"), float("nan"), None], dtype=object)
    assert is_missing(cells).tolist() == [False, False, False, False, True, True]


def test_missing_markers_are_not_failures():
    typed, profile = infer(["1", "n/a", "2", "?", " ", "3", "#N/A"], "Count")
    assert profile.col_type == "number"
    assert profile.n_values == 3 and profile.n_missing == 4 and profile.n_failed == 0
    assert typed.isna().tolist() == [False, True, False, True, True, False, True]


def test_all_missing_column_is_empty():
    typed, profile = infer([" ", "n/a", None], "Notes")
    assert profile.col_type == "empty"
    assert profile.n_missing == 3 and profile.n_values == 0
    assert typed.isna().all() and len(typed) == 3


def test_telco_space_in_total_charges():
    typed, profile = infer(["29.85", " ", "1889.5", "108.15"], "TotalCharges")
    assert profile.col_type == "number" and profile.n_failed == 0
    assert typed.iloc[0] == pytest.approx(29.85) and np.isnan(typed.iloc[1]) and typed.iloc[2] == 1889.5

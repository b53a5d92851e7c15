"""``factorize_cells`` answers what ``pd.factorize`` answers: the same codes, and the same objects as
distinct values, in the same order, for shared and copied strings, mostly distinct ids, missing markers
of every kind, numbers that compare equal across types, non-contiguous arrays and small ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.cells import BY_IDENTITY_FROM, factorize_cells

RNG = np.random.default_rng(7)
SHARED = np.array(["Email", "Phone", "Chat", None, "Email ", float("nan"), pd.NA], dtype=object)
CASES = {
    "one object per text": SHARED[RNG.integers(0, len(SHARED), 50_000)],
    "a copy per cell": np.array([str(x) for x in RNG.integers(0, 50, 50_000)], dtype=object),
    "distinct ids": np.array([f"Z-{i:07d}" for i in range(50_000)], dtype=object),
    "equal across types": np.array([1, 1.0, True, "1", None, 2] * 5_000, dtype=object),
    "a NaN object per cell": np.array([float("nan") for _ in range(5_000)] + ["a"] * 5_000, dtype=object),
    "every other cell": SHARED[RNG.integers(0, len(SHARED), 40_000)][::2],
    "short": np.array(["b", "a", None, "b"], dtype=object),
    "empty": np.array([], dtype=object),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_as_pandas(name):
    cells = CASES[name]
    codes, distinct = pd.factorize(cells)
    ours, our_distinct = factorize_cells(cells)
    assert np.array_equal(ours, codes)
    assert our_distinct.dtype == distinct.dtype and len(our_distinct) == len(distinct)
    assert all(a is b for a, b in zip(our_distinct, distinct))


def test_objects_are_grouped_first(monkeypatch):
    """Cells of one object per text are factorized by address, then only their few objects by value."""
    seen = []
    factorize = pd.factorize
    monkeypatch.setattr(pd, "factorize", lambda values, **kw: seen.append(values.dtype) or factorize(values, **kw))
    factorize_cells(CASES["one object per text"])
    assert seen[0] == np.intp and len(CASES["one object per text"]) >= BY_IDENTITY_FROM

"""Median and p90 from one sort: the very floats ``np.quantile`` gives (the KPIs' numbers must not move by a bit)."""

from __future__ import annotations

import numpy as np
import pytest

from metrics_core.metrics.stats import quantiles


def _arrays():
    rng = np.random.default_rng(17)
    for n in (1, 2, 3, 4, 5, 9, 10, 11, 19, 20, 21, 101, 999, 1000, 1001, 262_287):
        yield rng.normal(0, 1, n)                                   # negatives, no ties
        yield rng.lognormal(8, 1.5, n).round(0)                     # durations in whole seconds, ties
        yield rng.uniform(-1e12, 1e12, n) * 10.0 ** rng.integers(-300, 290, n)   # magnitudes far apart
    yield np.array([np.nan, 3.0, np.inf, 1.0, -np.inf, 2.0])    # only the finite ones count
    yield np.full(7, 0.1)


@pytest.mark.parametrize("values", list(_arrays()), ids=lambda v: f"n{len(v)}")
def test_quantiles_are_np_quantiles_to_the_bit(values):
    finite = values[np.isfinite(values)]
    expected = [float(x).hex() for x in np.quantile(finite, [0.5, 0.9])]
    got = [x.hex() for x in quantiles(values)]
    assert got == expected
    assert quantiles(list(values)) == quantiles(values)          # (a list is read alike)


def test_quantiles_leave_their_values_unsorted_and_say_none_without_finite_values():
    values = np.array([3.0, 1.0, 2.0])
    assert quantiles(values) == (2.0, 2.8)            # (worked out: index 1 -> 2; index 1.8 -> 2 + 0.8 x 1)
    assert values.tolist() == [3.0, 1.0, 2.0]
    assert quantiles(np.array([np.nan, np.inf])) == (None, None)

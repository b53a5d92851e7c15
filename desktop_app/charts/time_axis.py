"""Dates for pyqtgraph: always float epoch seconds (never datetime64 — it segfaults)."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd


def to_epoch_seconds(values: Iterable[Any]) -> np.ndarray:
    """Timestamps (any pandas unit, naive) -> float seconds since 1970-01-01.

    pandas 3 stores ``datetime64[us]``: ``asi8 / 1e9`` would be 1000x off, so
    the index is converted with ``.as_unit("s")`` first (PITFALLS.md).
    """
    index = pd.DatetimeIndex(pd.to_datetime(list(values)))
    if index.tz is not None:
        index = index.tz_localize(None)
    if len(index) == 0:
        return np.zeros(0, dtype=float)
    seconds = index.as_unit("s").asi8.astype(float)
    seconds[index.isna()] = np.nan
    return seconds

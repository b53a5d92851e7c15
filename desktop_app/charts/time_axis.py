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



def date_axis() -> Any:
    """A bottom date axis whose month and weekday names are in the current language
    (pyqtgraph's own ``DateAxisItem`` writes them with ``strftime``: always English here)."""
    import pyqtgraph as pg
    from pyqtgraph.graphicsItems.DateAxisItem import adjustTimestampToPreferredUtcOffset, utcfromtimestamp

    from metrics_core.formatting import month_names, weekday_names

    class LocalDateAxis(pg.DateAxisItem):
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
            spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
            texts = super().tickStrings(values, scale, spacing)
            if spec is None or spec.format not in ("%b", "%a %d"):
                return texts                        # numbers only: years, days, times
            out = []
            for value, text in zip(values, texts):
                if not text:
                    out.append(text)
                    continue
                day = utcfromtimestamp(adjustTimestampToPreferredUtcOffset(value, self.utcOffset))
                out.append(month_names()[day.month - 1] if spec.format == "%b"
                           else f"{weekday_names()[day.weekday()]} {day.day}")
            return out

    return LocalDateAxis(orientation="bottom")

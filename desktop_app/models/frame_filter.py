"""Vectorised row filtering for the data view (the "proxy" of :class:`DataFrameModel`).

``QSortFilterProxyModel`` asks Python once per row, which is far too slow for a
million rows; instead the matching positions are computed with pandas (off the
GUI thread for big frames) and handed to ``DataFrameModel.set_row_positions``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics_core.i18n import _
from metrics_core.progress import Reporter


def matching_positions(frame: pd.DataFrame, text: str, column: str | None = None,
                       reporter: Reporter | None = None) -> np.ndarray:
    """Positions of the rows where ``text`` occurs (case-insensitive) in ``column`` or any column."""
    needle = text.strip().casefold()
    if not needle:
        return np.arange(len(frame), dtype=np.int64)
    columns = [column] if column else [c for c in frame.columns if not str(c).startswith("_")]
    mask = np.zeros(len(frame), dtype=bool)
    for i, col in enumerate(columns):
        if reporter is not None:
            reporter.step(i / max(1, len(columns)), _("Searching {column}", column=col))
        mask |= _column_text(frame[col]).str.contains(needle, regex=False, na=False).to_numpy(dtype=bool)
    return np.flatnonzero(mask).astype(np.int64)


def _column_text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y-%m-%d %H:%M:%S")
    else:
        text = series.astype("string")
    return text.str.casefold()

"""Vectorised row filtering for the data view (the "proxy" of :class:`DataFrameModel`).

``QSortFilterProxyModel`` asks Python once per row, which is far too slow for a
million rows; instead the matching positions are computed with pandas (off the
GUI thread for big frames) and handed to ``DataFrameModel.set_row_positions``.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd

from metrics_core.formatting import format_date
from metrics_core.i18n import _
from metrics_core.progress import Reporter


def matching_positions(frame: pd.DataFrame, text: str, column: str | None = None,
                       reporter: Reporter | None = None,
                       writers: Mapping[Any, Callable[[Any], str]] | None = None) -> np.ndarray:
    """Positions of the rows where ``text`` occurs (case-insensitive) in ``column`` or any column: in a value
    as the file has it, or as the table shows it — a date in the language's way (``4. 3. 2021``), a status by
    its translated name (``zaprt``), a duration humanised; ``writers`` are the table's
    (:meth:`DataFrameModel.cell_writers`)."""
    needle = text.strip().casefold()
    if not needle:
        return np.arange(len(frame), dtype=np.int64)
    columns = [column] if column else [c for c in frame.columns if not str(c).startswith("_")]
    mask = np.zeros(len(frame), dtype=bool)
    for i, col in enumerate(columns):
        if reporter is not None:
            reporter.step(i / max(1, len(columns)), _("Searching {column}", column=col))
        series = frame[col]
        mask |= _column_text(series).str.contains(needle, regex=False, na=False).to_numpy(dtype=bool)
        if pd.api.types.is_datetime64_any_dtype(series):
            mask |= _shown_dates_matching(series, needle)
        elif (writers or {}).get(col) is not None:
            writer = writers[col]
            hits = [value for value in series.dropna().unique() if needle in writer(value).casefold()]
            mask |= series.isin(hits).to_numpy(dtype=bool)            # each distinct value written once
    return np.flatnonzero(mask).astype(np.int64)


def _column_text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y-%m-%d %H:%M:%S")
    else:
        text = series.astype("string")
    return text.str.casefold()


def _shown_dates_matching(values: pd.Series, needle: str) -> np.ndarray:
    """Rows whose date, as the table writes it (:func:`format_date_time`: the language's day, then
    ``HH:MM:SS`` when there is a time of day), contains ``needle``. Worked out over the distinct days: the
    needle lies in the day's text, or in the time (which the file's text has too), or runs from the end of
    the day's text over the space into the time."""
    days = values.dt.normalize()
    day_texts = {day: format_date(day).casefold() for day in days.dropna().unique()}
    mask = np.array(days.isin([day for day, shown in day_texts.items() if needle in shown]), dtype=bool)
    times = None
    for i in (i for i, char in enumerate(needle) if char == " "):
        head, tail = needle[:i], needle[i + 1:]
        ending = [day for day, shown in day_texts.items() if shown.endswith(head)]
        if not ending:
            continue
        if times is None:
            times = values.dt.strftime("%H:%M:%S").where(values != days)        # NA: no time of day shown
        mask |= (days.isin(ending) & times.str.startswith(tail, na=False)).to_numpy(dtype=bool)
    return mask

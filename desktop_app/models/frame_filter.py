"""Vectorised row filtering for the data view (the "proxy" of :class:`DataFrameModel`).

``QSortFilterProxyModel`` asks Python once per row, which is far too slow for a
million rows; instead the matching positions are computed with pandas (off the
GUI thread for big frames) and handed to ``DataFrameModel.set_row_positions``.
"""

from __future__ import annotations

import re
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
    needle = _plain_spaces(text.strip().casefold())
    if not needle:
        return np.arange(len(frame), dtype=np.int64)
    columns = [column] if column else [c for c in frame.columns if not str(c).startswith("_")]
    mask = np.zeros(len(frame), dtype=bool)
    number = written_number(needle)
    for i, col in enumerate(columns):
        if reporter is not None:
            reporter.step(i / max(1, len(columns)), _("Searching {column}", column=col))
        series = frame[col]
        text = _column_text(series)
        mask |= text.str.contains(needle, regex=False, na=False).to_numpy(dtype=bool)
        if number is not None and pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            mask |= text.str.contains(number, regex=True, na=False).to_numpy(dtype=bool)
        if pd.api.types.is_datetime64_any_dtype(series):
            mask |= _shown_dates_matching(series, needle)
        elif (writers or {}).get(col) is not None:
            writer = writers[col]
            hits = [value for value in series.dropna().unique() if needle in _plain_spaces(writer(value).casefold())]
            mask |= series.isin(hits).to_numpy(dtype=bool)            # each distinct value written once
    return np.flatnonzero(mask).astype(np.int64)


def written_number(needle: str) -> str | None:
    """A pattern over a number's plain text (``1234.5``) for ``needle`` typed the way the window's language
    writes numbers — its group and decimal marks (``1.234,5`` in Slovenian, ``1 234,5`` in Swedish) — or
    ``None`` when ``needle`` is not written so. A grouped needle ends where the language's groups do
    (``1.234`` is in 51.234 and 1.234.567, not in 12.345).

    >>> import re; from metrics_core.i18n import language
    >>> with language("sl"):
    ...     [bool(re.search(written_number("1.234"), t)) for t in ("1234", "51234.0", "12345", "1234567")]
    [True, True, False, True]
    >>> with language("sl"):
    ...     written_number("1,5") == re.escape("1.5"), written_number("12"), written_number("1.5")
    (True, None, None)
    """
    from metrics_core.i18n import babel_locale

    symbols = babel_locale().number_symbols["latn"]
    group, decimal = symbols["group"], symbols["decimal"]
    spaces = "\u00a0\u202f "
    text = needle.replace("\u2212", "-")
    if group in spaces:
        text = "".join(group if char in spaces else char for char in text)
    head, has_decimal, tail = text.partition(decimal)
    sign = "-" if head.startswith("-") else ""
    groups = head.removeprefix("-").split(group) if head.removeprefix("-") else []
    grouped = len(groups) > 1
    if not (grouped or has_decimal) or not all(g.isdigit() for g in groups) or (tail and not tail.isdigit()):
        return None
    if grouped and any(len(g) != 3 for g in groups[1:]):
        return None                                     # "1.5" in Slovenian is not a grouped number
    pattern = re.escape(sign + "".join(groups))
    if has_decimal:
        return pattern + re.escape("." + tail)
    return pattern + r"(?=(?:\d{3})*(?:\.|$|[eE]))"        # the last group ends where the number's groups do


def _plain_spaces(text: str) -> str:
    """``text`` with its no-break spaces as plain ones: the table writes "2 min 30 s" in one piece, the owner
    types spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


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

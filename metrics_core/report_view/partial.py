"""Periods a KPI's data covers only in part (the week of 28 Sep in a month chosen from 1 Oct, the week under
way): decided here once, for the window's trend and cards and for every export (deck, workbook, chart
images), and named once ("partial week") for all of them.

A period is partial when the rows the KPI reads (every file feeding one of its data kinds, dated as the
engine dates them, within the date filter) begin after its first day or end before its last one.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..dataset import DataBundle
from ..i18n import N_, _
from ..metrics import periods as P
from ..metrics.engine_inputs import row_dates
from ..metrics.registry import get_metric

#: The words beside a partial period's mark (a legend line, a workbook cell), by grain.
PARTIAL_WORDS = {"day": N_("partial day"), "week": N_("partial week"), "month": N_("partial month"),
                 "quarter": N_("partial quarter"), "year": N_("partial year")}
PARTIAL_PERIOD = N_("partial period")          # (a period that is not a calendar one)


def partial_words(by: str | None) -> str:
    """"partial week" in the current language (``by``: the trend's grain).

    >>> partial_words("week"), partial_words(None)
    ('partial week', 'partial period')
    """
    return _(PARTIAL_WORDS.get(by or "", PARTIAL_PERIOD))


def kpi_data_span(bundle: DataBundle, metric_id: str, filters: Any) -> tuple[Any, Any]:
    """The first and last instants of the rows ``metric_id`` reads, within the date filter ``filters``
    (``None``: all dates); ``(None, None)`` when none of its files has dates."""
    kinds = set(get_metric(metric_id).kinds) or set(bundle.kinds())
    firsts, lasts = [], []
    for ds in bundle.datasets:
        for kind in (k for k in ds.kinds() if k in kinds):
            dates = row_dates(ds.frame, kind)
            if dates is not None and dates.notna().any():
                firsts.append(dates.min())
                lasts.append(dates.max())
                break                     # (a file's rows are dated alike for each kind it feeds)
    if not lasts:
        return None, None
    bounds = filters.bounds() if filters is not None else (None, None)
    return P.seen_within((min(firsts), max(lasts)), bounds)


def partial_periods(bundle: DataBundle, metric_id: str, filters: Any, by: str, starts: Sequence[Any]) -> list[int]:
    """The positions among the trend's period ``starts`` (at grain ``by``, under ``filters``) of the first and
    last periods when ``metric_id``'s data covers them only in part; ``[]`` for a single period, a grain that is
    not a calendar one, or a KPI without dates."""
    if len(starts) < 2 or by not in P.PERIODS:
        return []
    return P.partial_positions([pd.Timestamp(s) for s in starts], by, kpi_data_span(bundle, metric_id, filters))

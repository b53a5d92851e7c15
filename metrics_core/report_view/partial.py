"""Periods a KPI's data covers only in part (the week of 28 Sep in a month chosen from 1 Oct, the week under
way): decided here once, for the window's trend and cards and for every export (deck, workbook, CSV, chart
images), and named once ("partial week") for all of them.

The rule, as an owner would put it: **a period is partial when the data stops or starts inside it.** Where the
data starts and stops is where the loaded files do, not the first and last row of one KPI:

- A KPI's data starts on the first day of the files it reads (every file feeding one of its data kinds, dated as
  the engine dates them) — or on the first day of another loaded file, when that file starts at most
  :data:`SAME_SPAN_DAYS` days earlier: the files were exported for the same span, and the few days without a row
  of this KPI are days without such rows (the demo's quality reviews begin on Monday 4 May in files that begin
  on Friday 1 May: 1 May was a holiday and 2-3 May a weekend without a review, and May is whole). Its data
  stops likewise, on the last day of its files or of a file that ends at most that many days later.
- A KPI whose files start or stop further from the others (a survey tool used only from June) has its own
  start and end; a KPI whose files are the only ones loaded has theirs (a call log that ends on a Wednesday
  leaves its last week partial).
- The date filter cuts both: a month chosen from the 3rd is partial.
- A period is partial when it begins before the data's first day or ends after its last day, so only the first
  and the last period can be; a day without rows between them never makes a period partial.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..dataset import DataBundle
from ..i18n import N_, _
from ..metrics import periods as P
from ..metrics.engine_inputs import recorded_span, row_dates
from ..metrics.registry import get_metric

#: The words beside a partial period's mark (a legend line, a workbook cell), by grain.
PARTIAL_WORDS = {"day": N_("partial day"), "week": N_("partial week"), "month": N_("partial month"),
                 "quarter": N_("partial quarter"), "year": N_("partial year")}
PARTIAL_PERIOD = N_("partial period")          # (a period that is not a calendar one)


#: Why a change from a partial period is marked (a card's tooltip, the satisfaction improvement's caveat detail).
PARTIAL_CHANGE_DETAIL = N_("Your data covers only part of this period or of the one it is compared with, so the "
                           "change sets part of a period against a whole one.")


def partial_msgid(by: str | None) -> str:
    """The untranslated words for a partial period of grain ``by`` ("partial month"; "partial period" for a span
    of days), for a :class:`~metrics_core.i18n.Message` read later in any language."""
    return PARTIAL_WORDS.get(by or "", PARTIAL_PERIOD)


def partial_words(by: str | None) -> str:
    """"partial week" in the current language (``by``: the trend's grain).

    >>> partial_words("week"), partial_words(None)
    ('partial week', 'partial period')
    """
    return _(partial_msgid(by))


#: How many days apart two files may start (or stop) and still count as exported for the same span: a long
#: weekend (a holiday on a Friday or a Monday beside a weekend) without a row of one of them is not missing data.
SAME_SPAN_DAYS = 4


def kpi_data_span(bundle: DataBundle, metric_id: str, filters: Any) -> tuple[Any, Any]:
    """The first and last instants of the data ``metric_id`` reads (the module's rule: its files' span, widened
    to another loaded file's start or end at most :data:`SAME_SPAN_DAYS` days away), within the date filter
    ``filters`` (``None``: all dates); ``(None, None)`` when none of its files has dates."""
    kinds = set(get_metric(metric_id).kinds) or set(bundle.kinds())
    own, every = [], []
    for ds in bundle.datasets:
        span = _file_span(ds, [k for k in ds.kinds() if k in kinds])
        if span is not None:
            own.append(span)
        every += [s for s in [span or _file_span(ds, ds.kinds())] if s is not None]
    if not own:         # a register alone (staff): by the dates it records, as the date filter reads them
        own = [s for s in (recorded_span(ds.frame, k) for ds in bundle.datasets for k in ds.kinds() if k in kinds)
               if s is not None]
    if not own:
        return None, None
    first, last = min(s[0] for s in own), max(s[1] for s in own)
    near = pd.Timedelta(days=SAME_SPAN_DAYS)
    first = min([s[0] for s in every if first.normalize() - near <= s[0].normalize() <= first.normalize()],
                default=first)
    last = max([s[1] for s in every if last.normalize() <= s[1].normalize() <= last.normalize() + near],
               default=last)
    bounds = filters.bounds() if filters is not None else (None, None)
    return P.seen_within((first, last), bounds)


def _file_span(ds: Any, kinds: Sequence[str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last instants of a file's rows, dated for the first of ``kinds`` its rows have dates for (a
    file's rows are dated alike for each kind it feeds); ``None`` when it has none."""
    for kind in kinds:
        dates = row_dates(ds.frame, kind)
        if dates is not None and dates.notna().any():
            return pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
    return None


def partial_periods(bundle: DataBundle, metric_id: str, filters: Any, by: str, starts: Sequence[Any]) -> list[int]:
    """The positions among the trend's period ``starts`` (at grain ``by``, under ``filters``) of the first and
    last periods when ``metric_id``'s data covers them only in part (a single period too); ``[]`` for a grain that
    is not a calendar one, or a KPI without dates."""
    if not starts or by not in P.PERIODS:
        return []
    return P.partial_positions([pd.Timestamp(s) for s in starts], by, kpi_data_span(bundle, metric_id, filters))


def covers_in_part(period: tuple[Any, Any], seen: tuple[Any, Any]) -> bool:
    """Whether the data (``seen``: its first and last instants) starts or stops inside ``period`` (``[start,
    end)``): the rule above, for one period of any length — a change's own period or the one it is compared with.

    >>> seen = (pd.Timestamp("2020-01-01"), pd.Timestamp("2021-12-30"))
    >>> covers_in_part((pd.Timestamp("2021-12-01"), pd.Timestamp("2022-01-01")), seen)     # the data ends on 30 Dec
    True
    >>> covers_in_part((pd.Timestamp("2021-11-01"), pd.Timestamp("2021-12-01")), seen)
    False
    >>> covers_in_part((pd.Timestamp("2019-12-15"), pd.Timestamp("2020-01-15")), seen)     # it starts inside
    True
    """
    (start, end), (first, last) = period, seen
    if first is None or last is None or start is None or end is None:
        return False
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if pd.Timestamp(last) < start or pd.Timestamp(first) >= end:       # no data in it at all: empty, not partial
        return False
    return P.begins_after(start, first) or P.stops_before(end, last)


def compared_in_part(bundle: DataBundle, metric_id: str, now: tuple[Any, Any], before: tuple[Any, Any],
                     spans: dict[Any, tuple[Any, Any]] | None = None) -> tuple[bool, bool]:
    """Whether ``metric_id``'s data (:func:`kpi_data_span`, all dates) covers the period of a change (``now``) and
    the one it is compared with (``before``), each ``[start, end)``, only in part: a change computed from a partial
    period says so on its card, as a trend marks its partial periods. ``spans``: the data spans already read, by
    the kinds a KPI reads (a view's forty KPIs read a dozen sets of kinds: each is read once)."""
    kinds = get_metric(metric_id).kinds
    spans = {} if spans is None else spans
    if kinds not in spans:
        spans[kinds] = kpi_data_span(bundle, metric_id, None)
    seen = spans[kinds]
    return covers_in_part(now, seen), covers_in_part(before, seen)


def period_grain(start: Any, end: Any) -> str | None:
    """The calendar grain ``[start, end)`` is one whole period of ("month"), or None (a span of days).

    >>> period_grain(pd.Timestamp("2021-12-01"), pd.Timestamp("2022-01-01")), period_grain(pd.Timestamp("2021-12-03"), pd.Timestamp("2022-01-01"))
    ('month', None)
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return next((by for by in ("day", "week", "month", "quarter", "year")
                 if P.floor(start, by) == start and P.next_start(start, by) == end), None)

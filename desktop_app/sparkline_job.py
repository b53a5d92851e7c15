"""The cards' small trend lines, worked out off the GUI thread after the KPI values: each KPI over its
last periods (at the dashboard's grain), the incomplete last period marked. No KPI arithmetic here:
the values are :func:`metrics_core.metrics.engine.breakdown`'s."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from metrics_core.dataset import DataBundle
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.i18n import _
from metrics_core.progress import Reporter

from .snapshot import Snapshot, snapshot_of

log = logging.getLogger(__name__)
SPARK_PERIODS = 8


@dataclass(frozen=True)
class Spark:
    """One card's trend: values oldest first (``None`` = no value that period)."""

    values: tuple[float | None, ...]
    starts: tuple[pd.Timestamp, ...]
    last_incomplete: bool


def sparklines_job(data: DataBundle | Snapshot, params: dict[str, Any], filters: Any, grain: str,
                   metric_ids: list[str]) -> Callable[[Reporter], dict[str, Spark]]:
    """The last :data:`SPARK_PERIODS` periods of each KPI in ``metric_ids`` within the filters."""
    snapshot = snapshot_of(data)

    def run(reporter: Reporter) -> dict[str, Spark]:
        from metrics_core.metrics import engine
        from metrics_core.metrics.periods import PERIODS

        from metrics_core.report_view.partial import partial_periods

        from .dataset_facts import date_range

        bundle = snapshot.bundle
        if grain not in PERIODS:
            return {}
        ends = [hi for ds in bundle.datasets if (hi := date_range(ds)[1]) is not None]
        if not ends:
            return {}
        end = filters.bounds()[1] if filters is not None else None
        last = min(max(ends), end - pd.Timedelta(microseconds=1)) if end is not None else max(ends)
        out: dict[str, Spark] = {}
        for i, metric_id in enumerate(metric_ids):
            reporter.step(i / max(1, len(metric_ids)), _("Trends on the cards"))
            # a KPI of a period runs to its own last date where that is later (open tickets are counted on the
            # tickets' last resolution, after the last creation date: the line ended 18 months before its figure)
            own = engine.trend_end(snapshot.inputs(), metric_id, params, filters) if end is None else None
            ending = max(last, own) if own is not None and pd.notna(own) else last
            try:
                points = engine.breakdown(snapshot.inputs(), metric_id, grain, params,
                                          _window(filters, ending, end, grain), reporter)
            except OperationCancelled:
                raise
            except KpiDeskError as exc:
                log.info("no trend for %s: %s", metric_id, exc)
                continue
            points = points[-SPARK_PERIODS:]
            if len(points) < 2:
                continue
            starts = tuple(pd.Timestamp(p.key) for p in points)
            out[metric_id] = Spark(tuple(p.value for p in points), starts,
                                   len(points) - 1 in partial_periods(bundle, metric_id, filters, grain, starts))
        return out
    return run


def _window(filters: Any, last: pd.Timestamp, end: pd.Timestamp | None, grain: str) -> Any:
    """``filters`` cut to the :data:`SPARK_PERIODS` periods up to ``last`` (``end``: the filters' own end)."""
    from metrics_core.metrics.periods import floor, previous_start

    start = floor(last, grain)
    for _step in range(SPARK_PERIODS - 1):
        start = previous_start(start, grain)
    begin = filters.bounds()[0] if filters is not None else None
    return filters.with_bounds(max(start, begin) if begin is not None else start,
                               end if end is not None else last + pd.Timedelta(microseconds=1))

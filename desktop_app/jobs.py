"""The work that runs off the GUI thread: plain functions over ``metrics_core``.

Each ``*_job`` returns a callable ``fn(reporter) -> result`` for
:class:`desktop_app.workers.TaskRunner`. No Qt here, and no KPI arithmetic:
values come from :mod:`metrics_core`.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection

import pandas as pd

from metrics_core.dataset import DataBundle, Dataset
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.i18n import Message, _
from metrics_core.ingest.model import ReadOptions
from metrics_core.mapping.model import Mapping
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.params import DEFAULT_CURRENCY, currency_of
from metrics_core.progress import Reporter
from metrics_core.report_view.catalogue import NPS_PARTS, USUAL_CATEGORIES, bars_of, breaks_down_by
from metrics_core.result_details import NpsDetails, details_of

from .snapshot import Snapshot, snapshot_of


log = logging.getLogger(__name__)

READERS_AT_ONCE = max(1, min(4, os.cpu_count() or 1))      # files read at the same time, each in its own child

@dataclass
class LoadRequest:
    """One file to load, with the user's choices (``None`` = detect)."""

    path: Path
    options: ReadOptions | None = None
    mapping: Mapping | None = None
    kind: str | None = None
    name: str | None = None


@dataclass
class LoadOutcome:
    datasets: list[Dataset] = field(default_factory=list)
    filter_values: dict[str, dict[str, list[Any]]] = field(default_factory=dict)   # dataset -> column -> values
    date_ranges: dict[str, tuple[pd.Timestamp | None, pd.Timestamp | None]] = field(default_factory=dict)
    errors: list[Any] = field(default_factory=list)     # Message (or text) per file that could not be read
    requests: list[LoadRequest] = field(default_factory=list)
    currencies: dict[str, str | None] = field(default_factory=dict)   # dataset -> its amounts' currency (chosen or named)


@dataclass
class ResultSet:
    """The KPI values for one set of filters and parameters."""

    results: dict[str, Any]                 # metric_id -> MetricResult
    changes: dict[str, Any] = field(default_factory=dict)   # metric_id -> engine Change (vs the comparison period)
    merges: list[Any] = field(default_factory=list)         # metrics_core.merging.MergeNote per data kind
    view: Any = None                        # metrics_core.report_view.ViewResults: what reports render too
    currency: str = DEFAULT_CURRENCY        # money in these results is written in this currency

    def outcome(self, metric_id: str) -> Any:
        """The KPI's :class:`~metrics_core.report_view.KpiOutcome` (target state, change and its noise), or None."""
        return None if self.view is None else self.view.outcomes.get(metric_id)


@dataclass
class ChartData:
    """Everything the chart area plots for the selected KPI."""

    metric_id: str
    granularity: str
    category: str | None
    trend: list[Any] = field(default_factory=list)          # SeriesPoint per period
    bars: list[Any] = field(default_factory=list)           # SeriesPoint per category value
    nps_periods: list[tuple[str, pd.Timestamp, dict[str, float]]] = field(default_factory=list)  # (label, start, shares)
    nps_partial: set[int] = field(default_factory=set)      # positions among nps_periods the data covers in part
    distribution: dict[str, list[tuple[float, int]]] = field(default_factory=dict)  # score field -> (score, count)
    backlog: list[Any] = field(default_factory=list)
    last_incomplete: bool = False                            # the data ends inside the trend's last period
    first_incomplete: bool = False                           # the data begins inside the trend's first period
    undated: bool = False                                    # the KPI's files have no date column mapped
    no_trend_reason: str = ""                                # why a dated KPI has no trend (the same for any dates)
    no_value: Any = None                                     # the KPI's own result when it has no value under these
                                                             # filters (an empty chart gives its reason)
    currency: str = DEFAULT_CURRENCY                         # money in these charts is written in this currency
    figure_period: Any = None                                # the days the KPI's card covers as one period, when
                                                             # its trend's points differ by their nature (all dates)
    caveat: str = ""                                         # what the trend's points and the bars rest on, as the
                                                             # card says it (date-only durations: chart_note)


def _naming(name: str, text: Any) -> Any:
    """``text`` (a :class:`~metrics_core.i18n.Message` or a text) about the file ``name``, naming it once
    ("calls.csv: Reading the rows"; a reader's message that names the file already is left as it is); kept a
    Message, rendered when shown."""
    return text if name in text else Message("{file}: {problem}", {"file": name, "problem": text})


def load_files_job(requests: list[LoadRequest]) -> Callable[[Reporter], LoadOutcome]:
    """Load each file with :func:`metrics_core.loading.load_dataset` in a watched child process
    (:mod:`desktop_app.process_loader`), a few at once; one bad file does not stop the rest."""
    def run(reporter: Reporter) -> LoadOutcome:
        from concurrent.futures import ThreadPoolExecutor

        from metrics_core.ingest.currency import table_currency

        out = LoadOutcome(requests=list(requests))
        fractions = [0.0] * len(requests)
        lock = threading.Lock()

        def cancelled() -> bool:
            try:
                reporter.check()
            except OperationCancelled:
                return True
            return False

        def read(i: int, req: LoadRequest) -> Any:
            from .process_loader import load_in_process

            def progress(fraction: float, text: str) -> None:
                with lock:
                    fractions[i] = fraction
                    overall = sum(fractions) / len(fractions)
                reporter.step(0.95 * overall, str(_naming(req.path.name, text)))     # several files are read at once

            sub = Reporter(progress, cancelled)
            sub.step(0.0, _("Reading {file}", file=req.path.name))
            try:
                return load_in_process(req, sub)        # a reader that crashes takes only its child
            except KpiDeskError as exc:
                if isinstance(exc, OperationCancelled):
                    raise
                return exc

        with ThreadPoolExecutor(max_workers=READERS_AT_ONCE, thread_name_prefix="kpidesk-read") as pool:
            futures = [pool.submit(read, i, req) for i, req in enumerate(requests)]
            outcomes = [f.result() for f in futures]
        for req, outcome in zip(requests, outcomes):
            if isinstance(outcome, KpiDeskError):
                out.errors.append(_naming(req.path.name, outcome.message))
                continue
            ds, values, dates = outcome
            out.datasets.append(ds)
            out.filter_values[ds.name] = values
            out.date_ranges[ds.name] = dates
            out.currencies[ds.name] = table_currency(ds.table)
        reporter.step(1.0, _("Loaded"))
        return out
    return run


def compute_job(data: DataBundle | Snapshot, params: dict[str, Any], view: Any,
                first: Collection[str] = ()) -> Callable[[Reporter], ResultSet]:
    """Every KPI of the :class:`~metrics_core.report_view.KpiView`, and its change against the
    comparison period — the same numbers every report of this view holds. The KPIs ``first`` (the cards
    on screen) are computed before the others and published as a ResultSet of their own."""
    snapshot = snapshot_of(data)

    def run(reporter: Reporter) -> ResultSet:
        from metrics_core.report_view import compute_view

        bundle = snapshot.bundle
        inputs = snapshot.inputs()
        merges = bundle.merge_notes()

        def result_set(computed: Any) -> ResultSet:
            return ResultSet(computed.results, computed.changes, merges, computed, currency_of(params))

        return result_set(compute_view(bundle, params, view, reporter.publishing_as(result_set), inputs=inputs,
                                       first=first))
    return run


def ahead_job(data: DataBundle | Snapshot, params: dict[str, Any],
              views: list[tuple[Any, Any]]) -> Callable[[Reporter], int]:
    """The values of ``views`` (``(key, KpiView)`` pairs: the filters a click is likely to ask for), each
    computed as :func:`compute_job` computes it and published as ``(key, ResultSet)`` when done; the number
    computed is the result. Nothing is reported as progress: this work is done while the window is idle."""
    snapshot = snapshot_of(data)

    def run(reporter: Reporter) -> int:
        for i, (key, view) in enumerate(views):
            part = reporter.scaled(i / len(views), (i + 1) / len(views))      # (a cancel is noticed between KPIs)
            reporter.publish((key, compute_job(snapshot, params, view)(part)))
        return len(views)
    return run


def chart_job(data: DataBundle | Snapshot, params: dict[str, Any], filters: Any, metric_id: str,
              granularity: str, category: str | None, figure: Any = None) -> Callable[[Reporter], ChartData]:
    """The breakdowns the chart area shows for ``metric_id`` (``figure``: its card's result under the same filters,
    when known)."""
    snapshot = snapshot_of(data)

    def run(reporter: Reporter) -> ChartData:
        from metrics_core.metrics import engine
        from metrics_core.metrics.engine_inputs import Filters
        from metrics_core.metrics.plausibility import chart_note
        from metrics_core.metrics.registry import get_metric
        from metrics_core.report_view.compute import figure_period
        from metrics_core.report_view.partial import partial_periods

        bundle, source = snapshot.bundle, snapshot.inputs()
        data = ChartData(metric_id, granularity, category, currency=_chart_currency(bundle, source, params, filters,
                                                                                     metric_id))
        reporter.step(0.1, _("Trend"))
        data.trend = _safe(lambda: engine.breakdown(source, metric_id, granularity, params, filters, reporter))
        data.undated = not data.trend and not kpi_has_dates(bundle, metric_id)
        if not data.trend and not data.undated:
            data.no_trend_reason = _no_trend_reason(source, metric_id, params, filters)
        if data.trend:
            data.figure_period = figure_period(bundle, source, metric_id, params, filters or Filters(), figure)
        data.caveat = chart_note(get_metric(metric_id), source)        # (the trend's and the breakdown's)
        partial = partial_periods(bundle, metric_id, filters, granularity, [p.key for p in data.trend])
        data.first_incomplete, data.last_incomplete = 0 in partial, len(data.trend) - 1 in partial
        reporter.step(0.4, _("Breakdown"))
        data.category, data.bars = _category_breakdown(bundle, source, params, filters, metric_id, category, reporter)
        if not data.bars or all(p.value is None for p in data.trend):
            data.no_value = _no_value(source, metric_id, params, filters)
        reporter.step(0.6, _("Scores"))
        data.nps_periods, data.distribution, data.backlog = snapshot.kept(
            ("data charts", repr(params), repr(filters), granularity),
            lambda: _data_charts(bundle, source, params, filters, granularity, reporter))
        data.nps_partial = set(partial_periods(bundle, "nps", filters, granularity, [p[1] for p in data.nps_periods]))
        reporter.step(1.0, _("Charts ready"))
        return data
    return run


def _data_charts(bundle: DataBundle, source: Any, params: dict[str, Any], filters: Any, granularity: str,
                 reporter: Reporter) -> tuple[list[Any], dict[str, list[tuple[float, int]]], list[Any]]:
    """The charts of the data whatever KPI is selected: NPS parts per period, answers per score, the backlog
    (remembered per filter: selecting another card does not compute them again)."""
    from metrics_core.metrics import engine

    backlog = (_safe(lambda: engine.breakdown(source, "backlog", granularity, params, filters, reporter))
               if "tickets" in bundle.kinds() else [])
    return nps_periods(source, params, filters, granularity), score_distribution(source, filters), backlog


def _chart_currency(bundle: DataBundle, source: Any, params: dict[str, Any], filters: Any, metric_id: str) -> str:
    """The currency a KPI's charts write money in: the KPI's own when the files name several currencies."""
    from metrics_core.formatting import result_currency
    from metrics_core.metrics import engine
    from metrics_core.metrics.registry import get_metric

    shown = currency_of(params)
    if get_metric(metric_id).unit != "currency" or not (params.get("global") or {}).get("file_currencies"):
        return shown
    return result_currency(engine.compute_metric(source, metric_id, params, filters), shown)


def kpi_has_dates(bundle: DataBundle, metric_id: str) -> bool:
    """Whether a file the KPI reads has its date column mapped (and dates in it)."""
    from metrics_core.report_view.partial import kpi_data_span

    return kpi_data_span(bundle, metric_id, None)[1] is not None


FALLBACK_CATEGORIES = USUAL_CATEGORIES          # the one list (metrics_core.report_view.catalogue)


def _category_breakdown(bundle: DataBundle, source: Any, params: dict[str, Any], filters: Any, metric_id: str,
                        category: str | None, reporter: Reporter) -> tuple[str | None, list[Any]]:
    """The breakdown by ``category``, or by the first usual category the KPI's rows have (``source``: the
    bundle's engine inputs; ``reporter``: a cancel is noticed between groups); none by a column that says nothing
    of the KPI (agents needed per agent: :func:`~metrics_core.report_view.catalogue.breaks_down_by`)."""
    from metrics_core.metrics import engine
    from metrics_core.metrics.registry import get_metric

    kinds = [k for k in get_metric(metric_id).kinds if k in bundle.kinds()]
    columns = {c for k in kinds for c in bundle.frame(k).columns}
    candidates = ([category] if category else []) + [c for c in FALLBACK_CATEGORIES if c != category]
    for column in candidates:
        if column not in columns or not breaks_down_by(metric_id, column):
            continue
        points = bars_of(_safe(lambda c=column: engine.breakdown(source, metric_id, c, params, filters, reporter)))
        if points and any(p.n > 1 for p in points):
            return column, points       # (groups of one row each, as staff by person, say nothing)
    return (category if category in columns and breaks_down_by(metric_id, category) else None), []


def nps_periods(source: Any, params: dict[str, Any], filters: Any,
                granularity: str) -> list[tuple[str, pd.Timestamp, dict[str, float]]]:
    """Promoter / passive / detractor shares per period, from the NPS metric of each period (``source``: a
    bundle or its engine inputs)."""
    from metrics_core.metrics import engine
    from metrics_core.metrics.periods import next_start

    from .formatting import period_label

    points = _safe(lambda: engine.breakdown(source, "nps", granularity, params, filters))
    out = []
    for point in points:
        if point.value is None:
            continue
        start = pd.Timestamp(point.key)
        period = filters.with_bounds(start, next_start(start, granularity))
        result = engine.compute_metric(source, "nps", params, period)
        shares = details_of(result, NpsDetails).shares()
        if shares is not None:
            out.append((period_label(start, granularity), start,
                        {key: share for (key, _name, _label), share in zip(NPS_PARTS, shares)}))
    return out


def score_distribution(source: Any, filters: Any) -> dict[str, list[tuple[float, int]]]:
    """How many answers gave each score, per score field (surveys and score columns elsewhere); ``source``:
    a bundle or its engine inputs."""
    from metrics_core.metrics.engine_inputs import filter_frame

    frame = (source.frames.get("surveys") if isinstance(source, MetricInputs)
             else source.frame("surveys") if "surveys" in source.kinds() else None)
    if frame is None:
        return {}
    frame = filter_frame(frame, "surveys", filters)
    out: dict[str, list[tuple[float, int]]] = {}
    for field_name in ("csat_score", "nps_score", "ces_score"):
        if field_name in frame.columns and pd.api.types.is_numeric_dtype(frame[field_name]):
            counts = frame[field_name].dropna().value_counts().sort_index()
            if len(counts) and len(counts) <= 11:
                out[field_name] = [(float(k), int(v)) for k, v in counts.items()]
    return out


def _no_value(source: Any, metric_id: str, params: dict[str, Any], filters: Any) -> Any:
    """The KPI's result under ``filters`` when it has no value (a needed column missing, no rows), else None."""
    from metrics_core.metrics import engine

    try:
        result = engine.compute_metric(source, metric_id, params, filters)
    except KpiDeskError as exc:
        log.info("no value: %s", exc)
        return None
    return result if result.value is None and result.reason is not None else None


def _no_trend_reason(source: Any, metric_id: str, params: dict[str, Any], filters: Any) -> str:
    from metrics_core.metrics import engine

    try:
        return str(engine.no_trend_reason(source, metric_id, params, filters) or "")
    except KpiDeskError as exc:
        log.info("no trend reason: %s", exc)
        return ""


def _safe(fn: Callable[[], list[Any]]) -> list[Any]:
    try:
        return list(fn())
    except OperationCancelled:
        raise
    except KpiDeskError as exc:
        log.info("breakdown not available: %s", exc)
        return []

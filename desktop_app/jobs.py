"""The work that runs off the GUI thread: plain functions over ``metrics_core``.

Each ``*_job`` returns a callable ``fn(reporter) -> result`` for
:class:`desktop_app.workers.TaskRunner`. No Qt here, and no KPI arithmetic:
values come from :mod:`metrics_core`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from metrics_core.catalogue import KINDS_BY_NAME
from metrics_core.dataset import DataBundle, Dataset
from metrics_core.errors import KpiDeskError, OperationCancelled
from metrics_core.ingest.model import ReadOptions
from metrics_core.mapping.model import Mapping
from metrics_core.progress import Reporter

log = logging.getLogger(__name__)

MAX_FILTER_VALUES = 200
MAX_OTHER_DISTINCT = 25
FILTER_FIELDS = ("channel", "agent", "team", "priority", "queue", "type", "topic", "platform",
                 "sentiment", "segment", "status", "direction", "outcome", "country", "region", "group")


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
    errors: list[str] = field(default_factory=list)
    requests: list[LoadRequest] = field(default_factory=list)


@dataclass
class ResultSet:
    """The KPI values for one set of filters and parameters."""

    results: dict[str, Any]                 # metric_id -> MetricResult
    changes: dict[str, Any] = field(default_factory=dict)   # metric_id -> engine Change (vs previous period)


@dataclass
class ChartData:
    """Everything the chart area plots for the selected KPI."""

    metric_id: str
    granularity: str
    category: str | None
    trend: list[Any] = field(default_factory=list)          # SeriesPoint per period
    bars: list[Any] = field(default_factory=list)           # SeriesPoint per category value
    nps_periods: list[tuple[str, float, dict[str, float]]] = field(default_factory=list)  # (label, epoch s, shares)
    distribution: dict[str, list[tuple[float, int]]] = field(default_factory=dict)  # score field -> (score, count)
    backlog: list[Any] = field(default_factory=list)


def load_files_job(requests: list[LoadRequest]) -> Callable[[Reporter], LoadOutcome]:
    """Load each file with :func:`metrics_core.loading.load_dataset`; one bad file does not stop the rest."""
    def run(reporter: Reporter) -> LoadOutcome:
        from metrics_core.loading import load_dataset

        from .process_loader import load_in_process, use_process

        out = LoadOutcome(requests=list(requests))
        count = max(1, len(requests))
        for i, req in enumerate(requests):
            sub = reporter.scaled(i / count, (i + 0.9) / count)
            sub.step(0.0, f"Reading {req.path.name}")
            try:
                if use_process(req.path):
                    ds, values, dates = load_in_process(req, sub)
                else:
                    ds = load_dataset(req.path, options=req.options, mapping=req.mapping, kind=req.kind,
                                      reporter=sub, name=req.name)
                    values, dates = filter_values(ds), date_range(ds)
            except OperationCancelled:
                raise
            except KpiDeskError as exc:
                out.errors.append(f"{req.path.name}: {exc}")
                continue
            out.datasets.append(ds)
            out.filter_values[ds.name] = values
            out.date_ranges[ds.name] = dates
        reporter.step(1.0, "Loaded")
        return out
    return run


# Words in a header that mark personal data or free text: never offered as a filter.
NOT_A_CATEGORY = ("name", "email", "e-mail", "mail", "phone", "tel", "city", "address", "street", "zip",
                  "postal", "comment", "note", "feedback", "subject", "description", "message", "text",
                  "sku", "lineitem", "line item", "title", "url", "link", "ip", "id", "number", "original")


def filter_values(ds: Dataset) -> dict[str, list[Any]]:
    """The category columns a user can filter on, with their distinct values.

    The canonical category fields (:data:`FILTER_FIELDS`) always qualify; another text column
    only when it has few values and its header does not name personal data or free text.
    """
    frame = ds.frame
    spec = KINDS_BY_NAME.get(ds.kind)
    mapped = {f.name for f in spec.fields} if spec else set()
    out: dict[str, list[Any]] = {}
    for col in frame.columns:
        if str(col).startswith("_"):
            continue
        s = frame[col]
        is_field = col in FILTER_FIELDS
        if not is_field and (col in mapped or not looks_categorical(str(col), s)):
            continue
        limit = MAX_FILTER_VALUES if is_field else MAX_OTHER_DISTINCT
        uniques = s.dropna().unique()
        if 1 < len(uniques) <= limit or (is_field and len(uniques) == 1):
            out[str(col)] = sorted((u for u in uniques), key=lambda v: str(v).casefold())
    return out


def looks_categorical(header: str, values: pd.Series) -> bool:
    """Whether an unmapped column reads like a category (not a name, e-mail, comment, code)."""
    if not (pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype)):
        return False
    words = header.casefold().replace("_", " ").replace("-", " ").split()
    joined = " ".join(words)
    if any(w in words or (len(w) > 3 and w in joined) for w in NOT_A_CATEGORY):
        return False
    present = values.dropna()
    if present.empty:
        return False
    lengths = present.astype("string").str.len()
    return bool(lengths.median() <= 30)


def date_range(ds: Dataset) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    spec = KINDS_BY_NAME.get(ds.kind)
    col = spec.date_field if spec else None
    if not col or col not in ds.frame.columns or not pd.api.types.is_datetime64_any_dtype(ds.frame[col]):
        return None, None
    s = ds.frame[col]
    lo, hi = s.min(), s.max()
    return (None if pd.isna(lo) else lo, None if pd.isna(hi) else hi)


def compute_job(bundle: DataBundle, params: dict[str, Any], filters: Any) -> Callable[[Reporter], ResultSet]:
    """Every KPI for the filters, and its change against the previous period."""
    def run(reporter: Reporter) -> ResultSet:
        from metrics_core.metrics import engine

        results = engine.compute_all(bundle, params, filters, reporter.scaled(0.0, 0.7))
        changes: dict[str, Any] = {}
        ok = [mid for mid, r in results.items() if r.value is not None]
        for i, mid in enumerate(ok):
            reporter.step(0.7 + 0.3 * i / max(1, len(ok)), "Comparing with the previous period")
            try:
                changes[mid] = engine.compare(bundle, mid, params, filters, against="previous")
            except KpiDeskError as exc:
                log.info("no comparison for %s: %s", mid, exc)
        return ResultSet(results, changes)
    return run


def chart_job(bundle: DataBundle, params: dict[str, Any], filters: Any, metric_id: str,
              granularity: str, category: str | None) -> Callable[[Reporter], ChartData]:
    """The breakdowns the chart area shows for ``metric_id``."""
    def run(reporter: Reporter) -> ChartData:
        from metrics_core.metrics import engine

        data = ChartData(metric_id, granularity, category)
        reporter.step(0.1, "Trend")
        data.trend = _safe(lambda: engine.breakdown(bundle, metric_id, granularity, params, filters))
        reporter.step(0.4, "Breakdown")
        data.category, data.bars = _category_breakdown(bundle, params, filters, metric_id, category)
        reporter.step(0.6, "Scores")
        data.nps_periods = nps_periods(bundle, params, filters, granularity)
        data.distribution = score_distribution(bundle, filters)
        if "tickets" in bundle.kinds():
            data.backlog = _safe(lambda: engine.breakdown(bundle, "backlog", granularity, params, filters))
        reporter.step(1.0, "Charts ready")
        return data
    return run


FALLBACK_CATEGORIES = ("agent", "channel", "team", "queue", "platform", "topic", "priority", "segment", "type")


def _category_breakdown(bundle: DataBundle, params: dict[str, Any], filters: Any, metric_id: str,
                        category: str | None) -> tuple[str | None, list[Any]]:
    """The breakdown by ``category``, or by the first usual category the KPI's rows have."""
    from metrics_core.metrics import engine
    from metrics_core.metrics.registry import get_metric

    kinds = [k for k in get_metric(metric_id).kinds if k in bundle.kinds()]
    columns = {c for k in kinds for c in bundle.frame(k).columns}
    candidates = ([category] if category else []) + [c for c in FALLBACK_CATEGORIES if c != category]
    for column in candidates:
        if column not in columns:
            continue
        points = _safe(lambda c=column: engine.breakdown(bundle, metric_id, c, params, filters))
        if any(p.value is not None for p in points) and any(p.n > 1 for p in points):
            return column, points       # (groups of one row each, as staff by person, say nothing)
    return (category if category in columns else None), []


def nps_periods(bundle: DataBundle, params: dict[str, Any], filters: Any,
                granularity: str) -> list[tuple[str, float, dict[str, float]]]:
    """Promoter / passive / detractor shares per period, from the NPS metric of each period."""
    from metrics_core.metrics import engine
    from metrics_core.metrics.periods import next_start

    from .charts.time_axis import to_epoch_seconds
    from .formatting import period_label

    points = _safe(lambda: engine.breakdown(bundle, "nps", granularity, params, filters))
    out = []
    for point in points:
        if point.value is None:
            continue
        start = pd.Timestamp(point.key)
        period = filters.with_bounds(start, next_start(start, granularity))
        result = engine.compute_metric(bundle, "nps", params, period)
        shares = {k: result.details[k] for k in ("promoters_pct", "passives_pct", "detractors_pct") if k in result.details}
        if len(shares) == 3:
            out.append((period_label(start, granularity), float(to_epoch_seconds([start])[0]), shares))
    return out


def score_distribution(bundle: DataBundle, filters: Any) -> dict[str, list[tuple[float, int]]]:
    """How many answers gave each score, per score field (surveys and score columns elsewhere)."""
    from metrics_core.metrics.engine_inputs import filter_frame

    frame = bundle.frame("surveys") if "surveys" in bundle.kinds() else None
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


def _safe(fn: Callable[[], list[Any]]) -> list[Any]:
    try:
        return list(fn())
    except KpiDeskError as exc:
        log.info("breakdown not available: %s", exc)
        return []

"""The KPI engine: compute one or every KPI, break it down by period or category, compare periods.

>>> import pandas as pd
>>> from metrics_core.metrics.model import MetricInputs
>>> frames = {"surveys": pd.DataFrame({"nps_score": [10.0] * 7 + [8.0] * 2 + [3.0]})}
>>> compute_metric(MetricInputs(frames), "nps").value
60.0
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Collection, Mapping

import numpy as np
import pandas as pd

from ..catalogue import KINDS_BY_NAME, kinds_text
from ..dataset import DataBundle
from ..errors import KpiDeskError, OperationCancelled, ParameterError
from ..i18n import N_, _, Message, ShownMessage, TextList, as_message
from ..progress import Reporter, checkpoint
from . import periods as P
from . import currencies, plausibility
from .filter_reach import unfiltered, with_filter_caveat
from .engine_inputs import Filters, Prepared, group_labels, prepared_for, row_dates
from .model import MetricInputs, MetricResult, MetricSpec, SeriesPoint
from .params import check_params, merge_params
from .registry import REGISTRY, get_metric
from .results import no_value
from .scores import SCALES

log = logging.getLogger(__name__)
Params = Mapping[str, Any] | None
Source = DataBundle | MetricInputs

__all__ = ["Filters", "Change", "compute_metric", "compute_all", "breakdown", "compare"]


@dataclass
class Change:
    """A KPI in the current period next to the previous (or same-last-year) period."""

    current: float | None
    previous: float | None
    absolute: float | None
    relative: float | None          # percent change of the previous value
    period_from: pd.Timestamp | None
    period_to: pd.Timestamp | None  # last day included
    previous_from: pd.Timestamp | None = None
    previous_to: pd.Timestamp | None = None
    current_result: MetricResult | None = None
    previous_result: MetricResult | None = None

    def to_dict(self) -> dict[str, Any]:
        def day(ts: pd.Timestamp | None) -> str | None:
            return None if ts is None else pd.Timestamp(ts).date().isoformat()
        return {"current": self.current, "previous": self.previous, "absolute": self.absolute,
                "relative": self.relative, "period_from": day(self.period_from), "period_to": day(self.period_to),
                "previous_from": day(self.previous_from), "previous_to": day(self.previous_to)}


def compute_metric(source: Source, metric_id: str, params: Params = None, filters: Filters | None = None) -> MetricResult:
    """Compute one KPI.

    Parameters
    ----------
    source : DataBundle or MetricInputs
        The loaded data.
    metric_id : str
        A registry id (``"csat"``, ``"nps"`` …).
    params : dict, optional
        ``{metric_id: {name: value}, "global": {...}}``.
    filters : Filters, optional
        Date range and category values.

    Returns
    -------
    MetricResult
        ``value`` is None with a ``reason`` when the data does not allow the KPI.
    """
    spec = get_metric(metric_id)
    check_params(params, REGISTRY)
    prepared = prepared_for(source, dict((params or {}).get("global") or {}))
    p = merge_params(spec, params)
    if _filtered(filters):
        p = _pin_detected(spec, prepared, p)
    return _filter_caveat(spec, prepared, filters, _run(spec, prepared.inputs(filters, aware=spec.period_aware), p))


def compute_all(bundle: Source, params: Params = None, filters: Filters | None = None,
                reporter: Reporter | None = None, only: Collection[str] | None = None) -> dict[str, MetricResult]:
    """Every KPI of the registry (``only``: those of these ids), in the registry's order; a KPI the data does
    not allow has ``value`` None and a reason."""
    reporter = reporter or Reporter()
    check_params(params, REGISTRY)
    prepared = prepared_for(bundle, dict((params or {}).get("global") or {}))
    specs = REGISTRY if only is None else [spec for spec in REGISTRY if spec.id in only]
    out: dict[str, MetricResult] = {}
    with reporter.watching():               # (a cancel is noticed inside a KPI's long steps too)
        for i, spec in enumerate(specs):
            reporter.step(i / max(1, len(specs)), _("Computing {kpi}", kpi=spec.translated_label))
            p = merge_params(spec, params)
            seen = _detection_seen(spec, prepared, p) if _whole(filters) else None
            if _filtered(filters):
                p = _pin_detected(spec, prepared, p)
            out[spec.id] = _filter_caveat(spec, prepared, filters,
                                          _safe_run(spec, prepared.inputs(filters, aware=spec.period_aware), p, seen))
    reporter.step(1.0, _("KPIs computed"))
    return out


def _safe_run(spec: MetricSpec, inputs: MetricInputs, p: dict[str, Any],
              seen: Callable[[MetricResult], None] | None = None) -> MetricResult:
    try:
        return _run(spec, inputs, p, seen)
    except OperationCancelled:
        raise
    except KpiDeskError as exc:           # (the error's Message kept: the reason is said in the language of now)
        shown, said = getattr(exc, "shown", None), as_message(exc.message)
        return no_value(spec.id, spec.unit, said if shown is None else ShownMessage(
            said.msgid, said.values, said.plural_msgid, said.n, said.context, shown=shown))
    except Exception as exc:  # noqa: BLE001 - one KPI's bug must not stop the others; it is logged
        log.debug("KPI %s failed", spec.id, exc_info=True)       # (the traceback only with --debug)
        return failed_result(spec, exc)


def failed_result(spec: MetricSpec, exc: BaseException) -> MetricResult:
    """The result of a KPI whose computation failed: no value, the reason, and ``details["failed"]``."""
    detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    reason = Message("could not be computed: {error}", {"error": f"{type(exc).__name__} {detail}".strip()})
    return no_value(spec.id, spec.unit, reason, details={"failed": True})


def _run(spec: MetricSpec, inputs: MetricInputs, p: dict[str, Any],
         seen: Callable[[MetricResult], None] | None = None) -> MetricResult:
    """``spec`` computed, reviewed and finished; ``seen`` is given what ``spec.compute`` returned."""
    failure = precheck(spec, inputs)
    if failure is not None:
        return _finish(spec, failure, p)
    checkpoint()
    computed = spec.compute(inputs, p)
    if seen is not None:
        seen(computed)
    result = plausibility.review(spec, inputs, computed)
    result = currencies.review(spec, inputs, p, result, lambda part: spec.compute(part, p))
    return _finish(spec, result, p)


def precheck(spec: MetricSpec, inputs: MetricInputs) -> MetricResult | None:
    """A "no value" result when no kind of ``spec`` is loaded, a required field is absent, or no rows are left."""
    if not spec.kinds:
        return None
    present = {k: inputs.frames[k] for k in spec.kinds if inputs.frames.get(k) is not None}
    kinds = kinds_text(spec.kinds)
    if not present:
        missing = list(spec.required_fields) or KINDS_BY_NAME[spec.kinds[0]].required_fields()
        if spec.required_fields:
            reason = Message("needs the field {fields} from a file of {kinds}; none is loaded",
                             {"fields": _field_names(spec.required_fields), "kinds": kinds})
        else:
            reason = Message("needs a file of {kinds}; none is loaded", {"kinds": kinds})
        return no_value(spec.id, spec.unit, reason, missing=missing)
    usable = [k for k, f in present.items() if _has_required(spec, k, f)]
    if not usable:
        missing = sorted({f for k, fr in present.items() for f in spec.required_fields
                          if f in KINDS_BY_NAME[k].field_names() and f not in fr.columns})
        if not missing:   # the loaded kinds cannot carry the field at all (e.g. messages for first response time)
            missing = list(spec.required_fields)
            owners = kinds_text([k for k in spec.kinds if set(missing) & set(KINDS_BY_NAME[k].field_names())])
            return no_value(spec.id, spec.unit, Message("needs the field {fields} from a file of {kinds}; none is loaded",
                                                        {"fields": _field_names(missing), "kinds": owners}),
                            missing=missing)
        return no_value(spec.id, spec.unit, Message("needs the field {fields}, which no loaded file provides",
                                                    {"fields": _field_names(missing)}), missing=missing)
    if all(len(present[k]) == 0 for k in usable):
        return no_value(spec.id, spec.unit, Message("no rows of {kinds} in the selected period and filters",
                                                    {"kinds": kinds}))
    return None


def _field_names(fields) -> TextList:
    """Canonical field names as a reason quotes them (``'created_at' and 'resolved_at'``): they stay English."""
    return TextList(tuple(repr(f) for f in fields), "and")


def _has_required(spec: MetricSpec, kind: str, frame: pd.DataFrame) -> bool:
    """True when ``frame`` can feed ``spec``: it has every required field its kind defines.

    A kind that defines none of the required fields only counts when it is
    pre-aggregated (survey buckets feed NPS without an ``nps_score`` column).
    """
    kind_spec = KINDS_BY_NAME[kind]
    applicable = [f for f in spec.required_fields if f in kind_spec.field_names()]
    if spec.required_fields and not applicable:
        return kind_spec.aggregated
    return all(f in frame.columns for f in applicable)


def _filter_caveat(spec: MetricSpec, prepared: Prepared, filters: Filters | None, result: MetricResult) -> MetricResult:
    """``result``, with a caveat when a category filter does not reach the KPI's data (no such column)."""
    if filters is None or not filters.categories:
        return result
    read = {k: f for k, f in prepared.frames.items() if k in spec.kinds and _has_required(spec, k, f)}
    return with_filter_caveat(result, unfiltered(spec, read, filters.categories))


def _finish(spec: MetricSpec, result: MetricResult, p: Mapping[str, Any]) -> MetricResult:
    result.metric_id = spec.id
    if spec.higher_is_better is not None:
        result.higher_is_better = spec.higher_is_better
    target, benchmark = p.get("target"), p.get("benchmark")
    if target is not None:
        result.details = result.details.with_(target=target)
        if result.value is not None and result.higher_is_better is not None:
            result.details = result.details.with_(
                target_met=bool(result.value >= target if result.higher_is_better else result.value <= target))
    if benchmark is not None and spec.id != "benchmark_gap":
        result.details = result.details.with_(benchmark=benchmark)
        if result.value is not None:
            result.details = result.details.with_(benchmark_gap=result.value - benchmark,
                                                  benchmark_ratio=result.value / benchmark if benchmark else None)
    return result


def _filtered(filters: Filters | None) -> bool:
    """True when ``filters`` cut the data (then an automatic score scale is pinned from all of it)."""
    return filters is not None and (filters.has_range or any(v for v in filters.categories.values()))


def _pin_detected(spec: MetricSpec, prepared: Prepared, p: dict[str, Any]) -> dict[str, Any]:
    """Fix an automatically detected score scale from every loaded answer (no date or category
    filter), so that a filtered headline, every group or period of a breakdown and both sides of a
    comparison are read on the same scale (a month whose answers happen to stay below 8 on a 1-10
    survey must not be read as a 1-7 scale)."""
    if p.get("scale") != "auto":
        return p
    detected = prepared.remembered(_scale_key(spec, p), lambda: _detected_scale(spec, prepared, p))
    return {**p, "scale": detected} if detected in SCALES else p


def _scale_key(spec: MetricSpec, p: dict[str, Any]) -> tuple:
    return ("scale", spec.id, repr(sorted((k, repr(v)) for k, v in p.items())))


def _whole(filters: Filters | None) -> bool:
    """True when ``filters`` keep every row (the inputs :func:`_detected_scale` reads)."""
    return filters is None or (filters.date_from is None and filters.date_to is None and not filters.categories)


def _detection_seen(spec: MetricSpec, prepared: Prepared, p: dict[str, Any]) -> Callable[[MetricResult], None] | None:
    """For a run over every row: remember the scale it detected, which is what :func:`_detected_scale` would
    compute again for the first filtered run (0.1-0.3 s of a re-filter at a million tickets)."""
    if p.get("scale") != "auto":
        return None
    return lambda computed: prepared.remembered(_scale_key(spec, p), lambda: computed.details.get("scale"))


def _detected_scale(spec: MetricSpec, prepared: Prepared, p: dict[str, Any]) -> Any:
    """The scale ``spec`` detects from every loaded answer (None when it cannot run on them)."""
    inputs = prepared.inputs(None, aware=spec.period_aware)
    if precheck(spec, inputs) is not None:
        return None
    try:
        return spec.compute(inputs, p).details.get("scale")
    except OperationCancelled:      # (not a scale of None, remembered for good)
        raise
    except Exception:  # noqa: BLE001 - detection only; the KPI's own run reports the problem
        return None


# ---------------------------------------------------------------- breakdowns
def breakdown(bundle: Source, metric_id: str, by: str, params: Params = None,
              filters: Filters | None = None, reporter: Reporter | None = None) -> list[SeriesPoint]:
    """The KPI per period (``day`` … ``year``) or per value of a category column.

    Ratios are Σnumerator / Σdenominator per group (row terms summed with one
    groupby), never an average of averages; other KPIs are computed on each
    group's rows (``reporter``: a cancel is noticed between groups).
    """
    reporter = reporter or Reporter()
    with reporter.watching():               # (and inside a KPI's long steps)
        return _breakdown(bundle, get_metric(metric_id), by, params, filters, reporter)


def _breakdown(bundle: Source, spec: MetricSpec, by: str, params: Params, filters: Filters | None,
               reporter: Reporter) -> list[SeriesPoint]:
    check_params(params, REGISTRY)
    prepared = prepared_for(bundle, dict((params or {}).get("global") or {}))
    p = merge_params(spec, params)
    inputs = prepared.inputs(filters, aware=spec.period_aware)
    if by not in P.PERIODS and not any(by in f.columns for f in prepared.frames.values()):
        raise ParameterError(Message("No loaded file has a column “{by}” to break {label} down by.", dict(by=by, label=Message(spec.label))))
    if precheck(spec, inputs) is not None or currencies.mixed(spec, inputs, p):   # amounts of several
        return []                                                                  # currencies: no one series
    p = _pin_detected(spec, prepared, p)
    if spec.row_terms is not None and not spec.period_aware:
        terms = prepared.row_terms(spec, inputs, p)
        if terms is not None:
            return _terms_breakdown(terms, inputs, by, prepared)
    if by in P.PERIODS:
        return _period_slices(spec, prepared, inputs, filters, by, p, reporter)
    return _category_slices(spec, inputs, by, p, reporter)


def _terms_breakdown(terms, inputs: MetricInputs, by: str, prepared: Prepared) -> list[SeriesPoint]:
    frame = terms.frame
    grouped = _group_codes(terms, inputs, by, prepared)
    if grouped is None:
        return []
    codes, uniques = grouped
    ok = codes >= 0
    size = len(uniques)
    num = np.bincount(codes[ok], weights=frame["num"].to_numpy(dtype=float)[ok], minlength=size)
    rows = np.bincount(codes[ok], minlength=size)
    summed = "den" not in frame.columns                  # a count / sum KPI: value = scale × Σnum
    den = rows.astype(float) if summed else np.bincount(codes[ok], weights=frame["den"].to_numpy(dtype=float)[ok],
                                                          minlength=size)
    points = []
    for i, key in enumerate(uniques):
        value = terms.scale * (num[i] if summed else num[i] / den[i]) if (summed or den[i]) else None
        key = pd.Timestamp(key) if by in P.PERIODS else key
        text = P.label(key, by) if by in P.PERIODS else str(key)
        points.append(SeriesPoint(key, text, value, int(rows[i]), float(num[i]), float(den[i])))
    return points


def _group_codes(terms, inputs: MetricInputs, by: str, prepared: Prepared) -> tuple[np.ndarray, Any] | None:
    """Group code of every terms row (-1: no group) and the sorted group keys."""
    frame = terms.frame
    source = inputs.frames.get(terms.kind) if terms.kind else None
    if by in P.PERIODS:
        dates = _terms_dates(frame, source, terms.kind)
        if dates is None:
            return None
        return pd.factorize(P.period_start(dates, by), sort=True, use_na_sentinel=True)
    if by in frame.columns:
        return pd.factorize(group_labels(frame[by]), sort=True)
    if source is None or by not in source.columns:
        return None
    codes, uniques = prepared.column_codes(source, by)
    if frame.index is not source.index:
        codes = codes[source.index.get_indexer(frame.index)]
    return codes, uniques


def _terms_dates(frame: pd.DataFrame, source: pd.DataFrame | None, kind: str) -> pd.Series | None:
    for name in ("date", "dates"):
        if name in frame.columns:
            return frame[name]
    dates = row_dates(source, kind) if source is not None else None
    return None if dates is None else dates.reindex(frame.index)


def _point(key: Any, text: str, result: MetricResult) -> SeriesPoint:
    return SeriesPoint(key, text, result.value, result.n, result.numerator, result.denominator)


def _period_slices(spec: MetricSpec, prepared: Prepared, inputs: MetricInputs, filters: Filters | None,
                   by: str, p: dict[str, Any], reporter: Reporter) -> list[SeriesPoint]:
    if spec.period_aware:
        first, last = _span(spec, inputs, filters)
        if first is None:
            return []
        points = []
        for start in P.period_range(first, last, by):
            reporter.check()
            sub = inputs.with_frames(inputs.frames, period=(start, P.next_start(start, by)))
            result = _run(spec, sub, p)
            if result.details.get("dates_ignored"):     # the same for any dates: a flat line says nothing
                return []
            points.append(_point(start, P.label(start, by), result))
        return _from_first_value(points)
    groups: dict[str, dict[Any, np.ndarray]] = {}
    for kind in spec.kinds:
        frame = inputs.frames.get(kind)
        rows = prepared.period_rows(frame, kind, by) if frame is not None else None
        if rows is not None:
            groups[kind] = rows
    keys = sorted({k for g in groups.values() for k in g if pd.notna(k)})
    points = []
    for key in keys:
        reporter.check()
        points.append(_point(key, P.label(key, by), _safe_run(spec, _slice(inputs, groups, key), p)))
    return _from_first_value(points)


def _from_first_value(points: list[SeriesPoint]) -> list[SeriesPoint]:
    """A trend from its first period with a value (when it has one): a customers register dated from 2023 gave
    the demo's CLV trends 40 empty months before its six months of orders."""
    first = next((i for i, point in enumerate(points) if point.value is not None), 0)
    return points[first:]


def no_trend_reason(bundle: Source, metric_id: str, params: Params = None, filters: Filters | None = None) -> Any:
    """Why a KPI has no trend over time although its files are dated: its value is the same for any dates
    (``details["dates_ignored"]``: CLV from each customer's undated revenue), said by its result; else None."""
    result = compute_metric(bundle, metric_id, params, filters)
    return result.details.get("caveat_detail") if result.details.get("dates_ignored") else None


def rows_counted(bundle: Source, metric_id: str, params: Params = None,
                 filters: Filters | None = None) -> tuple[str, pd.Index] | None:
    """The kind and the index of the rows a KPI counts under ``filters`` (its row terms: first response time
    counts the tickets that got one), for the rows behind its "from N rows"; None for a KPI without row terms."""
    spec = get_metric(metric_id)
    if spec.row_terms is None:
        return None
    prepared = prepared_for(bundle, dict((params or {}).get("global") or {}))
    inputs = prepared.inputs(filters, aware=spec.period_aware)
    if precheck(spec, inputs) is not None:
        return None
    terms = prepared.row_terms(spec, inputs, merge_params(spec, params))
    return None if terms is None or not terms.kind else (terms.kind, terms.frame.index)


REFERENCE_KINDS = ("orders", "customers", "staff")


def _category_slices(spec: MetricSpec, inputs: MetricInputs, by: str, p: dict[str, Any],
                     reporter: Reporter) -> list[SeriesPoint]:
    """Each group's rows; a kind without the column puts its rows under "(none)", except reference
    data (orders, customers, staff) that other kinds are joined with, which every group keeps whole."""
    frames = {k: inputs.frames[k] for k in spec.kinds if inputs.frames.get(k) is not None}
    if not any(by in f.columns for f in frames.values()):
        return []
    groups: dict[str, dict[Any, np.ndarray]] = {}
    for kind, frame in frames.items():
        if by in frame.columns:
            labels = group_labels(frame[by])
            groups[kind] = labels.groupby(labels).indices
        elif kind not in REFERENCE_KINDS:
            groups[kind] = {"(none)": np.arange(len(frame))}
    keys = sorted({k for g in groups.values() for k in g})
    points = []
    for key in keys:
        reporter.check()
        points.append(_point(key, str(key), _run(spec, _slice(inputs, groups, key), p)))
    return points


def _slice(inputs: MetricInputs, groups: dict[str, dict[Any, np.ndarray]], key: Any) -> MetricInputs:
    frames = dict(inputs.frames)
    for kind, index in groups.items():
        frames[kind] = inputs.frames[kind].iloc[index.get(key, np.array([], dtype=np.int64))]
    return inputs.with_frames(frames)


def trend_end(bundle: Source, metric_id: str, params: Params = None,
              filters: Filters | None = None) -> pd.Timestamp | None:
    """The last moment a trend of a KPI of a period (``period_aware``) runs to: the end of the filters' range,
    else the latest date in its files, any of their dates (open tickets are counted on the tickets' last date, a
    resolution after the last ticket was created: 64_issue_date_only_tickets); None for other KPIs, whose
    periods are their rows' own."""
    spec = get_metric(metric_id)
    if not spec.period_aware:
        return None
    prepared = prepared_for(bundle, dict((params or {}).get("global") or {}))
    return _span(spec, prepared.inputs(filters, aware=True), filters)[1]


def _span(spec: MetricSpec, inputs: MetricInputs, filters: Filters | None) -> tuple[Any, Any]:
    start, end = (filters or Filters()).bounds()
    lows, highs = [], []
    for kind in spec.kinds:
        frame = inputs.frames.get(kind)
        if frame is None:
            continue
        for col in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[col].dtype) and frame[col].notna().any():
                lows.append(frame[col].min())
                highs.append(frame[col].max())
    first = start if start is not None else (min(lows) if lows else None)
    last = (end - pd.Timedelta(microseconds=1)) if end is not None else (max(highs) if highs else None)
    return first, last


# ---------------------------------------------------------------- comparison
def compare(bundle: Source, metric_id: str, params: Params = None, filters: Filters | None = None,
            against: str = "previous") -> Change:
    """The KPI over the filter's range (or the last complete month) next to the period before it.

    ``against="previous"``: the equal-length period right before; ``"last_year"``:
    the same dates one year earlier.
    """
    if against not in ("previous", "last_year"):
        raise ParameterError(Message("Compare against “previous” or “last_year”, not “{against}”.", dict(against=against)))
    spec = get_metric(metric_id)
    check_params(params, REGISTRY)
    prepared = prepared_for(bundle, dict((params or {}).get("global") or {}))
    filters = filters or Filters()
    start, end = _current_range(spec, prepared, filters)
    if start is None:
        empty = no_value(spec.id, spec.unit, N_("no dated rows to compare periods"))
        return Change(None, None, None, None, None, None, current_result=empty, previous_result=empty)
    if against == "previous":
        prev_start, prev_end = _previous_range(start, end), start
    else:
        prev_start, prev_end = P.same_period_last_year(start, end)
    p = _pin_detected(spec, prepared, merge_params(spec, params))
    cur = _run(spec, prepared.inputs(filters.with_bounds(start, end), aware=spec.period_aware), p)
    prev = _run(spec, prepared.inputs(filters.with_bounds(prev_start, prev_end), aware=spec.period_aware), p)
    absolute = relative = None
    if cur.value is not None and prev.value is not None:
        absolute = cur.value - prev.value
        relative = 100.0 * absolute / abs(prev.value) if prev.value else None
    day = pd.Timedelta(days=1)
    return Change(cur.value, prev.value, absolute, relative, start, end - day, prev_start, prev_end - day, cur, prev)


def _previous_range(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    """Start of the period of equal length before ``[start, end)`` (:func:`periods.previous_window_start`)."""
    return P.previous_window_start(start, end)


def _current_range(spec: MetricSpec, prepared: Prepared, filters: Filters) -> tuple[Any, Any]:
    start, end = filters.bounds()
    if start is not None and end is not None:
        return start, end
    first, last = _span(spec, prepared.inputs(Filters(categories=dict(filters.categories)), aware=True), filters)
    if first is None or last is None:
        return None, None
    if filters.has_range:
        return (start or P.floor(first, "day")), (end or P.floor(last, "day") + pd.Timedelta(days=1))
    month = P.floor(last, "month")
    if P.floor(last, "day") + pd.Timedelta(days=1) < P.next_start(month, "month"):
        month = P.previous_start(month, "month")          # the last month is not complete: take the one before
    return month, P.next_start(month, "month")

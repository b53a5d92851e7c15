"""The numbers of a :class:`~metrics_core.report_view.view.KpiView`: every KPI over its period,
its change against the comparison period with a 95 % interval, and its target state.

The window's cards and every report are rendered from one :class:`ViewResults`.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field, replace
from typing import Any, Collection

import pandas as pd

from ..catalogue import KINDS_BY_NAME
from ..dataset import DataBundle
from ..formatting import format_change, has_change
from ..i18n import Message, _
from ..metrics import engine, periods as P
from ..metrics.engine_inputs import Filters, prepared_for, row_dates
from ..metrics.model import MetricInputs, MetricResult
from ..metrics.registry import REGISTRY, get_metric
from ..metrics.spread import ratio_spread
from ..metrics.stats import Interval
from ..progress import Reporter
from .catalogue import REGISTER_KINDS, default_kpis
from .changes import change_interval
from .partial import PARTIAL_CHANGE_DETAIL, compared_in_part, partial_msgid
from .view import KpiView

log = logging.getLogger(__name__)

# What a change is, for the words, icons and colours that show it.
CHANGE_STATES = ("better", "worse", "up", "down", "unclear", "flat", "untested")


@dataclass
class KpiOutcome:
    """One KPI of a view: its result, its change with the interval, and its target."""

    metric_id: str
    result: MetricResult
    change: engine.Change | None = None
    interval: Interval | None = None
    target: float | None = None
    partial: tuple[bool, bool] = (False, False)     # the data covers the change's period / the compared one in part

    @property
    def value(self) -> float | None:
        return None if self.result.value is None else float(self.result.value)

    @property
    def higher_is_better(self) -> bool | None:
        return self.result.higher_is_better

    @property
    def target_state(self) -> str | None:
        """``"met"``, ``"missed"`` or None (no value, no target or no direction).

        >>> KpiOutcome("abandonment_rate", MetricResult("abandonment_rate", 18.9, "%", higher_is_better=False),
        ...            target=15.0).target_state
        'missed'
        """
        if self.value is None or self.target is None or self.higher_is_better is None:
            return None
        met = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "met" if met else "missed"

    @property
    def delta(self) -> float | None:
        return None if self.change is None or self.change.absolute is None else float(self.change.absolute)

    @property
    def change_state(self) -> str | None:
        """None without a comparison; ``"flat"`` when nothing changed at the precision shown;
        ``"unclear"`` when the change is inside its noise; ``"untested"`` when the KPI has no
        noise model; else ``"better"`` / ``"worse"`` (or ``"up"`` / ``"down"`` without a direction).

        >>> r = MetricResult("csat", 80.0, "%")
        >>> KpiOutcome("csat", r, engine.Change(80.0, 80.0, 0.0, 0.0, None, None)).change_state
        'flat'
        """
        delta = self.delta
        if delta is None:
            return None
        if delta == 0 or format_change(delta, self.result.unit, metric_id=self.metric_id).startswith("±"):
            return "flat"
        if self.interval is None:
            return "untested"
        if not self.interval.clear:
            return "unclear"
        if self.higher_is_better is None:
            return "up" if delta > 0 else "down"
        return "better" if (delta > 0) == bool(self.higher_is_better) else "worse"


@dataclass
class ViewResults:
    """Everything computed for a view. ``period`` is ``[start, end)`` (None: all dates);
    ``previous`` the comparison period, None when nothing is compared (``reason`` says why)."""

    view: KpiView
    results: dict[str, MetricResult]
    outcomes: dict[str, KpiOutcome]
    period: tuple[pd.Timestamp | None, pd.Timestamp | None]
    previous: tuple[pd.Timestamp, pd.Timestamp] | None = None
    no_comparison_reason: str | None = None      # "all_dates", "no_dates", "none", "no_data"
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> dict[str, engine.Change]:
        return {m: o.change for m, o in self.outcomes.items() if o.change is not None}

    @property
    def shown_kpis(self) -> list[str]:
        """The KPIs the view shows, in order: the chosen ones that have a value, or the default short list."""
        ok = [m for m, r in self.results.items() if r.ok]
        if self.view.kpis:
            return [m for m in self.view.kpis if m in self.results and self.results[m].ok]
        return default_kpis(ok)

    def filters(self) -> Filters:
        """The engine filters of the period (dates resolved) and categories."""
        return self.view.filters().with_bounds(*self.period) if self.period[0] is not None else self.view.filters()


def view_params(params: dict[str, Any] | None, view: KpiView) -> dict[str, Any]:
    """``params`` with the view's targets under ``global.targets`` (the view's win)."""
    out = copy.deepcopy(dict(params or {}))
    glob = out.setdefault("global", {})
    glob["targets"] = {**(glob.get("targets") or {}), **view.targets}
    return out


def _compared_as_chosen(params: dict[str, Any], view: KpiView) -> dict[str, Any]:
    """``params`` with the view's comparison given to the KPIs whose value is itself a change (a parameter
    ``against``: satisfaction improvement), so that under Compare: "same period last year" it compares with the
    same dates a year earlier as every card's change does (it read "+3.2 pp Oct vs Sep" beside the hint that the
    files hold nothing a year earlier, 25_compare_last_year). Not in :attr:`ViewResults.params`: a trend's points
    each compare with the period before them."""
    if view.comparison != "last_year":
        return params
    out = dict(params)
    for spec in REGISTRY:
        if any(p.name == "against" for p in spec.params):
            out[spec.id] = {**(out.get(spec.id) or {}), "against": "last_year"}
    return out


def target_of(params: dict[str, Any], metric_id: str) -> float | None:
    """A KPI's target: its own ``target`` parameter, else ``global.targets``."""
    own = (params.get(metric_id) or {}).get("target")
    value = own if own is not None else ((params.get("global") or {}).get("targets") or {}).get(metric_id)
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def compute_view(bundle: DataBundle, params: dict[str, Any] | None, view: KpiView,
                 reporter: Reporter | None = None, *, inputs: MetricInputs | None = None,
                 first: Collection[str] = ()) -> ViewResults:
    """Every KPI over the view's period, and its change against the comparison period.

    With no dates ("all dates") nothing is compared: there is no earlier period of the same
    length in the files. A period open at one end is closed at the first or last date in the files.
    ``inputs`` are the bundle's engine inputs when the caller goes on computing from them (a report's
    charts): the engine's prepared frames and the values its KPIs share are then made once for both.
    ``first``: KPIs wanted before the others (the cards on screen): they are computed first, with their
    changes, and given to ``reporter.publish`` as a :class:`ViewResults` of their own; then the others. Each
    KPI is computed on its own, so the parts hold the numbers one computation of all of them gives.
    """
    reporter = reporter or Reporter()
    params = view_params(params, view)
    inputs = inputs if inputs is not None else MetricInputs.from_bundle(bundle)
    span = prepared_for(inputs, dict(params.get("global") or {})).remembered(("data span",), lambda: data_span(bundle))
    period = resolve_period(bundle, view, span)
    filters = view.filters().with_bounds(*period) if period[0] is not None else view.filters()
    out = ViewResults(view, {}, {}, period, params=params)
    out.previous = _previous_period(period, view.comparison)
    if out.previous is None:     # (files without dates: no period can be chosen, so none is suggested)
        out.no_comparison_reason = ("none" if view.comparison == "none" else
                                    "no_dates" if span[0] is None else "all_dates")
    elif span[0] is not None and out.previous[1] <= span[0]:
        out.no_comparison_reason = "no_data"          # the files begin after it: a count there would read 0
    compared = out.previous if out.no_comparison_reason is None else None
    ids = [spec.id for spec in REGISTRY]
    parts = [part for part in ([m for m in ids if m in first], [m for m in ids if m not in first]) if part]
    done, any_compared, figures = 0, False, _compared_as_chosen(params, view)
    for part in parts:
        part_reporter = reporter.scaled(done / len(ids), (done + len(part)) / len(ids))
        results, outcomes, part_compared = _compute_part(span, figures, period, filters, inputs, part, compared,
                                                         part_reporter)
        _mark_partial(bundle, results, outcomes)
        out.results.update(results)
        out.outcomes.update(outcomes)
        any_compared |= part_compared
        done += len(part)
        if len(parts) > 1 and done < len(ids):
            reporter.publish(replace(out, results=dict(results), outcomes=dict(outcomes)))
    out.results = {m: out.results[m] for m in ids if m in out.results}          # the registry's order
    out.outcomes = {m: out.outcomes[m] for m in ids if m in out.outcomes}
    if compared is not None and not any_compared:
        out.no_comparison_reason = "no_data"
    reporter.step(1.0, _("KPIs computed"))
    return out


def _compute_part(span: tuple[Any, Any], params: dict[str, Any], period: tuple[Any, Any], filters: Filters,
                  inputs: MetricInputs, ids: list[str], previous: tuple[pd.Timestamp, pd.Timestamp] | None,
                  reporter: Reporter) -> tuple[dict[str, MetricResult], dict[str, KpiOutcome], bool]:
    """The results and outcomes of the KPIs ``ids`` over ``period``, their changes against ``previous`` (None:
    nothing to compare), and whether the comparison period had anything to compare with (``span``: the
    files' :func:`data_span`)."""
    results = engine.compute_all(inputs, params, filters, reporter.scaled(0.0, 0.5), only=ids)
    # all dates shown: retention, churn and turnover over the dates the files cover, not their own twelve months
    if period[0] is None:
        results.update(_over_data_span(span, params, filters, inputs, ids))
        _say_own_periods(results)
    outcomes = {m: KpiOutcome(m, r, target=target_of(params, m)) for m, r in results.items()}
    if previous is None:
        return results, outcomes, False
    before = engine.compute_all(inputs, params, filters.with_bounds(*previous), reporter.scaled(0.5, 0.8), only=ids)
    prepared = prepared_for(inputs, dict(params.get("global") or {}))
    reached = prepared.remembered(("kinds reaching", previous[1]),     # (once, not per part and re-filter)
                                  lambda: _kinds_reaching(prepared, previous[1]))
    comparable = [m for m, r in results.items() if r.ok and has_change(r) and before.get(m) is not None
                  and before[m].ok and _reaches(m, reached) and _same_subject(r, before[m])]
    for i, metric_id in enumerate(comparable):
        reporter.step(0.8 + 0.2 * i / max(1, len(comparable)), _("Comparing with the previous period"))
        now, then = results[metric_id], before[metric_id]
        absolute = float(now.value) - float(then.value)
        relative = 100.0 * absolute / abs(float(then.value)) if then.value else None
        day = pd.Timedelta(days=1)
        change = engine.Change(float(now.value), float(then.value), absolute, relative, period[0], period[1] - day,
                               previous[0], previous[1] - day, now, then)
        spreads = (ratio_spread(prepared, metric_id, params, filters),
                   ratio_spread(prepared, metric_id, params, filters.with_bounds(*previous)))
        outcomes[metric_id].change = change
        outcomes[metric_id].interval = change_interval(metric_id, now, then, spreads)
    return results, outcomes, bool(comparable) or any(r.ok for r in before.values())


def _mark_partial(bundle: DataBundle, results: dict[str, MetricResult], outcomes: dict[str, KpiOutcome]) -> None:
    """Each change computed from a period its KPI's data covers only in part, marked (``KpiOutcome.partial``: the
    card's change line says so, :func:`~metrics_core.report_view.words.change_words`); a KPI whose value is itself
    a change of two periods (satisfaction improvement, ``details.compared``) names its partial one in its caveat
    ("Dec 2021 (partial month) against Nov 2021": the data ends on 30 Dec). One rule with the trends' marks
    (:mod:`.partial`)."""
    day, spans = pd.Timedelta(days=1), {}
    for metric_id, outcome in outcomes.items():
        change = outcome.change
        if change is not None and None not in (change.period_from, change.period_to, change.previous_from,
                                                change.previous_to):
            outcome.partial = compared_in_part(bundle, metric_id, (change.period_from, change.period_to + day),
                                               (change.previous_from, change.previous_to + day), spans)
    for metric_id, result in results.items():
        names = result.details.get("compared") if result.ok else None
        caveat = result.details.get("caveat")
        if not names or not isinstance(caveat, Message) or set(caveat.values) != {"period", "previous"}:
            continue
        now, before = (_bounds(name) for name in names)
        flags = compared_in_part(bundle, metric_id, now, before, spans)
        if any(flags):
            marked = [Message("{period} ({partial})", {"period": name, "partial": Message(partial_msgid(name.by if
                      name.end is None else None))}) if flag else name for name, flag in zip(names, flags)]
            result.details = result.details.with_(caveat=Message(caveat.msgid, {"period": marked[0],
                                                                                "previous": marked[1]}),
                                                  caveat_detail=Message(PARTIAL_CHANGE_DETAIL))


def _bounds(name: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``[start, end)`` of a :class:`~metrics_core.formatting_dates.PeriodName`."""
    start = pd.Timestamp(name.start)
    if name.end is not None:
        return start, pd.Timestamp(name.end) + pd.Timedelta(days=1)
    return start, P.next_start(start, name.by)


def _same_subject(now: MetricResult, then: MetricResult) -> bool:
    """Whether two results measure the same thing: the busiest channel's share compares with the previous
    period's only when it is the same channel (Phone's 48 % against Email's 46 % is not a change)."""
    return now.details.get("top_channel") == then.details.get("top_channel")


def _kinds_reaching(prepared: Any, end: pd.Timestamp) -> set[str]:
    """The kinds with a row dated before ``end`` (or without dates: nothing to tell), in the uncut frames."""
    out = set()
    for kind, frame in prepared.frames.items():
        dates = row_dates(frame, kind)
        if dates is None or bool((dates < end).any()):
            out.add(kind)
    return out


def _reaches(metric_id: str, reached: set[str]) -> bool:
    """Whether a KPI's files hold rows in (or before) the comparison period: tickets that begin in May 2026 have
    no October 2025 to compare with, even when the calls go back years (their counts there would read 0)."""
    kinds = get_metric(metric_id).kinds
    return not kinds or bool(set(kinds) & reached)


def _over_data_span(span: tuple[Any, Any], params: dict[str, Any], filters: Filters,
                    inputs: MetricInputs, ids: Collection[str]) -> dict[str, MetricResult]:
    """With all dates shown, the KPIs of a period whose own default is the twelve months before the latest
    date (``lookback_months``: retention, churn, staff turnover) over the dates the files' activity covers —
    the period the dashboard and the report state. The twelve months reached back before the data: a CRR of
    88.8 % over a year beside a slide of May–October. ``inputs``: the bundle's engine inputs, which the other
    KPIs of the view were computed from (their prepared frames are reused); ``ids``: the KPIs asked for."""
    first, last = span
    if first is None or last is None:
        return {}
    first, last = P.floor(first, "day"), P.floor(last, "day")
    bounded = filters.with_bounds(first, last + pd.Timedelta(days=1))
    # (their own default: the twelve months before the latest date)
    out = {spec.id: engine.compute_metric(inputs, spec.id, params, bounded) for spec in REGISTRY
           if spec.id in ids and any(p.name == "lookback_months" for p in spec.params)}
    for result in out.values():
        _say_span(result, DaySpan(first, last))
    return out


def figure_period(bundle: DataBundle, inputs: MetricInputs, metric_id: str, params: dict[str, Any],
                  filters: Filters, figure: MetricResult | None = None) -> "DaySpan | None":
    """The days the one figure of a KPI of a period (retention, churn, staff turnover: ``lookback_months``) covers
    with all dates shown, as its card names them (:func:`_over_data_span`, else the KPI's own twelve months);
    None for other KPIs and for chosen dates, where a trend's period and the card's are alike — except for a KPI
    that adds up its days (``sums_its_days``, Historical CLV: €95 over six months beside €46–53 a month), whose
    figure names the days it adds up, chosen or all. A trend beside the
    card says it, as its points differ from the figure (staff turnover 18.2 % over a year beside its August's
    16.7 %, 10_dashboard_09_staff). ``figure``: the card's result under the same filters, when known (its own
    twelve months are read from it, not computed again)."""
    spec = get_metric(metric_id)
    if not spec.sums_its_days:
        if filters.has_range or not any(p.name == "lookback_months" for p in spec.params):
            return None
        first, last = data_span(bundle)
        if first is not None and last is not None:
            return DaySpan(P.floor(first, "day"), P.floor(last, "day"))
    got = (figure if figure is not None else engine.compute_metric(inputs, metric_id, params, filters)).details
    if "period_from" in got and "period_to" in got:
        return DaySpan(pd.Timestamp(got["period_from"]), pd.Timestamp(got["period_to"]))
    return None


def _say_span(result: MetricResult, span: "DaySpan") -> None:
    """Which period the one figure covers, as a caveat (unless the result already carries one)."""
    if result.value is not None and "caveat" not in result.details:
        result.details = result.details.with_(
            caveat=Message("over {period}", {"period": span}),
            caveat_detail=Message("Measured from the start of {period} to its end, as one period. A trend measures "
                                  "each of its periods on its own, so its values differ from this one.",
                                  {"period": span}))


def _say_own_periods(results: dict[str, MetricResult]) -> None:
    """With all dates shown and no activity dates (a staff register alone), a KPI of a period measures its own
    (staff turnover: the twelve months before the last hire or leave): name it on the figure."""
    for result in results.values():
        got = result.details
        if "period_from" in got and "period_to" in got:
            _say_span(result, DaySpan(pd.Timestamp(got["period_from"]), pd.Timestamp(got["period_to"])))


@dataclass(frozen=True)
class DaySpan:
    """Two days as a span, written in the language of the moment it is shown (``1 May – 31 Oct 2026``)."""

    first: pd.Timestamp
    last: pd.Timestamp

    def __str__(self) -> str:
        from ..formatting_dates import format_day_range
        return format_day_range(self.first, self.last)


def resolve_period(bundle: DataBundle, view: KpiView,
                   span: tuple[Any, Any] | None = None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``[start, end)`` of the view: its days, an open end closed at the data's first or last day (``span``:
    the bundle's :func:`data_span` when known); ``(None, None)`` for all dates."""
    if not view.has_range:
        return None, None
    start, end = view.filters().bounds()
    if start is None or end is None:
        first, last = span if span is not None else data_span(bundle)
        start = start if start is not None else (P.floor(first, "day") if first is not None else None)
        end = end if end is not None else (P.floor(last, "day") + pd.Timedelta(days=1) if last is not None else None)
    return start, end


def _previous_period(period, comparison: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    start, end = period
    if comparison == "none" or start is None or end is None:
        return None
    if comparison == "last_year":
        return P.same_period_last_year(start, end)
    return P.previous_window_start(start, end), start


def data_span(bundle: DataBundle) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The earliest and latest date of the activity rows (by each kind's date field). A register
    (customers by when they joined, staff by when they were hired) counts only when nothing else has dates."""
    activity = [ds for ds in bundle.datasets if ds.kind not in REGISTER_KINDS]
    span = _span_of(activity)
    return span if span[0] is not None else _span_of(bundle.datasets)


def _span_of(datasets) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    lows, highs = [], []
    for ds in datasets:
        for kind in ds.kinds():
            date_field = KINDS_BY_NAME[kind].date_field
            if date_field and date_field in ds.frame.columns:
                dates = pd.to_datetime(ds.frame[date_field], errors="coerce")
                if dates.notna().any():
                    lows.append(dates.min())
                    highs.append(dates.max())
    return (min(lows), max(highs)) if lows else (None, None)


def last_complete_month(bundle: DataBundle) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day of the latest calendar month the files cover completely (None without dates)."""
    first, last = data_span(bundle)
    if last is None:
        return None
    month = P.floor(last, "month")
    if P.floor(last, "day") + pd.Timedelta(days=1) < P.next_start(month, "month"):
        month = P.previous_start(month, "month")
    if first is not None and month < P.floor(first, "month"):
        return None
    return month, P.next_start(month, "month") - pd.Timedelta(days=1)

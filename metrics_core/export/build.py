"""Build a :class:`~metrics_core.export.model.Report` from loaded data with the KPI engine."""

from __future__ import annotations

import logging
import math
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..metrics.model import family_label
from ..catalogue import KINDS_BY_NAME
from ..dataset import DataBundle
from ..errors import KpiDeskError
from ..formatting import format_day, format_month, has_change, result_text
from ..i18n import N_, _, current_language
from ..metrics.params import currency_of
from ..progress import Reporter
from .model import BY_WORDS, ChartData, KpiRow, Report, SourceInfo

log = logging.getLogger(__name__)

# The KPIs whose trends tell each family's story, best first.
LEAD_KPIS = {
    "customer_experience": ("csat", "nps", "ces", "csat_mean", "overall_satisfaction"),
    "loyalty_value": ("retention_rate", "churn_rate", "repurchase_rate", "clv", "cash_flow"),
    "tickets": ("request_volume", "first_response_time", "resolution_time", "fcr", "resolution_rate", "backlog"),
    "calls": ("answer_rate", "average_wait_time", "abandonment_rate", "service_level", "average_handle_time"),
    "team_quality": ("iqs", "self_service_usage", "self_service_success", "employee_turnover"),
    "social": ("social_sentiment",),
}
TRENDS_PER_FAMILY = 2
# Category columns a breakdown is made by, best first, per family.
BREAKDOWN_COLUMNS = {
    "customer_experience": ("channel", "agent", "team"),
    "loyalty_value": ("channel", "referral_source", "loyalty_member"),
    "tickets": ("channel", "priority", "team", "type", "agent"),
    "calls": ("queue", "topic", "direction", "agent"),
    "team_quality": ("agent", "team"),
    "social": ("platform", "topic", "sentiment"),
}
NO_GROUP = "(none)"
MAX_BARS = 12
MIN_POINTS = 2
# How far back a trend reaches when the owner did not choose dates: a monthly report shows a year.
TREND_PERIODS = {"day": 31, "week": 13, "month": 12, "quarter": 8, "year": 5}


def build_report(bundle: DataBundle, params: dict[str, Any] | None = None, filters: Any = None, by: str = "month",
                 business_name: str | None = None, reporter: Reporter | None = None,
                 title: str = N_("Customer service KPIs")) -> Report:
    """Compute every KPI of ``bundle`` and gather what a report shows.

    Parameters
    ----------
    bundle : DataBundle
        The loaded datasets.
    params : dict, optional
        ``{metric_id: {name: value}, "global": {...}}`` as the engine takes them;
        ``params["global"]["targets"]`` gives the target of each KPI.
    filters : metrics_core.metrics.engine.Filters, optional
        Date range and category filters.
    by : str
        Period of the trend charts: day, week, month, quarter or year.
    business_name : str, optional
        Shown on the title slide (default: the first file's name).
    reporter : Reporter, optional
        Progress and cancellation.

    Returns
    -------
    Report
    """
    from ..metrics import engine
    from ..metrics.registry import REGISTRY

    reporter = reporter or Reporter()
    params = params or {}
    filters = filters or engine.Filters()
    specs = {spec.id: spec for spec in REGISTRY}
    span = _data_span(bundle)
    headline, previous_label, notes = _headline_filters(span, filters, by)
    results = engine.compute_all(bundle, params, headline, reporter.scaled(0.0, 0.45))
    kpis = _kpi_rows(bundle, specs, results, params, headline, reporter.scaled(0.45, 0.7))
    trend_filters, trend_note = _trend_filters(headline, filters, by)
    notes = [*notes, trend_note]
    notes += [note.describe() for note in bundle.merge_notes()]
    charts = _charts(bundle, specs, results, params, (headline, trend_filters), by, reporter.scaled(0.7, 0.98))
    start, end = _period(span, headline)
    report = Report(
        title=_(title), business_name=business_name or _default_name(bundle), period_start=start, period_end=end,
        made_at=datetime.now().replace(microsecond=0), kpis=kpis, charts=charts, sources=_sources(bundle),
        parameters=_jsonable_params(params), how_computed=_how_computed(specs, kpis), by=by,
        previous_label=previous_label, notes=notes, currency=currency_of(params),
    )
    reporter.step(1.0, _("Report ready"))
    return report


def _trend_filters(headline, filters, by: str):
    """The dates trends cover: the owner's range when it spans several periods, else the
    last :data:`TREND_PERIODS` periods up to the end of the headline period (never years of
    flat history before the data that matters)."""
    from ..metrics import periods as P

    start, end = filters.bounds()
    if start is not None and end is not None and end > P.next_start(P.floor(start, by), by):
        return filters, _("Trends by {period} cover the chosen dates.", period=_by_word(by))
    end = headline.bounds()[1]
    if end is None:
        return filters, _("Trends by {period} show every date in the files.", period=_by_word(by))
    periods = TREND_PERIODS.get(by, 12)
    first = P.floor(end - pd.Timedelta(microseconds=1), by)
    for _step in range(periods - 1):
        first = P.previous_start(first, by)
    last_day = end - pd.Timedelta(microseconds=1)
    return filters.with_bounds(first, end), _("Trends by {period} show the {count} {periods} up to {day}.",
                                              period=_by_word(by), count=periods, periods=_(PERIOD_PLURALS[by]),
                                              day=format_day(last_day, "wide"))


#: Periods counted in a note ("the 12 months up to …"), in the genitive a count takes where a language needs it.
PERIOD_PLURALS = {"day": N_("days"), "week": N_("weeks"), "month": N_("months"), "quarter": N_("quarters"),
                  "year": N_("years")}


def _by_word(by: str) -> str:
    """A breakdown dimension as a sentence names it ("month", "mesec")."""
    return _(BY_WORDS[by]).lower() if by in BY_WORDS else by.replace("_", " ")


def _headline_filters(span, filters, by: str):
    """The filters of the headline KPIs, the name of the period they are compared with, and notes.

    With a date range, the headline covers it and is compared with the equal period
    before. Without one, the headline is the latest complete month in the files
    (compared with the month before) and the trends show every date.
    """
    from ..metrics import periods as P

    if filters.has_range:
        return filters, "previous period", []
    first, last = span
    if first is None:
        return filters, "previous period", []
    month = P.floor(last, "month")
    if P.floor(last, "day") + pd.Timedelta(days=1) < P.next_start(month, "month"):
        month = P.previous_start(month, "month")
    if month < P.floor(first, "month"):
        return filters, "previous period", [_("Headline KPIs and trends cover every date in the files.")]
    previous = P.previous_start(month, "month")
    notes = [_("Headline KPIs are for {month}, the latest complete month in the files, compared with {previous}.",
               month=format_month(month, "wide"), previous=format_month(previous, "wide"))]
    return filters.with_bounds(month, P.next_start(month, "month")), format_month(previous, "wide"), notes


def _kpi_rows(bundle, specs, results, params, filters, reporter: Reporter) -> list[KpiRow]:
    from ..metrics import engine

    targets = (params.get("global") or {}).get("targets") or {}
    previous_results = _previous_results(bundle, params, filters, reporter)
    rows = []
    ordered = [m for m in specs if m in results]
    for i, metric_id in enumerate(ordered):
        spec, result = specs[metric_id], results[metric_id]
        previous = delta = None
        comparable = result.ok and has_change(result)
        if comparable and previous_results is not None:
            previous = _num(previous_results[metric_id].value) if metric_id in previous_results else None
            delta = None if previous is None else float(result.value) - previous
        elif comparable:
            reporter.step(i / max(1, len(ordered)), _("Comparing {kpi} with the previous period", kpi=spec.translated_label))
            previous, delta = _compare(engine, bundle, metric_id, params, filters)
        rows.append(KpiRow(
            metric_id=metric_id, label=spec.translated_label, family=spec.family, value=_num(result.value),
            unit=result.unit or spec.unit, n=int(result.n or 0),
            target=_num((params.get(metric_id) or {}).get("target", targets.get(metric_id))),
            previous=previous, change=delta, reason=str(result.reason) if result.reason else None,
            higher_is_better=spec.higher_is_better if result.higher_is_better is None else result.higher_is_better,
            text=result_text(result),
        ))
    return rows


def _previous_results(bundle, params, filters, reporter: Reporter):
    """Every KPI over the period before ``filters`` in one pass, when the filters have
    both dates (the comparison ``engine.compare`` makes KPI by KPI: the calendar month
    before a calendar month, else the equal stretch right before); else None."""
    from ..metrics import engine, periods as P

    start, end = filters.bounds()
    if start is None or end is None:
        return None
    prev_start = start - (end - start)
    if start == P.floor(start, "month") and end == P.next_start(start, "month"):
        prev_start = P.previous_start(start, "month")
    return engine.compute_all(bundle, params, filters.with_bounds(prev_start, start), reporter)


def _compare(engine, bundle, metric_id: str, params, filters) -> tuple[float | None, float | None]:
    try:
        change = engine.compare(bundle, metric_id, params, filters, against="previous")
    except KpiDeskError as exc:
        log.info("no comparison for %s: %s", metric_id, exc)
        return None, None
    return _num(change.previous), _num(change.absolute)


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def _charts(bundle, specs, results, params, both_filters, by: str, reporter: Reporter) -> list[ChartData]:
    """Per family: trends of its lead KPIs (every date), a breakdown of the first by a
    category (headline period) and, for surveys, NPS promoters / passives / detractors."""
    from ..metrics import engine

    headline, filters = both_filters
    charts: list[ChartData] = []
    families = list(LEAD_KPIS)
    for f_index, family in enumerate(families):
        reporter.step(f_index / len(families), _("Charts: {kpi}", kpi=family_label(family)))
        leads = [m for m in LEAD_KPIS[family] if m in results and results[m].ok and m in specs]
        trends = 0
        for metric_id in leads:
            if trends >= TRENDS_PER_FAMILY:
                break
            chart = _trend_chart(engine, bundle, specs[metric_id], params, filters, by)
            if chart is not None:
                charts.append(chart)
                trends += 1
        if leads:
            bar = _breakdown_chart(engine, bundle, specs[leads[0]], params, headline)
            if bar is not None:
                charts.append(bar)
        if family == "customer_experience" and "nps" in results and results["nps"].ok:
            stacked = _nps_chart(engine, bundle, params, filters, by)
            if stacked is not None:
                charts.append(stacked)
    peak = _peak_hours_chart(specs, results)
    if peak is not None:
        charts.append(peak)
    charts.extend(_staffing_charts(specs, results))
    return charts


def _staffing_charts(specs, results) -> list[ChartData]:
    """Erlang C by agents: service level and occupancy (%, with the target), and the ASA (seconds)."""
    result = results.get("staffing")
    curve = [] if result is None or not result.ok else result.details.get("curve") or []
    if not curve:
        return []
    agents = [f"{int(p['agents']):,}" for p in curve]
    shares = pd.DataFrame({_("Service level"): [p["service_level_pct"] for p in curve],
                           _("Occupancy"): [p["occupancy_pct"] for p in curve]}, index=agents, dtype=float)
    asa = pd.DataFrame({_("ASA"): [p["asa_s"] if math.isfinite(p["asa_s"]) else None for p in curve]},
                       index=agents, dtype=float)
    family, by = specs["staffing"].family, _("agents")
    target = result.details.get("target_pct") if result.details.get("asa_target_s") is None else None
    return [ChartData("staffing-service-level-by-agents", _("Staffing: service level and occupancy by agents"),
                      family, "line", "%", shares, metric_id="staffing", by=by, target=target),
            ChartData("staffing-asa-by-agents", _("Staffing: ASA by agents"), family, "line", "seconds", asa,
                      metric_id="staffing", by=by)]


def _peak_hours_chart(specs, results) -> ChartData | None:
    """Contacts per weekday and hour of the headline period, as a heat map."""
    result = results.get("peak_hours")
    if result is None or not result.ok or "matrix" not in result.details:
        return None
    frame = pd.DataFrame(result.details["matrix"], index=result.details["weekdays"],
                         columns=[f"{h:02d}" for h in range(24)], dtype=float)
    return ChartData("peak_hours-heatmap", _("When customers contact us"), specs["peak_hours"].family, "heatmap",
                     "count", frame, metric_id="peak_hours", by="weekday and hour")


def _points_frame(points, series: str) -> tuple[pd.DataFrame, list[int]]:
    labels = [p.label for p in points]
    values = [float("nan") if p.value is None else float(p.value) for p in points]
    return pd.DataFrame({series: values}, index=pd.Index(labels, dtype=object)), [int(p.n or 0) for p in points]


def _trend_points(engine, bundle, spec, params, filters, by: str) -> list:
    """The KPI per period within ``filters``; when they hold a single period, every
    period up to their end (a one-month report still shows the months before)."""
    try:
        points = engine.breakdown(bundle, spec.id, by, params, filters)
        if sum(p.value is not None for p in points) < MIN_POINTS and filters.date_from is not None:
            earlier, _later = _trend_filters(filters, engine.Filters(None, None, dict(filters.categories)), by)
            points = engine.breakdown(bundle, spec.id, by, params, earlier)
    except KpiDeskError as exc:
        log.info("no trend for %s: %s", spec.id, exc)
        return []
    return points


def _trend_chart(engine, bundle, spec, params, filters, by: str) -> ChartData | None:
    points = _trend_points(engine, bundle, spec, params, filters, by)
    if sum(p.value is not None for p in points) < MIN_POINTS:
        return None
    frame, counts = _points_frame(points, spec.translated_label)
    return ChartData(f"{spec.id}-by-{by}", _("{kpi} by {period}", kpi=spec.translated_label, period=_by_word(by)), spec.family, "line", spec.unit, frame,
                     spec.id, by, counts, _num(((params.get("global") or {}).get("targets") or {}).get(spec.id)),
                     _starts(points))


def _starts(points) -> list[str] | None:
    """ISO dates of the period starts, when every key is a date."""
    if points and all(isinstance(p.key, pd.Timestamp) for p in points):
        return [p.key.date().isoformat() for p in points]
    return None


def _breakdown_chart(engine, bundle, spec, params, filters) -> ChartData | None:
    for column in _category_columns(bundle, spec):
        try:
            points = engine.breakdown(bundle, spec.id, column, params, filters)
        except KpiDeskError as exc:
            log.info("no breakdown of %s by %s: %s", spec.id, column, exc)
            continue
        points = [p for p in points if p.value is not None and p.label != NO_GROUP]
        if len(points) < MIN_POINTS:
            continue
        points = sorted(points, key=lambda p: -(p.n or 0))[:MAX_BARS]        # the biggest groups,
        points = sorted(points, key=lambda p: -p.value)                       # highest first, as in the app
        frame, counts = _points_frame(points, spec.translated_label)
        label = column.replace("_", " ")
        return ChartData(f"{spec.id}-by-{column}", _("{kpi} by {column}", kpi=spec.translated_label, column=_by_word(column) if column in BY_WORDS else label), spec.family, "bar", spec.unit,
                         frame, spec.id, column, counts)
    return None


def _category_columns(bundle: DataBundle, spec) -> list[str]:
    """Category columns of the KPI's data with 2 to 60 values, best first (read per
    dataset: no concatenation of large frames)."""
    frames = [ds.frame for ds in bundle.datasets if set(ds.kinds()) & set(spec.kinds)]
    columns = []
    for column in BREAKDOWN_COLUMNS.get(spec.family, ()):
        values: set = set()
        for frame in frames:
            if column in frame.columns:
                values.update(frame[column].dropna().unique()[:61].tolist())
        if 2 <= len(values) <= 60:
            columns.append(column)
    return columns


def _nps_chart(engine, bundle, params, filters, by: str) -> ChartData | None:
    """Promoters / passives / detractors per period, from the NPS of each period."""
    from ..metrics import periods as period_tools

    points = _trend_points(engine, bundle, engine.get_metric("nps"), params, filters, by)
    rows, labels, counts = [], [], []
    for p in points:
        if p.value is None or not isinstance(p.key, pd.Timestamp):
            continue
        start, end = p.key, period_tools.next_start(p.key, by)
        window = _narrow(filters, start, end)
        result = engine.compute_metric(bundle, "nps", params, window)
        d = result.details or {}
        if not {"promoters_pct", "passives_pct", "detractors_pct"} <= set(d):
            return None
        rows.append((d["promoters_pct"], d["passives_pct"], d["detractors_pct"]))
        labels.append(p.label)
        counts.append(int(result.n or 0))
    if len(rows) < 1:
        return None
    frame = pd.DataFrame(rows, columns=["Promoters", "Passives", "Detractors"], index=pd.Index(labels, dtype=object))
    return ChartData(f"nps-parts-by-{by}", _("NPS: promoters, passives, detractors by {period}", period=_by_word(by)), "customer_experience",
                     "stacked", "%", frame, "nps", by, counts)


def _narrow(filters, start: pd.Timestamp, end: pd.Timestamp):
    """``filters`` cut to one period ``[start, end)``; a period the filters' dates cut
    through is cut with them (a period before them, shown for context, is kept whole)."""
    from ..metrics.engine import Filters

    filters = filters or Filters()
    base_start, base_end = filters.bounds()
    if base_start is not None and start < base_start < end:
        start = base_start
    if base_end is not None and start < base_end < end:
        end = base_end
    return filters.with_bounds(start, end)


def _data_span(bundle: DataBundle) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The earliest and latest date of the rows (by each kind's date field)."""
    lows, highs = [], []
    for ds in bundle.datasets:
        for kind in ds.kinds():
            field = KINDS_BY_NAME[kind].date_field
            if field and field in ds.frame.columns:
                dates = pd.to_datetime(ds.frame[field], errors="coerce")
                if dates.notna().any():
                    lows.append(dates.min())
                    highs.append(dates.max())
    return (min(lows), max(highs)) if lows else (None, None)


def _period(span, filters) -> tuple[date | None, date | None]:
    start, end = filters.bounds()
    first, last = span
    start = start if start is not None else first
    end = (end - pd.Timedelta(microseconds=1)) if end is not None else last
    return (pd.Timestamp(start).date() if start is not None else None,
            pd.Timestamp(end).date() if end is not None else None)


def _default_name(bundle: DataBundle) -> str:
    return bundle.datasets[0].name if bundle.datasets else "Your business"


def _sources(bundle: DataBundle) -> list[SourceInfo]:
    return [SourceInfo(ds.name, str(ds.path), ds.kind, int(len(ds.frame)), ds.mapping.to_dict())
            for ds in bundle.datasets]


def _jsonable_params(params: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(params, default=str))


def _how_computed(specs, kpis: list[KpiRow]) -> dict[str, str]:
    try:
        from ..metrics.docs import describe
    except ImportError:
        describe = None
    out = {}
    for row in kpis:
        if row.value is None:
            continue
        text = None
        if describe is not None and current_language() == "en":      # the detailed text is English only
            try:
                text = describe(row.metric_id)
            except (KeyError, KpiDeskError):
                text = None
        out[row.metric_id] = text or specs[row.metric_id].translated_description
    return out

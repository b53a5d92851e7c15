"""The charts of a report, for the KPIs its view shows: a trend per KPI (with its target), the
breakdowns the owner chose, the NPS parts when NPS is shown, and when customers contact the
business."""

from __future__ import annotations

import logging
import math

import pandas as pd

from ..dataset import DataBundle
from ..errors import KpiDeskError
from ..i18n import _, ngettext, one_full_stop
from ..metrics import engine, periods as P
from ..metrics.model import MetricInputs, SeriesPoint
from ..metrics.plausibility import chart_note
from ..metrics.registry import get_metric
from ..progress import Reporter
from ..report_view import NPS_PARTS, ViewResults, breakdown_candidates, data_span
from ..report_view.catalogue import bars_of, breaks_down_by, group_label
from ..report_view.partial import partial_periods
from ..report_view.words import trend_title
from ..result_details import HeatMapDetails, NpsDetails, StaffingDetails, details_of
from .model import ChartData, by_word
from ..formatting import format_day, format_day_range, format_period

log = logging.getLogger(__name__)

MAX_BARS = 12
MIN_POINTS = 2
# How far back a trend reaches when the period is a single one: a monthly report shows a year.
TREND_PERIODS = {"day": 31, "week": 13, "month": 12, "quarter": 8, "year": 5}


def report_charts(bundle: DataBundle, computed: ViewResults, shown: list[str], reporter: Reporter,
                  inputs: MetricInputs | None = None) -> tuple[list[ChartData], str]:
    """The charts of the shown KPIs, and a note saying what dates the trends cover. ``inputs``: the
    bundle's engine inputs the view was computed from (so every chart reuses what they prepared)."""
    source = inputs if inputs is not None else MetricInputs.from_bundle(bundle)
    by = computed.view.grain
    params, headline = computed.params, computed.filters()
    trend_filters, note, last_day = trend_window(headline, by, data_span(bundle))
    charts: list[ChartData] = []
    for i, metric_id in enumerate(shown):
        reporter.step(i / max(1, len(shown)), _("Charts: {kpi}", kpi=get_metric(metric_id).translated_label))
        if metric_id in ("peak_hours", "staffing"):
            continue
        trend = trend_chart(source, metric_id, params, trend_filters, by, computed.outcomes[metric_id].target, bundle)
        if trend is not None:
            charts.append(trend)
        for column in computed.view.breakdowns.get(metric_id, ()):
            bars = breakdown_chart(source, metric_id, column, params, headline)
            if bars is not None:
                charts.append(bars)
        if metric_id == "nps":
            parts = nps_parts_chart(source, params, trend_filters, by, bundle)
            if parts is not None:
                charts.append(parts)
    if "staffing" in shown:
        charts.extend(staffing_charts(computed.results.get("staffing")))
    peak = computed.results.get("peak_hours")
    if "peak_hours" in shown and peak is not None and peak.ok and details_of(peak, HeatMapDetails).matrix is not None:
        charts.append(peak_hours_chart(peak))
    reporter.step(1.0, _("Charts ready"))
    if last_day is not None:
        note = periods_note(by, [len(c.categories) for c in charts if c.by == by and c.period_starts], last_day)
    return charts, note


def trend_window(headline, by: str, span: tuple = (None, None)):
    """The dates trends cover, a note saying so and, when the note is to count the periods the trends draw
    (:func:`periods_note`), their last day (else None): the period when it spans several ``by`` periods, else the
    last :data:`TREND_PERIODS` periods up to the end of the period. All dates: the report's dates, ``span``
    (:func:`~metrics_core.report_view.data_span`: the activity files' dates, so that a customer register
    reaching back years draws the same months as every other trend)."""
    start, end = headline.bounds()
    if start is not None and end is not None and end > P.next_start(P.floor(start, by), by):
        return headline, _("Trends by {period} cover the chosen dates.", period=by_word(by)), None
    if start is None and end is None and span[0] is not None:
        first, last = span
        return (headline.with_bounds(P.floor(first, "day"), P.floor(last, "day") + pd.Timedelta(days=1)),
                one_full_stop(_("Trends by {period} cover the report's dates, {days}.", period=by_word(by),
                                days=format_day_range(first, last))), None)
    if end is None:
        return headline, _("Trends by {period} show every date in the files.", period=by_word(by)), None
    first = P.floor(end - pd.Timedelta(microseconds=1), by)
    for _step in range(TREND_PERIODS.get(by, 12) - 1):
        first = P.previous_start(first, by)
    last_day = end - pd.Timedelta(microseconds=1)
    return headline.with_bounds(first, end), periods_note(by, [], last_day), last_day


def periods_note(by: str, drawn: list[int], last_day) -> str:
    """What a single period's trends show: as many periods as they draw (``drawn``: each trend's count; a trend starts
    at its KPI's first period with data), "the 6 months", or "6 to 12 months" when they differ; the
    :data:`TREND_PERIODS` they may reach when none is drawn. deck20: sl "Data used" said 12 months where most trends
    drew six."""
    fewest, most = (min(drawn), max(drawn)) if drawn else (TREND_PERIODS.get(by, 12),) * 2
    periods = PERIOD_COUNTS.get(by, PERIOD_COUNTS["month"])(most)
    if fewest == most:
        return one_full_stop(_("Trends by {period} show {periods} up to {day}.", period=by_word(by), periods=periods,
                               day=format_day(last_day)))
    return one_full_stop(_("Trends by {period} show {fewest} to {periods} up to {day}: each KPI as far back as its "
                           "data go.", period=by_word(by), fewest=fewest, periods=periods, day=format_day(last_day)))


#: Periods counted in a note ("6 months"), in each language's plural forms.
PERIOD_COUNTS = {"day": lambda n: ngettext("{count} day", "{count} days", n, count=n),
                 "week": lambda n: ngettext("{count} week", "{count} weeks", n, count=n),
                 "month": lambda n: ngettext("{count} month", "{count} months", n, count=n),
                 "quarter": lambda n: ngettext("{count} quarter", "{count} quarters", n, count=n),
                 "year": lambda n: ngettext("{count} year", "{count} years", n, count=n)}


def _points_frame(points, series: str, by: str = "") -> tuple[pd.DataFrame, list[int]]:
    labels = [format_period(p.key, by) if by not in ("", "month") and isinstance(p.key, pd.Timestamp) else
              p.label if isinstance(p.key, pd.Timestamp) else group_label(by, p.label) for p in points]
    values = [float("nan") if p.value is None else float(p.value) for p in points]
    return pd.DataFrame({series: values}, index=pd.Index(labels, dtype=object)), [int(p.n or 0) for p in points]


def trend_chart(source, metric_id: str, params, filters, by: str, target: float | None,
                bundle: DataBundle | None = None) -> ChartData | None:
    """The KPI per period; the periods its data covers only in part marked as the window marks them
    (:func:`~metrics_core.report_view.partial.partial_periods`, from ``bundle``'s files)."""
    spec = get_metric(metric_id)
    try:
        points = engine.breakdown(source, metric_id, by, params, filters)
    except KpiDeskError as exc:
        log.info("no trend for %s: %s", metric_id, exc)
        return None
    if sum(p.value is not None for p in points) < MIN_POINTS:
        return None
    points = every_period(points, by)
    frame, counts = _points_frame(points, spec.translated_label, by)
    starts = [p.key.date().isoformat() for p in points] if all(isinstance(p.key, pd.Timestamp) for p in points) \
        else None
    partial = partial_periods(bundle, metric_id, filters, by, [p.key for p in points]) \
        if starts is not None and bundle is not None else []
    return ChartData(f"{metric_id}-by-{by}", trend_title(spec.translated_label, by), spec.family, "line",
                     spec.unit, frame, metric_id, by, counts, target, starts, partial=partial,
                     note=chart_note(spec, source))


def every_period(points: list[SeriesPoint], by: str) -> list[SeriesPoint]:
    """``points`` with the periods between them that have no rows as empty points (a gap in the line): the engine
    gives only the periods with rows, and a deck's axis puts each point one step from the last (deck21: IQS by day
    went "1 Oct, 5 Oct, 7 Oct" at equal steps, and every seventh point was labelled as if a week apart)."""
    if not points or not all(isinstance(p.key, pd.Timestamp) for p in points):
        return points
    have = {p.key: p for p in points}
    keys = P.period_range(points[0].key, points[-1].key, by)
    return [have.get(key) or SeriesPoint(key, P.label(key, by), None, 0) for key in keys]


def category_columns(bundle: DataBundle, metric_id: str) -> list[str]:
    """Category columns of the KPI's data with 2 to 60 values, best first (read per dataset)."""
    spec = get_metric(metric_id)
    frames = [ds.frame for ds in bundle.datasets if set(ds.kinds()) & set(spec.kinds)]
    columns = []
    for column in breakdown_candidates(spec.family):
        if not breaks_down_by(metric_id, column):
            continue
        values: set = set()
        for frame in frames:
            if column in frame.columns:
                values.update(frame[column].dropna().unique()[:61].tolist())
        if 2 <= len(values) <= 60:
            columns.append(column)
    return columns


def breakdown_chart(source, metric_id: str, column: str, params, filters) -> ChartData | None:
    """The KPI per value of ``column`` (the biggest groups, highest value first)."""
    spec = get_metric(metric_id)
    try:
        points = engine.breakdown(source, metric_id, column, params, filters)
    except KpiDeskError as exc:
        log.info("no breakdown of %s by %s: %s", metric_id, column, exc)
        return None
    points = bars_of(points)       # the rows without an agent too, "(no agent)", as the window's bars show them
    if len(points) < MIN_POINTS:
        return None
    points = sorted(points, key=lambda p: -(p.n or 0))[:MAX_BARS]
    points = sorted(points, key=lambda p: -p.value)
    frame, counts = _points_frame(points, spec.translated_label, column)
    return ChartData(f"{metric_id}-by-{column}", _("{kpi} by {column}", kpi=spec.translated_label, column=by_word(column)),
                     spec.family, "bar", spec.unit, frame, metric_id, column, counts, note=chart_note(spec, source))


def nps_parts_chart(source, params, filters, by: str, bundle: DataBundle | None = None) -> ChartData | None:
    """Promoters / passives / detractors per period, from the NPS of each period; its partial periods marked as
    the NPS trend's (:func:`~metrics_core.report_view.partial.partial_periods`, from ``bundle``'s files)."""
    try:
        points = engine.breakdown(source, "nps", by, params, filters)
    except KpiDeskError:
        return None
    rows, labels, counts, starts, keys = [], [], [], [], []
    for p in points:
        if p.value is None or not isinstance(p.key, pd.Timestamp):
            continue
        result = engine.compute_metric(source, "nps", params, _narrow(filters, p.key, P.next_start(p.key, by)))
        shares = details_of(result, NpsDetails).shares()
        if shares is None:
            return None
        rows.append(shares)
        labels.append(p.label)                           # "2026-05", as trends: the deck, images and sheet name it
        counts.append(int(result.n or 0))
        starts.append(p.key.date().isoformat())
        keys.append(p.key)
    if not rows:
        return None
    partial = partial_periods(bundle, "nps", filters, by, keys) if bundle is not None else []
    frame = pd.DataFrame(rows, columns=[name for _key, name, _label in NPS_PARTS], index=pd.Index(labels, dtype=object))
    return ChartData(f"nps-parts-by-{by}", _("NPS: promoters, passives, detractors by {period}", period=by_word(by)),
                     "customer_experience", "stacked", "%", frame, "nps", by, counts, period_starts=starts,
                     partial=partial)


def _narrow(filters, start: pd.Timestamp, end: pd.Timestamp):
    """``filters`` cut to one period ``[start, end)``, and to the filters' own dates within it."""
    base_start, base_end = filters.bounds()
    if base_start is not None and start < base_start < end:
        start = base_start
    if base_end is not None and start < base_end < end:
        end = base_end
    return filters.with_bounds(start, end)


def peak_hours_chart(result) -> ChartData:
    """Contacts per weekday and hour of the period, as a heat map."""
    spec = get_metric("peak_hours")
    details = details_of(result, HeatMapDetails)
    frame = pd.DataFrame(details.matrix, index=details.weekdays,
                         columns=[f"{h:02d}" for h in range(24)], dtype=float)
    return ChartData("peak_hours-heatmap", _("When customers contact us"), spec.family, "heatmap", "count", frame,
                     metric_id="peak_hours", by="weekday and hour")


def staffing_charts(result) -> list[ChartData]:
    """Erlang C by agents: service level and occupancy (%, with the target), and the ASA (seconds)."""
    details = details_of(result, StaffingDetails)
    curve = [] if result is None or not result.ok else details.curve or []
    if not curve:
        return []
    agents = [f"{int(p['agents']):,}" for p in curve]
    shares = pd.DataFrame({_("Service level"): [p["service_level_pct"] for p in curve],
                           _("Occupancy"): [p["occupancy_pct"] for p in curve]}, index=agents, dtype=float)
    asa = pd.DataFrame({_("ASA"): [p["asa_s"] if math.isfinite(p["asa_s"]) else None for p in curve]},
                       index=agents, dtype=float)
    family, by = get_metric("staffing").family, _("agents")
    target = details.target_pct if details.asa_target_s is None else None
    return [ChartData("staffing-service-level-by-agents", _("Staffing: service level and occupancy by agents"),
                      family, "line", "%", shares, metric_id="staffing", by=by, target=target),
            ChartData("staffing-asa-by-agents", _("Staffing: ASA by agents"), family, "line", "seconds", asa,
                      metric_id="staffing", by=by)]

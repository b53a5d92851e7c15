"""Feeding the chart widgets from what the core computed (``ChartData``, ``MetricResult``).

Only reshaping for display: every number plotted comes from :mod:`metrics_core`.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from metrics_core.catalogue import field_noun
from metrics_core.i18n import N_, _
from metrics_core.report_view.catalogue import group_label, no_breakdown_words
from metrics_core.report_view.words import per_period, readable_reason, trend_title
from metrics_core.result_details import HeatMapDetails, StaffingDetails, details_of

from .. import style
from .backlog_chart import BacklogChart
from .bar_chart import BarChart
from .heatmap_chart import HeatmapChart
from .histogram_chart import HistogramChart
from .nps_chart import NpsStackedChart
from .staffing_chart import StaffingChart
from .trend_chart import TrendChart

log = logging.getLogger(__name__)


def metric_spec(metric_id: str) -> Any:
    from metrics_core.metrics.registry import get_metric

    return get_metric(metric_id)


def show_trend(chart: TrendChart, data: Any, target: float | None) -> None:
    spec = metric_spec(data.metric_id)
    kpi = _(spec.label)
    points = data.trend
    per = per_period(data.granularity)
    chart.set_title(trend_title(kpi, data.granularity))
    chart.empty_message = _("No {kpi} values per {period} for these filters.", kpi=kpi, period=per)
    if data.no_value is not None:        # the KPI itself has no value: its own reason, not "for these filters"
        chart.empty_message = _no_value_message(data.no_value)
    elif data.undated:         # the real cause, not "for these filters"
        chart.empty_message = _("No date column is mapped in the file {kpi} is read from, so it has no trend "
                                "over time. Re-map the file to choose its date column.", kpi=kpi)
    elif data.no_trend_reason:       # the same value for any dates: no flat line that says nothing
        chart.empty_message = data.no_trend_reason
    # the card's one figure covers its own period: say so under points that each measure one period
    note = (_("each point measured on its own; the card: {period}, as one period", period=str(data.figure_period))
            if data.figure_period is not None and points else "")
    if data.caveat and points:         # what the points rest on, as the card says it (date-only durations)
        note = data.caveat + ("; " + note if note else "")
    chart.set_series([p.key for p in points], [p.label for p in points], [p.value for p in points], spec.unit,
                     [p.n for p in points], target, data.granularity, data.last_incomplete, currency=data.currency,
                     first_incomplete=data.first_incomplete, note=note)


def show_bars(chart: BarChart, data: Any, target: float | None) -> None:
    spec = metric_spec(data.metric_id)
    kpi = _(spec.label)
    points = data.bars
    column = data.category or ""
    category = field_noun(column) if column else ""
    chart.set_title(_("{kpi} by {category}", kpi=kpi, category=category) if column else kpi)
    words = no_breakdown_words(data.metric_id)           # (agents needed per agent say nothing)
    chart.empty_message = (_("No {kpi} values per {category} for these filters.", kpi=kpi, category=category)
                           if column else _(words) if words
                           else _("The rows behind {kpi} have no agent, channel, team or other "
                                  "category column to break it down by.", kpi=kpi))
    if data.no_value is not None:          # the KPI itself has no value: its own reason
        chart.empty_message = _no_value_message(data.no_value)
    chart.set_bars(column, [p.key for p in points], [group_label(column, p.label) for p in points],
                   [p.value for p in points],
                   spec.unit, [p.n for p in points], target, currency=data.currency,
                   higher_is_better=spec.higher_is_better, note=data.caveat if points else "")


def _no_value_message(result: Any) -> str:
    """An empty chart of a KPI without a value: why, as its card says it, under the chart's title ("Needs a
    Channel column …", not "No … values per agent for these filters")."""
    reason = readable_reason(result)
    return reason[:1].upper() + reason[1:]


def show_nps(chart: NpsStackedChart, data: Any) -> None:
    periods = data.nps_periods
    chart.set_periods([p[0] for p in periods], [p[2].get("promoters_pct", np.nan) for p in periods],
                      [p[2].get("passives_pct", np.nan) for p in periods],
                      [p[2].get("detractors_pct", np.nan) for p in periods], [p[1] for p in periods], data.granularity,
                      data.nps_partial)


SCORE_TITLES = {"csat_score": N_("CSAT answers per score"), "nps_score": N_("NPS answers per score (0-10)"),
                "ces_score": N_("CES answers per score")}


def show_distribution(chart: HistogramChart, data: Any) -> None:
    field = next((f for f in ("nps_score", "csat_score", "ces_score") if data.distribution.get(f)), None)
    if field is None:
        chart.set_distribution([], [])
        return
    pairs = data.distribution[field]
    if field == "nps_score":            # every score of the 0-10 scale, answered or not
        counts = dict(pairs)
        pairs = [(s, counts.get(s, 0)) for s in range(11)] + [(s, c) for s, c in pairs if s not in range(11)]
    scores = [s for s, _count in pairs]
    colors = None
    if field == "nps_score":
        colors = [style.DETRACTORS if s <= 6 else (style.PASSIVES if s <= 8 else style.PROMOTERS) for s in scores]
    chart.set_title(_(SCORE_TITLES[field]))
    chart.set_distribution(scores, [c for _score, c in pairs], colors)


def show_backlog(chart: BacklogChart, data: Any) -> None:
    points = data.backlog
    chart.set_series([p.key for p in points], [p.label for p in points], [p.value for p in points], data.granularity)


def show_peak_hours(chart: HeatmapChart, result: Any) -> None:
    matrix = None if result is None else _find_matrix(details_of(result, HeatMapDetails))
    if matrix is None:
        chart.set_matrix(np.zeros((7, 24)))
        return
    chart.set_matrix(matrix)


def _find_matrix(details: HeatMapDetails) -> np.ndarray | None:
    value = details.matrix
    if value is None:
        return None
    arr = np.asarray(value, dtype=float)
    return arr.reshape(7, 24) if arr.size == 7 * 24 else None


def show_staffing(chart: StaffingChart, result: Any) -> None:
    """The staffing KPI's Erlang C curve (``details.curve``): service level, occupancy and ASA by agents."""
    details = details_of(result, StaffingDetails)
    rows = [] if result is None or result.value is None else details.curve or []
    if not rows:
        reason = None if result is None else result.reason
        chart.set_curve([], [])
        chart.update_empty_state(str(reason) if reason else _("No data to show."))
        return
    target = details.target_pct if details.asa_target_s is None else None
    chart.set_curve([int(r["agents"]) for r in rows], [float(r["service_level_pct"]) for r in rows],
                    None if target is None else float(target), int(result.value),
                    occupancy=[float(r["occupancy_pct"]) for r in rows],
                    asa_s=[r.get("asa_s") for r in rows], measured=details.measured_service_level_pct,
                    measured_at=details.get("interval"),
                    asa_target=details.asa_target_s)
    chart.setToolTip(str(details.caveat_detail or ""))

"""Build a :class:`~metrics_core.export.model.Report` from a :class:`~metrics_core.report_view.KpiView`.

The report holds the same numbers as the window for the same view: both come from
:func:`metrics_core.report_view.compute_view`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

import pandas as pd

from ..dataset import DataBundle
from ..errors import KpiDeskError
from ..formatting import format_days_named, format_value, per_currency_text, result_caveat, result_currency, result_text
from ..i18n import _, N_
from ..metrics.docs import describe
from ..metrics.model import MetricInputs
from ..metrics.params import currency_of
from ..metrics.registry import REGISTRY
from ..progress import Reporter
from ..report_view import KpiView, ViewResults, compute_view
from ..report_view.words import (basis_line, change_words, comparison_gap, few_units_detail, few_units_words,
                                 margin_words, note_words, sentence, target_words)
from .model import ChartData, KpiRow, Report, SourceInfo
from .report_charts import report_charts

log = logging.getLogger(__name__)

CHANGE_METHOD = N_(
    "A change is called clear only when it is larger than its noise: its 95 % interval leaves out zero. "
    "Shares (CSAT, answer rate, FCR …) use Newcombe's hybrid score interval for a difference of "
    "proportions; NPS uses the margin of error of each period; averages (durations, scores) use "
    "Welch's interval; counts of contacts use a Poisson interval. A change inside its noise is shown "
    "as “no clear change”, in grey.")


def view_from_filters(filters: Any = None, by: str = "month", params: dict[str, Any] | None = None,
                      comparison: str = "previous") -> KpiView:
    """The view of engine ``filters`` (dates and categories) with the trend grain ``by``."""
    date_from = getattr(filters, "date_from", None)
    date_to = getattr(filters, "date_to", None)
    categories = getattr(filters, "categories", None) or {}
    targets = ((params or {}).get("global") or {}).get("targets") or {}
    return KpiView(date_from, date_to, categories, comparison, by, targets=targets)


def build_report(bundle: DataBundle, params: dict[str, Any] | None = None, filters: Any = None, by: str = "month",
                 business_name: str | None = None, reporter: Reporter | None = None, title: str | None = None, *,
                 view: KpiView | None = None, computed: ViewResults | None = None, appendix: bool = False,
                 logo: str | None = None) -> Report:
    """Compute the view's KPIs and gather what a report shows.

    Parameters
    ----------
    bundle : DataBundle
        The loaded datasets.
    params : dict, optional
        ``{metric_id: {name: value}, "global": {...}}`` as the engine takes them.
    filters, by :
        Date range and category filters, and the trend grain, when no ``view`` is given.
    business_name, title : str, optional
        For the title slide (default: "Customer service report"; "Customer service KPIs" under a business name).
    view : KpiView, optional
        What to show: period, comparison, chosen KPIs and their breakdowns, targets.
    computed : ViewResults, optional
        The view's numbers when already computed (the window's), used when their view is ``view``.
    appendix : bool
        Whether the deck ends with the data used and how the KPIs were computed.
    logo : str, optional
        An image file for the title slide.
    """
    reporter = reporter or Reporter()
    params = params or {}
    view = view or view_from_filters(filters, by, params)
    inputs = MetricInputs.from_bundle(bundle)         # one set of engine inputs for the KPIs and the charts
    if computed is None or computed.view != view:
        computed = compute_view(bundle, params, view, reporter.scaled(0.0, 0.6), inputs=inputs)
    shown = computed.shown_kpis
    if not view.kpis:          # money over several currencies has no one value, but an amount per currency
        shown = shown + [m for m, r in computed.results.items() if r.details.get("currencies") and m not in shown]
    specs = {spec.id: spec for spec in REGISTRY}
    order = shown + [m for m in specs if m not in shown and m in computed.results]
    currency = currency_of(params)
    kpis = [kpi_row(computed, specs[m], currency) for m in order]
    charts, trend_note = report_charts(bundle, computed, shown, reporter.scaled(0.6, 0.98), inputs)
    start, end = _period_days(bundle, computed)
    business_name = business_name or ""      # not the first file's name: a deck titled "tickets"
    report = Report(
        title=title or business_name, business_name=business_name, period_start=start,
        period_end=end, made_at=datetime.now().replace(microsecond=0), kpis=kpis, charts=in_own_currency(charts, computed),
        sources=_sources(bundle), parameters=json.loads(json.dumps(params, default=str)),
        how_computed=_how_computed(specs, kpis), by=view.grain, previous_label=_previous_label(computed),
        notes=[*_comparison_notes(computed), trend_note, *(note.describe() for note in bundle.merge_notes())], currency=currency, shown=shown,
        breakdowns={m: list(v) for m, v in view.breakdowns.items() if m in shown}, comparison=view.comparison,
        appendix=appendix, logo=logo, change_method=_(CHANGE_METHOD),
    )
    reporter.step(1.0, _("Report ready"))
    return report


def in_own_currency(charts: list[ChartData], computed: ViewResults) -> list[ChartData]:
    """``charts``, each money chart of a KPI whose rows are in one of several currencies marked with it."""
    own = {m: r.details.get("currency") for m, r in computed.results.items()}
    return [replace(c, currency=own[c.metric_id]) if own.get(c.metric_id) else c for c in charts]


def kpi_row(computed: ViewResults, spec: Any, currency: str) -> KpiRow:
    """One KPI of the view as the report's tables show it."""
    outcome = computed.outcomes[spec.id]
    result, change, interval = outcome.result, outcome.change, outcome.interval
    own = result_currency(result, currency)          # the files name several currencies: this KPI's own
    text = result_text(result) or (format_value(outcome.value, "currency", own)
                                   if own != currency and outcome.value is not None else None) or per_currency_text(result)
    currency = own
    return KpiRow(
        metric_id=spec.id, label=spec.translated_label, family=spec.family, value=outcome.value, unit=result.unit or spec.unit,
        n=int(result.n or 0), target=outcome.target, previous=None if change is None else change.previous,
        change=outcome.delta, reason=None if result.reason is None else str(result.reason),
        higher_is_better=outcome.higher_is_better, text=text, change_state=outcome.change_state,
        target_state=outcome.target_state, change_low=None if interval is None else interval.low,
        change_high=None if interval is None else interval.high, margin=result.margin_of_error,
        change_words=change_words(outcome, currency), target_words=target_words(outcome, currency),
        margin_words=margin_words(outcome), few_units=few_units_detail(outcome),
        few_units_short=few_units_words(outcome),
        sentence=sentence(spec.translated_label, outcome, currency, text) if outcome.value is not None else "",
        caveat=(result_caveat(result) or ("", ""))[0], per_currency=bool(result.details.get("currencies")),
        basis=basis_line(outcome) if result.n else "", note=note_words(outcome),
    )


def _period_days(bundle: DataBundle, computed: ViewResults):
    from ..report_view import data_span

    start, end = computed.period
    if start is None:
        first, last = data_span(bundle)
        return (None if first is None else first.date()), (None if last is None else last.date())
    return start.date(), (end - pd.Timedelta(days=1)).date()


def month_or_days(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The days ``[start, end)`` named as the report's period is (:func:`~metrics_core.formatting.format_days_named`):
    'September 2026', 'April – June 2026', '2025', else '5 Sep – 11 Sep 2026'.

    >>> month_or_days(pd.Timestamp("2026-09-01"), pd.Timestamp("2026-10-01"))
    'September 2026'
    >>> month_or_days(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-07-01"))
    'April – June 2026'
    >>> month_or_days(pd.Timestamp("2026-09-05"), pd.Timestamp("2026-09-12"))
    '5 Sep – 11 Sep 2026'
    """
    return format_days_named(start, end - pd.Timedelta(days=1))


def _previous_label(computed: ViewResults) -> str:
    """What changes compare with; "" when nothing is compared, nor when the files hold no data then (deck21: a
    year's deck said "compared with 1 Jan – 31 Dec 2025" on every slide over a column of dashes; At a glance now says
    why under its table instead)."""
    if computed.previous is None or computed.no_comparison_reason == "no_data":
        return ""
    return month_or_days(*computed.previous)


def _comparison_notes(computed: ViewResults) -> list[str]:
    gap = comparison_gap(computed, in_report=True)
    if gap:
        return [gap]
    if computed.previous is not None:
        if computed.view.comparison == "last_year":
            return [_("Changes compare with the same period a year before ({period}).",
                      period=month_or_days(*computed.previous))]
        return [_("Changes compare with the period before ({period}).", period=month_or_days(*computed.previous))]
    if computed.no_comparison_reason == "none":
        return [_("No comparison was asked for.")]
    return []


def _sources(bundle: DataBundle) -> list[SourceInfo]:
    return [SourceInfo(ds.name, str(ds.path), ds.kind, int(len(ds.frame)), ds.mapping.to_dict(),
                       {name: fm.evidence for name, fm in ds.mapping.fields.items()})
            for ds in bundle.datasets]


def _how_computed(specs, kpis: list[KpiRow]) -> dict[str, str]:
    """Each computed KPI's formula in words, what it reads, its parameters and sources, in the current language."""
    out = {}
    for row in kpis:
        if row.value is None:
            continue
        try:
            out[row.metric_id] = describe(row.metric_id)
        except (KeyError, KpiDeskError):
            out[row.metric_id] = specs[row.metric_id].translated_description
    return out

"""Family D — calls (phone logs and pre-aggregated ACD rows): the registry entries.

Each KPI reads one row per call (``calls``, see :mod:`call_rows`) when loaded,
else pre-aggregated rows (``call_intervals``, see :mod:`call_intervals`) re-weighted
by volume. Staffing (Erlang C) is in :mod:`call_staffing`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from . import call_intervals as ci
from . import call_rows as cr
from ..i18n import N_
from .call_staffing import STAFFING_PARAMS, staffing, staffing_calculator
from .common import (Terms, TermsSource, frame_of, missing_result, ratio_calculator, ratio_result, terms_compute,
                     terms_rows, with_defaults)
from .model import MetricInputs, MetricResult, MetricSpec

FAMILY = "calls"
KINDS = ("calls", "call_intervals")


def _either(metric_id: str, unit: str, hib: bool | None, rows: TermsSource, intervals: TermsSource | None,
            interval_fields: tuple[str, ...] = ()) -> TermsSource:
    """Per-call terms when calls are loaded, else the pre-aggregated terms; each says what its rows are
    (``counted``: "from 3,501 calls", "from 48 intervals" — the KPI reads two kinds, and its card and slide said
    "rows")."""

    def source(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
        calls, aggregated = frame_of(inputs, "calls"), frame_of(inputs, "call_intervals")
        if (calls is None or calls.empty) and aggregated is not None and not aggregated.empty:
            if intervals is None:
                return missing_result(metric_id, unit, interval_fields, "calls", higher_is_better=hib)
            terms = intervals(inputs, params)
        else:
            terms = rows(inputs, params)
        if isinstance(terms, Terms):
            terms = replace(terms, details={**terms.details, "counted": terms.kind})
        return terms

    return source


def _service_level_intervals(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, cr.SERVICE_LEVEL_PARAMS)
    return ci.service_level_rows(inputs, params, float(p["threshold_s"]), p["denominator"])


def _abandon_intervals(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    terms = ci.share_rows(inputs, "abandonment_rate", "abandoned", False)
    if isinstance(terms, Terms) and float(with_defaults(params, cr.ABANDON_PARAMS)["short_abandon_s"]) > 0:
        terms.details["short_abandon_s"] = "not applied: pre-aggregated rows do not give each abandon's wait"
    return terms


SOURCES: dict[str, TermsSource] = {
    "average_wait_time": _either("average_wait_time", "seconds", False, cr.wait_rows,
                                 lambda i, p: ci.average_rows(i, "average_wait_time", ci.WAIT_SOURCES)),
    "answer_rate": _either("answer_rate", "%", True, cr.answer_rows,
                           lambda i, p: ci.share_rows(i, "answer_rate", "answered", True)),
    "abandonment_rate": _either("abandonment_rate", "%", False, cr.abandon_rows, _abandon_intervals),
    "service_level": _either("service_level", "%", True, cr.service_level_rows, _service_level_intervals),
    "average_handle_time": _either("average_handle_time", "seconds", False, cr.handle_rows,
                                   lambda i, p: ci.average_rows(i, "average_handle_time", ci.HANDLE_SOURCES)),
    "average_hold_time": _either("average_hold_time", "seconds", False, cr.hold_rows, None, ("hold_s",)),
    "blocking_rate": _either("blocking_rate", "%", False, cr.blocking_rows, None, ("outcome",)),
    "call_fcr": _either("call_fcr", "%", True, cr.call_fcr_rows, None, ("resolved", "caller_id")),
}


def _answer_extra(terms: Terms) -> dict[str, Any]:
    den = float(terms.den[terms.used].sum())
    return {"missed_rate": 100.0 - 100.0 * float(terms.num[terms.used].sum()) / den} if den else {}


def _handle_calculator(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    """(talk + hold + after-call work) / handled calls."""
    total = sum(float(totals.get(k) or 0.0) for k in ("total_talk_s", "total_hold_s", "total_wrap_s"))
    return ratio_result("average_handle_time", total, float(totals["handled"]), unit="seconds", scale=1.0,
                        higher_is_better=False, empty_reason=N_("handled is 0, so there is nothing to divide by."))


def _spec(metric_id: str, label: str, unit: str, hib: bool, description: str, src: str, inputs: tuple[str, ...],
          params: tuple = (), extra=None, calculator=None) -> MetricSpec:
    scale = 100.0 if unit == "%" else 1.0
    source = SOURCES[metric_id]
    return MetricSpec(id=metric_id, label=label, family=FAMILY, unit=unit, higher_is_better=hib,
                      kinds=KINDS, required_fields=(), source=src,
                      description=description,
                      compute=terms_compute(metric_id, unit, scale, hib, source, extra), row_terms=terms_rows(source, scale),
                      calculator=calculator or ratio_calculator(metric_id, inputs[0], inputs[1], unit=unit, scale=scale,
                                                                higher_is_better=hib), calculator_inputs=inputs,
                      duration=unit == "seconds",
                      params=params)


SPECS: tuple[MetricSpec, ...] = (
    _spec("average_wait_time", N_("Average wait time (ASA)"), "seconds", False,
          N_("Total wait of answered calls / answered calls."), "S0 S1 S2", ("total_wait", "answered")),
    _spec("answer_rate", N_("Call answer rate"), "%", True,
          N_("Answered / offered inbound calls × 100; missed-call rate = 100 − answer rate."), "S1",
          ("answered", "offered"),
          extra=_answer_extra),
    _spec("abandonment_rate", N_("Call abandonment rate"), "%", False,
          N_("Abandoned / offered inbound calls × 100; abandons shorter than X s may be left out of both."), "S1",
          ("abandoned", "offered"), params=cr.ABANDON_PARAMS),
    _spec("service_level", N_("Call service level"), "%", True,
          N_("Calls answered within T seconds / offered calls × 100 (or / answered, or / answered + abandoned after T)."),
          "S1 S2", ("answered_within_threshold", "offered"), params=(*cr.SERVICE_LEVEL_PARAMS, ci.SL_BASE_PARAM)),
    _spec("average_handle_time", N_("Average handle time (AHT)"), "seconds", False,
          N_("(Talk + hold + after-call work) / handled calls."), "S1 S2",
          ("total_talk_s", "total_hold_s", "total_wrap_s", "handled"), calculator=_handle_calculator),
    _spec("average_hold_time", N_("Average hold time"), "seconds", False, N_("Total in-call hold / handled calls."), "S1",
          ("total_hold_s", "handled")),
    _spec("blocking_rate", N_("Blocking"), "%", False,
          N_("Calls that could not be answered for lack of agents or a network fault / offered × 100."), "S2",
          ("blocked", "offered")),
    _spec("call_fcr", N_("First call resolution"), "%", True,
          N_("Answered calls flagged resolved (or from callers who did not call again within N hours) / answered "
          "calls × 100."), "S1", ("resolved", "answered"), params=cr.CALL_FCR_PARAMS),
    MetricSpec(id="staffing", label=N_("Agents needed (Erlang C)"), family=FAMILY, unit="count", higher_is_better=None,
               kinds=KINDS, required_fields=(), source="+",
               description=N_("From arrivals per interval and AHT: traffic in Erlangs, probability of waiting, predicted service "
                           "level and ASA for k agents, the smallest k that meets the target; Erlang B blocking with k lines. "
                           "The target is a service level or an ASA, under a maximum occupancy; shrinkage gives the "
                           "head-count to schedule; Erlang B gives the lines for a blocking target; Erlang A (callers "
                           "who hang up, patience from the data) is shown beside it."),
               compute=staffing,
               calculator=staffing_calculator, calculator_inputs=("arrivals", "aht_s"),
               params=STAFFING_PARAMS),
)

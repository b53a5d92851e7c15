"""Family C — tickets (helpdesk exports): the registry entries.

The arithmetic lives in :mod:`ticket_volume` (counts, backlog, productivity, peak
hours), :mod:`ticket_durations` (FRT, reply delay, resolution and complaint
resolution time) and :mod:`ticket_quality` (FCR, interactions, SLA, reopens,
resolution rate). Ratios expose ``row_terms`` so breakdowns re-divide sums.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import ticket_durations as td
from . import ticket_quality as tq
from . import ticket_volume as tv
from ..i18n import N_
from .common import TermsSource, ratio_calculator, ratio_result, terms_compute, terms_rows
from .model import MetricResult, MetricSpec

FAMILY = "tickets"


def _growth_calculator(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    """(this period − previous period) / previous period × 100."""
    current, previous = float(totals["complaints_this_period"]), float(totals["complaints_previous_period"])
    return ratio_result("complaint_growth", current - previous, previous, unit="%", scale=100.0,
                        higher_is_better=False, empty_reason=N_("The previous period had no complaints."))


def _sla_extra(terms: Any) -> dict[str, Any]:
    return {"by_priority": tq.per_priority(terms)}


def _duration_spec(metric_id: str, label: str, source: td.DurationSource, description: str, src: str,
                   required: tuple[str, ...], total_name: str, count_name: str,
                   params: tuple = (), kinds: tuple[str, ...] = ("tickets",), counts: str = "") -> MetricSpec:
    return MetricSpec(id=metric_id, label=label, family=FAMILY, unit="seconds", higher_is_better=False,
                      kinds=kinds, required_fields=required, source=src,
                      description=description,
                      compute=td.duration_compute(metric_id, source), row_terms=td.duration_terms(source),
                      calculator=ratio_calculator(metric_id, total_name, count_name, unit="seconds", scale=1.0,
                                                  higher_is_better=False), calculator_inputs=(total_name, count_name),
                      duration=True, counts=counts,
                      params=params)


def _ratio_spec(metric_id: str, label: str, hib: bool, source: TermsSource, description: str, src: str,
                required: tuple[str, ...], num_name: str, den_name: str, params: tuple = (),
                unit: str = "%", extra=None) -> MetricSpec:
    scale = 100.0 if unit == "%" else 1.0
    return MetricSpec(id=metric_id, label=label, family=FAMILY, unit=unit, higher_is_better=hib,
                      kinds=("tickets",), required_fields=required, source=src,
                      description=description,
                      compute=terms_compute(metric_id, unit, scale, hib, source, extra), row_terms=terms_rows(source, scale),
                      calculator=ratio_calculator(metric_id, num_name, den_name, unit=unit, scale=scale, higher_is_better=hib), calculator_inputs=(num_name, den_name),
                      params=params)


SPECS: tuple[MetricSpec, ...] = (
    MetricSpec(id="request_volume", label=N_("Request volume"), family=FAMILY, unit="count", higher_is_better=None,
               kinds=("tickets", "calls", "social"), required_fields=(), source="S2",
               description=N_("Tickets, plus inbound calls and social items when loaded, created in the period."),
               compute=tv.request_volume),
    MetricSpec(id="volume_by_channel", label=N_("Contact volume per channel"), family=FAMILY, unit="%", higher_is_better=None,
               kinds=("tickets", "calls", "social"), required_fields=(), source="S0 S2",
               description=N_("Count and share of contacts (tickets, inbound calls, social items) per channel; the headline is the "
                           "busiest channel's share."),
               compute=tv.volume_by_channel,
               calculator=ratio_calculator("volume_by_channel", "channel_contacts", "all_contacts",
                                           higher_is_better=None), calculator_inputs=("channel_contacts", "all_contacts")),
    MetricSpec(id="open_tickets", label=N_("Open tickets"), family=FAMILY, unit="count", higher_is_better=False,
               kinds=("tickets",), required_fields=(), source="S2 S3",
               description=N_("Tickets not solved or closed at the data's “as of” time (latest timestamp, or a chosen date)."),
               compute=tv.open_tickets,
               period_aware=True),
    MetricSpec(id="backlog", label=N_("Ticket backlog"), family=FAMILY, unit="count", higher_is_better=False,
               kinds=("tickets",), required_fields=("created_at",), source="S1 S2",
               description=N_("Tickets unresolved at the end of each period: created ≤ t and (resolved > t or never)."),
               compute=tv.backlog,
               series_only=True, period_aware=True,
               params=tv.BACKLOG_PARAMS),
    MetricSpec(id="resolved_count", label=N_("Resolved issues"), family=FAMILY, unit="count", higher_is_better=True,
               kinds=("tickets",), required_fields=(), source="S3",
               description=N_("Tickets resolved in the period (status solved/closed, or a resolution time), dated by their "
                           "resolution time."),
               compute=tv.resolved_count,
               period_aware=True),
    _ratio_spec("resolution_rate", N_("Resolution rate"), True, tq.resolution_rate_rows,
                N_("Tickets resolved / tickets received × 100."), "S1 S2", (), "resolved", "received"),
    _duration_spec("first_response_time", N_("First response time"), td.first_response_durations,
                   N_("Mean of first response − created over tickets that got a response; tickets still waiting "
                   "are reported separately. Shown per channel by default."), "S0 S1 S2", ("created_at",),
                   "total_first_response_s", "responded_tickets", kinds=("tickets", "messages"),
                   counts="tickets"),     # one duration per ticket, its first reply read from the messages or not
    _duration_spec("average_response_time", N_("Average response time"), td.response_delays,
                   N_("Mean delay of every agent reply after the customer message it answers, or the mean of a "
                   "per-ticket average reply time."), "S0 S1", (), "total_reply_delay_s", "replies",
                   kinds=("messages", "tickets")),
    _duration_spec("resolution_time", N_("Average resolution time"), td.resolution_durations,
                   N_("Mean of resolved − created over resolved tickets; the closing time counts only when the file "
                      "has no resolved time, or row by row when chosen."), "S0 S1 S2 S3", (),
                   "total_resolution_s", "resolved_tickets", params=td.RESOLUTION_PARAMS),
    _duration_spec("complaint_resolution_time", N_("Complaint resolution time"), td.complaint_durations,
                   N_("Resolution time of complaint or escalated tickets, from filing (or escalation) to resolution."),
                   "S0", (), "total_complaint_resolution_s", "resolved_complaints",
                   params=td.COMPLAINT_PARAMS),
    MetricSpec(id="complaint_growth", label=N_("Complaint increase rate"), family=FAMILY, unit="%", higher_is_better=False, rate=False,
               kinds=("tickets", "customers"), required_fields=("created_at",), source="S3",
               description=N_("Complaints in the last period vs the period before (%), and per 100 active "
                           "customers. A last period the data does not cover to its end is left out, as in every "
                           "comparison with the previous period."),
               compute=tv.complaint_growth,
               calculator=_growth_calculator, calculator_inputs=("complaints_this_period", "complaints_previous_period"),
               period_aware=True,
               params=tv.GROWTH_PARAMS),
    _ratio_spec("fcr", N_("First contact resolution"), True, tq.fcr_rows,
                N_("Resolved tickets closed with one agent reply (or one interaction, or an FCR flag) and never "
                "reopened / resolved tickets × 100; optionally voided by any contact from the same customer "
                "within N days."), "S1", (), "resolved_first_contact", "resolved",
                params=tq.FCR_PARAMS),
    _ratio_spec("interactions_per_ticket", N_("Interactions per ticket"), False, tq.interactions_rows,
                N_("Mean of interactions (or agent replies, or messages) per ticket."), "S1", (),
                "interactions", "tickets", unit="ratio"),
    _ratio_spec("sla_compliance", N_("Ticket SLA compliance"), True, tq.sla_rows,
                N_("Tickets with a first response (or resolution) within the target of their priority / tickets "
                "with one × 100; the file's own SLA verdict when no targets are set."), "S2", (),
                "within_target", "counted", params=tq.SLA_PARAMS, extra=_sla_extra),
    _ratio_spec("reopen_rate", N_("Reopen rate"), False, tq.reopen_rows,
                N_("Resolved tickets reopened at least once / resolved tickets × 100."), "+", ("reopens",),
                "reopened", "resolved"),
    MetricSpec(id="agent_productivity", label=N_("Employee productivity"), family=FAMILY, unit="per_day", higher_is_better=True,
               kinds=("tickets", "calls", "staff"), required_fields=("agent",), source="S3",
               description=N_("Tickets resolved and calls answered per agent per working day (per hour when hours "
                           "worked are known)."),
               compute=tv.agent_productivity,
               calculator=ratio_calculator("agent_productivity", "items", "agent_days", unit="per_day", scale=1.0), calculator_inputs=("items", "agent_days")),
    MetricSpec(id="peak_hours", label=N_("Peak hours"), family=FAMILY, unit="count", higher_is_better=None,
               kinds=("tickets", "calls", "social"), required_fields=(), source="S1",
               description=N_("Contacts per weekday × hour of day (heat map); the headline is the busiest hour's count."),
               compute=tv.peak_hours),
)

"""Row-decomposable quality ratios of family C (tickets): first contact resolution,
interactions per ticket, SLA compliance per priority, reopen rate, resolution rate.

Each KPI is split into ``*_rows`` (per-row numerator / denominator, used by both
``compute`` and ``row_terms``) and the division, so breakdowns by period or
category re-divide sums and never average ratios.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..errors import ParameterError
from ..formatting import quoted
from ..i18n import N_, Message
from .common import (Terms, add_excluded, bool_values, clean_durations, comparable_ids, datetimes, distinct_lower,
                     empty_result, frame_of, has, missing_result, no_value, numbers, per_row, seconds_to_next_contact,
                     with_defaults)
from ..column_facts import column_fact
from .model import MetricInputs, MetricResult, ParamSpec
from .call_rows import call_status
from .left_out import left_out
from .ticket_durations import CLOSED_AS_RESOLVED, resolution_times, timed

DONE_STATUSES = ("solved", "closed")


def resolved_mask(tickets: pd.DataFrame) -> np.ndarray:
    """Resolved tickets: status solved/closed where a status is given, else a resolution time or duration."""
    evidence = np.zeros(len(tickets), dtype=bool)
    for column in ("resolved_at", "resolution_s", "closed_at"):
        if column in tickets.columns:
            evidence |= tickets[column].notna().to_numpy()
    if "status" not in tickets.columns:
        return evidence
    known, done = _status_done(tickets["status"])
    return np.where(known, done, evidence)


def _status_done(status: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per row: whether a status is given, and whether it is solved or closed.

    Decided once per distinct status, and once per status column: eight ticket KPIs ask about the
    same column, so the answer is kept (read-only) while the column's array lives (:func:`column_fact`).
    """
    def decide() -> tuple[np.ndarray, np.ndarray]:
        codes, statuses = distinct_lower(status)
        known = codes >= 0
        done = per_row(statuses.isin(DONE_STATUSES), codes)
        known.flags.writeable = done.flags.writeable = False
        return known, done

    return column_fact(status, "status done", decide)


def _tickets(inputs: MetricInputs, metric_id: str, unit: str, hib: bool | None) -> pd.DataFrame | MetricResult:
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result(metric_id, unit, "tickets", higher_is_better=hib)
    return tickets


# ------------------------------------------------------------ resolution rate
def resolution_rate_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    tickets = _tickets(inputs, "resolution_rate", "%", True)
    if isinstance(tickets, MetricResult):
        return tickets
    if not any(c in tickets.columns for c in ("status", "resolved_at", "resolution_s", "closed_at")):
        return missing_result("resolution_rate", "%", ["status", "resolved_at"], "tickets", higher_is_better=True)
    resolved = resolved_mask(tickets).astype(float)
    ones = np.ones(len(tickets))
    return Terms(tickets, resolved, ones, ones.astype(bool), tickets.get("created_at"))


# ------------------------------------------------------------------------ FCR
FCR_PARAMS = (
    ParamSpec(name="cross_channel", default=False, label=N_("Cross-channel FCR"), kind="bool",
              help=N_("Any new contact from the same customer (ticket or call) within the window voids FCR.")),
    ParamSpec(name="window_days", default=7, label=N_("Repeat-contact window (days)"), kind="number", minimum=0),
)


def _first_contact_flags(tickets: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """(resolved at first contact, known) from the FCR flag, else one agent reply, else one interaction."""
    flag = np.zeros(len(tickets), dtype=bool)
    known = np.zeros(len(tickets), dtype=bool)
    found = False
    if has(tickets, "fcr_flag"):
        flag, known = bool_values(tickets["fcr_flag"])
        found = True
    for column in ("agent_replies", "interactions"):
        if has(tickets, column):
            counts = numbers(tickets[column])
            fill = ~known & ~np.isnan(counts)
            flag = np.where(fill, counts == 1, flag)
            known |= fill
            found = True
    return (flag, known) if found else None


def _repeat_contact(inputs: MetricInputs, tickets: pd.DataFrame, window_s: float) -> np.ndarray:
    """True for tickets whose customer made another contact (ticket or call) within ``window_s`` after it."""
    who, when = [tickets["customer_id"]], [tickets["created_at"]]
    calls = frame_of(inputs, "calls")
    if calls is not None and has(calls, "caller_id") and has(calls, "started_at"):
        who.append(calls["caller_id"])
        when.append(calls["started_at"])
    who = comparable_ids(*who)              # (a caller matches a customer id as text would)
    if len(who) > 1:
        who[1] = who[1].where(call_status(inputs, calls)["inbound"])       # not callbacks
    gaps = seconds_to_next_contact(pd.concat(who, ignore_index=True),
                                   pd.concat([datetimes(w) for w in when], ignore_index=True))
    return gaps[:len(tickets)] <= window_s


def fcr_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, FCR_PARAMS)
    tickets = _tickets(inputs, "fcr", "%", True)
    if isinstance(tickets, MetricResult):
        return tickets
    flags = _first_contact_flags(tickets)
    if flags is None:
        return missing_result("fcr", "%", ["agent_replies", "interactions", "fcr_flag"], "tickets",
                              higher_is_better=True)
    first_contact, known = flags
    resolved = resolved_mask(tickets)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (resolved & ~known).sum(), N_("resolved tickets without a reply count or FCR flag"))
    ok = first_contact.copy()
    if has(tickets, "reopens"):
        ok &= ~(numbers(tickets["reopens"]) >= 1)
    details: dict[str, Any] = {"cross_channel": bool(p["cross_channel"])}
    if p["cross_channel"]:
        if not (has(tickets, "customer_id") and has(tickets, "created_at")):
            return missing_result("fcr", "%", ["customer_id"], "tickets", higher_is_better=True)
        repeat = _repeat_contact(inputs, tickets, float(p["window_days"]) * 86_400)
        details["voided_by_repeat_contact"] = int((ok & resolved & known & repeat).sum())
        ok &= ~repeat
    used = resolved & known
    return Terms(tickets, (ok & used).astype(float), used.astype(float), used, tickets.get("created_at"),
                 excluded, details)


# ------------------------------------------------------------ interactions
def interactions_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    tickets = _tickets(inputs, "interactions_per_ticket", "ratio", False)
    if isinstance(tickets, MetricResult):
        return tickets
    column = next((c for c in ("interactions", "agent_replies") if has(tickets, c)), None)
    if column is not None:
        counts = numbers(tickets[column])
        source = f"the {column} column"
    else:
        messages = frame_of(inputs, "messages")
        if messages is None or not has(messages, "ticket_id") or not has(tickets, "ticket_id"):
            return missing_result("interactions_per_ticket", "ratio", ["interactions", "agent_replies"], "tickets",
                                  higher_is_better=False)
        of_message, of_ticket = comparable_ids(messages["ticket_id"], tickets["ticket_id"])
        per_ticket = messages.groupby(of_message).size()
        counts = of_ticket.map(per_ticket).fillna(0).to_numpy(dtype=float)
        source = "messages per ticket"
    used = ~np.isnan(counts)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (~used).sum(), N_("tickets without an interaction count"))
    return Terms(tickets, np.nan_to_num(counts), used.astype(float), used, tickets.get("created_at"), excluded,
                 {"source": source})


# ------------------------------------------------------------------ reopens
def reopen_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    tickets = _tickets(inputs, "reopen_rate", "%", False)
    if isinstance(tickets, MetricResult):
        return tickets
    if not has(tickets, "reopens"):
        return missing_result("reopen_rate", "%", ["reopens"], "tickets", higher_is_better=False)
    reopens = numbers(tickets["reopens"])
    resolved = resolved_mask(tickets)
    used = resolved & ~np.isnan(reopens)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (resolved & np.isnan(reopens)).sum(), N_("resolved tickets without a reopen count"))
    return Terms(tickets, (used & (reopens >= 1)).astype(float), used.astype(float), used,
                 tickets.get("created_at"), excluded)


# --------------------------------------------------------------------- SLA
SLA_PARAMS = (
    ParamSpec(name="measure", default="first_response", label=N_("Target applies to"), kind="choice",
              choices=("first_response", "resolution")),
    ParamSpec(name="targets", default=None, label=N_("Target per priority (seconds)"), kind="table",
              help=N_("e.g. urgent=3600, high=14400, default=86400; empty: use the file's own SLA verdict")),
    CLOSED_AS_RESOLVED,
)


def target_table(table: Any) -> dict[str, Any]:
    """A target table from a mapping, JSON text (``{"urgent": 3600}``) or ``urgent=3600, default=86400`` text."""
    if not isinstance(table, str):
        return dict(table or {})
    text = table.strip()
    try:
        parsed = json.loads(text) if text.startswith("{") else dict(
            (k.strip(), v.strip()) for k, v in (part.split("=", 1) for part in text.split(",") if part.strip()))
    except ValueError:
        raise ParameterError(Message("The SLA targets {table} are not a table like urgent=3600, high=14400.", dict(table=quoted(str(table))))) from None
    if not isinstance(parsed, dict):
        raise ParameterError(Message("The SLA targets {table} are not a table like urgent=3600, high=14400.", dict(table=quoted(str(table)))))
    return parsed


def targets_per_row(tickets: pd.DataFrame, table: Mapping[str, Any]) -> np.ndarray:
    """Target seconds of each ticket from a ``{priority: seconds}`` table (``default`` for the rest)."""
    cleaned: dict[str, float] = {}
    for key, value in target_table(table).items():
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            raise ParameterError(Message("The SLA target for {key} must be a number of seconds, not {value}.", dict(key=quoted(str(key)), value=quoted(str(value))))) from None
        if seconds < 0:
            raise ParameterError(Message("The SLA target for {key} must not be negative.", dict(key=quoted(str(key)))))
        cleaned[str(key).strip().lower()] = seconds
    default = cleaned.pop("default", np.nan)
    if "priority" not in tickets.columns:
        return np.full(len(tickets), default)
    codes, full = distinct_lower(tickets["priority"])
    short = full.str.replace(r"^\d+\s*[-.:)]\s*", "", regex=True)       # "1 - Critical" → "critical"
    per_value = full.map(cleaned).astype("Float64").fillna(short.map(cleaned).astype("Float64")).fillna(default)
    return np.append(per_value.to_numpy(dtype=float, na_value=np.nan), default)[codes]


def sla_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, SLA_PARAMS)
    tickets = _tickets(inputs, "sla_compliance", "%", True)
    if isinstance(tickets, MetricResult):
        return tickets
    table = target_table(p["targets"])
    if not table and has(tickets, "sla_met") and not (p["measure"] == "first_response"
                                                       and has(tickets, "sla_first_response_s")):
        met, known = bool_values(tickets["sla_met"])
        excluded: list[tuple[int, str]] = []
        add_excluded(excluded, (~known).sum(), N_("tickets without an SLA verdict"))
        return Terms(tickets, (met & known).astype(float), known.astype(float), known, tickets.get("created_at"),
                     excluded, {"source": "the file's own SLA verdict (sla_met)"})
    if p["measure"] == "resolution":
        resolution = resolution_times(tickets, "created_at", p["closed_as_resolved"], inputs.calendar)
        found = None if resolution is None else (resolution.values, resolution.source)
        waiting, fields = "tickets not resolved yet", ["resolved_at", "resolution_s"]
    else:
        found = timed(tickets, "created_at", ("first_response_at",), "first_response_s", inputs.calendar)
        waiting, fields = "tickets still waiting for a first response", ["first_response_at", "first_response_s"]
    if found is None:
        return missing_result("sla_compliance", "%", fields, "tickets", higher_is_better=True)
    if table:
        targets, source = targets_per_row(tickets, table), "target table per priority"
    elif p["measure"] == "first_response" and has(tickets, "sla_first_response_s"):
        targets, source = numbers(tickets["sla_first_response_s"]), "the file's first-response target column"
    else:
        return no_value("sla_compliance", "%", N_("Set a target per priority (for example urgent: 1 hour) or load a "
                        "file with its own SLA verdict."), higher_is_better=True, missing=["sla_met"])
    values = found[0]
    closed_only = resolution.closed_only if p["measure"] == "resolution" else np.zeros(len(values), dtype=bool)
    excluded = []
    add_excluded(excluded, (np.isnan(values) & ~closed_only).sum(), waiting)
    add_excluded(excluded, closed_only.sum(), left_out("tickets", "closed_only"))
    usable = clean_durations(values, excluded, "tickets")
    no_target = usable & np.isnan(targets)
    add_excluded(excluded, no_target.sum(), N_("tickets whose priority has no target"))
    used = usable & ~no_target
    met = used & (values <= np.nan_to_num(targets, nan=-1.0))
    return Terms(tickets, met.astype(float), used.astype(float), used, tickets.get("created_at"), excluded,
                 {"source": source, "measure": p["measure"]})


def per_priority(terms: Terms) -> dict[str, dict[str, float | None]]:
    """Met / counted / % per priority (for the SLA table)."""
    if "priority" not in terms.frame.columns:
        return {}
    frame = pd.DataFrame({"g": terms.frame["priority"].astype("string").fillna("(none)").to_numpy(),
                          "num": terms.num, "den": terms.den})[terms.used]
    sums = frame.groupby("g", sort=True)[["num", "den"]].sum()
    return {str(k): {"met": float(r.num), "counted": float(r.den), "pct": 100 * r.num / r.den if r.den else None}
            for k, r in sums.iterrows()}

"""Duration KPIs of family C (tickets): first response, reply delay, resolution,
complaint resolution.

A duration is taken from timestamps when both exist (business hours applied when
``inputs.calendar`` is set), otherwise from the export's own duration column.
Negative durations are excluded and reported, never clamped; tickets still
waiting (no response / not resolved) are reported separately. The mean is the
headline, with median and p90.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ..deferred import np
from ..deferred import pd

from ..i18n import N_, Message
from ..progress import checkpoint
from .common import (Terms, add_excluded, clean_durations, comparable_ids, datetimes, duration_result, elapsed_seconds,
                     empty_result, frame_of, group_durations, has, missing_result, numbers, text_lower,
                     bool_values, with_defaults)
from .left_out import left_out
from .model import MetricInputs, MetricResult, ParamSpec, RowTerms


def durations(frame: pd.DataFrame, values: np.ndarray, usable: np.ndarray, dates: pd.Series | None, kind: str,
              excluded: list[tuple[int, str]] | None = None, details: dict[str, Any] | None = None) -> Terms:
    """Per-row durations (seconds; NaN where not measurable) as :class:`Terms`: num = seconds, den = 1,
    val = seconds, over the ``usable`` rows (finite and not negative)."""
    return Terms(frame, values, np.ones(len(values)), usable, dates, list(excluded or []), dict(details or {}),
                 kind, val=values)


DurationSource = Callable[[MetricInputs, Mapping[str, Any]], "Terms | MetricResult"]


def timed(frame: pd.DataFrame, start: str, end_columns: tuple[str, ...], seconds_column: str | None,
          calendar: Any) -> tuple[np.ndarray, str] | None:
    """Durations from ``start`` to the first available end column per row, filled from
    ``seconds_column`` where no timestamp gives one; None when neither source exists."""
    values = np.full(len(frame), np.nan)
    sources = []
    if has(frame, start):
        for end in end_columns:
            if has(frame, end):
                todo = np.isnan(values)
                values = np.where(todo, elapsed_seconds(frame[start], frame[end], calendar), values)
                sources.append(f"{start} → {end}" + (" (business hours)" if calendar is not None else ""))
    if seconds_column and has(frame, seconds_column):
        values = np.where(np.isnan(values), _open_seconds(frame, start, seconds_column, calendar), values)
        sources.append(f"the {seconds_column} column" + (" (business hours)" if calendar is not None
                                                         and has(frame, start) else ""))
    return (values, " then ".join(sources)) if sources else None


def _open_seconds(frame: pd.DataFrame, start: str, seconds_column: str, calendar: Any) -> np.ndarray:
    """The export's duration column; with a business-hours ``calendar`` only the open seconds of
    ``start`` … ``start + duration`` (METRICS.md: duration metrics count open hours when a calendar is set)."""
    seconds = numbers(frame[seconds_column])
    if calendar is None or not has(frame, start):
        return seconds
    begin = datetimes(frame[start])
    end = begin + pd.to_timedelta(seconds, unit="s")
    open_s = calendar.seconds_between(begin, end)
    return np.where(np.isnan(open_s), seconds, open_s)   # no start time: the column as exported


CLOSED_AS_RESOLVED = ParamSpec(
    name="closed_as_resolved", default="when_no_resolved_column", label=N_("Closing time counts as resolution"),
    kind="choice", choices=("when_no_resolved_column", "for_missing_rows", "never"),
    help=N_("Resolution is measured to the resolved time. “When the file has no resolved time”: a file without "
            "resolved times uses its closing times. “Also for tickets closed without a resolved time”: each such "
            "ticket is measured to its closing (closing often comes days later, by auto-close). “Never”: resolved "
            "times only."))


@dataclass
class Resolution:
    """Seconds to resolution per row (NaN: not measured), where they came from, and how closing times were used."""

    values: np.ndarray
    source: str
    closed_only: np.ndarray          # closed, no resolved time, and not measured
    filled_from_closed: int          # rows measured to their closing time although the file has resolved times
    details: dict[str, Any]


def resolution_times(frame: pd.DataFrame, start: str, choice: str, calendar: Any, *,
                     seconds_column: str | None = "resolution_s") -> Resolution | None:
    """Durations from ``start`` to resolution (METRICS.md): the resolved time, else the export's resolution
    column; closing times only as ``choice`` (:data:`CLOSED_AS_RESOLVED`) allows. None when nothing measures it."""
    closed, resolved = has(frame, "closed_at"), has(frame, "resolved_at")
    ends: tuple[str, ...] = ("resolved_at",)
    if closed and choice != "never" and (not resolved or choice == "for_missing_rows"):
        ends = ("resolved_at", "closed_at")
    found = timed(frame, start, ends, seconds_column, calendar)
    if found is None:
        return None
    values, source = found
    details: dict[str, Any] = {"source": source, "closed_as_resolved": choice}
    no_resolved = frame["resolved_at"].isna().to_numpy() if resolved else np.ones(len(frame), dtype=bool)
    closed_rows = no_resolved & (frame["closed_at"].notna().to_numpy() if closed else np.zeros(len(frame), bool))
    filled = 0
    if resolved and "closed_at" in ends:
        filled = int((closed_rows & ~np.isnan(values)).sum())
        details["filled_from_closed_at"] = filled
        if filled:
            details["note"] = Message.plural("{count} ticket measured to its closing time (closed without a "
                                             "resolved time)", "{count} tickets measured to their closing time "
                                             "(closed without a resolved time)", filled, count=filled)
    elif not resolved and "closed_at" in ends:
        details["note"] = Message("the file has no resolved time: closing time counted as resolution")
    return Resolution(values, source, closed_rows & np.isnan(values), filled, details)


def measured(tickets: pd.DataFrame, found: tuple[np.ndarray, str] | Resolution, unfinished: str,
             rows: str) -> Terms:
    """:func:`durations` of ``found`` = (seconds, source) or a :class:`Resolution`: missing ones reported
    as ``unfinished`` (closed without a resolved time on their own), negative ones excluded."""
    if isinstance(found, Resolution):
        values, details, closed_only = found.values, dict(found.details), found.closed_only
    else:
        values, details, closed_only = found[0], {"source": found[1]}, np.zeros(len(found[0]), dtype=bool)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (np.isnan(values) & ~closed_only).sum(), unfinished)
    add_excluded(excluded, closed_only.sum(), left_out(rows, "closed_only"))
    usable = clean_durations(values, excluded, rows)
    return durations(tickets, values, usable, tickets.get("created_at"), "tickets", excluded, details)


def _messages_first_reply(inputs: MetricInputs, tickets: pd.DataFrame) -> pd.Series | None:
    """First agent message time of each ticket (messages kind), aligned to ``tickets``."""
    messages = frame_of(inputs, "messages")
    if messages is None or not has(messages, "author_role") or not has(tickets, "ticket_id"):
        return None
    agent_rows = messages[text_lower(messages["author_role"]).eq("agent").fillna(False).to_numpy()]
    of_message, of_ticket = comparable_ids(agent_rows["ticket_id"], tickets["ticket_id"])
    first = agent_rows.groupby(of_message)["sent_at"].min()
    return of_ticket.map(first)


def first_response_durations(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    """Created → first agent response; tickets without one are reported as still waiting."""
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("first_response_time", "seconds", "tickets", higher_is_better=False)
    found = timed(tickets, "created_at", ("first_response_at",), "first_response_s", inputs.calendar)
    if found is None:
        first = _messages_first_reply(inputs, tickets)
        if first is None or not has(tickets, "created_at"):
            return missing_result("first_response_time", "seconds", ["first_response_at", "first_response_s"],
                                  "tickets", higher_is_better=False)
        found = (elapsed_seconds(tickets["created_at"], first, inputs.calendar), "first agent message")
    result = measured(tickets, found, N_("tickets still waiting for a first response"), "tickets")
    result.details.update({"waiting_for_first_response": int(np.isnan(result.val).sum()),
                           "default_group": "channel"})
    if "channel" in tickets.columns:
        checkpoint()
        result.details["by_channel"] = group_durations(np.where(result.used, result.val, np.nan),
                                                       tickets["channel"])
    return result


def _reply_delays_from_messages(messages: pd.DataFrame, calendar: Any) -> tuple[pd.DataFrame, np.ndarray]:
    """Delay of each agent reply after the first customer message it answers."""
    order = messages.assign(_t=messages["sent_at"]).sort_values(["ticket_id", "_t"], kind="stable")
    role = text_lower(order["author_role"])
    is_agent = role.eq("agent").fillna(False).to_numpy()
    is_customer = role.eq("customer").fillna(False).to_numpy()
    ticket = order["ticket_id"].astype("string")
    block = pd.Series(is_agent.astype(int), index=order.index).groupby(ticket.to_numpy()).cumsum().to_numpy() - is_agent
    customer_time = order["sent_at"].where(is_customer)
    waiting_since = customer_time.groupby([ticket.to_numpy(), block]).transform("min")
    delays = elapsed_seconds(waiting_since, order["sent_at"], calendar)
    delays = np.where(is_agent, delays, np.nan)
    return order, delays


def response_delays(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    """Every agent reply's delay (messages), else the per-ticket average reply column."""
    messages = frame_of(inputs, "messages")
    if messages is not None and not messages.empty and all(has(messages, f) for f in ("ticket_id", "author_role", "sent_at")):
        order, delays = _reply_delays_from_messages(messages, inputs.calendar)
        excluded: list[tuple[int, str]] = []
        usable = clean_durations(delays, excluded, "replies")
        details = {"source": "agent replies after customer messages (messages data)", "counted": "replies"}
        return durations(order, delays, usable, order["sent_at"], "messages", excluded, details)
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("average_response_time", "seconds", "tickets", higher_is_better=False)
    if not has(tickets, "average_reply_s"):
        return missing_result("average_response_time", "seconds", ["average_reply_s"], "tickets",
                              higher_is_better=False)
    values = numbers(tickets["average_reply_s"])
    excluded = []
    add_excluded(excluded, np.isnan(values).sum(), N_("tickets without an average reply time"))
    usable = clean_durations(values, excluded, "tickets")
    return durations(tickets, values, usable, tickets.get("created_at"), "tickets", excluded,
                     {"source": "the average_reply_s column (per-ticket averages)", "counted": "tickets"})


RESOLUTION_PARAMS = (CLOSED_AS_RESOLVED,)


def resolution_durations(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    """Created → resolved over resolved tickets (closing time only as ``closed_as_resolved`` allows)."""
    p = with_defaults(params, RESOLUTION_PARAMS)
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("resolution_time", "seconds", "tickets", higher_is_better=False)
    found = resolution_times(tickets, "created_at", p["closed_as_resolved"], inputs.calendar)
    if found is None:
        return missing_result("resolution_time", "seconds", ["resolved_at", "resolution_s"], "tickets",
                              higher_is_better=False)
    return measured(tickets, found, N_("tickets not resolved yet"), "tickets")


COMPLAINT_PARAMS = (
    ParamSpec(name="measure_from", default="filed", label=N_("Measure from"), kind="choice", choices=("filed", "escalated"),
              help=N_("Filing (creation) time, or the escalation time when the file has one.")),
    ParamSpec(name="all_are_complaints", default=False, label=N_("Every ticket is a complaint"), kind="bool",
              help=N_("For complaint-only files that have no complaint flag.")),
    CLOSED_AS_RESOLVED,
)


def complaint_mask(tickets: pd.DataFrame, all_are_complaints: bool) -> np.ndarray | None:
    """Tickets flagged as complaint or escalated (or typed "complaint"); None when the file cannot say."""
    if all_are_complaints:
        return np.ones(len(tickets), dtype=bool)
    mask = np.zeros(len(tickets), dtype=bool)
    found = False
    for column in ("is_complaint", "escalated"):
        if has(tickets, column):
            mask |= bool_values(tickets[column])[0]
            found = True
    if has(tickets, "type"):
        mask |= text_lower(tickets["type"]).str.contains("complain", regex=False).fillna(False).to_numpy(dtype=bool)
        found = True
    return mask if found else None


def complaint_durations(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    """Filing (or escalation) → resolution of complaint / escalated tickets."""
    p = with_defaults(params, COMPLAINT_PARAMS)
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("complaint_resolution_time", "seconds", "tickets", higher_is_better=False)
    mask = complaint_mask(tickets, bool(p["all_are_complaints"]))
    if mask is None:
        return missing_result("complaint_resolution_time", "seconds", ["is_complaint", "escalated"], "tickets",
                              higher_is_better=False)
    complaints = tickets[mask]
    choice = p["closed_as_resolved"]
    found = resolution_times(complaints, "created_at", choice, inputs.calendar)
    if p["measure_from"] == "escalated" and has(complaints, "escalated_at"):
        escalated = resolution_times(complaints, "escalated_at", choice, inputs.calendar, seconds_column=None)
        if escalated is not None:      # complaints never escalated are measured from filing
            from_filing = complaints["escalated_at"].isna().to_numpy()
            if found is not None:
                escalated.values = np.where(from_filing, found.values, escalated.values)
                escalated.closed_only = np.where(from_filing, found.closed_only, escalated.closed_only)
                escalated.details["source"] = (f"{escalated.source} (from filing when not escalated: "
                                               f"{found.source})")
            found = escalated
    if found is None:
        return missing_result("complaint_resolution_time", "seconds", ["resolved_at", "resolution_s"], "tickets",
                              higher_is_better=False)
    result = measured(complaints, found, N_("complaints not resolved yet"), "complaints")
    result.details["complaints"] = int(mask.sum())
    return result


def duration_compute(metric_id: str,
                     source: DurationSource) -> Callable[[MetricInputs, Mapping[str, Any]], MetricResult]:
    """``compute`` of a duration KPI built on ``source``."""

    def compute(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
        d = source(inputs, params)
        if isinstance(d, MetricResult):
            return d
        values = np.where(d.used, d.val, np.nan)
        result = duration_result(metric_id, values, excluded=d.excluded, details=d.details)
        if inputs.calendar is not None:
            result.details = result.details.with_(business_hours=inputs.calendar.describe())
        return result

    return compute


def duration_terms(source: DurationSource) -> Callable[[MetricInputs, Mapping[str, Any]], RowTerms | None]:
    """``row_terms`` of a duration KPI: num = seconds, den = 1, val = seconds."""

    def terms(inputs: MetricInputs, params: Mapping[str, Any]) -> RowTerms | None:
        d = source(inputs, params)
        if isinstance(d, MetricResult):
            return None
        return d.row_terms(1.0)

    return terms

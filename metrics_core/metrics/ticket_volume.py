"""Volume and state KPIs of family C: request volume, channel mix, open tickets,
backlog series, resolved count, complaint growth, agent productivity, peak hours."""

from __future__ import annotations

from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..catalogue import KINDS_BY_NAME, value_label
from ..i18n import N_
from .common import (add_excluded, auto_period, datetimes, empty_result, epoch_seconds, frame_of, has,
                     missing_result, no_value, numbers, with_defaults)
from ..i18n import Message
from ..formatting_dates import PeriodName
from .periods import label, previous_window_start
from .plausibility import date_only
from .model import MetricInputs, MetricResult, ParamSpec, SeriesPoint
from .call_rows import call_status, classify_calls
from ..column_facts import label_codes, label_counts, present
from .ticket_durations import complaint_mask
from .ticket_quality import resolved_mask
from .stats import ascending

PERIOD_CODES = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
PERIODS = ("auto", "day", "week", "month", "quarter", "year")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PAIR_MARKS = 1 << 26          # agent-day pairs marked in a table up to this many (64 MB), else sorted
HOURS_PIECE = 1 << 20         # contact moments read at a time for peak hours (a few 8 MB arrays, not 80 MB at 10,000,000)


def _contact_sources(inputs: MetricInputs) -> list[tuple[str, pd.DataFrame, str, str, str | None]]:
    """Every contact customers started: the frames of tickets, inbound calls and social items (an agent's
    outbound call or callback is no request and no sign of channel preference), each with its kind, its time
    and channel columns and the channel of a row without one."""
    found = []
    sources = (("tickets", "created_at", "channel", None), ("calls", "started_at", "channel", "Phone"),
               ("social", "posted_at", "platform", "Social media"))
    for kind_name, when, channel, fallback in sources:
        frame = frame_of(inputs, kind_name)
        if frame is None or frame.empty:
            continue
        if kind_name == "calls":        # (only the two columns read here are copied)
            frame = frame[[c for c in (channel, when) if c in frame.columns]][call_status(inputs, frame)["inbound"]]
        found.append((kind_name, frame, when, channel, fallback))
    return found


def _contact_times(frame: pd.DataFrame, when: str) -> np.ndarray:
    return (datetimes(frame[when]) if when in frame.columns else pd.Series(pd.NaT, index=frame.index)).to_numpy()


def _channel_counts(sources: list[tuple[str, pd.DataFrame, str, str, str | None]]) -> pd.Series:
    """The contacts of ``sources`` per channel label (a row without one: its source's fallback, else "(none)"),
    the most frequent first, as ``value_counts`` of the labels gives them; counted from each channel column's
    codes (made once per column: :func:`~metrics_core.column_facts.text_codes`) instead of a million labels
    made and hashed again."""
    parts = []
    for _kind, frame, _when, channel, fallback in sources:
        if channel in frame.columns:
            codes, uniques = label_codes(frame[channel])
        else:
            codes, uniques = np.full(len(frame), -1), []
        parts.append((codes, uniques, fallback or "(none)"))
    return label_counts(*parts)


def _has_channels(inputs: MetricInputs) -> bool:
    """Whether a loaded contact file has its own channel (or platform) column."""
    for kind_name, channel in (("tickets", "channel"), ("calls", "channel"), ("social", "platform")):
        if has(frame_of(inputs, kind_name), channel):
            return True
    return False


def inbound_calls(calls: pd.DataFrame) -> np.ndarray:
    """Calls a customer started (no direction column: every call)."""
    return classify_calls(calls)["inbound"]


def request_volume(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    sources = _contact_sources(inputs)          # (the contacts counted by kind: no labels or times made)
    count = sum(len(frame) for _kind, frame, *_rest in sources)
    if not count:
        return empty_result("request_volume", "count", ("tickets", "calls", "social"), higher_is_better=None)
    by_kind = label_counts(*((np.zeros(len(frame), dtype=np.intp), [kind], "") for kind, frame, *_rest in sources))
    return MetricResult("request_volume", float(count), "count", n=count, higher_is_better=None,
                        details={"by_kind": {str(k): int(v) for k, v in by_kind.items()}})


def volume_by_channel(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    sources = _contact_sources(inputs)
    count = sum(len(frame) for _kind, frame, *_rest in sources)
    if not count:
        return empty_result("volume_by_channel", "%", ("tickets", "calls", "social"), higher_is_better=None)
    spellings = _channel_counts(sources)                          # "Email" and "email " are one channel
    if not _has_channels(inputs) and len(spellings) < 2:          # "100 %" of one assumed channel says nothing
        return no_value("volume_by_channel", "%", str(Message(
            "needs a channel column (or contacts from more than one channel)")), higher_is_better=None,
            missing=["channel"], n=count)
    keys = pd.Index(spellings.index.astype(str)).str.strip().str.casefold()
    names = spellings.groupby(keys).idxmax()                      # shown as its most frequent spelling
    counts = spellings.groupby(keys).sum().sort_values(ascending=False, kind="stable")
    counts.index = [str(names[k]).strip() for k in counts.index]
    shares = 100.0 * counts / counts.sum()
    top = str(counts.index[0])
    return MetricResult("volume_by_channel", float(shares.iloc[0]), "%", numerator=float(counts.iloc[0]),
                        denominator=float(counts.sum()), n=count, higher_is_better=None,
                        details={"top_channel": top, "counts": {str(k): int(v) for k, v in counts.items()},
                                 "shares": {str(k): float(v) for k, v in shares.items()},
                                 # the card's one figure is a share: say whose ('41.6 %' alone named no channel)
                                 "caveat": Message("share of {channel}, the busiest channel",
                                                   {"channel": value_label("channel", top)})})


def _latest(tickets: pd.DataFrame) -> pd.Timestamp | None:
    """The latest timestamp in the tickets (the data's own "as of")."""
    latest = [datetimes(tickets[c]).max() for c in ("created_at", "first_response_at", "resolved_at", "closed_at")
              if has(tickets, c)]
    latest = [t for t in latest if pd.notna(t)]
    return max(latest) if latest else None


def _as_of(inputs: MetricInputs, latest: pd.Timestamp | None) -> pd.Timestamp | None:
    """``inputs.as_of`` (the whole bundle's "now"), but never after ``latest``, the tickets' own latest moment:
    another file that runs on (survey answers to 1 Nov) tells nothing of which tickets were open then, and the
    cards said "on 1 Nov 2026" beside dates that end on 31 Oct (s11-shots, 22_all_cards). The tickets' own latest
    moment may lie after the last day one was created (64_issue_date_only_tickets: resolutions in 2023, creation
    dates to 30 Dec 2021): counted there, open and resolved tickets make every ticket (counted on 30 Dec 2021 the
    cards read 8,469 open beside 2,769 resolved, of 8,469), and the card says why its day is after the dates."""
    if inputs.as_of is None:
        return latest
    as_of = pd.Timestamp(inputs.as_of)
    return as_of if latest is None or pd.isna(latest) else min(as_of, latest)


def _end_times(tickets: pd.DataFrame) -> pd.Series | None:
    """Resolution time of each ticket: resolved_at, else closed_at, else created + resolution_s."""
    end = None
    for column in ("resolved_at", "closed_at"):
        if column in tickets.columns:
            values = datetimes(tickets[column])
            end = values if end is None else end.fillna(values)
    if "resolution_s" in tickets.columns and "created_at" in tickets.columns:
        derived = datetimes(tickets["created_at"]) + pd.to_timedelta(numbers(tickets["resolution_s"]), unit="s")
        end = derived if end is None else end.fillna(pd.Series(derived, index=tickets.index))
    return end


def open_tickets(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("open_tickets", "count", "tickets", higher_is_better=False)
    # (the same for every period: a trend of open tickets runs this once a period over the same rows)
    end, done_now, status_known, created = inputs.derived("open ticket facts", lambda: _open_facts(tickets))
    data_end, _first, last_created = inputs.derived("ticket bounds", lambda: _bounds(tickets))
    if end is None and not has(tickets, "status"):
        return missing_result("open_tickets", "count", ["status", "resolved_at"], "tickets", higher_is_better=False)
    as_of = _as_of(inputs, data_end)
    if as_of is not None and inputs.period and inputs.period[1] is not None:
        as_of = min(as_of, pd.Timestamp(inputs.period[1]) - pd.Timedelta(microseconds=1))   # open at the period's end
    if end is not None and as_of is not None:
        ended = (end <= as_of).fillna(False).to_numpy(dtype=bool) | (end.isna().to_numpy() & done_now)
        # (a status tells how a ticket stands at the data's end, not on an earlier day: then its times tell)
        historical = data_end is not None and as_of < data_end
        is_open = ~ended if historical else np.where(status_known, ~done_now, ~ended)
    else:
        is_open, historical = ~done_now & status_known, False
    if as_of is not None and created is not None:
        is_open &= (created <= as_of).fillna(False).to_numpy(dtype=bool)
    details: dict[str, Any] = {"as_of": as_of, **_how_open_is_counted("open_tickets", as_of, historical,
                                                                      _created_before(inputs, last_created, as_of))}
    if has(tickets, "status"):
        codes, statuses = label_codes(tickets["status"])        # (the column's codes, made once: no labels)
        counts = label_counts((codes[is_open], statuses, "(none)"))
        details["by_status"] = {str(k): int(v) for k, v in counts.items()}
    return MetricResult("open_tickets", float(is_open.sum()), "count", n=len(tickets), higher_is_better=False,
                        details=details)


def _open_facts(tickets: pd.DataFrame) -> tuple[Any, np.ndarray, np.ndarray, Any]:
    """What open tickets reads of every ticket whatever the day: when it was resolved (:func:`_end_times`), whether
    its status says resolved, whether it has a status, when it was created (the tickets' bounds: :func:`_bounds`)."""
    status_known = present(tickets["status"]) if "status" in tickets.columns else np.zeros(len(tickets), dtype=bool)
    created = datetimes(tickets["created_at"]) if has(tickets, "created_at") else None
    return _end_times(tickets), resolved_mask(tickets), status_known, created


def _created_before(inputs: MetricInputs, last: Any, as_of: Any) -> pd.Timestamp | None:
    """The last day a ticket was created on (``last``, the latest creation moment), where all dates are shown and
    the day the open tickets are counted on (``as_of``, the tickets' latest moment) comes after it — the dates shown
    end there; else None."""
    if inputs.period is not None or last is None or as_of is None or pd.isna(as_of):
        return None
    return None if pd.isna(last) or pd.Timestamp(as_of).normalize() <= last.normalize() else last.normalize()


#: The caveat that tells Open tickets and Ticket backlog apart (both read 92 on the demo, side by side, with
#: nothing to say what differs): its line and its whole reason, by how the day's open tickets were counted.
_HOW_COUNTED = {
    # open tickets on a day before the data's end, from their times (a status tells only how a ticket stands at
    # the end)
    "by times": (N_("from created and resolved times, on {day}"),
                 N_("Tickets created but not yet resolved on {day}, from their creation and resolution times: a "
                    "ticket's status tells how it stands at the end of the file's data, not on that day.")),
    "open_tickets": (N_("by status, on {day}"),
                     N_("Tickets whose status is not solved or closed on {day} (without a status: not yet resolved "
                        "then). Ticket backlog counts the tickets created but not yet resolved on that day from their "
                        "times, and charts it period by period: the two differ only where a status and a resolution "
                        "time disagree.")),
    "backlog": (N_("from created and resolved times, on {day}"),
                N_("Tickets created but not yet resolved on {day}, from their creation and resolution times; its "
                   "chart counts the same at the end of every period, so you see the pile grow or shrink. Open "
                   "tickets reads each ticket's status instead: the two differ only where a status and a resolution "
                   "time disagree.")),
    # counted on the tickets' last date, after the last day one was created, where the dates shown end: the card
    # names that date and says why (64_issue_date_only_tickets)
    "open_tickets after": (N_("by status, on {day}, the last date in your tickets"),
                           N_("Tickets whose status is not solved or closed on {day}, the last date in your tickets "
                              "(a response or a resolution), after the last day a ticket was created ({created}), "
                              "where the dates shown end. Counted on that day, open tickets and resolved issues add "
                              "up to all your tickets.")),
    "backlog after": (N_("from created and resolved times, on {day}, the last date in your tickets"),
                      N_("Tickets created but not yet resolved on {day}, the last date in your tickets (a response or "
                         "a resolution), after the last day a ticket was created ({created}), where the dates shown "
                         "end; its chart counts the same at the end of every period up to that day, so you see the "
                         "pile grow or shrink.")),
}


def _how_open_is_counted(metric_id: str, as_of: Any, by_times: bool = False,
                         created: pd.Timestamp | None = None) -> dict[str, Message]:
    """The caveat of :data:`_HOW_COUNTED` for ``metric_id`` counted on ``as_of``: by status or by times;
    ``by_times``: open tickets on a day before the data's end, counted from their times; ``created``: the last
    creation day, when the day counted on is later (:func:`_created_before`)."""
    if as_of is None or pd.isna(as_of):
        return {}
    values: dict[str, Any] = {"day": PeriodName(pd.Timestamp(as_of).date())}
    key = "by times" if by_times else metric_id
    if created is not None:
        key, values = f"{metric_id} after", {**values, "created": PeriodName(created.date())}
    line, detail = _HOW_COUNTED[key]
    return {"caveat": Message(line, values), "caveat_detail": Message(detail, values)}


BACKLOG_PARAMS = (ParamSpec(name="period", default="auto", label=N_("Period"), kind="choice", choices=PERIODS),)


def backlog(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    """Tickets created ≤ t and not resolved by t, at the end of every period (headline: the last)."""
    p = with_defaults(params, BACKLOG_PARAMS)
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("backlog", "count", "tickets", higher_is_better=False)
    if not has(tickets, "created_at"):
        return missing_result("backlog", "count", ["created_at"], "tickets", higher_is_better=False)
    # (the same for every period: a backlog trend runs this once a period over the same rows)
    events = inputs.derived("backlog events", lambda: _backlog_events(tickets))
    if events is None:
        return missing_result("backlog", "count", ["resolved_at", "status"], "tickets", higher_is_better=False)
    kept, opened, closed, left_out = events
    excluded = list(left_out)
    latest, first, last_created = inputs.derived("ticket bounds", lambda: _bounds(tickets))
    as_of = _as_of(inputs, latest)
    period_from, period_to = inputs.period if inputs.period else (None, None)
    if period_to is not None:
        as_of = min(as_of, pd.Timestamp(period_to) - pd.Timedelta(milliseconds=1))
    first = max(first, pd.Timestamp(period_from)) if period_from is not None else first
    period = auto_period(pd.Series([first, as_of])) if p["period"] == "auto" else p["period"]
    periods = pd.period_range(first, as_of, freq=PERIOD_CODES[period])
    instants = np.minimum(epoch_seconds(pd.Series(periods.end_time)), epoch_seconds(pd.Series([as_of]))[0])
    values = np.searchsorted(opened, instants, side="right") - np.searchsorted(closed, instants, side="right")
    points = [SeriesPoint(start, label(start, period), float(v), int(v))
              for start, v in zip(periods.start_time, values)]
    if not points:
        return no_value("backlog", "count", N_("No period with tickets to show a backlog for."), higher_is_better=False,
                        excluded=excluded)
    return MetricResult("backlog", points[-1].value, "count", n=kept, excluded=excluded,
                        higher_is_better=False, details={"series": points, "period": period, "as_of": as_of,
                                                         **_how_open_is_counted("backlog", as_of, False,
                                                                                _created_before(inputs, last_created,
                                                                                                as_of))})


def _bounds(tickets: pd.DataFrame) -> tuple[pd.Timestamp | None, Any, Any]:
    """The tickets' latest moment (:func:`_latest`), first and last creation moment (None without a creation
    column): the same for every period of a backlog or open-tickets trend (13 periods over a million tickets read
    them 13 times: 0.15 s), and read once for both."""
    if not has(tickets, "created_at"):
        return _latest(tickets), None, None
    created = datetimes(tickets["created_at"])
    return _latest(tickets), created.min(), created.max()


def _backlog_events(tickets: pd.DataFrame) -> tuple[int, np.ndarray, np.ndarray, tuple[tuple[int, str], ...]] | None:
    """How many tickets a backlog counts, their creation and resolution moments (epoch seconds, sorted), and the
    rows left out with why; None when nothing tells whether a ticket was resolved."""
    end = _end_times(tickets)
    if end is None and not has(tickets, "status"):
        return None
    created = epoch_seconds(tickets["created_at"])
    ended = epoch_seconds(end) if end is not None else np.full(len(tickets), np.nan)
    excluded: list[tuple[int, str]] = []
    no_time = resolved_mask(tickets) & np.isnan(ended)
    add_excluded(excluded, no_time.sum(), N_("resolved tickets without a resolution time"))
    negative = ended < created
    add_excluded(excluded, negative.sum(), N_("tickets resolved before they were created"))
    add_excluded(excluded, np.isnan(created).sum(), N_("tickets without a creation date"))
    keep = ~np.isnan(created) & ~no_time & ~negative
    return int(keep.sum()), ascending(created[keep]), np.sort(ended[keep & ~np.isnan(ended)]), tuple(excluded)


def resolved_count(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("resolved_count", "count", "tickets", higher_is_better=True)
    if not any(c in tickets.columns for c in ("status", "resolved_at", "resolution_s", "closed_at")):
        return missing_result("resolved_count", "count", ["status", "resolved_at"], "tickets", higher_is_better=True)
    resolved = resolved_mask(tickets)
    details: dict[str, Any] = {}
    if inputs.period:
        resolved = resolved & _within(_resolution_dates(tickets), inputs.period)
        details["dated_by"] = "resolution time (creation time where a solved ticket has none)"
    return MetricResult("resolved_count", float(resolved.sum()), "count", n=len(tickets), higher_is_better=True,
                        details=details)


def _resolution_dates(tickets: pd.DataFrame) -> pd.Series:
    """When each ticket was resolved: its resolution time, else (status only) its creation time."""
    end = _end_times(tickets)
    created = datetimes(tickets["created_at"]) if "created_at" in tickets.columns else None
    if end is None:
        return created if created is not None else pd.Series(pd.NaT, index=tickets.index, dtype="datetime64[us]")
    return end if created is None else end.fillna(created)


def _within(dates: pd.Series, period: tuple[Any, Any]) -> np.ndarray:
    """Rows whose date lies in ``[start, end)`` (either bound may be open)."""
    start, end = period
    inside = dates.notna()
    if start is not None:
        inside &= dates >= pd.Timestamp(start)
    if end is not None:
        inside &= dates < pd.Timestamp(end)
    return inside.fillna(False).to_numpy(dtype=bool)


GROWTH_PARAMS = (
    ParamSpec(name="period", default="month", label=N_("Period"), kind="choice", choices=PERIODS[1:]),
    ParamSpec(name="all_are_complaints", default=False, label=N_("Every ticket is a complaint"), kind="bool"),
)


def _active_customers(customers: pd.DataFrame | None, at: pd.Timestamp) -> int | None:
    if customers is None or not has(customers, "joined_at"):
        return None
    joined = datetimes(customers["joined_at"]) <= at
    left = datetimes(customers["churned_at"]) <= at if "churned_at" in customers.columns else False
    return int((joined & ~left).sum())


def _growth_window(inputs: MetricInputs, filed: pd.Series) -> tuple[float, float, PeriodName, PeriodName] | None:
    """Complaints in the measured period [start, end) and in the equally long period before it, and their names."""
    if not inputs.period or inputs.period[0] is None or inputs.period[1] is None:
        return None
    start, stop = pd.Timestamp(inputs.period[0]), pd.Timestamp(inputs.period[1])
    before = previous_window_start(start, stop)      # March vs February, as the engine's comparison
    current = float(((filed >= start) & (filed < stop)).sum())
    previous = float(((filed >= before) & (filed < start)).sum())
    day = pd.Timedelta(days=1)
    return (current, previous, PeriodName.of_days(start.date(), (stop - day).date()),
            PeriodName.of_days(before.date(), (start - day).date()))


def complaint_growth(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    """Complaints in the last period vs the one before (%), and per 100 active customers."""
    p = with_defaults(params, GROWTH_PARAMS)
    tickets = frame_of(inputs, "tickets")
    if tickets is None or tickets.empty:
        return empty_result("complaint_growth", "%", "tickets", higher_is_better=False)
    mask = complaint_mask(tickets, bool(p["all_are_complaints"]))
    if mask is None or not has(tickets, "created_at"):
        return missing_result("complaint_growth", "%", ["is_complaint"] if mask is None else ["created_at"],
                              "tickets", higher_is_better=False)
    period = p["period"]
    filed = datetimes(tickets.loc[mask, "created_at"]).dropna().dt.to_period(PERIOD_CODES[period])
    if filed.empty:
        return no_value("complaint_growth", "%", N_("no complaints in the data"), higher_is_better=False)
    last_seen = datetimes(tickets["created_at"]).max()        # the last ticket of any kind: where the data ends
    full = pd.period_range(filed.min(), max(filed.max(), last_seen.to_period(PERIOD_CODES[period])),
                           freq=PERIOD_CODES[period])
    counts = filed.value_counts().reindex(full, fill_value=0)
    series = [SeriesPoint(k.start_time, label(k.start_time, period), float(v), int(v))
              for k, v in counts.items()]
    details: dict[str, Any] = {"series": series, "period": period}
    active = _active_customers(frame_of(inputs, "customers"), full[-1].end_time)
    if active:
        details["complaints_per_100_customers"] = 100.0 * counts.iloc[-1] / active
    window = _growth_window(inputs, datetimes(tickets.loc[mask, "created_at"]))
    if window is not None:
        last, previous, period_text, before_text = window
    elif len(counts) < 2:
        return no_value("complaint_growth", "%", N_("Growth needs complaints in at least two periods."),
                        higher_is_better=False, details=details)
    else:
        complete = len(counts) - (last_seen.normalize() < full[-1].end_time.normalize())
        if complete < 2:
            return no_value("complaint_growth", "%", N_("Growth needs two complete periods with complaints."),
                            higher_is_better=False, details=details)
        last, previous = float(counts.iloc[complete - 1]), float(counts.iloc[complete - 2])
        period_text = PeriodName(series[complete - 1].key.date(), period)
        before_text = PeriodName(series[complete - 2].key.date(), period)
        if complete < len(counts):      # as the dashboard's comparisons: an unfinished period is left out
            details["left_out"] = Message("{period} (the data ends on {day})", {
                "period": PeriodName(series[-1].key.date(), period), "day": PeriodName(last_seen.date())})
    details.update({"last_period": period_text, "last": last, "previous": previous})
    if previous == 0:
        return no_value("complaint_growth", "%", N_("The previous period had no complaints."), higher_is_better=False,
                        details=details)
    # which two periods the one figure compares: it is the same under "all dates" and the latest month
    details["caveat"] = Message("{period} against {previous}", {"period": period_text, "previous": before_text})
    details["caveat_detail"] = Message(
        "Complaints filed in {period}: {now}; in {previous}: {before}.",
        {"period": period_text, "now": last, "previous": before_text, "before": previous})
    return MetricResult("complaint_growth", 100.0 * (last - previous) / previous, "%", numerator=last - previous,
                        denominator=previous, n=int(last + previous), higher_is_better=False, details=details)


def agent_productivity(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    """Resolved tickets and answered calls per agent per working day (days the agent worked items)."""
    parts = []
    tickets = frame_of(inputs, "tickets")
    undated = False
    if tickets is not None and has(tickets, "agent"):
        done = resolved_mask(tickets)
        when = _end_times(tickets)
        if has(tickets, "created_at"):
            created = datetimes(tickets["created_at"])
            when = created if when is None else when.fillna(created)
        if when is None:             # no date at all: working days cannot be counted
            undated = True
        else:
            parts.append((tickets["agent"], when, done))
    calls = frame_of(inputs, "calls")
    if calls is not None and has(calls, "agent"):
        if has(calls, "started_at"):
            answered = call_status(inputs, calls)["answered"]
            parts.append((calls["agent"], datetimes(calls["started_at"]), answered))
        else:                        # an import may leave the call times unmapped
            undated = True
    if not parts:
        return missing_result("agent_productivity", "per_day",
                              (["created_at"] if tickets is not None else ["started_at"]) if undated else ["agent"],
                              ("tickets", "calls"), higher_is_better=True)
    per_agent, count = _items_per_agent(parts)
    if not count:
        return no_value("agent_productivity", "per_day", N_("No resolved tickets or answered calls with an agent."),
                        higher_is_better=True)
    table = {agent: {"items": items, "working_days": days, "per_day": items / days if days else None}
             for agent, (items, days) in per_agent.items()}
    details: dict[str, Any] = {"by_agent": table}
    staff = frame_of(inputs, "staff")
    if staff is not None and has(staff, "hours_worked"):
        hours = staff.groupby(staff["agent"].astype("string"))["hours_worked"].sum()
        timed_items = timed_hours = 0.0
        for agent, row in table.items():
            h = float(hours.get(agent, np.nan))
            row["per_hour"] = row["items"] / h if h > 0 else None
            if h > 0:
                timed_items, timed_hours = timed_items + row["items"], timed_hours + h
        details["per_hour"] = timed_items / timed_hours if timed_hours else None
    total_items, total_days = (float(sum(column)) for column in zip(*per_agent.values()))
    return MetricResult("agent_productivity", total_items / total_days if total_days else None, "per_day",
                        numerator=total_items, denominator=total_days, n=count, higher_is_better=True,
                        details=details)


def _days(moments: pd.Series, rows: np.ndarray) -> np.ndarray:
    """The day of each moment at ``rows`` (a boolean array) as ``datetime64[us]``: what
    ``moments.dt.normalize()`` gives there. Tz-naive moments are floored to their day's first tick in their own
    unit, on the rows kept only (``dt.normalize`` of all 262,000 tickets of a status took 3 ms; issue 15, session
    18); moments with a time zone are normalized by pandas, in their zone."""
    if not (isinstance(moments.dtype, np.dtype) and moments.dtype.kind == "M"):
        return moments.dt.normalize().to_numpy(dtype="datetime64[us]")[rows]
    at = moments.to_numpy()[rows]
    unit, _count = np.datetime_data(at.dtype)
    per_day = int(np.timedelta64(1, "D").astype(f"timedelta64[{unit}]").astype(np.int64))
    ticks = at.view(np.int64)
    floored = ticks - ticks % per_day                       # (floored below the epoch too: % takes the divisor's sign)
    missing = np.isnat(at)
    floored[missing] = ticks[missing]
    return floored.view(at.dtype).astype("datetime64[us]")


def _items_per_agent(parts: list[tuple[pd.Series, pd.Series, np.ndarray]]) -> tuple[dict[str, tuple[int, int]], int]:
    """Per agent, in the order of their names: the items and the distinct days they fall on (an item without a
    date is on none), over the rows of each part (agent, moment, the rows that count) that have an agent; and
    the number of such items. The agents are read by their column's codes (made once per column). The list
    ``parts`` is emptied: each array is let go once read, and the agent-day pairs are marked in a table (sorted
    only when agents × days pass :data:`PAIR_MARKS`)."""
    index: dict[str, int] = {}
    agents, days = [], []
    for agent, day, rows in parts:
        codes, uniques = label_codes(agent)
        number = np.array([index.setdefault(str(u), len(index)) for u in uniques] + [-1], dtype=np.intp)
        agents.append(number[codes[rows]])                  # (a missing agent, -1, stays -1)
        del codes
        days.append(_days(day, rows))
    agent = day = rows = None
    parts.clear()                                           # (each array goes once read: 10,000,000 calls)
    agent_of = agents[0] if len(agents) == 1 else np.concatenate(agents)
    day_of = days[0] if len(days) == 1 else np.concatenate(days)
    del agents, days
    named = agent_of >= 0
    items = np.bincount(agent_of[named], minlength=len(index))
    count = int(named.sum())
    dated = named & ~np.isnat(day_of)
    del named
    day_codes, distinct_days = pd.factorize(day_of[dated].view(np.int64))
    del day_of
    span = max(len(distinct_days), 1)
    pairs = agent_of[dated]
    del agent_of, dated
    pairs *= span
    pairs += day_codes
    del day_codes
    if len(index) * span <= PAIR_MARKS:                     # a mark per possible agent-day pair, no sort
        marks = np.zeros(len(index) * span, dtype=bool)
        marks[pairs] = True
        worked = np.flatnonzero(marks) // span
    else:
        worked = np.unique(pairs) // span
    del pairs
    worked_days = np.bincount(worked, minlength=len(index))
    return ({name: (int(items[i]), int(worked_days[i])) for name, i in sorted(index.items()) if items[i]},
            count)


def peak_hours(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    """Contacts per weekday × hour (7 × 24, Monday first); headline: the busiest cell's count."""
    sources = _contact_sources(inputs)
    if sources and not any(when in frame.columns for _kind, frame, when, *_rest in sources):
        # rows without a time column: the cause, not "no data … for the chosen period and filters" (a file
        # without dates, shots11 66_issue_no_dates_no_channel)
        kind_name, _frame, when, *_rest = sources[0]
        return missing_result("peak_hours", "count", [when], kind_name, higher_is_better=None)
    parts = [pd.DataFrame({"when": _contact_times(frame, when)}) for _kind, frame, when, *_rest in sources]
    c = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"when": pd.Series([], dtype="datetime64[us]")})
         ).dropna(subset=["when"])         # (the contacts' times only: no channel labels made)
    if c.empty:
        blank = next(((k, when) for k, frame, when, *_rest in sources if when in frame.columns), None)
        if blank is not None:       # rows there, their time column empty: name it (not "no data … loaded")
            return no_value("peak_hours", "count", Message(
                "every row's “{field}” is empty, so there are no times to show peak hours for",
                {"field": Message(KINDS_BY_NAME[blank[0]].field(blank[1]).label)}), higher_is_better=None)
        return empty_result("peak_hours", "count", ("tickets", "calls", "social"), higher_is_better=None)
    if date_only(c["when"]):            # every contact "at 00:00": no hours to show, not a peak at midnight
        return no_value("peak_hours", "count", str(Message(
            "the dates have no times of day, so there are no peak hours to show")), higher_is_better=None,
            n=len(c))
    when = pd.DatetimeIndex(c["when"])
    matrix = _hour_of_week_counts(when).reshape(7, 24)
    day, hour = np.unravel_index(int(matrix.argmax()), matrix.shape)
    return MetricResult("peak_hours", float(matrix[day, hour]), "count", n=len(c), higher_is_better=None,
                        details={"matrix": matrix.tolist(), "weekdays": list(WEEKDAYS),
                                 "busiest": {"weekday": WEEKDAYS[day], "hour": int(hour),
                                             "count": int(matrix[day, hour])},
                                 "per_hour": matrix.sum(axis=0).tolist(), "per_weekday": matrix.sum(axis=1).tolist(),
                                 **_busiest_per_week(when, int(day), int(matrix[day, hour]))})


def _hour_of_week_counts(when: pd.DatetimeIndex) -> np.ndarray:
    """The moments in each hour of the week, 0 (Monday 00:00-01:00) to 167, read from their ticks a million at a
    time (pandas' ``day_of_week`` and ``hour`` and ``np.add.at`` took twice as long at a million contacts).

    >>> _hour_of_week_counts(pd.DatetimeIndex(["1969-12-29 00:30", "2024-03-03 23:59:59.5", "2024-03-03 23:00"]))[[0, 167]]
    array([1, 2])
    """
    ticks = when.asi8
    per_hour = 3600 * {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[np.datetime_data(when.dtype)[0]]
    counts = np.zeros(7 * 24, dtype=np.intp)
    for start in range(0, len(ticks), HOURS_PIECE):
        hours = ticks[start:start + HOURS_PIECE] // per_hour        # (whole hours since 1970-01-01 00:00, a Thursday)
        counts += np.bincount((hours // 24 + 3) % 7 * 24 + hours % 24, minlength=7 * 24)
    return counts


def _busiest_per_week(when: pd.DatetimeIndex, weekday: int, count: int) -> dict[str, Any]:
    """The caveat that gives the busiest hour's count its unit: contacts in that hour of the week, counted over
    as many weeks as the files hold that weekday ('Peak hours 407 at Mon 08:00': 407 what, a week or in all?)."""
    days = pd.date_range(when.min().normalize(), when.max().normalize(), freq="D")
    weeks = max(int((days.day_of_week == weekday).sum()), 1)
    each = round(count / weeks, 1 if count / weeks < 10 else 0)          # (written in the language when shown)
    values = {"weeks": weeks, "each": each, "count": count}
    return {"caveat": Message.plural("over {weeks} week: about {each} a week", "over {weeks} weeks: about {each} a week",
                                     weeks, **values),
            "caveat_detail": Message.plural(
                "{count} contacts arrived in this hour of the week over the {weeks} week your files cover, about "
                "{each} a week; the heat map counts every hour of the week the same way.",
                "{count} contacts arrived in this hour of the week over the {weeks} weeks your files cover, about "
                "{each} a week; the heat map counts every hour of the week the same way.", weeks, **values)}

"""The load that staffing is computed for: arrivals per interval and handle time, measured.

From a call log (one row per call) the interval is the staffing setting (30 min by
default): arrivals are averaged per time-of-day slot over the days that have calls, and
the busiest slot (or a chosen ``HH:MM``) is staffed. The same slot's measured service
level and the agents seen answering in it are kept, so that the prediction can be set
next to what happened. The caller patience for Erlang A is estimated from the whole log.

From pre-aggregated rows the interval is the rows' own length, read from their times
(the most common step between rows of one day). Rows that are whole days, or rows
without times, cannot be staffed: Erlang needs the calls of one short interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..errors import ParameterError
from ..i18n import Message, _, ngettext
from .call_intervals import HANDLE_SOURCES, average_rows, without_offered
from .choice_labels import CHOICE_LABELS
from .call_rows import classify_calls, handle_seconds
from .common import datetimes, has, missing_result, no_value, numbers
from .erlang_a import patience_from_waits
from .model import MetricInputs, MetricResult


@dataclass
class Load:
    """Arrivals in the staffed interval, the handle time, and what they rest on."""

    arrivals: float
    aht_s: float
    interval_s: float
    slot: Any                               # "10:00", or a Message ("the busiest row")
    assumed: Any                            # where the interval length comes from (a Message)
    rows: int                               # rows (calls or interval rows) measured
    patience_s: float | None = None         # Erlang A: the callers' mean patience, when the data tells
    patience_note: Any = ""                 # a Message, or "" (none)
    measured_within_pct: float | None = None    # the slot's calls answered within the threshold, measured
    agents_seen: float | None = None            # agents answering in the slot, mean over its days
    typed: bool = False                         # typed figures (``kpidesk calc``), not measured


def _no(reason: str) -> MetricResult:
    return no_value("staffing", "count", reason, higher_is_better=None)


def _slot_of(text: str, interval_s: float) -> int:
    try:
        hours, minutes = (int(x) for x in str(text).strip().split(":")[:2])
    except ValueError:
        raise ParameterError(Message('The staffing interval must be "busiest" or a time like 10:30, not "{text}".',
                               dict(text=text)),
                             shown=Message("The staffing interval must be “{busiest}” or a time like 10:30, not "
                                           "“{text}”.", {"busiest": Message(CHOICE_LABELS[("interval", "busiest")]),
                                                         "text": text})) from None
    return int((hours * 3600 + minutes * 60) // interval_s)


def _slots(times: pd.Series, interval_s: float) -> pd.DataFrame:
    """Each row's day (its midnight) and time-of-day slot (NaN without a time); numpy's day of a stamp is
    pandas' ``normalize``, made with two arrays less (a call log of 10,000,000 rows: 150 MB)."""
    stamps = datetimes(times).to_numpy()
    day = stamps.astype("datetime64[D]").astype(stamps.dtype)
    slot = (stamps - day) / np.timedelta64(1, "s")
    np.floor_divide(slot, interval_s, out=slot)
    return pd.DataFrame({"day": day, "slot": slot}, index=times.index, copy=False)


def _pick_slot(slots: pd.DataFrame, weights: np.ndarray, interval_s: float, choice: str) -> tuple[int, float, str, int]:
    """The busiest (or chosen) slot, its mean arrivals per day, its start ("10:30") and the number of days
    (``weights``: arrivals per row, numbers or booleans)."""
    ok = slots["slot"].notna().to_numpy()
    frame = slots.assign(w=weights) if ok.all() else slots[ok].assign(w=weights[ok])
    days = int(frame["day"].nunique())
    per_slot = frame.groupby("slot")["w"].sum() / max(days, 1)
    slot = int(per_slot.idxmax()) if choice == "busiest" else _slot_of(choice, interval_s)
    start = pd.Timestamp(0) + pd.Timedelta(seconds=slot * interval_s)
    return slot, float(per_slot.get(slot, 0.0)), f"{start:%H:%M}", days


def _dates_only(times: pd.Series) -> bool:
    t = datetimes(times).dropna()
    return bool(len(t)) and bool((t == t.dt.normalize()).all())


def _patience(calls: pd.DataFrame, status: dict[str, np.ndarray]) -> tuple[float | None, str]:
    offered = status["inbound"] & status["known"]
    abandoned = offered & status["abandoned"]
    if not abandoned.any():
        return None, Message("No abandoned calls in the data, so Erlang A equals Erlang C.")
    waits = numbers(calls["wait_s"]) if has(calls, "wait_s") else np.full(len(calls), np.nan)
    timed = np.isfinite(waits)
    if (abandoned & timed).sum() < 0.9 * abandoned.sum():
        return None, Message("The data has no wait times for its abandoned calls, so the callers' patience is unknown; "
                       "set “{setting}” to use Erlang A.", dict(setting=Message("Caller patience for Erlang A (s)")))
    total = float(waits[offered & timed].sum())
    patience = patience_from_waits(total, int((abandoned & timed).sum()))
    count = int((abandoned & timed).sum())
    return patience, Message.plural("Patience estimated from {count} abandoned call and the waits of all calls.",
                              "Patience estimated from {count} abandoned calls and the waits of all calls.",
                              count, count=count)


def measure_calls(calls: pd.DataFrame, interval_s: float, choice: str, threshold_s: float,
                  status: dict[str, np.ndarray] | None = None) -> Load | MetricResult:
    """The load of a call log's busiest (or chosen) time-of-day slot (``status``: the calls' classification,
    when already known)."""
    status = classify_calls(calls) if status is None else status
    handle = handle_seconds(calls)
    if handle is None or not has(calls, "started_at"):
        return missing_result("staffing", "count", ["talk_s"] if handle is None else ["started_at"], "calls",
                              higher_is_better=None)
    if _dates_only(calls["started_at"]):
        return _no(Message("The calls carry dates without a time of day. Staffing needs intra-day figures: the calls of each 15- or "
                     "30-minute interval with its start time (a call log with call times, or interval rows with "
                     "their times)."))
    handled = status["answered"] & np.isfinite(handle) & (handle >= 0)
    if not handled.any():
        return _no(Message("No answered calls with a talk time."))
    aht_s = float(handle[handled].mean())
    del handle, handled                         # (a call log of 10,000,000 rows: 90 MB)
    offered = status["inbound"] & status["known"]
    slots = _slots(calls["started_at"], interval_s)
    slot, arrivals, label, days = _pick_slot(slots, offered, interval_s, choice)
    in_slot = (slots["slot"] == slot).to_numpy()
    patience, note = _patience(calls, status)
    assumed = Message.plural("{minutes}-min slots of the call log (the interval setting), averaged over {days} day",
                       "{minutes}-min slots of the call log (the interval setting), averaged over {days} days",
                       days, minutes=interval_s / 60, days=days)
    load = Load(arrivals, aht_s, interval_s, label, assumed, int(offered.sum()),
                patience, note)
    if has(calls, "wait_s") and (offered & in_slot).any():
        waits = numbers(calls["wait_s"])
        within = status["answered"] & (waits <= threshold_s)
        load.measured_within_pct = 100.0 * float((within & offered & in_slot).sum()) / float((offered & in_slot).sum())
    if has(calls, "agent"):
        answered_here = calls.loc[status["answered"] & in_slot, "agent"]
        if len(answered_here):
            per_day = answered_here.groupby(slots.loc[answered_here.index, "day"]).nunique()
            load.agents_seen = float(per_day.mean())
    return load


def _row_step_s(period: pd.Series) -> float | None:
    """The most common step (s) between consecutive row times of one day; None without one."""
    t = datetimes(period).dropna().drop_duplicates().sort_values()
    same_day = t.dt.normalize().diff() == pd.Timedelta(0)
    steps = t.diff().dt.total_seconds()[same_day]
    steps = steps[steps > 0]
    return float(steps.mode().min()) if len(steps) else None


def measure_intervals(inputs: MetricInputs, rows: pd.DataFrame, params: Mapping[str, Any],
                      choice: str) -> Load | MetricResult:
    """The load of pre-aggregated interval rows, at the rows' own length."""
    if (missing := without_offered(rows, "staffing", "count", None)) is not None:
        return missing
    terms = average_rows(inputs, "staffing", HANDLE_SOURCES)
    if isinstance(terms, MetricResult):
        return terms
    den = terms.den[terms.used].sum()
    if den == 0:
        return _no(Message("No answered calls with a handle time."))
    aht = float(terms.num[terms.used].sum() / den)
    offered = np.nan_to_num(numbers(rows["offered"]))
    set_minutes = params.get("row_minutes")
    timed = has(rows, "period")
    if timed and _dates_only(rows["period"]):
        return _no(Message("These rows are whole days (one row per date). Staffing needs intra-day figures: the calls of each "
                     "15- or 30-minute interval with its start time (a call log with call times, or interval rows "
                     "with their times)."))
    if set_minutes:
        interval_s = float(set_minutes) * 60
        assumed = Message("{minutes}-min rows (the row length setting)", dict(minutes=float(set_minutes)))
    elif timed and (step := _row_step_s(rows["period"])) is not None:
        interval_s, assumed = step, Message("{minutes}-min rows (from the rows' own times)", dict(minutes=step / 60))
    else:
        # what is needed first: a card shows three lines of it (s11-shots, the daily ACD file)
        return _no(Message("Staffing needs intra-day figures, and these rows have no times of day (the length of one row is "
                     "unknown): the calls of each 15- or 30-minute interval with its start time (a call log with call "
                     "times, or interval rows with their times). If each row is one interval, enter its length in "
                     "the settings: {kpi}, {setting}.", dict(kpi=Message("Agents needed (Erlang C)"),
                     setting=Message("Length of one interval row (minutes)"))))
    if interval_s >= 86400:
        return _no(Message("Rows of a day or more cannot be staffed. Staffing needs intra-day figures: the calls of each 15- or "
                     "30-minute interval with its start time (a call log with call times, or interval rows with "
                     "their times)."))
    if timed:
        slots = _slots(rows["period"], interval_s)
        _slot, arrivals, label, _days = _pick_slot(slots, offered, interval_s, choice)
    elif choice != "busiest":
        raise ParameterError(Message("These pre-aggregated rows have no interval times; choose the busiest interval."))
    else:
        arrivals, label = float(offered.max()), Message("the busiest row")
    return Load(arrivals, aht, interval_s, label, assumed, int(len(rows)))

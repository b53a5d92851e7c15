"""Per-call terms of family D (one row per call).

Outcome of a call, in this order of evidence: the ``outcome`` column
(answered / abandoned / missed / blocked / voicemail, plus Twilio / Asterisk /
RingCentral words), else the ``answered`` flag, else an ``answered_at`` time,
else a talk time above 0. Offered calls are the inbound ones (a call without a
direction counts as inbound). An unanswered inbound call counts as abandoned
unless the file says it was blocked or went to voicemail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..catalogue import KINDS_BY_NAME
from ..i18n import N_, Message
from .common import (Terms, add_excluded, bool_values, clean_durations, comparable_ids, distinct_lower, elapsed_seconds,
                     empty_result, frame_of, has, missing_result, numbers, per_row, seconds_to_next_contact,
                     with_defaults)
from .left_out import left_out
from .model import MetricInputs, MetricResult, ParamSpec
from .results import no_value

ANSWERED = ("answered", "completed", "connected", "accepted", "in-progress")
ABANDONED = ("abandoned", "missed", "no-answer", "no answer", "not answered", "unanswered", "canceled", "cancelled",
             "refused")
BLOCKED = ("blocked", "busy", "failed", "congestion", "line busy")
VOICEMAIL = ("voicemail", "voice mail")


def classify_calls(calls: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean arrays ``inbound``, ``known``, ``answered``, ``abandoned``, ``blocked``, ``voicemail``."""
    n = len(calls)
    answered, known = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    abandoned, blocked, voicemail = (np.zeros(n, dtype=bool) for _ in range(3))
    if "outcome" in calls.columns:
        codes, outcomes = distinct_lower(calls["outcome"])
        answered, blocked, voicemail = (per_row(outcomes.isin(words), codes) for words in (ANSWERED, BLOCKED, VOICEMAIL))
        known = codes >= 0
    fallbacks = []
    if "answered" in calls.columns:
        fallbacks.append(bool_values(calls["answered"]))
    if has(calls, "answered_at"):       # a call without an answer time was not answered
        fallbacks.append((calls["answered_at"].notna().to_numpy(), np.ones(n, dtype=bool)))
    if "talk_s" in calls.columns:       # 0 s of talk: not answered; no talk time: unknown
        talk = numbers(calls["talk_s"])
        fallbacks.append((talk > 0, ~np.isnan(talk)))
    for flag, flag_known in fallbacks:
        fill = ~known & flag_known
        answered = np.where(fill, flag, answered)
        known |= fill
    abandoned = known & ~answered & ~blocked & ~voicemail
    inbound = np.ones(n, dtype=bool)
    if "direction" in calls.columns:
        codes, directions = distinct_lower(calls["direction"])
        inbound = ~per_row(directions.str.startswith("out") | directions.str.startswith("int"), codes)
    return {"inbound": inbound, "known": known, "answered": answered & known, "abandoned": abandoned,
            "blocked": blocked, "voicemail": voicemail}


def call_status(inputs: MetricInputs, calls: pd.DataFrame) -> dict[str, np.ndarray]:
    """:func:`classify_calls` of ``calls``; made once per inputs when ``calls`` is their calls frame (eleven
    call KPIs, the contacts and agent productivity all ask). The arrays are shared and read-only."""
    if inputs.frames.get("calls") is not calls:
        return classify_calls(calls)
    return dict(inputs.derived("call_status", lambda: _read_only(classify_calls(calls))))


def _read_only(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    for array in arrays.values():
        array.flags.writeable = False
    return arrays


def wait_seconds(calls: pd.DataFrame) -> np.ndarray | None:
    """Queue wait of each call: ``wait_s``, else ``answered_at − started_at``; None when neither exists."""
    if has(calls, "wait_s"):
        values = numbers(calls["wait_s"])
        if has(calls, "answered_at") and has(calls, "started_at"):
            values = np.where(np.isnan(values), elapsed_seconds(calls["started_at"], calls["answered_at"]), values)
        return values
    if has(calls, "answered_at") and has(calls, "started_at"):
        return elapsed_seconds(calls["started_at"], calls["answered_at"])
    return None


@dataclass
class CallSet:
    """The calls frame with each call's outcome, the offered (inbound, known) calls and what was left out."""

    frame: pd.DataFrame
    status: dict[str, np.ndarray]
    offered: np.ndarray
    excluded: list[tuple[int, str]] = field(default_factory=list)

    @property
    def answered(self) -> np.ndarray:
        return self.offered & self.status["answered"]


def _calls(inputs: MetricInputs, metric_id: str, unit: str, hib: bool | None) -> CallSet | MetricResult:
    calls = frame_of(inputs, "calls")
    if calls is None or calls.empty:
        return empty_result(metric_id, unit, "calls", higher_is_better=hib)
    status = call_status(inputs, calls)
    if not status["known"].any():
        return missing_result(metric_id, unit, ["outcome", "answered"], "calls", higher_is_better=hib)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (~status["inbound"]).sum(), N_("outbound or internal calls"))
    add_excluded(excluded, (status["inbound"] & ~status["known"]).sum(), N_("calls without an outcome"))
    return CallSet(calls, status, status["inbound"] & status["known"], excluded)


def _share(c: CallSet, num: np.ndarray, den: np.ndarray, details=None) -> Terms:
    """Terms of a rate: ``num`` of the ``den`` calls (both boolean, one per call)."""
    return Terms(c.frame, num, den, den, c.frame.get("started_at"), c.excluded, dict(details or {}), kind="calls")


def answer_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    c = _calls(inputs, "answer_rate", "%", True)
    return c if isinstance(c, MetricResult) else _share(c, c.answered, c.offered)


ABANDON_PARAMS = (ParamSpec(name="short_abandon_s", default=0, label=N_("Ignore abandons shorter than (s)"), kind="number", minimum=0,
                            help=N_("Callers who hang up within this many seconds count neither as abandoned "
                                 "nor offered.")),)


def abandon_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, ABANDON_PARAMS)
    c = _calls(inputs, "abandonment_rate", "%", False)
    if isinstance(c, MetricResult):
        return c
    offered, abandoned = c.offered, c.offered & c.status["abandoned"]
    cutoff = float(p["short_abandon_s"])
    if cutoff > 0:
        wait = wait_seconds(c.frame)
        if wait is None:
            return missing_result("abandonment_rate", "%", ["wait_s"], "calls", higher_is_better=False)
        short = abandoned & (wait < cutoff)
        add_excluded(c.excluded, short.sum(), Message("short abandons (under {seconds} s)", {"seconds": cutoff}))
        offered, abandoned = offered & ~short, abandoned & ~short
    return _share(c, abandoned, offered)


def _outcomes_beyond_answered(c: CallSet) -> bool:
    """Whether the offered calls' outcomes say more than answered or not (a block, a voicemail, a word of the file's
    own): the sign that the file's outcomes could record a blocked call. Answered / abandoned / missed alone are what
    an answered flag gives, and what a log that cannot tell busy from abandoned writes."""
    if "outcome" not in c.frame.columns:
        return False
    codes, outcomes = distinct_lower(c.frame["outcome"])
    used = np.unique(codes[c.offered & (codes >= 0)])
    return bool((~outcomes.iloc[used].isin(ANSWERED + ABANDONED)).any())


def blocking_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    c = _calls(inputs, "blocking_rate", "%", False)
    if isinstance(c, MetricResult):
        return c
    if not _outcomes_beyond_answered(c):
        # only an outcome can say "busy" / "blocked": a file that records answered yes / no (loading turns it into
        # "answered" / "abandoned") counts every unanswered call an abandon, and 0 % was shown for blocks the file
        # cannot record (the PwC log's "Blocking 0.0 % from 5,000 rows", shots16-a)
        return no_value("blocking_rate", "%", Message(
            "needs a column “{field}” that records busy or blocked calls: answered or not cannot tell a blocked "
            "call from an abandoned one", {"field": Message(KINDS_BY_NAME["calls"].field("outcome").label)}),
            missing=["outcome"], n=int(c.offered.sum()), higher_is_better=False, excluded=c.excluded)
    blocked = c.offered & c.status["blocked"]
    return _share(c, blocked, c.offered, {"blocked_calls": int(blocked.sum())})


SERVICE_LEVEL_PARAMS = (
    ParamSpec(name="threshold_s", default=60, label=N_("Answered within (s)"), kind="number", minimum=0,
              help=N_("60 s (S1); 20 s is also common.")),
    ParamSpec(name="denominator", default="offered", label=N_("Out of"), kind="choice",
              choices=("offered", "answered", "answered_and_late_abandoned"),
              help=N_("offered calls; answered calls; or answered calls plus calls abandoned after the threshold.")),
)


def service_level_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, SERVICE_LEVEL_PARAMS)
    c = _calls(inputs, "service_level", "%", True)
    if isinstance(c, MetricResult):
        return c
    wait = wait_seconds(c.frame)
    if wait is None:
        return missing_result("service_level", "%", ["wait_s", "answered_at"], "calls", higher_is_better=True)
    no_wait = c.answered & np.isnan(wait)
    add_excluded(c.excluded, no_wait.sum(), N_("answered calls without a wait time"))
    threshold = float(p["threshold_s"])
    within = c.answered & (wait <= threshold)
    if p["denominator"] == "answered":
        den = c.answered & ~no_wait
    elif p["denominator"] == "answered_and_late_abandoned":
        den = (c.answered & ~no_wait) | (c.offered & c.status["abandoned"] & (wait > threshold))
    else:
        den = c.offered & ~no_wait
    return _share(c, within, den, {"threshold_s": threshold, "denominator": p["denominator"]})


def _durations(c: CallSet, mask: np.ndarray, values: np.ndarray, rows: str, details=None) -> Terms:
    add_excluded(c.excluded, (mask & np.isnan(values)).sum(), left_out(rows, "no_value"))
    usable = mask & clean_durations(np.where(mask, values, np.nan), c.excluded, rows)
    return Terms(c.frame, values, np.ones(len(values), dtype=bool), usable, c.frame.get("started_at"), c.excluded,
                 dict(details or {}), kind="calls", val=values)


def wait_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    c = _calls(inputs, "average_wait_time", "seconds", False)
    if isinstance(c, MetricResult):
        return c
    wait = wait_seconds(c.frame)
    if wait is None:
        return missing_result("average_wait_time", "seconds", ["wait_s", "answered_at"], "calls",
                              higher_is_better=False)
    return _durations(c, c.answered, wait, "answered_calls")


def handle_seconds(calls: pd.DataFrame) -> np.ndarray | None:
    """talk + hold + wrap-up of each call (a missing hold or wrap-up counts 0); None without talk time."""
    if not has(calls, "talk_s"):
        return None
    total = numbers(calls["talk_s"])
    for column in ("hold_s", "wrap_s"):
        if column in calls.columns:
            part = np.nan_to_num(numbers(calls[column]))           # a new array: the sum is written into it
            total = np.add(total, part, out=part)
    return total


def _handled(inputs: MetricInputs, metric_id: str, column: str) -> tuple[CallSet, np.ndarray] | MetricResult:
    """Calls answered in any direction, with ``column``'s seconds per call (hold: missing counts 0)."""
    c = _calls(inputs, metric_id, "seconds", False)
    if isinstance(c, MetricResult):
        return c
    values = handle_seconds(c.frame) if column == "talk_s" else (
        np.nan_to_num(numbers(c.frame[column])) if has(c.frame, column) else None)
    if values is None:
        return missing_result(metric_id, "seconds", [column], "calls", higher_is_better=False)
    c.excluded = []                       # handled calls include outbound ones
    return c, values


def handle_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    found = _handled(inputs, "average_handle_time", "talk_s")
    if isinstance(found, MetricResult):
        return found
    c, handle = found
    parts = [col for col in ("talk_s", "hold_s", "wrap_s") if col in c.frame.columns]
    return _durations(c, c.status["answered"], handle, "handled_calls", {"components": parts})


def hold_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    found = _handled(inputs, "average_hold_time", "hold_s")
    if isinstance(found, MetricResult):
        return found
    c, hold = found
    return _durations(c, c.status["answered"], hold, "handled_calls")


CALL_FCR_PARAMS = (
    ParamSpec(name="method", default="auto", label=N_("Resolved means"), kind="choice", choices=("auto", "resolved_flag", "no_repeat_call"),
              help=N_("“automatic”: the file's Resolved flag when it has one, else no repeat call within the window.")),
    ParamSpec(name="window_hours", default=72, label=N_("Repeat-call window (hours)"), kind="number", minimum=0),
)


def call_fcr_rows(inputs: MetricInputs, params: Mapping[str, Any]) -> Terms | MetricResult:
    p = with_defaults(params, CALL_FCR_PARAMS)
    c = _calls(inputs, "call_fcr", "%", True)
    if isinstance(c, MetricResult):
        return c
    calls, answered = c.frame, c.answered
    method = p["method"]
    if method == "auto":
        method = "resolved_flag" if has(calls, "resolved") else "no_repeat_call"
    if method == "resolved_flag":
        if not has(calls, "resolved"):
            return missing_result("call_fcr", "%", ["resolved"], "calls", higher_is_better=True)
        resolved, known = bool_values(calls["resolved"])
        add_excluded(c.excluded, (answered & ~known).sum(), N_("answered calls without a Resolved value"))
        den = answered & known
        return _share(c, den & resolved, den, {"method": "the file's Resolved flag"})
    if not has(calls, "caller_id"):
        return missing_result("call_fcr", "%", ["caller_id", "resolved"], "calls", higher_is_better=True)
    hours = float(p["window_hours"])
    gaps = seconds_to_next_contact(comparable_ids(calls["caller_id"])[0], calls["started_at"],
                                   among=c.status["inbound"])       # an agent's callback is no repeat call
    no_repeat = ~(gaps <= hours * 3600)
    del gaps
    known = calls["caller_id"].notna().to_numpy() & calls["started_at"].notna().to_numpy()
    add_excluded(c.excluded, (answered & ~known).sum(), N_("answered calls without a caller number or start time"))
    answered = answered & known
    method_text = f"no repeat call from the same caller within {hours:g} h"
    return _share(c, answered & no_repeat, answered, {"method": method_text})

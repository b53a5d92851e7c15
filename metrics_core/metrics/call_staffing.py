"""The ``staffing`` KPI: agents needed (Erlang C) for the measured load, the way planners size it.

The load (arrivals per interval and handle time) comes from :mod:`staffing_load`. The
headline is the smallest number of agents meeting the goal — a service level (share
answered within T seconds) or an ASA target, under a maximum occupancy — with the
scheduled head-count after shrinkage, the lines needed for a blocking target (Erlang B),
and, when the callers' patience is known, Erlang A (callers who hang up) next to it.
``details["curve"]`` holds service level, ASA and occupancy against agents for the chart;
``details["caveat"]`` says in a line what the figure rests on, or why it differs from the
measured service level.
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace
from typing import Any, Mapping

from ..errors import ParameterError
from ..formatting import DurationText
from ..i18n import N_, Message, _
from . import erlang
from .call_rows import call_status
from .common import empty_result, frame_of, no_value, with_defaults
from .erlang_a import agents_needed_a, erlang_a
from .model import MetricInputs, MetricResult, ParamSpec
from .staffing_load import Load, measure_calls, measure_intervals

STAFFING_PARAMS = (
    ParamSpec(name="interval_min", default=30, label=N_("Interval (minutes)"), kind="number", minimum=1, maximum=1440,
              help=N_("Length of one staffing interval of a call log. Interval rows use their own length.")),
    ParamSpec(name="goal", default="service_level", label=N_("Staff for"), kind="choice", choices=("service_level", "asa"),
              help=N_("“service level”: the share of calls answered within the answer time; “average speed of answer”: "
                      "how long callers wait for an answer on average.")),
    ParamSpec(name="target_pct", default=80, label=N_("Service-level target (%)"), kind="number", minimum=1, maximum=99.9),
    ParamSpec(name="threshold_s", default=20, label=N_("Answered within (s)"), kind="number", minimum=0),
    ParamSpec(name="asa_target_s", default=20, label=N_("ASA target (s)"), kind="number", minimum=0.1,
              help=N_("Used when staffing for an ASA instead of a service level.")),
    ParamSpec(name="max_occupancy_pct", default=100, label=N_("Maximum occupancy (%)"), kind="number", minimum=1, maximum=100,
              help=N_("The most of their time agents may spend on calls (planners often use 85 %).")),
    ParamSpec(name="shrinkage_pct", default=0, label=N_("Shrinkage (%)"), kind="number", minimum=0, maximum=95,
              help=N_("Share of paid time off the phones (breaks, training, absence): scheduled = agents / (1 − s).")),
    ParamSpec(name="blocking_target_pct", default=1, label=N_("Blocking target for lines (%)"), kind="number", minimum=0.01, maximum=99,
              help=N_("Erlang B: the lines (trunks) needed so that at most this share of calls finds all lines busy.")),
    ParamSpec(name="patience_s", default=None, label=N_("Caller patience for Erlang A (s)"), kind="number", minimum=0,
              help=N_("Empty: estimated from the data's waits and abandoned calls. 0: no Erlang A.")),
    ParamSpec(name="interval", default="busiest", label=N_("Interval to staff"), kind="text",
              choices=("busiest", *(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in (0, 30))),
              help=N_('“the busiest interval”, or a time of day such as 10:30 (the slot it falls in, averaged over days).')),
    ParamSpec(name="aht_s", default=0, label=N_("Handle time override (s)"), kind="number", minimum=0, help=N_("0: use the measured AHT."),
              special=N_("none (measured AHT)")),
    ParamSpec(name="row_minutes", default=None, label=N_("Length of one interval row (minutes)"), kind="number", minimum=1, maximum=1440,
              help=N_("Interval rows without times only. Empty: read from the rows' times.")),
)


def _goal(p: Mapping[str, Any]) -> erlang.Goal:
    asa = float(p["asa_target_s"]) if p["goal"] == "asa" else None
    return erlang.Goal(float(p["target_pct"]) / 100.0, float(p["threshold_s"]), asa,
                       float(p["max_occupancy_pct"]) / 100.0)


def _erlang_a_details(traffic: float, aht_s: float, p: Mapping[str, Any], load: Load) -> dict[str, Any]:
    """Erlang A beside Erlang C: agents for the same service level with callers who hang up."""
    own = p.get("patience_s")
    if own is not None and float(own) == 0:
        return {"erlang_a_note": Message("Erlang A is turned off (patience set to 0).")}
    patience = float(own) if own is not None else load.patience_s
    if p["goal"] != "service_level":
        return {"erlang_a_note": Message("Erlang A is computed for a service-level goal only.")}
    if patience is None:
        return {"erlang_a_note": load.patience_note} if load.patience_note else {}
    point = agents_needed_a(traffic, aht_s, patience, float(p["threshold_s"]), float(p["target_pct"]) / 100.0)
    source = Message("The patience setting.") if own is not None else load.patience_note
    return {"erlang_a": {**asdict(point), "patience_s": patience, "patience_from": source}}


def _caveat(agents: int, at_k: erlang.StaffingPoint, load: Load, threshold_s: float) -> tuple[Message, Message]:
    """A line for the card (≤ ~84 characters) and its whole explanation, rendered where they are shown."""
    values = {"calls": round(load.arrivals, 1), "minutes": load.interval_s / 60, "slot": load.slot,
              "aht": DurationText(load.aht_s), "assumed": load.assumed, "agents": agents,
              "predicted": round(at_k.service_level_pct), "seconds": threshold_s}
    if load.typed:
        return (Message("for {calls} calls per {minutes} min, as typed", values),
                Message("Erlang C for {calls} calls per {minutes} min as typed, AHT {aht}.", values))
    if load.measured_within_pct is None:
        return (Message("for {calls} calls per {minutes} min at {slot}", values),
                Message("Erlang C for {calls} calls per {minutes} min at {slot}, AHT {aht}; interval: {assumed}.",
                        values))
    values |= {"measured": round(load.measured_within_pct)}
    # the slot named: the service-level card beside it measures every call (55 % against 20 % here)
    short = Message("would reach {predicted} % in {seconds} s; measured {measured} % at {slot}", values)
    if load.measured_within_pct >= at_k.service_level_pct - 10:
        return short, Message(
            "Erlang C predicts {predicted} % answered within {seconds} s with {agents} agents: what they WOULD "
            "achieve for {calls} calls per {minutes} min at {slot} (AHT {aht}; interval: {assumed}). Measured in "
            "that slot: {measured} % within {seconds} s.", values)
    if load.agents_seen is None:
        return short, Message(
            "Erlang C predicts {predicted} % answered within {seconds} s with {agents} agents: what they WOULD "
            "achieve for {calls} calls per {minutes} min at {slot} (AHT {aht}; interval: {assumed}). Measured in "
            "that slot: {measured} % within {seconds} s. The measured waits are longer than this load explains "
            "under Erlang assumptions (random arrivals, agents free for calls): agents were busy with other work "
            "or not all on the phones.", values)
    return short, Message(
        "Erlang C predicts {predicted} % answered within {seconds} s with {agents} agents: what they WOULD achieve "
        "for {calls} calls per {minutes} min at {slot} (AHT {aht}; interval: {assumed}). Measured in that slot: "
        "{measured} % within {seconds} s, with {seen} agents answering on average. The measured waits are longer "
        "than this load explains under Erlang assumptions (random arrivals, agents free for calls): agents were "
        "busy with other work or not all on the phones.", values | {"seen": round(load.agents_seen, 1)})


def staffing_result(load: Load, p: Mapping[str, Any]) -> MetricResult:
    """Agents needed for ``load`` under the settings ``p`` (see :data:`STAFFING_PARAMS`)."""
    if load.aht_s <= 0 or load.arrivals <= 0:
        return no_value("staffing", "count", Message("Staffing needs calls and a handle time above 0."),
                        higher_is_better=None, n=load.rows)
    traffic = erlang.traffic_erlangs(load.arrivals, load.aht_s, load.interval_s)
    goal = _goal(p)
    agents = erlang.agents_for_goal(traffic, load.aht_s, goal)
    threshold = goal.threshold_s
    curve = erlang.staffing_curve(traffic, load.aht_s, threshold, max(1, math.floor(traffic)),
                                  agents + max(5, math.ceil(math.sqrt(traffic))))
    at_k = next(c for c in curve if c.agents == agents)
    shrinkage = float(p["shrinkage_pct"]) / 100.0
    blocking = float(p["blocking_target_pct"]) / 100.0
    short, long = _caveat(agents, at_k, load, threshold)
    details = {"traffic_erlangs": traffic, "arrivals_per_interval": load.arrivals, "aht_s": load.aht_s,
               "interval_min": load.interval_s / 60, "interval": load.slot, "target_pct": goal.service_level * 100,
               "threshold_s": threshold, "predicted_service_level_pct": at_k.service_level_pct,
               "predicted_asa_s": at_k.asa_s, "occupancy_pct": at_k.occupancy_pct,
               "p_wait_pct": at_k.p_wait_pct, "blocking_pct_with_k_lines": at_k.blocking_pct,
               "curve": [asdict(c) for c in curve],
               "interval_assumed": load.assumed, "goal": goal.describe(), "asa_target_s": goal.asa_s,
               "max_occupancy_pct": goal.max_occupancy * 100, "shrinkage_pct": shrinkage * 100,
               "scheduled_agents": erlang.scheduled_agents(agents, shrinkage),
               "blocking_target_pct": blocking * 100, "lines_needed": erlang.lines_needed(traffic, blocking),
               "measured_service_level_pct": load.measured_within_pct, "agents_seen": load.agents_seen,
               "caveat": short, "caveat_detail": long,
               **_erlang_a_details(traffic, load.aht_s, p, load)}
    return MetricResult("staffing", float(agents), "count", numerator=traffic, n=load.rows,
                        higher_is_better=None, details=details)


def staffing(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    p = with_defaults(params, STAFFING_PARAMS)
    choice = str(p["interval"] or "busiest").strip().lower()
    calls, rows = frame_of(inputs, "calls"), frame_of(inputs, "call_intervals")
    if calls is not None and not calls.empty:
        load, kind = measure_calls(calls, float(p["interval_min"]) * 60, choice, float(p["threshold_s"]),
                                   call_status(inputs, calls)), "calls"
    elif rows is not None and not rows.empty:
        load, kind = measure_intervals(inputs, rows, p, choice), "call_intervals"
    else:
        return empty_result("staffing", "count", "calls", higher_is_better=None)
    if isinstance(load, MetricResult):
        return load
    if float(p["aht_s"] or 0) > 0:
        load.aht_s = float(p["aht_s"])
    result = staffing_result(load, p)
    # what its n counts, as the other calls KPIs' results say it (``counted``: "from 3,501 calls", "from 48
    # intervals"); the card and the deck's panel said "rows"
    return replace(result, details=result.details.with_(counted=kind))


def staffing_calculator(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    """Agents needed from typed ``arrivals`` (per interval) and ``aht_s``; the settings are parameters."""
    p = with_defaults(params, STAFFING_PARAMS)
    if totals["arrivals"] < 0 or totals["aht_s"] < 0:
        raise ParameterError(Message("staffing: arrivals and aht_s must be 0 or more."))
    load = Load(float(totals["arrivals"]), float(totals["aht_s"]), float(p["interval_min"]) * 60,
                Message("typed figures"), Message("{minutes}-min interval (the interval setting)", dict(minutes=float(p["interval_min"]))),
                int(round(totals["arrivals"])), typed=True)
    return staffing_result(load, p)

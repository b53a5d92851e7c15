"""The ``staffing`` KPI: agents needed (Erlang C) from measured arrivals and handle time.

Arrivals are averaged per time-of-day slot over the days that have calls (the
busiest slot by default, or a chosen ``HH:MM`` slot); AHT is the measured mean
handle time. The result is the smallest number of agents meeting the target,
with the service-level-vs-agents curve in ``details["curve"]`` for the chart.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..errors import ParameterError
from . import erlang
from .call_intervals import HANDLE_SOURCES, average_rows
from .call_rows import classify_calls, handle_seconds
from .common import datetimes, empty_result, frame_of, has, missing_result, no_value, numbers, with_defaults
from .model import MetricInputs, MetricResult, ParamSpec

STAFFING_PARAMS = (
    ParamSpec(name="interval_min", default=30, label="Interval (minutes)", kind="number", minimum=1, maximum=1440,
              help="Length of one staffing interval (for pre-aggregated rows: the length of one row)."),
    ParamSpec(name="target_pct", default=80, label="Service-level target (%)", kind="number", minimum=1, maximum=99.9),
    ParamSpec(name="threshold_s", default=20, label="Answered within (s)", kind="number", minimum=0),
    ParamSpec(name="interval", default="busiest", label="Interval to staff", kind="text",
              help='"busiest", or a time of day such as 10:30 (the slot it falls in, averaged over days).'),
    ParamSpec(name="aht_s", default=0, label="Handle time override (s)", kind="number", minimum=0, help="0: use the measured AHT."),
)


def _slot_of(text: str, interval_s: float) -> int:
    try:
        hours, minutes = (int(x) for x in str(text).strip().split(":")[:2])
    except ValueError:
        raise ParameterError(f'The staffing interval must be "busiest" or a time like 10:30, not {text!r}.') from None
    return int((hours * 3600 + minutes * 60) // interval_s)


def _slot_arrivals(times: pd.Series, weights: np.ndarray, interval_s: float, choice: str) -> tuple[float, str]:
    """Mean arrivals per day in the chosen (or busiest) time-of-day slot, and the slot's label."""
    t = datetimes(times)
    ok = t.notna().to_numpy()
    t, w = t[ok], weights[ok]
    seconds = (t - t.dt.normalize()).dt.total_seconds().to_numpy()
    frame = pd.DataFrame({"day": t.dt.normalize().to_numpy(), "slot": (seconds // interval_s).astype(int), "w": w})
    days = frame["day"].nunique()
    per_slot = frame.groupby("slot")["w"].sum() / max(days, 1)
    slot = int(per_slot.idxmax()) if choice == "busiest" else _slot_of(choice, interval_s)
    start = pd.Timestamp(0) + pd.Timedelta(seconds=slot * interval_s)
    return float(per_slot.get(slot, 0.0)), f"{start:%H:%M} (mean of {days} days)"


def _measure_calls(calls: pd.DataFrame, interval_s: float, choice: str) -> tuple[float, float, str] | MetricResult:
    status = classify_calls(calls)
    handle = handle_seconds(calls)
    if handle is None or not has(calls, "started_at"):
        return missing_result("staffing", "count", ["talk_s"] if handle is None else ["started_at"], "calls",
                              higher_is_better=None)
    handled = status["answered"] & np.isfinite(handle) & (handle >= 0)
    if not handled.any():
        return no_value("staffing", "count", "No answered calls with a talk time.", higher_is_better=None)
    offered = (status["inbound"] & status["known"]).astype(float)
    arrivals, label = _slot_arrivals(calls["started_at"], offered, interval_s, choice)
    return arrivals, float(handle[handled].mean()), label


def _measure_intervals(inputs: MetricInputs, rows: pd.DataFrame, interval_s: float,
                       choice: str) -> tuple[float, float, str] | MetricResult:
    terms = average_rows(inputs, "staffing", HANDLE_SOURCES)
    if isinstance(terms, MetricResult):
        return terms
    den = terms.den[terms.used].sum()
    if den == 0:
        return no_value("staffing", "count", "No answered calls with a handle time.", higher_is_better=None)
    aht = float(terms.num[terms.used].sum() / den)
    offered = np.nan_to_num(numbers(rows["offered"]))
    if has(rows, "period") and (datetimes(rows["period"]).dt.normalize() != datetimes(rows["period"])).any():
        arrivals, label = _slot_arrivals(rows["period"], offered, interval_s, choice)
        return arrivals, aht, label
    if choice != "busiest":
        raise ParameterError("These pre-aggregated rows have no interval times; choose the busiest interval.")
    minutes = f"{interval_s / 60:g}"
    label = f"busiest row (each row taken as {minutes} min: set the interval length to match the file)"
    return float(offered.max()), aht, label


def staffing_result(arrivals: float, aht_s: float, p: Mapping[str, Any], label: str = "") -> MetricResult:
    """Agents needed for ``arrivals`` calls per interval of ``aht_s`` seconds each."""
    interval_s = float(p["interval_min"]) * 60
    if aht_s <= 0 or arrivals <= 0:
        return no_value("staffing", "count", "Staffing needs calls and a handle time above 0.", higher_is_better=None)
    traffic = erlang.traffic_erlangs(arrivals, aht_s, interval_s)
    threshold, target = float(p["threshold_s"]), float(p["target_pct"]) / 100.0
    agents = erlang.agents_needed(traffic, aht_s, threshold, target)
    curve = erlang.staffing_curve(traffic, aht_s, threshold, max(1, math.floor(traffic)), agents + 5)
    at_k = next(c for c in curve if c.agents == agents)
    details = {"traffic_erlangs": traffic, "arrivals_per_interval": arrivals, "aht_s": aht_s,
               "interval_min": float(p["interval_min"]), "interval": label, "target_pct": target * 100,
               "threshold_s": threshold, "predicted_service_level_pct": at_k.service_level_pct,
               "predicted_asa_s": at_k.asa_s, "occupancy_pct": at_k.occupancy_pct,
               "p_wait_pct": at_k.p_wait_pct, "blocking_pct_with_k_lines": at_k.blocking_pct,
               "curve": [asdict(c) for c in curve]}
    return MetricResult("staffing", float(agents), "count", numerator=traffic, n=int(round(arrivals)),
                        higher_is_better=None, details=details)


def staffing(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
    p = with_defaults(params, STAFFING_PARAMS)
    interval_s = float(p["interval_min"]) * 60
    choice = str(p["interval"] or "busiest").strip().lower()
    calls, rows = frame_of(inputs, "calls"), frame_of(inputs, "call_intervals")
    if calls is not None and not calls.empty:
        measured = _measure_calls(calls, interval_s, choice)
    elif rows is not None and not rows.empty:
        measured = _measure_intervals(inputs, rows, interval_s, choice)
    else:
        return empty_result("staffing", "count", "calls", higher_is_better=None)
    if isinstance(measured, MetricResult):
        return measured
    arrivals, aht, label = measured
    if float(p["aht_s"] or 0) > 0:
        aht = float(p["aht_s"])
    return staffing_result(arrivals, aht, p, label)


def staffing_calculator(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    """Agents needed from typed ``arrivals`` (per interval) and ``aht_s``."""
    p = with_defaults(params, STAFFING_PARAMS)
    return staffing_result(float(totals["arrivals"]), float(totals["aht_s"]), p, "typed figures")

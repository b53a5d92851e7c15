"""Plain-text formatting of KPI values for the command line ("2 h 05 min", "90 %")."""

from __future__ import annotations

import math

from ..formatting import MISSING, decimal_mark, format_duration, format_number, format_value, percent_affixes
from ..i18n import _
from ..result_details import StaffingDetails


def number(value: float, decimals: int = 1) -> str:
    """``90.0`` -> ``"90"``, ``72.46`` -> ``"72.5"``: grouped and signed as the language writes numbers.

    >>> number(90.0), number(72.46), number(-0.04), number(-69.44), number(8172, 0)
    ('90', '72.5', '0', '−69.4', '8,172')
    """
    text = format_number(round(float(value), decimals), decimals)
    mark = decimal_mark()
    if decimals > 0 and mark in text:
        text = text.rstrip("0").rstrip(mark)
    return "0" if text in ("\u22120", "") else text


def duration(seconds: float) -> str:
    """Humanised duration, written as in the window and the reports (:mod:`metrics_core.formatting`).

    >>> [duration(s).replace("\\xa0", " ") for s in (7500, 150, 42, 190000)]      # (one piece: no-break spaces)
    ['2 h 05 min', '2 min 30 s', '42 s', '2 d 5 h']
    """
    return format_duration(seconds)


def value_text(value: float | None, unit: str) -> str:
    """A KPI value with its unit, "—" when there is none.

    >>> value_text(90.0, "%"), value_text(60.0, "score"), value_text(4201.42, "currency"), value_text(None, "%")
    ('90\\xa0%', '60', '4,201.42', '—')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    if unit == "%":
        before, after = percent_affixes()
        return f"{before}{number(value)}{after}"
    if unit == "seconds":
        return duration(value)
    if unit == "currency":
        return format_number(value, 2)
    if unit == "count":
        return number(value, 0) if float(value).is_integer() else number(value)
    if unit == "days":
        return format_value(value, "days")
    if unit == "per_day":
        return _("{value} per day", value=number(value, 2))
    return number(value, 2)


def staffing_lines(d: StaffingDetails) -> list[str]:
    """The staffing figures beside the agents needed: goal, prediction, head-count, lines, Erlang A."""
    lines = [_("for {goal}: {traffic} Erlangs ({calls} calls per {minutes} min, AHT {aht})", goal=d.goal,
               traffic=round(d.traffic_erlangs, 2), calls=round(d.arrivals_per_interval, 1),
               minutes=d.interval_min, aht=duration(d.aht_s)),
             _("predicted: {level} % answered within {seconds} s, ASA {asa}, occupancy {occupancy} %",
               level=round(d.predicted_service_level_pct, 1), seconds=d.threshold_s,
               asa=duration(d.predicted_asa_s), occupancy=round(d.occupancy_pct, 1)),
             _("scheduled with {shrinkage} % shrinkage: {scheduled}", shrinkage=d.shrinkage_pct,
               scheduled=d.scheduled_agents),
             _("lines needed for {blocking} % blocking (Erlang B): {lines}", blocking=d.blocking_target_pct,
               lines=d.lines_needed)]
    a = d.erlang_a
    if a:
        lines.append(_("Erlang A (patience {patience}): {agents} agents, {level} % within {seconds} s, "
                       "{abandon} % hang up", patience=duration(a["patience_s"]), agents=a["agents"],
                       level=round(a["service_level_pct"], 1), seconds=d.threshold_s,
                       abandon=round(a["abandon_pct"], 1)))
    elif d.erlang_a_note:
        lines.append(_("Erlang A: {note}", note=d.erlang_a_note))
    return lines

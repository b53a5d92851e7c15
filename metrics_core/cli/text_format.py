"""Plain-text formatting of KPI values for the command line ("2 h 05 min", "90 %")."""

from __future__ import annotations

import math

from ..formatting import MISSING, decimal_mark, format_duration, format_value, percent_affixes
from ..i18n import _


def number(value: float, decimals: int = 1) -> str:
    """``90.0`` -> ``"90"``, ``72.46`` -> ``"72.5"``.

    >>> number(90.0), number(72.46), number(-0.04)
    ('90', '72.5', '0')
    """
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", decimal_mark())


def duration(seconds: float) -> str:
    """Humanised duration, written as in the window and the reports (:mod:`metrics_core.formatting`).

    >>> duration(7500), duration(150), duration(42), duration(190000)
    ('2 h 05 min', '2 min 30 s', '42 s', '2 d 5 h')
    """
    return format_duration(seconds)


def value_text(value: float | None, unit: str) -> str:
    """A KPI value with its unit, "—" when there is none.

    >>> value_text(90.0, "%"), value_text(60.0, "score"), value_text(750.0, "currency"), value_text(None, "%")
    ('90 %', '60', '750.00', '—')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    if unit == "%":
        before, after = percent_affixes()
        return f"{before}{number(value)}{after}"
    if unit == "seconds":
        return duration(value)
    if unit == "currency":
        return f"{value:,.2f}".replace(",", " ").replace(".", decimal_mark())
    if unit == "count":
        return number(value, 0) if float(value).is_integer() else number(value)
    if unit == "days":
        return format_value(value, "days")
    if unit == "per_day":
        return _("{value} per day", value=number(value, 2))
    return number(value, 2)


def staffing_lines(details: dict) -> list[str]:
    """The staffing figures beside the agents needed: goal, prediction, head-count, lines, Erlang A."""
    lines = [f"for {details['goal']}: {number(details['traffic_erlangs'], 2)} Erlangs "
             f"({number(details['arrivals_per_interval'])} calls per {number(details['interval_min'])} min, "
             f"AHT {duration(details['aht_s'])})",
             f"predicted: {number(details['predicted_service_level_pct'])} % answered within "
             f"{number(details['threshold_s'])} s, ASA {duration(details['predicted_asa_s'])}, "
             f"occupancy {number(details['occupancy_pct'])} %",
             f"scheduled with {number(details['shrinkage_pct'])} % shrinkage: {details['scheduled_agents']}",
             f"lines needed for {number(details['blocking_target_pct'], 2)} % blocking (Erlang B): "
             f"{details['lines_needed']}"]
    a = details.get("erlang_a")
    if a:
        lines.append(f"Erlang A (patience {duration(a['patience_s'])}): {a['agents']} agents, "
                     f"{number(a['service_level_pct'])} % within {number(details['threshold_s'])} s, "
                     f"{number(a['abandon_pct'])} % hang up")
    elif details.get("erlang_a_note"):
        lines.append(f"Erlang A: {details['erlang_a_note']}")
    return lines

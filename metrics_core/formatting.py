"""Numbers for people: percentages, durations ("2 h 05 min"), thousands separators, money.

The window, every exporter (deck, workbook, CSV, chart images) and the command line format values through these
functions so that a KPI reads the same everywhere. Values arrive in the units of
:data:`metrics_core.metrics.model.UNITS`: ``%`` on 0..100, durations in seconds.
"""

from __future__ import annotations

import math
from typing import Any

MISSING = "—"
MINUS = "−"          # a real minus sign: never read as a formula by a spreadsheet


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def format_number(value: float | None, decimals: int = 0, thousands: str = ",") -> str:
    """A number with a thousands separator and a fixed number of decimals.

    >>> format_number(1234567.891, 2)
    '1,234,567.89'
    >>> format_number(-1500, thousands=" ")
    '−1 500'
    """
    if _is_missing(value):
        return MISSING
    text = f"{abs(float(value)):,.{decimals}f}"
    if thousands != ",":
        text = text.replace(",", thousands)
    negative = float(value) < 0 and text.strip("0.,") != ""
    return (MINUS if negative else "") + text


def _trimmed(value: float, decimals: int, thousands: str = ",") -> str:
    """Like :func:`format_number` but without trailing zero decimals ("4.20" -> "4.2")."""
    text = format_number(value, decimals, thousands)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_plain_number(value: float) -> str:
    """A count or a measured amount inside a sentence: grouped, at most two decimals, no trailing zeros.

    >>> format_plain_number(1612), format_plain_number(4.25), format_plain_number(2.0)
    ('1,612', '4.25', '2')
    """
    if float(value).is_integer():
        return format_number(value, 0)
    return _trimmed(value, 2)


def format_duration(seconds: float | None) -> str:
    """A duration in seconds, as a person says it.

    >>> format_duration(7500)
    '2 h 05 min'
    >>> format_duration(270)
    '4 min 30 s'
    >>> format_duration(45.2)
    '45 s'
    >>> format_duration(3 * 86400 + 4 * 3600)
    '3 d 4 h'
    >>> format_duration(-900)
    '−15 min'
    """
    if _is_missing(seconds):
        return MISSING
    sign = MINUS if float(seconds) < 0 else ""
    total = abs(float(seconds))
    if total < 59.5:
        return f"{sign}{total:.0f} s"
    if total < 600:
        whole = int(round(total))
        minutes, secs = divmod(whole, 60)
        return f"{sign}{minutes} min" + (f" {secs:02d} s" if secs else "")
    minutes_total = int(round(total / 60))
    if minutes_total < 60:
        return f"{sign}{minutes_total} min"
    if total < 86400 - 30:
        hours, minutes = divmod(minutes_total, 60)
        return f"{sign}{hours} h {minutes:02d} min"
    hours_total = int(round(total / 3600))
    days, hours = divmod(hours_total, 24)
    return f"{sign}{days} d" + (f" {hours} h" if hours else "")


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage given on 0..100.

    >>> format_percent(72)
    '72.0 %'
    """
    if _is_missing(value):
        return MISSING
    return f"{format_number(value, decimals)} %"


def format_currency(value: float | None, symbol: str = "€") -> str:
    """Money: cents below 1,000, whole units above; a sign symbol before the number, a
    word after it (as "4,201 kr" and "120.00 lei" are written).

    >>> format_currency(750)
    '€750.00'
    >>> format_currency(12345.6)
    '€12,346'
    >>> format_currency(-12345.6, "kr")
    '−12,346 kr'
    """
    if _is_missing(value):
        return MISSING
    decimals = 0 if abs(float(value)) >= 1000 else 2
    text = format_number(value, decimals)
    if not symbol_before(symbol):
        return f"{text} {symbol.strip()}"
    if text.startswith(MINUS):
        return f"{MINUS}{symbol}{text[1:]}"
    return f"{symbol}{text}"


def symbol_before(symbol: str) -> bool:
    """True for currency signs written before the amount (€, $, £); codes and words go after it."""
    return not any(ch.isalpha() for ch in symbol)


def format_value(value: float | None, unit: str, currency: str = "€") -> str:
    """Format a KPI value of ``unit`` (one of ``UNITS``) for a slide, a cell comment or a CSV.

    >>> format_value(60, "score")
    '60'
    >>> format_value(4.3, "score")
    '4.30'
    >>> format_value(12345, "count")
    '12,345'
    >>> format_value(3.25, "days")
    '3.2 days'
    """
    if _is_missing(value):
        return MISSING
    v = float(value)
    if unit == "%":
        return format_percent(v)
    if unit == "seconds":
        return format_duration(v)
    if unit == "currency":
        return format_currency(v, currency)
    if unit == "count":
        return _trimmed(v, 0 if float(v).is_integer() else 1)
    if unit == "score":
        return format_number(v, 0 if v.is_integer() else (1 if abs(v) >= 10 else 2))
    if unit == "days":
        return f"{_trimmed(v, 1)} day" + ("" if abs(v) == 1 else "s")
    if unit == "per_day":
        return f"{_trimmed(v, 1)} per day"
    if unit == "erlang":
        return f"{_trimmed(v, 2)} Erl"
    return _trimmed(v, 2)


def format_change(change: float | None, unit: str, currency: str = "€") -> str:
    """A change between two periods, always signed; percentages change in points.

    >>> format_change(2.34, "%")
    '+2.3 pp'
    >>> format_change(-300, "seconds")
    '−5 min'
    >>> format_change(0, "count")
    '±0'
    """
    if _is_missing(change):
        return MISSING
    c = float(change)
    if unit == "%":
        body = f"{format_number(abs(c), 1)} pp"
    else:
        body = format_value(abs(c), unit, currency)
    if body.strip("0., pp") == "" or c == 0:
        return "±" + body
    return ("+" if c > 0 else MINUS) + body


def format_relative(fraction: float | None) -> str:
    """A relative change given as a fraction (0.125 -> '+12.5 %').

    >>> format_relative(-0.05)
    '−5.0 %'
    """
    if _is_missing(fraction):
        return MISSING
    pct = float(fraction) * 100
    return ("+" if pct > 0 else "") + format_percent(pct)


UNIT_WORDS = {
    "%": "%", "score": "score", "seconds": "duration", "count": "count", "currency": "money",
    "ratio": "ratio", "days": "days", "per_day": "per day", "erlang": "Erlang",
}


def unit_word(unit: str) -> str:
    """A short human name of ``unit`` for table headers and CSV."""
    return UNIT_WORDS.get(unit, unit)


def headline_term(result: Any) -> tuple[str, float | None, int] | None:
    """``(term, share %, answers)`` of the top phrase (else word) of a text KPI's details.

    For KPIs such as brand attributes, whose value (how many comments were read) means little
    on its own; ``None`` for every other result.

    >>> class R: value, details = 603.0, {"phrases": [{"term": "friendly staff", "share": 17.2, "answers": 104}]}
    >>> headline_term(R())
    ('friendly staff', 17.2, 104)
    """
    details = getattr(result, "details", None) or {}
    if getattr(result, "value", None) is None or not isinstance(details, dict):
        return None
    for key in ("phrases", "words"):
        terms = details.get(key)
        if isinstance(terms, list) and terms and isinstance(terms[0], dict) and terms[0].get("term"):
            top = terms[0]
            return str(top["term"]), top.get("share"), int(top.get("answers") or 0)
    return None


def headline_term_text(result: Any) -> str | None:
    """How a text KPI reads in a table: ``“friendly staff” in 17 % of 603 comments``.

    >>> class R: value, details = 603.0, {"phrases": [{"term": "friendly staff", "share": 17.2, "answers": 104}]}
    >>> headline_term_text(R())
    '“friendly staff” in 17 % of 603 comments'
    """
    top = headline_term(result)
    if top is None:
        return None
    term, share, _answers = top
    share_text = f" in {share:.0f} % of {format_number(getattr(result, 'value', 0))} comments" if share is not None else ""
    return f"“{term}”{share_text}"


# KPIs whose change against the previous period says nothing: those that already are a change
# between two periods, and peak hours (the busiest hour may be another hour than last month's).
NO_CHANGE = frozenset({"complaint_growth", "satisfaction_trend", "peak_hours"})


def has_change(result: Any) -> bool:
    """False for KPIs whose change against the previous period means nothing to an owner:
    texts (the top phrase of comments) and the KPIs of ``NO_CHANGE``."""
    return getattr(result, "metric_id", None) not in NO_CHANGE and headline_term(result) is None


def result_text(result: Any) -> str | None:
    """How a KPI reads when its number alone would mislead, else ``None`` (use :func:`format_value`).

    Text KPIs read as their top phrase; a change in percentage points (satisfaction trend)
    reads signed, in points; peak hours say when ("52 at Mon 08:00": contacts in the busiest hour).

    >>> class Trend: value, details = 3.24, {"unit_note": "percentage points"}
    >>> result_text(Trend())
    '+3.2 pp'
    """
    text = headline_term_text(result)
    if text is not None:
        return text
    details = getattr(result, "details", None) or {}
    value = getattr(result, "value", None)
    if value is not None and isinstance(details, dict) and details.get("unit_note") == "percentage points":
        return format_change(value, "%")
    busiest = details.get("busiest") if isinstance(details, dict) else None
    if value is not None and isinstance(busiest, dict) and {"weekday", "hour"} <= set(busiest):
        return f"{format_value(value, 'count')} at {busiest['weekday']} {int(busiest['hour']):02d}:00"
    return None

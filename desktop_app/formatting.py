"""How numbers are written in the window: units, durations, changes, periods, column titles.

Values are written by :mod:`metrics_core.formatting`, exactly as the deck and the workbook
write them; this module adds what only the window needs.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from metrics_core import formatting as core
from metrics_core.catalogue import find_field
from metrics_core.formatting import headline_term  # noqa: F401 - the app's cards use it from here
from metrics_core.i18n import _
from metrics_core.metrics.params import DEFAULT_CURRENCY

DASH = core.MISSING
ARROW_UP = "\u25b2"
ARROW_DOWN = "\u25bc"


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def humanise_seconds(seconds: float | None) -> str:
    """``7500`` -> ``"2 h 05 min"``; ``95`` -> ``"1 min 35 s"``: as the deck and the workbook write it."""
    return core.format_duration(seconds)


def format_number(value: float | None, decimals: int = 0) -> str:
    """``12,345``: as the deck and the workbook write it."""
    return core.format_number(value, decimals)


def format_value(value: float | None, unit: str, currency: str = DEFAULT_CURRENCY) -> str:
    """A KPI value with its unit, as a card, a tooltip, the deck and the workbook show it; money in
    ``currency`` (the one the results were computed with: ``ResultSet.currency``, ``ChartData.currency``)."""
    return core.format_value(value, unit, currency)


def format_change(delta: float | None, unit: str, currency: str = DEFAULT_CURRENCY,
                  metric_id: str | None = None) -> str:
    """An absolute change with its sign: ``+3.2 pp``, ``−12 min``, ``+3.5`` NPS points, ``±0``; empty when unknown;
    money in ``currency`` (the results')."""
    if _is_missing(delta):
        return ""
    return core.format_change(delta, unit, currency, metric_id)


def change_arrow(delta: float | None) -> str:
    if _is_missing(delta) or delta == 0:
        return "\u25c6" if not _is_missing(delta) else ""
    return ARROW_UP if delta > 0 else ARROW_DOWN


def yes_no(value: Any) -> str:
    """A true/false cell as the window's language writes it ("Da" / "Ne" in Slovenian, not "True")."""
    return _("Yes") if value else _("No")


def format_cell(value: Any) -> str:
    """One table cell: timestamps without a zero time, floats trimmed, true/false in words, NA empty."""
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return yes_no(value)
    if isinstance(value, pd.Timestamp):
        return core.format_date_time(value)          # as the window's language writes a date (31. 3. 2021)
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.6g}" if abs(value) >= 1e6 else f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def period_text(start: Any, last_day: Any) -> str:
    """``Mar 2024`` for a whole month, else ``2024-03-04 to 2024-03-10``."""
    if _is_missing(start) or _is_missing(last_day):
        return ""
    start, last_day = pd.Timestamp(start), pd.Timestamp(last_day)
    if _whole_month(start, last_day):
        return core.format_month(start)
    return _("{first} to {last}", first=core.format_date(start), last=core.format_date(last_day))


def _compared_periods(change: Any) -> tuple[str, str]:
    """The texts of an engine ``Change``'s current and previous periods ("" when unknown)."""
    return (period_text(getattr(change, "period_from", None), getattr(change, "period_to", None)),
            period_text(getattr(change, "previous_from", None), getattr(change, "previous_to", None)))


def comparison_text(change: Any) -> str:
    """``Mar 2024 vs Feb 2024`` from an engine ``Change`` (empty when it has no periods)."""
    current, previous = _compared_periods(change)
    return _("{current} vs {previous}", current=current, previous=previous) if current and previous else ""


def short_comparison(change: Any) -> str:
    """What a card's change compares, briefly: ``Oct vs Sep 2026`` for whole months (named
    because the card's value may cover more than the month), else ``vs 2024-02-26 to 2024-03-03``.

    >>> from types import SimpleNamespace as C
    >>> short_comparison(C(period_from="2026-10-01", period_to="2026-10-31", previous_from="2026-09-01",
    ...                    previous_to="2026-09-30"))
    'Oct vs Sep 2026'
    """
    current, previous = _compared_periods(change)
    if not current or not previous:
        return _("vs previous period")
    start = getattr(change, "period_from", None)
    if not _whole_month(start, getattr(change, "period_to", None)):
        return _("vs {previous}", previous=previous)
    if pd.Timestamp(start).year == pd.Timestamp(getattr(change, "previous_from")).year:
        return _("{current} vs {previous}", current=core.month_names()[pd.Timestamp(start).month - 1],
                 previous=previous)
    return _("{current} vs {previous}", current=current, previous=previous)


def _whole_month(start: Any, last_day: Any) -> bool:
    """Whether ``start`` to ``last_day`` is one whole calendar month."""
    if _is_missing(start) or _is_missing(last_day):
        return False
    start, last_day = pd.Timestamp(start), pd.Timestamp(last_day)
    return start.day == 1 and (last_day + pd.Timedelta(days=1)).day == 1 and \
        start.to_period("M") == last_day.to_period("M")


def column_title(name: str, kind: str | None = None) -> str:
    """A table column's header as users read it: the field's label, else the file's own header."""
    if name == "_row":
        return _("Row in file")
    if name == "status_original":
        return _("Status (as in the file)")
    f = find_field(name, kind)
    return _(f.label) if f is not None else name


def is_duration_column(name: str, kind: str | None = None) -> bool:
    """Canonical duration fields, held in seconds (``first_response_s``)."""
    f = find_field(name, kind)
    return f is not None and f.value_type == "duration" and name.endswith("_s")


def period_label(start: Any, granularity: str) -> str:
    """A period as a slide would name it: ``May 2026``, ``Q2 2026``, ``2026``, ``4 May``."""
    return core.format_period(pd.Timestamp(start), granularity)


def weekday_abbreviations() -> list[str]:
    """Monday to Sunday, abbreviated in the current language (heat maps, business hours)."""
    return core.weekday_names()


def unit_name(unit: str, currency: str = DEFAULT_CURRENCY) -> str:
    """A KPI unit as the settings name it: ``seconds``, ``%``, the currency's symbol."""
    return core.unit_name(unit, currency)


def day_range(first: Any, last: Any) -> str:
    """Days from ``first`` to ``last`` as the language writes a range: ``25\u201331 Oct 2026``,
    ``16 Sep \u2013 15 Oct 2026``; ``25.\u201331. okt. 2026`` (sl, CLDR's interval formats)."""
    from metrics_core.locale_data import is_english, locale_now

    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    if not is_english(locale_now()):
        from babel.dates import format_interval

        # CLDR's Serbian intervals write days with a leading zero ("02.–31. окт 2026."), which Serbian
        # never does in a sentence and which no other date of the window has ("1. мај – 31. окт 2026.")
        return re.sub(r"(?<![\d.])0(?=\d\.)", "", format_interval(lo.date(), hi.date(), "yMMMd", locale=locale_now()))
    if lo.year != hi.year:                      # both years named ("28 Dec 2025 – 3 Jan 2026")
        return core.format_day_range(lo, hi)
    months = core.month_names()
    if lo.month == hi.month:
        return f"{lo.day}\u2013{hi.day} {months[hi.month - 1]} {hi.year}"
    return f"{lo.day} {months[lo.month - 1]} \u2013 {hi.day} {months[hi.month - 1]} {hi.year}"

"""Numbers for people, in the current language: percentages, durations, grouping, money, dates.

The window, every exporter (deck, workbook, CSV, chart images) and the command line format values
through these functions so that a KPI reads the same everywhere. Values arrive in the units of
:data:`metrics_core.metrics.model.UNITS`: ``%`` on 0..100, durations in seconds.

How a language writes numbers, money, durations, months and weekdays comes from CLDR through
babel (:mod:`metrics_core.locale_data`), in :func:`metrics_core.i18n.current_language`:
``1.612`` and ``48,9 %`` in Slovenian, ``1 612`` in Swedish, ``2 tim 05 min``, ``okt. 2026``.
English keeps KPI Desk's house style (``48.9 %``, ``2 h 05 min``, ISO dates). Dates and calendar
words are in :mod:`metrics_core.formatting_dates`, re-exported here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal

from metrics_core.formatting_dates import (ENGLISH_WEEKDAYS, format_date, format_date_time, format_day, format_days_named,  # noqa: F401
                                           format_day_month, format_day_range, format_month, format_period, format_time, month_names,
                                           parse_date,
                                           weekday_name, weekday_names)
from metrics_core.i18n import N_, TextList, _, plain_number
from metrics_core.result_details import HeatMapDetails, TextDetails, details_of
from metrics_core.locale_data import is_english, locale_now, plural_category, unit_pattern

MISSING = "—"
MINUS = "−"          # a real minus sign: never read as a formula by a spreadsheet
NBSP = "\u00a0"      # a no-break space: "8 min 15 s" and "48.9 %" never break across lines on a card or a slide


def unbreakable(text: str) -> str:
    """``text`` (a value with its unit, such as ``2 h 05 min``) with every space a no-break one.

    >>> unbreakable("2 h 05 min")
    '2\\xa0h\\xa005\\xa0min'
    """
    return text.replace(" ", NBSP)


def numbers_kept_with_units(text: str, counts: bool = False) -> str:
    """A sentence whose every number stays on the line of the unit after it when it wraps (``measured 20 %``
    never ends a line with ``20``): a sign or an abbreviation of at most four letters (``%``, ``s``, ``min.``,
    ``сек``, ``Aug``); a number before a word (``2024 against``, ``4 calls``) may still break.

    ``counts``: a short line of counts (a file in the window's list, "Cash movements · 289 rows"): each number
    keeps the word it counts too, after a short word such as Romanian "de", and a " · " never starts a line.

    >>> numbers_kept_with_units("Would reach 86 % in 20 s; measured 20 % at 10:00, 4 calls")
    'Would reach 86\\xa0% in 20\\xa0s; measured 20\\xa0% at 10:00, 4 calls'
    >>> numbers_kept_with_units("Mișcări de numerar · 1.289 de rânduri", counts=True)
    'Mișcări de numerar\\xa0· 1.289\\xa0de\\xa0rânduri'
    """
    if not counts:
        return _NUMBER_THEN_UNIT.sub(NBSP, text)
    kept = _SHORT_WORD_AFTER_A_NUMBER.sub("\\1" + NBSP, _NUMBER_THEN_WORD.sub(NBSP, text))
    return kept.replace(" \u00b7", NBSP + "\u00b7")


_NUMBER_THEN_UNIT = re.compile(r"(?<=\d) (?=[^\s\d]{1,4}(?:[\s;,.:)]|$))")
_NUMBER_THEN_WORD = re.compile(r"(?<=\d) (?=\S)")
_SHORT_WORD_AFTER_A_NUMBER = re.compile(r"(?<=\d\u00a0)(\w{1,2}) (?=\S)")


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def format_number(value: float | None, decimals: int = 0, thousands: str | None = None) -> str:
    """A number with the language's grouping and decimal mark and a fixed number of decimals.

    >>> format_number(1234567.891, 2)
    '1,234,567.89'
    >>> format_number(-1500, thousands=" ")
    '−1 500'
    """
    if _is_missing(value):
        return MISSING
    locale = locale_now()
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(abs(float(value)), format=pattern, locale=locale, decimal_quantization=True)
    if thousands is not None:
        text = text.replace(locale.number_symbols["latn"]["group"], thousands)
    negative = float(value) < 0 and any(ch in "123456789" for ch in text)
    return (MINUS if negative else "") + text


def decimal_mark() -> str:
    """The current language's decimal mark (``.`` or ``,``)."""
    return locale_now().number_symbols["latn"]["decimal"]


def _trimmed(value: float, decimals: int) -> str:
    """Like :func:`format_number` but without trailing zero decimals ("4.20" -> "4.2")."""
    text = format_number(value, decimals)
    mark = decimal_mark()
    if decimals > 0 and mark in text:
        text = text.rstrip("0").rstrip(mark)
    return text


def format_plain_number(value: float) -> str:
    """A count or a measured amount inside a sentence: grouped, at most two decimals, no trailing zeros.

    >>> format_plain_number(1612), format_plain_number(4.25), format_plain_number(2.0)
    ('1,612', '4.25', '2')
    """
    return plain_number(float(value))


_ENGLISH_UNITS = {"duration-second": "{0} s", "duration-minute": "{0} min", "duration-hour": "{0} h",
                  "duration-day": "{0} d"}


def _amount(number: int, unit: str, text: str | None = None, beside_minutes: bool = False) -> str:
    """``number`` of a CLDR duration unit, abbreviated as the language does (``5 min``, ``3 dni``), unbreakable.
    ``beside_minutes``: hours followed by minutes, written as short as the minutes (sr "9 ч 03 мин")."""
    return _amount_in(str(locale_now()), number, unit, text, beside_minutes)


@lru_cache(maxsize=8192)
def _amount_in(locale_name: str, number: int, unit: str, text: str | None, beside_minutes: bool = False) -> str:
    # Remembered: a duration column of a million rows has few distinct amounts (0-59 min, 0-23 h …), and
    # each costs babel ~0.2 ms (the data view writes every distinct duration when it is searched).
    locale = locale_now()
    written = text if text is not None else format_number(number)
    if is_english(locale):
        return unbreakable(_ENGLISH_UNITS[unit].format(written))
    if beside_minutes and locale.language in _HOUR_SYMBOL:
        length = "narrow"
    elif unit == "duration-second":
        length = _SECOND_SYMBOL.get(locale.language, "short")
    else:
        length = "long" if unit in _LONG_FORM.get(locale.language, ()) else "short"
    return unbreakable(unit_pattern(locale, unit, plural_category(locale, number), length).format(written))


# Seconds written as the symbol (CLDR's narrow form) where the short form is a word's abbreviation (Slovenian
# "sek.", Serbian "сек"/"sek"): one spelling per language, the one thresholds and targets use ("v 20 s",
# "у 20 с"), on cards, charts and decks alike.
_SECOND_SYMBOL = {"sl": "narrow", "sr": "narrow"}
# Romanian's short hours and days leave out the "de" that numbers from 20 take ("21 ore 38 min."); its long
# forms are the same words with it ("21 de ore", "20 de zile", as a number of days is written on its own).
_LONG_FORM = {"ro": {"duration-hour", "duration-day"}}
# Hours before minutes as a symbol where the short form is the whole word: Serbian's "9 сати 03 мин", Romanian's
# "21 de ore 38 min." mixed a word with an abbreviation (deck20); now "9 ч 03 мин", "9 č 03 min", "21 h 38 min.", as
# "9 h 03 min" (sl), "9 tim 03 min" (sv). Days and hours stay words together ("2 дана 5 сати", "20 de zile 3 ore").
_HOUR_SYMBOL = {"sr", "ro"}


def format_duration(seconds: float | None) -> str:
    """A duration in seconds, as a person says it, in the language's own abbreviations; one
    unbreakable piece of text (its spaces are :data:`NBSP`, shown here as plain spaces).

    >>> [format_duration(s).replace(NBSP, " ") for s in (7500, 270, 45.2, 3 * 86400 + 4 * 3600, -900)]
    ['2 h 05 min', '4 min 30 s', '45 s', '3 d 4 h', '−15 min']
    >>> " " in format_duration(7500)
    False
    """
    if _is_missing(seconds):
        return MISSING
    sign = MINUS if float(seconds) < 0 else ""
    total = abs(float(seconds))
    if total < 59.5:
        return sign + _amount(int(round(total)), "duration-second")
    if total < 600:
        minutes, secs = divmod(int(round(total)), 60)
        text = _amount(minutes, "duration-minute")
        return sign + text + (NBSP + _amount(secs, "duration-second", f"{secs:02d}") if secs else "")
    minutes_total = int(round(total / 60))
    if minutes_total < 60:
        return sign + _amount(minutes_total, "duration-minute")
    if total < 86400 - 30:
        hours, minutes = divmod(minutes_total, 60)
        return sign + _amount(hours, "duration-hour", beside_minutes=True) + NBSP + \
            _amount(minutes, "duration-minute", f"{minutes:02d}")
    days, hours = divmod(int(round(total / 3600)), 24)
    return sign + _amount(days, "duration-day") + (NBSP + _amount(hours, "duration-hour") if hours else "")



@dataclass(frozen=True)
class DurationText:
    """A duration kept as its seconds and written by :func:`format_duration` when it is shown, in the language of
    the moment (as :class:`~metrics_core.formatting_dates.PeriodName` keeps a period): a value a result computed once
    carries into a :class:`~metrics_core.i18n.Message` (JSON: :meth:`english`).

    >>> from metrics_core.i18n import language
    >>> aht = DurationText(180)
    >>> with language("sr"):
    ...     str(aht).replace(NBSP, " ")
    '3 мин'
    >>> aht.english().replace(NBSP, " ")
    '3 min'
    """

    seconds: float | None

    def __str__(self) -> str:
        return format_duration(self.seconds)

    def english(self) -> str:
        from metrics_core.i18n import language
        with language("en"):
            return str(self)

def percent_affixes() -> tuple[str, str]:
    """What stands before and after the number of a percentage (``"", " %"``), from CLDR; a space
    in them is a no-break one."""
    locale = locale_now()
    if is_english(locale):
        return "", NBSP + "%"
    pattern = locale.percent_formats[None].pattern.split(";")[0]
    sign = locale.number_symbols["latn"]["percentSign"]
    start, end = pattern.find("#"), pattern.rfind("0") + 1
    return unbreakable(pattern[:start].replace("%", sign)), unbreakable(pattern[end:].replace("%", sign))


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage given on 0..100, spaced as the language spaces it (``48,9 %`` in Slovenian),
    with a no-break space.

    >>> format_percent(72)
    '72.0\\xa0%'
    """
    if _is_missing(value):
        return MISSING
    before, after = percent_affixes()
    number = format_number(value, decimals)
    sign = MINUS if number.startswith(MINUS) else ""
    return f"{sign}{before}{number.removeprefix(MINUS)}{after}"


_CURRENCY_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "kr": "SEK", "lei": "RON", "din": "RSD", "дин": "RSD"}


def symbol_before(symbol: str) -> bool:
    """True where the amount follows the currency: English writes signs first (€, $, £) and codes
    and words after it; the other languages place every currency where their CLDR pattern does."""
    locale = locale_now()
    if is_english(locale):
        return not any(ch.isalpha() for ch in symbol)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return pattern.index("¤") < pattern.index("0")


def format_currency(value: float | None, symbol: str = "€") -> str:
    """Money: cents below 1,000, whole units above; a sign symbol before the number, a
    word after it (as "4,201 kr" and "120.00 lei" are written), where the language places it.

    >>> format_currency(750)
    '€750.00'
    >>> format_currency(12345.6)
    '€12,346'
    >>> format_currency(-12345.6, "kr")
    '−12,346\\xa0kr'
    """
    if _is_missing(value):
        return MISSING
    decimals = 0 if abs(float(value)) >= 1000 else 2
    text = format_number(value, decimals)
    symbol = symbol.strip() if any(ch.isalpha() for ch in symbol) else symbol
    if not symbol_before(symbol):
        return f"{text}{NBSP}{symbol}"
    if text.startswith(MINUS):
        return f"{MINUS}{symbol}{text[1:]}"
    return f"{symbol}{text}"


def format_value(value: float | None, unit: str, currency: str = "€") -> str:
    """Format a KPI value of ``unit`` (one of ``UNITS``) for a slide, a cell comment or a CSV.

    >>> format_value(60, "score")
    '60'
    >>> format_value(4.3, "score")
    '4.30'
    >>> format_value(12345, "count")
    '12,345'
    >>> format_value(3.25, "days")
    '3.2\\xa0days'
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
        text = _trimmed(v, 1)
        locale = locale_now()
        number = text.removeprefix(MINUS).replace(locale.number_symbols["latn"]["group"], "")
        category = plural_category(locale, number.replace(locale.number_symbols["latn"]["decimal"], "."))
        return unbreakable(unit_pattern(locale, "duration-day", category, "long").format(text))
    if unit == "per_day":
        return unbreakable(_("{value} per day", value=_trimmed(v, 1)))
    if unit == "erlang":
        return unbreakable(_("{value} Erl", value=_trimmed(v, 2)))
    return _trimmed(v, 2)


# Scores on a 100-point scale (NPS runs from −100 to 100): their changes are whole points or tenths,
# not the hundredths that suit a 1-5 CSAT or CES mean.
POINT_SCORES = frozenset({"nps", "engagement_score"})


def format_change(change: float | None, unit: str, currency: str = "€", metric_id: str | None = None) -> str:
    """A change between two periods, always signed; percentages change in points, as do the
    :data:`POINT_SCORES` (at most one decimal).

    >>> format_change(2.34, "%")
    '+2.3\\xa0pp'
    >>> format_change(-300, "seconds")
    '−5\\xa0min'
    >>> format_change(0, "count")
    '±0'
    >>> format_change(3.47, "score", metric_id="nps"), format_change(-6.0, "score", metric_id="nps")
    ('+3.5', '−6')
    >>> format_change(-0.14, "score", metric_id="ces"), format_change(0.04, "score", metric_id="nps")
    ('−0.14', '±0')
    """
    if _is_missing(change):
        return MISSING
    c = float(change)
    if unit == "%":
        number = format_number(abs(c), 1)
        body = unbreakable(_("{value} pp", value=number))       # percentage points
        zero = not any(ch in "123456789" for ch in number)
    elif unit == "score" and metric_id in POINT_SCORES:
        body = _trimmed(abs(c), 1)
        zero = not any(ch in "123456789" for ch in body)
    else:
        body = format_value(abs(c), unit, currency)
        zero = not any(ch in "123456789" for ch in body)
    if zero or c == 0:
        return "±" + body
    return ("+" if c > 0 else MINUS) + body


def format_relative(fraction: float | None) -> str:
    """A relative change given as a fraction (0.125 -> '+12.5 %').

    >>> format_relative(-0.05)
    '−5.0\\xa0%'
    """
    if _is_missing(fraction):
        return MISSING
    pct = float(fraction) * 100
    return ("+" if pct > 0 else "") + format_percent(pct)


UNIT_WORDS = {
    "%": N_("%"), "score": N_("score"), "seconds": N_("duration"), "count": N_("count"), "currency": N_("money"),
    "ratio": N_("ratio"), "days": N_("days"), "per_day": N_("per day"), "erlang": N_("Erlang"),
}


def unit_word(unit: str) -> str:
    """A short human name of ``unit`` for table headers and CSV, in the current language."""
    return _(UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit


def headline_term(result: Any) -> tuple[str, float | None, int] | None:
    """``(term, share %, answers)`` of the top phrase (else word) of a text KPI's details.

    For KPIs such as brand attributes, whose value (how many comments were read) means little
    on its own; ``None`` for every other result.

    >>> class R: value, details = 603.0, {"phrases": [{"term": "friendly staff", "share": 17.2, "answers": 104}]}
    >>> headline_term(R())
    ('friendly staff', 17.2, 104)
    """
    details = details_of(result, TextDetails)
    if getattr(result, "value", None) is None:
        return None
    for terms in (details.phrases, details.words):
        if isinstance(terms, list) and terms and isinstance(terms[0], dict) and terms[0].get("term"):
            top = terms[0]
            return str(top["term"]), top.get("share"), int(top.get("answers") or 0)
    return None


def quoted(text: str) -> str:
    """``text`` in the quotation marks of the current language: “friendly staff” (English), „friendly staff“
    (Slovenian, Serbian), „friendly staff” (Romanian), ”friendly staff” (Swedish).

    >>> quoted("friendly staff")
    '“friendly staff”'
    """
    return _("“{term}”", term=text)


def headline_term_text(result: Any) -> str | None:
    """How a text KPI reads in a table: ``“friendly staff” in 17 % of 603 comments``.

    >>> class R: value, details = 603.0, {"phrases": [{"term": "friendly staff", "share": 17.2, "answers": 104}]}
    >>> headline_term_text(R())
    '“friendly staff” in 17\\xa0% of 603 comments'
    """
    top = headline_term(result)
    if top is None:
        return None
    term, share, _answers = top
    if share is None:
        return quoted(term)
    return _("“{term}” in {share} of {count} comments", term=term, share=format_percent(share, 0),
             count=format_number(getattr(result, "value", 0)))


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
    '+3.2\\xa0pp'
    """
    text = headline_term_text(result)
    if text is not None:
        return text
    value = getattr(result, "value", None)
    if value is not None and details_of(result).unit_note == "percentage points":
        return format_change(value, "%")
    busiest = details_of(result, HeatMapDetails).busiest
    if value is not None and isinstance(busiest, dict) and {"weekday", "hour"} <= set(busiest):
        return _("{count} at {weekday} {time}", count=format_value(value, "count"),
                 weekday=weekday_name(busiest["weekday"]), time=format_time(int(busiest["hour"])))
    return None


def result_currency(result: Any, currency: str) -> str:
    """The currency a money KPI is written in: its own when the loaded files name several and its rows
    are in one of them (``details["currency"]``, :mod:`metrics_core.metrics.currencies`), else ``currency``.

    >>> class Clv: value, details = 34.3, {"currency": "£"}
    >>> result_currency(Clv(), "€"), result_currency(None, "€")
    ('£', '€')
    """
    return str(details_of(result).get("currency") or currency) if result is not None else currency


def per_currency_text(result: Any) -> str | None:
    """A money KPI over files in several currencies, one amount per currency (``details["currencies"]``,
    :mod:`metrics_core.metrics.currencies`), else ``None``.

    >>> class Clv: value, details = None, {"currencies": [{"currency": "£", "value": 34.3, "files": ["uk.csv"]},
    ...                                                   {"currency": "€", "value": 90.0, "files": ["de.csv"]}]}
    >>> per_currency_text(Clv())
    '£34.30 in uk.csv and €90.00 in de.csv'
    """
    parts = details_of(result).get("currencies") if result is not None else None
    return amounts_text(parts) if parts else None


def amounts_text(parts: Any) -> str:
    """``[{"currency", "value", "files"}, …]`` as ``£34.30 in uk.csv and €90.00 in de.csv``."""
    return str(TextList(tuple(_("{amount} in {files}", amount=format_currency(p["value"], p["currency"]),
                                files=TextList(tuple(p["files"]), "and"))
                              for p in parts if p.get("value") is not None), "and"))


def result_caveat(result: Any) -> tuple[str, str] | None:
    """What a KPI's value rests on or why it may differ from a measured figure: ``(line, explanation)``.

    A metric puts it in ``details.caveat`` (one short line for a card) and
    ``details.caveat_detail`` (the whole reason, for a tooltip or a report note). Each number stays
    with its unit when the text wraps (:func:`numbers_kept_with_units`).

    >>> class Staffing: value, details = 2.0, {"caveat": "2 agents would reach 94 %", "caveat_detail": "Erlang C …"}
    >>> result_caveat(Staffing())
    ('2 agents would reach 94\\xa0%', 'Erlang C …')
    """
    details = details_of(result)
    line = details.caveat
    if getattr(result, "value", None) is None or not line:
        return None
    return numbers_kept_with_units(str(line)), numbers_kept_with_units(str(details.caveat_detail or line))


#: A KPI's unit as a person reads it (``seconds``, ``%``); the currency is named by :func:`unit_name`'s caller.
UNIT_NAMES = {"%": "%", "score": N_("score"), "seconds": N_("seconds"), "count": N_("count"), "ratio": N_("ratio"),
              "days": N_("days"), "per_day": N_("per day"), "erlang": N_("Erlang"), "currency": N_("currency")}


def unit_name(unit: str, currency: str | None = None) -> str:
    """A KPI unit in the current language: ``seconds``, ``%``, the currency's symbol (or the word "currency"
    where no currency is chosen: the KPI catalogue's tooltips).

    >>> unit_name("per_day"), unit_name("currency", "€"), unit_name("currency")
    ('per day', '€', 'currency')
    """
    if unit == "currency" and currency is not None:
        return currency
    name = UNIT_NAMES.get(unit, unit)
    return name if name == "%" else _(name)

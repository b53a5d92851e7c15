"""Dates, periods, months and weekdays for people, in the current language (CLDR through babel).

Re-exported by :mod:`metrics_core.formatting`, the one place the window and every report take
their formats from. English keeps KPI Desk's house style (ISO dates, ``31 Mar 2021``); every
other language is written as CLDR says (``31. 3. 2021``, ``31.03.2021``, ``okt. 2026``).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Iterator

from babel import Locale

from babel.dates import (format_date as babel_format_date, format_interval, format_skeleton, get_day_names,
                         get_month_names)

from metrics_core.i18n import _
from metrics_core.locale_data import is_english, locale_now

#: The weekdays as KPI details store them (contract: JSON stays English), Monday first.
ENGLISH_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _as_datetime(value: Any) -> datetime:
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise TypeError(f"not a date: {value!r}")


def weekday_names(width: str = "abbreviated") -> list[str]:
    """Monday..Sunday in the current language (``pon.``, ``mån``, ``пон``); ``width`` is CLDR's
    ``abbreviated``, ``wide`` or ``short``.

    >>> weekday_names()[:2]
    ['Mon', 'Tue']
    """
    names = get_day_names(width, context="format", locale=locale_now())
    return [names[i] for i in range(7)]


def weekday_name(day: int | str, width: str = "abbreviated") -> str:
    """One weekday, given as 0 (Monday)..6 or as stored in KPI details (``"Mon"``)."""
    index = ENGLISH_WEEKDAYS.index(day) if isinstance(day, str) else int(day)
    return weekday_names(width)[index]


def month_names(width: str = "abbreviated", context: str = "stand-alone") -> list[str]:
    """January..December in the current language; ``width`` is CLDR's ``abbreviated`` or ``wide``.

    >>> month_names()[9]
    'Oct'
    """
    names = get_month_names(width, context=context, locale=locale_now())
    return [names[i] for i in range(1, 13)]


def _skeleton(skeleton: str, value: Any) -> str:
    return format_skeleton(skeleton, _as_datetime(value), locale=locale_now())


def format_date(value: Any) -> str:
    """A day in numbers: ``2021-03-31`` in English, ``31. 3. 2021`` (sl), ``31.03.2021`` (ro).

    >>> format_date(date(2021, 3, 31))
    '2021-03-31'
    """
    locale = locale_now()
    if is_english(locale):
        return _as_datetime(value).strftime("%Y-%m-%d")
    when = _as_datetime(value)
    numbers = {"d": str(when.day), "dd": f"{when.day:02d}", "M": str(when.month), "MM": f"{when.month:02d}",
               "y": str(when.year), "yyyy": str(when.year), "yy": f"{when.year % 100:02d}"}
    return "".join(numbers.get(token, token) if is_field else token for token, is_field in _day_pattern(str(locale)))


def parse_date(text: str) -> date | None:
    """A day typed as :func:`format_date` writes it in the current language (``25. 6. 2026`` in Slovenian,
    ``25.06.2026`` in Romanian: day first, never read month-first as ``6 May``), or ISO (``2026-06-25``) in any
    language; ``None`` when ``text`` is not a day.

    >>> parse_date("2026-06-25"), parse_date("25/06/2026"), parse_date("a holiday")
    (datetime.date(2026, 6, 25), datetime.date(2026, 6, 25), None)
    """
    numbers = re.findall(r"\d+", text)
    if len(numbers) != 3 or re.fullmatch(r"[\d\s./-]+", text.strip()) is None:
        return None
    if len(numbers[0]) == 4:
        order = ("y", "M", "d")
    else:       # English is written day first in KPI Desk's house style (31 Mar 2021), as every other language
        locale = locale_now()
        fields = tuple(token[0] for token, is_field in _day_pattern(str(locale)) if is_field)
        order = fields if not is_english(locale) and sorted(fields) == ["M", "d", "y"] else ("d", "M", "y")
    values = dict(zip(order, (int(n) for n in numbers)))
    try:
        return date(values["y"] + (2000 if values["y"] < 100 else 0), values["M"], values["d"])
    except ValueError:
        return None


@lru_cache(maxsize=None)
def _day_pattern(locale: str) -> tuple[tuple[str, bool], ...]:
    """CLDR's numeric date pattern (skeleton ``yMd``) of ``locale`` as (token, is a field) pairs, read once:
    a data table formats thousands of cells."""
    pattern = Locale.parse(locale).datetime_skeletons["yMd"].pattern
    tokens = (match.group(0) for match in re.finditer(r"([A-Za-z])\1*|'[^']*'|[^A-Za-z']+", pattern))
    return tuple((token, True) if token[0].isalpha() else (token.strip("'"), False) for token in tokens)


def format_date_time(value: Any) -> str:
    """A moment in numbers: ``2021-03-31 14:05:09`` in English, ``31. 3. 2021 14:05:09`` (sl),
    ``31.03.2021 14:05:09`` (ro); a day without a time of day is written as :func:`format_date`.

    >>> format_date_time(datetime(2021, 3, 31, 14, 5, 9)), format_date_time(datetime(2021, 3, 31))
    ('2021-03-31 14:05:09', '2021-03-31')
    """
    when = _as_datetime(value)
    if (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0):
        return format_date(when)
    return f"{format_date(when)} {when:%H:%M:%S}"


def format_day(value: Any, width: str = "abbreviated") -> str:
    """A day with its month's name: ``31 Mar 2021`` in English, ``31. mar. 2021`` (sl); ``width="wide"``
    writes the month in full (``31 March 2021``, ``31. marec 2021``).

    >>> format_day(date(2021, 3, 31)), format_day(date(2021, 3, 31), "wide")
    ('31 Mar 2021', '31 March 2021')
    """
    if is_english(locale_now()):
        d = _as_datetime(value)
        return f"{d.day} {month_names(width, 'format')[d.month - 1]} {d.year}"
    if width == "wide":
        return babel_format_date(_as_datetime(value), "long", locale=locale_now())
    return _skeleton("yMMMd", value)


def format_day_range(first: Any, last: Any) -> str:
    """Two days as a span: ``5 Sep – 11 Sep 2026`` in English, ``5. sep. – 11. sep. 2026`` (sl); a span across
    a new year names both years (``15 Aug 2025 – 14 Aug 2026``, not ``15 Aug – 14 Aug 2026``).

    >>> format_day_range(date(2025, 8, 15), date(2026, 8, 14))
    '15 Aug 2025 – 14 Aug 2026'
    """
    same_year = _as_datetime(first).year == _as_datetime(last).year
    return f"{format_day_month(first) if same_year else format_day(first)} – {format_day(last)}"


def format_days_named(first: Any, last: Any) -> str:
    """The days ``first`` to ``last`` (included) as a report's period is named, in full where they are whole months:
    ``October 2026``; several whole months as CLDR's interval of months (``July – September 2026``, sl
    ``julij–september 2026``, sr ``јул – септембар 2026.``); a calendar year as its number (``2026``, sr ``2026.``);
    other days as :func:`format_day_range` (``1 Oct – 24 Oct 2026``, the year written once).

    >>> format_days_named(date(2026, 7, 1), date(2026, 9, 30)), format_days_named(date(2026, 1, 1), date(2026, 12, 31))
    ('July – September 2026', '2026')
    >>> format_days_named(date(2026, 10, 1), date(2026, 10, 31)), format_days_named(date(2026, 10, 1), date(2026, 10, 24))
    ('October 2026', '1 Oct – 24 Oct 2026')
    """
    start, end = _as_datetime(first), _as_datetime(last)
    if start.day != 1 or (end + timedelta(days=1)).day != 1:
        return format_day_range(first, last)
    if (start.year, start.month) == (end.year, end.month):
        return format_month(start, "wide")
    if start.year == end.year and (start.month, end.month) == (1, 12):
        return _skeleton("y", start)
    return _interval(start, end, "yMMMM")


def format_day_range_short(first: Any, last: Any) -> str:
    """The same days as :func:`format_day_range` in the shortest form that still names them all, for a line with
    little room (a card's): whole months by their months, as CLDR's interval formats write them (``May – Oct
    2026``, sl ``maj–okt. 2026``, sr ``мај–окт 2026.``); other days as CLDR's interval of days where that is
    shorter than ours (sl ``1. maj–30. okt. 2026``), else as ours (English keeps its house style).

    >>> format_day_range_short(date(2026, 5, 1), date(2026, 10, 31)), format_day_range_short(date(2025, 11, 1), date(2026, 10, 31))
    ('May – Oct 2026', 'Nov 2025 – Oct 2026')
    >>> format_day_range_short(date(2026, 5, 3), date(2026, 10, 30))
    '3 May – 30 Oct 2026'
    """
    start, end = _as_datetime(first), _as_datetime(last)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        return _interval(start, end, "yMMM")
    ours = format_day_range(first, last)
    return ours if is_english(locale_now()) else min((ours, _interval(start, end, "yMMMd")), key=len)


def _interval(start: datetime, end: datetime, skeleton: str) -> str:
    """CLDR's interval of ``start`` to ``end``, its thin spaces ("May\u2009–\u2009Oct") plain, as ours are."""
    return format_interval(start, end, skeleton, locale=locale_now()).replace("\u2009", " ")


_SHORT_PERIODS: ContextVar[bool] = ContextVar("short_periods", default=False)


@contextmanager
def short_periods() -> Iterator[None]:
    """While it lasts, a :class:`PeriodName` of several days is named in its short form
    (:func:`format_day_range_short`): a card renders its caveat so when the long form does not fit, rather than cut
    the period ("iz naročil: 1. maj –…", sl 1920 × 1080)."""
    token = _SHORT_PERIODS.set(True)
    try:
        yield
    finally:
        _SHORT_PERIODS.reset(token)


def format_day_month(value: Any) -> str:
    """A day of a month, without the year: ``31 Mar`` in English, ``31. mar.`` (sl), ``31 mars`` (sv)."""
    if is_english(locale_now()):
        d = _as_datetime(value)
        return f"{d.day} {month_names()[d.month - 1]}"
    return _skeleton("MMMd", value)


def format_month(value: Any, width: str = "abbreviated") -> str:
    """A month and its year: ``Oct 2026``, ``okt. 2026`` (sl), ``oct. 2026`` (ro), ``окт 2026.`` (sr);
    ``width="wide"`` writes it in full (``October 2026``, ``oktober 2026``).

    >>> format_month(date(2026, 10, 1)), format_month(date(2026, 10, 1), "wide")
    ('Oct 2026', 'October 2026')
    """
    return _skeleton("yMMMM" if width == "wide" else "yMMM", value)


def format_time(hour: int, minute: int = 0) -> str:
    """A time of day on the 24-hour clock as the language writes it (``08:00``)."""
    if is_english(locale_now()):
        return f"{hour:02d}:{minute:02d}"
    return _skeleton("Hm", datetime(2000, 1, 1, hour, minute))


NO_BREAK = "\u00a0"
#: U+2060 WORD JOINER, after a range's dash: Unicode's line breaking (UAX #14, as Qt and LibreOffice apply it) may
#: break after an en dash even before a no-break space ("May\xa0–| Oct"), and a word joiner forbids it.
WORD_JOINER = "\u2060"


def keep_dates_whole(text: str) -> str:
    """``text`` with no-break spaces inside the days, months and times of day it names, for a word-wrapped
    caption: a card's line breaks between words, never inside "31. okt. 2026" or before the "08:00" of
    "ob 08:00" (shots 22_all_cards sl: "na dan 31. okt. / 2026"). A span of days keeps its dash at the end of a
    line; a short range is never broken: months ("мај–окт 2026.", "May – Oct 2026") and any range written with
    a bare dash ("1. maj–30. okt.", "08:00–08:59") carry a word joiner after it.
    Exported text (CSV, JSON, workbooks) keeps its plain spaces: only a laid-out caption calls this.

    >>> keep_dates_whole("as of 31 Oct 2026, measured at 08:00; 1 May – 31 Oct 2026")
    'as of 31\xa0Oct\xa02026, measured at\xa008:00; 1\xa0May\xa0– 31\xa0Oct\xa02026'
    >>> [(w.count(" "), w.count(WORD_JOINER)) for w in map(keep_dates_whole, ("May – Oct 2026", "мај–окт 2026."))]
    [(0, 1), (1, 1)]
    """
    for pattern, glued in _date_spaces(str(locale_now())):
        text = pattern.sub(lambda m: m[0].replace(" ", NO_BREAK) if glued else m[0], text)
    return re.sub(r"(?<![ \n])\u2013(?=\w|\u00a0\w)", "\u2013" + WORD_JOINER, text)  # мај–окт, 08:00–08:59, May – Oct


@lru_cache(maxsize=None)
def _date_spaces(locale: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    names = {name for width in ("abbreviated", "wide") for context in ("format", "stand-alone")
             for name in get_month_names(width, context=context, locale=locale).values()}
    names |= set(month_names()) | set(month_names("wide"))
    month = "|".join(sorted((re.escape(n.rstrip(".")) for n in names if n), key=len, reverse=True))
    return ((re.compile(rf"(?<![\w.])(?:{month})\.?(?: \d{{4}}\.?)? \u2013 (?:{month})\.?(?: \d{{4}}\.?)?(?!\w)"), True),  # May – Oct 2026
            (re.compile(rf"(?<![\w.])\d{{1,2}}\.? (?:{month})\.?(?: \d{{4}}\.?)?(?!\w)"), True),     # 31. okt. 2026
            (re.compile(rf"(?<!\w)(?:{month})\.? \d{{4}}\b"), True),                              # okt. 2026
            (re.compile(r"(?<!\w)Q[1-4] \d{4}\b"), True),                                         # Q2 2026
            (re.compile(r"\S+ \d{1,2}:\d{2}\b"), True),                                           # ob 08:00
            (re.compile(r"\S \u2013"), True))                                                     # 1 May – 31 Oct


def format_period(start: Any, by: str) -> str:
    """A period as a slide or a chart names it: ``Mar 2026``, ``Q2 2026``, ``2026``, ``week of 4 May``, ``4 May 2026``.

    >>> format_period(date(2026, 4, 1), "quarter"), format_period(date(2026, 5, 4), "week")
    ('Q2 2026', 'week of 4 May')
    """
    if by == "month":
        return format_month(start)
    if by == "quarter":
        return _skeleton("yQQQ", start)
    if by == "year":
        return str(_as_datetime(start).year)
    if by == "week":
        return _("week of {day}", day=format_day_month(start))
    return format_day(start)


@dataclass(frozen=True)
class PeriodName:
    """A period kept as its dates and named when it is shown, in the language of the moment: a value a
    result computed once carries into a :class:`~metrics_core.i18n.Message` or its details, read in the
    window's language and in a report's (JSON: :meth:`english`).

    >>> str(PeriodName(date(2024, 2, 1), "month")), str(PeriodName(date(2024, 3, 1), "day", date(2024, 3, 14)))
    ('Feb 2024', '1 Mar – 14 Mar 2024')
    >>> from metrics_core.i18n import language
    >>> with language("sl"):
    ...     str(PeriodName(date(2024, 2, 1), "month")), str(PeriodName(date(2024, 3, 1), "day"))
    ('feb. 2024', '1. mar. 2024')
    """

    start: date
    by: str = "day"                  # "day", "week", "month", "quarter" or "year"
    end: date | None = None          # a span of days, ``start`` to ``end``

    @classmethod
    def of_days(cls, first: date, last: date) -> "PeriodName":
        """The days ``first`` to ``last``: named as their month when they are one whole calendar month."""
        if first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.year, first.month) == (last.year, last.month):
            return cls(first, "month")
        return cls(first, "day", last) if last != first else cls(first, "day")

    def __str__(self) -> str:
        if self.end is not None:
            return (format_day_range_short if _SHORT_PERIODS.get() else format_day_range)(self.start, self.end)
        return format_period(self.start, self.by)

    def english(self) -> str:
        from metrics_core.i18n import language
        with language("en"):
            return str(self)

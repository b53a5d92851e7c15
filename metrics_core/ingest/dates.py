"""Dates and date-times: the format is found on a sample, then the whole column is parsed with it.

Day-first versus month-first is decided from the whole column: a value that only
fits one order decides; when none does, the caller's hint (or day-first) is used
and the column is marked ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import numeric_dates
from .column_dtypes import strings_of
from .header_analysis import analyse_header
from .missing import Parsed
from ..i18n import N_, Message

_OFFSET_RE = re.compile(r"(\s*)(Z|[+-]\d{2}:?\d{2})$")
# Time zones written as names after a time, as Google Forms/Sheets and mail clients write them
# ("10:15:00 AM GMT+1", "10:15 CET", "14:00 UTC+02:00"): turned into numeric offsets before parsing.
_ZONE_OFFSETS = {"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "MET": 60, "CEST": 120,
                 "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180}
_ZONE_RE = re.compile(r"(?:(?<=\d)|(?<=[AaPp][Mm]))(\s+)(?:(?:GMT|UTC)\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
                      r"|(?P<name>" + "|".join(sorted(_ZONE_OFFSETS, key=len, reverse=True)) + r"))$")
_TIME_RE = re.compile(
    r"(?P<sep>[ T]+|,\s*)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?P<f>[.,]\d{1,9})?)?"
    r"(?:(?P<psep>\s*)(?P<p>[AaPp][Mm]))?$"
)
_YMD_RE = re.compile(r"(\d{4})([-/.])\d{1,2}\2\d{1,2}")
_NUMERIC_RE = re.compile(r"(\d{1,2})([-/]|\.\s?)(\d{1,2})\2(\d{4}|\d{2})(\.?)")
_DAY_MON_RE = re.compile(r"\d{1,2}([-/. ]+)([A-Za-z]{3,9})\.?([-/. ,]+)(\d{4}|\d{2})(\.?)")
_MON_DAY_RE = re.compile(r"([A-Za-z]{3,9})(\.?\s+)\d{1,2}(,?\s+)(\d{4})")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_COMPACT_RE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
MIN_SHARE = 0.6             # share of the sample that must read as dates (unless forced)
# Month names of our users' languages that English %b/%B does not know: every CLDR name and
# abbreviation of Slovenian, Romanian, Swedish and Serbian (Cyrillic and Latin), the genitive forms
# dates are written with ("31. marca 2021", "15. марта 2024"), and Portuguese and Spanish ones.
_LOCAL_MONTHS: dict[str, str] = {}
for _english, _words in (
    ("Jan", "januar januari ianuarie ian januarja januara јан јануар јануара ene enero janeiro"),
    ("Feb", "februar februari februarie februarja februara феб фебруар фебруара fev fevereiro febrero"),
    ("Mar", "marec mars martie mart marca marta мар март марта março marzo"),
    ("Apr", "april aprilie aprila апр април априла abr abril"),
    ("May", "maj mai maja мај маја maio mayo"),
    ("Jun", "junij juni iunie iun junija juna јун јуна junho junio"),
    ("Jul", "julij juli iulie iul julija jula јул јула julho julio"),
    ("Aug", "avgust augusti avg avgusta авг август августа ago agosto"),
    ("Sep", "sept septembrie septembar septembra сеп септембар септембра set setembro septiembre"),
    ("Oct", "okt oktober octombrie oktobar oktobra окт октобар октобра out outubro octubre"),
    ("Nov", "noi noiembrie novembar novembra нов новембар новембра novembro noviembre"),
    ("Dec", "decembrie decembar decembra дец децембар децембра dez dezembro dic diciembre"),
):
    _LOCAL_MONTHS.update({w: _english for w in _words.split()})
# Morning and afternoon as the languages write them after a time: a.m./p.m. (ro), dop./pop. (sl),
# fm/em (sv), пре подне/по подне and pre podne/po podne (sr).
_DAY_HALF_RE = re.compile(
    r"(?i)(\d{1,2}:\d{2}(?::\d{2})?)\s*(a\.\s?m\.|p\.\s?m\.|dop\.|pop\.|dopoldne|popoldne|f\.m\.|e\.m\.|fm|em|"
    r"пре подне|по подне|прије подне|pre podne|po podne|prije podne)$"
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_MORNING = ("a", "dop", "f", "пре", "прије", "pre", "prije")
_LOCAL_MONTH_RE = re.compile(
    r"(?i)(?<![^\W\d_])(" + "|".join(sorted(_LOCAL_MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])"
)


def _month_directive(name: str) -> str:
    return "%b" if len(name) == 3 else "%B"


def _date_part_formats(text: str, allow_compact: bool) -> tuple[str, str] | None:
    """(day-first format, month-first format) of a date without its time; equal when the order is fixed."""
    if m := _YMD_RE.fullmatch(text):
        fmt = "%Y{0}%m{0}%d".format(m.group(2))
        return fmt, fmt
    if m := _NUMERIC_RE.fullmatch(text):
        sep, year = m.group(2), "%Y" if len(m.group(4)) == 4 else "%y"
        tail = m.group(5)
        return f"%d{sep}%m{sep}{year}{tail}", f"%m{sep}%d{sep}{year}{tail}"
    if m := _DAY_MON_RE.fullmatch(text):
        year = "%Y" if len(m.group(4)) == 4 else "%y"
        dot = "." if text[m.end(2)] == "." else ""
        fmt = f"%d{m.group(1)}{_month_directive(m.group(2))}{dot}{m.group(3)}{year}{m.group(5)}"
        return fmt, fmt
    if m := _MON_DAY_RE.fullmatch(text):
        fmt = f"{_month_directive(m.group(1))}{m.group(2)}%d{m.group(3)}%Y"
        return fmt, fmt
    if allow_compact and _COMPACT_RE.fullmatch(text):
        return "%Y%m%d", "%Y%m%d"
    return None


def formats_of(text: str, allow_compact: bool = False) -> tuple[str, str] | None:
    """The strptime formats (day-first, month-first) that fit one date text, or ``None``.

    >>> formats_of("29-02-2016 01:16")
    ('%d-%m-%Y %H:%M', '%m-%d-%Y %H:%M')
    >>> formats_of("25/Feb/26 10:17 PM")[0]
    '%d/%b/%y %I:%M %p'
    >>> formats_of("2012-01-01 11:13:25 -0500")[0]
    '%Y-%m-%d %H:%M:%S %z'
    """
    rest, zone = text, ""
    if (off := _OFFSET_RE.search(text)) and re.search(r"\d:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp][Mm])?$", text[: off.start()]):
        rest, zone = text[: off.start()], off.group(1) + "%z"
    clock = ""
    if t := _TIME_RE.search(rest):
        hour = "%I" if t.group("p") else "%H"
        clock = t.group("sep") + hour + ":%M"
        if t.group("s"):
            clock += ":%S" + (t.group("f")[0] + "%f" if t.group("f") else "")
        if t.group("p"):
            clock += t.group("psep") + "%p"
        rest = rest[: t.start()]
    elif zone:
        return None
    date_formats = _date_part_formats(rest, allow_compact and not clock)
    if date_formats is None:
        return None
    return date_formats[0] + clock + zone, date_formats[1] + clock + zone


def _english_months(text: pd.Series) -> pd.Series:
    """Local month names ("maj", "okt", "марта", "martie") and a.m./p.m. words replaced by English ones, when the sample has any.

    >>> _english_months(pd.Series(["23. okt. 2026", "1 martie 2026"])).tolist()
    ['23. Oct. 2026', '1 Mar 2026']
    >>> _english_months(pd.Series(["15. марта 2024 10:15 по подне"])).tolist()
    ['15. Mar 2024 10:15 PM']
    """
    def english(value: str) -> str:
        value = _DAY_HALF_RE.sub(_english_day_half, value)
        return _LOCAL_MONTH_RE.sub(lambda m: _LOCAL_MONTHS[m.group(1).lower()], value)

    sample = [v for v in _sample(text) if len(v) <= 40]
    if not _LETTER_RE.search("".join(sample)):     # month names and day halves are words
        return text
    translated = [english(v) for v in sample if _LOCAL_MONTH_RE.search(v) or _DAY_HALF_RE.search(v)]
    if not translated or sum(formats_of(v) is not None for v in translated) < 0.5 * len(sample):
        return text
    return text.map(english)


def _numeric_zones(text: pd.Series) -> pd.Series:
    """Zone names after a time (``GMT+1``, ``CET``, ``EEST``, ``UTC``) as numeric offsets, when the sample has any.

    >>> _numeric_zones(pd.Series(["2021/03/04 10:15:00 AM GMT+1", "2021/07/04 9:00 EEST", "2021/03/04 10:15 UTC"])).tolist()
    ['2021/03/04 10:15:00 AM +0100', '2021/07/04 9:00 +0300', '2021/03/04 10:15 +0000']
    """
    if not any(_ZONE_RE.search(v) for v in _sample(text, 50) if isinstance(v, str)):
        return text
    return text.str.replace(_ZONE_RE, _zone_offset, regex=True)


def _zone_offset(m: re.Match) -> str:
    if m.group("name"):
        minutes = _ZONE_OFFSETS[m.group("name")]
    else:
        minutes = int(m.group("h")) * 60 + int(m.group("m") or 0)
        minutes = -minutes if m.group("sign") == "-" else minutes
    sign = "-" if minutes < 0 else "+"
    return f"{m.group(1)}{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _english_day_half(m: re.Match) -> str:
    """``10:15 p.m.`` / ``10:15 по подне`` -> ``10:15 PM``."""
    word = m.group(2).lower()
    return m.group(1) + (" AM" if word.startswith(_MORNING) and not word.startswith("po") else " PM")


def _to_datetime(text: pd.Series, fmt: str) -> pd.Series:
    """``pandas.to_datetime(text, format=fmt, errors="coerce")``; other all-digit formats than
    pandas' quick ISO ones (year first) are parsed faster by :mod:`.numeric_dates`."""
    if not fmt.startswith("%Y") and (parsed := numeric_dates.to_datetime(text, fmt)) is not None:
        return parsed
    return pd.to_datetime(text, format=fmt, errors="coerce", utc="%z" in fmt)


def _wall_time(parsed_utc: pd.Series, raw: pd.Series) -> tuple[pd.Series, str]:
    """Naive local wall times from UTC-aware ones: each value keeps the clock time it was written with.

    A shop that observes summer time exports ``-0500`` in winter and ``-0400`` in summer;
    converting both to UTC would move every summer order by an hour in the peak-hours
    and per-day views, so the offset of each value is added back, not a common zone.
    """
    offsets = raw.str.extract(_OFFSET_RE, expand=True)[1].fillna("+0000")
    offsets = offsets.str.replace(":", "", regex=False).str.replace("Z", "+0000", regex=False)
    distinct = sorted(pd.unique(offsets.to_numpy()))
    sign = np.where(offsets.str[0] == "-", -1, 1)
    minutes = sign * (offsets.str[1:3].astype(int) * 60 + offsets.str[3:5].astype(int))
    wall = parsed_utc.dt.tz_convert("UTC").dt.tz_localize(None) + pd.to_timedelta(minutes.to_numpy(), unit="m")
    if len(distinct) == 1:
        return wall, f"UTC offset {distinct[0]} dropped (local time kept)"
    return wall, f"UTC offsets {', '.join(distinct)} dropped (each value's local time kept)"


def _sample(text: pd.Series, size: int = 400) -> list[str]:
    values = text.to_numpy(dtype=object)[_picks(len(text), size)]
    return list(dict.fromkeys(values.tolist()))


def _picks(n_values: int, size: int) -> slice | np.ndarray:
    """The positions of the values :func:`_sample` looks at: ``size`` spread evenly, or all."""
    return np.linspace(0, n_values - 1, size).astype(int) if n_values > size else slice(None)


def _may_be_date(text: str, allow_compact: bool) -> bool:
    """False for a text :func:`formats_of` cannot read: without letters, at most one character
    besides the digits 0-9 (every format but the compact one needs two separators or a month name).
    """
    rest = text.translate(_NO_DIGITS)
    return len(rest) > 1 or rest.isalpha() or (allow_compact and not rest)


def _best_formats(text: pd.Series, allow_compact: bool) -> tuple[list[tuple[str, str]], float]:
    sample = _sample(text)
    found = [f for f in (formats_of(v, allow_compact) for v in sample if _may_be_date(v, allow_compact))
             if f is not None]
    share = len(found) / len(sample) if sample else 0.0
    return [f for f, _ in Counter(found).most_common()], share


class _OrderDecision:
    """Day/month order shared by all formats of one column; ``read(text, fmt)`` parses (``_to_datetime``)."""

    def __init__(self, hint: bool | None, read: Callable[[Any, str], pd.Series] = _to_datetime) -> None:
        self.hint = hint
        self.read = read
        self.dayfirst: bool | None = None
        self.ambiguous = ""

    def parse(self, text: Any, formats: tuple[str, str]) -> tuple[pd.Series, str]:
        first, second = formats
        if first == second:
            return self.read(text, first), first
        if self.dayfirst is not None:
            fmt = first if self.dayfirst else second
            return self.read(text, fmt), fmt
        by_day = self.read(text, first)
        if by_day.notna().all():
            if (by_day.dt.day > 12).any():
                self.dayfirst = True
                return by_day, first
            # every value has day and month <= 12, so month-first fits every value as well
            self._undecided()
            return (by_day, first) if self.dayfirst else (self.read(text, second), second)
        by_month = self.read(text, second)
        n_day, n_month = int(by_day.notna().sum()), int(by_month.notna().sum())
        day_only = bool((by_day.dt.day > 12).any())
        month_only = bool((by_month.dt.month.notna() & by_day.isna()).any())
        if day_only and month_only:
            self.dayfirst = n_day >= n_month if n_day != n_month or self.hint is None else self.hint
            self.ambiguous = Message(
                N_("Some dates only fit day-first and others only month-first; day-first used and the others not read.")
                if self.dayfirst else
                N_("Some dates only fit day-first and others only month-first; month-first used and the others not read."))
        elif n_day != n_month:
            self.dayfirst = n_day > n_month
        else:
            self._undecided()
        return (by_day, first) if self.dayfirst else (by_month, second)

    def _undecided(self) -> None:
        self.dayfirst = True if self.hint is None else self.hint
        self.ambiguous = Message(UNDECIDED[(self.dayfirst, self.hint is not None)])


#: (day first, chosen by the user) -> what a column of dates that could be read either way was read as.
UNDECIDED = {
    (True, False): N_("No date decides whether the day or the month comes first; day-first assumed."),
    (False, False): N_("No date decides whether the day or the month comes first; month-first assumed."),
    (True, True): N_("No date decides whether the day or the month comes first; day-first as chosen."),
    (False, True): N_("No date decides whether the day or the month comes first; month-first as chosen."),
}


def parse_dates(text: pd.Series, *, dayfirst: bool | None = None, header: str = "", min_share: float = MIN_SHARE,
                force: bool = False) -> Parsed | None:
    """Parse date texts; ``None`` when the column does not look like dates.

    >>> parse_dates(pd.Series(["04-08-15", "22-04-15"])).values.dt.strftime("%Y-%m-%d").tolist()
    ['2015-08-04', '2015-04-22']
    """
    text = _numeric_zones(_english_months(text))
    allow_compact = analyse_header(header).date or (
        all(_COMPACT_RE.fullmatch(v) for v in _sample(text)) and bool(text.str.fullmatch(_COMPACT_RE.pattern).all()))
    formats, share = _best_formats(text, allow_compact)
    if not formats or (share < min_share and not force):
        return None
    result = np.full(len(text), np.datetime64("NaT", "us"), dtype="datetime64[us]")
    order, used, notes, tz_seen = _OrderDecision(dayfirst), [], [], False
    remaining, where = text, np.arange(len(text))     # texts not parsed yet and their positions
    for _round in range(4):
        for pair in formats[:3]:
            if remaining.empty:
                break
            parsed, fmt = order.parse(remaining, pair)
            good = parsed.notna().to_numpy()
            if not good.any():
                continue
            if "%z" in fmt:
                parsed, note = _wall_time(parsed[good], remaining[good])
                tz_seen, notes = True, notes + [note]
            elif not good.all():
                parsed = parsed[good]
            used.append(fmt)
            if len(where) == len(result) and good.all():
                result = parsed.to_numpy(dtype="datetime64[us]")     # every text parsed at once
            else:
                result[where[good]] = parsed.to_numpy(dtype="datetime64[us]")
            remaining, where = remaining[~good], where[~good]
        if remaining.empty:
            break
        formats, _ = _best_formats(remaining, allow_compact)
        formats = [f for f in formats if f[0] not in used and f[1] not in used]
        if not formats:
            break
    return _parsed(pd.Series(result, index=text.index), order, used, notes, tz_seen)


def _parsed(result: pd.Series, order: _OrderDecision, used: list[str], notes: list[str], tz_seen: bool) -> Parsed:
    order_text = {True: "day-first", False: "month-first", None: ""}[order.dayfirst]
    detail = "; ".join([s for s in [order_text, " | ".join(dict.fromkeys(used))] if s] + notes)
    return Parsed("datetime", result, result.notna(), detail=detail, dayfirst=order.dayfirst,
                  date_format=used[0] if len(set(used)) == 1 else None, tz_offset=tz_seen, ambiguous=order.ambiguous)


def parse_date_bytes(present: np.ndarray, *, dayfirst: bool | None = None, header: str = "") -> Parsed | None:
    """:func:`parse_dates` of the present values of a column held as UTF-8 bytes (``S<width>``: the text parser's
    timestamps, none empty, none needing clean-up), without making a string of every value: when the column's
    sample settles one format without a UTC offset and every value reads in it (by :mod:`.numeric_dates` on the
    bytes, pandas for the values it leaves), the answer :func:`parse_dates` gives their strings. ``None`` when that
    is not so, or not sure: the caller then parses the strings.

    >>> values = np.array([f"2024-03-{d:02d} 10:{m:02d}:00" for d in range(1, 29) for m in range(60)], dtype="S19")
    >>> parsed = parse_date_bytes(values)
    >>> parsed.detail, str(parsed.values.iloc[-1]), bool(parsed.ok.all())
    ('%Y-%m-%d %H:%M:%S', '2024-03-28 10:59:00', True)
    """
    sample = pd.Series(strings_of(present[_picks(len(present), 400)])[0], dtype=object)
    zones = pd.Series(strings_of(present[_picks(len(present), 50)])[0], dtype=object)
    about = analyse_header(header)
    if _english_months(sample) is not sample or _numeric_zones(zones) is not zones or \
            (not about.date and all(_COMPACT_RE.fullmatch(v) for v in _sample(sample))):
        return None             # (month names, zone names or compact dates: the strings' way)
    formats, share = _best_formats(sample, about.date)
    if not formats or share < MIN_SHARE or "%z" in formats[0][0]:
        return None
    order = _OrderDecision(dayfirst, read=_bytes_to_datetime)
    parsed, fmt = order.parse(present, formats[0])
    if not parsed.notna().all():
        return None
    return _parsed(pd.Series(parsed.to_numpy(dtype="datetime64[us]")), order, [fmt], [], False)


def _bytes_to_datetime(texts: np.ndarray, fmt: str) -> pd.Series:
    """``pandas.to_datetime`` of the strings of ``texts`` (bytes) with ``fmt``, ``NaT`` where they do not fit."""
    fast = numeric_dates.parse_bytes(texts, fmt)
    stamps, done = fast if fast is not None else (np.full(len(texts), np.datetime64("NaT", "us")),
                                                   np.zeros(len(texts), dtype=bool))
    if not done.all():
        rest = pd.to_datetime(strings_of(texts[~done])[0], format=fmt, errors="coerce")
        stamps[~done] = rest.to_numpy(dtype="datetime64[us]")
    return pd.Series(stamps, copy=False)


def from_excel_serial(numbers: pd.Series) -> Parsed:
    """Excel serial day numbers (days since 1899-12-30) as datetimes.

    >>> from_excel_serial(pd.Series([45000.5])).values.iloc[0]
    Timestamp('2023-03-15 12:00:00')
    """
    ok = numbers.between(1, 2958465)
    stamps = _EXCEL_EPOCH + pd.to_timedelta(numbers.where(ok) * 86400.0, unit="s").dt.round("s")
    return Parsed("datetime", stamps.astype("datetime64[us]"), ok, detail="Excel serial day numbers")


def looks_like_serials(numbers: pd.Series) -> bool:
    """True when numbers are plausible Excel dates (1927–2119)."""
    return bool(len(numbers)) and bool(numbers.between(10000, 80000).all())


def from_native(values: pd.Series) -> Parsed:
    """Workbook date / date-time cells."""
    stamps = pd.to_datetime(values.astype(object), errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    stamps = stamps.astype("datetime64[us]")
    return Parsed("datetime", stamps, stamps.notna(), detail="workbook dates")

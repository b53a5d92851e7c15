"""Durations (to seconds) and times of day (to seconds after midnight).

The unit of a plain number comes from the header ("in minutes", "(in hrs)",
"(seconds)", "ms", "sekunde", "timmar" …, see :mod:`.header_analysis`) or, for
duration columns without one, from the values (Zoho milliseconds, Excel day fractions).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from .header_analysis import analyse_header
from .missing import Parsed

_AMPM_RE = r"^\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp][Mm]$"
_CLOCK3_RE = r"^-?(?:\d+\s+days?,?\s+)?\d{1,4}:\d{2}:\d{2}(?:\.\d+)?$"
_CLOCK2_RE = r"^-?\d{1,4}:\d{2}$"
_CLOCK_SIGN_RE = re.compile(r"[^\W\d_]|:")     # a letter or a colon: each clock pattern here needs one
_WORDED_RE = (r"(?i)^-?(?:\d+(?:[.,]\d+)?\s*(?:d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b\s*)+$")


def _seconds(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds().astype("float64")


def _time_of_day(text: pd.Series) -> pd.Series:
    normal = text.str.upper().str.replace(r"\s*([AP]M)$", r" \1", regex=True)
    stamps = pd.to_datetime(normal, format="%I:%M:%S %p", errors="coerce")
    short = stamps.isna()
    if short.any():
        stamps[short] = pd.to_datetime(normal[short], format="%I:%M %p", errors="coerce")
    return _seconds(stamps - stamps.dt.normalize())


def _two_part(text: pd.Series, minutes_seconds: bool) -> pd.Series:
    negative = text.str.startswith("-")
    parts = text.str.lstrip("-").str.split(":", n=1, expand=True)
    big, small = (pd.to_numeric(parts[i], errors="coerce") for i in (0, 1))
    seconds = big * 60 + small if minutes_seconds else big * 3600 + small * 60
    seconds = seconds.where(small < 60)
    return seconds.where(~negative, -seconds).astype("float64")


def _worded_seconds(text: pd.Series) -> pd.Series:
    """Seconds of "2h 30m", "45 min", "1 day 3 hours" (checked against the pattern first)."""
    normal = text.str.lower().str.replace(",", ".", regex=False).where(text.str.match(_WORDED_RE))
    normal = normal.str.replace(r"(\d)\s*d(?:ays?)?\b", r"\1 days ", regex=True)
    return _seconds(pd.to_timedelta(normal, errors="coerce"))


def _spread_over_a_day(seconds: pd.Series) -> bool:
    """Clock values that look like moments of a day: all within 24 h, typically hours apart."""
    if seconds.empty or not seconds.between(0, 86400, inclusive="left").all():
        return False
    return (seconds // 3600).nunique() >= 4 and seconds.median() >= 3 * 3600


def _clock_seconds(text: pd.Series, minutes_seconds: bool, all_three: bool) -> tuple[pd.Series, pd.Series]:
    """Seconds of H:MM:SS and two-part clock texts; also which values had two parts."""
    colons = text.str.count(":")
    three, two = colons.eq(2), colons.eq(1)
    values = pd.Series(np.nan, index=text.index, dtype="float64")
    if three.any():
        clocks = text[three]
        if not all_three:
            clocks = clocks.where(clocks.str.match(_CLOCK3_RE))
        if "," in "".join(clocks.dropna()):
            clocks = clocks.str.replace(r"(days?),", r"\1", regex=True).str.replace(",", ".", regex=False)
        values[three] = _seconds(pd.to_timedelta(clocks, errors="coerce"))
    if two.any():
        values[two] = _two_part(text[two], minutes_seconds)
    return values, two


def parse_clock(text: pd.Series, header: str = "", *, force: str | None = None) -> Parsed | None:
    """Clock texts ("0:05:23", "-1:30", "1 day 02:03:04", "3:53:50 PM", "2h 30m") as seconds.

    ``None`` when the texts are not clocks.

    >>> parse_clock(pd.Series(["0:02:14", "0:05:23"]), "Avg Talk").values.tolist()
    [134.0, 323.0]
    >>> parse_clock(pd.Series(["3:53:50 PM"]), "Time").values.tolist()
    [57230.0]
    >>> parse_clock(pd.Series(["2h 30m", "45 min"]), "Time spent").values.tolist()
    [9000.0, 2700.0]
    """
    sample = text if len(text) <= 400 else text.iloc[np.linspace(0, len(text) - 1, 400).astype(int)]
    if force is None and not _CLOCK_SIGN_RE.search("".join(map(str, sample.to_numpy(dtype=object)))):
        return None         # every clock has a colon and every worded duration a letter
    shares = {name: sample.str.match(rx).mean() for name, rx in
              (("ampm", _AMPM_RE), ("three", _CLOCK3_RE), ("two", _CLOCK2_RE), ("worded", _WORDED_RE))}
    if force is None and sum(shares.values()) < 0.6:
        return None
    if shares["ampm"] >= max(shares["three"], shares["two"], shares["worded"]) and shares["ampm"] > 0:
        values = _time_of_day(text)
        return Parsed("time", values, values.notna(), detail="time of day, 12-hour clock")
    if shares["worded"] > max(shares["three"], shares["two"]):
        values = _worded_seconds(text)
        return Parsed("duration", values, values.notna(), detail="durations with units (h, min, s)", unit="s")
    about = analyse_header(header)
    minutes_seconds = about.minutes_seconds
    values, two = _clock_seconds(text, minutes_seconds, shares["three"] == 1)
    wants_time = force == "time" or (force is None and about.time_of_day)
    if wants_time and values.dropna().between(0, 86400, inclusive="left").all():
        return Parsed("time", values, values.notna(), detail="time of day, 24-hour clock")
    if force is None and not about.duration and _spread_over_a_day(values.dropna()):
        return Parsed("time", values, values.notna(), detail="time of day (from values)")
    detail, ambiguous = "H:MM:SS", ""
    if two.any():
        detail = "MM:SS" if minutes_seconds else "H:MM"
        if not (shares["three"] or about.names_hours or minutes_seconds):
            ambiguous = "Values like '1:30' were read as hours:minutes; choose minutes:seconds if that is wrong."
    return Parsed("duration", values, values.notna(), detail=detail, unit="s", ambiguous=ambiguous)


def from_numbers(numbers: pd.Series, header: str, *, force: bool = False) -> Parsed | None:
    """Plain numbers as durations when the header names a unit or a duration; ``None`` otherwise.

    >>> from_numbers(pd.Series([108960000.0]), "Total Time Spent").values.tolist()
    [108960.0]
    """
    about = analyse_header(header)
    ok = numbers.notna()
    if about.unit is not None and (force or about.duration):
        return Parsed("duration", numbers * about.unit_seconds, ok, detail=f"{about.unit} (from header)",
                      unit=about.unit)
    if not (force or about.duration):
        return None
    present = numbers.dropna()
    if len(present) and present.between(0, 1).all() and (present % 1 != 0).any():
        return Parsed("duration", (numbers * 86400.0).round(3), ok, detail="Excel day fractions (from values)", unit="days")
    if len(present) and (present % 1 == 0).all() and present.median() >= 10000:
        return Parsed("duration", numbers / 1000.0, ok, detail="milliseconds (from values)", unit="ms")
    return Parsed("duration", numbers.astype("float64"), ok, detail="seconds (assumed)", unit="s",
                  ambiguous="The header names no unit; the numbers were read as seconds.")


def from_native(values: pd.Series, header: str, *, force: str | None = None) -> Parsed:
    """Workbook time-of-day, timedelta and (Excel 1900-based) datetime cells as seconds."""

    def seconds_of(cell: object) -> float:
        if isinstance(cell, dt.timedelta):
            return cell.total_seconds()
        if isinstance(cell, dt.time):
            return cell.hour * 3600 + cell.minute * 60 + cell.second + cell.microsecond / 1e6
        if isinstance(cell, dt.datetime):
            return (cell - dt.datetime(1899, 12, 30)).total_seconds()
        return float("nan")

    seconds = values.map(seconds_of).astype("float64")
    has_delta = values.map(lambda c: isinstance(c, dt.timedelta)).any()
    wants_time = force == "time" or (force is None and not has_delta and not analyse_header(header).duration)
    if wants_time and seconds.dropna().between(0, 86400, inclusive="left").all():
        return Parsed("time", seconds, seconds.notna(), detail="workbook times of day")
    return Parsed("duration", seconds, seconds.notna(), detail="workbook durations", unit="s")

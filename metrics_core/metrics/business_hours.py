"""Business-hours calendar: count only the open seconds between two timestamps.

Helpdesks measure first response and resolution in business hours (weekdays,
opening hours, holidays). :class:`BusinessCalendar` does that for whole columns
at once: the open seconds between ``start`` and ``end`` are

``business_days_between(day(start), day(end)) × open_seconds_per_day
+ open_seconds_before(end within its day) − open_seconds_before(start within its day)``

where ``business_days_between`` is :func:`numpy.busday_count` (weekday mask and
holiday list), so a million rows take one vectorised pass.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..deferred import np
from ..deferred import pd

from ..i18n import N_, Message
from ..errors import ParameterError
from ..formatting import quoted

_DAY_S = 86_400
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CALENDAR_KEYS = ("weekdays", "opens", "closes", "holidays", "tz")
HOURS_EXAMPLE = "Mon-Fri 08:00-16:00"
CALENDAR_EXAMPLE = '{"weekdays": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00", "holidays": ["2026-12-25"]}'
_HOURS = re.compile(r"^\s*(?P<days>.*?)\s+(?P<opens>\d{1,2}(?::\d{2}){0,2})\s*[-–]\s*(?P<closes>\d{1,2}(?::\d{2}){0,2})\s*$")


NOT_A_CLOCK_TIME = {"opening": N_("The opening time {text} is not a clock time like 08:00."),
                    "closing": N_("The closing time {text} is not a clock time like 08:00.")}
OUT_OF_DAY = {"opening": N_("The opening time {text} is not a clock time between 00:00 and 24:00."),
              "closing": N_("The closing time {text} is not a clock time between 00:00 and 24:00.")}


def _clock_seconds(text: str | dt.time, what: str) -> int:
    """Seconds after midnight of ``"08:00"``, ``"8:30"``, ``"24:00"`` or a :class:`datetime.time`;
    ``what`` is ``"opening"`` or ``"closing"``."""
    if isinstance(text, dt.time):
        return text.hour * 3600 + text.minute * 60 + text.second
    parts = str(text).strip().split(":")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if not 1 <= len(numbers) <= 3:
        raise ParameterError(Message(NOT_A_CLOCK_TIME[what], dict(text=quoted(str(text)))))
    h, m, s = (numbers + [0, 0])[:3]
    total = h * 3600 + m * 60 + s
    if not (0 <= m < 60 and 0 <= s < 60 and 0 <= total <= _DAY_S):
        raise ParameterError(Message(OUT_OF_DAY[what], dict(text=quoted(str(text)))))
    return total


@dataclass(frozen=True)
class BusinessCalendar:
    """Open days, opening hours and holidays.

    Parameters
    ----------
    weekdays
        Open weekdays, Monday = 0 … Sunday = 6.
    opens, closes
        Opening and closing time of an open day, ``"HH:MM"`` (``closes`` may be ``"24:00"``).
    holidays
        Dates on which the business is closed.
    tz
        Time zone of the opening hours. Time-zone-aware timestamps are converted
        to it; naive timestamps are taken as already being local time.

    Examples
    --------
    >>> cal = BusinessCalendar(opens="08:00", closes="16:00")
    >>> float(cal.seconds_between(pd.Timestamp("2024-03-01 15:00"), pd.Timestamp("2024-03-04 09:00"))[0])
    7200.0
    """

    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    opens: str = "08:00"
    closes: str = "16:00"
    holidays: tuple[dt.date, ...] = field(default=())
    tz: str | None = None

    def __init__(self, weekdays: Iterable[int] = (0, 1, 2, 3, 4), opens: str = "08:00", closes: str = "16:00",
                 holidays: Iterable[Any] = (), tz: str | None = None) -> None:
        days = frozenset(_weekday_number(d) for d in weekdays)
        if not days or not days <= set(range(7)):
            raise ParameterError(Message('Open weekdays must be numbers from 0 (Monday) to 6 (Sunday), at least one.'))
        open_s, close_s = _clock_seconds(opens, "opening"), _clock_seconds(closes, "closing")
        if close_s <= open_s:
            raise ParameterError(Message("The closing time {closes} must be later than the opening time {opens}.", dict(closes=closes, opens=opens)))
        object.__setattr__(self, "weekdays", days)
        object.__setattr__(self, "opens", str(opens))
        object.__setattr__(self, "closes", str(closes))
        object.__setattr__(self, "holidays", tuple(sorted(_holiday(h) for h in holidays)))
        object.__setattr__(self, "tz", _time_zone(tz))
        object.__setattr__(self, "_open_s", open_s)
        object.__setattr__(self, "_close_s", close_s)

    @property
    def open_seconds_per_day(self) -> int:
        """Seconds the business is open on an open day."""
        return self._close_s - self._open_s

    @property
    def weekmask(self) -> str:
        """Weekday mask in :func:`numpy.busday_count` form (``"1111100"``)."""
        return "".join("1" if d in self.weekdays else "0" for d in range(7))

    def describe(self) -> str:
        """One line for reports: ``"Monday–Friday 08:00–16:00, 2 holidays"``."""
        days = ", ".join(_WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        extra = f", {len(self.holidays)} holidays" if self.holidays else ""
        return f"{days} {self.opens}–{self.closes}{extra}"

    def _holiday_array(self) -> np.ndarray:
        return np.array([np.datetime64(h, "D") for h in self.holidays], dtype="datetime64[D]")

    def _local(self, values: Any) -> pd.DatetimeIndex:
        index = pd.DatetimeIndex(pd.to_datetime(values))
        if index.tz is not None:
            index = index.tz_convert(self.tz) if self.tz else index
            index = index.tz_localize(None)
        return index

    def _split(self, values: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(day, seconds after midnight, valid mask) of each timestamp."""
        index = self._local(values)
        valid = ~np.asarray(index.isna())
        stamps = index.as_unit("us").asi8
        stamps = np.where(valid, stamps, 0)
        micro_per_day = _DAY_S * 1_000_000
        days = np.floor_divide(stamps, micro_per_day)
        seconds = (stamps - days * micro_per_day) / 1e6
        return days.astype("datetime64[D]"), seconds, valid

    def _open_before(self, days: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """Open seconds of the day ``days`` that lie before the clock time ``seconds``."""
        is_open = np.is_busday(days, weekmask=self.weekmask, holidays=self._holiday_array())
        part = np.clip(seconds - self._open_s, 0, self.open_seconds_per_day)
        return np.where(is_open, part, 0.0)

    def seconds_between(self, start: Any, end: Any) -> np.ndarray:
        """Open seconds between each ``start`` and ``end`` (vectorised).

        Parameters
        ----------
        start, end
            Timestamps: a Series, an index, an array or single values (same length).

        Returns
        -------
        numpy.ndarray
            Float seconds; negative when ``end`` is before ``start``; NaN where
            either timestamp is missing.

        Examples
        --------
        >>> cal = BusinessCalendar(opens="08:00", closes="16:00")
        >>> float(cal.seconds_between(["2024-03-04 07:00"], ["2024-03-04 17:00"])[0])
        28800.0
        """
        start_values = [start] if np.ndim(start) == 0 else start
        end_values = [end] if np.ndim(end) == 0 else end
        d0, s0, ok0 = self._split(start_values)
        d1, s1, ok1 = self._split(end_values)
        if len(d0) != len(d1):
            raise ParameterError(Message('start and end must have the same number of timestamps.'))
        whole_days = np.busday_count(d0, d1, weekmask=self.weekmask, holidays=self._holiday_array())
        result = (whole_days * float(self.open_seconds_per_day)
                  + self._open_before(d1, s1) - self._open_before(d0, s0))
        return np.where(ok0 & ok1, result, np.nan)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for settings / project files."""
        return {"weekdays": sorted(self.weekdays), "opens": self.opens, "closes": self.closes,
                "holidays": [h.isoformat() for h in self.holidays], "tz": self.tz}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BusinessCalendar":
        """Inverse of :meth:`to_dict`."""
        return cls(weekdays=data.get("weekdays", (0, 1, 2, 3, 4)), opens=data.get("opens", "08:00"),
                   closes=data.get("closes", "16:00"), holidays=data.get("holidays", ()), tz=data.get("tz"))


def _weekday_number(value: Any) -> int:
    """0 … 6 from a number or an English weekday name ("Mon", "monday")."""
    if isinstance(value, str) and not value.strip().isdigit():
        text = value.strip().lower()
        for number, name in enumerate(_WEEKDAY_NAMES):
            if len(text) >= 2 and name.lower().startswith(text):
                return number
        raise ParameterError(Message("“{value}” is not a weekday; write Mon, Tue, Wed, Thu, Fri, Sat or Sun.", dict(value=value)))
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ParameterError(Message("“{value}” is not a weekday; write Mon … Sun or 0 (Monday) … 6 (Sunday).",
                               dict(value=value))) from None


def _holiday(value: Any, *, cli: bool = False) -> dt.date:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if pd.isna(stamp):
        if cli:
            raise ParameterError(Message("“{value}” in global.holidays is not a date (use YYYY-MM-DD).", dict(value=value)))
        raise ParameterError(Message("The holiday “{value}” is not a date (use YYYY-MM-DD).", dict(value=value)))
    return stamp.date()


def _time_zone(tz: str | None) -> str | None:
    if tz is None or str(tz).strip() == "":
        return None
    try:
        pd.Timestamp("2024-01-01", tz=str(tz))
    except (KeyError, ValueError, TypeError):
        raise ParameterError(Message("“{tz}” is not a time zone (use a name like Europe/Ljubljana).", dict(tz=tz))) from None
    return str(tz)


def parse_hours(text: str) -> dict[str, Any]:
    """Open days and hours written as people write them, for ``--param global.hours=...``.

    Days are English names or their first letters, single or ranges (a range may wrap
    past Sunday), separated by commas; then the opening and closing time.

    >>> parse_hours("Mon-Fri 10:00-18:00")
    {'weekdays': [0, 1, 2, 3, 4], 'opens': '10:00', 'closes': '18:00'}
    >>> parse_hours("Sat-Mon 9:00-13:00")["weekdays"]
    [0, 5, 6]
    """
    match = _HOURS.match(str(text))
    if match is None or not match["days"].strip():
        raise ParameterError(Message("global.hours “{text}” is not business hours like “{example}” (open days, then "
                               "opening and closing time).", dict(text=text, example=HOURS_EXAMPLE)))
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", match["days"].strip()):
        first, _dash, last = re.split(r"\s*([-–])\s*", part, maxsplit=1) if re.search(r"[-–]", part) else (part, "", part)
        a, b = _weekday_number(first), _weekday_number(last)
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
    return {"weekdays": sorted(days), "opens": match["opens"], "closes": match["closes"]}


def _holiday_list(value: Any) -> list[dt.date]:
    items = re.split(r"[,;\s]+", value.strip()) if isinstance(value, str) else list(value or ())
    return [_holiday(item, cli=True) for item in items if str(item).strip()]


def _calendar_dict(value: Any) -> dict[str, Any]:
    """The ``global.calendar`` setting as a dict: a dict, a JSON text or a :class:`BusinessCalendar`."""
    if isinstance(value, BusinessCalendar):
        return value.to_dict()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ParameterError(Message(
                "global.calendar is not valid JSON ({problem} at character {position}); write it like {example_json}, "
                "or use global.hours={example}.", dict(problem=exc.msg, position=str(exc.pos + 1),
                example_json=CALENDAR_EXAMPLE, example=HOURS_EXAMPLE))) from None
        if not isinstance(value, dict):
            raise ParameterError(Message("global.calendar must be a JSON object with weekdays, opens, closes (and "
                                   "optionally holidays, tz), like {example_json}.", dict(example_json=CALENDAR_EXAMPLE)))
    if not isinstance(value, dict):
        raise ParameterError(Message("The business-hours calendar setting is not a calendar."))
    for key in value:
        if key not in CALENDAR_KEYS:
            raise ParameterError(Message("“{key}” is not a calendar setting; use {keys}.", dict(key=key,
                                   keys=", ".join(CALENDAR_KEYS))))
    return dict(value)


def calendar_setting(glob: dict[str, Any]) -> Any:
    """The business-hours calendar of the ``"global"`` parameters, or None when none is set.

    ``calendar`` (a :class:`BusinessCalendar`, a dict or a JSON text), then ``hours``
    (:func:`parse_hours` text) and ``holidays`` (dates separated by commas, added).

    >>> calendar_setting({"hours": "Mon-Fri 10:00-18:00", "holidays": "2026-12-24,2026-12-25"}).describe()
    'Monday, Tuesday, Wednesday, Thursday, Friday 10:00–18:00, 2 holidays'
    """
    value, hours, holidays = glob.get("calendar"), glob.get("hours"), glob.get("holidays")
    if hours is None and holidays is None:
        if value is None or isinstance(value, BusinessCalendar):
            return value
        if not isinstance(value, (dict, str)) and hasattr(value, "seconds_between"):
            return value
    if value is None and hours is None:
        raise ParameterError(Message("global.holidays needs opening hours: set global.hours too (e.g. "
                               "global.hours={example}).", dict(example=HOURS_EXAMPLE)))
    setting = _calendar_dict(value) if value is not None else {}
    if hours is not None:
        setting.update(parse_hours(hours))
    if holidays is not None:
        setting["holidays"] = [*setting.get("holidays", ()), *_holiday_list(holidays)]
    return BusinessCalendar.from_dict(setting)

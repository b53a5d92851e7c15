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
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ..i18n import _
from ..errors import ParameterError

_DAY_S = 86_400
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _clock_seconds(text: str | dt.time, what: str) -> int:
    """Seconds after midnight of ``"08:00"``, ``"8:30"``, ``"24:00"`` or a :class:`datetime.time`."""
    if isinstance(text, dt.time):
        return text.hour * 3600 + text.minute * 60 + text.second
    parts = str(text).strip().split(":")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if not 1 <= len(numbers) <= 3:
        raise ParameterError(_("The {what} time {text} is not a clock time like 08:00.", what=what, text=repr(text)))
    h, m, s = (numbers + [0, 0])[:3]
    total = h * 3600 + m * 60 + s
    if not (0 <= m < 60 and 0 <= s < 60 and 0 <= total <= _DAY_S):
        raise ParameterError(_("The {what} time {text} is not a clock time between 00:00 and 24:00.", what=what, text=repr(text)))
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
        days = frozenset(int(d) for d in weekdays)
        if not days or not days <= set(range(7)):
            raise ParameterError(_('Open weekdays must be numbers from 0 (Monday) to 6 (Sunday), at least one.'))
        open_s, close_s = _clock_seconds(opens, "opening"), _clock_seconds(closes, "closing")
        if close_s <= open_s:
            raise ParameterError(_("The closing time {closes} must be later than the opening time {opens}.", closes=closes, opens=opens))
        object.__setattr__(self, "weekdays", days)
        object.__setattr__(self, "opens", str(opens))
        object.__setattr__(self, "closes", str(closes))
        object.__setattr__(self, "holidays", tuple(sorted(pd.Timestamp(h).date() for h in holidays)))
        object.__setattr__(self, "tz", tz)
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
            raise ParameterError(_('start and end must have the same number of timestamps.'))
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

"""Calendar periods for breakdowns and comparisons: day, week (ISO, Monday start), month, quarter, year.

Keys are the period's first instant (a naive ``pd.Timestamp``); labels are
``2024-03-05``, ``2024-W10``, ``2024-03``, ``Q1 2024`` and ``2024``.
"""

from __future__ import annotations

from ..deferred import np
from ..deferred import pd

from ..i18n import Message
from ..errors import ParameterError

PERIODS = ("day", "week", "month", "quarter", "year")


def check_period(by: str) -> str:
    """Return ``by`` if it is a period name, else raise :class:`ParameterError`."""
    if by not in PERIODS:
        raise ParameterError(Message("“{by}” is not a period; use one of: {periods}.", dict(by=by, periods=', '.join(PERIODS))))
    return by


def period_start(values: pd.Series, by: str) -> pd.Series:
    """The start of the period each datetime falls in (vectorised; NaT stays NaT).

    >>> s = pd.Series(pd.to_datetime(["2024-03-07 10:00", "2024-05-31 00:00"]))
    >>> [str(x.date()) for x in period_start(s, "week")]
    ['2024-03-04', '2024-05-27']
    >>> [str(x.date()) for x in period_start(s, "quarter")]
    ['2024-01-01', '2024-04-01']
    """
    check_period(by)
    raw = pd.to_datetime(values).to_numpy(dtype="datetime64[us]")
    nat = np.isnat(raw)
    if by == "day":
        out = raw.astype("datetime64[D]")
    elif by == "week":
        days = raw.astype("datetime64[D]")
        as_int = days.astype(np.int64)
        monday_offset = np.where(nat, 0, (as_int + 3) % 7)      # 1970-01-01 was a Thursday
        out = days - monday_offset.astype("timedelta64[D]")
    elif by == "month":
        out = raw.astype("datetime64[M]")
    elif by == "quarter":
        months = raw.astype("datetime64[M]")
        as_int = months.astype(np.int64)
        out = months - np.where(nat, 0, as_int % 3).astype("timedelta64[M]")
    else:
        out = raw.astype("datetime64[Y]")
    out = out.astype("datetime64[us]")
    out[nat] = np.datetime64("NaT")
    return pd.Series(out, index=values.index)


def floor(ts: pd.Timestamp, by: str) -> pd.Timestamp:
    """The start of the period ``ts`` falls in."""
    return pd.Timestamp(period_start(pd.Series([pd.Timestamp(ts)]), by).iloc[0])


def next_start(start: pd.Timestamp, by: str) -> pd.Timestamp:
    """The start of the period after the one starting at ``start``."""
    check_period(by)
    start = pd.Timestamp(start)
    if by == "day":
        return start + pd.Timedelta(days=1)
    if by == "week":
        return start + pd.Timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    return start + pd.DateOffset(months=months)


def previous_start(start: pd.Timestamp, by: str) -> pd.Timestamp:
    """The start of the period before the one starting at ``start``."""
    check_period(by)
    start = pd.Timestamp(start)
    if by == "day":
        return start - pd.Timedelta(days=1)
    if by == "week":
        return start - pd.Timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    return start - pd.DateOffset(months=months)


def previous_window_start(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    """Start of the period of equal length before ``[start, end)``; whole months step back by months
    (so March is compared with February, Q2 with Q1).

    >>> previous_window_start(pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-01"))
    Timestamp('2024-02-01 00:00:00')
    >>> previous_window_start(pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-12"))
    Timestamp('2024-02-27 00:00:00')
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == floor(start, "month") and end == floor(end, "month"):
        months = (end.year - start.year) * 12 + end.month - start.month
        return start - pd.DateOffset(months=months)
    return start - (end - start)


def same_period_last_year(start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``[start, end)`` moved back by one calendar year."""
    return pd.Timestamp(start) - pd.DateOffset(years=1), pd.Timestamp(end) - pd.DateOffset(years=1)


def period_range(first: pd.Timestamp, last: pd.Timestamp, by: str) -> list[pd.Timestamp]:
    """Starts of every period from the one holding ``first`` to the one holding ``last``."""
    out = []
    current = floor(first, by)
    last = pd.Timestamp(last)
    while current <= last:
        out.append(current)
        current = next_start(current, by)
    return out


def label(start: pd.Timestamp, by: str) -> str:
    """Human label of the period starting at ``start``.

    >>> label(pd.Timestamp("2024-03-04"), "week"), label(pd.Timestamp("2024-01-01"), "quarter")
    ('2024-W10', 'Q1 2024')
    """
    check_period(by)
    start = pd.Timestamp(start)
    if by == "day":
        return start.strftime("%Y-%m-%d")
    if by == "week":
        iso = start.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def begins_after(start: pd.Timestamp, first_seen: pd.Timestamp | None) -> bool:
    """Whether the data, whose first instant is ``first_seen``, begins after the first day of the period starting
    at ``start``: the period is not whole (the week of 28 Sep in a month chosen from 1 Oct).

    >>> begins_after(pd.Timestamp("2026-09-28"), pd.Timestamp("2026-10-01"))
    True
    >>> begins_after(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-01 08:30"))
    False
    """
    if first_seen is None or pd.isna(first_seen):
        return False
    return pd.Timestamp(start) < pd.Timestamp(first_seen).normalize()


def runs_past(start: pd.Timestamp, by: str, last_seen: pd.Timestamp | None) -> bool:
    """Whether the period starting at ``start`` ends after ``last_seen`` (the data's last instant):
    the period is not whole yet, and its total is not comparable with the others'.

    >>> runs_past(pd.Timestamp("2024-03-04"), "week", pd.Timestamp("2024-03-06 17:00"))
    True
    >>> runs_past(pd.Timestamp("2024-03-01"), "month", pd.Timestamp("2024-03-31 09:00"))
    False
    """
    return stops_before(next_start(start, by), last_seen)


def stops_before(end: pd.Timestamp, last_seen: pd.Timestamp | None) -> bool:
    """Whether the data, whose last instant is ``last_seen``, stops before the last day of a period ending at
    ``end`` (exclusive): the period is not whole (:func:`runs_past` for a calendar period, a change's own span).

    >>> stops_before(pd.Timestamp("2022-01-01"), pd.Timestamp("2021-12-30")), stops_before(pd.Timestamp("2022-01-01"), pd.Timestamp("2021-12-31 09:00"))
    (True, False)
    """
    if last_seen is None or pd.isna(last_seen):
        return False
    return pd.Timestamp(last_seen).normalize() + pd.Timedelta(days=1) < end


def seen_within(span: tuple, bounds: tuple) -> tuple:
    """The first and last instants of the data (``span``) inside the date filter's ``bounds`` (start, end).

    >>> seen_within((pd.Timestamp("2026-05-01"), pd.Timestamp("2026-10-31 18:00")), (pd.Timestamp("2026-10-01"), None))
    (Timestamp('2026-10-01 00:00:00'), Timestamp('2026-10-31 18:00:00'))
    """
    (first, last), (start, end) = span, bounds
    if first is not None and start is not None:
        first = max(first, start)
    if last is not None and end is not None:
        last = min(last, end - pd.Timedelta(microseconds=1))
    return first, last


def partial_positions(starts: list, by: str, seen: tuple) -> list[int]:
    """The positions among the period ``starts`` of the first and last periods when the data (``seen``: its first
    and last instants) covers them only in part — a single period too (a staff register's lone quarter, cut at its
    last leave on 14 Aug, was drawn solid beside hollow partial periods elsewhere).

    >>> weeks = list(pd.date_range("2026-09-28", periods=5, freq="7D"))       # the weeks of October 2026
    >>> partial_positions(weeks, "week", (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31 17:00")))
    [0, 4]
    >>> partial_positions(weeks[1:4], "week", (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31 17:00")))
    []
    >>> partial_positions([pd.Timestamp("2026-07-01")], "quarter", (pd.Timestamp("2021-03-01"), pd.Timestamp("2026-08-14")))
    [0]
    """
    if not starts or by not in PERIODS:
        return []
    ends = ([0] if begins_after(starts[0], seen[0]) else []) + \
        ([len(starts) - 1] if runs_past(starts[-1], by, seen[1]) else [])
    return sorted(set(ends))

"""A plain sheet's column of dates handed over as ``datetime64[ms]`` rather than as ``date``/``datetime`` objects.

The plain read (:mod:`.xlsx_cells`) gives a date-styled number as a ``date`` when it is a whole day and as a
``datetime`` (to the millisecond) otherwise; the cells' text and the typing then turned a million such objects
back into datetime64, each on its own (issue 15, session 17).  A column whose cells below the head rows are all
such dates (or empty) is now kept as ``datetime64[ms]``, ``NaT`` where empty, under one rule that keeps the kinds
apart: **a cell at midnight is a** ``date`` **and every other one a** ``datetime`` (the plain read keeps a column
out of this form when one of its date-times falls on midnight, so the rule gives back exactly the objects it
made).  :func:`boxed` makes those objects where they are still needed (a forced type, a column mixed in its head
rows); :func:`millis_of` reads head cells back under the same rule.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

MS_PER_DAY = 86_400_000


def boxed(stamps: np.ndarray) -> np.ndarray:
    """``datetime64[ms]`` back to the plain read's cells: ``date`` at midnight, ``datetime`` otherwise, ``None``
    where ``NaT``.

    >>> boxed(np.array(["2024-03-01", "2024-03-01T09:30:00.250", "NaT"], dtype="datetime64[ms]")).tolist()
    [datetime.date(2024, 3, 1), datetime.datetime(2024, 3, 1, 9, 30, 0, 250000), None]
    """
    out = np.full(len(stamps), None, dtype=object)
    present = ~np.isnat(stamps)
    day = present & (stamps.view(np.int64) % MS_PER_DAY == 0)
    out[day] = stamps[day].astype("datetime64[D]").astype(object)
    other = present & ~day
    out[other] = stamps[other].astype(object)
    return out


def millis_of(cells: np.ndarray) -> np.ndarray | None:
    """Cells that :func:`boxed` would give back (``None``, a ``date``, a naive ``datetime`` not at midnight, whole
    milliseconds) as ``datetime64[ms]``; ``None`` when any is something else.

    >>> millis_of(np.array([dt.date(2024, 3, 1), None, dt.datetime(2024, 3, 1, 9)], dtype=object)).tolist()
    [datetime.datetime(2024, 3, 1, 0, 0), None, datetime.datetime(2024, 3, 1, 9, 0)]
    >>> millis_of(np.array([dt.datetime(2024, 3, 1)], dtype=object)) is None     # (a datetime at midnight)
    True
    """
    kinds = set(map(type, cells))
    if not kinds <= {dt.date, dt.datetime, type(None)}:
        return None
    out = np.full(len(cells), np.datetime64("NaT", "ms"))
    for position, cell in enumerate(cells.tolist()):
        if cell is None:
            continue
        if type(cell) is dt.datetime and (cell.tzinfo is not None or cell.microsecond % 1000 or
                                          cell.time() == dt.time(0)):
            return None
        out[position] = np.datetime64(cell, "ms")
    return out

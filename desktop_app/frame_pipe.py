"""A frame sent from the reading child to the window column by column, as typed arrays where it can be.

Pickled in 8,192-row chunks, the 1,048,576-ticket frame cost the child 0.35 s and the window's reading
thread 0.4 s (every text cell a Python string, both ways), and the window lost the codes the child had
made of each category column (:func:`metrics_core.column_facts.known_codes`), so the first values job
factorized a million strings a column again. Here each column goes the cheapest way that gives the same
column back:

- numbers, dates and booleans held in a numpy array: its bytes, received straight into a new array;
- a text column with kept codes: the codes (in the smallest integer type that holds them) and its few distinct
  values; the window rebuilds the column as ``values.take(codes)`` and keeps the codes with it;
- anything else (the ticket ids: a million distinct strings): pickled in :data:`PIECE_ROWS`-row pieces.

Every message is short to take in on the receiving thread (the GUI thread waits for the GIL meanwhile). No Qt.

The messages of one column (``key``: which frame, ``position``: which column of it):

====================================================  =========================================================
``("array", key, position, dtype, length)``           then the array's bytes (:meth:`FrameParts.take` reads them
                                                      straight into a new array)
``("coded", key, position, dtype, length, values)``   then the codes' bytes; the column is ``values.take(codes)``
``("piece", key, position, series)``                  one :data:`PIECE_ROWS`-row piece, pickled (as many as needed)
====================================================  =========================================================
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from metrics_core.column_facts import kept_codes, known_codes

PIECE_ROWS = 65_536         # rows of one pickled piece of a column (one column: about what 8,192 rows of eight were)


def send_frame(conn: Any, key: str, frame: pd.DataFrame) -> None:
    """Send ``frame``'s columns (its index is not sent: the receiver numbers the rows from 0)."""
    for position in range(frame.shape[1]):
        series = frame.iloc[:, position]
        _send_column(conn, key, position, series.reset_index(drop=True))


def _send_column(conn: Any, key: str, position: int, series: pd.Series) -> None:
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biufmM":
        values = np.ascontiguousarray(series.to_numpy())
        conn.send(("array", key, position, values.dtype.str, len(values)))
        conn.send_bytes(values.view(np.uint8))
        return
    known = kept_codes(series)
    if known is not None and known[0].strides != (0,):
        codes, uniques = known
        values = pd.Index(uniques).array
        if values.dtype == dtype and type(values) is type(series.array):
            small = codes.astype(np.min_scalar_type(-max(len(values), 1)), copy=False)
            conn.send(("coded", key, position, small.dtype.str, len(small), values))
            conn.send_bytes(np.ascontiguousarray(small).view(np.uint8))
            return
    for start in range(0, max(len(series), 1), PIECE_ROWS):
        conn.send(("piece", key, position, series.iloc[start:start + PIECE_ROWS]))


class FrameParts:
    """The columns received so far, by frame; :meth:`frame` puts one together. A column is kept as its pieces (a
    list of series), as a series (its bytes came) or as ``(series, codes, values)`` (it came coded)."""

    def __init__(self) -> None:
        self._columns: dict[str, dict[int, Any]] = {}

    def take(self, conn: Any, message: tuple) -> None:
        """Take in one message of :func:`send_frame` (``conn``: where the bytes after it come from)."""
        tag, key, position = message[:3]
        columns = self._columns.setdefault(key, {})
        if tag == "piece":
            columns.setdefault(position, []).append(message[3])
            return
        dtype, length = np.dtype(message[3]), message[4]
        values = np.empty(length, dtype=dtype)
        conn.recv_bytes_into(values.view(np.uint8))
        if tag == "array":
            columns[position] = pd.Series(values, copy=False)
        else:                       # "coded": the bytes were the codes
            codes = values.astype(np.intp)
            columns[position] = (pd.Series(message[5].take(codes, allow_fill=True), copy=False), codes, message[5])

    def frame(self, key: str, empty: pd.DataFrame) -> pd.DataFrame:
        """The frame ``key`` with ``empty``'s columns (its rows numbered from 0); ``empty`` itself when no column came."""
        received = self._columns.pop(key, None)
        if not received:
            return empty
        kept: dict[int, tuple[Any, Any]] = {}
        columns = {}
        for position in range(empty.shape[1]):
            part = received[position]
            if isinstance(part, list):
                part = part[0] if len(part) == 1 else pd.concat(part, ignore_index=True)
            elif isinstance(part, tuple):
                part, kept[position] = part[0], part[1:]
            columns[position] = part.rename(None)
        frame = pd.DataFrame(columns, copy=False)
        frame.columns = empty.columns
        for position, (codes, uniques) in kept.items():
            known_codes(frame.iloc[:, position], codes, pd.Index(uniques))
        return frame

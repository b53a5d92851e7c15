"""A calamine sheet's cells, column by column, without holding every cell as a Python object at once.

python-calamine hands cells over as Python objects only (``to_python`` builds the whole grid of
lists first; 1,048,575 rows x 10 columns held 890 MB of objects next to the sheet's own 330 MB).
``iter_rows`` gives one row at a time instead, so the rows are taken in pieces of
:data:`PIECE` and each piece is sorted into its columns while its cells are fresh in the
processor's cache: empty cells (``''``) become ``None``, and a column whose data cells are all
numbers is kept as one float64 array (``NaN`` where empty) rather than as a million ``float``
objects, and a text that repeats in its column (status, channel, agent) is kept as one ``str`` object
(calamine makes a new one per cell).  Every later pass over those cells (their text, their type) then
runs on numpy arrays or on a few objects that stay in the cache.

The first :data:`HEAD_ROWS` rows are also kept as lists, as ``to_python(skip_empty_area=False)``
gives them (padded from A1), for finding the header; the rows above the data that turn out to be
headers or titles never decide whether a column is all numbers.

Each column also knows how far down its cells reach (:attr:`SheetColumns.reach`), so a sheet reaching column
15,398 with three columns of cells costs what those three cost: the empty columns are never sorted
(:class:`_Columns`), weighed or made a Series (:meth:`SheetColumns.holding`, :meth:`SheetColumns.frame`).

A row holding a number under a date or duration style that no calendar can hold (-1e308, 1e15 days)
cannot be handed over at all (calamine panics or Python overflows on that row alone): it is kept as an
empty row and listed in :attr:`SheetColumns.lost`, and the rows after it are read as usual.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import python_calamine as calamine

from . import workbook_dates

PIECE = 8192
HEAD_ROWS = 80
ERROR_TEXTS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))   # calamine's


@dataclass
class SheetColumns:
    """The first rows as lists (for finding the header) and every row's cells as columns."""

    head: list[list]
    n_rows: int
    width: int
    objects: list[np.ndarray | None]        # per column: the cells (``None`` where empty), unless all numbers
    numbers: list[np.ndarray | None]        # per column from row HEAD_ROWS on: float64 while all numbers so far
    filled: bool                            # any cell holds something
    lost: list[int]                         # rows (from 0 at A1) calamine could not hand over: left empty
    reach: np.ndarray                       # per column: the row below its last cell (0: no cell at all)
    uniform: list[np.ndarray | None] | None = None   # per column of a plain sheet: its texts as ``S<length>``
                                            # bytes (``b""`` where empty and in the head rows) when it holds only
                                            # texts, every one below the head rows ASCII of that length
                                            # (see :meth:`uniform_texts`, :mod:`.uniform_texts`)
    text_only: list[bool] | None = None     # per column of a plain sheet: it holds no cell but texts (every cell
                                            # a ``str`` or ``None``; see :func:`.excel_reader.cell_texts`)

    def holding(self, first: int, stop: int) -> np.ndarray:
        """Per column, whether it holds a cell in rows ``first`` to ``stop`` as :meth:`frame` gives them
        (``frame(first)[:stop - first].notna().any()``); only the columns whose cells reach that far are looked at.
        """
        out = np.zeros(self.width, dtype=bool)
        for position in np.flatnonzero(self.reach > first).tolist():
            numbers = self.numbers[position]
            out[position] = _any_present(self.objects[position][first:stop]) or (
                numbers is not None and not pd.isna(numbers[max(first - HEAD_ROWS, 0):max(stop - HEAD_ROWS, 0)]).all())
        return out

    def frame(self, first: int, positions: np.ndarray | None = None) -> pd.DataFrame:
        """The cells from row ``first`` on: a float64 column where every data cell is a number or empty, a
        ``datetime64[ms]`` column where every one is a date of a plain sheet or empty (see :mod:`.workbook_dates`).
        Only the columns at ``positions`` (all when ``None``), each labelled by its position."""
        positions = range(self.width) if positions is None else positions.tolist()
        columns = {}
        for position in positions:
            objects, numbers = self.objects[position], self.numbers[position]
            if numbers is None:
                columns[position] = objects[first:]
                continue
            top = objects[first:HEAD_ROWS]         # (empty when the data start below the head rows)
            below = numbers[max(first - HEAD_ROWS, 0):]
            if below.dtype.kind == "M":
                head_stamps = workbook_dates.millis_of(top)
                if head_stamps is not None and (not np.isnat(below).all() or not np.isnat(head_stamps).all()):
                    columns[position] = np.concatenate([head_stamps, below])
                else:
                    whole = np.empty(self.n_rows - first, dtype=object)
                    whole[:len(top)] = top
                    whole[len(top):] = workbook_dates.boxed(below)
                    columns[position] = whole
                continue
            head_floats = _floats_of(top)
            if head_floats is not None and (np.isfinite(below).any() or np.isfinite(head_floats).any()):
                columns[position] = np.concatenate([head_floats, below])
            else:
                whole = np.empty(self.n_rows - first, dtype=object)
                whole[:len(top)] = top
                whole[len(top):] = _boxed(below)
                columns[position] = whole
        index = pd.RangeIndex(self.n_rows - first)
        return pd.DataFrame({position: pd.Series(column, index=index, copy=False,
                                                 dtype=None if column.dtype.kind in "fM" else object)
                             for position, column in columns.items()}, index=index, columns=positions,
                            copy=False)

    def uniform_texts(self, first: int, positions: np.ndarray) -> dict[int, np.ndarray]:
        """The columns at ``positions`` whose cells from row ``first`` on (as :meth:`frame` gives them) are texts
        of one length in ASCII (no 0 byte) or empty, as ``S<length>`` bytes, ``b""`` where empty; by position.
        The head rows among them are taken from their cells (a header of another length above the data rows is
        not among them)."""
        out = {}
        for position in positions.tolist() if self.uniform else ():
            texts = self.uniform[position]
            if texts is None:
                continue
            width = texts.dtype.itemsize
            top = self.objects[position][first:HEAD_ROWS].tolist()
            if all(cell is None or (type(cell) is str and len(cell) == width and cell.isascii() and "\0" not in cell)
                   for cell in top):
                texts[first:HEAD_ROWS] = [b"" if cell is None else cell.encode("ascii") for cell in top]
                out[position] = texts[first:]
        return out


def _any_present(cells: np.ndarray) -> bool:
    """``pd.notna(cells).any()``, a piece at a time: a filled column answers at its first piece (the whole
    column's mask took about 30 ms a million cells)."""
    step = 4096
    for start in range(0, len(cells), step):
        if pd.notna(cells[start:start + step]).any():
            return True
    return False


def read_columns(sheet: calamine.CalamineSheet, nrows: int | None = None) -> SheetColumns:
    """The cells of ``sheet`` from A1 (as ``to_python(skip_empty_area=False, nrows=nrows)`` would give)."""
    start, end = sheet.start, sheet.end
    if start is None or end is None:
        return SheetColumns([], 0, 0, [], [], False, [], np.zeros(0, dtype=np.int64))
    n_rows = end[0] + 1 if nrows is None else min(end[0] + 1, nrows)
    offset, width = start[1], end[1] + 1
    columns = _Columns(n_rows, width, streamed=False)
    head: list[list] = []
    lost: list[int] = []
    rows = _rows(sheet.iter_rows(), n_rows, width - offset, lost)
    with without_collection():
        for top in range(0, n_rows, PIECE):
            piece = list(itertools.islice(rows, min(PIECE, n_rows - top)))
            if not piece:
                break
            if top < HEAD_ROWS:
                head += [[""] * offset + row for row in piece[:HEAD_ROWS - top]]
            cells = _grid(piece, width - offset)
            del piece
            columns.add(cells, top, offset)
    return columns.result(head, n_rows, width, lost)


@contextmanager
def without_collection():
    """Python's cycle collector paused: each row comes as a new list, and the million rows of a 1,048,575-row
    sheet set it off 1,400 times (11 of them full passes over every object of the process: 0.98 s of CPU in
    all); no row or cell holds a cycle, so nothing is left for it to find.  It runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class NotStreamable(Exception):
    """The streamed rows may differ from what the loaded sheet gives (error cells, a row that cannot be
    handed over, cells past the measured extent): the sheet is to be read loaded instead."""


def stream_columns(rows: Iterator[list], extent: tuple[int, int], data_rows: int | None = None) -> SheetColumns:
    """The cells of an .xlsx sheet streamed row by row from A1 (python-calamine-plus: the sheet is never held
    whole), as :func:`read_columns` gives them for the loaded sheet.

    ``extent`` (rows, columns) is how far the package guard measured the sheet's cells to reach; ``data_rows``
    cuts the sheet as a preview does (the head rows and this many more below its first filled row).  The
    stream gives whole numbers as ``int`` (made ``float`` again, as the loaded sheet gives them; a cell written
    as '-0' so reads 0.0, not -0.0) and error cells as their text ('#N/A'; the loaded sheet gives ``''``), and
    a cell holding an empty text reads '' as an empty cell does, though the loaded sheet's extent counts it.
    So :class:`NotStreamable` is raised for a text that reads as an error, a row the stream cannot hand over,
    and filled cells that do not reach exactly to ``extent`` (a cut preview: its last row may end it).
    """
    with without_collection():
        return _stream_columns(rows, extent, data_rows)


def _stream_columns(rows: Iterator[list], extent: tuple[int, int], data_rows: int | None) -> SheetColumns:
    capacity, max_width = extent
    columns: _Columns | None = None          # made at the first filled row: a preview holds only its rows
    head: list[list] = []
    limit: int | None = None
    n_rows = width = top = 0
    while True:
        piece = _next_piece(rows, PIECE if limit is None else min(PIECE, limit - top))
        if not piece:
            break
        cells = _grid(piece, max(map(len, piece)))
        del piece
        empty = cells == ""
        filled_rows = np.flatnonzero(~empty.all(axis=1))
        if limit is None and data_rows is not None and len(filled_rows):
            limit = HEAD_ROWS + data_rows + top + int(filled_rows[0])
            cells, empty, filled_rows = cells[:limit - top], empty[:limit - top], filled_rows[filled_rows < limit - top]
        if top < HEAD_ROWS:
            head += cells[:HEAD_ROWS - top].tolist()
        if len(filled_rows):
            n_rows = top + int(filled_rows[-1]) + 1
            width = max(width, int(np.flatnonzero(~empty.all(axis=0))[-1]) + 1)
            if n_rows > capacity or width > max_width:
                raise NotStreamable("a cell past the measured extent")
        if columns is None and len(filled_rows):
            columns = _Columns(capacity if limit is None else min(capacity, limit), max_width, streamed=True)
        if columns is not None:
            inside = max(len(columns.objects[0]) - top, 0) if max_width else 0     # (beyond: empty, see above)
            columns.add(cells[:inside, :max_width], top, 0, empty[:inside, :max_width])
        top += len(cells)
    cut = limit is not None and top >= limit
    if width != max_width or not (n_rows == capacity or (cut and n_rows == limit)):
        raise NotStreamable("the filled cells end before the measured extent (cells holding an empty text?)")
    if columns is None:
        return SheetColumns([], 0, 0, [], [], False, [], np.zeros(0, dtype=np.int64))
    head = [[float(cell) if type(cell) is int else cell for cell in row[:width]] + [""] * (width - len(row))
            for row in head[:n_rows]]
    return columns.result(head, n_rows, width, [])


def _grid(piece: list[list], width: int) -> np.ndarray:
    """The rows as a 2-D object array, each padded with ``''`` to ``width`` cells.  numpy is handed one flat run
    of cells (``fromiter``): 0.47 s for a million rows of 11 cells, where filling the array from the nested row
    lists took 0.76 s (numpy asks each cell whether it is a sequence)."""
    if any(len(row) != width for row in piece):
        piece = [row + [""] * (width - len(row)) for row in piece]
    return np.fromiter(itertools.chain.from_iterable(piece), dtype=object, count=len(piece) * width).reshape(
        len(piece), width)


def _next_piece(rows: Iterator[list], size: int) -> list[list]:
    """The next ``size`` rows of a stream; anything the stream raises makes the sheet :class:`NotStreamable`."""
    try:
        return list(itertools.islice(rows, max(size, 0)))
    except Exception as exc:
        raise NotStreamable(str(exc)) from exc
    except BaseException as exc:   # a panic inside the reader (a BaseException)
        if type(exc).__name__ != "PanicException":
            raise
        raise NotStreamable(str(exc)) from exc


class _Columns:
    """Pieces of rows sorted into columns (see the module's description)."""

    def __init__(self, n_rows: int, width: int, streamed: bool) -> None:
        self.objects: list[np.ndarray | None] = [np.full(n_rows, None, dtype=object) for _ in range(width)]
        self.numbers: list[np.ndarray | None] = [None] * width
        if n_rows > HEAD_ROWS:
            self.numbers = [np.full(n_rows - HEAD_ROWS, np.nan) for _ in range(width)]
        self.texts: list[dict | None] = [{} for _ in range(width)]
        self.reach = np.zeros(width, dtype=np.int64)
        self.streamed = streamed
        self.filled = False

    def add(self, cells: np.ndarray, top: int, offset: int, empty: np.ndarray | None = None) -> None:
        """Rows ``top`` … of the sheet, their cells from column ``offset`` on ('' where ``empty``); a column
        without a cell in these rows is left as it is (``None``, ``NaN``: what its cells already say)."""
        empty = cells == "" if empty is None else empty
        if empty.all():
            return
        self.filled = True
        cells[empty] = None
        present = ~empty
        filled = np.flatnonzero(present.any(axis=0))
        self.reach[filled + offset] = top + len(cells) - np.argmax(present[::-1, filled], axis=0)
        for column in filled.tolist():
            _store(self, column + offset, cells[:, column], top)

    def loaded(self, listed: list, cells: np.ndarray, kinds: set | None = None) -> np.ndarray:
        """Streamed cells as the loaded sheet gives them: whole numbers ``float``; error texts refused."""
        if not self.streamed:
            return cells
        kinds = set(map(type, listed)) if kinds is None else kinds
        if str in kinds and not ERROR_TEXTS.isdisjoint(listed):
            raise NotStreamable("an error cell, or a text that reads as one")
        if int not in kinds:
            return cells
        out = np.empty(len(listed), dtype=object)
        out[:] = [float(cell) if type(cell) is int else cell for cell in listed]
        return out

    def result(self, head: list[list], n_rows: int, width: int, lost: list[int]) -> SheetColumns:
        """The columns cut to ``n_rows`` rows and ``width`` columns."""
        objects = [column[:n_rows] for column in self.objects[:width]]
        numbers = [None if column is None or n_rows <= HEAD_ROWS else column[:n_rows - HEAD_ROWS]
                   for column in self.numbers[:width]]
        return SheetColumns(head, n_rows, width, objects, numbers, self.filled, lost,
                            np.minimum(self.reach[:width], n_rows))


def _rows(rows, n_rows: int, width: int, lost: list[int]):
    """``rows`` one by one; a row whose cells cannot be made Python objects (a date or duration out of
    every calendar's range) comes as an empty row, and its position goes into ``lost``."""
    for position in range(n_rows):
        try:
            yield next(rows)
        except StopIteration:
            return
        except OverflowError:          # a duration over Python's 999,999,999 days
            lost.append(position)
            yield [""] * width
        except BaseException as exc:   # chrono's 'TimeDelta::milliseconds out of bounds' panic (a BaseException)
            if type(exc).__name__ != "PanicException":
                raise
            lost.append(position)
            yield [""] * width


def _store(columns: _Columns, position: int, cells: np.ndarray, top: int) -> None:
    """Put one piece of one column in place: as float64 while the column (below the head rows) is all numbers;
    texts that repeat (status, channel, agent) as one ``str`` object per distinct text."""
    objects, numbers, texts = columns.objects, columns.numbers, columns.texts
    stop = top + len(cells)
    below = max(HEAD_ROWS - top, 0)           # the piece's first row below the head rows
    if below:
        head = cells[:below]
        objects[position][top:min(stop, HEAD_ROWS)] = columns.loaded(head.tolist(), head)
        cells = cells[below:]
    if not len(cells):
        return
    start = max(top, HEAD_ROWS)
    column = numbers[position]
    listed = cells.tolist()                  # (a list is walked faster than an object array)
    kinds = set(map(type, listed))
    floats = None if column is None else _floats_of(cells, kinds, columns.streamed)
    if floats is not None:
        column[start - HEAD_ROWS:stop - HEAD_ROWS] = floats
        return
    if column is not None:                     # not all numbers after all: back to cells from here on
        objects[position][HEAD_ROWS:start] = _boxed(column[:start - HEAD_ROWS])
        numbers[position] = None
    if columns.streamed:                       # (below the head rows too: an error cell in a column of texts)
        cells = columns.loaded(listed, cells, kinds)
        if int in kinds:
            listed, kinds = cells.tolist(), (kinds - {int}) | {float}
    seen = texts[position]
    if seen is not None and kinds <= {str, type(None)}:
        cells = _shared(listed, seen)
        if len(seen) > max((stop - HEAD_ROWS) // 2, 1000):    # mostly distinct (ids, time stamps): nothing to share
            texts[position] = None
    objects[position][start:stop] = cells


def _shared(cells: list, seen: dict) -> np.ndarray:
    """The cells with each text replaced by the first ``str`` object of the same text (``seen`` grows)."""
    out = np.empty(len(cells), dtype=object)
    out[:] = list(map(seen.setdefault, cells, cells))
    return out


def _floats_of(cells: np.ndarray, kinds: set | None = None, streamed: bool = False) -> np.ndarray | None:
    """float64 of cells that are all ``float`` (never NaN) or ``None`` (NaN); otherwise ``None``.  A streamed
    sheet's whole numbers (``int``) count as numbers too."""
    kinds = set(map(type, cells)) if kinds is None else kinds
    if not kinds <= ({float, int, type(None)} if streamed else {float, type(None)}):
        return None
    if type(None) not in kinds:                     # (every cell a number: no mask to make)
        out = cells.astype(np.float64)
        return None if np.isnan(out).any() else out
    out = np.full(len(cells), np.nan)
    present = np.not_equal(cells, None)
    if present.any():
        out[present] = cells[present].astype(np.float64)
        if np.isnan(out[present]).any():            # a NaN cell is kept as it is
            return None
    return out


def _boxed(numbers: np.ndarray) -> np.ndarray:
    """float64 (NaN where empty) back to cells: ``float`` objects and ``None``."""
    out = np.empty(len(numbers), dtype=object)
    out[:] = numbers.tolist()
    out[np.isnan(numbers)] = None
    return out

"""Many columns typed at once: the columns :func:`.types.infer_column` would surely read as empty or as plain
numbers, found and parsed together, so that a wide file does not pay pandas' fixed cost per column.

A column is taken here only when every cell is empty or a plain number text (``-12``, ``3.25``; no leading
zero, no sign on a zero, at most 13 digits before the mark, a decimal point only where the file's mark may be
a point) and its header names no identifier, date, time of day or length of time. For such a column every
rule of :func:`.types.infer_column` ends the same way: no yes/no word, date, clock or id reason fits, and
pandas reads every text as a number, so it is a number column "decimal point". Columns whose values could
still be something else (only 0 and 1: flags; only eight digits: compact dates) are left to
:func:`.types.infer_column`, as is every column with any other cell. The values are parsed by one
:func:`pandas.to_numeric` call over all the columns' texts, which reads each text as it would alone.

Workbook columns (:func:`type_workbook_numbers`) are taken when every cell is empty, a finite float or an
integer below 2**53 (exact as a float), but not -0.0, under such a header, and not whole numbers of 1e14 or
more (ids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import count_distinct, factorize_repeated, first_distinct
from .column_dtypes import category_codes, plain_whole_numbers
from .header_analysis import analyse_header
from .missing import Parsed
from .model import ColumnProfile
from .source_text import column_text, is_compact

#: Every present cell of a column, each after a NUL: plain numbers (decimal point or none). The repeats are
#: possessive (``*+``): a cell holds no NUL, so each repeat is one whole cell and none is ever given back, and
#: the engine keeps no state per repeat to give back (a plain ``*`` held about 430 bytes a cell: +480 MiB to
#: match a million cells, 0.4 s; possessive 0.08 s and nothing).
_PLAIN = {
    ".": re.compile(r"(?:\x00(?:-?(?:[1-9][0-9]{0,12}|0(?=\.))(?:\.[0-9]+)?|0))*+"),
    ",": re.compile(r"(?:\x00(?:-?[1-9][0-9]{0,12}|0))*+"),
}
_EIGHT_DIGITS = re.compile(r"(?:\x00[0-9]{8})++")
_EXACT_INT = 2**53
MAX_DIGITS = 13                 # before the decimal mark, as :data:`_PLAIN` reads them
PARSE_CELLS = 1 << 16           # texts parsed by one pd.to_numeric call; texts matched by one regex call
BY_COLUMN_UP_TO = 200           # a frame this wide or narrower is read column by column (the text reader's
                                # wider frames are one 2-D block: copied once)


def _flags(numbers: np.ndarray) -> bool:
    """Only 0 and 1, both present: perhaps a yes/no column (the full rules decide)."""
    zero = numbers == 0.0
    return bool((zero | (numbers == 1.0)).all() and zero.any() and not zero.all())


def _empty(header: str, index: pd.Index) -> tuple[np.ndarray, ColumnProfile]:
    return (np.full(len(index), np.nan),
            ColumnProfile(name=header, header=header, col_type="empty", n_missing=len(index)))


def _number_column(numbers: np.ndarray, positions: np.ndarray, n_rows: int) -> np.ndarray:
    typed = np.full(n_rows, np.nan)
    typed[positions] = numbers
    return typed


def _plain_header(header: str) -> bool:
    about = analyse_header(header)
    return not (about.identifier or about.date or about.strong_date or about.time_of_day or about.duration)


def type_plain_columns(values: pd.DataFrame, filled: np.ndarray, headers: list[str], decimal: str | None,
                       skip: set[int]) -> dict[int, tuple[np.ndarray, ColumnProfile]]:
    """Typed values (float arrays, one per row of ``values``) and profile of each column (by position) that is
    empty or of plain numbers.

    ``values`` holds strings and ``None``; ``filled`` (2-D) is True exactly where a cell holds a string;
    ``headers`` are what :func:`.types.infer_column` would be given; columns in ``skip`` (a type chosen by
    the user) are left alone, as are all others that need the full rules.

    >>> frame = pd.DataFrame({"a": ["1.5", None, "-2"], "b": [None, None, None], "c": ["x", "1", "2"]}, dtype=object)
    >>> done = type_plain_columns(frame, frame.notna().to_numpy(), ["a", "b", "c"], None, set())
    >>> sorted(done), done[0][0].tolist(), done[0][1].n_distinct, done[1][1].col_type
    ([0, 1], [1.5, nan, -2.0], 2, 'empty')
    """
    plain = _PLAIN["," if decimal == "," else "."]
    index = values.index
    done: dict[int, tuple[np.ndarray, ColumnProfile]] = {}
    taken: list[_Taken] = []
    text_columns = [i for i, (_name, column) in enumerate(values.items())
                    if (column.dtype == object or is_compact(column)) and i not in skip]
    column_of = _column_reader(values, text_columns)
    dtypes = values.dtypes
    for at, i in enumerate(text_columns):
        column_filled = filled[:, i]
        if not column_filled.any():
            done[i] = _empty(headers[i], index)
            continue
        if not _plain_header(headers[i]) or not _categories_plain(dtypes.iloc[i], plain):
            continue
        positions = np.flatnonzero(column_filled)
        if dtypes.iloc[i].kind == "S" and _whole_from_bytes(values.iloc[:, i].to_numpy()[positions], positions,
                                                           headers[i], len(index), done, i):
            continue
        known = category_codes(values.iloc[:, i].array) if isinstance(dtypes.iloc[i], pd.CategoricalDtype) else None
        if known is not None:                   # (the parser's categories: no string made of each cell)
            item = _Taken(i, positions, known[1], known[0][positions])
        else:
            cells = column_of(at, i)[positions]
            repeated = factorize_repeated(cells)     # (values that repeat are matched and parsed once each)
            item = _Taken(i, positions, cells) if repeated is None else \
                _Taken(i, positions, repeated[1], repeated[0])
        if _all_match(plain, item.texts) and not _all_match(_EIGHT_DIGITS, item.texts):
            taken.append(item)
    del column_of
    for group in _groups(taken):
        numbers = pd.to_numeric(np.concatenate([item.texts for item in group])).astype("float64")
        ends = np.cumsum([len(item.texts) for item in group])
        for item, end in zip(group, ends):
            parsed = numbers[end - len(item.texts):end]
            column = parsed if item.codes is None else parsed[item.codes]
            if _flags(column):
                continue
            n_distinct, examples = (len(item.texts), item.texts[:3].tolist()) if item.codes is not None else \
                (_distinct_texts(item.texts, column), first_distinct(item.texts, 3))
            done[item.column] = _plain_number_column(column, item.positions, headers[item.column], len(index),
                                                     n_distinct, examples)
    return done


def _plain_number_column(numbers: np.ndarray, positions: np.ndarray, header: str, n_rows: int, n_distinct: int,
                         examples: list[str]) -> tuple[np.ndarray, ColumnProfile]:
    return (_number_column(numbers, positions, n_rows),
            ColumnProfile(name=header, header=header, col_type="number", detail="decimal point",
                          n_values=len(positions), n_missing=n_rows - len(positions), n_distinct=n_distinct,
                          examples=examples))


def _whole_from_bytes(present: np.ndarray, positions: np.ndarray, header: str, n_rows: int,
                      done: dict[int, tuple[np.ndarray, ColumnProfile]], column: int) -> bool:
    """Type a column held as the text parser's bytes (its ``present`` values at ``positions``) whose values are
    all plain whole numbers (no sign, no leading zero: callers' numbers), read from the bytes without making a
    string of each (10,000,000 callers' strings took about 18 s and 700 MB); it goes in ``done`` unless its
    values could still be something else (flags, compact dates), as the texts' way decides. False when its
    values are not all such numbers: then the texts' way types it.

    Such a text and its number make each other (``str(int(text)) == text``): the number of distinct texts is
    that of distinct numbers, and the first distinct texts are the first distinct numbers written out."""
    whole = plain_whole_numbers(present, MAX_DIGITS)
    if whole is None:
        return False
    numbers = whole.astype("float64")
    eight_digits = bool(((whole >= 10**7) & (whole < 10**8)).all())
    if not (eight_digits or _flags(numbers)):
        ordered = np.sort(whole)
        n_distinct = int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1
        del ordered
        done[column] = _plain_number_column(numbers, positions, header, n_rows, n_distinct,
                                            [str(v) for v in first_distinct(whole, 3)])
    return True


@dataclass
class _Taken:
    """A column of plain numbers: its filled ``positions`` and their ``texts``, or, with ``codes``, the distinct
    texts (in order of first appearance) and each filled cell's code into them."""

    column: int
    positions: np.ndarray
    texts: np.ndarray
    codes: np.ndarray | None = None


def _column_reader(values: pd.DataFrame, text_columns: list[int]):
    """``read(at, i)``: the cells of column ``i`` (the ``at``-th of ``text_columns``) as an object array.

    A frame of up to :data:`BY_COLUMN_UP_TO` columns is read column by column (its own arrays, no copy: the
    copy of 11 columns of 10,000,000 rows was 880 MB; a compact column is made strings then, see
    :mod:`.source_text`); a wider one (one 2-D block of strings, thousands of columns) is copied once, not
    made a Series per column."""
    if values.shape[1] <= BY_COLUMN_UP_TO or any(is_compact(column) for _name, column in values.items()):
        return lambda at, i: column_text(values.iloc[:, i])
    cells = values.iloc[:, text_columns].to_numpy(dtype=object)
    return lambda at, i: cells[:, at]


def _categories_plain(dtype: object, plain: re.Pattern) -> bool:
    """False for a column held as categories (:mod:`.source_text`) of which one is no plain number: its cells
    cannot all be plain numbers, and are not made strings to find that out."""
    if not isinstance(dtype, pd.CategoricalDtype):
        return True
    texts = np.asarray(dtype.categories, dtype=object)
    return _all_match(plain, texts[texts != ""])


def _all_match(pattern: re.Pattern, texts: np.ndarray) -> bool:
    """True when ``pattern`` matches the texts, each after a NUL, joined; :data:`PARSE_CELLS` texts at a
    time (a repeat of the pattern is one whole text, so the pieces match when the whole does)."""
    return all(pattern.fullmatch("\x00" + "\x00".join(texts[start:start + PARSE_CELLS]))
               for start in range(0, len(texts), PARSE_CELLS))


def _distinct_texts(texts: np.ndarray, numbers: np.ndarray) -> int:
    """How many distinct texts ``texts`` holds (``numbers``: their values), counted through the sorted values
    (a dict of 10,000,000 callers' numbers took GBs)."""
    ok = pd.Series(np.ones(len(numbers), dtype=bool))
    return count_distinct(texts, Parsed("number", pd.Series(numbers, copy=False), ok))


def _groups(taken: list[_Taken]) -> list[list[_Taken]]:
    """The columns in groups of about :data:`PARSE_CELLS` cells (pandas' parse holds several arrays of its
    input's length at once: a million cells at a time would add tens of MB to the peak)."""
    groups: list[list] = [[]]
    size = 0
    for item in taken:
        if size >= PARSE_CELLS:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item.texts)
    return groups if groups[0] else []


def _exact(cell: object) -> bool:
    """A cell that is a float, or an int that a float holds exactly."""
    return type(cell) is int and -_EXACT_INT < cell < _EXACT_INT or type(cell) is float


def _first_present(cells: np.ndarray) -> object | None:
    """The first cell that is not ``None`` (``None`` when there is none), found without a list of every cell."""
    step = 1024
    for start in range(0, len(cells), step):
        piece = cells[start:start + step].tolist()
        found = next((cell for cell in piece if cell is not None), None)
        if found is not None:
            return found
    return None


def type_workbook_numbers(values: pd.DataFrame, headers: list[str],
                          skip: set[int]) -> dict[int, tuple[np.ndarray, ColumnProfile]]:
    """Typed values and profile of each workbook column (by position) of plain numbers and empty cells.

    >>> frame = pd.DataFrame({"a": [1.5, None, 2], "b": [3, "x", 1.0], "c": [None] * 3}, dtype=object)
    >>> done = type_workbook_numbers(frame, ["Amount", "Score", "Notes"], set())
    >>> sorted(done), done[0][0].tolist(), done[0][1].examples, done[2][1].col_type
    ([0, 2], [1.5, nan, 2.0], ['1.5', '2'], 'empty')
    """
    index = values.index
    done: dict[int, tuple[np.ndarray, ColumnProfile]] = {}
    object_columns = [i for i, dtype in enumerate(values.dtypes) if dtype == object and i not in skip]
    for i in object_columns:
        header, cells = headers[i], values.iloc[:, i].to_numpy(dtype=object)
        first = _first_present(cells)
        if first is None:
            done[i] = _empty(header, index)
            continue
        if not _plain_header(header) or not _exact(first):     # (a column of texts or dates ends here)
            continue
        present = [v for v in cells.tolist() if v is not None]
        if not all(map(_exact, present)):
            continue
        numbers = np.array(present, dtype=np.float64)
        if not np.isfinite(numbers).all() or _flags(numbers) or (np.signbit(numbers) & (numbers == 0)).any() or \
                ((numbers % 1 == 0).all() and (np.abs(numbers) >= 1e14).any()):     # (pandas may drop -0.0's sign)
            continue
        distinct = list(dict.fromkeys(present))
        done[i] = (_number_column(numbers, np.flatnonzero(cells != None), len(index)),  # noqa: E711
                   ColumnProfile(name=header, header=header, col_type="number", detail="workbook numbers",
                                 n_values=len(present), n_missing=len(index) - len(present),
                                 n_distinct=len(distinct),
                                 examples=[str(int(v)) if v % 1 == 0 else str(v) for v in distinct[:3]]))
    return done

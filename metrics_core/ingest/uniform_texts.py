"""A workbook's column of texts written all alike (time stamps as text), as the bytes a text file's would be.

An export may write its time stamps as texts (``'2024-01-01 09:30:00'``, inline strings), not as dates: the
workbook's cells are then a million ``str`` objects, which typing cleaned, sampled and parsed as strings (0.3 s a
column of a million).  When every text of such a column has one shape (the same length, the same characters
where one is not a digit, digits everywhere else, a digit first and last), none needs any clean-up: all are
ASCII, none starts or ends with a space, none is a missing marker (none of those starts with a digit).  Such a
column is then typed from its bytes, as a text file's column of time stamps is
(:func:`.types.infer_date_bytes`, which answers what typing the strings answers, or ``None``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_LENGTH = 6           # (shorter texts are not time stamps: '1.5.24' is the shortest date worth the look)
MAX_LENGTH = 40
LOOKED_AT = 4096         # cells looked at for the first filled one


def uniform_bytes(column: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """The texts of a column of ``str`` (``None`` or NaN where empty) as ``S<length>`` bytes (``b""`` where
    empty) and the mask of filled cells, when every text has the shape of the first; ``None`` otherwise (a cell
    that is not a ``str``, a text of another length or with another character where the first has no digit).

    >>> texts, filled = uniform_bytes(pd.Series(["2024-03-01 09:00", None, "2024-12-31 23:59"], dtype=object))
    >>> texts.tolist(), filled.tolist()
    ([b'2024-03-01 09:00', b'', b'2024-12-31 23:59'], [True, False, True])
    >>> [uniform_bytes(pd.Series(["2024-03-01", v], dtype=object)) for v in ("2024-03-1", "2024/03/01", " 024-03-01", 7)]
    [None, None, None, None]
    """
    cells = column.to_numpy(dtype=object)
    first = _first_text(cells)
    if first is None:
        return None
    filled = ~pd.isna(cells)
    try:
        joined = "\0".join(cells[filled].tolist() if not filled.all() else cells.tolist())
    except TypeError:                       # (a cell that is not a ``str``)
        return None
    length, n_texts = len(first), int(filled.sum())
    if not joined.isascii() or len(joined) != n_texts * (length + 1) - 1:
        return None
    flat = np.frombuffer((joined + "\0").encode("ascii"), dtype=np.uint8)
    if np.count_nonzero(flat == 0) != n_texts:          # (a 0 byte inside a text)
        return None
    grid = flat.reshape(n_texts, length + 1)            # (no text holds a 0 byte: each ends where a row does,
    shape = np.frombuffer(first.encode("ascii"), dtype=np.uint8)    # if every row ends in one)
    if grid[:, length].any() or not _of_shape(grid[:, :length], shape):
        return None
    out = np.zeros(len(cells), dtype=f"S{length}")
    out[filled] = np.ascontiguousarray(grid[:, :length]).view(f"S{length}").ravel()
    return out, filled


def uniform_of_bytes(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`uniform_bytes` of a column of texts all of one length in ASCII (``str``, ``None`` where empty) held as
    ``texts``, their bytes (``S<length>``, ``b""`` where empty: a plain sheet's, see
    :meth:`.sheet_columns.SheetColumns.uniform_texts`), without the ``str`` objects.

    >>> texts, filled = uniform_of_bytes(np.array([b"", b"2024-03-01 09:00", b"2024-12-31 23:59"]))
    >>> texts.tolist(), filled.tolist()
    ([b'', b'2024-03-01 09:00', b'2024-12-31 23:59'], [False, True, True])
    >>> [uniform_of_bytes(np.array([b"2024-03-01", v])) for v in (b"2024/03/01", b" 024-03-01", b"2024-03-0|")]
    [None, None, None]
    """
    filled = texts != b""
    length = texts.dtype.itemsize
    looked_at = np.flatnonzero(filled[:LOOKED_AT])
    if not len(looked_at) or not MIN_LENGTH <= length <= MAX_LENGTH:
        return None
    grid = texts.view(np.uint8).reshape(len(texts), length)
    shape = grid[looked_at[0]]
    digit = (shape - np.uint8(48)) < 10
    if not (digit[0] and digit[-1]) or (shape == 0).any() or (shape >= 128).any():
        return None                         # (the first text's checks: see _first_text)
    if not _of_shape(grid[filled] if not filled.all() else grid, shape):      # (a 0 byte fits no shape)
        return None
    return texts, filled


def _of_shape(grid: np.ndarray, shape: np.ndarray) -> bool:
    """Whether every row of ``grid`` (texts' bytes, one text a row) has the ``shape`` of the first text: a digit
    where it has a digit, its very byte elsewhere (bytes below the low end wrap round to large ones)."""
    digit = (shape - np.uint8(48)) < 10
    low, span = np.where(digit, np.uint8(48), shape), np.where(digit, np.uint8(10), np.uint8(1))
    return bool(((grid - low) < span).all())


def _first_text(cells: np.ndarray) -> str | None:
    """The column's first filled cell (among its first :data:`LOOKED_AT`) when it is an ASCII ``str`` of a
    plausible length that starts and ends with a digit and holds no 0 byte; else ``None`` (texts of other shapes,
    numbers, dates: the column's usual way)."""
    for cell in cells[:LOOKED_AT].tolist():
        if cell is None or (isinstance(cell, float) and cell != cell):
            continue
        if type(cell) is not str or not MIN_LENGTH <= len(cell) <= MAX_LENGTH or not cell.isascii() or \
                not (cell[0].isdigit() and cell[-1].isdigit()) or "\0" in cell:
            return None
        return cell
    return None

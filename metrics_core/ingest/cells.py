"""The cells of one column on their way to typed values: split, counted and spread back.

Text columns of a million rows hold either few distinct values (status, channel,
agent) or mostly distinct ones (ids, timestamps). The first kind is factorized
once and every distinct text is cleaned and parsed once; the second kind is
cleaned and parsed as a whole with vectorised pandas/numpy calls. Either way no
Python code runs once per cell.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .missing import MARKER_VARIANTS, ODD_SPACE_TABLE, Parsed, clean_strings, is_text_array, missing_mask

FLOAT_TYPES = frozenset({"number", "percent", "duration", "time"})
BY_IDENTITY_FROM = 4096         # cells from which :func:`factorize_cells` groups the objects first


@dataclass
class TextCells:
    """The present cells of a text column, cleaned, either whole or as codes into distinct values.

    ``positions`` are the positions of present cells in the column. Exactly one of
    ``texts`` (every present cell) and ``codes`` (index of each present cell into
    ``distinct``) is set; ``distinct`` (first-appearance order) may be set with ``texts``.
    """

    positions: np.ndarray
    n_missing: int
    texts: np.ndarray | None = None
    codes: np.ndarray | None = None
    distinct: np.ndarray | None = None

    def all_texts(self) -> np.ndarray:
        return self.texts if self.texts is not None else self.distinct[self.codes]


def factorize_cells(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(cells)`` (codes, -1 where missing, and distinct values in order of first appearance)
    for an object array, faster when its repeated values are mostly one object each.

    A column read as categories (status, channel, agent) holds one ``str`` object per distinct text: the
    objects are grouped by address first (an integer factorize), then their few distinct objects by value,
    instead of hashing the text of every cell (pandas encodes each string to hash it: about four times as
    long). Columns of mostly distinct objects (ids, timestamps) are factorized by value directly.

    >>> codes, distinct = factorize_cells(np.array(["Open", None, "Closed", "Open"] * 2000, dtype=object))
    >>> codes[:5].tolist(), distinct.tolist()
    ([0, -1, 1, 0, 0], ['Open', 'Closed'])
    """
    if cells.dtype != object or len(cells) < BY_IDENTITY_FROM:
        return pd.factorize(cells)
    return factorize_repeated(cells) or pd.factorize(cells)


def factorize_repeated(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`factorize_cells` of an object array when at most half its cells are distinct objects (grouped by
    address, then their objects by value); ``None`` when more are, or when more than half of its first
    :data:`BY_IDENTITY_FROM` cells are (nothing hashed then: 10,000,000 distinct objects took about 400 MB).

    >>> codes, distinct = factorize_repeated(np.array(["3", "1", "3", "3"], dtype=object))
    >>> codes.tolist(), distinct.tolist()
    ([0, 1, 0, 0], ['3', '1'])
    >>> factorize_repeated(np.array(["3", "1", "2"], dtype=object)) is None
    True
    """
    n = len(cells)
    if len(set(map(id, cells[:BY_IDENTITY_FROM].tolist()))) > BY_IDENTITY_FROM // 2:
        return None
    cells = np.ascontiguousarray(cells)
    addresses = np.ctypeslib.as_array((ctypes.c_ssize_t * n).from_address(cells.ctypes.data))  # (read, not kept)
    object_codes, objects = pd.factorize(addresses)
    if len(objects) > n // 2:
        return None
    value_codes, distinct = pd.factorize(cells[first_positions(object_codes)])
    return value_codes[object_codes], distinct


def first_positions(codes: np.ndarray) -> np.ndarray:
    """Where each code first comes, for codes that come in order 0, 1, 2 … (``pd.factorize``'s; -1 left out):
    where their running maximum grows. Two arrays of the codes' length at most (10,000,000 cells: 90 MB).

    >>> first_positions(np.array([-1, 0, 0, 1, -1, 0, 2, 1])).tolist()
    [1, 3, 6]
    """
    running = np.maximum.accumulate(codes)
    grows = np.flatnonzero(running[1:] != running[:-1])
    del running
    grows += 1
    return np.concatenate(([0], grows)) if len(codes) and codes[0] >= 0 else grows


def split_factorized(cells: np.ndarray) -> TextCells | None:
    """Present cells of a text column as codes into distinct cleaned values (cleaned once per value).

    ``None`` when some cell is neither a string nor missing (workbook numbers, dates …).

    >>> split = split_factorized(np.array([" Open", "Closed", None, "n/a", "Open"], dtype=object))
    >>> split.positions.tolist(), split.codes.tolist(), split.distinct.tolist(), split.n_missing
    ([0, 1, 4], [0, 1, 0], ['Open', 'Closed'], 2)
    """
    return split_codes(*factorize_cells(cells))


def split_codes(codes: np.ndarray, uniques: np.ndarray) -> TextCells | None:
    """:func:`split_factorized` of a column given as ``pd.factorize``'s answer for it: ``codes`` (-1 where
    missing) and ``uniques`` (an object array, ours to change), the distinct values in order of first
    appearance."""
    if not is_text_array(uniques):
        return None
    cleaned = clean_strings(uniques)       # (``uniques`` is ours to change)
    cleaned[missing_mask(cleaned)] = None
    merged, distinct = pd.factorize(cleaned)
    codes = np.append(merged, -1)[codes]          # missing cells (code -1) stay -1
    present = codes >= 0
    if present.all():
        return TextCells(np.arange(len(codes)), 0, codes=codes, distinct=distinct)
    positions = np.flatnonzero(present)
    return TextCells(positions, len(codes) - len(positions), codes=codes[positions], distinct=distinct)


def split_whole(cells: np.ndarray, filled: np.ndarray | None = None, clean: bool = False) -> TextCells | None:
    """Present cells of a text column, each cleaned (for columns of mostly distinct values).

    ``None`` when some cell is neither a string nor missing. ``filled`` and ``clean``, when
    given, say which cells are strings and that they need no clean-up (see :func:`split_text_cells`).
    """
    if filled is not None:
        positions = np.arange(len(cells)) if filled.all() else np.flatnonzero(filled)
        texts = cells if len(positions) == len(cells) else cells[positions]
        if clean:
            return TextCells(positions, len(cells) - len(positions), texts=texts)
        texts = clean_strings(texts)
    elif pd.api.types.infer_dtype(cells, skipna=False) == "string":     # strings only: nothing is missing
        positions, texts = np.arange(len(cells)), clean_strings(cells)
    elif not is_text_array(cells):
        return None
    else:
        positions = np.flatnonzero(~pd.isna(cells))
        texts = clean_strings(cells[positions])
    if not MARKER_VARIANTS.isdisjoint(texts):
        keep = ~pd.Series(texts).isin(MARKER_VARIANTS).to_numpy()
        positions, texts = positions[keep], texts[keep]
    return TextCells(positions, len(cells) - len(positions), texts=texts)


def split_text_cells(cells: np.ndarray, factorize_below: int = 5000, sample: int = 4000,
                     filled: np.ndarray | None = None, clean: bool = False) -> TextCells | None:
    """The present cells of a column of strings, split the way its number of distinct values suits.

    ``None`` when the column is not all strings (and missing cells): workbook cells take another way.
    ``filled`` may say which cells are strings (all others being ``None``), as the text reader
    knows, and ``clean`` that those strings are ASCII, stripped and no missing markers.
    """
    if len(cells) < factorize_below:
        return split_factorized(cells)
    picked = cells[np.unique(np.random.default_rng(0).integers(0, len(cells), sample))]
    if filled is None and any(type(v) is not str and v is not None for v in picked) \
            and not is_text_array(picked):
        return None
    if mostly_distinct(picked, len(cells)):
        return split_whole(cells, filled, clean)
    return split_factorized(cells)


def mostly_distinct(sample: np.ndarray, n_cells: int) -> bool:
    """True when a random sample of a column's cells says more than half its present values are distinct.

    With ``D`` distinct values among ``n`` present ones, ``p`` sampled present values repeat
    about ``p²/2D`` times; ``D > n/2`` expects fewer than ``p²/n`` repeats. The sample must also
    show more than 100 distinct values, which the column then surely has (cleaning only merges).
    """
    cleaned = (v.translate(ODD_SPACE_TABLE).strip() for v in sample if type(v) is str)
    present = [v for v in cleaned if v not in MARKER_VARIANTS]
    n_distinct = len(set(present))
    if n_distinct <= 100:
        return False
    n_present = n_cells * len(present) / len(sample)
    return len(present) - n_distinct < len(present) ** 2 / n_present


def first_distinct(values: np.ndarray, count: int) -> list:
    """The first ``count`` distinct values in order of appearance.

    >>> first_distinct(np.array(["b", "b", "a", "c", "d"], dtype=object), 3)
    ['b', 'a', 'c']
    """
    seen: dict = {}
    for value in values:
        seen.setdefault(value, None)
        if len(seen) >= count:
            break
    return list(seen)


def count_distinct(texts: np.ndarray, parsed: Parsed) -> int:
    """Distinct texts of a column of mostly distinct values, counted through sortable keys; ``texts`` are strings,
    or the text parser's bytes (``S<width>``, UTF-8: equal bytes, equal texts).

    Equal texts parse to equal values, so only texts whose parsed value is shared need comparing.
    """
    if parsed.col_type != "datetime" and parsed.col_type not in FLOAT_TYPES:
        return _count_distinct_texts(texts)
    ok = parsed.ok.to_numpy(dtype=bool)
    if parsed.col_type == "datetime":
        keys = parsed.values.to_numpy(dtype="datetime64[us]").view(np.int64)[ok]
    else:
        keys = parsed.values.to_numpy(dtype="float64")[ok]
    ordered = np.sort(keys)
    same = ordered[1:] == ordered[:-1]
    n_failed_distinct = _n_distinct(texts[~ok]) if not ok.all() else 0
    if not same.any():
        return len(keys) + n_failed_distinct
    repeated = ordered[1:][same]                            # (sorted: its distinct values by their neighbours)
    shared = repeated[np.concatenate(([True], repeated[1:] != repeated[:-1]))]
    in_shared = pd.Series(keys).isin(shared).to_numpy()
    sharing = ok.copy()
    sharing[ok] = in_shared
    return int((~in_shared).sum()) + _n_distinct(texts[sharing]) + n_failed_distinct


def _n_distinct(texts: np.ndarray) -> int:
    """Distinct values of strings, or of bytes (``S<width>``: sorted, faster than hashing each)."""
    if texts.dtype.kind != "S" or not len(texts):
        return len(set(texts))
    ordered = np.sort(texts)
    return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1


def _count_distinct_texts(texts: np.ndarray) -> int:
    """Distinct texts (strings, or the parser's bytes); ASCII texts of up to 16 characters (bytes: any of up to
    16 bytes) are counted as 8-byte keys (much faster than hashing a million strings): sorted when one key holds
    them, else as pairs of keys.

    >>> _count_distinct_texts(np.array(["Z-0000001", "Z-0000002", "Z-0000001", "a"], dtype=object))
    3
    """
    if not len(texts):
        return 0
    if texts.dtype.kind == "S":         # the parser's bytes (UTF-8: equal bytes, equal texts)
        if texts.dtype.itemsize > 16:
            return _n_distinct(texts)
        packed, length = texts.astype("S16"), int(np.strings.str_len(texts).sum())
    else:
        try:
            packed = np.array(texts, dtype="S16")
        except UnicodeEncodeError:
            return len(set(texts))
        length = sum(map(len, texts))
    # every character of every text is one non-zero byte unless a text is longer than 16 or holds NUL
    if np.count_nonzero(packed.view(np.uint8)) != length:
        return _n_distinct(texts) if texts.dtype.kind == "S" else len(set(texts))
    words = packed.view(np.uint64).reshape(len(texts), 2)
    if not words[:, 1].any():               # all within 8 characters: one sortable key each
        ordered = np.sort(words[:, 0])
        return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1
    first, first_values = pd.factorize(words[:, 0])
    second, second_values = pd.factorize(words[:, 1])
    del packed, words
    pairs = first.astype(np.int64, copy=False)              # (ours: made a pair's number in place)
    pairs *= len(second_values)
    pairs += second
    del second
    span = len(first_values) * len(second_values)
    if span > 8 * len(pairs):
        return len(pd.unique(pairs))
    seen = np.zeros(span, dtype=bool)                        # a mark per possible pair, not a table of millions
    seen[pairs] = True                                       # (10,000,000 call ids: 10 MB instead of 900)
    return int(np.count_nonzero(seen))


def typed_series(parsed: Parsed, index: pd.Index, positions: np.ndarray,
                  codes: np.ndarray | None = None) -> pd.Series:
    """The typed column: parsed values (spread by ``codes`` when given) at ``positions``, missing elsewhere."""
    kind = parsed.col_type
    good = parsed.ok.to_numpy(dtype=bool)
    spread = (lambda a: a[codes]) if codes is not None else (lambda a: a)
    whole = len(positions) == len(index)
    if kind == "boolean":
        data, mask = np.zeros(len(index), dtype=bool), np.ones(len(index), dtype=bool)
        data[positions] = spread(parsed.values.to_numpy(dtype=bool, na_value=False) & good)
        mask[positions] = spread(~good)
        return pd.Series(pd.arrays.BooleanArray(data, mask), index=index)
    if kind == "datetime":
        values, fill = parsed.values.to_numpy(dtype="datetime64[us]"), np.datetime64("NaT", "us")
    elif kind in FLOAT_TYPES:
        values, fill = parsed.values.to_numpy(dtype="float64", na_value=np.nan), np.nan
    else:
        values, fill = parsed.values.to_numpy(dtype=object), None
    if not good.all():
        values = values.copy()
        values[~good] = fill
    if whole:
        out = spread(values)
    else:
        out = np.full(len(index), fill, dtype=values.dtype)
        out[positions] = spread(values)
    return pd.Series(out, index=index, dtype="str" if values.dtype == object else None, copy=False)

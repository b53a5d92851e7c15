"""Per-column type inference: the raw cells of one column in, typed values and a profile out.

The type is decided from the whole column. Formats are detected on a sample and
then applied to every value with vectorised pandas parsing; values that do not
fit become missing and are reported, with their source row numbers, in the
column's :class:`~metrics_core.ingest.model.ColumnProfile`.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Sequence

import numpy as np
import pandas as pd

from . import booleans, dates, durations, numbers
from .cells import (TextCells, count_distinct, first_distinct, first_positions, mostly_distinct, split_codes,
                    split_text_cells, typed_series)
from .column_dtypes import ID_STRINGS, number_id_strings, strings_of
from .header_analysis import analyse_header
from .missing import MISSING_MARKERS, Parsed, clean_cells, empty_float, is_missing, missing_mask
from .model import COLUMN_TYPES, ColumnProfile, ParseIssue
from .native_cells import combine, float_text, forced_numbers, native, refine_numbers
from .workbook_dates import boxed
from ..column_facts import column_fact
from ..i18n import N_, Message, _
from ..progress import Reporter

__all__ = ["MISSING_MARKERS", "infer_column", "infer_frame", "is_missing"]

log = logging.getLogger(__name__)

ACCEPT_SHARE = 0.8          # share of present values that must parse for a type to be chosen
DATE_HEADER_SHARE = 0.5     # ... for dates when the header says date
MAX_CATEGORIES = 50
SAMPLE_SIZE = 500            # values looked at before a whole column is parsed as numbers
FACTORIZE_BELOW = 5000       # text columns shorter than this are always split into distinct values
DISTINCT_SAMPLE = 1000       # sample that tells a column of mostly distinct texts (ids, timestamps)
MAX_FAILURES_LISTED = 5


def _stringify(cell: object) -> str:
    """A workbook cell as the text a person would type."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
        return cell.strftime("%Y-%m-%d")
    return str(cell)


def _as_text(present: pd.Series, kind: str, source: np.ndarray | None = None) -> pd.Series:
    """The texts of workbook cells (``source``: the bytes they were read from, when the reader holds them)."""
    if kind == "string":
        return present
    if kind == "floating":             # number texts hold no spaces and no missing markers: nothing to clean
        numbers = present.to_numpy(dtype=np.float64)
        made = number_id_strings(numbers, source)
        if made is None:
            return pd.Series(float_text(numbers), index=present.index, dtype=object)
        text = pd.Series(made[0], index=present.index, dtype=object)
        column_fact(text, ID_STRINGS, lambda: (source, made[1]))   # (the canonical ids: not made again)
        return text
    cells = [_stringify(v) for v in present.to_numpy(dtype=object)]
    return pd.Series(clean_cells(cells), index=present.index, dtype=object)


def _text_kind(text: pd.Series, distinct: np.ndarray | None, n_rows: int) -> Parsed:
    """Category when few distinct values repeat, otherwise text (ids decided by the caller).

    ``distinct`` is ``None`` when the column is known to hold many distinct values.
    """
    few = distinct is not None and len(distinct) <= MAX_CATEGORIES and len(distinct) <= 0.5 * n_rows
    kind = "category" if few else "text"
    return Parsed(kind, text, pd.Series(True, index=text.index))


def _as_ids(text: pd.Series, reason: str) -> Parsed:
    ids = text.str.removeprefix("'") if "'" in "".join(text.to_numpy(dtype=object)) else text
    return Parsed("id", ids, pd.Series(True, index=text.index), detail=reason)


def _share(parsed: Parsed, weights: np.ndarray | None) -> float:
    """Share of rows that parsed (``weights`` = rows per value when values are distinct texts)."""
    if weights is None:
        return parsed.share_ok
    return float(weights[parsed.ok.to_numpy(dtype=bool)].sum() / max(weights.sum(), 1))


def _numbers_from_text(text: pd.Series, header: str, decimal: str | None,
                       weights: np.ndarray | None) -> Parsed | None:
    parsed = numbers.plain_numbers(text, decimal)      # (a sample of such texts would be numbers too)
    if parsed is None and len(text) > SAMPLE_SIZE:
        sample = text.iloc[np.linspace(0, len(text) - 1, SAMPLE_SIZE).astype(int)]
        if numbers.parse_numbers(sample, decimal).share_ok < 0.5:
            return None
    if parsed is None:
        parsed = numbers.parse_numbers(text, decimal)
    share = _share(parsed, weights)
    if share >= 0.5 and (reason := numbers.id_reason(text, parsed.ok, share)):
        return _as_ids(text, reason)
    if share < ACCEPT_SHARE:
        return None
    if parsed.col_type == "percent":
        return parsed
    return refine_numbers(parsed, header)


def _detect_text(text: pd.Series, distinct: np.ndarray | None, header: str, decimal: str | None,
                 dayfirst: bool | None, weights: np.ndarray | None, n_rows: int) -> Parsed:
    if distinct is not None and (parsed := booleans.parse_words(text, distinct)) is not None:
        return parsed
    about = analyse_header(header)
    if about.identifier:
        return _as_ids(text, "identifier (from header)")
    parsed = dates.parse_dates(text, dayfirst=dayfirst, header=header)
    date_share = DATE_HEADER_SHARE if about.date else ACCEPT_SHARE
    if parsed is not None and _share(parsed, weights) >= date_share:
        return parsed
    parsed = durations.parse_clock(text, header)
    if parsed is not None and _share(parsed, weights) >= ACCEPT_SHARE:
        return parsed
    if (parsed := _numbers_from_text(text, header, decimal, weights)) is not None:
        return parsed
    return _text_kind(text, distinct, n_rows)


def _forced_text(text: pd.Series, header: str, forced: str, decimal: str | None, dayfirst: bool | None) -> Parsed:
    if forced == "id":
        return _as_ids(text, "identifier (as chosen)")
    if forced in {"text", "category"}:
        return Parsed(forced, text, pd.Series(True, index=text.index))
    if forced == "boolean":
        if (parsed := booleans.parse_words(text, pd.unique(text.to_numpy()))) is not None:
            return parsed
        nums = numbers.parse_numbers(text, decimal)
        ok = nums.ok & nums.values.isin([0.0, 1.0])
        return Parsed("boolean", nums.values.eq(1).astype("boolean"), ok, detail="0/1 flags")
    if forced == "datetime":
        parsed = dates.parse_dates(text, dayfirst=dayfirst, header=header, force=True)
        if parsed is not None and parsed.ok.any():
            return parsed
        nums = numbers.parse_numbers(text, decimal)
        return combine(dates.from_excel_serial(nums.values), nums.ok)
    if forced in {"time", "duration"}:
        parsed = durations.parse_clock(text, header, force=forced)
        if parsed is not None and parsed.share_ok >= 0.5:
            parsed.col_type = forced
            return parsed
        nums = numbers.parse_numbers(text, decimal)
        return forced_numbers(nums.values, header, forced, nums.ok)
    nums = numbers.parse_numbers(text, decimal)
    nums.col_type = forced
    return nums


def _parse(present: pd.Series, header: str, decimal: str | None, dayfirst: bool | None,
           forced: str | None, source: np.ndarray | None = None) -> tuple[Parsed, pd.Series, np.ndarray]:
    """Workbook cells: the parsed present values, their text and distinct texts (``source``: :func:`_as_text`)."""
    kind = pd.api.types.infer_dtype(present, skipna=True)
    parsed = None if kind == "string" else native(present, kind, header, forced)
    if parsed is not None:          # workbook cells: text is only needed for examples and failures
        parsed.ok = parsed.ok & parsed.values.notna()
        return parsed, present, _distinct_cells(present.to_numpy(), parsed)
    text = _as_text(present, kind, source)
    codes, distinct = _text_codes(text.to_numpy(), present, kind)
    cells = TextCells(np.arange(len(text)), 0, texts=text.to_numpy(), distinct=distinct)
    if len(distinct) <= 0.5 * len(text):
        cells = TextCells(cells.positions, 0, codes=codes, distinct=distinct)
    parsed = _parse_text(cells, header, decimal, dayfirst, forced)
    if cells.codes is not None:
        parsed.values = parsed.values.take(codes).set_axis(text.index)
        parsed.ok = parsed.ok.take(codes).set_axis(text.index)
    return parsed, text, distinct


def _text_codes(text: np.ndarray, present: pd.Series, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(text)`` of the texts :func:`_as_text` made of the ``present`` cells.  Numbers' texts
    (:func:`.native_cells.float_text`) are equal exactly where their numbers are (``-0.0`` and ``0.0`` both read
    '0', and pandas counts them as one), so a column of numbers is factorized on its float64 values and each
    code's text taken from its first cell; numbers that only grow (ids in order) are every one distinct: hashing
    a million id strings took 0.14-0.17 s, their numbers 0.07 s, the check that they grow 0.001 s.

    >>> codes, distinct = _text_codes(np.array(["7", "0", "7", "0"], dtype=object), pd.Series([7.0, 0.0, 7.0, -0.0]), "floating")
    >>> codes.tolist(), distinct.tolist()
    ([0, 1, 0, 1], ['7', '0'])
    """
    if kind != "floating":
        return pd.factorize(text)
    numbers = present.to_numpy(dtype=np.float64)
    if (numbers[1:] > numbers[:-1]).all():
        return np.arange(len(numbers)), text.copy()
    codes = pd.factorize(numbers)[0]
    return codes, text[first_positions(codes)]


def _distinct_cells(cells: np.ndarray, parsed: Parsed) -> np.ndarray:
    """``pd.unique(cells)``.  Cells that are all naive ``datetime`` and ``date`` objects, every one read, are told
    apart by their datetime64 values (exact to the microsecond, as the objects are) and, where both kinds are
    present, by their kind (a ``date`` never equals a ``datetime``, not even at midnight): hashing a million
    datetime objects took 0.3-0.4 s, factorizing their values 0.03 s.  (A workbook's date-time column holds
    ``date`` cells wherever a stamp falls on midnight: about 12 of a million random stamps.)"""
    values = parsed.values.to_numpy()
    if values.dtype.kind != "M" or not parsed.ok.all():
        return pd.unique(cells)
    kinds = set(map(type, cells))
    if not kinds or not kinds <= {dt.datetime, dt.date}:
        return pd.unique(cells)
    if dt.datetime in kinds and any(type(cell) is dt.datetime and cell.tzinfo is not None for cell in cells):
        return pd.unique(cells)
    codes = pd.factorize(values)[0]
    if len(kinds) > 1:                      # (each value's kind as its code's last bit: no copy of the cells)
        codes *= 2
        codes += np.fromiter((type(cell) is dt.date for cell in cells), dtype=bool, count=len(cells))
        codes = pd.factorize(codes)[0]
    return cells[first_positions(codes)]


def _parse_text(cells: TextCells, header: str, decimal: str | None, dayfirst: bool | None,
                forced: str | None) -> Parsed:
    """Type text cells: the distinct texts when ``cells`` has codes, otherwise every text.

    The result is aligned to ``cells.distinct`` or to ``cells.texts``.
    """
    repeats = cells.codes is not None
    subject = pd.Series(cells.distinct if repeats else cells.texts, dtype=object, copy=False)
    n_rows = len(cells.positions)
    weights = np.bincount(cells.codes, minlength=len(cells.distinct)) if repeats else None
    if forced is not None:
        parsed = _forced_text(subject, header, forced, decimal, dayfirst)
    else:
        parsed = _detect_text(subject, cells.distinct, header, decimal, dayfirst, weights, n_rows)
    if parsed.values is not subject:        # (texts kept as they are are never missing)
        parsed.ok = parsed.ok & parsed.values.notna()
    return parsed


def _parse_text_cells(cells: TextCells, header: str, decimal: str | None, dayfirst: bool | None,
                      forced: str | None, text_bytes: np.ndarray | None = None) -> tuple[Parsed, TextCells, int]:
    """Parse a text column the way its number of distinct values asks for; also count them (``text_bytes``: the
    column's texts as the parser's bytes, when they are its cells as they are: counted from those)."""
    n_rows = len(cells.positions)
    if cells.codes is not None and len(cells.distinct) > 0.5 * n_rows:
        cells = TextCells(cells.positions, cells.n_missing, texts=cells.all_texts(), distinct=cells.distinct)
    parsed = _parse_text(cells, header, decimal, dayfirst, forced)
    if cells.distinct is not None:
        return parsed, cells, len(cells.distinct)
    if text_bytes is not None and len(cells.positions) < len(text_bytes):
        text_bytes = text_bytes[cells.positions]            # (an id column is filled: no copy of its bytes)
    n_distinct = count_distinct(cells.texts if text_bytes is None else text_bytes, parsed)
    if n_distinct > 0.5 * n_rows:
        return parsed, cells, n_distinct
    codes, distinct = pd.factorize(cells.texts)       # values repeat after all: parse each once
    cells = TextCells(cells.positions, cells.n_missing, codes=codes, distinct=distinct)
    return _parse_text(cells, header, decimal, dayfirst, forced), cells, len(distinct)


def _profile(header: str, parsed: Parsed, bad: np.ndarray, text_at, n_missing: int, n_distinct: int,
             examples: list, rows: np.ndarray, positions: np.ndarray) -> ColumnProfile:
    """How the column was read; ``bad`` marks present cells that failed, ``text_at(i)`` gives their texts."""
    failing = np.flatnonzero(bad)[:MAX_FAILURES_LISTED]
    failures = [ParseIssue(int(r), _stringify(v)) for r, v in zip(rows[positions[failing]], text_at(failing))]
    return ColumnProfile(
        name=header, header=header, col_type=parsed.col_type, detail=parsed.detail, n_values=len(bad),
        n_missing=n_missing, n_failed=int(bad.sum()), failures=failures, n_distinct=n_distinct,
        examples=[_stringify(v) for v in examples], ambiguous=parsed.ambiguous,
        unit=parsed.unit, dayfirst=parsed.dayfirst, date_format=parsed.date_format, tz_offset=parsed.tz_offset,
    )


def _infer_text(values: pd.Series, cells: np.ndarray, header: str, rows: np.ndarray, decimal: str | None,
                dayfirst: bool | None, forced: str | None, filled: np.ndarray | None,
                clean: bool, text_bytes: np.ndarray | None = None,
                factorized: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[pd.Series, ColumnProfile] | None:
    """A column of strings (and missing cells), as text files give: cleaned and typed without per-cell loops.

    ``None`` when the column holds other values too (workbook cells).
    """
    split = split_text_cells(cells, FACTORIZE_BELOW, DISTINCT_SAMPLE, filled, clean) if factorized is None else \
        split_codes(*factorized)
    if split is None:
        return None
    if len(split.positions) == 0 or forced == "empty":
        return empty_float(values.index), ColumnProfile(name=header, header=header, col_type="empty",
                                                        n_missing=split.n_missing, n_values=len(split.positions))
    parsed, split, n_distinct = _parse_text_cells(split, header, decimal, dayfirst, forced,
                                                  text_bytes if clean else None)
    typed = typed_series(parsed, values.index, split.positions, split.codes)
    bad = ~parsed.ok.to_numpy(dtype=bool)
    if split.codes is not None:
        bad, text_at = bad[split.codes], (lambda i: split.distinct[split.codes[i]])
    else:
        text_at = split.texts.__getitem__
    examples = split.distinct[:3] if split.distinct is not None else first_distinct(split.texts, 3)
    profile = _profile(header, parsed, bad, text_at, split.n_missing, n_distinct, list(examples),
                       rows, split.positions)
    return typed, profile


def infer_column(values: pd.Series, header: str, row_numbers: Sequence[int] | np.ndarray | pd.Index, *,
                 decimal: str | None = None, dayfirst: bool | None = None,
                 forced_type: str | None = None, filled: np.ndarray | None = None,
                 clean: bool = False, text_bytes: np.ndarray | None = None,
                 factorized: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[pd.Series, ColumnProfile]:
    """Decide the type of one column from all its values and parse it.

    Parameters
    ----------
    values
        Raw cells: strings or ``None`` from text files; native numbers, dates,
        times, timedeltas, booleans, strings or ``None`` from workbooks.
    header
        The original header text (units and hints such as "in minutes" or "ID" live there).
    row_numbers
        1-based source row number of each value, used in failure reports.
    decimal, dayfirst
        Hints for the ambiguous cases ("1,234"; "04/05/2026"); the values win when they decide.
    forced_type
        One of :data:`~metrics_core.ingest.model.COLUMN_TYPES` to skip detection.
    filled
        When the caller knows it (text files): a boolean mask that is True exactly where
        ``values`` holds a string, every other cell being ``None``. Saves finding it out.
    clean
        With ``filled``: True when every string is known to be ASCII, stripped and not a
        missing marker (the text reader checks this on the bytes), so no clean-up is done.
    text_bytes
        With ``clean``: the text parser's bytes the strings were made of (``S<width>``); their
        distinct values are counted from those (equal bytes, equal texts). For a workbook's column of
        numbers (float64): the bytes each cell was read from, ``b""`` where empty; its numbers' texts are
        made from those when they are the same texts (:func:`.column_dtypes.number_id_strings`).
    factorized
        Instead of reading ``values``' cells (only its index is read then): what ``pd.factorize`` gives for
        them, codes (-1 where missing) and their distinct strings in order of first appearance (an object array,
        changed here), as a column of few values the text parser read as categories has it without a string
        made of each cell (:func:`.column_dtypes.category_codes`). The column is then split the way
        :func:`.cells.split_text_cells` splits a column of at most 100 distinct values.

    Returns
    -------
    tuple of (pandas.Series, ColumnProfile)
        Typed values with the same index, and how the column was read.

    Examples
    --------
    >>> typed, profile = infer_column(pd.Series(["1,5", "2,25", "n/a"]), "Handle Time (Hours)", [2, 3, 4])
    >>> typed.tolist(), profile.col_type, profile.unit
    ([5400.0, 8100.0, nan], 'duration', 'h')
    """
    if forced_type is not None and forced_type not in COLUMN_TYPES:
        raise ValueError(f"unknown column type {forced_type!r}; expected one of {', '.join(COLUMN_TYPES)}")
    values = pd.Series(values) if not isinstance(values, pd.Series) else values
    rows = np.asarray(row_numbers)
    if len(rows) != len(values):
        raise ValueError(f"column {header!r}: {len(values)} values but {len(rows)} row numbers")
    numbers = values.dtype.kind == "f"          # a workbook's column of numbers: typed without boxing them
    raw = None if factorized is not None else \
        values.to_numpy(dtype=np.float64) if numbers else values.to_numpy(dtype=object)
    if filled is not None and len(filled) != len(values):
        raise ValueError(f"column {header!r}: {len(values)} values but {len(filled)} filled flags")
    result = None if numbers else _infer_text(values, raw, header, rows, decimal, dayfirst,
                                                                forced_type, filled, clean and filled is not None,
                                                                text_bytes, factorized)
    if result is None:
        result = _infer_cells(values, raw, header, rows, decimal, dayfirst, forced_type,
                              text_bytes if numbers else None)
    typed, profile = result
    if profile.n_failed:
        log.debug("column %r: %d values are not %s", header, profile.n_failed, profile.col_type)
    return typed, profile


def infer_date_bytes(column: np.ndarray, filled: np.ndarray, header: str, row_numbers: np.ndarray | pd.Index,
                     index: pd.Index, dayfirst: bool | None = None) -> tuple[pd.Series, ColumnProfile] | None:
    """:func:`infer_column` of a column of timestamps held as the text parser's bytes (``S<width>``; ``filled``
    marks the cells that are not ``b""``), every value known to need no clean-up, for detection (no forced type),
    without making a string of every value; ``None`` unless the rules surely end in dates read by
    :func:`.dates.parse_date_bytes` (the caller then types the column's strings).

    >>> stamps = np.array([f"2024-03-{d // 1440 + 1:02d} {d // 60 % 24:02d}:{d % 60:02d}:00".encode() for d in range(6000)])
    >>> typed, profile = infer_date_bytes(stamps, stamps != b"", "Opened", np.arange(2, 6002), pd.RangeIndex(6000))
    >>> str(typed.iloc[-1]), profile.col_type, profile.detail, profile.examples
    ('2024-03-05 03:59:00', 'datetime', '%Y-%m-%d %H:%M:%S', ['2024-03-01 00:00:00', '2024-03-01 00:01:00', '2024-03-01 00:02:00'])
    """
    n_rows = len(column)
    if n_rows < FACTORIZE_BELOW or analyse_header(header).identifier:
        return None         # (short columns are factorized; an id header makes ids)
    picked = strings_of(column[np.unique(np.random.default_rng(0).integers(0, n_rows, DISTINCT_SAMPLE))])[0]
    positions = np.arange(n_rows) if filled.all() else np.flatnonzero(filled)
    if not len(positions) or not mostly_distinct(picked, n_rows):
        return None
    present = column if len(positions) == n_rows else column[positions]
    parsed = dates.parse_date_bytes(present, dayfirst=dayfirst, header=header)
    if parsed is None or (n_distinct := count_distinct(present, parsed)) <= 0.5 * len(positions):
        return None
    examples = [value.decode("utf-8") for value in first_distinct(present, 3)]
    profile = _profile(header, parsed, np.zeros(len(positions), dtype=bool), present.__getitem__, n_rows - len(positions),
                       n_distinct, examples, np.asarray(row_numbers), positions)
    return typed_series(parsed, index, positions), profile


def infer_workbook_dates(column: pd.Series, header: str,
                         row_numbers: np.ndarray | pd.Index) -> tuple[pd.Series, ColumnProfile] | None:
    """:func:`infer_column` (detection, no forced type) of a plain sheet's column of dates held as
    ``datetime64[ms]`` (:mod:`.workbook_dates`: ``date`` cells at midnight, ``datetime`` cells elsewhere), from
    its values, without a ``date`` or ``datetime`` object per cell; ``None`` where the cells' rules could end
    elsewhere (no date at all; every one in 1900 or before under a header that names a length of time).

    >>> stamps = np.array(["2024-03-01", "NaT", "2024-03-01T09:30:00.250", "2024-03-01"], dtype="datetime64[ms]")
    >>> typed, profile = infer_workbook_dates(pd.Series(stamps), "Opened", np.arange(2, 6))
    >>> str(typed.iloc[2]), profile.col_type, profile.n_missing, profile.n_distinct, profile.examples
    ('2024-03-01 09:30:00.250000', 'datetime', 1, 2, ['2024-03-01', '2024-03-01 09:30:00.250000'])
    """
    stamps = column.to_numpy()
    missing = np.isnat(stamps)
    positions = np.flatnonzero(~missing)
    if not len(positions):
        return None
    present = stamps[positions] if len(positions) < len(stamps) else stamps
    if (present < np.datetime64("1901-01-01")).all() and analyse_header(header).duration:
        return None
    values = pd.Series(present.astype("datetime64[us]"), copy=False)
    parsed = Parsed("datetime", values, values.notna(), detail="workbook dates")     # (as dates.from_native)
    codes, distinct = pd.factorize(present)           # (a cell's kind follows from its value: counted on values)
    examples = boxed(present[first_positions(codes)[:3]])
    profile = _profile(header, parsed, np.zeros(len(positions), dtype=bool), present.__getitem__,
                       int(missing.sum()), len(distinct), list(examples), np.asarray(row_numbers), positions)
    return typed_series(parsed, column.index, positions), profile


def _infer_cells(values: pd.Series, raw: np.ndarray, header: str, rows: np.ndarray, decimal: str | None,
                 dayfirst: bool | None, forced: str | None,
                 source: np.ndarray | None = None) -> tuple[pd.Series, ColumnProfile]:
    """A column of workbook cells (numbers, dates, booleans, strings mixed); ``raw`` is float64 for a column of
    numbers, whose present values then stay float64 (``NaN`` is missing); ``source``: :func:`infer_column`'s
    ``text_bytes``."""
    if raw.dtype.kind == "f":
        cells = raw
        missing = np.isnan(cells)
    else:
        cells = clean_cells(raw)
        missing = missing_mask(cells)
    positions = np.flatnonzero(~missing)
    if len(positions) == 0 or forced == "empty":
        profile = ColumnProfile(name=header, header=header, col_type="empty", n_missing=int(missing.sum()),
                                n_values=len(positions))
        return empty_float(values.index), profile
    present = pd.Series(cells[positions], dtype=cells.dtype)     # positional index: helpers never see labels
    if source is not None:          # (the bytes of the present cells)
        source = None if len(source) != len(values) else source if len(positions) == len(source) else source[positions]
    parsed, text, distinct = _parse(present, header, decimal, dayfirst, forced, source)
    typed = typed_series(parsed, values.index, positions)
    text_cells = text.to_numpy()
    profile = _profile(header, parsed, ~parsed.ok.to_numpy(dtype=bool), text_cells.__getitem__,
                       int(missing.sum()), len(distinct), list(distinct[:3]), rows, positions)
    return typed, profile


def infer_frame(raw: pd.DataFrame, row_numbers: Sequence[int] | np.ndarray | pd.Index, *,
                decimal: str | None = None, dayfirst: bool | None = None,
                forced_types: dict[str, str] | None = None,
                reporter: Reporter | None = None) -> tuple[pd.DataFrame, list[ColumnProfile]]:
    """Type every column of a raw table with :func:`infer_column`.

    ``forced_types`` maps column names to a :data:`COLUMN_TYPES` value. The
    result has the same index and column labels as ``raw``.

    >>> frame, profiles = infer_frame(pd.DataFrame({"n": ["1", "2"], "ok": ["Da", "Ne"]}), [2, 3])
    >>> [p.col_type for p in profiles], frame["ok"].tolist()
    (['number', 'boolean'], [True, False])
    """
    forced_types = forced_types or {}
    reporter = reporter or Reporter()
    columns: dict[int, pd.Series] = {}
    profiles: list[ColumnProfile] = []
    for i, label in enumerate(raw.columns):
        reporter.step(i / max(len(raw.columns), 1), _("Reading the values of column “{column}”", column=label))
        typed, profile = infer_column(raw.iloc[:, i], str(label), row_numbers, decimal=decimal,
                                      dayfirst=dayfirst, forced_type=forced_types.get(str(label)))
        columns[i] = typed
        profiles.append(profile)
    if dayfirst is None:
        _follow_decided_date_order(raw, row_numbers, columns, profiles, forced_types)
    frame = pd.concat(columns, axis=1) if columns else pd.DataFrame(index=raw.index)
    frame.columns = raw.columns
    reporter.step(1.0, _("Column types decided"))
    return frame, profiles


def _follow_decided_date_order(raw: pd.DataFrame, row_numbers, columns: dict[int, pd.Series],
                               profiles: list[ColumnProfile], forced_types: dict[str, str]) -> None:
    """Give undecided date columns the day/month order that other columns of the same table prove.

    A file writes every date the same way: when "End Date" holds 9/30/2014 (month first) and
    "Start Date" only holds values like 10/1/2013, the start dates are month-first too.
    """
    decided = {p.dayfirst for p in profiles if p.col_type == "datetime" and p.dayfirst is not None and not p.ambiguous}
    if len(decided) != 1:
        return
    order = decided.pop()
    witness = next(p.header for p in profiles if p.col_type == "datetime" and p.dayfirst is order and not p.ambiguous)
    for i, profile in enumerate(profiles):
        if profile.col_type != "datetime" or not profile.ambiguous or profile.dayfirst is None:
            continue
        typed, again = infer_column(raw.iloc[:, i], str(raw.columns[i]), row_numbers, dayfirst=order,
                                    forced_type=forced_types.get(str(raw.columns[i])))
        if again.col_type != "datetime":
            continue
        again.ambiguous = Message(
            N_("No date in this column decides whether the day or the month comes first; day-first, as column "
               "“{column}” shows.") if order else
            N_("No date in this column decides whether the day or the month comes first; month-first, as column "
               "“{column}” shows."), {"column": witness})
        columns[i], profiles[i] = typed, again

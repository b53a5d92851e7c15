"""Numbers that are really dates, times, durations or 0/1 flags, and native workbook cells.

Used by :mod:`.types` once a column's values are known to be numbers (parsed from
text or native workbook numbers), or when a workbook gives dates, times or booleans.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from . import booleans, dates, durations
from .header_analysis import analyse_header
from .missing import Parsed

NUMERIC_KINDS = {"integer", "floating", "mixed-integer-float", "decimal"}
_NATIVE_DATE_KINDS = {"datetime", "datetime64", "date"}
_NATIVE_CLOCK_KINDS = {"time", "timedelta", "timedelta64"}


def refine_numbers(parsed: Parsed, header: str) -> Parsed:
    """Numbers that are really dates, times, durations or flags, judged by header and values."""
    values = parsed.values
    present = values[parsed.ok]
    about = analyse_header(header)
    if about.strong_date and dates.looks_like_serials(present):
        return combine(dates.from_excel_serial(values), parsed.ok)
    if about.time_of_day and len(present) and present.between(0, 1, inclusive="left").all():
        return Parsed("time", values * 86400.0, parsed.ok, detail="Excel fractions of a day")
    if (as_duration := durations.from_numbers(values, header)) is not None:
        return combine(as_duration, parsed.ok)
    if about.date and dates.looks_like_serials(present):
        return combine(dates.from_excel_serial(values), parsed.ok)
    if booleans.is_flag_column(present, header):
        return combine(booleans.flags_to_boolean(values), parsed.ok)
    return parsed


def combine(parsed: Parsed, ok: pd.Series) -> Parsed:
    """``parsed`` with only the values that were also ``ok`` before marked as parsed."""
    parsed.ok = parsed.ok & ok
    return parsed


def forced_numbers(values: pd.Series, header: str, forced: str, ok: pd.Series) -> Parsed:
    if forced == "datetime":
        return combine(dates.from_excel_serial(values), ok)
    if forced == "time":
        in_day = values.between(0, 1, inclusive="left")
        return Parsed("time", (values * 86400.0).where(in_day), ok & in_day, detail="Excel fractions of a day")
    if forced == "duration":
        return combine(durations.from_numbers(values, header, force=True), ok)
    if forced == "boolean":
        return Parsed("boolean", values.eq(1).astype("boolean"), ok & values.isin([0.0, 1.0]), detail="0/1 flags")
    return Parsed(forced, values, ok)


def native_numbers(present: pd.Series, header: str, forced: str | None) -> Parsed | None:
    values = present if present.dtype.kind == "f" else pd.to_numeric(present.astype(object), errors="coerce").astype("float64")
    ok = values.notna()
    if forced in {"number", "percent", "datetime", "time", "duration", "boolean"}:
        return forced_numbers(values, header, forced, ok)
    if forced is not None:
        return None
    whole = values.dropna()
    if analyse_header(header).identifier or ((whole % 1 == 0).all() and (whole.abs() >= 1e14).any()):
        return None
    return refine_numbers(Parsed("number", values, ok, detail="workbook numbers"), header)


def native(present: pd.Series, kind: str, header: str, forced: str | None) -> Parsed | None:
    """Typed values straight from workbook cells; ``None`` sends the column through the text rules."""
    if kind in NUMERIC_KINDS:
        return native_numbers(present, header, forced)
    if kind == "boolean" and forced in (None, "boolean"):
        return booleans.parse_native(present)
    if kind in _NATIVE_DATE_KINDS and forced in (None, "datetime", "duration"):
        stamps = pd.to_datetime(present.astype(object), errors="coerce")
        old = stamps.dropna()
        if forced == "duration" or (forced is None and len(old) and (old.dt.year <= 1900).all()
                                    and analyse_header(header).duration):
            return durations.from_native(present, header, force="duration")
        return dates.from_native(present)
    if kind in _NATIVE_CLOCK_KINDS and forced in (None, "time", "duration"):
        return durations.from_native(present, header, force=forced)
    return None


def float_text(numbers: np.ndarray) -> np.ndarray:
    """Floats as a person would type them, as ``types._stringify`` writes each: whole numbers without
    '.0' (``str(int(x))``), others as ``str(x)``; one pass over the array, not one call per cell
    (see :func:`shared_texts`).

    >>> float_text(np.array([3.0, -0.0, 2.5, 1e20, float("inf")])).tolist()
    ['3', '0', '2.5', '100000000000000000000', 'inf']
    """
    return shared_texts(numbers, _float_text)


def _float_text(numbers: np.ndarray) -> np.ndarray:
    text = np.empty(len(numbers), dtype=object)
    whole = np.isfinite(numbers) & (numbers == np.trunc(numbers))
    small = whole & (np.abs(numbers) < 2.0**63)
    text[small] = list(map(str, numbers[small].astype(np.int64).tolist()))
    large = whole & ~small
    text[large] = [str(int(x)) for x in numbers[large].tolist()]
    text[~whole] = list(map(str, numbers[~whole].tolist()))
    return text


TEXT_PIECE = 1 << 16     # numbers made texts at a time: no list of a million Python ints is held at once
SHARE_SAMPLE = 4096      # the first numbers, that tell a column of repeating numbers (counts, scores)


def shared_texts(numbers: np.ndarray, texts: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``texts(numbers)`` (texts of one piece of numbers) for a whole column: when its numbers repeat
    (counts, scores), one ``str`` object per distinct number (a million cells of 1 to 20 hold 20 strings, not
    a million); otherwise made :data:`TEXT_PIECE` numbers at a time.  (-0.0 and 0.0 count as one number: every
    text of them is '0'.)

    >>> shared_texts(np.array([2.0, 1.0, 2.0, 2.0]), lambda n: np.array([f"<{x}>" for x in n], dtype=object)).tolist()
    ['<2.0>', '<1.0>', '<2.0>', '<2.0>']
    """
    if len(np.unique(numbers[:SHARE_SAMPLE])) * 2 <= min(len(numbers), SHARE_SAMPLE):
        distinct, at = np.unique(numbers, return_inverse=True)
        if len(distinct) * 2 <= len(numbers):
            return texts(distinct)[at]
    out = np.empty(len(numbers), dtype=object)
    for start in range(0, len(numbers), TEXT_PIECE):
        out[start:start + TEXT_PIECE] = texts(numbers[start:start + TEXT_PIECE])
    return out

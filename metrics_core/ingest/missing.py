"""Missing-value markers, text clean-up and the shared result of the typing helpers.

Every typing helper (:mod:`.numbers`, :mod:`.dates`, :mod:`.durations`,
:mod:`.booleans`) receives the *present* values of a column as stripped
strings (or native workbook values) and answers with a :class:`Parsed`.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Cell texts that mean "no value" (compared case-insensitively after stripping).
MISSING_MARKERS: frozenset[str] = frozenset(
    {
        "", "?", "-", "--", "—", "n/a", "na", "#n/a", "null", "none", "nan", "not available",
        "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#n/a!", "#getting_data",
    }
)

# Spaces that exports put inside numbers or around values: NBSP, thin and narrow NBSP, BOM.
_ODD_SPACES = "\u00a0\u2009\u202f\u2007\ufeff"
ODD_SPACE_TABLE = str.maketrans({c: " " for c in _ODD_SPACES})


@dataclass
class Parsed:
    """What a typing helper made of the present values of one column.

    ``values`` holds the typed values and ``ok`` says which raw values parsed
    (both aligned to the present values given to the helper).
    """

    col_type: str
    values: pd.Series
    ok: pd.Series
    detail: str = ""
    unit: str | None = None
    dayfirst: bool | None = None
    date_format: str | None = None
    tz_offset: bool = False
    ambiguous: str = ""

    @property
    def share_ok(self) -> float:
        return float(self.ok.mean()) if len(self.ok) else 0.0


MARKER_VARIANTS: frozenset[str] = frozenset(
    v for m in MISSING_MARKERS for v in (m, m.upper(), m.title(), m.capitalize())
)


def clean_strings(strings: np.ndarray) -> np.ndarray:
    """Stripped strings (odd spaces made plain when any string has one), as an object array.

    ``strings`` itself comes back when no string changes; the caller must not modify it then.
    """
    if not all(map(str.isascii, strings)) and _has_odd_space("".join(strings)):
        return np.array([v.translate(ODD_SPACE_TABLE).strip() for v in strings], dtype=object)
    if not any(map(operator.is_not, map(str.strip, strings), strings)):     # str.strip returns its input
        return strings
    out = np.empty(len(strings), dtype=object)
    out[:] = list(map(str.strip, strings))
    return out


def _has_odd_space(text: str) -> bool:
    return any(c in text for c in _ODD_SPACES)


def is_text_array(cells: np.ndarray) -> bool:
    """True when every cell is a ``str`` or missing (``None``/NaN), as text files give."""
    return pd.api.types.infer_dtype(cells, skipna=True) == "string"


def clean_cells(values: pd.Series | np.ndarray) -> np.ndarray:
    """Object array of the cells with strings stripped (odd spaces made plain); other values kept.

    >>> clean_cells(pd.Series(["\u00a0 a ", None, 3])).tolist()
    ['a', None, 3]
    """
    obj = np.asarray(values, dtype=object)
    out = obj.copy()
    kinds = set(map(type, obj))                   # (one pass in C: a column of dates or of texts only is common)
    if str not in kinds:
        return out
    is_str = np.fromiter((type(v) is str for v in obj), dtype=bool, count=len(obj)) if len(kinds) > 1 else \
        np.ones(len(obj), dtype=bool)
    if is_str.any():
        out[is_str] = clean_strings(obj[is_str])
    return out


def missing_mask(cleaned: np.ndarray) -> np.ndarray:
    """Missing cells among already cleaned cells (see :func:`clean_cells`)."""
    absent = pd.isna(cleaned)
    if len(cleaned) == 0 or MARKER_VARIANTS.isdisjoint(cleaned[~absent]):
        return absent.astype(bool)
    return absent | pd.Series(cleaned).isin(MARKER_VARIANTS).to_numpy()


def is_missing(values: pd.Series) -> pd.Series:
    """Boolean mask of cells that hold no value (blank, whitespace, ``n/a``, ``#N/A``, Excel errors …).

    >>> is_missing(pd.Series([" ", "n/a", "0", None, "Not Offered", "#DIV/0!"])).tolist()
    [True, True, False, True, False, True]
    """
    return pd.Series(missing_mask(clean_cells(values)), index=values.index, dtype=bool)


def empty_float(index: pd.Index) -> pd.Series:
    """An all-NaN float series on ``index``."""
    return pd.Series(np.full(len(index), np.nan), index=index, dtype="float64")

"""Missing-value markers, text clean-up and the shared result of the typing helpers.

Every typing helper (:mod:`.numbers`, :mod:`.dates`, :mod:`.durations`,
:mod:`.booleans`) receives the *present* values of a column as stripped
strings (or native workbook values) and answers with a :class:`Parsed`.
"""

from __future__ import annotations

import re
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
_ODD_SPACE_TABLE = str.maketrans({c: " " for c in _ODD_SPACES})


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


_MARKER_VARIANTS: frozenset[str] = frozenset(
    v for m in MISSING_MARKERS for v in (m, m.upper(), m.title(), m.capitalize())
)


def clean_cells(values: pd.Series | np.ndarray) -> np.ndarray:
    """Object array of the cells with strings stripped (odd spaces made plain); other values kept.

    >>> clean_cells(pd.Series(["\u00a0 a ", None, 3])).tolist()
    ['a', None, 3]
    """
    obj = np.asarray(values, dtype=object)
    strings = [v for v in obj if type(v) is str]
    if strings and any(c in "".join(strings) for c in _ODD_SPACES):
        return np.array([v.translate(_ODD_SPACE_TABLE).strip() if type(v) is str else v for v in obj], dtype=object)
    return np.array([v.strip() if type(v) is str else v for v in obj], dtype=object)


def missing_mask(cleaned: np.ndarray) -> np.ndarray:
    """Missing cells among already cleaned cells (see :func:`clean_cells`)."""
    absent = pd.isna(cleaned)
    if len(cleaned) == 0:
        return absent.astype(bool)
    return absent | pd.Series(cleaned).isin(_MARKER_VARIANTS).to_numpy()


def is_missing(values: pd.Series) -> pd.Series:
    """Boolean mask of cells that hold no value (blank, whitespace, ``n/a``, ``#N/A``, Excel errors …).

    >>> is_missing(pd.Series([" ", "n/a", "0", None, "Not Offered", "#DIV/0!"])).tolist()
    [True, True, False, True, False, True]
    """
    return pd.Series(missing_mask(clean_cells(values)), index=values.index, dtype=bool)


def header_tokens(header: str) -> list[str]:
    """Lower-case words of a header, splitting camelCase and snake_case.

    >>> header_tokens("AvgTalkDuration (in hrs)")
    ['avg', 'talk', 'duration', 'in', 'hrs']
    >>> header_tokens("CustomerID")
    ['customer', 'id']
    """
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(header or ""))
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    return [t for t in re.split(r"[^\w#%]+|_", text.lower()) if t]


def empty_float(index: pd.Index) -> pd.Series:
    """An all-NaN float series on ``index``."""
    return pd.Series(np.full(len(index), np.nan), index=index, dtype="float64")

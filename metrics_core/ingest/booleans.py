"""Yes/no columns in our users' languages, and 0/1 flag columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .header_analysis import analyse_header
from .missing import Parsed

TRUE_WORDS = frozenset({"yes", "y", "true", "da", "ja", "да", "sí", "si", "oui", "д"})
FALSE_WORDS = frozenset({"no", "n", "false", "ne", "nej", "не", "non", "nu", "н"})
BOOL_WORDS: dict[str, bool] = {**{w: True for w in TRUE_WORDS}, **{w: False for w in FALSE_WORDS}}


def parse_words(text: pd.Series, distinct: np.ndarray | None = None) -> Parsed | None:
    """Read a column of yes/no words; ``None`` if any distinct value is not one.

    >>> parse_words(pd.Series(["Da", "ne", "DA"])).values.tolist()
    [True, False, True]
    """
    distinct = pd.unique(text.to_numpy()) if distinct is None else distinct
    if not len(distinct) or len(distinct) > 12:
        return None
    lookup = {w: BOOL_WORDS.get(str(w).lower()) for w in distinct}
    if any(v is None for v in lookup.values()):
        return None
    values = text.map(lookup).astype("boolean")
    words = "/".join(sorted(map(str, distinct), key=lambda w: not BOOL_WORDS[w.lower()])[:4])
    return Parsed("boolean", values, pd.Series(True, index=text.index), detail=f"yes/no words ({words})")


def is_flag_column(numbers: pd.Series, header: str) -> bool:
    """True when a numeric column holds only 0 and 1 (both present) and its header is not a quantity.

    >>> is_flag_column(pd.Series([0.0, 1.0, 0.0]), "SeniorCitizen")
    True
    >>> is_flag_column(pd.Series([0.0, 1.0]), "Reopens")
    False
    """
    values = numbers.to_numpy(dtype=float)
    zero = values == 0.0
    if not (zero | (values == 1.0)).all() or zero.all() or not zero.any():     # only 0 and 1, both present
        return False
    return not analyse_header(header).quantity


def flags_to_boolean(numbers: pd.Series) -> Parsed:
    """0/1 numbers as a boolean column."""
    values = numbers.eq(1).astype("boolean")
    return Parsed("boolean", values, pd.Series(True, index=numbers.index), detail="0/1 flags")


def parse_native(values: pd.Series) -> Parsed:
    """Workbook TRUE/FALSE cells."""
    return Parsed("boolean", values.astype("boolean"), pd.Series(True, index=values.index), detail="workbook TRUE/FALSE")

"""The source text of a table's columns, held compactly until it is read (issue 15, memory).

A column of a table's source (``LoadedTable.source``) holds its cells' text as Python strings (``None``
where empty), or compactly, as the text parser gave it: fixed-width UTF-8 bytes (numpy ``S<width>``, ``b""``
where empty: ids, timestamps) or a pandas categorical (repeating values, ``""`` where empty). Strings are
made from a compact column only where its text is read, through :func:`column_text`: typing one column at
a time, detection's sample of rows, the columns the canonical frame reads as text, the failures validation
lists. A 10,000,000-row call file held about 180 bytes a row of strings for its call id, start time and
caller beside the typed frame; as bytes they take 16-31.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .column_dtypes import strings_of, strings_of_categories


def is_compact(column: pd.Series) -> bool:
    """True when ``column`` holds bytes or categories, not strings."""
    return column.dtype.kind == "S" or isinstance(column.dtype, pd.CategoricalDtype)


def column_text(column: pd.Series) -> np.ndarray:
    """The cells of a source column as an object array of ``str``, ``None`` where empty.

    >>> column_text(pd.Series(np.array([b"T-1", b"", b"T-3"], dtype="S8"))).tolist()
    ['T-1', None, 'T-3']
    >>> column_text(pd.Series(pd.Categorical(["Open", "", "Open"]))).tolist()
    ['Open', None, 'Open']
    """
    if column.dtype.kind == "S":
        return strings_of(column.to_numpy())[0]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return strings_of_categories(column.array)[0]
    return column.to_numpy(dtype=object)


def text_series(column: pd.Series) -> pd.Series:
    """``column`` as a Series of strings (object dtype, ``None`` where empty); itself when it holds strings."""
    if not is_compact(column):
        return column
    return pd.Series(column_text(column), index=column.index, name=column.name, dtype=object, copy=False)


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every compact column made strings; ``frame`` itself when none is compact."""
    if not any(is_compact(column) for _name, column in frame.items()):
        return frame
    text = pd.DataFrame({i: column_text(frame.iloc[:, i]) for i in range(frame.shape[1])}, index=frame.index,
                        dtype=object, copy=False)
    text.columns = frame.columns
    return text

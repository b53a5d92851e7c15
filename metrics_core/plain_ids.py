"""Ids that are whole numbers written plainly, held as numbers: the canonical frame's compact id column.

A call file's call ids and callers (``5000000000``, ``38641807320``) are whole numbers written plainly: digits,
no sign, no leading zero, each exactly the text ``str(int)`` gives back. Held as pandas ``"string"`` (Python
storage: no pyarrow), every cell is a Python string of about 72 bytes; 10,000,000 rows of two such columns were
1.44 GB of the window's 2.3 GiB frame. :class:`PlainIdArray` holds them as ``int64`` and a mask of the missing
ones (9 bytes a row) and means their text: a cell read is its ``str``, ``astype("string")``, ``astype(object)``,
``to_numpy()`` and iteration give the texts, comparisons and ``isin`` answer as the texts would, sorting is the
texts' order. Grouping, ``unique``, ``nunique``, ``duplicated`` and ``factorize`` work on the numbers, which is
the same answer (``str`` of distinct whole numbers differ). An id compared with a text id of another table is
compared as text (``astype("string")`` on both sides, as the metrics do).

It is no string dtype (``.str`` needs ``astype("string")`` first), and not a number (``is_numeric_dtype`` is
False): nothing formats, sums or filters it as a number.

>>> ids = plain_ids(pd.Series([5000000000, 7, None], dtype="Int64"))
>>> ids.tolist(), (ids == "7").tolist(), ids.astype("string").tolist()
(['5000000000', '7', <NA>], [False, True, <NA>], ['5000000000', '7', <NA>])
>>> ids.sort_values().tolist(), ids.nunique(), ids.isin(["7", "07"]).tolist()
(['5000000000', '7', <NA>], 2, [False, True, False])
>>> is_plain_text("0386"), is_plain_text("386"), is_plain_text("9223372036854775808")
(False, True, False)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray, ExtensionDtype, register_extension_dtype, take
from pandas.api.indexers import check_array_indexer

_INT64_MAX = np.iinfo(np.int64).max


def is_plain_text(value: object) -> bool:
    """True when ``value`` is a ``str`` that is a whole number written plainly that fits ``int64``: exactly
    ``str(int(value))``."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19 and \
        (value == "0" or value[0] != "0") and int(value) <= _INT64_MAX


def plain_numbers_of(texts: np.ndarray) -> np.ndarray | None:
    """The numbers the texts write, when every one is a plain whole number (each text is then its number's
    ``str``: ``int`` reads a sign, spaces, ``_`` and leading zeros too, but each makes the text longer than the
    number's digits, and other scripts' digits are not ASCII); else None."""
    try:
        numbers = np.array(texts, dtype=np.int64)
        if not all(map(str.isascii, texts)):
            return None
    except (TypeError, ValueError, OverflowError):
        return None
    if len(numbers) and numbers.min() < 0:
        return None
    digits = np.searchsorted(10 ** np.arange(1, 19, dtype=np.int64), numbers, side="right") + 1
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return numbers if np.array_equal(lengths, digits) else None


@register_extension_dtype
class PlainIdDtype(ExtensionDtype):
    """The dtype of :class:`PlainIdArray`: ids whose text is ``str`` of a whole number."""

    name = "plain id"
    type = str
    kind = "O"
    na_value = pd.NA
    _is_numeric = False

    def __repr__(self) -> str:
        return "PlainIdDtype()"

    @classmethod
    def construct_array_type(cls) -> type["PlainIdArray"]:
        return PlainIdArray

    def _get_common_dtype(self, dtypes: list) -> Any:
        """With text ids (another file's), the ids are text; with anything else, objects (as pandas does)."""
        others = {d for d in dtypes if not isinstance(d, PlainIdDtype)}
        if not others:
            return self
        if len(others) == 1 and isinstance(next(iter(others)), pd.StringDtype):
            return next(iter(others))
        return np.dtype(object)


class PlainIdArray(ExtensionArray):
    """Whole-number ids (``int64``, every one >= 0) and a mask of the missing ones; see the module."""

    def __init__(self, values: np.ndarray, mask: np.ndarray) -> None:
        self._values = np.asarray(values, dtype=np.int64)
        self._mask = np.asarray(mask, dtype=bool)

    @property
    def dtype(self) -> PlainIdDtype:
        return PlainIdDtype()

    # --- made from -------------------------------------------------------------------------------------------
    @classmethod
    def _from_sequence(cls, scalars: Any, *, dtype: Any = None, copy: bool = False) -> "PlainIdArray":
        if isinstance(scalars, cls):
            return scalars.copy() if copy else scalars
        items = list(scalars)
        mask = np.array([_missing(v) for v in items], dtype=bool)
        if not all(m or is_plain_text(v) for v, m in zip(items, mask)):
            raise TypeError("plain ids hold only whole numbers written plainly")
        values = np.array([0 if m else int(v) for v, m in zip(items, mask)], dtype=np.int64)
        return cls(values, mask)

    @classmethod
    def _from_factorized(cls, values: np.ndarray, original: "PlainIdArray") -> "PlainIdArray":
        return cls(np.maximum(values, 0), values < 0)

    def _values_for_factorize(self) -> tuple[np.ndarray, int]:
        return self.keys(), -1

    def keys(self) -> np.ndarray:
        """The numbers, -1 where missing (no id is negative): the same exactly where the texts are."""
        return np.where(self._mask, -1, self._values)

    # --- the texts -------------------------------------------------------------------------------------------
    def _texts(self) -> np.ndarray:
        """Object array of the texts, ``pd.NA`` where missing."""
        texts = self._values.astype(str).astype(object)
        texts[self._mask] = pd.NA
        return texts

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        texts = self._texts()
        return texts if dtype is None or np.dtype(dtype) == object else texts.astype(dtype)

    def astype(self, dtype: Any, copy: bool = True) -> Any:
        dtype = pd.api.types.pandas_dtype(dtype)
        if isinstance(dtype, PlainIdDtype):
            return self.copy() if copy else self
        text = pd.array(self._texts(), dtype=pd.StringDtype(na_value=pd.NA))
        if isinstance(dtype, pd.StringDtype):
            return text if dtype == text.dtype else text.astype(dtype)
        if dtype == object:
            return self._texts()
        return text.astype(dtype, copy=False)

    def __iter__(self):
        for start in range(0, len(self), 65_536):
            yield from self[start:start + 65_536]._texts()

    # --- the array -------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, item: Any) -> Any:
        if pd.api.types.is_integer(item):
            return pd.NA if self._mask[item] else str(int(self._values[item]))
        if not isinstance(item, slice):
            item = check_array_indexer(self, item)
        return type(self)(self._values[item], self._mask[item])

    def __setitem__(self, key: Any, value: Any) -> None:
        if not isinstance(key, slice):
            key = check_array_indexer(self, key)
        if isinstance(value, PlainIdArray):
            self._values[key], self._mask[key] = value._values, value._mask
            return
        if pd.api.types.is_scalar(value):
            new = type(self)._from_sequence([value])
            self._values[key], self._mask[key] = new._values[0], new._mask[0]
            return
        new = type(self)._from_sequence(value)
        self._values[key], self._mask[key] = new._values, new._mask

    @property
    def nbytes(self) -> int:
        return self._values.nbytes + self._mask.nbytes

    def isna(self) -> np.ndarray:
        return self._mask.copy()

    def copy(self) -> "PlainIdArray":
        return type(self)(self._values.copy(), self._mask.copy())

    def take(self, indices: Any, *, allow_fill: bool = False, fill_value: Any = None) -> "PlainIdArray":
        if allow_fill and not _missing(fill_value):
            fill = type(self)._from_sequence([fill_value])
            values = take(self._values, indices, allow_fill=True, fill_value=int(fill._values[0]))
            mask = take(self._mask, indices, allow_fill=True, fill_value=False)
        else:
            values = take(self._values, indices, allow_fill=allow_fill, fill_value=0)
            mask = take(self._mask, indices, allow_fill=allow_fill, fill_value=True)
        return type(self)(values, mask)

    @classmethod
    def _concat_same_type(cls, to_concat: Any) -> "PlainIdArray":
        return cls(np.concatenate([a._values for a in to_concat]), np.concatenate([a._mask for a in to_concat]))

    # --- answers as the texts would give them ----------------------------------------------------------------
    def _compare(self, other: Any, equal: bool) -> Any:
        if isinstance(other, (pd.Series, pd.Index)):
            other = other.array
        if isinstance(other, PlainIdArray):
            same, missing = self._values == other._values, self._mask | other._mask
        elif pd.api.types.is_scalar(other) and not _missing(other):
            same = self._values == int(other) if is_plain_text(other) else np.zeros(len(self), dtype=bool)
            missing = self._mask
        else:
            text = self.astype("string")
            return text == other if equal else text != other
        return pd.arrays.BooleanArray(same if equal else ~same, missing.copy())

    def __eq__(self, other: Any) -> Any:    # type: ignore[override]
        return self._compare(other, True)

    def __ne__(self, other: Any) -> Any:    # type: ignore[override]
        return self._compare(other, False)

    def __lt__(self, other: Any) -> Any:
        return self.astype("string") < other

    def __le__(self, other: Any) -> Any:
        return self.astype("string") <= other

    def __gt__(self, other: Any) -> Any:
        return self.astype("string") > other

    def __ge__(self, other: Any) -> Any:
        return self.astype("string") >= other

    def isin(self, values: Any) -> np.ndarray:
        if isinstance(values, PlainIdArray):
            return np.isin(self.keys(), values._values[~values._mask]) & ~self._mask
        return np.asarray(self.astype("string").isin(values), dtype=bool)

    def _values_for_argsort(self) -> np.ndarray:
        return self._texts()        # (the texts' order: "10" before "9")

    def unique(self) -> "PlainIdArray":
        keys = pd.unique(self.keys())
        return type(self)(np.maximum(keys, 0), keys < 0)

    def duplicated(self, keep: Any = "first") -> np.ndarray:
        return pd.Series(self.keys()).duplicated(keep=keep).to_numpy()

    def value_counts(self, dropna: bool = True) -> pd.Series:
        codes, uniques = self.factorize(use_na_sentinel=dropna)
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        return pd.Series(counts, index=pd.Index(uniques), name="count", copy=False)

    def _reduce(self, name: str, *, skipna: bool = True, keepdims: bool = False, **kwargs: Any) -> Any:
        return self.astype("string")._reduce(name, skipna=skipna, keepdims=keepdims, **kwargs)


def _missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def plain_ids(series: pd.Series) -> pd.Series:
    """``series`` of whole numbers >= 0 (an integer dtype, nullable or not) as ids meaning their texts."""
    values = series.array
    mask = np.asarray(series.isna(), dtype=bool)
    numbers = series.to_numpy(dtype=np.int64, na_value=0) if mask.any() else np.asarray(values, dtype=np.int64)
    return pd.Series(PlainIdArray(numbers, mask), index=series.index, name=series.name, copy=False)


def is_plain_ids(values: Any) -> bool:
    """True for a series or array of :class:`PlainIdArray`."""
    return isinstance(getattr(values, "dtype", None), PlainIdDtype)


def comparable_ids(*columns: pd.Series) -> list[pd.Series]:
    """``columns`` of ids in a form in which equal means the same text: as they are when all are held as numbers
    (:class:`PlainIdArray`), else all as ``"string"``."""
    if all(is_plain_ids(c) for c in columns):
        return list(columns)
    return [c.astype("string") for c in columns]

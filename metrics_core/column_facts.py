"""What the KPIs ask of one column again and again, worked out once per column.

A million-row text column is a million Python strings: every ``isna``, ``factorize`` or ``value_counts`` walks
them all. Eight ticket KPIs ask about the same status column, four about the same channel column; the
answer is kept while the column's array lives (keyed by that array, let go with it), read-only, and shared
by threads. A filtered or new frame has arrays of its own, so its answers are worked out anew.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Callable

from ..deferred import np
from ..deferred import pd

_FACTS: dict[int, tuple[weakref.ref, dict[str, Any]]] = {}
_LOCK = threading.RLock()            # several worker threads compute at once (dashboard, charts, export)
MANY_LABELS = 64                     # above this, first appearances are found by sorting the codes


def column_fact(series: pd.Series, name: str, make: Callable[[], Any]) -> Any:
    """``make()``, worked out once for the array of ``series`` and kept while that array lives (an array that
    cannot be referenced weakly is asked each time). The value is shared: do not change it."""
    array = series.array
    with _LOCK:
        kept = _FACTS.get(id(array))
        if kept is not None and kept[0]() is array and name in kept[1]:
            return kept[1][name]
        value = make()                  # (which may ask for other facts of the same column)
        kept = _FACTS.get(id(array))
        if kept is None or kept[0]() is not array:
            try:
                ref = weakref.ref(array, lambda _ref, key=id(array): _forget(key))
            except TypeError:
                return value
            kept = _FACTS[id(array)] = (ref, {})
        kept[1][name] = value
        return value


def _forget(key: int) -> None:
    with _LOCK:
        _FACTS.pop(key, None)


def text_codes(series: pd.Series) -> tuple[np.ndarray, Any]:
    """``pd.factorize(series, use_na_sentinel=True)`` of a text column (codes -1 where missing, the distinct
    values in order of first appearance), once per column; the codes are read-only."""
    def make() -> tuple[np.ndarray, Any]:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        codes.flags.writeable = False
        return codes, uniques

    return column_fact(series, "codes", make)


def label_codes(series: pd.Series) -> tuple[np.ndarray, Any]:
    """:func:`text_codes` of the column as ``astype("string")`` reads it (a column of another type is converted
    first, and its codes are made anew each time)."""
    return text_codes(series if series.dtype == "string" else series.astype("string"))


def label_counts(*parts: tuple[np.ndarray, Any, str]) -> pd.Series:
    """What ``labels.fillna(missing).value_counts()`` gives for the labels of ``parts`` one after another, each
    part given as codes, distinct values and ``missing`` (its label where the code is -1), counted from the
    codes: the count of each label, the most frequent first, equal counts in the order the labels first appear.

    >>> codes, uniques = pd.factorize(pd.Series(["b", None, "a", "b", "(none)", None], dtype="string"))
    >>> label_counts((codes, uniques, "(none)")).to_dict()
    {'(none)': 3, 'b': 2, 'a': 1}
    >>> label_counts((codes, uniques, "(none)"), (np.array([-1, -1, -1]), uniques, "a")).to_dict()
    {'a': 4, '(none)': 3, 'b': 2}
    """
    labels: dict[Any, list[int]] = {}       # label -> [first row, count]; a missing value may read as a label
    offset = 0
    for codes, uniques, missing in parts:
        counts = np.bincount(codes + 1, minlength=len(uniques) + 1)
        present = np.flatnonzero(counts)
        if len(present) <= MANY_LABELS:
            first = [int(np.argmax(codes == code - 1)) for code in present.tolist()]
        else:
            found, at = np.unique(codes, return_index=True)
            first = at[np.searchsorted(found, present - 1)].tolist()
        for code, row in sorted(zip(present.tolist(), first), key=lambda pair: pair[1]):
            seen = labels.setdefault(missing if code == 0 else uniques[code - 1], [offset + row, 0])
            seen[1] += int(counts[code])
        offset += len(codes)
    ordered = sorted(labels.items(), key=lambda item: (-item[1][1], item[1][0]))
    return pd.Series([count for _label, (_row, count) in ordered], index=[label for label, _seen in ordered],
                     dtype="int64")

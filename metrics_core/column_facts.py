"""What the KPIs ask of one column again and again, worked out once per column.

A million-row text column is a million Python strings: every ``isna``, ``factorize`` or ``value_counts`` walks
them all. Eight ticket KPIs ask about the same status column, four about the same channel column, and the
canonical frame knew the codes of its category columns when it made them (:func:`known_codes`). An answer is
kept while the column's values live, keyed by the array that holds them (pandas' shallow copies of a frame,
as ``assign`` and ``concat`` make, share it; a filtered or new frame has arrays of its own and is worked out
anew), read-only, and shared by threads.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Callable

from .deferred import np
from .deferred import pd
from .progress import checkpoint

_FACTS: dict[int, tuple[weakref.ref, dict[str, Any]]] = {}
_LOCK = threading.RLock()            # several worker threads compute at once (dashboard, charts, export)
MANY_LABELS = 64                     # above this, first appearances are found by sorting the codes
TAKE_PIECE = 1 << 16                 # rows of a text column a cut takes at a time (:func:`_take`: 2-3 ms each)
KEPT_CODES_ROWS = 1 << 22            # codes (8 bytes a row) are kept for columns up to this long: a 10,000,000-row
                                     # call file's frames would hold 300 MB more at its peak (under 3 GiB by 9 MB)


def _values_of(series: pd.Series) -> Any:
    """The array holding ``series``' values: for a text column (strings or objects) the object array its values
    were made in, for time stamps their ``datetime64`` array (the views of it that pandas' shallow copies and
    ``concat`` make are seen through when they show all of it)."""
    array = series.array
    stamps = naive_stamps(series)               # (time stamps: the array of them, seen through as texts are)
    if not stamps and not isinstance(array, (pd.arrays.StringArray, pd.arrays.NumpyExtensionArray)):
        return array
    values = root = np.asarray(array)
    if not stamps and values.dtype != object:
        return array
    while isinstance(root.base, np.ndarray):
        root = root.base
    same = root.__array_interface__["data"][0] == values.__array_interface__["data"][0]
    whole = same and (root.shape == values.shape and root.strides == values.strides or
                      stamps and root.dtype == values.dtype and root.size == values.size and root.flags.c_contiguous
                      and values.flags.c_contiguous)     # (a frame's one column of its type: a block of one row)
    return root if whole else values


def naive_stamps(series: pd.Series) -> bool:
    """Whether ``series`` holds time stamps without a time zone (``datetime64``)."""
    return isinstance(series.dtype, np.dtype) and series.dtype.kind == "M"


def column_fact(series: pd.Series, name: str, make: Callable[[], Any]) -> Any:
    """``make()``, worked out once for the values of ``series`` and kept while they live (values that cannot
    be keyed on are asked each time). The value is shared: do not change it."""
    values = _values_of(series)
    with _LOCK:
        kept = _FACTS.get(id(values))
        if kept is not None and kept[0]() is values and name in kept[1]:
            return kept[1][name]
    # made outside the lock (it may ask for other facts of the same column): one thread's codes of a column never
    # hold back another's facts of other columns (a re-filter's values and a cancelled trend line's cut, session
    # 15); two threads making the same fact at once keep the first one's
    value = make()
    with _LOCK:
        return _facts_of(values).setdefault(name, value)


def _facts_of(values: Any) -> dict[str, Any]:
    kept = _FACTS.get(id(values))
    if kept is None or kept[0]() is not values:
        try:
            ref = weakref.ref(values, lambda _ref, key=id(values): _forget(key))
        except TypeError:
            return {}
        kept = _FACTS[id(values)] = (ref, {})
    return kept[1]


def _forget(key: int) -> None:
    with _LOCK:
        _FACTS.pop(key, None)


def kept_fact(series: pd.Series, name: str) -> Any:
    """The column's fact ``name`` when it is worked out already (``None`` otherwise)."""
    values = _values_of(series)
    with _LOCK:
        kept = _FACTS.get(id(values))
        return kept[1].get(name) if kept is not None and kept[0]() is values else None


def kept_codes(series: pd.Series) -> tuple[np.ndarray, Any] | None:
    """The column's :func:`text_codes` when they are made already, or can be made from the codes of the column
    it was cut from (:func:`cut_rows`; ``None`` otherwise)."""
    known = kept_fact(series, "codes")
    if known is None and kept_fact(series, CUT_FROM) is not None:
        return column_fact(series, "codes", lambda: _cut_codes(series))
    return known


CUT_FROM = "codes cut from"     # a cut column's fact: the codes of the column it was cut from and the rows taken
CUT_OF = "cut of"               # every cut column's fact: the values of the column it was cut from (a weak
                                # reference) and the rows taken (:func:`row_fact`)


def _cut_codes(series: pd.Series) -> tuple[np.ndarray, Any]:
    """The codes of a column :func:`cut_rows` made, renumbered from those of the column it was cut from."""
    (codes, uniques), at = kept_fact(series, CUT_FROM)
    renumbered, kept = _renumbered(codes.take(at), uniques)
    renumbered.flags.writeable = False
    return renumbered, kept


def text_codes(series: pd.Series) -> tuple[np.ndarray, Any]:
    """``pd.factorize(series, use_na_sentinel=True)`` of a text column (codes -1 where missing, the distinct
    values in order of first appearance), once per column of up to :data:`KEPT_CODES_ROWS` rows; the codes are
    read-only."""
    def make() -> tuple[np.ndarray, Any]:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        codes.flags.writeable = False
        return codes, uniques

    if len(series) > KEPT_CODES_ROWS:               # (made anew each time: see KEPT_CODES_ROWS)
        return kept_codes(series) or make()
    return kept_codes(series) or column_fact(series, "codes", make)


def known_codes(series: pd.Series, codes: np.ndarray, uniques: Any) -> None:
    """Keep ``codes, uniques`` (what ``pd.factorize(series, use_na_sentinel=True)`` gives, worked out by whoever
    made ``series``) as the column's :func:`text_codes`."""
    codes.flags.writeable = False
    if len(series) > KEPT_CODES_ROWS and codes.strides != (0,):
        return
    with _LOCK:
        _facts_of(_values_of(series))["codes"] = (codes, uniques)


def one_value(series: pd.Series) -> pd.Series:
    """``series``, a column made of one value in every row (the file name in ``_dataset``), with its codes kept
    (no pass over its cells)."""
    codes, uniques = pd.factorize(series.iloc[:1], use_na_sentinel=True)
    known_codes(series, np.broadcast_to(codes[:1], len(series)) if len(codes) else codes, uniques)
    return series


def keep_taken_codes(series: pd.Series, codes: np.ndarray, values: Any) -> pd.Series:
    """``series``, made as ``values.take(codes, allow_fill=True)``, with its codes kept when they are few and
    the column is not too long to keep them (:func:`taken_codes`, :data:`KEPT_CODES_ROWS`)."""
    taken = taken_codes(codes, values) if len(codes) <= KEPT_CODES_ROWS else None
    if taken is not None:
        known_codes(series, *taken)
    return series


def taken_codes(codes: np.ndarray, values: Any) -> tuple[np.ndarray, Any] | None:
    """``pd.factorize`` of the column ``values.take(codes, allow_fill=True)`` (code -1: missing), worked out
    from the codes when ``values`` are few (``None`` otherwise): the values are factorized, then numbered in
    the order the rows first show them.

    >>> new, uniques = taken_codes(np.array([2, -1, 0, 1, 2]), pd.array(["b", "a", "a"], dtype="string"))
    >>> new.tolist(), uniques.tolist()
    ([0, -1, 1, 0, 0], ['a', 'b'])
    """
    if len(values) > MANY_LABELS:
        return None
    value_codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return _renumbered(np.append(value_codes, -1)[codes], uniques)


def _renumbered(rows: np.ndarray, uniques: Any) -> tuple[np.ndarray, Any]:
    """What ``pd.factorize`` gives for the values ``uniques.take(rows)`` (code -1: missing), from the codes
    ``rows``: the values the rows show, numbered in the order the rows first show them."""
    counts = np.bincount(rows + 1, minlength=len(uniques) + 1)
    present = np.flatnonzero(counts[1:])
    order = present[np.argsort(_first_rows(rows, present, len(present) + int(counts[0] > 0)), kind="stable")]
    number = np.full(len(uniques) + 1, -1, dtype=np.intp)       # (the last place: missing stays -1)
    number[order] = np.arange(len(order))
    return number[rows], pd.Index(uniques.take(order))


def _first_rows(codes: np.ndarray, wanted: np.ndarray, shown: int) -> np.ndarray:
    """The first row of ``codes`` holding each code of ``wanted`` (codes that occur; ``shown``: how many
    distinct codes occur in all): one scan a code when they are few, else one sort."""
    if shown <= MANY_LABELS:
        return np.array([int(np.argmax(codes == code)) for code in wanted.tolist()], dtype=np.intp)
    found, at = np.unique(codes, return_index=True)
    return at[np.searchsorted(found, wanted)]


def cut_rows(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``frame[rows]`` (``rows``: a boolean mask), each column's kept codes (:func:`text_codes`) carried to
    the cut rows: a filter's KPIs then count its codes instead of hashing its strings again (renumbering a
    column's codes costs 1-3 ms at 260,000 rows, factorizing its strings 30-60 ms). They are renumbered when
    first asked for (:func:`kept_codes`): a column no KPI counts costs nothing (issue 15, session 17)."""
    at = np.flatnonzero(rows)
    if len(at) == len(frame) or not frame.columns.is_unique:
        return frame[rows]                          # (every row: a shallow copy, which shares the codes)
    cut = _taken(frame, at)
    if len(at) > KEPT_CODES_ROWS:                   # (taken a column at a time all the same: a cancelled job stops
        return cut                                  # within one column, issue 15, session 21)
    for name in frame.columns:
        checkpoint()
        if naive_stamps(frame[name]):
            _cut_of(cut[name], frame[name], at)
        known = kept_codes(frame[name])
        if known is None:
            continue
        if known[0].strides == (0,):                # one value in every row (:func:`one_value`)
            one_value(cut[name])
        else:
            with _LOCK:
                _facts_of(_values_of(cut[name]))[CUT_FROM] = (known, at)
    return cut


def _cut_of(cut: pd.Series, whole: pd.Series, at: np.ndarray) -> None:
    """Note that ``cut`` is ``whole`` at the rows ``at`` (:func:`row_fact` takes what was worked out for
    ``whole``)."""
    values = _values_of(whole)
    try:
        ref = weakref.ref(values)
    except TypeError:
        return
    with _LOCK:
        _facts_of(_values_of(cut))[CUT_OF] = (ref, at)


def row_fact(series: pd.Series, name: str, make: Callable[[pd.Series], np.ndarray]) -> np.ndarray:
    """``make(series)``, an array of one value per row worked out from that row alone (each time stamp's
    seconds): kept for a column of up to :data:`KEPT_CODES_ROWS` rows, and for a column :func:`cut_rows` made
    taken from the kept array of the column it was cut from at the cut's rows (a filter's KPIs then do not work
    out again what the unfiltered ones did: 0.7 ms a column and KPI at 262,000 tickets; issue 15, session 20).
    A kept array is given read-only (shared: not copied for each KPI), a taken one is the caller's."""
    cut = kept_fact(series, CUT_OF)
    if cut is not None:
        whole = cut[0]()
        with _LOCK:
            kept = _FACTS.get(id(whole)) if whole is not None else None
            known = kept[1].get(name) if kept is not None and kept[0]() is whole else None
        return known.take(cut[1]) if known is not None else make(series)
    if len(series) > KEPT_CODES_ROWS:
        return make(series)

    def kept_array() -> np.ndarray:
        array = make(series)
        array.flags.writeable = False
        return array

    return column_fact(series, name, kept_array)


def _taken(frame: pd.DataFrame, at: np.ndarray) -> pd.DataFrame:
    """``frame.take(at)``, one column at a time with :func:`~metrics_core.progress.checkpoint` between them: the
    cut of a million-row frame is 20-90 ms of one thread's CPU taken whole (its ids' strings the most), and a
    cancelled job (the drop's trend lines, at a re-filter's click) held the GIL beside the new filter's values
    until it ended (issue 15, session 16). The columns are not consolidated into pandas' blocks (as the pipe's
    frames are not): each keeps an array of its own."""
    index = frame.index.take(at)
    columns = {}
    for name in frame.columns:
        checkpoint()
        column = frame[name]
        columns[name] = pd.Series(_take(column.array, at), index=index, dtype=column.dtype, name=name, copy=False)
    return pd.DataFrame(columns, columns=frame.columns, copy=False).__finalize__(frame, method="take")


def _take(array: Any, at: np.ndarray) -> Any:
    """``array.take(at)``; a text column of more than :data:`TAKE_PIECE` rows a piece at a time, with
    :func:`~metrics_core.progress.checkpoint` between the pieces: one million-row column of ticket ids is 20-40
    ms of taking strings, the GIL held throughout, and a cancelled job's cut (the drop's trend lines at a
    re-filter's click) held the window and the new filter's values back until its column was done (issue 15,
    session 20). The very array ``take`` gives (its backing array filled in place, as pandas' own take makes
    it)."""
    if not isinstance(array, pd.arrays.StringArray) or len(at) <= TAKE_PIECE:
        return array.take(at)
    values = np.asarray(array)
    out = np.empty(len(at), dtype=values.dtype)
    for start in range(0, len(at), TAKE_PIECE):
        checkpoint()
        np.take(values, at[start:start + TAKE_PIECE], out=out[start:start + TAKE_PIECE], mode="clip")
    return array._from_backing_data(out)        # (what StringArray.take returns: no pass over the strings again)


def codes_isin(series: pd.Series, values: list) -> np.ndarray | None:
    """``series.isin(values)`` of a text column as a boolean array, from its kept codes (``None`` when none are
    kept: a filter's mask then reads the strings, cheaper than making codes for one filter)."""
    known = kept_codes(series)
    if known is None:
        return None
    codes, uniques = known
    return np.append(np.asarray(pd.Index(uniques).isin(values), dtype=bool), False)[codes]


def present(series: pd.Series) -> np.ndarray:
    """``series.notna().to_numpy()``; for a text column from its codes (made once, or known)."""
    if isinstance(series.array, pd.arrays.StringArray):
        return text_codes(series)[0] >= 0
    return series.notna().to_numpy()


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
        first = _first_rows(codes, present - 1, len(present)).tolist()
        for code, row in sorted(zip(present.tolist(), first), key=lambda pair: pair[1]):
            seen = labels.setdefault(missing if code == 0 else uniques[code - 1], [offset + row, 0])
            seen[1] += int(counts[code])
        offset += len(codes)
    ordered = sorted(labels.items(), key=lambda item: (-item[1][1], item[1][0]))
    return pd.Series([count for _label, (_row, count) in ordered], index=[label for label, _seen in ordered],
                     dtype="int64")

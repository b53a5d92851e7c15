"""Filters and the preparation of :class:`MetricInputs` from a bundle (cached per call).

A date filter applies to each kind on its catalogue ``date_field``; a category
filter applies to every frame that has the column. Period-aware metrics
(churn, retention, turnover, backlog …) get frames cut only by category and the
date range as ``MetricInputs.period``.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..deferred import np
from ..deferred import pd

from ..i18n import Message
from ..allocator import give_back
from ..catalogue import KINDS_BY_NAME
from ..column_facts import codes_isin, cut_rows
from ..dataset import DataBundle
from ..errors import OperationCancelled, ParameterError
from ..progress import checkpoint, watched_cancel
from . import periods as P
from .business_hours import calendar_setting
from .model import MetricInputs


@dataclass
class Filters:
    """Date range (``date_to`` inclusive: a date means the whole day) and category values per column."""

    date_from: Any = None
    date_to: Any = None
    categories: dict[str, list] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.categories = {k: list(v) for k, v in (self.categories or {}).items() if v is not None}

    def bounds(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """``[start, end)`` of the date range (either may be None)."""
        start = _timestamp(self.date_from, "from")
        to = _timestamp(self.date_to, "to")
        end = None
        if to is not None:
            end = to + (pd.Timedelta(days=1) if to == to.normalize() else pd.Timedelta(microseconds=1))
        if start is not None and end is not None and end <= start:
            raise ParameterError(Message("The date range ends ({date_to}) before it starts ({date_from}).", dict(date_to=self.date_to, date_from=self.date_from)))
        return start, end

    def with_bounds(self, start: pd.Timestamp | None, end: pd.Timestamp | None) -> "Filters":
        """The same category filters over ``[start, end)``."""
        last = None if end is None else pd.Timestamp(end) - pd.Timedelta(microseconds=1)
        return Filters(start, last, dict(self.categories))

    @property
    def has_range(self) -> bool:
        return self.date_from is not None or self.date_to is not None


def _timestamp(value: Any, which: str) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ParameterError(Message("The “{which}” date “{value}” is not a date (use YYYY-MM-DD).", dict(which=which, value=value))) from None
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts


def _end_of_day(ts: pd.Timestamp | None) -> pd.Timestamp | None:
    """A date without a time of day means the whole day (as the inclusive ``date_to`` of :class:`Filters`)."""
    if ts is None or ts != ts.normalize():
        return ts
    return ts + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)


_DATE_FIELDS = tuple(dict.fromkeys(k.date_field for k in KINDS_BY_NAME.values() if k.date_field))


def row_dates(frame: pd.DataFrame, kind: str) -> pd.Series | None:
    """The date of each row: the kind's date field, filled from other kinds' date fields.

    A ticket file that also feeds ``surveys`` has ``created_at``, not ``submitted_at``;
    its rows are dated by ``created_at``.
    """
    present = dated_columns(frame, kind)
    if not present:
        return None
    dates = frame[present[0]]
    for other in present[1:]:
        if not dates.isna().any():
            break
        dates = dates.fillna(frame[other])
    return dates


def dated_columns(frame: pd.DataFrame, kind: str) -> list[str]:
    """The date columns of ``frame`` that :func:`row_dates` reads, in the order it fills from them."""
    spec = KINDS_BY_NAME.get(kind)
    order = ([spec.date_field] if spec is not None and spec.date_field else []) + list(_DATE_FIELDS)
    return [c for c in dict.fromkeys(order) if c in frame.columns
            and pd.api.types.is_datetime64_any_dtype(frame[c].dtype)]


def recorded_span(frame: pd.DataFrame, kind: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last date of ``kind``'s date field in ``frame``; a register without one (staff) by the dates
    it records (hired, left): the span the date filter offers, and the one a trend's partial periods are read
    against (None: no dates)."""
    spec = KINDS_BY_NAME.get(kind)
    if spec is None:
        return None
    fields = [spec.date_field] if spec.date_field else [f.name for f in spec.fields if f.value_type == "datetime"]
    dated = [frame[c] for c in fields if c in frame.columns and pd.api.types.is_datetime64_any_dtype(frame[c].dtype)
             and frame[c].notna().any()]
    if not dated:
        return None
    return pd.Timestamp(min(s.min() for s in dated)), pd.Timestamp(max(s.max() for s in dated))


def filter_frame(frame: pd.DataFrame, kind: str, filters: Filters | None, *, dates: bool = True) -> pd.DataFrame:
    """Rows of ``frame`` inside the date range (on the kind's date field) and the category values."""
    mask = filter_mask(frame, kind, filters, dates=dates)
    return frame if mask is None else frame[mask]


def filter_mask(frame: pd.DataFrame, kind: str, filters: Filters | None, *, dates: bool = True,
                isin: Any = None, within: Any = None) -> np.ndarray | None:
    """The rows of ``frame`` that :func:`filter_frame` keeps, as a boolean array; None when it keeps them all.
    ``isin(frame, column, values)`` gives the rows of one category filter (default: :func:`column_isin`),
    ``within(frame, kind, start, end)`` those of the date range (default: :func:`dates_within`)."""
    if filters is None:
        return None
    mask = np.ones(len(frame), dtype=bool)
    start, end = filters.bounds()
    if dates and (start is not None or end is not None):
        inside = (within or dates_within)(frame, kind, start, end)
        if inside is not None:
            mask &= inside
    for name, values in (filters.categories or {}).items():
        if name in frame.columns and values is not None:
            mask &= (isin or column_isin)(frame, name, list(values))
    return None if mask.all() else mask


def dates_within(frame: pd.DataFrame, kind: str, start: pd.Timestamp | None, end: pd.Timestamp | None
                 ) -> np.ndarray | None:
    """The rows of ``frame`` dated (:func:`row_dates`) in ``[start, end)`` (either may be None); None when the
    rows have no dates."""
    column = row_dates(frame, kind)
    if column is None:
        return None
    inside = np.ones(len(frame), dtype=bool)
    if start is not None:
        inside &= (column >= start).to_numpy(dtype=bool)
    if end is not None:
        inside &= (column < end).to_numpy(dtype=bool)
    return inside


def column_isin(frame: pd.DataFrame, name: str, values: list) -> np.ndarray:
    """The rows of ``frame`` whose ``name`` is one of ``values`` (as a category filter compares them)."""
    return _isin(frame[name], values)


def _isin(column: pd.Series, values: list) -> np.ndarray:
    if _as_text(column, values):
        return column.isin(values).to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        numbers = pd.to_numeric(pd.Series(values), errors="coerce").dropna().tolist()
        return column.isin(numbers).to_numpy(dtype=bool)
    return column.astype("string").isin([str(v) for v in values]).fillna(False).to_numpy(dtype=bool)


def _as_text(column: pd.Series, values: list) -> bool:
    """Whether a category filter compares ``values`` with the column's own texts (``isin`` as it is)."""
    return all(isinstance(v, str) for v in values) and not pd.api.types.is_numeric_dtype(column)


_LATEST: dict[int, tuple[weakref.ref, Any]] = {}
# The engine runs in several worker threads at once (dashboard, charts, export): every cache below is
# read and written under a lock, and a cache keyed by ``id()`` also keeps (or weakly checks) the object
# itself, so that a recycled id never returns another object's entry.
_LOCK = threading.RLock()


def latest_timestamp(frames: dict[str, pd.DataFrame]) -> pd.Timestamp | None:
    """The latest datetime in any column of any frame (remembered per frame object)."""
    latest = None
    for frame in frames.values():
        m = _frame_latest(frame)
        if m is not None and (latest is None or m > latest):
            latest = m
    return None if latest is None else pd.Timestamp(latest)


def _frame_latest(frame: pd.DataFrame) -> Any:
    key = id(frame)
    with _LOCK:
        known = _LATEST.get(key)
    if known is not None and known[0]() is frame:
        return known[1]
    latest = None
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col].dtype):
            m = frame[col].max()
            if pd.notna(m) and (latest is None or m > latest):
                latest = m
    with _LOCK:
        _LATEST[key] = (weakref.ref(frame, lambda _ref, key=key: _LATEST.pop(key, None)), latest)
    return latest


def group_labels(column: pd.Series) -> pd.Series:
    """The text of each row's group: whole numbers stored as floats read "3", not "3.0"; missing is "(none)".

    >>> group_labels(pd.Series([3.0, None, 1.0])).tolist()
    ['3', '(none)', '1']
    """
    if pd.api.types.is_float_dtype(column.dtype):
        values = column.dropna()
        if bool((values == values.round()).all()) and bool((values.abs() < 2**53).all()):
            column = column.astype("Int64")
    return column.astype("string").fillna("(none)")


class Prepared:
    """The bundle's frames, materialised once, and filtered inputs cached per filter."""

    def __init__(self, source: DataBundle | MetricInputs, global_params: dict[str, Any] | None = None) -> None:
        glob = global_params or {}
        if isinstance(source, MetricInputs):
            self.frames = dict(source.frames)
            self.groups = dict(source.groups)
            self.as_of = source.as_of
            self.calendar = source.calendar
        elif isinstance(source, DataBundle):
            self.frames = source.frames()
            self.groups = source.column_groups()
            self.as_of = None
            self.calendar = None
        else:
            raise ParameterError(Message('KPIs are computed from loaded data (a DataBundle or MetricInputs).'))
        if glob.get("as_of") is not None:
            self.as_of = _end_of_day(_timestamp(glob["as_of"], "as of"))
        calendar = calendar_setting(glob)
        if calendar is not None:
            self.calendar = calendar
        self._cache: OrderedDict[tuple, MetricInputs] = OrderedDict()    # per filter, the most recent last
        self._terms: dict[tuple, tuple[MetricInputs, Any]] = {}
        self._codes: dict[tuple, tuple[pd.DataFrame, tuple[np.ndarray, Any]]] = {}
        self._periods: dict[tuple, tuple[pd.DataFrame, dict[Any, np.ndarray] | None]] = {}
        self._masks: dict[tuple, tuple[pd.DataFrame, np.ndarray]] = {}      # category filters of the frames
        self._dated: OrderedDict[tuple, tuple[pd.DataFrame, np.ndarray | None]] = OrderedDict()  # date ranges
        self._cut: dict[tuple, tuple[np.ndarray, weakref.ref]] = {}         # a frame cut by one mask, shared
        self._remembered: dict[tuple, Any] = {}
        self._lock = threading.RLock()
        self._big = threading.Lock()        # held while a cut of BIG_CUT_ROWS or more is made: one at a time
        self._big_cuts: list[tuple[weakref.ref, Any]] = []     # such cuts made, each with its job's cancel probe
        distinct = {id(f): f for f in self.frames.values()}
        self._rows_kept = min(CACHE_ROWS_FACTOR * sum(len(f) for f in distinct.values()), CACHE_ROWS_CAP)

    def _kept(self, store: str, key: tuple, owner: Any, make: Callable[[], Any]) -> Any:
        """The value kept in ``self.<store>`` for ``key`` when it was made for ``owner`` (a frame, inputs: a
        recycled id never returns another's value); else ``make()``, kept. Made outside the lock: a re-filter's
        values never wait for a cut, codes or terms that a cancelled job (the drop's trend lines) is still making
        (issue 15, session 15). Two threads making the same value at once keep the first one's."""
        with self._lock:
            known = getattr(self, store).get(key)
        if known is not None and known[0] is owner:
            return known[1]
        checkpoint()
        value = make()
        with self._lock:
            kept = getattr(self, store)         # (``_trim`` may have replaced the dict meanwhile)
            known = kept.get(key)
            if known is None or known[0] is not owner:
                known = kept[key] = (owner, value)
                if store == "_terms":
                    self._trim_terms()
            return known[1]

    def _trim_terms(self, room: int = 0) -> None:
        """Forget the oldest row terms while those kept hold more than :data:`TERMS_ROWS_KEPT` rows (the newest
        stays): the trend lines of the first 2,000,000 rows of the 10,000,000-row call file kept eight KPIs' terms,
        421 MiB (with this, :data:`CACHE_ROWS_CAP` and the reader's hand-back, the window's peak at 10,000,000 rows
        went 6.6 -> 4.4-4.6 GiB). ``room``: the rows of terms about to be made, for which the oldest go first (each
        KPI's terms of the trend lines' 6,700,000-row cut were made while the last KPI's were still kept; issue 15,
        session 21)."""
        def rows(entry: tuple[MetricInputs, Any]) -> int:
            frame = getattr(entry[1], "frame", None)
            return len(frame) if frame is not None else 0

        total = sum(rows(v) for v in self._terms.values())
        while len(self._terms) > (0 if room else 1) and total + room > TERMS_ROWS_KEPT:
            oldest = next(iter(self._terms))
            total -= rows(self._terms.pop(oldest))

    def column_codes(self, frame: pd.DataFrame, column: str) -> tuple[np.ndarray, Any]:
        """Sorted group codes of a category column (missing values form the group "(none)"), remembered."""
        return self._kept("_codes", (id(frame), column), frame,
                          lambda: pd.factorize(group_labels(frame[column]), sort=True))

    def period_rows(self, frame: pd.DataFrame, kind: str, by: str) -> dict[Any, np.ndarray] | None:
        """The positions of ``frame``'s rows in each period (``by``: day … year) by the kind's dates, remembered
        (the trends of one filter slice the same rows: 40-60 ms a KPI at 700,000 tickets); None without dates.
        The arrays are shared: read, never changed."""
        return self._kept("_periods", (id(frame), kind, by), frame, lambda: _period_rows(frame, kind, by))

    def row_terms(self, spec: Any, inputs: MetricInputs, params: dict[str, Any]) -> Any:
        """``spec.row_terms(inputs, params)``, remembered for the same inputs and parameters."""
        key = (spec.id, id(inputs), repr(sorted((k, repr(v)) for k, v in params.items() if not k.startswith("_"))))
        with self._lock:
            known = self._terms.get(key)
            rows = sum(len(f) for f in {id(f): f for k, f in inputs.frames.items() if k in spec.kinds}.values())
            if rows >= BIG_CUT_ROWS and (known is None or known[0] is not inputs):
                self._trim_terms(rows)          # (at this size the oldest kept go before these are made)
        return self._kept("_terms", key, inputs, lambda: spec.row_terms(inputs, params))

    def inputs(self, filters: Filters | None, *, aware: bool = False) -> MetricInputs:
        """Inputs cut by ``filters`` (period-aware: by category only, the range becomes ``period``); cut outside
        the lock (see :meth:`_kept`), one set of inputs kept per filter."""
        filters = filters or Filters()
        start, end = filters.bounds()
        key = (start, end, tuple(sorted((k, tuple(map(str, v))) for k, v in filters.categories.items())), aware)
        with self._lock:
            known = self._cache.get(key)
            if known is not None:
                self._cache.move_to_end(key)
                return known
        frames, cuts = {}, {}
        for kind, frame in self.frames.items():
            checkpoint()
            frames[kind], mask = self._cut_frame(frame, kind, filters, dates=not aware)
            if mask is not None:
                cuts[kind] = (frames[kind], mask)
        cut_from = (self.inputs(None, aware=aware), cuts) if cuts else None
        as_of = self.as_of
        if as_of is None:
            as_of = latest_timestamp(self.frames)
            if as_of is not None and end is not None and as_of >= end:
                as_of = end - pd.Timedelta(microseconds=1)
        period = (start, end) if (start is not None or end is not None) else None
        with self._lock:
            known = self._cache.get(key)        # (another thread's, made meanwhile: what is derived from it is shared)
            if known is None:
                known = self._cache[key] = MetricInputs(frames, as_of, self.calendar, period, self.groups,
                                                         source=self.frames, cut_from=cut_from)
                _share_derived(known, self._cache.values())
                self._trim()
            self._cache.move_to_end(key)
            return known

    def _cut_frame(self, frame: pd.DataFrame, kind: str, filters: Filters, *, dates: bool
                   ) -> tuple[pd.DataFrame, np.ndarray | None]:
        """``filter_frame(frame, kind, filters)`` and the rows it keeps (None: all); filters that keep the same
        rows of a frame (another kind of the same file, the period-aware cut of a filter without dates) share one
        cut frame."""
        mask = filter_mask(frame, kind, filters, dates=dates, isin=self._isin, within=self._within)
        if mask is None:
            return frame, None
        key = (id(frame), int(mask.sum()), hash(np.packbits(mask).tobytes()))
        with self._lock:
            known = self._cut.get(key)
        cut = known[1]() if known is not None else None
        if cut is None or not np.array_equal(known[0], mask):
            cut = self._new_cut(frame, mask, key[1])    # (with the codes of its text columns)
            with self._lock:
                self._cut[key] = (mask, weakref.ref(cut))
        return cut, mask

    def _new_cut(self, frame: pd.DataFrame, mask: np.ndarray, rows: int) -> pd.DataFrame:
        """:func:`cut_rows`; a cut of :data:`BIG_CUT_ROWS` rows or more one at a time, once the filters kept have
        made room for it and the cuts of cancelled jobs are gone. At 10,000,000 calls each cut is 0.65-0.9 GiB:
        the drop's trend lines, cancelled by a click, finished their 6,700,000-row cut (and kept it) while the
        click's values cut another, and the window held both (issue 15, session 21).

        Before a big cut the heap's free memory is handed back (``malloc_trim``, a few ms): the window keeps up to
        256 MiB of it for the next job's arrays (``desktop_app.allocator``), but a big cut's columns and its KPIs'
        row terms are each over the 32 MiB that glibc serves from the heap, so they are mapped afresh and what the
        heap kept only stood on top of them (the trend lines' peak at 10,000,000 calls: 3.01 GiB)."""
        if rows < BIG_CUT_ROWS:
            return cut_rows(frame, mask)
        while not self._big.acquire(timeout=BIG_CUT_POLL_S):
            checkpoint()                    # (a cut of another job is being made: this one waits its turn)
        try:
            self._make_room(rows)
            self._wait_for_cancelled_cuts()
            give_back()                     # (see below)
            cut = _cut_unless_cancelled(frame, mask)
            if cut is not None:
                with self._lock:
                    self._big_cuts.append((weakref.ref(cut), watched_cancel()))
        finally:
            self._big.release()
        if cut is None:
            raise OperationCancelled()
        return cut

    def _make_room(self, rows: int) -> None:
        """Forget the least recently used filters with cut frames of their own while those kept and ``rows`` more
        would pass the rows kept (:meth:`_trim` would forget them once the new cut is kept: here they go before
        it is made)."""
        with self._lock:
            base = {id(f) for f in self.frames.values()}
            for key, inputs in list(self._cache.items()):
                if self._copied() + rows <= self._rows_kept:
                    break
                if any(id(f) not in base for f in inputs.frames.values()):
                    self._forget(key)
            self._cut = {k: v for k, v in self._cut.items() if v[1]() is not None}

    def _wait_for_cancelled_cuts(self) -> None:
        """Wait (at most :data:`BIG_CUT_WAIT_S`) until the big cuts that cancelled jobs made and no filter keeps
        are gone: such a job lets go of its cut at its next cancel check."""
        deadline = time.monotonic() + BIG_CUT_WAIT_S
        while True:
            with self._lock:
                self._big_cuts = [(ref, job) for ref, job in self._big_cuts if ref() is not None]
                kept = {id(f) for inputs in self._cache.values() for f in inputs.frames.values()}
                waiting = [ref for ref, job in self._big_cuts
                           if job is not None and job() and id(ref()) not in kept]
            if not waiting or time.monotonic() > deadline:
                return
            checkpoint()
            time.sleep(BIG_CUT_POLL_S)

    def _isin(self, frame: pd.DataFrame, name: str, values: list) -> np.ndarray:
        """:func:`column_isin` of a frame of these inputs, remembered (the mask is shared: read, never changed)."""
        def make() -> np.ndarray:
            by_codes = codes_isin(frame[name], values) if _as_text(frame[name], values) else None
            mask = column_isin(frame, name, values) if by_codes is None else by_codes
            mask.flags.writeable = False
            return mask
        return self._kept("_masks", (id(frame), name, tuple(map(repr, values))), frame, make)

    def _within(self, frame: pd.DataFrame, kind: str, start: Any, end: Any) -> np.ndarray | None:
        """:func:`dates_within` of a frame of these inputs, remembered (the category filters of one date range
        share it; read, never changed)."""
        def make() -> np.ndarray | None:
            rows = dates_within(frame, kind, start, end)
            if rows is not None:
                rows.flags.writeable = False
            return rows
        key = (id(frame), kind, start, end)
        rows = self._kept("_dated", key, frame, make)
        with self._lock:
            if key in self._dated:
                self._dated.move_to_end(key)
            while len(self._dated) > DATED_KEPT:           # (a trend's periods each ask once)
                self._dated.popitem(last=False)
        return rows

    def _trim(self) -> None:
        """Forget the least recently used filters while there are more than :data:`CACHE_KEPT` or the rows their
        cut frames copied exceed :data:`CACHE_ROWS_FACTOR` times the frames' own (these inputs live as long as the
        caller keeps them: a window keeps them while its files stay loaded). What was derived from a forgotten
        filter goes too."""
        while len(self._cache) > CACHE_KEPT or (len(self._cache) > 1 and self._copied() > self._rows_kept):
            self._forget(next(iter(self._cache)))
        self._cut = {k: v for k, v in self._cut.items() if v[1]() is not None}

    def _copied(self) -> int:
        """The rows of the cut frames the filters kept hold (under the lock)."""
        base = {id(f) for f in self.frames.values()}
        cut = {id(f): len(f) for inputs in self._cache.values() for f in inputs.frames.values() if id(f) not in base}
        return sum(cut.values())

    def _forget(self, key: tuple) -> None:
        """Forget the filter ``key`` and what was derived from its cut frames (under the lock)."""
        gone = self._cache.pop(key)
        self._terms = {k: v for k, v in self._terms.items() if v[0] is not gone}
        dropped = {id(f) for f in gone.frames.values()} - {id(f) for f in self.frames.values()}
        self._codes = {k: v for k, v in self._codes.items() if id(v[0]) not in dropped}
        self._periods = {k: v for k, v in self._periods.items() if id(v[0]) not in dropped}

    def remembered(self, key: tuple, make: Any) -> Any:
        """``make()``, once for these inputs and ``key`` (what does not depend on a filter: the score scale
        detected from every answer)."""
        with self._lock:
            if key in self._remembered:
                return self._remembered[key]
        value = make()
        with self._lock:
            return self._remembered.setdefault(key, value)


def _share_derived(inputs: MetricInputs, others: Any) -> None:
    """Let ``inputs`` share what is :meth:`~MetricInputs.derived` from its frames with other inputs of the same
    frames (the very objects), dates and calendar: a filter without dates cuts the frames of the KPIs of a
    period (``aware``) and of the others alike, so CSAT's answers were collected twice at a re-filter, once for
    CSAT and once for the satisfaction trend (40 ms of 1,048,576 tickets' first status; issue 15, session 17).
    The values are keyed by the frames themselves, so sharing never hands one frame's values to another."""
    for other in others:
        if other is not inputs and other.period == inputs.period and other.as_of == inputs.as_of \
                and other.calendar is inputs.calendar and other.frames.keys() == inputs.frames.keys() \
                and all(other.frames[k] is f for k, f in inputs.frames.items()):
            inputs._derived, inputs._derived_lock = other._derived, other._derived_lock
            return


def _cut_unless_cancelled(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame | None:
    """:func:`cut_rows`, or None when the job was cancelled meanwhile: what it had cut is let go here, before the
    next big cut starts (the cancel's traceback would hold the cut's pieces until the job ends)."""
    cut = None
    try:
        cut = cut_rows(frame, mask)
        checkpoint()
    except OperationCancelled:
        cut = None
    return cut


def _period_rows(frame: pd.DataFrame, kind: str, by: str) -> dict[Any, np.ndarray] | None:
    dates = row_dates(frame, kind)
    if dates is None:
        return None
    keys_of_rows = P.period_start(dates, by)
    rows = keys_of_rows.groupby(keys_of_rows).indices
    for positions in rows.values():
        positions.flags.writeable = False
    return rows


DATED_KEPT = 8             # the rows of a date range a Prepared keeps, for the last eight frames, kinds and ranges
CACHE_ROWS_FACTOR = 2       # the filtered frames a Prepared keeps copy at most twice the rows of its frames
# ... and it keeps at most this many filters whatever their rows. Each set of inputs is a few hundred small Python
# objects a kind (a cut frame's Series, blocks, indexes; what is derived from it); the NPS chart at day
# granularity asks each day once (``desktop_app.jobs.nps_periods``), and with the rows alone as the bound six
# demo files kept about 470,000 more blocks while they stayed open. Freed at the files' close, those blocks
# left pymalloc arenas pinned by the few objects made meanwhile: the soak's closed RSS jumped 50 MB (session 18).
CACHE_KEPT = 32
# The rows of the cut frames kept are capped as well, and so are the row terms' (issue 15, session 20: the
# 10,000,000-row call file in the window).
CACHE_ROWS_CAP = 4_000_000      # the rows of cut frames kept, whatever the file's (twice 10,000,000 rows: 20,000,000)
TERMS_ROWS_KEPT = 8_000_000     # the row terms a Prepared keeps (the KPIs' per-row sums: 16-28 bytes a row each)
# A cut frame of this many rows or more is made one at a time (issue 15, session 21: 0.65-0.9 GiB each at
# 10,000,000 calls); a filter of the 1,048,576-row ticket file never cuts that many.
BIG_CUT_ROWS = 2_000_000
BIG_CUT_WAIT_S = 10.0           # how long a big cut waits for cancelled jobs to let go of theirs, at most
BIG_CUT_POLL_S = 0.02           # (how often it looks, and checks its own cancel)


_PREPARED: dict[int, tuple[weakref.ref, tuple, Prepared]] = {}


def prepared_for(source: DataBundle | MetricInputs, global_params: dict[str, Any] | None) -> Prepared:
    """A :class:`Prepared` for ``source``; the last one is reused while the same ``MetricInputs``
    object (same frames, same global settings) is passed again — a bundle is prepared anew each
    time, so no copy of its frames is kept."""
    if not isinstance(source, MetricInputs):
        return Prepared(source, global_params)
    signature = (tuple((k, id(f), len(f)) for k, f in source.frames.items()), source.as_of, id(source.calendar),
                 repr(sorted((k, repr(v)) for k, v in (global_params or {}).items())))
    with _LOCK:
        hit = _PREPARED.get(id(source))
        if hit is not None and hit[0]() is source and hit[1] == signature:
            return hit[2]
        prepared = Prepared(source, global_params)
        _PREPARED.clear()
        _PREPARED[id(source)] = (weakref.ref(source), signature, prepared)
        weakref.finalize(source, _PREPARED.pop, id(source), None)     # no frames kept once the inputs are gone
        return prepared

"""Types of the KPI engine: what a metric is (:class:`MetricSpec`) and what it returns
(:class:`MetricResult`).

A metric is a pure function ``(inputs: MetricInputs, params: dict) -> MetricResult``.
It never raises for missing data: an empty input or a zero denominator gives
``value=None`` with a ``reason``. A missing *field* gives ``value=None`` with
``missing_fields`` set and a reason that names the field.

Row-decomposable metrics also provide ``row_terms``: per-row numerator and
denominator contributions that the engine sums per period or group, so that a
breakdown of a ratio is Σnumerator / Σdenominator per group, never an average
of averages (STYLE.md: split "collect the sums" from "divide").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, asdict, replace
from typing import Any, Callable, Mapping as TMapping

from ..deferred import pd

from ..column_groups import ColumnGroup
from ..i18n import N_, Message, _, as_message
from ..progress import checkpoint
from ..result_details import Details, details_for

UNITS = ("%", "score", "seconds", "count", "currency", "ratio", "days", "per_day", "erlang")
WHOLE_UNITS = frozenset({"count"})    # KPIs counted in whole numbers: their chart axes are ticked at whole numbers
FAMILIES = (
    ("customer_experience", N_("Customer experience")),
    ("loyalty_value", N_("Loyalty and value")),
    ("tickets", N_("Contacts and tickets")),         # request volume, channels, peak hours: calls and social too
    ("calls", N_("Calls")),
    ("team_quality", N_("Team and quality")),
    ("social", N_("Social media")),
)



def family_label(family: str) -> str:
    """A family's name in the current language (``customer_experience`` -> "Customer experience")."""
    return _(dict(FAMILIES).get(family, family))


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a metric, with its default."""

    name: str
    default: Any
    label: str
    kind: str = "number"        # "number", "int", "choice", "bool", "table", "text"
    choices: tuple[Any, ...] = ()     # "choice": the values allowed; "text": values offered beside free text
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    special: str = ""           # "number": what its minimum (no default: an empty field) stands for, shown in its place
    shown: bool = True          # False: a name kept for the command line and old files, not offered in settings
    choice_names: tuple[tuple[Any, str], ...] = ()   # (value, msgid): choices named by their own text (the KPIs
                                                     # benchmark_gap compares, by their names), not choice_labels

    @property
    def translated_label(self) -> str:
        return _(self.label)

    @property
    def translated_help(self) -> str:
        return _(self.help) if self.help else ""

    def choice_label(self, value: Any) -> str:
        """One of :attr:`choices` as the settings show it, in the current language."""
        named = dict(self.choice_names)
        if value in named:
            return _(named[value])
        from .choice_labels import choice_label
        return choice_label(self.name, value)


@dataclass
class MetricResult:
    """The value of one KPI, with what it was computed from."""

    metric_id: str
    value: float | None
    unit: str
    numerator: float | None = None
    denominator: float | None = None
    n: int = 0                                   # rows used
    excluded: list[tuple[int, Message]] = field(default_factory=list)   # (count, reason) e.g. (312, "tickets without a first response")
    reason: Message | None = None                # why value is None (a plain string is made a Message)
    missing_fields: list[str] = field(default_factory=list)
    higher_is_better: bool | None = True
    median: float | None = None                  # durations: median and 90th percentile
    p90: float | None = None
    ci_low: float | None = None                  # confidence interval (Wilson for proportions)
    ci_high: float | None = None
    margin_of_error: float | None = None         # NPS: 95 % margin of error in points
    details: Details = field(default_factory=Details)   # typed extras (shares, tables, top words …); a dict given
                                                         # here becomes the KPI's details class (result_details.py)

    def __post_init__(self) -> None:
        # Reasons are kept unrendered, so a result computed once is shown in any language later.
        self.reason = as_message(self.reason)
        self.excluded = _ExcludedList(self.excluded)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "reason":
            value = as_message(value)
        elif name == "excluded":
            value = _ExcludedList(value)
        elif name == "details":
            value = details_for(self.metric_id, value)
        object.__setattr__(self, name, value)
        if name == "metric_id" and "details" in self.__dict__:        # another KPI's result taken over
            object.__setattr__(self, "details", details_for(value, self.details))

    @property
    def ok(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON: reasons in English (contract)."""
        d = asdict(replace(self, details=Details()))
        d["details"] = self.details.to_dict()     # (asdict would take an i18n Message in them apart)
        d["id"] = d.pop("metric_id")
        d["reason"] = self.reason.english() if self.reason is not None else None
        d["excluded"] = [{"count": int(c), "reason": r.english()} for c, r in self.excluded]
        return _jsonable(d)


class _ExcludedList(list):
    """``(count, reason)`` pairs whose reasons are :class:`Message` objects, however they are added."""

    def __init__(self, pairs: Any = ()) -> None:
        super().__init__(self._pair(p) for p in (pairs or ()))

    @staticmethod
    def _pair(pair: Any) -> tuple[int, Message]:
        count, reason = pair
        return count, as_message(reason)

    def append(self, pair: Any) -> None:
        super().append(self._pair(pair))

    def extend(self, pairs: Any) -> None:
        super().extend(self._pair(p) for p in pairs)

    def __add__(self, other: Any) -> "_ExcludedList":
        return _ExcludedList([*self, *other])

    def __deepcopy__(self, memo: dict) -> list:
        return [(c, r) for c, r in self]


@dataclass
class SeriesPoint:
    """One period or group of a breakdown."""

    key: Any                      # pd.Timestamp (period start) or a category value
    label: str                    # "2024-03", "2024-W10", "Q1 2024", "Email"
    value: float | None
    n: int
    numerator: float | None = None
    denominator: float | None = None

    def to_dict(self, key_name: str = "period") -> dict[str, Any]:
        return _jsonable({key_name: self.label, "value": self.value, "n": self.n,
                          "numerator": self.numerator, "denominator": self.denominator})


@dataclass
class RowTerms:
    """Per-row contributions of a row-decomposable metric.

    ``frame`` has one row per input row used, with columns ``num`` and ``den``
    (floats) and, for duration metrics, ``val`` (the per-row value whose median
    and p90 are reported). ``dates`` (same index) holds the date used for
    period breakdowns; the engine joins category columns from the input frame
    by index. ``value = scale * Σnum / Σden``.

    A count or sum KPI (request volume, cash flow) leaves out ``den``: its
    value is ``scale * Σnum`` and its breakdowns add up to the total.

    The engine reads the dates from a column ``date`` (or ``dates``) of
    ``frame`` when present, else from the date field of ``kind`` (catalogue)
    in the input frame, joined by index.
    """

    frame: pd.DataFrame
    scale: float = 1.0
    kind: str = ""               # the data kind the rows come from (for group columns)
    excluded: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class MetricSpec:
    """One KPI of the catalogue: the explicit registry entry."""

    id: str
    label: str
    family: str                         # one of FAMILIES' ids
    unit: str                           # one of UNITS
    higher_is_better: bool | None
    kinds: tuple[str, ...]              # data kinds it reads
    required_fields: tuple[str, ...]    # canonical fields it cannot do without (any of ``kinds``)
    description: str                    # the formula in words (tooltips, docs/metrics.md)
    source: str                         # "S0 S1 S2" or "+"
    compute: Callable[["MetricInputs", TMapping[str, Any]], MetricResult]
    params: tuple[ParamSpec, ...] = ()
    row_terms: Callable[["MetricInputs", TMapping[str, Any]], RowTerms | None] | None = None
    calculator: Callable[[TMapping[str, float], TMapping[str, Any]], MetricResult] | None = None
    calculator_inputs: tuple[str, ...] = ()
    duration: bool = False              # a duration metric (business hours apply; mean/median/p90)
    series_only: bool = False           # a time series by nature (backlog): its headline is the last period
    period_aware: bool = False          # reads ``MetricInputs.period`` itself (churn, retention, turnover): the
                                        # engine passes the date range as ``period`` instead of cutting rows by date
    sums_its_days: bool = False         # its one figure adds up all its days (Historical CLV: what a customer spent
                                        # over them): a trend's points, each one period's, are smaller; the trend says so
    rate: bool | None = None            # a share of its units, judged by how many there are (plausibility.few_units);
                                        # None: every "%" KPI is one, False for a "%" that is a change (satisfaction
                                        # improvement, complaint growth)
    counts: str = ""                    # what ``MetricResult.n`` counts when it is not the rows of its files: a data
                                        # kind ("customers": repurchase rate counts customers, not their orders)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    @property
    def translated_label(self) -> str:
        """The KPI's name in the current language (``label`` stays the English name: JSON, ids)."""
        return _(self.label)

    @property
    def translated_description(self) -> str:
        return _(self.description)


@dataclass
class MetricInputs:
    """The canonical frames a metric reads, one per data kind, already filtered.

    ``frames`` maps a kind name to its canonical frame (several datasets of the
    same kind are concatenated). ``as_of`` is the data's "as of" time. A
    ``calendar`` (business hours) applies to duration metrics when set.
    ``groups`` holds, per kind, the columns of fields fed by several columns
    (QA criteria with weights and maxima, engagement inputs), each group for
    the rows of the dataset it names (see :mod:`metrics_core.column_groups`).
    """

    frames: dict[str, pd.DataFrame]
    as_of: pd.Timestamp | None = None
    calendar: Any = None                # metrics_core.metrics.business_hours.BusinessCalendar | None
    period: tuple[pd.Timestamp | None, pd.Timestamp | None] | None = None   # measured period: [start, end) — None = all data
    groups: TMapping[str, tuple[ColumnGroup, ...]] = field(default_factory=dict)
    # the frames before filters and a breakdown's groups cut them, for what a file says as a whole (the staff
    # file records leaving dates: a team nobody left has a turnover of 0 %); empty: ``frames`` are whole
    source: TMapping[str, pd.DataFrame] = field(default_factory=dict)
    # the unfiltered inputs these were cut from by a filter, and per kind cut, the cut frame and the rows of the
    # unfiltered frame it holds (a boolean array): what a filter's rows share with the unfiltered ones (each row's
    # survey answer) is then taken from the unfiltered value instead of being worked out again; None: not a cut
    cut_from: tuple["MetricInputs", TMapping[str, tuple[pd.DataFrame, Any]]] | None = field(
        default=None, repr=False, compare=False)
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # the same inputs may be read by several worker threads at once (the engine's caches hand them out)
    _derived_lock: Any = field(default_factory=threading.RLock, init=False, repr=False, compare=False)

    @classmethod
    def from_bundle(cls, bundle: Any) -> "MetricInputs":
        """The frames and column groups of a :class:`~metrics_core.dataset.DataBundle`."""
        return cls(bundle.frames(), groups=bundle.column_groups())


    def get(self, kind: str) -> pd.DataFrame | None:
        f = self.frames.get(kind)
        return f if f is not None else None

    def with_frames(self, frames: dict[str, pd.DataFrame], period: Any = "same") -> "MetricInputs":
        """The same inputs over other frames (a slice, a filter), and another ``period`` when given. Given
        these very frames (another period of them), what was :meth:`derived` from them is shared."""
        other = replace(self, frames=frames, period=self.period if period == "same" else period)
        if frames is self.frames:
            other._derived, other._derived_lock = self._derived, self._derived_lock
        return other

    def column_groups(self, kind: str, field_name: str) -> tuple[ColumnGroup, ...]:
        """The groups of ``field_name`` in the frames of ``kind`` (none: the frame says nothing)."""
        return tuple(g for g in self.groups.get(kind, ()) if g.field == field_name)

    def known(self, name: str) -> Any:
        """What :meth:`derived` gave for ``name`` from these very frames, when it was asked already (else None)."""
        with self._derived_lock:
            known = self._derived_entry(name)
        return None if known is None else known[1]

    def _derived_entry(self, name: str) -> tuple[tuple, Any] | None:
        """The entry :meth:`derived` keeps for ``name`` when it was made from these very frames (a recycled id
        never returns another frame's value)."""
        frames = tuple(self.frames.values())
        known = self._derived.get((name, tuple((kind, id(frame)) for kind, frame in self.frames.items())))
        if known is None or len(known[0]) != len(frames) or any(a is not b for a, b in zip(known[0], frames)):
            return None
        return known

    def rows_cut(self, kind: str) -> Any:
        """The rows of the unfiltered ``kind`` frame (:attr:`cut_from`) that this ``kind`` frame holds: a boolean
        array, ``True`` when it is the unfiltered frame itself, None when these frames are not a filter's cut of
        it (a breakdown's slice of them, inputs made by hand)."""
        if self.cut_from is None or kind not in self.frames:
            return None
        whole, cuts = self.cut_from
        cut = cuts.get(kind)
        if cut is None:
            return True if whole.frames.get(kind) is self.frames[kind] else None
        return cut[1] if cut[0] is self.frames[kind] else None

    def derived(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once for these frames and reused by every KPI that asks for ``name``
        (the survey scores that CSAT, top-box CSAT, average CSAT and the trend all read). The frames
        are part of the key, so replacing one of them computes the value anew; the value is shared and
        must not be changed by its readers.
        """
        with self._derived_lock:            # computed once, even when several threads ask at the same time
            known = self._derived_entry(name)
            if known is None:               # (the frames are kept with the value)
                checkpoint()
                frames = tuple(self.frames.values())
                key = (name, tuple((kind, id(frame)) for kind, frame in self.frames.items()))
                known = self._derived[key] = (frames, make())
            return known[1]


def _jsonable(obj: Any) -> Any:
    """Convert numpy / pandas scalars and timestamps to plain JSON values."""
    import math

    import numpy as np

    if isinstance(obj, Message) or callable(getattr(obj, "english", None)):   # texts read in a language: English
        return obj.english()
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (pd.Timestamp,)):
        return obj.isoformat()
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and (math.isnan(obj) or math.isinf(obj)):
        return None
    if obj is pd.NA or obj is pd.NaT:
        return None
    if hasattr(obj, "render") and hasattr(obj, "msgid"):      # an i18n Message: its text, in the current language
        return obj.render()
    return obj

"""A KPI result's details as typed values: one small frozen dataclass per kind of detail.

Every result's :class:`Details` has the fields the engine and the checks add to any KPI (target,
benchmark, caveat, failure, unit note, note); the KPIs whose details the window, the charts and the
exports read have their own subclass (:class:`NpsDetails`, :class:`HeatMapDetails`,
:class:`StaffingDetails`, :class:`QualityDetails`, :class:`TextDetails`). Readers use attributes
(``result.details.promoters_pct``). Details a KPI adds for JSON and for people only (how a figure was
read, sub-rates) are kept in ``extra``.

A metric may build its details as a plain dict: :class:`~metrics_core.metrics.model.MetricResult` makes
it the KPI's class (:func:`details_for`). A field that was never set is absent, not None, so the JSON
(``kpidesk calc --json``, a contract) has the same keys in the same order as before; the details read as
a mapping too (``details["promoters_pct"]``, ``"matrix" in details``), in that order.

>>> d = details_for("nps", {"scale": "0-10", "promoters_pct": 50.0})
>>> d.promoters_pct, d.detractors_pct, d["scale"], list(d)
(50.0, None, '0-10', ['scale', 'promoters_pct'])
>>> list(d.with_(target=30).to_dict().items())
[('scale', '0-10'), ('promoters_pct', 50.0), ('target', 30)]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

_META = ("extra", "keys_set")


@dataclass(frozen=True, eq=False)
class Details(Mapping):
    """What the engine and the checks add to any KPI's result."""

    target: float | None = None
    target_met: bool | None = None
    benchmark: float | None = None
    benchmark_gap: float | None = None
    benchmark_ratio: float | None = None
    caveat: Any = None                     # one short line for a card (a Message)
    caveat_detail: Any = None              # the whole reason, for a tooltip or a report note
    failed: bool | None = None             # the computation failed (the reason says why)
    unit_note: str | None = None           # "percentage points": a change, not a share
    note: Any = None                       # how the figure was read (per day, weighting …)
    extra: Mapping[str, Any] = field(default_factory=dict)   # the KPI's other details, for JSON and people
    keys_set: tuple[str, ...] = ()         # the keys set, in the order they were set

    @classmethod
    def typed_names(cls) -> frozenset[str]:
        return _typed_names(cls)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "Details":
        typed = cls.typed_names()
        return cls(**{k: v for k, v in values.items() if k in typed},
                   extra={k: v for k, v in values.items() if k not in typed}, keys_set=tuple(values))

    def with_(self, **values: Any) -> "Details":
        """A copy with ``values`` set (typed fields or extra keys)."""
        typed = self.typed_names()
        extra = {**self.extra, **{k: v for k, v in values.items() if k not in typed}}
        keys = self.keys_set + tuple(k for k in values if k not in self.keys_set)
        return replace(self, **{k: v for k, v in values.items() if k in typed}, extra=extra, keys_set=keys)

    def to_dict(self) -> dict[str, Any]:
        """The keys set, in order (JSON)."""
        return {k: self[k] for k in self.keys_set}

    def __getitem__(self, key: str) -> Any:
        if key not in self.keys_set:
            raise KeyError(key)
        return self.extra[key] if key in self.extra else getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_set)

    def __len__(self) -> int:
        return len(self.keys_set)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_dict()!r})"


@dataclass(frozen=True, eq=False, repr=False)
class NpsDetails(Details):
    """NPS: the shares of promoters, passives and detractors (percent of answers), and how answers were weighted."""

    promoters_pct: float | None = None
    passives_pct: float | None = None
    detractors_pct: float | None = None
    weighting: str | None = None

    def shares(self) -> tuple[float, float, float] | None:
        """(promoters, passives, detractors) in percent; None unless all three are known."""
        parts = (self.promoters_pct, self.passives_pct, self.detractors_pct)
        return None if any(p is None for p in parts) else tuple(float(p) for p in parts)


@dataclass(frozen=True, eq=False, repr=False)
class HeatMapDetails(Details):
    """Peak hours: contacts per weekday × hour (7 × 24, Monday first) and the busiest cell."""

    matrix: list[list[int]] | None = None
    weekdays: list[str] | None = None
    busiest: Mapping[str, Any] | None = None       # {"weekday", "hour", "count"}


@dataclass(frozen=True, eq=False, repr=False)
class StaffingDetails(Details):
    """Staffing: service level, occupancy and ASA against agents (Erlang C), the goal, the prediction at the
    agents needed, head-count and lines, Erlang A, and the measured level."""

    curve: list[Mapping[str, Any]] | None = None   # {"agents", "service_level_pct", "occupancy_pct", "asa_s"}
    goal: str | None = None
    target_pct: float | None = None
    asa_target_s: float | None = None
    threshold_s: float | None = None
    traffic_erlangs: float | None = None
    arrivals_per_interval: float | None = None
    interval_min: float | None = None
    aht_s: float | None = None
    predicted_service_level_pct: float | None = None
    predicted_asa_s: float | None = None
    occupancy_pct: float | None = None
    shrinkage_pct: float | None = None
    scheduled_agents: int | None = None
    blocking_target_pct: float | None = None
    lines_needed: int | None = None
    erlang_a: Mapping[str, Any] | None = None     # {"agents", "service_level_pct", "abandon_pct", "patience_s" …}
    erlang_a_note: Any = None
    measured_service_level_pct: float | None = None


@dataclass(frozen=True, eq=False, repr=False)
class QualityDetails(Details):
    """IQS: the criteria with their weights and maxima, the score per criterion and per agent."""

    criteria: list[str] | None = None
    weights: list[float] | None = None
    maxima: list[float] | None = None
    by_criterion: Mapping[str, float] | None = None
    by_agent: Mapping[str, float] | None = None


@dataclass(frozen=True, eq=False, repr=False)
class TextDetails(Details):
    """Text KPIs: the most frequent words and phrases ({"term", "answers", "share"})."""

    words: list[Mapping[str, Any]] | None = None
    phrases: list[Mapping[str, Any]] | None = None


DETAILS_BY_METRIC: dict[str, type[Details]] = {"nps": NpsDetails, "peak_hours": HeatMapDetails,
                                               "staffing": StaffingDetails, "iqs": QualityDetails,
                                               "brand_attributes": TextDetails}


def details_for(metric_id: str, values: Any) -> Details:
    """``values`` (a dict, a :class:`Details` or None) as the details of ``metric_id``."""
    cls = DETAILS_BY_METRIC.get(metric_id, Details)
    if isinstance(values, cls):
        return values
    return cls.from_mapping(values or {})


@functools.cache
def _typed_names(cls: type) -> frozenset[str]:
    """The fields of a details class, remembered per class (read for every card's text, and every result made)."""
    return frozenset(f.name for f in fields(cls) if f.name not in _META)


def details_of(result: Any, cls: type[Details] = Details) -> Any:
    """The details of ``result`` read as ``cls`` (a result of another KPI, or one whose details are a plain
    mapping, reads as ``cls`` with every field it does not have unset)."""
    values = getattr(result, "details", None)
    if isinstance(values, cls):
        return values
    return cls.from_mapping(values if isinstance(values, Mapping) else {})

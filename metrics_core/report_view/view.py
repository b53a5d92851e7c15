"""What is being shown: one description shared by the window and every report.

A :class:`KpiView` is plain data — the period, the category filters, what changes are compared
with, the period grain of trends, the chosen KPIs in their order, the breakdowns of each, and the
targets. :func:`metrics_core.report_view.compute.compute_view` turns it into numbers; the
dashboard's cards and charts and the deck, workbook, CSV and chart images render those numbers.

>>> view = KpiView(date_from="2026-10-01", date_to="2026-10-31", comparison="last_year", kpis=("csat", "nps"))
>>> KpiView.from_dict(view.to_dict()) == view
True
>>> view.filters().bounds()
(Timestamp('2026-10-01 00:00:00'), Timestamp('2026-11-01 00:00:00'))
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..i18n import Message
from ..metrics.engine_inputs import Filters
from ..metrics.periods import PERIODS

COMPARISONS = ("previous", "last_year", "none")


@dataclass(frozen=True)
class KpiView:
    """Period (inclusive days; ``None`` = from the first / to the last date in the files),
    category filters, comparison (``previous``, ``last_year`` or ``none``), trend grain, chosen
    KPIs in order (empty: the default short list), breakdown columns per KPI, and targets."""

    date_from: pd.Timestamp | None = None
    date_to: pd.Timestamp | None = None
    categories: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    comparison: str = "previous"
    grain: str = "month"
    kpis: tuple[str, ...] = ()
    breakdowns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "date_from", _day(self.date_from, "from"))
        object.__setattr__(self, "date_to", _day(self.date_to, "to"))
        if self.comparison not in COMPARISONS:
            raise ParameterError(Message("Compare with “previous”, “last_year” or “none”, not “{value}”.",
                                   dict(value=self.comparison)))
        if self.grain not in PERIODS:
            raise ParameterError(Message("Trends go by day, week, month, quarter or year, not “{value}”.",
                                   dict(value=self.grain)))
        object.__setattr__(self, "kpis", tuple(self.kpis))
        object.__setattr__(self, "categories", {str(k): tuple(v) for k, v in self.categories.items() if v})
        object.__setattr__(self, "breakdowns", {str(k): tuple(v) for k, v in self.breakdowns.items()})
        object.__setattr__(self, "targets", {str(k): float(v) for k, v in self.targets.items() if v is not None})

    def __hash__(self) -> int:
        return hash((self.date_from, self.date_to, self.comparison, self.grain, self.kpis))

    @property
    def has_range(self) -> bool:
        return self.date_from is not None or self.date_to is not None

    def filters(self) -> Filters:
        """The engine's :class:`Filters` for the period and categories."""
        return Filters(self.date_from, self.date_to, {k: list(v) for k, v in self.categories.items()})

    def with_period(self, date_from: Any, date_to: Any) -> "KpiView":
        return replace(self, date_from=date_from, date_to=date_to)

    def to_dict(self) -> dict[str, Any]:
        def day(ts: pd.Timestamp | None) -> str | None:
            return None if ts is None else ts.date().isoformat()
        return {"date_from": day(self.date_from), "date_to": day(self.date_to),
                "categories": {k: [_plain(v) for v in vals] for k, vals in self.categories.items()},
                "comparison": self.comparison, "grain": self.grain, "kpis": list(self.kpis),
                "breakdowns": {k: list(v) for k, v in self.breakdowns.items()}, "targets": dict(self.targets)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "KpiView":
        data = data or {}
        return cls(data.get("date_from"), data.get("date_to"), dict(data.get("categories") or {}),
                   data.get("comparison", "previous"), data.get("grain", "month"), tuple(data.get("kpis") or ()),
                   dict(data.get("breakdowns") or {}), dict(data.get("targets") or {}))


def _day(value: Any, which: str) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ParameterError(Message("The date {which} “{value}” is not a date like 2026-10-31.",
                               dict(which=which, value=value))) from exc
    return None if pd.isna(stamp) else stamp.normalize()


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value

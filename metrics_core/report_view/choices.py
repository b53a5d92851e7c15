"""The report an owner chose, as saved in the project: title, business name, logo, period,
comparison, KPIs and their order, breakdowns, appendix, folder and formats. Next month the same
report is one click (or ``kpidesk report --project FILE --period last-month``).

>>> c = ReportChoices(title="Lipa Home", period="last_month", kpis=["abandonment_rate", "csat"])
>>> ReportChoices.from_dict(c.to_dict()) == c
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ..dataset import DataBundle
from ..errors import ParameterError
from ..i18n import Message, _
from .compute import last_complete_month
from .view import COMPARISONS, KpiView
from ..formatting import format_month

# Which dates a report covers: the dashboard's, the last complete month in the files, every date, or its own.
PERIODS = ("dashboard", "last_month", "all", "custom")
FORMATS = ("pptx", "xlsx", "csv", "png")


@dataclass
class ReportChoices:
    title: str = ""
    business_name: str = ""
    logo: str = ""
    period: str = "dashboard"
    date_from: str | None = None            # "custom": ISO days, inclusive
    date_to: str | None = None
    comparison: str = "previous"
    kpis: list[str] = field(default_factory=list)           # in order; empty = the default short list
    breakdowns: dict[str, list[str]] = field(default_factory=dict)
    appendix: bool = False
    folder: str = ""
    formats: list[str] = field(default_factory=lambda: ["pptx", "xlsx"])

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ParameterError(Message("The report period is one of {choices}, not “{value}”.",
                                   dict(choices=", ".join(PERIODS), value=self.period)))
        if self.comparison not in COMPARISONS:
            raise ParameterError(Message("Compare with “previous”, “last_year” or “none”, not “{value}”.",
                                   dict(value=self.comparison)))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ReportChoices":
        data = dict(data or {})
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["kpis"] = [str(k) for k in known.get("kpis") or []]
        known["breakdowns"] = {str(k): [str(c) for c in v] for k, v in (known.get("breakdowns") or {}).items()}
        known["formats"] = [f for f in known.get("formats") or ["pptx", "xlsx"] if f in FORMATS]
        return cls(**known)

    def view(self, dashboard: KpiView, bundle: DataBundle) -> KpiView:
        """The report's view: the dashboard's filters, targets and grain with these choices' period,
        comparison, KPIs and breakdowns."""
        date_from, date_to = dashboard.date_from, dashboard.date_to
        if self.period == "last_month":
            month = last_complete_month(bundle)
            date_from, date_to = month if month is not None else (None, None)
        elif self.period == "all":
            date_from = date_to = None
        elif self.period == "custom":
            date_from, date_to = self.date_from, self.date_to
        return replace(dashboard, date_from=date_from, date_to=date_to, comparison=self.comparison,
                       kpis=tuple(self.kpis), breakdowns={k: tuple(v) for k, v in self.breakdowns.items()})


def last_month_reason(bundle: DataBundle) -> str:
    """Why "last complete month" is offered, with the month it stands for."""
    month = last_complete_month(bundle)
    if month is None:
        return _("The files hold no complete calendar month.")
    start, end = month
    return _("{month} is the latest month your files cover from its first to its last day; a month still "
             "running would compare a few days with a whole month.", month=format_month(start, "wide"))

"""The dashboard's global filters as plain data, and the date-range presets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from metrics_core.formatting import format_period
from metrics_core.i18n import N_, _

from .formatting import day_range

GRANULARITIES = (("day", N_("Day")), ("week", N_("Week")), ("month", N_("Month")), ("quarter", N_("Quarter")),
                 ("year", N_("Year")))
# Presets count back from the data's last day, not from today: exports are usually looked
# at weeks after they were made, and "last 30 days" of today would then be empty.
PRESETS = (
    ("all", N_("All dates")),
    ("last_7", N_("Last 7 days of data")),
    ("last_30", N_("Last 30 days of data")),
    ("this_month", N_("Latest month")),
    ("last_month", N_("Month before latest")),
    ("this_quarter", N_("Latest quarter")),
    ("this_year", N_("Latest year")),
    ("custom", N_("Custom\u2026")),
)

# What a KPI's change compares with (the dashboard's "Compare" and a report's comparison).
COMPARISON_CHOICES = (("previous", N_("The period before")), ("last_year", N_("The same period last year")),
                      ("none", N_("No comparison")))

# The "Per" step a preset brings with it, so that its trend has several points, not one.
PRESET_GRANULARITY = {"last_7": "day", "last_30": "day", "this_month": "week", "last_month": "week",
                      "this_quarter": "week", "this_year": "month"}


@dataclass(frozen=True)
class FilterState:
    """Date range (inclusive days), category selections and the period granularity."""

    date_from: pd.Timestamp | None = None
    date_to: pd.Timestamp | None = None
    categories: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    granularity: str = "month"
    preset: str = "all"

    def with_category(self, column: str, values: list[Any] | tuple[Any, ...] | None) -> "FilterState":
        cats = dict(self.categories)
        if values:
            cats[column] = tuple(values)
        else:
            cats.pop(column, None)
        return replace(self, categories=cats)

    def with_dates(self, date_from: pd.Timestamp | None, date_to: pd.Timestamp | None, preset: str = "custom") -> "FilterState":
        return replace(self, date_from=date_from, date_to=date_to, preset=preset)

    def fitted_to(self, first: pd.Timestamp | None, last: pd.Timestamp | None) -> "FilterState":
        """These filters made to describe the loaded data ``[first, last]`` (recomputed whenever files are
        added or removed): a preset's dates count back from the new last day, a custom range is kept
        within the data, no dates at all means no date range, and the grain is made coarser when it
        would give more than :data:`MAX_TREND_POINTS` points (weeks over two years become months)."""
        if first is None or last is None or pd.isna(first) or pd.isna(last):
            return replace(self, date_from=None, date_to=None, preset="all")
        fitted = self
        if self.preset not in ("all", "custom"):
            lo, hi = preset_range(self.preset, last)
            fitted = replace(self, date_from=lo, date_to=hi)
        elif self.preset == "custom" and self.date_from is not None and self.date_to is not None:
            lo, hi = max(self.date_from, first.normalize()), min(self.date_to, last.normalize())
            fitted = replace(self, date_from=lo, date_to=hi) if lo <= hi else replace(self, date_from=None,
                                                                                       date_to=None, preset="all")
        start = fitted.date_from if fitted.date_from is not None else first
        end = fitted.date_to if fitted.date_to is not None else last
        return replace(fitted, granularity=readable_grain(fitted.granularity, start, end))

    def to_engine(self) -> Any:
        """The :class:`metrics_core.metrics.engine.Filters` for these selections."""
        from metrics_core.metrics.engine import Filters

        start = None if self.date_from is None else self.date_from.normalize()
        last_day = None if self.date_to is None else self.date_to.normalize()     # inclusive: the whole day
        return Filters(date_from=start, date_to=last_day, categories={k: list(v) for k, v in self.categories.items()})

    def to_view(self, targets: dict[str, float] | None = None, comparison: str = "previous", **choices: Any) -> Any:
        """The :class:`metrics_core.report_view.KpiView` of these selections (what the window shows)."""
        from metrics_core.report_view import KpiView

        return KpiView(self.date_from, self.date_to, dict(self.categories), comparison, self.granularity,
                       targets=dict(targets or {}), **choices)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date_from": None if self.date_from is None else self.date_from.date().isoformat(),
            "date_to": None if self.date_to is None else self.date_to.date().isoformat(),
            "categories": {k: [_plain(v) for v in vals] for k, vals in self.categories.items()},
            "granularity": self.granularity,
            "preset": self.preset,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "FilterState":
        data = data or {}
        def ts(v: Any) -> pd.Timestamp | None:
            return None if not v else pd.Timestamp(v)
        gran = data.get("granularity", "month")
        return cls(ts(data.get("date_from")), ts(data.get("date_to")),
                   {str(k): tuple(v) for k, v in (data.get("categories") or {}).items()},
                   gran if gran in dict(GRANULARITIES) else "month", str(data.get("preset", "all")))


MAX_TREND_POINTS = 60        # more points than this and a trend is a tangle on a laptop screen
GRAIN_ORDER = ("day", "week", "month", "quarter", "year")
GRAIN_DAYS = {"day": 1, "week": 7, "month": 30.44, "quarter": 91.31, "year": 365.25}


def readable_grain(grain: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """``grain``, or the first coarser one that gives at most :data:`MAX_TREND_POINTS` periods.

    >>> readable_grain("week", pd.Timestamp("2021-01-01"), pd.Timestamp("2022-12-31"))
    'month'
    >>> readable_grain("week", pd.Timestamp("2022-01-01"), pd.Timestamp("2022-12-31"))
    'week'
    """
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    order = GRAIN_ORDER[GRAIN_ORDER.index(grain):] if grain in GRAIN_ORDER else GRAIN_ORDER[2:]
    for candidate in order:
        if days / GRAIN_DAYS[candidate] <= MAX_TREND_POINTS:
            return candidate
    return order[-1]


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def preset_range(preset: str, today: pd.Timestamp) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The inclusive day range of a preset, relative to ``today`` (the data's last day)."""
    t = pd.Timestamp(today).normalize()
    if preset == "last_7":
        return t - pd.Timedelta(days=6), t
    if preset == "last_30":
        return t - pd.Timedelta(days=29), t
    if preset == "this_month":
        return t.replace(day=1), t
    if preset == "last_month":
        first = t.replace(day=1)
        prev_last = first - pd.Timedelta(days=1)
        return prev_last.replace(day=1), prev_last
    if preset == "this_quarter":
        q_month = 3 * ((t.month - 1) // 3) + 1
        return t.replace(month=q_month, day=1), t
    if preset == "this_year":
        return t.replace(month=1, day=1), t
    return None, None


def preset_label(preset: str, last_day: pd.Timestamp | None) -> str:
    """The preset's name with the dates it stands for, e.g. ``Latest month (Oct 2026)``."""
    base = _(dict(PRESETS).get(preset, preset))
    if last_day is None or pd.isna(last_day) or preset in ("all", "custom"):
        return base
    lo, hi = preset_range(preset, last_day)
    if lo is None or hi is None:
        return base
    if preset in ("this_month", "last_month"):
        span = format_period(lo, "month")
    elif preset == "this_quarter":
        span = format_period(lo, "quarter")
    elif preset == "this_year":
        span = str(lo.year)
    else:
        span = day_range(lo, hi)
    return _("{preset} ({dates})", preset=base, dates=span)

"""The plain data of a report: what the deck, the workbook, the CSV and the chart
images are written from.

A :class:`Report` is built from the KPI engine by
:func:`metrics_core.export.build.build_report`, or by hand (tests, other tools).
It holds no pandas objects other than small chart frames, and round-trips
through JSON (:meth:`Report.to_json` / :meth:`Report.from_json`) so that another
process (the chart-image renderer) can read it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..catalogue import KINDS_BY_NAME, kind_label
from ..i18n import _, N_
from ..formatting import format_day, format_days_named, format_value
from ..mapping.evidence import found_by
from ..mapping.presets import PRESETS_BY_NAME
from ..metrics.model import FAMILIES

FAMILY_LABELS = dict(FAMILIES)
#: Breakdown dimensions (``by``) as a header or a note names them, marked for translation.
BY_WORDS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year"),
            "channel": N_("Channel"), "agent": N_("Agent"), "team": N_("Team"), "priority": N_("Priority")}


def by_word(by: str) -> str:
    """A breakdown dimension as a sentence names it ("month", "mesec"; a column of the owner's file as it is named,
    "ticket type")."""
    return _(BY_WORDS[by]).lower() if by in BY_WORDS else by.replace("_", " ")


CHART_KINDS = ("line", "bar", "stacked", "heatmap")
DEFAULT_TITLE = N_("Customer service KPIs")
UNNAMED_TITLE = N_("Customer service report")         # a report with no title nor business name


@dataclass
class KpiRow:
    """One headline KPI: its value, the target and the previous period."""

    metric_id: str
    label: str
    family: str
    value: float | None
    unit: str
    n: int = 0
    target: float | None = None
    previous: float | None = None
    change: float | None = None            # value − previous (points for %, seconds for durations)
    higher_is_better: bool | None = True
    reason: str | None = None              # why ``value`` is None
    text: str | None = None                # how the value reads when the number alone means little (brand attributes)
    change_state: str | None = None        # metrics_core.report_view.compute.CHANGE_STATES, None without a comparison
    target_state: str | None = None        # "met", "missed" or None
    change_low: float | None = None        # 95 % interval of the change (same unit as ``change``)
    change_high: float | None = None
    margin: float | None = None            # NPS: 95 % margin of error in points
    change_words: str = ""                 # "▲ +2.3 pp, better", "no clear change (+0.4 pp)"
    target_words: str = ""                 # "✔ Meets the 85 % target"
    margin_words: str = ""                 # "± 6.2 points"
    few_units: str = ""                    # a rate from few units: why it is uncertain, with its 95 % range
    few_units_short: str = ""              # … the same in the card's words: "too few to be sure" (At a glance)
    sentence: str = ""                     # what happened, in one sentence, for the KPI's slide
    caveat: str = ""                       # what the value rests on (date-only durations, the period it covers …)
    per_currency: bool = False             # money in several currencies: no value, ``text`` gives one per currency
    basis: str = ""                        # what the value rests on, as the card's line says it: "from 7 people, too
                                           # few to be sure" (report_view.words.basis_line)
    note: str = ""                         # what the card says beyond value, change and target, for a table's note:
                                           # its reason or caveat, few units, a partial change (words.note_words)

    @property
    def note_text(self) -> str:
        """The KPI's note as the workbook and the CSV write it: :attr:`note` (the card's, from the report's view),
        else, in a row made by hand, its reason or its caveat."""
        return self.note or self.reason or self.caveat

    def value_text(self, currency: str = "€") -> str:
        """The value as a table shows it: ``text`` when set, else the formatted number."""
        return self.text or format_value(self.value, self.unit, currency)

    @property
    def relative_change(self) -> float | None:
        """``change / |previous|`` as a fraction, or None."""
        if self.change is None or not self.previous:
            return None
        return self.change / abs(self.previous)

    @property
    def direction(self) -> str:
        """``"up"``, ``"down"``, ``"flat"`` or ``""`` (no previous value)."""
        if self.change is None or _nan(self.change):
            return ""
        if self.change > 0:
            return "up"
        if self.change < 0:
            return "down"
        return "flat"

    @property
    def verdict(self) -> str:
        """``"good"``, ``"bad"`` or ``"neutral"``: a clear change read with the KPI's direction;
        a change inside its noise, a zero change and an untested one are neutral.

        >>> row = KpiRow("resolution_time", "Resolution time", "tickets", 7200.0, "seconds", previous=3600.0,
        ...              change=3600.0, higher_is_better=False)
        >>> row.direction, row.verdict, row.relative_change
        ('up', 'bad', 1.0)
        >>> KpiRow("csat", "CSAT", "customer_experience", 80.4, "%", change=0.4, change_state="unclear").verdict
        'neutral'
        """
        if self.change_state is not None:
            return {"better": "good", "worse": "bad"}.get(self.change_state, "neutral")
        if self.direction in ("", "flat") or self.higher_is_better is None:
            return "neutral"
        better = (self.direction == "up") == bool(self.higher_is_better)
        return "good" if better else "bad"

    @property
    def on_target(self) -> bool | None:
        """Whether the value meets the target (None without a target or a direction)."""
        if self.target_state is not None:
            return self.target_state == "met"
        if self.value is None or self.target is None or self.higher_is_better is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


@dataclass
class ChartData:
    """One chart: a small table whose index holds the category labels (periods or
    groups) and whose columns are the series, in the KPI's unit (% on 0..100,
    durations in seconds).

    ``kind`` is ``"line"`` (a trend over periods), ``"bar"`` (a breakdown by a
    category), ``"stacked"`` (shares that add up, e.g. NPS promoters / passives /
    detractors per period) or ``"heatmap"`` (counts in a grid: weekdays in the index,
    hours of the day as columns).
    """

    chart_id: str
    title: str
    family: str
    kind: str
    unit: str
    frame: pd.DataFrame
    metric_id: str = ""
    by: str = ""                        # "month", "week", … or the column broken down by
    counts: list[int] | None = None     # n per category
    target: float | None = None
    period_starts: list[str] | None = None   # ISO dates of the periods' starts (trends): a date axis on slides
    currency: str | None = None         # money in another currency than the report's (files in several currencies)
    partial: list[int] = field(default_factory=list)   # positions of the periods the data covers only in part (trends)
    note: str = ""                      # what the points rest on, under the axis as the window writes it (date-only
                                        # durations: the card's caveat, metrics.plausibility.chart_note)

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"chart kind must be one of {CHART_KINDS}, not {self.kind!r}")

    @property
    def categories(self) -> list[str]:
        return [str(c) for c in self.frame.index]

    @property
    def series_names(self) -> list[str]:
        return [str(c) for c in self.frame.columns]

    def values(self, series: str) -> list[float | None]:
        """The values of one series, with ``None`` where there is no data."""
        return [None if _nan(v) else float(v) for v in self.frame[series].tolist()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "chart_id": self.chart_id, "title": self.title, "family": self.family, "kind": self.kind,
            "unit": self.unit, "metric_id": self.metric_id, "by": self.by, "target": self.target,
            "counts": None if self.counts is None else [int(c) for c in self.counts],
            "categories": self.categories, "period_starts": self.period_starts,
            "series": {name: self.values(name) for name in self.series_names},
            **({"currency": self.currency} if self.currency else {}),
            **({"partial": [int(i) for i in self.partial]} if self.partial else {}),
            **({"note": self.note} if self.note else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ChartData":
        frame = pd.DataFrame(
            {name: pd.array([float("nan") if v is None else v for v in vals], dtype="float64")
             for name, vals in d["series"].items()},
            index=pd.Index(d["categories"], dtype=object),
        )
        return cls(d["chart_id"], d["title"], d["family"], d["kind"], d["unit"], frame,
                   d.get("metric_id", ""), d.get("by", ""), d.get("counts"), d.get("target"), d.get("period_starts"),
                   d.get("currency"), list(d.get("partial") or []), d.get("note") or "")


@dataclass
class SourceInfo:
    """One file the report was computed from, and how its columns were read."""

    name: str
    path: str
    kind: str
    rows: int
    mapping: dict[str, Any] = field(default_factory=dict)   # Mapping.to_dict() (English reasons: JSON contract)
    reasons: dict[str, Any] = field(default_factory=dict)   # field -> why (an Evidence), read in the report's language

    @property
    def kind_label(self) -> str:
        """The data kind as a person reads it ("Tickets"), in the current language."""
        return kind_label(self.kind)

    @property
    def preset_label(self) -> str:
        """The export layout the file was read as ("Zendesk"), or ""."""
        preset = (self.mapping or {}).get("preset") or ""
        found = PRESETS_BY_NAME.get(preset)
        return found.translated_label if found is not None else str(preset)

    def mapping_rows(self) -> list[tuple[str, str, str, str]]:
        """(field, source columns, found by, why) of each mapped field, in the current language: the texts
        of the window's mapping editor (a reason is rendered from its template; a report read from JSON has
        only the English one)."""
        spec = KINDS_BY_NAME.get(self.kind)
        labels = {f.name: _(f.label) for f in spec.fields} if spec is not None else {}
        rows = []
        for name, fmap in ((self.mapping or {}).get("fields") or {}).items():
            fmap = fmap if isinstance(fmap, dict) else {"columns": [str(fmap)]}
            source = str(fmap.get("source", ""))
            why = self.reasons.get(name)
            rows.append((labels.get(name, name), ", ".join(map(str, fmap.get("columns", []))),
                         found_by(source),
                         str(why) if why else str(fmap.get("evidence", ""))))
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "path": self.path, "kind": self.kind, "rows": self.rows, "mapping": self.mapping}


@dataclass
class Report:
    """Everything a deck, a workbook or a CSV of the results shows."""

    title: str
    business_name: str
    period_start: date | None
    period_end: date | None
    made_at: datetime
    kpis: list[KpiRow] = field(default_factory=list)
    charts: list[ChartData] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    how_computed: dict[str, str] = field(default_factory=dict)   # metric_id -> text
    by: str = "month"
    currency: str = "€"
    previous_label: str = "previous period"    # what changes compare with: "September 2026"; "" = nothing
    notes: list[str] = field(default_factory=list)   # how the periods were chosen, shown with the sources
    shown: list[str] = field(default_factory=list)   # the KPIs the deck shows, in order (metric ids)
    breakdowns: dict[str, list[str]] = field(default_factory=dict)   # metric id -> columns broken down by
    comparison: str = "previous"               # "previous", "last_year" or "none"
    appendix: bool = False                     # the deck ends with the data used and how KPIs were computed
    logo: str | None = None                    # an image file for the title slide
    change_method: str = ""                    # how changes are judged against their noise

    @property
    def compared_with(self) -> str:
        """'the previous period', 'September 2026', or '' when nothing is compared."""
        return _("the previous period") if self.previous_label == "previous period" else self.previous_label

    @property
    def period_label(self) -> str:
        """'October 2026' for a whole calendar month, 'July – September 2026', '2026', '1 Oct – 24 Oct 2026'
        (:func:`~metrics_core.formatting_dates.format_days_named`), or 'all dates'."""
        if self.period_start is None and self.period_end is None:
            return _("all dates")
        if self.period_start and self.period_end:
            return format_days_named(self.period_start, self.period_end)
        start = format_day(self.period_start) if self.period_start else _("the start")
        end = format_day(self.period_end) if self.period_end else _("today")
        return f"{start} – {end}"

    def title_lines(self) -> tuple[str, str]:
        """The title and the line under it: the report's title and the business name, or "Customer service
        KPIs" under the business name when the title is the business name; "Customer service report" and
        nothing under it when neither is given."""
        first, second = self.title or self.business_name, self.business_name
        if not first:
            return _(UNNAMED_TITLE), ""
        return first, (_(DEFAULT_TITLE) if second == first else second)

    def shown_kpis(self) -> list[KpiRow]:
        """The rows of the KPIs the deck shows, in the chosen order (every KPI with a value when none was chosen)."""
        if not self.shown:
            return [r for r in self.kpis if r.value is not None]
        rows = {r.metric_id: r for r in self.kpis}
        return [rows[m] for m in self.shown if m in rows and rows[m].value is not None]

    def chart_currency(self, chart: ChartData) -> str:
        """The currency ``chart`` writes money in: its KPI's own when the files name several, else the report's."""
        return chart.currency or self.currency

    def per_currency_kpis(self) -> list[KpiRow]:
        """Money KPIs over files in several currencies: no one value, an amount per currency (at a glance)."""
        return [r for r in self.kpis if r.per_currency and (not self.shown or r.metric_id in self.shown)]

    def kpi(self, metric_id: str) -> KpiRow:
        for row in self.kpis:
            if row.metric_id == metric_id:
                return row
        raise KeyError(metric_id)

    def families_with_data(self) -> list[tuple[str, str]]:
        """(family id, label) of every family with a KPI value or a chart, in catalogue order."""
        used = {r.family for r in self.kpis if r.value is not None} | {c.family for c in self.charts}
        return [(fid, label) for fid, label in FAMILIES if fid in used]

    def family_kpis(self, family: str) -> list[KpiRow]:
        return [r for r in self.kpis if r.family == family and r.value is not None]

    def family_charts(self, family: str) -> list[ChartData]:
        """The family's charts drawn as charts (heat maps have slides of their own)."""
        return [c for c in self.charts if c.family == family and c.kind != "heatmap"]

    def heatmaps(self) -> list[ChartData]:
        return [c for c in self.charts if c.kind == "heatmap"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "business_name": self.business_name,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "made_at": self.made_at.isoformat(), "by": self.by, "currency": self.currency,
            "previous_label": self.previous_label, "notes": list(self.notes), "shown": list(self.shown),
            "breakdowns": {k: list(v) for k, v in self.breakdowns.items()}, "comparison": self.comparison,
            "appendix": self.appendix, "logo": self.logo, "change_method": self.change_method,
            "kpis": [{**r.__dict__} for r in self.kpis],
            "charts": [c.to_dict() for c in self.charts],
            "sources": [s.to_dict() for s in self.sources],
            "parameters": self.parameters, "how_computed": dict(self.how_computed),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, default=str)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        return cls(
            title=d["title"], business_name=d["business_name"],
            period_start=date.fromisoformat(d["period_start"]) if d.get("period_start") else None,
            period_end=date.fromisoformat(d["period_end"]) if d.get("period_end") else None,
            made_at=datetime.fromisoformat(d["made_at"]),
            kpis=[KpiRow(**r) for r in d.get("kpis", [])],
            charts=[ChartData.from_dict(c) for c in d.get("charts", [])],
            sources=[SourceInfo(**s) for s in d.get("sources", [])],
            parameters=d.get("parameters", {}), how_computed=d.get("how_computed", {}),
            by=d.get("by", "month"), currency=d.get("currency", "€"),
            previous_label=d.get("previous_label", "previous period"), notes=list(d.get("notes", [])),
            shown=list(d.get("shown", [])), breakdowns=dict(d.get("breakdowns", {})),
            comparison=d.get("comparison", "previous"), appendix=bool(d.get("appendix", False)),
            logo=d.get("logo"), change_method=d.get("change_method", ""),
        )

    @classmethod
    def from_json(cls, text: str) -> "Report":
        return cls.from_dict(json.loads(text))


def _nan(v: Any) -> bool:
    try:
        return v is None or math.isnan(float(v))
    except (TypeError, ValueError):
        return True

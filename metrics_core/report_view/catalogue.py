"""The one list of what is worth showing: families in order, the KPIs that lead each family's
story, the category columns a KPI is broken down by, the NPS parts, and the default choice of
KPIs for a short report. The window and every report read these; neither keeps its own."""

from __future__ import annotations

from typing import Any, Iterable

from ..catalogue import field_noun, value_label
from ..i18n import N_, _
from ..metrics.model import FAMILIES

FAMILY_IDS = tuple(family for family, _ in FAMILIES)

# The KPIs whose trends tell each family's story, best first.
LEAD_KPIS: dict[str, tuple[str, ...]] = {
    "customer_experience": ("csat", "nps", "ces"),
    "loyalty_value": ("retention_rate", "churn_rate", "repurchase_rate", "clv", "cash_flow"),
    "tickets": ("first_response_time", "resolution_time", "request_volume", "fcr", "resolution_rate", "backlog"),
    "calls": ("abandonment_rate", "average_wait_time", "service_level", "average_handle_time", "answer_rate"),
    "team_quality": ("iqs", "self_service_usage", "self_service_success", "employee_turnover"),
    "social": ("social_sentiment",),
}

# Category columns a KPI is broken down by, best first, per family; then the usual ones.
BREAKDOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "customer_experience": ("channel", "agent", "team"),
    "loyalty_value": ("channel", "referral_source", "loyalty_member"),
    "tickets": ("channel", "priority", "team", "type", "agent"),
    "calls": ("queue", "topic", "direction", "agent"),
    "team_quality": ("agent", "team"),
    "social": ("platform", "topic", "sentiment"),
}
USUAL_CATEGORIES = ("agent", "channel", "team", "queue", "platform", "topic", "priority", "segment", "type")
# KPIs a breakdown by a category means something for by these columns only, and what the owner is told instead:
# agents needed per agent said "1.0" for every agent of the PwC call log (Erlang C staffs a queue's calls, not a
# person's; its own chart is the Staffing tab, and its trend per day or week is the selected KPI's trend)
ONLY_BREAKDOWNS: dict[str, tuple[tuple[str, ...], str]] = {
    "staffing": (("queue",), N_("Agents needed are worked out for a queue's calls: a breakdown by agent, channel "
                                "or topic would say nothing. The Staffing tab shows the service level each number "
                                "of agents reaches.")),
}

# NPS answers by score: (key, series name, name with its scores), in the order of NpsDetails.shares().
NPS_PARTS: tuple[tuple[str, str, str], ...] = (
    ("promoters_pct", N_("Promoters"), N_("Promoters (9-10)")),
    ("passives_pct", N_("Passives"), N_("Passives (7-8)")),
    ("detractors_pct", N_("Detractors"), N_("Detractors (0-6)")),
)

# Data dated by joining or hiring, not by activity: they do not set the period "all dates" covers.
REGISTER_KINDS = ("customers", "staff")

# Counts of events: their changes are judged as Poisson counts.
EVENT_COUNTS = frozenset({"request_volume", "resolved_count"})

# A short report: at most this many KPIs chosen by default, taken in turn from each family.
DEFAULT_KPI_COUNT = 7


def breakdown_candidates(family: str) -> tuple[str, ...]:
    """The category columns a KPI of ``family`` may be broken down by, best first.

    >>> breakdown_candidates("calls")[:3]
    ('queue', 'topic', 'direction')
    """
    own = BREAKDOWN_COLUMNS.get(family, ())
    return own + tuple(c for c in USUAL_CATEGORIES if c not in own)


def breaks_down_by(metric_id: str, column: str | None) -> bool:
    """Whether a breakdown of ``metric_id`` by ``column`` means something (see :data:`ONLY_BREAKDOWNS`).

    >>> breaks_down_by("csat", "agent"), breaks_down_by("staffing", "agent"), breaks_down_by("staffing", "queue")
    (True, False, True)
    """
    only = ONLY_BREAKDOWNS.get(metric_id)
    return only is None or column in only[0]


def bars_of(points: Iterable[Any]) -> list[Any]:
    """The groups of a category breakdown (``engine.breakdown``'s points) that get a bar: those with a value. A group
    without one (the calls without an agent have no answered call, so no ASA) was listed with neither bar nor value,
    "(no agent)" in ASA by agent (shots16-a); the window's bars and the reports' charts both take their groups here.

    >>> from metrics_core.metrics.model import SeriesPoint
    >>> [p.label for p in bars_of([SeriesPoint("Ann", "Ann", 41.0, 3), SeriesPoint("(none)", "(none)", None, 2)])]
    ['Ann']
    """
    return [p for p in points if p.value is not None]


#: The group the engine's breakdowns put a row in when it has no value in the column (``engine.breakdown``).
NO_GROUP = "(none)"


def no_group_words(column: str | None) -> str:
    """The group of rows without a value in ``column``, as the window's bars and the reports' charts name it:
    "(no agent)"; "(none)" without a column."""
    return _("(no {column})", column=field_noun(column)) if column else _("(none)")


def group_label(column: str, label: str) -> str:
    """A breakdown group's label as a bar names it: the column's value in the owner's words (``value_label``), the
    rows without one "(no agent)" (:func:`no_group_words`).

    >>> group_label("agent", "(none)"), group_label("status", "closed"), group_label("agent", "Ana")
    ('(no agent)', 'Closed', 'Ana')
    """
    return no_group_words(column) if label == NO_GROUP else value_label(column, label)


def no_breakdown_words(metric_id: str) -> str:
    """Why ``metric_id`` is not broken down by the usual categories ("" for a KPI that is), untranslated."""
    only = ONLY_BREAKDOWNS.get(metric_id)
    return only[1] if only is not None else ""


def default_kpis(available: Iterable[str], count: int = DEFAULT_KPI_COUNT) -> list[str]:
    """The KPIs a report shows when the owner chose none: each family's lead KPIs taken in
    turn (the first of every family, then the second …) among ``available``, at most ``count``,
    then when customers contact the business (peak hours, a heat map) when it is available.

    >>> default_kpis(["nps", "csat", "abandonment_rate", "answer_rate", "iqs", "peak_hours"], 4)
    ['csat', 'abandonment_rate', 'iqs', 'nps', 'peak_hours']
    """
    have = set(available)
    leads = [[m for m in LEAD_KPIS[f] if m in have] for f in FAMILY_IDS]
    chosen: list[str] = []
    depth = 0
    while len(chosen) < count and any(len(ids) > depth for ids in leads):
        chosen.extend(ids[depth] for ids in leads if len(ids) > depth)
        depth += 1
    return chosen[:count] + (["peak_hours"] if "peak_hours" in have else [])

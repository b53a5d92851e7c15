"""How a target state and a change read — in words, with an icon, and in a colour from a
colour-blind-safe palette (Okabe & Ito: blue for better, vermillion for worse, grey for
neutral), so that nothing is told by colour alone. Cards, tables, slides and the workbook use these.

>>> from metrics_core.metrics.model import MetricResult
>>> from metrics_core.metrics.engine import Change
>>> from metrics_core.metrics.stats import Interval
>>> r = MetricResult("abandonment_rate", 18.9, "%", higher_is_better=False)
>>> o = KpiOutcome("abandonment_rate", r, Change(18.9, 14.2, 4.7, None, None, None), Interval(1.2, 8.1, "newcombe"), 15.0)
>>> change_words(o)
'▲ +4.7\\xa0pp, worse'
>>> target_words(o)
'✘ Misses the 15.0\\xa0% target'
>>> sentence("Abandonment rate", o).replace("\\xa0", " ")   # (each value's no-break space read as a space)
'Abandonment rate rose to 18.9 % from 14.2 %, above the 15.0 % target.'
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..catalogue import KINDS_BY_NAME, field_label
from ..formatting import format_change, format_number, format_value, quoted, result_caveat
from ..i18n import N_, Message, TextList, _, ngettext, one_full_stop, pgettext
from .compute import KpiOutcome, ViewResults
from .partial import PARTIAL_CHANGE_DETAIL, partial_words, period_grain

# Okabe–Ito colours (hex, no '#'): distinguishable with every common colour-vision deficiency.
BETTER = "0072B2"       # blue
WORSE = "D55E00"        # vermillion
NEUTRAL = "6B6B6B"      # grey
STATE_COLOURS = {"better": BETTER, "worse": WORSE, "met": BETTER, "missed": WORSE}
TARGET_ICONS = {"met": "✔", "missed": "✘"}
ARROWS = {"up": "▲", "down": "▼"}


def colour(state: str | None) -> str:
    """The hex colour of a change or target state (grey for anything not good or bad).

    >>> colour("worse"), colour("unclear"), colour(None)
    ('D55E00', '6B6B6B', '6B6B6B')
    """
    return STATE_COLOURS.get(state or "", NEUTRAL)


def change_words(outcome: KpiOutcome, currency: str = "€") -> str:
    """The change as a card or a table shows it: arrow, signed amount and whether it is better,
    worse, inside its noise ("no clear change") or none at all; empty without a comparison. A change from a
    period the KPI's data covers only in part says so, as a trend marks that period (``KpiOutcome.partial``):
    "▲ +9.8 pp, better (partial month)"; "(the earlier period is partial)" when only the other one is."""
    words = _change_words(outcome, currency)
    now, before = outcome.partial
    if not words or not (now or before):
        return words
    if now:
        change = outcome.change
        return _("{change} ({partial})", change=words,
                 partial=partial_words(period_grain(change.period_from, change.period_to + pd.Timedelta(days=1))))
    return _("{change} (the earlier period is partial)", change=words)


def partial_change_detail(outcome: KpiOutcome) -> str:
    """Why a change is marked partial, for its tooltip ("" when it is not)."""
    return _(PARTIAL_CHANGE_DETAIL) if outcome.change is not None and any(outcome.partial) else ""


def _change_words(outcome: KpiOutcome, currency: str) -> str:
    state, delta = outcome.change_state, outcome.delta
    if state is None or delta is None:
        return ""
    amount = format_change(delta, outcome.result.unit, currency, outcome.metric_id)
    arrow = ARROWS["up" if delta > 0 else "down"]
    if state == "flat":
        return _("no change")
    if state == "unclear":
        return _("no clear change ({change})", change=amount)
    if state == "better":
        return _("{arrow} {change}, better", arrow=arrow, change=amount)
    if state == "worse":
        return _("{arrow} {change}, worse", arrow=arrow, change=amount)
    if state == "untested":
        return _("{arrow} {change}, may be chance", arrow=arrow, change=amount)      # (no noise model for it)
    return _("{arrow} {change}", arrow=arrow, change=amount)


def interval_words(outcome: KpiOutcome, currency: str = "€") -> str:
    """The change's 95 % interval, for a tooltip or the workbook ("" without one)."""
    iv, unit = outcome.interval, outcome.result.unit
    if iv is None:
        return ""
    return _("95 % interval of the change: {low} to {high}", low=format_change(iv.low, unit, currency, outcome.metric_id),
             high=format_change(iv.high, unit, currency, outcome.metric_id))


def target_words(outcome: KpiOutcome, currency: str = "€") -> str:
    """'✔ Meets the 85 % target' / '✘ Misses the 15 % target'; empty without a target state."""
    state = outcome.target_state
    if state is None:
        return ""
    target = format_value(outcome.target, outcome.result.unit, currency)
    if state == "met":
        return _("{icon} Meets the {target} target", icon=TARGET_ICONS["met"], target=target)
    return _("{icon} Misses the {target} target", icon=TARGET_ICONS["missed"], target=target)


def target_short(outcome: KpiOutcome) -> str:
    """'✔ target met' / '✘ target missed' for a small card (its tooltip says the rest)."""
    state = outcome.target_state
    if state is None:
        return ""
    if state == "met":
        return _("{icon} target met", icon=TARGET_ICONS["met"])
    return _("{icon} target missed", icon=TARGET_ICONS["missed"])


def margin_words(outcome: KpiOutcome) -> str:
    """'± 6.2 points' for a KPI with a margin of error (NPS), else ''."""
    margin = outcome.result.margin_of_error
    if margin is None or outcome.value is None:
        return ""
    return _("± {margin} points", margin=format_number(margin, 1))


def few_units_words(outcome: KpiOutcome) -> str:
    """'too few to be sure' for a rate from fewer units than :data:`~metrics_core.metrics.plausibility.FEW_UNITS`
    (staff turnover "16.7 % from 7 people"), else '' — a card writes it after its "from 7 people"."""
    from ..metrics.plausibility import few_units
    from ..metrics.registry import get_metric

    if outcome.value is None or not few_units(get_metric(outcome.metric_id), outcome.result):
        return ""
    return _("too few to be sure")


def few_units_detail(outcome: KpiOutcome) -> str:
    """Why a rate from few units is marked, with its 95 % range where it has one (a tooltip, a slide's line)."""
    from ..metrics.plausibility import FEW_UNITS, rate_range

    if not few_units_words(outcome):
        return ""
    found = rate_range(outcome.result)
    if found is None:
        return _("A rate from fewer than {count} can move a lot by chance.", count=FEW_UNITS)
    low, high = (format_value(v, "%") for v in found)
    return _("A rate from fewer than {count} can move a lot by chance: the true rate is likely between {low} and "
             "{high} (95 % interval).", count=FEW_UNITS, low=low, high=high)


def per_period(by: str) -> str:
    """A trend's periods as its title (:func:`trend_title`) and the window's "No {kpi} values per {period}" name
    them: "month", sl "mesecih", sr "месецима" (the case after "po"/"по"); ``by`` itself when it is no period."""
    words = {"day": pgettext("per period", "day"), "week": pgettext("per period", "week"),
             "month": pgettext("per period", "month"), "quarter": pgettext("per period", "quarter"),
             "year": pgettext("per period", "year")}
    return words.get(by, by)


def trend_title(kpi: str, by: str) -> str:
    """A KPI's trend chart's title, the window's and the deck's (and the workbook's sheet): "CSAT by month", sl
    "… po mesecih", sr "… по месецима" (the deck said "CSAT – месец", its breakdowns' "{kpi} – {column}" form,
    where the window said "… по месецима").

    >>> trend_title("CSAT", "month")
    'CSAT by month'
    """
    return pgettext("trend title", "{kpi} by {period}", kpi=kpi, period=per_period(by))


# What one row of a data kind is, counted: "from 2,588 answers".
ROW_NOUNS = {
    "tickets": Message.plural("from {count} ticket", "from {count} tickets", 1),
    "messages": Message.plural("from {count} message", "from {count} messages", 1),
    "calls": Message.plural("from {count} call", "from {count} calls", 1),
    "surveys": Message.plural("from {count} answer", "from {count} answers", 1),
    "customers": Message.plural("from {count} customer", "from {count} customers", 1),
    "orders": Message.plural("from {count} order", "from {count} orders", 1),
    "reviews": Message.plural("from {count} review", "from {count} reviews", 1),
    "social": Message.plural("from {count} mention", "from {count} mentions", 1),
    "self_service": Message.plural("from {count} session", "from {count} sessions", 1),
    "staff": Message.plural("from {count} person", "from {count} people", 1),
    "cash": Message.plural("from {count} movement", "from {count} movements", 1),
    "call_intervals": Message.plural("from {count} interval", "from {count} intervals", 1),
    "replies": Message.plural("from {count} reply", "from {count} replies", 1),
}
ROWS = Message.plural("from {count} row", "from {count} rows", 1)


def basis_words(n: int, metric_id: str, counted: str = "") -> str:
    """How many rows a KPI rests on, in words: ``from 2,588 answers`` (``rows`` when several kinds count); a KPI
    whose count is of something else says what (``MetricSpec.counts``: repurchase rate counts customers, and read
    "from 1,042 orders" of 2,535 orders by 1,042 customers). ``counted``: what this result counts when that depends
    on the file that fed it (its ``details["counted"]``: average response time counts the replies of a messages
    file, else the tickets of a tickets file), which wins.

    >>> basis_words(316, "iqs"), basis_words(1, "employee_turnover"), basis_words(2588, "csat")
    ('from 316 reviews', 'from 1 person', 'from 2,588 rows')
    >>> basis_words(1042, "repurchase_rate"), basis_words(3, "clv_historical")
    ('from 1,042 customers', 'from 3 customers')
    >>> basis_words(1397, "average_response_time", "replies"), basis_words(2, "average_response_time", "tickets")
    ('from 1,397 replies', 'from 2 tickets')
    """
    from ..metrics.registry import REGISTRY

    spec = next((spec for spec in REGISTRY if spec.id == metric_id), None)
    kinds = (counted,) if counted else (spec.counts,) if spec is not None and spec.counts else \
        spec.kinds if spec is not None else ()
    noun = ROW_NOUNS.get(kinds[0], ROWS) if len(kinds) == 1 else ROWS
    return ngettext(noun.msgid, noun.plural_msgid or noun.msgid, n, count=format_number(n))


def basis_line(outcome: KpiOutcome) -> str:
    """What a KPI's value rests on, as its card's line says it and the deck's slide repeats it: "from 2,588 answers";
    a rate from few units "from 7 people, too few to be sure" (:func:`few_units_words`); '' without a value."""
    if outcome.value is None:
        return ""
    basis = basis_words(int(outcome.result.n or 0), outcome.metric_id, outcome.result.details.get("counted", ""))
    few = few_units_words(outcome)
    return _("{basis}, {note}", basis=basis, note=few) if few else basis


def readable_reason(result: Any) -> str:
    """Why a KPI has no value, with field ids replaced by the names users see in the import dialog
    (:func:`~metrics_core.catalogue.field_label`): each id once, as the kind the KPI reads names it (cash flow's
    ``'date'`` is "Date", not the calls' "Date (date part)"). The card, its charts, the workbook and the CSV say
    it with this one; the command line keeps the ids (``kpidesk compute``: the reason as the engine gives it).

    >>> from metrics_core.metrics.results import missing_field
    >>> readable_reason(missing_field("csat", "%", ["csat_score"]))
    'needs a column “CSAT score”, which no loaded file has'
    """
    missing = list(getattr(result, "missing_fields", None) or [])
    said = getattr(result, "reason", "") or ""
    reason = str(getattr(said, "shown", None) or said)        # (a setting by its name in the settings dialog)
    if not reason:
        reason = (_("needs {fields}", fields=TextList(tuple(f"'{m}'" for m in missing), "and")) if missing
                  else _("no data for these filters"))
    if missing:
        labels = {name: field_label(name, _kind_with(getattr(result, "metric_id", ""), name)) for name in missing}
        names = "|".join(re.escape(name) for name in sorted(missing, key=len, reverse=True))
        named: set[str] = set()

        def name_once(m: re.Match[str]) -> str:                   # "… (or contacts from more than one channel)":
            name = m[1] or m[2]                                   # a later bare word is the word, not the field
            if m[2] and name in named:
                return name
            named.add(name)
            return quoted(labels[name]) if m[1] else labels[name]

        reason = re.sub(rf"'({names})'|\b({names})\b", name_once, reason)  # one pass: a label keeps its id
    return reason.replace("needs the field", "needs a column").replace("which no loaded file provides",
                                                                        "which no loaded file has")


def _kind_with(metric_id: str, field_name: str) -> str | None:
    """The first data kind ``metric_id`` reads that has a field ``field_name`` (None: any kind)."""
    from ..errors import KpiDeskError
    from ..metrics.registry import get_metric

    try:
        kinds = get_metric(metric_id).kinds
    except KpiDeskError:
        return None
    return next((k for k in kinds if k in KINDS_BY_NAME and field_name in KINDS_BY_NAME[k].field_names()), None)


def note_words(outcome: KpiOutcome) -> str:
    """What a KPI's card says of its value beyond the value, its change and its target, as one text for a table's
    note (the workbook's Note column, the CSV's note): why it has no value (:func:`readable_reason`: the columns
    named as the card names them); else what the value rests on (its caveat: a date-only duration's, each CLV's
    "what it measures"), a rate's few units with their 95 % range, and why its change is marked partial — each the
    card's own words (the line or its tooltip), '' when it says none."""
    if outcome.value is None and outcome.result.reason:
        return readable_reason(outcome.result)
    caveat = result_caveat(outcome.result)
    parts = (caveat[0] if caveat else "", few_units_detail(outcome), partial_change_detail(outcome))
    return NOTE_SEPARATOR.join(p for p in parts if p)


NOTE_SEPARATOR = " \u00b7 "        # between a note's parts, each kept word for word as the card says it


def _target_kind(outcome: KpiOutcome) -> str:
    state = outcome.target_state
    if state is None:
        return "none"
    if state == "met":
        return "met"
    return "below" if outcome.higher_is_better else "above"


def _change_kind(outcome: KpiOutcome) -> str:
    state, delta = outcome.change_state, outcome.delta
    if state is None or delta is None:
        return "none"
    if state == "flat":
        return "flat"
    if state == "unclear":
        return "unclear"
    return "rose" if delta > 0 else "fell"


def comparison_gap(computed: ViewResults, *, in_report: bool = False) -> str:
    """Why no KPI shows a change although a comparison was chosen: all dates are shown, or the files hold no
    data in the comparison period (the same period last year before the files begin). "" otherwise.
    ``in_report``: said to a report's reader, who cannot choose a period (the window tells the owner how)."""
    if computed.no_comparison_reason == "all_dates":
        if in_report:
            return _("The report covers all dates, so there is no earlier period to compare with.")
        return _("All dates are shown, so there is no earlier period to compare with; choose a period "
                 "(a month, say) to see changes.")
    if computed.no_comparison_reason == "no_data" and computed.previous is not None:
        from ..formatting_dates import format_days_named

        first, end = computed.previous        # named as the report names its period: "October 2025", "2025"
        return _("Your files hold no data for {period} to compare with, so no KPI shows a change.",
                 period=format_days_named(first, end - pd.Timedelta(days=1)))
    return ""


def sentence(label: str, outcome: KpiOutcome, currency: str = "€", value_text: str | None = None) -> str:
    """One sentence that says what happened: 'Abandonment rate rose to 18.9 % from 14.2 %, above
    the 15 % target.' — a change inside its noise reads 'no clear change'."""
    unit = outcome.result.unit
    values = {"kpi": label, "value": value_text or format_value(outcome.value, unit, currency),
              "previous": format_value(outcome.change.previous if outcome.change else None, unit, currency),
              "target": format_value(outcome.target, unit, currency)}
    return one_full_stop(_(SENTENCES[(_change_kind(outcome), _target_kind(outcome))], **values))


SENTENCES = {
    ("rose", "none"): N_("{kpi} rose to {value} from {previous}."),
    ("rose", "met"): N_("{kpi} rose to {value} from {previous}, meeting the {target} target."),
    ("rose", "above"): N_("{kpi} rose to {value} from {previous}, above the {target} target."),
    ("rose", "below"): N_("{kpi} rose to {value} from {previous}, still below the {target} target."),
    ("fell", "none"): N_("{kpi} fell to {value} from {previous}."),
    ("fell", "met"): N_("{kpi} fell to {value} from {previous}, meeting the {target} target."),
    ("fell", "above"): N_("{kpi} fell to {value} from {previous}, still above the {target} target."),
    ("fell", "below"): N_("{kpi} fell to {value} from {previous}, below the {target} target."),
    ("unclear", "none"): N_("{kpi} was {value}, no clear change from {previous}."),
    ("unclear", "met"): N_("{kpi} was {value}, no clear change from {previous}; the {target} target is met."),
    ("unclear", "above"): N_("{kpi} was {value}, no clear change from {previous}; above the {target} target."),
    ("unclear", "below"): N_("{kpi} was {value}, no clear change from {previous}; below the {target} target."),
    ("flat", "none"): N_("{kpi} stayed at {value}."),
    ("flat", "met"): N_("{kpi} stayed at {value}, meeting the {target} target."),
    ("flat", "above"): N_("{kpi} stayed at {value}, above the {target} target."),
    ("flat", "below"): N_("{kpi} stayed at {value}, below the {target} target."),
    ("none", "none"): N_("{kpi} was {value}."),
    ("none", "met"): N_("{kpi} was {value}, meeting the {target} target."),
    ("none", "above"): N_("{kpi} was {value}, above the {target} target."),
    ("none", "below"): N_("{kpi} was {value}, below the {target} target."),
}

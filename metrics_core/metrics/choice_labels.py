"""The choices of KPI settings as a person reads them.

A choice's value (``when_no_resolved_column``) is a contract of the settings file and the CLI; the
settings page shows its label, in the window's language.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _

#: (parameter name, value) -> label; a value alone applies to every parameter that offers it.
CHOICE_LABELS: dict[Any, str] = {
    "auto": N_("automatic"),
    "day": N_("daily"), "week": N_("weekly"), "month": N_("monthly"), "quarter": N_("quarterly"), "year": N_("yearly"),
    ("direction", "effort"): N_("a high score means more effort"),
    ("direction", "ease"): N_("a high score means less effort"),
    ("closed_as_resolved", "when_no_resolved_column"): N_("when the file has no resolved time"),
    ("closed_as_resolved", "for_missing_rows"): N_("also for tickets closed without a resolved time"),
    ("closed_as_resolved", "never"): N_("never"),
    ("measure_from", "filed"): N_("from when the complaint was filed"),
    ("measure_from", "escalated"): N_("from when the complaint was escalated"),
    ("measure", "first_response"): N_("first response"),
    ("measure", "resolution"): N_("resolution"),
    "offered": N_("offered calls"),
    "answered": N_("answered calls"),
    ("denominator", "answered_and_late_abandoned"): N_("answered calls and calls abandoned after the threshold"),
    ("method", "resolved_flag"): N_("the file's resolved flag"),
    ("method", "no_repeat_call"): N_("no repeat call from the same caller"),
    ("goal", "service_level"): N_("service level"),
    ("goal", "asa"): N_("average speed of answer"),
    ("interval", "busiest"): N_("the busiest interval"),
    ("against", "previous"): N_("the period before"),
    ("against", "last_year"): N_("the same period last year"),
}


def choice_label(parameter: str, value: Any) -> str:
    """``value`` of ``parameter`` as the settings show it, in the current language (``1-5`` stays ``1-5``)."""
    if value is None:
        return _("automatic")
    text = CHOICE_LABELS.get((parameter, value)) or CHOICE_LABELS.get(value)
    return _(text) if text else str(value)

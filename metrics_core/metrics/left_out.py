"""Why rows are left out of a duration KPI, as whole sentences per kind of row.

Each text names its rows itself ("tickets with …", "complaints closed …") rather than filling a
``{what}`` slot with a noun: in Slovenian, Romanian and Serbian the words around the noun agree with
it in gender and number, so a translator needs the whole sentence.
"""

from __future__ import annotations

from ..i18n import N_

#: rows -> reason -> text. ``negative``: end before start; ``no_value``: the duration is missing;
#: ``closed_only``: closed without a resolved time and not counted (see ``closed_as_resolved``).
LEFT_OUT: dict[str, dict[str, str]] = {
    "tickets": {
        "negative": N_("tickets with a negative duration (end before start)"),
        "closed_only": N_("tickets closed without a resolved time (not counted; closing time can be counted "
                          "with the setting “Closing time counts as resolution”)"),
    },
    "complaints": {
        "negative": N_("complaints with a negative duration (end before start)"),
        "closed_only": N_("complaints closed without a resolved time (not counted; closing time can be counted "
                          "with the setting “Closing time counts as resolution”)"),
    },
    "replies": {"negative": N_("replies with a negative duration (end before start)")},
    "answered_calls": {"negative": N_("answered calls with a negative duration (end before start)"),
                       "no_value": N_("answered calls without a value")},
    "handled_calls": {"negative": N_("handled calls with a negative duration (end before start)"),
                      "no_value": N_("handled calls without a value")},
}


def left_out(rows: str, reason: str) -> str:
    """The sentence for ``rows`` (a key of :data:`LEFT_OUT`) left out for ``reason``."""
    return LEFT_OUT[rows][reason]

"""Words a native owner reads badly, session 20 (s20-words, docs/screen_reviews/shots20-words.md). Each expected text is
written out by hand.

- sv: hold time was "parkeringstid", our own word; "parkera" is Swedish telephony's call park (Teams' "Parkera
  samtal"), a different feature, and the sv seed article's "väntetid" is the queue wait (ASA, "Genomsnittlig
  väntetid"). A call on hold is "i vänteläge": "Genomsnittlig tid i vänteläge", and the same word in its column
  and its formulas."""

from __future__ import annotations

from metrics_core.i18n import _, language
from metrics_core.metrics.registry import get_metric


def test_swedish_hold_time_is_time_on_hold_not_parking() -> None:
    with language("sv"):
        texts = [_(get_metric("average_hold_time").label), _("Hold time"), _("Total in-call hold / handled calls."),
                 _("(Talk + hold + after-call work) / handled calls."), _(get_metric("average_wait_time").label)]
    assert texts == ["Genomsnittlig tid i vänteläge", "Tid i vänteläge",
                     "Total tid i vänteläge under samtal / hanterade samtal.",
                     "(Samtal + vänteläge + efterarbete) / hanterade samtal.",
                     "Genomsnittlig väntetid (ASA)"], texts


def test_a_swedish_hold_time_column_is_recognised_as_hold_not_wait() -> None:
    from metrics_core.mapping.synonyms import header_match
    hold, wait = header_match("calls", "hold_s", "Tid i vänteläge")[0], header_match("calls", "wait_s", "Tid i vänteläge")[0]
    assert hold >= 0.9 and hold > wait, (hold, wait)

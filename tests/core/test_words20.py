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


def test_agents_needed_counts_calls_like_the_call_cards_beside_it() -> None:
    """sl/sr 22_all_cards: "Potrebni agenti (Erlang C) … iz 3.501 vrstice" ("rows") beside "iz 3.501 klica" on every
    other call card, the same 3,501 calls. Its rows are calls (or a call log's intervals), and it says so."""
    from metrics_core.report_view.words import basis_words
    from tests.core.metrics.builders import make_frames
    from tests.core.metrics.test_staffing_settings import quarter_hour_rows, run

    calls = make_frames()["calls"]
    from_calls, from_intervals = run({"calls": calls}), run({"call_intervals": quarter_hour_rows()})
    words = [basis_words(int(r.n), "staffing", r.details.get("counted", "")) for r in (from_calls, from_intervals)]
    assert words == [f"from {from_calls.n} calls", "from 8 intervals"], words        # (n: the inbound calls)
    with language("sl"):
        assert basis_words(3501, "staffing", from_calls.details["counted"]) == "iz 3.501 klica"
    with language("sr"):
        assert basis_words(3501, "staffing", from_calls.details["counted"]) == "из 3.501 позива"

"""Words a native owner reads badly, session 20 (s20-words, docs/screen_reviews/shots20-words.md). Each expected text is
written out by hand.

- sv: hold time was "parkeringstid", our own word; "parkera" is Swedish telephony's call park (Teams' "Parkera
  samtal"), a different feature, and the sv seed article's "väntetid" is the queue wait (ASA, "Genomsnittlig
  väntetid"). A call on hold is "i vänteläge": "Genomsnittlig tid i vänteläge", and the same word in its column
  and its formulas.
- Agents needed counted "rows" beside the call cards' "calls", and its line alone started with a capital.
- sr: a ticket's creation "креирање" in the formulas, "настанак" in its column and the cards.
- The deck titled its trends "… – месец" where the window says "… по месецима"."""

from __future__ import annotations

import pytest

from metrics_core.i18n import _, language
from metrics_core.metrics.registry import get_metric
from tests.core.metrics.builders import make_frames


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
    from tests.core.metrics.test_staffing_settings import quarter_hour_rows, run

    calls = make_frames()["calls"]
    from_calls, from_intervals = run({"calls": calls}), run({"call_intervals": quarter_hour_rows()})
    words = [basis_words(int(r.n), "staffing", r.details.get("counted", "")) for r in (from_calls, from_intervals)]
    assert words == [f"from {from_calls.n} calls", "from 8 intervals"], words        # (n: the inbound calls)
    with language("sl"):
        assert basis_words(3501, "staffing", from_calls.details["counted"]) == "iz 3.501 klica"
    with language("sr"):
        assert basis_words(3501, "staffing", from_calls.details["counted"]) == "из 3.501 позива"


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_the_staffing_cards_line_starts_lowercase_like_every_other_cards_line(code) -> None:
    """sl/sr 22_all_cards: "Dosegli bi 86 % v 20 s; …", "Постигли би 86% у 20 с; …" (en "Would reach …") was the one
    card line starting with a capital, under "za 1. maj – 31. okt. 2026", "po stanju, na dan …", "delež pozitivnih
    omemb". A card's line continues its figure: lowercase, in every language (the calls-per-interval lines too)."""
    from metrics_core.metrics.call_staffing import staffing_calculator
    from tests.core.metrics.test_staffing_settings import quarter_hour_rows, run

    rows = quarter_hour_rows()
    measured = run({"calls": make_frames()["calls"]})
    typed = staffing_calculator({"arrivals": 40, "aht_s": 180}, {})
    lines = []
    with language(code):
        for result in (measured, run({"call_intervals": rows}), typed):
            lines.append(str(result.details["caveat"]))
    assert all(line[0].islower() for line in lines), lines
    assert len({line.split()[0] for line in lines}) == 2, lines           # "would reach …", "for …" (twice)


def test_serbian_names_a_tickets_creation_one_way() -> None:
    """sr deck, "How these KPIs were worked out": "Просек (први одговор − креирање)" and "(решено − креирано)" beside
    the column "Време настанка" and the card's "по времену настанка и решавања": one word, the column's."""
    from babel.messages.pofile import read_po

    from metrics_core.i18n import LOCALE_DIR

    with language("sr"):
        texts = [_("Mean of first response − created over tickets that got a response; tickets still waiting are "
                   "reported separately. Shown per channel by default."),
                 _("Mean of resolved − created over resolved tickets; the closing time counts only when the file has "
                   "no resolved time, or row by row when chosen."),
                 _("Tickets unresolved at the end of each period: created ≤ t and (resolved > t or never).")]
    assert texts[0].startswith("Просек (први одговор − настанак) за захтеве"), texts[0]
    assert texts[1].startswith("Просек (решење − настанак) за решене захтеве"), texts[1]
    assert texts[2] == "Захтеви нерешени на крају сваког периода: настали ≤ t и (решени > t или никад).", texts[2]
    with open(LOCALE_DIR / "sr" / "LC_MESSAGES" / "kpidesk.po", "rb") as f:
        strings = [m.string for m in read_po(f) if m.id and isinstance(m.string, str)]
    assert [s for s in strings if "креир" in s.lower()] == []


@pytest.mark.parametrize("code, title", [("en", "First response time by month"),
                                         ("sl", "Čas prvega odziva po mesecih"),
                                         ("sr", "Време првог одговора по месецима"),
                                         ("sv", "Tid till första svar (FRT) per månad")])
def test_the_decks_trend_is_titled_as_the_windows(code, title) -> None:
    """sr deck: "Време првог одговора – месец" (the breakdowns' "{kpi} – {column}" form) under a trend the window
    titles "Време првог одговора по месецима". Both now title it with ``trend_title``, in each language's case (the
    English deck's "by month" kept: its workbook names its sheets so)."""
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.cli.report_cmd import demo_files
    from metrics_core.export.report_charts import trend_chart
    from metrics_core.metrics.engine import Filters
    from metrics_core.metrics.model import MetricInputs

    bundle = load_bundle([str(p) for p in demo_files() if p.stem == "tickets"], None, {})
    with language(code):
        chart = trend_chart(MetricInputs.from_bundle(bundle), "first_response_time", None, Filters(None, None),
                            "month", None)
    assert chart.title == title, chart.title

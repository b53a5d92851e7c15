"""Lists of words inside a sentence are joined one way, CLDR's, in every language (s19-words).

Session 18 left English joining three kinds "tickets or calls or social mentions": ``TextList`` joined English with
the bare conjunction between every pair while the other languages took CLDR's list patterns. The expected texts
below are written out by hand from CLDR's "or" and "standard" list patterns (en "a, b, or c", sl "a, b ali c",
ro "a, b sau c", sv "a, b eller c", sr "a, b или c") and each language's own words for the kinds."""

from __future__ import annotations

import pytest

from metrics_core.catalogue import kinds_text
from metrics_core.i18n import TextList, language

THREE_KINDS = {            # kinds_text(("tickets", "calls", "social")): request volume's "no contacts" reason
    "en": "tickets, calls, or social mentions",
    "sl": "zahtevki, klici ali omembe na družbenih omrežjih",
    "ro": "tichete, apeluri sau mențiuni pe rețelele sociale",
    "sv": "ärenden, samtal eller omnämnanden i sociala medier",
    "sr": "захтеви, позиви или помињања на друштвеним мрежама",
    "sr-Latn": "zahtevi, pozivi ili pominjanja na društvenim mrežama",
}
TWO_KINDS = {"en": "tickets or calls", "sl": "zahtevki ali klici", "ro": "tichete sau apeluri",
             "sv": "ärenden eller samtal", "sr": "захтеви или позиви", "sr-Latn": "zahtevi ili pozivi"}
THREE_AND = {"en": "a, b, and c", "sl": "a, b in c", "ro": "a, b și c", "sv": "a, b och c", "sr": "a, b и c",
             "sr-Latn": "a, b i c"}


@pytest.mark.parametrize("code", THREE_KINDS)
def test_three_kinds_are_joined_as_the_language_joins_a_list(code) -> None:
    with language(code):
        assert str(kinds_text(("tickets", "calls", "social"))) == THREE_KINDS[code]
        assert str(kinds_text(("tickets", "calls"))) == TWO_KINDS[code]
        assert str(kinds_text("tickets")) == TWO_KINDS[code].split()[0]


@pytest.mark.parametrize("code", THREE_AND)
def test_and_lists_take_the_languages_serial_comma_or_none(code) -> None:
    with language(code):
        assert str(TextList(("a", "b", "c"), "and")) == THREE_AND[code]
        assert str(TextList(("a",), "and")) == "a" and str(TextList((), "or")) == ""


def test_a_reason_naming_three_kinds_reads_as_english_writes_a_list() -> None:
    """The English a JSON ``reason`` keeps (``Message.english``) takes the same join."""
    from metrics_core.metrics.common import empty_result

    result = empty_result("request_volume", "count", ("tickets", "calls", "social"), higher_is_better=None)
    assert "tickets, calls, or social mentions" in result.reason.english(), result.reason.english()
    assert " or calls or " not in result.reason.english()


# Lists that were joined by hand inside a sentence ("a.csv, b.csv and c.csv" by a "{files} and {last}" text of its own;
# ", " alone elsewhere, so the sentence lost its "and") now take the same join.

def test_files_without_an_id_column_are_listed_as_the_language_lists() -> None:
    from metrics_core.merging import MergeNote

    note = MergeNote("tickets", "ticket_id", without_id=("a.csv", "b.csv", "c.csv"))
    assert note.describe().startswith("Tickets: a.csv, b.csv, and c.csv have no ticket_id column"), note.describe()
    with language("sl"):
        assert "a.csv, b.csv in c.csv" in note.describe(), note.describe()


def test_a_kpi_needing_two_fields_names_them_with_and() -> None:
    from metrics_core.validation import KpiCheck, ValidationReport

    report = ValidationReport("tickets", 10, 10, kpis=[KpiCheck("fcr", "First contact resolution", ["tickets"],
                                                                ["ticket_id", "created_at"])])
    last = report.to_text().splitlines()[-1]
    assert last.endswith("'Ticket ID' (ticket_id) and 'Created at' (created_at)."), last
    with language("sv"):
        last = report.to_text().splitlines()[-1]
    assert " och " in last and ", " not in last, last


def test_a_reason_made_from_missing_fields_joins_them_with_and() -> None:
    from types import SimpleNamespace

    from metrics_core.report_view.words import readable_reason

    said = readable_reason(SimpleNamespace(missing_fields=["agent", "csat_score", "created_at"], reason="",
                                           metric_id="csat"))
    assert ", and " in said and said.count(",") == 2, said
    with language("ro"):
        said = readable_reason(SimpleNamespace(missing_fields=["agent", "csat_score"], reason="", metric_id="csat"))
    assert " și " in said and "," not in said, said


def test_a_group_note_names_the_kinds_in_the_language() -> None:
    """``kpidesk compute --group``'s note put the kinds' ids, English, into every language's sentence."""
    from types import SimpleNamespace

    from metrics_core.cli.compute_cmd import _group_note

    spec = SimpleNamespace(kinds=("tickets", "calls", "social"), translated_label="Request volume")
    inputs = SimpleNamespace(frames={"tickets": None, "calls": None, "social": None})
    assert "(tickets, calls, and social mentions)" in _group_note(spec, inputs, "Region")
    with language("sl"):
        text = _group_note(spec, inputs, "Region")
    assert "(zahtevki, klici in omembe na družbenih omrežjih)" in text, text
